"""The case's own parties as entities to find: each name in the forms a decision writes it, in
Danish inflection, with the placeholder of the party's role.

A person "Hans Peter Hansen" is found as "Hans Peter Hansen", "Hans Hansen", "H.P. Hansen",
"H. Hansen", "Hansen" and "Hans", each also in the genitive ("Hansens", "Hans'"). An
organisation "Slemme Rasss A/S" is found with and without its company form, and in the genitive
("Slemme Rasss A/S'", "Slemme Rasss'"). Their e-mail addresses, phone numbers and street
addresses are found as written in the records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from statemachine.anonymisation.namelist import FIRST_NAMES
from statemachine.anonymisation.names import TITLES
from statemachine.anonymisation.spans import Kind, Span, placeholder
from statemachine.text import N_, Text, t

PartyRole = Literal["tenant", "landlord", "tenant_board", "representative", "party"]
"""How the decision names a party once anonymised."""

ROLE_PLACEHOLDERS: Final[dict[str, tuple[str, str]]] = {
    "tenant": (N_("[tenant]"), N_("[tenant's]")),
    "landlord": (N_("[landlord]"), N_("[landlord's]")),
    "tenant_board": (N_("[tenants' board]"), N_("[tenants' board's]")),
    "representative": (N_("[representative]"), N_("[representative's]")),
    "party": (N_("[party]"), N_("[party's]")),
}
"""Each role's placeholder, plain and in the genitive."""

NUMBERED_PLACEHOLDERS: Final[dict[str, tuple[str, str]]] = {
    "tenant": (N_("[tenant {number}]"), N_("[tenant {number}'s]")),
    "landlord": (N_("[landlord {number}]"), N_("[landlord {number}'s]")),
    "tenant_board": (N_("[tenants' board {number}]"), N_("[tenants' board {number}'s]")),
    "representative": (N_("[representative {number}]"), N_("[representative {number}'s]")),
    "party": (N_("[party {number}]"), N_("[party {number}'s]")),
}
"""The same, numbered, when a role has more than one party."""

COMPANY_FORMS: Final = (
    "A/S",
    "ApS",
    "I/S",
    "K/S",
    "P/S",
    "IVS",
    "A.m.b.a.",
    "AMBA",
    "F.m.b.a.",
    "SMBA",
    "S.m.b.a.",
)
"""Company forms that a decision may leave out when it names the company."""

_POSTCODE: Final = re.compile(r",?\s*\b\d{4}\s+[A-ZÆØÅ].*$")


@dataclass(frozen=True)
class KnownParty:
    """A party of the case as the store knows it."""

    role: PartyRole
    """How the decision names it once anonymised."""
    name: str
    """Its name as recorded."""
    organisation: bool = False
    """Whether it is a company or another organisation (else a person)."""
    address: str | None = None
    """Its postal address, if recorded."""
    email: str | None = None
    """Its e-mail address, if recorded."""
    phone: str | None = None
    """Its phone number, if recorded."""


def genitive(name: str) -> tuple[str, ...]:
    """The genitive forms of a name: "Hansen" → "Hansens"; "Jens" → "Jens'" (and "Jens's");
    "A/S" → "A/S'" and "A/S's"."""
    if not name:
        return ()
    if name[-1] in "sxzSXZ":
        return (name + "'", name + "'s")
    if not name[-1].isalnum():
        return (name + "'", name + "'s", name + "s")
    return (name + "s", name + "'s")


def _plain(name: str) -> str:
    return " ".join(name.replace("\u00a0", " ").split())


def person_forms(name: str) -> tuple[str, ...]:
    """The forms a person's name is written in (not yet inflected)."""
    words = _plain(name).split()
    if not words:
        return ()
    forms = [" ".join(words)]
    if len(words) >= 2:
        first, last = words[0], words[-1]
        middle = words[1:-1]
        forms.append(f"{first} {last}")
        initials = "".join(f"{w[0]}." for w in words[:-1])
        forms.append(f"{initials} {last}")
        forms.append(f"{'. '.join(w[0] for w in words[:-1])}. {last}")
        forms.append(f"{first[0]}. {last}")
        if middle:
            forms.append(" ".join(words[1:]))
        forms.append(last)
        if "-" in last:
            forms.extend(last.split("-"))
        forms.append(first)
    return tuple(dict.fromkeys(f for f in forms if len(f) >= 2))


