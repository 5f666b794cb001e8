"""Casework: each change is one transaction with its audit line and its mail, and a change on
a stale version is refused with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from casestore import CaseWork, OutboxMail, QueryError, QueueQuery, StaffRow, Store, Tx
from statemachine.errors import ConflictError, NotFoundError, StoreError
from tests.casestore.helpers import file_case

LETTER = OutboxMail(
    kind="status",
    recipient="filer1@example.dk",
    recipient_name="Karen Jensen",
    subject="Din sag er modtaget",
    body="Vi har modtaget din sag.",
    lang="da",
)


@pytest.fixture
def number(store: Store) -> str:
    return file_case(store, 1, documents=2)


@pytest.fixture
def mette(store: Store) -> StaffRow:
    with store.begin() as tx:
        return tx.add_staff("Mette Holm", "caseworker", ["hln-101"], "h-mette")


def case(store: Store, number: str) -> CaseWork:
    with store.read() as tx:
        return tx.casework(number)


def outbox(store: Store) -> list[tuple[str, str, str, int]]:
    with store.read() as tx:
        return [(m.kind, m.recipient, m.state, m.attempts) for m in tx.outbox_list()]


def test_a_new_case_is_worked_from_version_1_with_its_parties_ids(
    store: Store, number: str
) -> None:
    work = case(store, number)

    assert (work.number, work.status, work.version, work.tribunal) == (
        number,
        "submitted",
        1,
        "hln-101",
    )
    assert work.assignee_id is None and work.status_at is None
    # Filed on Monday 23 November: the other party is to be told within the week (D17).
    assert (work.next_deadline, work.next_rule) == (date(2026, 11, 30), "secretariat.notify")
    assert [(p["role"], p["name"]) for p in work.parties] == [
        ("filer", "Karen Jensen"),
        ("counterparty", "Ejendomsselskabet Nord ApS"),
    ]
    assert all(isinstance(p["id"], int) for p in work.parties)
    assert len(work.attachments) == 2
    assert [e["kind"] for e in work.events] == ["case.submitted"]
    assert (work.notes, work.messages, work.hearings) == ([], [], [])
    with store.read() as tx:
        assert tx.case_scope(number) == (work.case_id, "hln-101", "submitted", 1)


def test_an_unknown_case_is_not_found(store: Store) -> None:
    with store.read() as tx:
        with pytest.raises(NotFoundError, match="no case"):
            tx.casework("101-99999")
        with pytest.raises(NotFoundError):
            tx.case_scope("101-99999")


def test_a_status_change_writes_the_status_its_event_and_its_mail(
    store: Store, number: str
) -> None:
    with store.begin() as tx:
        version = tx.change_status(
            number,
            expected_version=1,
            to="awaiting_fee",
            actor="staff:7",
            data={"step": "request_fee"},
            next_deadline=date(2026, 11, 30),
            next_rule="secretariat.notify",
            mail=[LETTER],
        )

    work = case(store, number)
    assert version == work.version == 2
    assert work.status == "awaiting_fee"
    assert work.status_at is not None
    assert (work.next_deadline, work.next_rule) == (date(2026, 11, 30), "secretariat.notify")
    step = work.events[-1]
    assert (step["kind"], step["actor"]) == ("case.step", "staff:7")
    assert step["data"] == {"step": "request_fee", "from": "submitted", "to": "awaiting_fee"}
    assert outbox(store) == [("status", "filer1@example.dk", "pending", 0)]
    with store.read() as tx:
        (row,) = tx.queue(QueueQuery(tribunals=("hln-101",))).rows
    assert (row.status, row.next_deadline, row.version) == ("awaiting_fee", date(2026, 11, 30), 2)


def test_a_change_on_a_stale_version_is_refused_and_nothing_is_written(
    store: Store, number: str, mette: StaffRow
) -> None:
    with store.begin() as tx:
        tx.change_status(
            number,
            expected_version=1,
            to="awaiting_fee",
            actor="staff:7",
            data={"step": "request_fee"},
            next_deadline=None,
            next_rule=None,
        )
    before = case(store, number)

    stale: list[Callable[[Tx], object]] = [
        lambda tx: tx.change_status(
            number,
            expected_version=1,
            to="dismissed",
            actor="staff:8",
            data={"step": "dismiss", "reason": "not_pursued"},
            next_deadline=None,
            next_rule=None,
            mail=[LETTER],
        ),
        lambda tx: tx.assign(number, staff_id=mette.id, expected_version=1, actor="staff:8"),
        lambda tx: tx.start_hearing(
            number,
            expected_version=1,
            party_id=before.parties[1]["id"],
            reply_due=date(2026, 12, 7),
            material=[],
            note="",
            actor="staff:8",
            next_deadline=None,
            next_rule=None,
            mail=[LETTER],
        ),
    ]
    for change in stale:
        with pytest.raises(ConflictError, match="changed case"), store.begin() as tx:
            change(tx)

    assert case(store, number) == before
    assert outbox(store) == []


def test_assigning_names_the_caseworker_and_the_previous_one(
    store: Store, number: str, mette: StaffRow
) -> None:
    with store.begin() as tx:
        jonas = tx.add_staff("Jonas Berg", "lead", ["hln-101"], "h-jonas")
        v2 = tx.assign(number, staff_id=mette.id, expected_version=1, actor=f"staff:{jonas.id}")
        v3 = tx.assign(number, staff_id=jonas.id, expected_version=None, actor="staff:1")
        v4 = tx.assign(number, staff_id=None, expected_version=v3, actor="staff:1")

    work = case(store, number)
    assert (v2, v3, v4, work.version) == (2, 3, 4, 4)
    assert work.assignee_id is None
    assigned = [e["data"] for e in work.events if e["kind"] == "case.assigned"]
    assert assigned == [
        {"staff": mette.id, "previous": None},
        {"staff": jonas.id, "previous": mette.id},
        {"staff": None, "previous": jonas.id},
    ]
    with store.begin() as tx:
        tx.assign(number, staff_id=mette.id, expected_version=4, actor="staff:1")
    work = case(store, number)
    assert (work.assignee_id, work.assignee_name) == (mette.id, "Mette Holm")


def test_assigning_to_nobody_on_staff_is_not_found(store: Store, number: str) -> None:
    with pytest.raises(NotFoundError), store.begin() as tx:
        tx.assign(number, staff_id=404, expected_version=1, actor="staff:1")
    assert case(store, number).version == 1


def test_a_note_is_kept_with_its_author_and_leaves_the_version_alone(
    store: Store, number: str, mette: StaffRow
) -> None:
    with store.begin() as tx:
        note = tx.add_note(
            number, staff_id=mette.id, text="Ringede til udlejer.", actor=f"staff:{mette.id}"
        )

    work = case(store, number)
    assert work.notes == [note]
    assert (note.author, note.text) == ("Mette Holm", "Ringede til udlejer.")
    assert work.version == 1
    assert (work.events[-1]["kind"], work.events[-1]["data"]) == ("case.note", {"note": note.id})
    assert outbox(store) == []


def test_a_message_is_recorded_and_its_mail_queued_in_one_go(
    store: Store, number: str, mette: StaffRow
) -> None:
    before = case(store, number)
    filer = str(before.parties[0]["id"])
    document = before.attachments[0]["id"]
    mail = OutboxMail(
        "message", "filer1@example.dk", "Karen Jensen", "Mangler", "Send kopi.", (document,)
    )
    with store.begin() as tx:
        message = tx.add_message(
            number,
            staff_id=mette.id,
            recipient=filer,
            subject="Mangler",
            body="Send kopi.",
            attachments=[document],
            actor=f"staff:{mette.id}",
            mail=[mail],
        )

    work = case(store, number)
    assert work.messages == [message]
    assert (message.author, message.recipient, message.attachments) == (
        "Mette Holm",
        filer,
        [document],
    )
    assert work.events[-1]["kind"] == "case.message"
    with store.read() as tx:
        (queued,) = tx.outbox_list()
    assert (queued.kind, queued.case_id, queued.attachments) == (
        "message",
        work.case_id,
        (document,),
    )
    assert (queued.state, queued.attempts) == ("pending", 0)


def test_a_message_to_another_case_s_party_or_with_its_documents_is_refused(
    store: Store, number: str, mette: StaffRow
) -> None:
    other = case(store, file_case(store, 2, documents=1))
    for recipient, attachments in (
        (str(other.parties[0]["id"]), []),
        ("someone", []),
        ("all", [other.attachments[0]["id"]]),
    ):
        with pytest.raises(QueryError), store.begin() as tx:
            tx.add_message(
                number,
                staff_id=mette.id,
                recipient=recipient,
                subject="Hej",
                body="Hej",
                attachments=attachments,
                actor="staff:1",
                mail=[LETTER],
            )
    assert case(store, number).messages == []
    assert outbox(store) == []


def test_a_hearing_sends_the_material_and_puts_the_case_in_hearing(
    store: Store, number: str
) -> None:
    before = case(store, number)
    landlord = before.parties[1]["id"]
    material = [a["id"] for a in before.attachments]
    with store.begin() as tx:
        hearing = tx.start_hearing(
            number,
            expected_version=1,
            party_id=landlord,
            reply_due=date(2026, 12, 7),
            material=material,
            note="Bemærkninger inden 14 dage.",
            actor="staff:7",
            next_deadline=date(2026, 12, 7),
            next_rule="secretariat.reply",
            mail=[LETTER],
        )

    work = case(store, number)
    assert (work.status, work.version, work.next_rule) == ("hearing", 2, "secretariat.reply")
    assert work.hearings == [hearing]
    assert (hearing.party_name, hearing.material, hearing.replied_at) == (
        "Ejendomsselskabet Nord ApS",
        material,
        None,
    )
    kinds = [e["kind"] for e in work.events]
    assert kinds[-2:] == ["case.hearing", "case.step"]
    assert work.events[-1]["data"] == {
        "step": "start_hearing",
        "from": "submitted",
        "to": "hearing",
    }
    assert len(outbox(store)) == 1

    with store.begin() as tx:
        tx.record_reply(number, hearing.id)
    (replied,) = case(store, number).hearings
    assert replied.replied_at is not None
    assert case(store, number).events[-1]["actor"] == f"party:{landlord}"
    with pytest.raises(NotFoundError), store.begin() as tx:
        tx.record_reply(number, hearing.id + 1)


def test_a_hearing_of_someone_not_in_the_case_changes_nothing(store: Store, number: str) -> None:
    with pytest.raises(QueryError), store.begin() as tx:
        tx.start_hearing(
            number,
            expected_version=1,
            party_id=9999,
            reply_due=date(2026, 12, 7),
            material=[],
            note="",
            actor="staff:7",
            next_deadline=None,
            next_rule=None,
            mail=[LETTER],
        )
    assert case(store, number).status == "submitted"
    assert outbox(store) == []


def test_saved_filters_are_each_staff_member_s_own_and_replaced_by_name(
    store: Store, mette: StaffRow
) -> None:
    with store.begin() as tx:
        jonas = tx.add_staff("Jonas Berg", "lead", ["hln-101"], "h-jonas")
        tx.save_filter(mette.id, "Mine", {"assignee": "me"})
        tx.save_filter(mette.id, "Forfaldne", {"due": "overdue"})
        tx.save_filter(mette.id, "Mine", {"assignee": "me", "status": "hearing"})
        tx.save_filter(jonas.id, "Mine", {"assignee": "none"})

    with store.read() as tx:
        hers = tx.saved_filters(mette.id)
    assert [(f.name, f.query) for f in hers] == [
        ("Forfaldne", {"due": "overdue"}),
        ("Mine", {"assignee": "me", "status": "hearing"}),
    ]
    with store.begin() as tx:
        tx.delete_filter(mette.id, "Mine")
    with store.read() as tx:
        assert [f.name for f in tx.saved_filters(mette.id)] == ["Forfaldne"]
        assert [f.query for f in tx.saved_filters(jonas.id)] == [{"assignee": "none"}]
    with pytest.raises(NotFoundError, match="no saved filter"), store.begin() as tx:
        tx.delete_filter(mette.id, "Mine")


def test_a_read_only_transaction_cannot_change_a_case(store: Store, number: str) -> None:
    with store.read() as tx, pytest.raises(StoreError, match="read-only"):
        tx.assign(number, staff_id=None, expected_version=1, actor="staff:1")
