"""The conversation service on a real SQLite store: turns, files, submission and resume."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.conversation import Conversation
from casestore import Store
from statemachine.flows import intake

TODAY = date(2026, 11, 23)
TO_DOCUMENTS: list[Any] = [
    "en",
    True,
    "tenant",
    "private",
    "Vestergade 12",
    "8000",
    "maintenance",
    [],
    None,
    "company",
    "Bolig A/S",
    "",
    False,
    "Fix the windows.",
    True,
]


@pytest.fixture
def conversation(tmp_path: Path) -> Conversation:
    store = Store.open(f"sqlite:///{tmp_path / 'naevn.db'}", tmp_path / "blobs")
    return Conversation(store, intake.engine(), lambda: TODAY)


def _walk(conv: Conversation, values: list[Any]) -> tuple[str, str, dict[str, Any]]:
    started = conv.start("da")
    turn = started.turn
    for value in values:
        turn = conv.answer(started.session, {"value": value})
        assert turn["errors"] == [], (turn["state"], value, turn["errors"])
    return started.session, started.resume_code, turn


def test_each_turn_is_saved_and_resumable(conversation: Conversation) -> None:
    session, code, turn = _walk(conversation, ["en", True, "tenant"])
    assert turn["state"] == "ask_housing"
    resumed = conversation.resume(code.replace("-", " ").lower())
    assert resumed.session == session and resumed.turn["state"] == "ask_housing"
    assert conversation.current(session)["state"] == "ask_housing"


def test_wrong_resume_code_is_not_found(conversation: Conversation) -> None:
    from statemachine.errors import NotFoundError

    with pytest.raises(NotFoundError):
        conversation.resume("0000-0000-0000-0000")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: None, "no file"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"\x7fELF" + bytes(100)), "program"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "archive"),
        (lambda p: p.write_bytes(bytes(range(256)) * 4), "type we accept"),
    ],
)
def test_refused_files_keep_the_question(
    conversation: Conversation, tmp_path: Path, make: Any, expected: str
) -> None:
    session, _, turn = _walk(conversation, TO_DOCUMENTS)
    assert turn["state"] == "ask_attachment"
    path = tmp_path / "upload.pdf"
    make(path)
    again = conversation.answer(session, {"value": {"path": str(path)}})
    assert again["state"] == "ask_attachment" and again["item"] == turn["item"]
    assert expected in " ".join(again["errors"]).lower()


def test_accepted_file_is_stored_by_content(conversation: Conversation, tmp_path: Path) -> None:
    session, _, turn = _walk(conversation, TO_DOCUMENTS)
    path = tmp_path / "billede.pdf"
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    path.write_bytes(png)
    after = conversation.answer(session, {"value": {"path": str(path)}})
    assert after["errors"] == [] and after["item"] != turn["item"]
    with conversation.store.read() as tx:
        [row] = tx.attachments_of_draft(session)
    assert (row.media_type, row.filename, row.size) == ("image/png", "billede.pdf", len(png))
    assert conversation.store.blobs.path_of(row.sha256).read_bytes() == png


def test_full_filing_gets_a_case_number(conversation: Conversation, tmp_path: Path) -> None:
    pdf = tmp_path / "lease.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    session, _, turn = _walk(conversation, TO_DOCUMENTS)
    while turn["state"] == "ask_attachment":
        value: Any = {"path": str(pdf)} if turn["input"]["required"] else "missing"
        turn = conversation.answer(session, {"value": value})
        if turn["state"] == "ask_attachment_reason":
            turn = conversation.answer(session, {"value": "Not made"})
    for value in ["Anna Jensen", "anna@example.dk", "", None, "continue", True]:
        turn = conversation.answer(session, {"value": value})
        assert turn["errors"] == [], turn
    assert turn["done"] and turn["case_number"] == "751-10001"
    assert turn["actions"] == []
    late = conversation.answer(session, {"value": True})
    assert late["errors"] and late["case_number"] == "751-10001"
    with conversation.store.read() as tx:
        case = tx.get_case("751-10001")
    assert case.case_type == "maintenance"
    assert {p["role"] for p in case.parties} == {"filer", "counterparty"}
    assert case.attachments and all(a["requirement"] for a in case.attachments)
