"""The proposal: every replacement the anonymisation suggests for a text, from the case's own
parties first, then the patterns, then the name recogniser."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from statemachine.anonymisation.names import find_names
from statemachine.anonymisation.parties import KnownParty, find_parties
from statemachine.anonymisation.patterns import find_patterns
from statemachine.anonymisation.spans import Span, choose
from statemachine.text import N_, t

PERSON: Final = N_("[person {letter}]")
PERSON_GENITIVE: Final = N_("[person {letter}'s]")
"""Another person the text names, lettered A, B, C ... in the order they first appear."""


def _letter(n: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[n] if n < len(letters) else f"{letters[n // 26 - 1]}{letters[n % 26]}"


def _other_names(text: str, taken: tuple[Span, ...]) -> list[Span]:
    """The recogniser's names outside the ``taken`` spans, each person lettered: a surname or
    first name seen before as part of a fuller name keeps that person's letter."""
    letters: dict[tuple[str, ...], str] = {}
    by_part: dict[str, str] = {}
    found: list[Span] = []
    for name in find_names(text):
        if any(name.start < o.end and o.start < name.end for o in taken):
            continue
        key = name.parts
        letter = letters.get(key)
        if letter is None and len(key) == 1:
            letter = by_part.get(key[0])
        if letter is None:
            letter = _letter(len(set(letters.values())))
        letters[key] = letter
        for part in key:
            if not part.endswith("."):
                by_part.setdefault(part, letter)
        replacement = t(PERSON_GENITIVE if name.genitive else PERSON, letter=letter)
        found.append(
            Span(
                name.start,
                name.end,
                text[name.start : name.end],
                replacement,
                "person",
                "name_list",
            )
        )
    return found


def propose(text: str, parties: Iterable[KnownParty] = ()) -> tuple[Span, ...]:
    """The replacements for ``text``, in text order and never overlapping.

    Args:
        text: the decision text (or any text of the case: a hearing letter, an access request).
        parties: the case's own parties, found first and named by their role.
    """
    known = choose([*find_parties(text, tuple(parties)), *find_patterns(text)])
    return choose([*known, *_other_names(text, known)])
