"""A replacement in a text: the span it covers, what stands there instead, what it is and who
found it; and how a set of them is chosen (no overlaps) and applied."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from statemachine.text import N_, Text, t

Kind = Literal["person", "organisation", "address", "cpr", "email", "phone", "account"]
"""What a span is: a person's or an organisation's name, a street address, a CPR number, an
e-mail address, a phone number or an account number (reg.nr. and kontonr., or an IBAN)."""

KINDS: Final[tuple[Kind, ...]] = (
    "person",
    "organisation",
    "address",
    "cpr",
    "email",
    "phone",
    "account",
)

KIND_LABELS: Final[dict[str, str]] = {
    "person": N_("Name"),
    "organisation": N_("Organisation"),
    "address": N_("Address"),
    "cpr": N_("CPR number"),
    "email": N_("E-mail address"),
    "phone": N_("Phone number"),
    "account": N_("Account number"),
}
"""Each kind's name, for the console."""

Source = Literal["party", "pattern", "name_list", "caseworker"]
"""Who found a span: the case's own parties, a pattern (numbers, e-mail, addresses), the name
recogniser, or the caseworker by hand."""

SOURCE_LABELS: Final[dict[str, str]] = {
    "party": N_("A party of the case"),
    "pattern": N_("Pattern"),
    "name_list": N_("Name recogniser"),
    "caseworker": N_("Added by hand"),
}
"""Each source's name, for the console."""

_RANK: Final[dict[str, int]] = {"party": 0, "caseworker": 0, "pattern": 1, "name_list": 2}

PLACEHOLDERS: Final[dict[str, str]] = {
    "address": N_("[address]"),
    "cpr": N_("[CPR no.]"),
    "email": N_("[e-mail]"),
    "phone": N_("[phone no.]"),
    "account": N_("[account no.]"),
}
"""What stands instead of a number or an address (in the decision's language)."""


@dataclass(frozen=True)
class Span:
    """One proposed replacement of a piece of the text."""

    start: int
    """Where it starts in the text (a character offset)."""
    end: int
    """Where it ends (exclusive)."""
    original: str
    """The text it covers: ``text[start:end]``."""
    replacement: Text
    """What stands there instead, untranslated (rendered in the decision's language)."""
    kind: Kind
    """What it is."""
    source: Source
    """Who found it."""


def placeholder(kind: Kind) -> Text:
    """The placeholder of a number or an address kind."""
    return t(PLACEHOLDERS[kind])


def choose(candidates: Iterable[Span]) -> tuple[Span, ...]:
    """The candidates that do not overlap, in text order.

    The case's own parties win over patterns and patterns over the name recogniser; among
    equals the longer span wins, then the earlier one.
    """
    taken: list[Span] = []
    ordered = sorted(
        candidates, key=lambda s: (_RANK[s.source], -(s.end - s.start), s.start, s.end)
    )
    for span in ordered:
        if span.end <= span.start:
            continue
        if all(span.end <= o.start or span.start >= o.end for o in taken):
            taken.append(span)
    return tuple(sorted(taken, key=lambda s: s.start))


def apply(text: str, replacements: Sequence[tuple[int, int, str]]) -> str:
    """The text with each ``(start, end, replacement)`` put in place (they must not overlap).

    Raises:
        ValueError: two replacements overlap, or one lies outside the text.
    """
    out: list[str] = []
    at = 0
    for start, end, new in sorted(replacements):
        if start < at or end > len(text) or end < start:
            raise ValueError(f"replacement {start}:{end} overlaps another or lies outside")
        out.append(text[at:start])
        out.append(new)
        at = end
    out.append(text[at:])
    return "".join(out)
