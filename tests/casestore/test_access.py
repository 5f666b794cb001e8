"""Mine sager in the store: access codes, mailed sign-in codes, sessions, attempts, a party's
reads and a reply that lands on the case with its audit line (both backends)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

import casestore.migrate
from casestore import QueryError, Store, access_digest, new_access_code, normalise_access_code
from casestore.engine import make_engine
from tests.casestore.helpers import START, file_case

TODAY = date(2026, 11, 23)


@pytest.fixture
def number(store: Store) -> str:
    return file_case(store, 1, documents=1)


def ids(store: Store, number: str) -> tuple[int, int, int]:
    """(case id, filer party id, counterparty party id)."""
    with store.read() as tx:
        work = tx.casework(number)
    by_role = {p["role"]: p["id"] for p in work.parties}
    return work.case_id, by_role["filer"], by_role["counterparty"]


def hearing(store: Store, number: str, counterparty: int) -> int:
    with store.begin() as tx:
        work = tx.casework(number)
        row = tx.start_hearing(
            number,
            expected_version=work.version,
            party_id=counterparty,
            reply_due=date(2026, 12, 14),
            material=[work.attachments[0]["id"]],
            note="Please reply.",
            actor="staff:1",
            next_deadline=None,
            next_rule=None,
            mail=[],
        )
    return row.id


def test_a_code_is_found_by_its_digest_however_it_is_typed(store: Store, number: str) -> None:
    case_id, filer, _ = ids(store, number)
    code = new_access_code()
    with store.begin() as tx:
        code_id = tx.add_access_code(
            case_id, kind="case", code_hash=access_digest(code), party_id=filer
        )
    typed = code.lower().replace("-", " ")
    with store.read() as tx:
        found = tx.find_access_code(access_digest(typed))
        assert tx.find_access_code(access_digest("0000-0000-0000-0000")) is None
    assert found is not None
    assert (found.id, found.number, found.kind, found.party_id) == (code_id, number, "case", filer)
    assert normalise_access_code(typed) == code


def test_a_revoked_or_expired_code_opens_nothing_and_ends_its_sessions(
    store: Store, number: str
) -> None:
    case_id, _, _ = ids(store, number)
    with store.begin() as tx:
        revoked = tx.add_access_code(case_id, kind="case", code_hash=access_digest("A"))
        tx.add_access_code(case_id, kind="case", code_hash=access_digest("B"), expires_at=START)
        tx.open_party_session("tok", access_code_id=revoked, expires_at=START + timedelta(days=1))
    with store.read() as tx:
        assert tx.party_session("tok") is not None
    with store.begin() as tx:
        tx.revoke_access_code(revoked)
    with store.read() as tx:
        assert tx.find_access_code(access_digest("A")) is None
        assert tx.find_access_code(access_digest("B")) is None
        assert tx.party_session("tok") is None


def test_a_mailed_code_counts_tries_and_stops_at_the_limit(store: Store) -> None:
    expires = START + timedelta(minutes=10)
    with store.begin() as tx:
        first = tx.add_signin_code(
            "Karen@Example.dk ", code_hash="h1", client="c", expires_at=expires
        )
        second = tx.add_signin_code(
            "karen@example.dk", code_hash="h2", client="c", expires_at=expires
        )
    with store.read() as tx:
        row = tx.signin_code("KAREN@example.dk")
        assert tx.signin_codes_since(START, email="karen@example.dk") == 2
    assert row is not None and (row.id, row.code_hash) == (second, "h2"), "the newer replaces"
    assert first != second
    with store.begin() as tx:
        tries = [tx.spend_signin_try(second, max_tries=3) for _ in range(3)]
    assert tries == [1, 2, 3]
    with store.read() as tx:
        assert tx.signin_code("karen@example.dk") is None


def test_attempts_are_counted_per_client_and_kind(store: Store) -> None:
    with store.begin() as tx:
        for _ in range(3):
            tx.record_attempt("1.2.3.4", "code")
        tx.record_attempt("1.2.3.4", "mail")
        tx.record_attempt("5.6.7.8", "code")
    with store.read() as tx:
        assert len(tx.attempts_since("1.2.3.4", "code", START)) == 3
        assert len(tx.attempts_since("5.6.7.8", "code", START)) == 1
        assert tx.attempts_since("1.2.3.4", "code", START + timedelta(hours=1)) == []


def test_an_address_sees_the_cases_it_filed_and_no_others(store: Store) -> None:
    first = file_case(store, 1)
    file_case(store, 2)
    with store.read() as tx:
        mine = tx.cases_of_email(" FILER1@example.dk", today=TODAY)
        assert tx.cases_of_email("nobody@example.dk", today=TODAY) == []
    assert [c.number for c in mine] == [first]
    assert mine[0].status == "submitted"
    assert mine[0].next_deadline is None, "the only deadline ended before today"


def test_a_party_reads_only_messages_to_them_or_all_and_their_own_replies(
    store: Store, number: str
) -> None:
    case_id, filer, other = ids(store, number)
    with store.begin() as tx:
        for recipient in ("all", str(filer), str(other)):
            tx.add_message(
                number,
                staff_id=None,
                recipient=recipient,
                subject=f"to {recipient}",
                body="…",
                attachments=[],
                actor="system",
                mail=[],
            )
        tx.add_party_reply(case_id, party_id=other, body="From the landlord", attachments=[])
    with store.read() as tx:
        to_filer = [m.subject or m.body for m in tx.party_messages(case_id, [filer])]
        to_other = [m.subject or m.body for m in tx.party_messages(case_id, [other])]
    assert to_filer == ["to all", f"to {filer}"]
    assert to_other == ["to all", f"to {other}", "From the landlord"]


def test_a_hearing_reply_with_a_file_lands_on_the_case_for_the_secretariat(
    store: Store, number: str
) -> None:
    case_id, _, other = ids(store, number)
    hearing_id = hearing(store, number, other)
    ref = store.blobs.put_chunks([b"%PDF-1.7 reply"])
    with store.begin() as tx:
        file = tx.add_case_attachment(
            case_id,
            filename="svar.pdf",
            size=ref.size,
            sha256=ref.sha256,
            media_type="application/pdf",
        )
        message_id = tx.add_party_reply(
            case_id,
            party_id=other,
            body="We disagree.",
            attachments=[file.id],
            hearing_id=hearing_id,
            late=True,
        )
    with store.read() as tx:
        work = tx.casework(number)
        assert tx.case_attachment(case_id, file.id).draft_id is None
        (seen,) = tx.party_hearings(case_id, [other])
    (reply,) = work.messages
    assert (reply.id, reply.direction, reply.party_id, reply.late) == (
        message_id,
        "in",
        other,
        True,
    )
    assert reply.attachments == [file.id] and reply.body == "We disagree."
    assert file.id in [a["id"] for a in work.attachments]
    assert work.hearings[0].replied_at is not None and seen.replied_at is not None
    event = work.events[-1]
    assert event["kind"] == "case.reply_received" and event["actor"] == f"party:{other}"
    assert event["data"]["hearing"] == hearing_id and event["data"]["late"] is True


def test_a_reply_with_another_case_s_file_writes_nothing(store: Store, number: str) -> None:
    case_id, filer, _ = ids(store, number)
    other_case = file_case(store, 2, documents=1)
    with store.read() as tx:
        foreign = tx.casework(other_case).attachments[0]["id"]
    with store.begin() as tx, pytest.raises(QueryError):
        tx.add_party_reply(case_id, party_id=filer, body="x", attachments=[foreign])
    with store.read() as tx:
        assert tx.casework(number).messages == []


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "pg"])
def url_at_0004(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database at revision 0004 holding a staff message and a filed file."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_empty_url")
    command.upgrade(casestore.migrate.config(url), "0004")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO drafts VALUES ('s_1', 't', 'r', 'da', 'done', '{}', 2, 'submitted',"
                " '751-10001', :at, :at)"
            ),
            {"at": START},
        )
        connection.execute(
            text(
                "INSERT INTO cases (id, number, draft_id, case_type, extra_topics, role, side,"
                " housing, municipality_code, lang, status, answers, filed_at, tribunal) VALUES"
                " (1, '751-10001', 's_1', 'defects', '[]', 'tenant', 'tenant', 'social', 751,"
                " 'da', 'submitted', :answers, :at, 'bkn-751')"
            ),
            {"answers": json.dumps({}), "at": START},
        )
        connection.execute(
            text(
                "INSERT INTO attachments (id, draft_id, case_id, filename, size, sha256,"
                " media_type, created_at) VALUES ('a_1', 's_1', 1, 'x.pdf', 1, 'ab',"
                " 'application/pdf', :at)"
            ),
            {"at": START},
        )
        connection.execute(
            text(
                "INSERT INTO messages (case_id, recipient, subject, body, attachments, at)"
                " VALUES (1, 'all', 'Hello', 'Body', '[]', :at)"
            ),
            {"at": START},
        )
    engine.dispose()
    return url


def test_upgrading_from_0004_keeps_messages_as_the_secretariat_s_and_files_of_their_draft(
    url_at_0004: str, tmp_path: Path
) -> None:
    casestore.upgrade(url_at_0004)
    store = Store.open(url_at_0004, tmp_path / "blobs")
    try:
        with store.read() as tx:
            work = tx.casework("751-10001")
            file = tx.case_attachment(1, "a_1")
    finally:
        store.close()
    (message,) = work.messages
    assert (message.subject, message.direction, message.party_id, message.late) == (
        "Hello",
        "out",
        None,
        False,
    )
    assert file.draft_id == "s_1"
