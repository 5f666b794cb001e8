"""The conversation service on a real SQLite store: turns, files, submission and resume;
which transaction each answer runs in; stale tabs, retried requests and tokens."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.protocol import Turn
from assistant.service.conversation import Accepted, Conversation, Started
from casestore import Store
from statemachine.errors import AccessError, ConflictError, InvalidInputError, NotFoundError
from statemachine.flows import intake
from tests import samples

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

PDF = samples.PDF
"""The smallest file the checker takes as a PDF."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'naevn.db'}", tmp_path / "blobs")
    yield opened
    opened.close()


@pytest.fixture
def conversation(store: Store) -> Conversation:
    return Conversation(store, intake.engine(), lambda: TODAY)


def _walk(conv: Conversation, values: list[Any]) -> tuple[str, str, Turn]:
    started, turn = _walk_started(conv, values)
    return started.session, started.resume_code, turn


def _walk_started(conv: Conversation, values: list[Any]) -> tuple[Started, Turn]:
    started = conv.start("da")
    turn = started.turn
    for value in values:
        turn = conv.answer(started.session, {"value": value}, token=started.token)
        assert turn["errors"] == [], (turn["state"], value, turn["errors"])
    return started, turn


def test_each_turn_is_saved_and_resumable(conversation: Conversation) -> None:
    session, code, turn = _walk(conversation, ["en", True, "tenant"])
    assert turn["state"] == "ask_housing"
    resumed = conversation.resume(code.replace("-", " ").lower())
    assert resumed.session == session and resumed.turn["state"] == "ask_housing"
    assert conversation.current(session)["state"] == "ask_housing"


def test_wrong_resume_code_is_not_found(conversation: Conversation) -> None:
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


def test_accepted_file_is_stored_by_content(
    conversation: Conversation, store: Store, tmp_path: Path
) -> None:
    session, _, turn = _walk(conversation, TO_DOCUMENTS)
    path = tmp_path / "billede.pdf"
    png = samples.PNG
    path.write_bytes(png)
    after = conversation.answer(session, {"value": {"path": str(path)}})
    assert after["errors"] == [] and after.get("item") != turn.get("item")
    with store.read() as tx:
        [row] = tx.attachments_of_draft(session)
    assert (row.media_type, row.filename, row.size) == ("image/png", "billede.pdf.png", len(png))
    assert store.blobs.path_of(row.sha256).read_bytes() == png


def _to_declaration(conv: Conversation, folder: Path) -> tuple[str, Turn]:
    """A filing answered up to its declaration, the one answer that files the case."""
    pdf = folder / "lease.pdf"
    pdf.write_bytes(samples.PDF)
    session, _, turn = _walk(conv, TO_DOCUMENTS)
    while turn["state"] == "ask_attachment":
        value: Any = {"path": str(pdf)} if turn["input"]["required"] else "missing"
        turn = conv.answer(session, {"value": value})
        if turn["state"] == "ask_attachment_reason":
            turn = conv.answer(session, {"value": "Not made"})
    for value in ["Anna Jensen", True, "anna@example.dk", "", None, "continue"]:
        turn = conv.answer(session, {"value": value})
        assert turn["errors"] == [], turn
    assert turn["state"] == "ask_declaration"
    return session, turn


def test_full_filing_gets_a_case_number(
    conversation: Conversation, store: Store, tmp_path: Path
) -> None:
    session, _ = _to_declaration(conversation, tmp_path)
    turn = conversation.answer(session, {"value": True})
    assert turn["errors"] == [], turn
    assert turn["done"] and turn["case_number"] == "751-10001"
    assert turn["actions"] == []
    late = conversation.answer(session, {"value": True})
    assert late["errors"] and late["case_number"] == "751-10001"
    with store.read() as tx:
        case = tx.get_case("751-10001")
    assert case.case_type == "maintenance"
    assert {p["role"] for p in case.parties} == {"filer", "counterparty"}
    assert case.attachments and all(a["requirement"] for a in case.attachments)