def organisation_forms(name: str) -> tuple[str, ...]:
    """The forms an organisation's name is written in (not yet inflected)."""
    plain = _plain(name)
    forms = [plain]
    for form in COMPANY_FORMS:
        if plain.endswith(" " + form):
            short = plain[: -len(form)].rstrip(" ,")
            if len(short) >= 3:
                forms.append(short)
    return tuple(dict.fromkeys(forms))


def _street(address: str) -> str:
    """The part of an address below the postcode: "Vej 1, 2. th., 2300 By" → "Vej 1, 2. th."."""
    return _POSTCODE.sub("", _plain(address)).rstrip(" ,")


@dataclass(frozen=True)
class _Form:
    text: str
    kind: Kind
    replacement: Text
    single: bool = False
    """A first name or a surname alone: not the party when it is part of a longer name."""


def _forms(parties: tuple[KnownParty, ...]) -> list[_Form]:
    counts: dict[str, int] = {}
    for party in parties:
        counts[party.role] = counts.get(party.role, 0) + 1
    numbers: dict[str, int] = {}
    found: list[_Form] = []
    for party in parties:
        if not party.name.strip():
            continue
        numbers[party.role] = numbers.get(party.role, 0) + 1
        if counts[party.role] > 1:
            plain_id, gen_id = NUMBERED_PLACEHOLDERS[party.role]
            plain = t(plain_id, number=numbers[party.role])
            gen = t(gen_id, number=numbers[party.role])
        else:
            plain_id, gen_id = ROLE_PLACEHOLDERS[party.role]
            plain, gen = t(plain_id), t(gen_id)
        kind: Kind = "organisation" if party.organisation else "person"
        names = organisation_forms(party.name) if party.organisation else person_forms(party.name)
        for form in names:
            single = kind == "person" and " " not in form
            found.append(_Form(form, kind, plain, single))
            found.extend(_Form(g, kind, gen, single) for g in genitive(form))
        if party.email:
            found.append(_Form(party.email.strip(), "email", placeholder("email")))
        if party.phone and len(re.sub(r"\D", "", party.phone)) >= 8:
            found.append(_Form(party.phone.strip(), "phone", placeholder("phone")))
        if party.address and len(_street(party.address)) >= 5:
            found.append(_Form(_street(party.address), "address", placeholder("address")))
    return found


_NAME_BEFORE: Final = re.compile(r"(?:^|(?<=[^\wæøåÆØÅ.-]))([A-ZÆØÅ][\wæøåÆØÅ-]*\.?) $")
_SENTENCE_START: Final = re.compile(r"(?:^|[.!?:;\n]\s*)$")
_NAME_AFTER: Final = re.compile(r"^ [A-ZÆØÅ][a-zæøå]")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a single name word stands inside another person's name ("Poul Dahl-Petersen"
    for the party Jonas Dahl-Petersen, "Peter Mikkelsen" for the party Peter Jensen)."""
    window = text[max(0, start - 30) : start]
    before = _NAME_BEFORE.search(window)
    if before:
        word = before.group(1)
        if word in FIRST_NAMES or (len(word) == 2 and word.endswith(".")):
            return True
        at_start = bool(_SENTENCE_START.search(window[: before.start(1)]))
        if not at_start and not word.endswith(".") and word.lower() not in TITLES:
            return True
    return bool(_NAME_AFTER.match(text[end : end + 3]))


def find_parties(text: str, parties: tuple[KnownParty, ...]) -> Iterator[Span]:
    """Every place the text names one of the parties, or gives their contact details."""
    for form in _forms(parties):
        flags = re.IGNORECASE if form.kind == "email" else 0
        pattern = re.compile(
            r"(?<![\wæøåÆØÅ@.-])" + re.escape(form.text) + r"(?![\wæøåÆØÅ@'-])", flags
        )
        for match in pattern.finditer(text):
            if form.single and _in_longer_name(text, match.start(), match.end()):
                continue
            yield Span(
                match.start(), match.end(), match.group(0), form.replacement, form.kind, "party"
            )
