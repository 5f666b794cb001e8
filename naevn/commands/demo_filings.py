"""The demo's filers: three scripted filings through the real dialogue, varied in names,
addresses and dates so that two hundred of them read like a tribunal's caseload."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from typing import Any

from assistant.service.conversation import Conversation
from naevn.letter import pdf_letter
from statemachine.errors import InvalidInputError

DEMO_ACTOR = "naevn demo"
"""The audit actor that marks demo cases."""

SCRIPT_DAY = date(2026, 11, 23)
"""The day the scripts' dates were written for; a filing on another day shifts them along."""

DOCUMENTS = {
    "varsling.pdf": pdf_letter(
        [
            "Varsel om lejeforhøjelse",
            "Vestergade 12, 2. th., 2300 København S",
            "Lejen stiger fra 7.500 kr. til 8.200 kr. om måneden fra 1. januar 2027.",
            "Med venlig hilsen, Jens Hansen ApS",
        ]
    ),
    "lejekontrakt.txt": b"Lejekontrakt\nLejer: Anna Jensen\nUdlejer: Jens Hansen ApS\n",
    "forbrugsregnskab.txt": b"Varmeregnskab 2025/26\nEfterbetaling: 1.600 kr.\n",
    "advarsel.txt": b"Skriftlig advarsel om larm efter kl. 23, sendt 1. september 2026.\n",
}

FILINGS: list[tuple[str, list[Any]]] = [
    (
        "da",
        [
            "da",
            True,
            "tenant",
            "private",
            "Vestergade 12, 2. th.",
            "2300",
            "101",
            "rent_increase",
            [],
            "1/10/2026",
            True,
            "5/10/2026",
            "7500",
            "8200",
            None,
            "company",
            "Jens Hansen ApS",
            "Nørregade 1, 1000 København K",
            False,
            "Lejeforhøjelsen er ugyldig, fordi varslingen ikke siger, hvorfor lejen stiger.",
            True,
            "varsling.pdf",
            "lejekontrakt.txt",
            "missing",
            "Vi har kun talt i telefon.",
            "",
            "",
            "",
            "Anna Jensen",
            True,
            "anna@example.dk",
            "12 34 56 78",
            None,
            "continue",
            True,
        ],
    ),
    (
        "da",
        [
            "da",
            True,
            "landlord",
            "person",
            "private",
            "Skovvej 4, 1. tv.",
            "2100",
            "utility_accounts",
            [],
            "2/9/2026",
            True,
            "1/10/2026",
            None,
            "Peter Madsen",
            "Skovvej 4, 1. tv., 2100 København Ø",
            False,
            "Lejeren skal betale 1.600 kr. for varme, som regnskabet viser.",
            True,
            "forbrugsregnskab.txt",
            "lejekontrakt.txt",
            "missing",
            "Kun mundtligt.",
            "",
            "",
            "Karen Holm",
            "Skovvej 2, 2100 København Ø",
            "karen@udlejning.dk",
            "",
            None,
            "continue",
            True,
        ],
    ),
    (
        "en",
        [
            "en",
            True,
            "landlord",
            "organisation",
            "social",
            "Parkvej 10, st. tv.",
            "2400",
            "house_rules",
            [],
            True,
            None,
            "Lone Berg",
            "Parkvej 10, st. tv., 2400 København NV",
            "The tenant plays loud music at night and was warned in writing.",
            True,
            "advarsel.txt",
            "lejekontrakt.txt",
            "missing",
            "No answer to our letters.",
            "",
            "",
            "Boligforeningen Parkvej",
            "10150817",
            "Lise Holm",
            "Parkvej 1, 2400 København NV",
            "post@parkvej.dk",
            "66 11 22 33",
            None,
            "continue",
            True,
        ],
    ),
]


# What varies between filings of one script: its strings that name a person, a company or
# an address, each with the choices it is drawn from.
_FIRST = ("Anna", "Mette", "Lars", "Sofie", "Jens", "Karen", "Niels", "Ida", "Freja", "Mads",
          "Emma", "Rasmus", "Julie", "Henrik", "Maria", "Søren", "Camilla", "Thomas")  # fmt: skip
_LAST = ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
         "Sørensen", "Rasmussen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen",
         "Møller", "Holm", "Lund", "Berg", "Dahl", "Kjær", "Bach", "Friis", "Krogh")  # fmt: skip
_STREETS = ("Vestergade", "Østerbrogade", "Nørrebrogade", "Amagerbrogade", "Jagtvej",
            "Istedgade", "Strandboulevarden", "Frederikssundsvej", "Tagensvej", "Classensgade",
            "Blegdamsvej", "Gothersgade", "Sankt Hans Gade", "Holmbladsgade")  # fmt: skip
_FLOORS = ("st. tv.", "st. th.", "1. tv.", "1. th.", "2. tv.", "2. th.", "3. mf.", "4. th.")
_COMPANIES = ("Ejendomme ApS", "Ejendomsselskab A/S", "Udlejning ApS", "Invest A/S")
_PERSONS = {"Anna Jensen", "Peter Madsen", "Karen Holm", "Lone Berg", "Lise Holm"}
_HOMES = {"Vestergade 12, 2. th.", "Skovvej 4, 1. tv.", "Parkvej 10, st. tv."}
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def varied(script: list[Any], rng: random.Random, filed: date) -> list[Any]:
    """A script with its people, companies and home drawn afresh, and its dates moved by as
    many days as ``filed`` is from :data:`SCRIPT_DAY`."""
    people: dict[str, str] = {}
    home = f"{rng.choice(_STREETS)} {rng.randint(1, 180)}, {rng.choice(_FLOORS)}"
    shift = filed - SCRIPT_DAY

    def swap(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if value in _PERSONS:
            return people.setdefault(value, f"{rng.choice(_FIRST)} {rng.choice(_LAST)}")
        if value == "Jens Hansen ApS":
            return f"{rng.choice(_LAST)} {rng.choice(_COMPANIES)}"
        for old in _HOMES:
            if value.startswith(old):
                return home + value[len(old) :]
        if value.endswith("@example.dk") and people:
            first = next(iter(people.values())).split()[0].lower()
            return f"{first.replace('ø', 'oe').replace('æ', 'ae').replace('å', 'aa')}@example.dk"
        found = _DATE.match(value)
        if found:
            day = date(int(found[3]), int(found[2]), int(found[1])) + shift
            return f"{day.day}/{day.month}/{day.year}"
        return value

    return [swap(value) for value in script]


def file(conversation: Conversation, lang: str, answers: list[Any], folder: Path) -> str:
    """File one case by answering the dialogue's questions in turn; returns its number.

    Raises:
        InvalidInputError: the dialogue refused an answer, or ended without filing (the
            script is out of step with the dialogue).
    """
    started = conversation.start(lang)
    turn = started.turn
    for value in answers:
        is_document = isinstance(value, str) and value in DOCUMENTS
        answer = {"path": str(folder / value)} if is_document else value
        turn = conversation.answer(started.session, {"value": answer})
        if turn["errors"]:
            raise InvalidInputError(f"demo script stopped at {turn['state']}: {turn['errors']}")
    if not turn["case_number"]:
        raise InvalidInputError(f"demo script ended at {turn['state']} without filing")
    return str(turn["case_number"])