class Opened:
    """Which of the store's read-write transactions the answers opened, in order."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.kinds: list[str] = []
        self.rolled_back: list[str] = []
        begin, drafts = store.begin, store.draft_transaction
        monkeypatch.setattr(store, "begin", lambda: self._spy("full", begin()))
        monkeypatch.setattr(store, "draft_transaction", lambda: self._spy("drafts", drafts()))

    @contextmanager
    def _spy(self, kind: str, opened: AbstractContextManager[Any]) -> Iterator[Any]:
        self.kinds.append(kind)
        try:
            with opened as tx:
                yield tx
        except BaseException:
            self.rolled_back.append(kind)
            raise


def test_an_ordinary_answer_takes_the_draft_path_and_the_declaration_the_full_store(
    conversation: Conversation, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, _ = _to_declaration(conversation, tmp_path)
    other = conversation.start("da").session
    opened = Opened(store, monkeypatch)
    assert conversation.answer(other, {"value": "en"})["state"] == "show_privacy"
    assert conversation.answer(session, {"action": "help"})["state"] == "ask_declaration"
    turn = conversation.answer(session, {"value": True})
    assert turn["case_number"] == "751-10001"
    # No first attempt on the draft path that finds it must file, and is rolled back.
    assert (opened.kinds, opened.rolled_back) == (["drafts", "drafts", "full"], [])


def test_a_draft_that_moved_to_its_declaration_after_the_peek_is_filed_once(
    conversation: Conversation, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, at = _to_declaration(conversation, tmp_path)
    # As if another tab answered the review between the peek and this transaction.
    monkeypatch.setattr(store, "draft_state", lambda draft_id: "review")
    opened = Opened(store, monkeypatch)
    turn = conversation.answer(session, {"value": True}, idempotency_key="k1")
    assert turn["case_number"] == "751-10001" and turn["version"] == at["version"] + 2
    # The draft path stopped before writing anything; the full store did the work once.
    assert opened.kinds == ["drafts", "full"] and opened.rolled_back == ["drafts"]
    assert conversation.answer(session, {"value": True}, idempotency_key="k1") == turn
    with store.read() as tx:
        assert [c.number for c in tx.list_cases()] == ["751-10001"]


def test_a_retried_request_replays_its_turn_and_a_reused_key_is_refused(
    conversation: Conversation, store: Store, tmp_path: Path
) -> None:
    session, _, _ = _walk(conversation, ["en", True])
    first = conversation.answer(session, {"value": "tenant"}, idempotency_key="k1")
    again = conversation.answer(session, {"value": "tenant"}, idempotency_key="k1")
    assert again == first and first["state"] == "ask_housing"
    assert conversation.current(session)["version"] == first["version"]
    with pytest.raises(InvalidInputError):
        conversation.answer(session, {"value": "landlord"}, idempotency_key="k1")
    session, _ = _to_declaration(conversation, tmp_path)
    filed = conversation.answer(session, {"value": True}, idempotency_key="declare")
    assert conversation.answer(session, {"value": True}, idempotency_key="declare") == filed
    with store.read() as tx:
        assert len(tx.list_cases()) == 1


def test_a_stale_tab_gets_a_conflict_that_carries_the_turn_now(
    conversation: Conversation,
) -> None:
    session, _, turn = _walk(conversation, ["en", True])
    moved = conversation.answer(session, {"value": "tenant", "version": turn["version"]})
    with pytest.raises(ConflictError) as raised:
        conversation.answer(session, {"value": "landlord", "version": turn["version"]})
    assert raised.value.details == {"turn": conversation.current(session)}
    now = raised.value.details["turn"]
    assert (now["state"], now["lang"], now["version"]) == ("ask_housing", "en", moved["version"])


def test_the_clock_is_read_once_a_turn(store: Store) -> None:
    readings: list[date] = []

    def today() -> date:
        readings.append(TODAY)
        return TODAY

    conversation = Conversation(store, intake.engine(), today)
    started = conversation.start("da")
    conversation.answer(started.session, {"value": "en"})
    conversation.current(started.session)
    assert len(readings) == 3


def test_someone_elses_token_opens_nothing(conversation: Conversation) -> None:
    started = conversation.start("da")
    other = conversation.start("da")
    assert conversation.current(started.session, token=started.token)["state"] == "ask_language"
    for call in (
        lambda: conversation.current(started.session, token=other.token),
        lambda: conversation.answer(started.session, {"value": "en"}, token=other.token),
        lambda: conversation.room_for_files(started.session, other.token),
    ):
        with pytest.raises(AccessError):
            call()
    assert conversation.current(started.session)["version"] == started.turn["version"]


def test_an_upload_is_checked_kept_and_then_named_by_its_id(
    conversation: Conversation, store: Store
) -> None:
    started, turn = _walk_started(conversation, TO_DOCUMENTS)
    session, token = started.session, started.token
    assert conversation.room_for_files(session, token) == turn["lang"] == "en"

    def uploaded() -> Accepted:
        with conversation.upload() as upload:
            upload.write(PDF)
            return conversation.accept_file(upload, "../lejekontrakt.pdf")

    refused = uploaded()
    with pytest.raises(AccessError):
        conversation.record_file(session, refused, conversation.start("da").token)
    # A file that could not be recorded leaves nothing behind.
    assert not store.blobs.exists(refused.blob.sha256)
    meta = conversation.record_file(session, uploaded(), token)
    assert (meta["filename"], meta["media_type"]) == ("lejekontrakt.pdf", "application/pdf")
    after = conversation.answer(session, {"value": {"attachment": meta["id"]}}, token=token)
    assert after["errors"] == [] and after.get("item") != turn.get("item")
    with store.read() as tx:
        assert [a.id for a in tx.attachments_of_draft(session)] == [meta["id"]]


def test_a_path_on_the_service_s_disk_is_refused_over_http(
    conversation: Conversation, store: Store, tmp_path: Path
) -> None:
    started, turn = _walk_started(conversation, TO_DOCUMENTS)
    secret = tmp_path / "server-secret.pdf"
    secret.write_bytes(samples.PDF)
    again = conversation.answer(
        started.session, {"value": {"path": str(secret)}}, token=started.token
    )
    assert again["state"] == "ask_attachment" and again["errors"]
    assert again.get("item") == turn.get("item")
    with store.read() as tx:
        assert tx.attachments_of_draft(started.session) == []
