"""``naevn demo``: realistic demo cases, filed through the real dialogue, for a first look."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, TextIO

from assistant.service.conversation import Conversation
from naevn.letter import pdf_letter
from statemachine.errors import ConflictError, InvalidInputError
from statemachine.text import t

DEMO_ACTOR = "naevn demo"
"""The audit actor that marks demo cases."""


_DOCUMENTS = {
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

_FILINGS: list[tuple[str, list[Any]]] = [
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
            "Aarhus",
            "utility_accounts",
            [],
            "2/9/2026",
            True,
            "1/10/2026",
            None,
            "Peter Madsen",
            "Skovvej 4, 1. tv., 8000 Aarhus C",
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
            "Skovvej 2, 8000 Aarhus C",
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
            "5000",
            "house_rules",
            [],
            True,
            None,
            "Lone Berg",
            "",
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
            "Parkvej 1, 5000 Odense C",
            "post@parkvej.dk",
            "66 11 22 33",
            None,
            "continue",
            True,
        ],
    ),
]


def has_demo(conversation: Conversation) -> bool:
    """Whether the store already holds the demo cases."""
    with conversation.store.read() as tx:
        first = tx.list_cases(limit=1)
        return bool(first) and any(
            e["actor"] == DEMO_ACTOR for e in tx.get_case(first[0].number).events
        )


def load(conversation: Conversation, out: TextIO, *, force: bool) -> list[str]:
    """File the demo cases through the dialogue and return their numbers.

    Raises:
        ConflictError: the store holds real cases and ``force`` is not set.
    """
    with conversation.store.read() as tx:
        holds_cases = bool(tx.list_cases(limit=1))
    if holds_cases and not force:
        if has_demo(conversation):
            out.write("The demo cases are already loaded.\n")
            return []
        raise ConflictError(t("This store holds real cases. Use --force to add demo cases anyway."))
    numbers = []
    with tempfile.TemporaryDirectory() as folder:
        for name, content in _DOCUMENTS.items():
            (Path(folder) / name).write_bytes(content)
        for lang, answers in _FILINGS:
            numbers.append(_file(conversation, lang, answers, Path(folder)))
    for number in numbers:
        with conversation.store.begin() as tx:
            tx.record_event("demo.case", actor=DEMO_ACTOR, case_number=number)
        out.write(f"demo case {number}\n")
    return numbers


def _file(conversation: Conversation, lang: str, answers: list[Any], folder: Path) -> str:
    started = conversation.start(lang)
    turn = started.turn
    for value in answers:
        is_document = isinstance(value, str) and value in _DOCUMENTS
        answer = {"path": str(folder / value)} if is_document else value
        turn = conversation.answer(started.session, {"value": answer})
        if turn["errors"]:
            raise InvalidInputError(f"demo script stopped at {turn['state']}: {turn['errors']}")
    if not turn["case_number"]:
        raise InvalidInputError(f"demo script ended at {turn['state']} without filing")
    return str(turn["case_number"])
