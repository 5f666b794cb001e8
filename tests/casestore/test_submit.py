"""Submission: one atomic write of the case, numbered per municipality from 10001."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from casestore import Store
from casestore.engine import make_engine
from statemachine.errors import ConflictError, NotFoundError, StoreError
from tests.casestore.helpers import Ticker, new_draft, submission


def upload(store: Store, draft_id: str, content: bytes, filename: str = "varsel.pdf") -> str:
    ref = store.blobs.put_chunks([content])
    with store.begin() as tx:
        row = tx.add_attachment(
            draft_id,
            filename=filename,
            size=ref.size,
            sha256=ref.sha256,
            media_type="application/pdf",
        )
    return row.id


def counts(store: Store) -> dict[str, int]:
    """How many rows each case table holds, read over a connection of its own."""
    tables = ("cases", "parties", "deadlines", "counters")
    engine = make_engine(store.url)
    try:
        with engine.connect() as connection:
            return {
                t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                for t in tables
            }
    finally:
        engine.dispose()


def test_numbers_run_from_10001_per_municipality(store: Store) -> None:
    numbers = []
    for n, municipality in enumerate([101, 101, 751, 101, 751], start=1):
        draft_id = new_draft(store, n)
        with store.begin() as tx:
            numbers.append(tx.submit(draft_id, submission(municipality)))
    assert numbers == ["101-10001", "101-10002", "751-10001", "101-10003", "751-10002"]


def test_submission_marks_the_draft_and_writes_the_whole_case(store: Store) -> None:
    draft_id = new_draft(store)
    notice = upload(store, draft_id, b"%PDF-1.7 notice")
    upload(store, draft_id, b"%PDF-1.7 draft never sent", "udkast.pdf")
    with store.begin() as tx:
        number = tx.submit(draft_id, submission(attachments=[(notice, "rent_increase_notice")]))

    with store.read() as tx:
        draft = tx.load_draft(draft_id)
        case = tx.get_case(number)
    assert (draft.status, draft.case_number, draft.version) == ("submitted", number, 2)
    assert (case.number, case.case_type, case.role, case.side) == (
        "101-10001",
        "rent_increase",
        "tenant",
        "tenant",
    )
    assert (case.housing, case.municipality_code, case.status, case.lang) == (
        "private",
        101,
        "submitted",
        "da",
    )
    assert case.extra_topics == ["utility_accounts"]
    assert case.answers["ask_notice_date"] == "2026-10-01"
    assert case.filed_at == submission().filed_at
    assert [(p["role"], p["name"], p["phone"]) for p in case.parties] == [
        ("filer", "Karen Jensen", "+45 12 34 56 78"),
        ("counterparty", "Ejendomsselskabet Nord ApS", None),
    ]
    assert [(a["id"], a["filename"], a["requirement"]) for a in case.attachments] == [
        (notice, "varsel.pdf", "rent_increase_notice")
    ]
    assert case.deadlines == submission().filing.deadlines
    assert [(e["kind"], e["actor"], e["data"]["number"]) for e in case.events] == [
        ("case.submitted", "filer", number)
    ]


def test_get_case_includes_the_drafts_own_audit_events(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        tx.record_event("draft.resumed", actor="filer", draft_id=draft_id, data={"channel": "web"})
        number = tx.submit(draft_id, submission())
    with store.begin() as tx:
        case = tx.get_case(number)
    assert [e["kind"] for e in case.events] == ["draft.resumed", "case.submitted"]
    assert case.events[0]["data"] == {"channel": "web"}
    assert case.events[0]["at"] < case.events[1]["at"]


def test_an_unknown_case_number_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError), store.read() as tx:
        tx.get_case("101-99999")


def test_a_draft_is_submitted_only_once(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        tx.submit(draft_id, submission())
    with pytest.raises(ConflictError), store.begin() as tx:
        tx.submit(draft_id, submission())
    assert counts(store)["cases"] == 1


def assert_nothing_filed(store: Store, draft_id: str) -> None:
    assert counts(store) == {"cases": 0, "parties": 0, "deadlines": 0, "counters": 0}
    with store.begin() as tx:
        draft = tx.load_draft(draft_id)
        assert [a.requirement for a in tx.attachments_of_draft(draft_id)] == [None]
    assert (draft.status, draft.case_number, draft.version) == ("open", None, 1)


def test_a_missing_blob_stops_the_submission_and_writes_nothing(store: Store) -> None:
    draft_id = new_draft(store)
    attachment_id = upload(store, draft_id, b"%PDF-1.7 lease")
    with store.read() as tx:
        store.blobs.path_of(tx.attachment(attachment_id).sha256).unlink()
    with pytest.raises(StoreError, match="no longer stored"), store.begin() as tx:
        tx.submit(draft_id, submission(attachments=[(attachment_id, "lease")]))
    assert_nothing_filed(store, draft_id)


def test_an_error_after_submit_rolls_the_whole_case_back(store: Store) -> None:
    draft_id = new_draft(store)
    attachment_id = upload(store, draft_id, b"%PDF-1.7 lease")
    with pytest.raises(RuntimeError), store.begin() as tx:
        tx.submit(draft_id, submission(attachments=[(attachment_id, "lease")]))
        raise RuntimeError("the receipt could not be sent")
    assert_nothing_filed(store, draft_id)
    with store.begin() as tx:
        assert tx.submit(draft_id, submission()) == "101-10001"


def test_a_submission_failing_midway_leaves_nothing_even_if_the_error_is_caught(
    store: Store,
) -> None:
    draft_id = new_draft(store)
    upload(store, draft_id, b"%PDF-1.7 lease")
    whole = submission()
    broken = replace(
        whole, filing=replace(whole.filing, deadlines=[{"rule": "rent_increase.tenant_objection"}])
    )
    with store.begin() as tx, pytest.raises(KeyError):
        tx.submit(draft_id, broken)
    assert_nothing_filed(store, draft_id)


@pytest.mark.parametrize("twice", [False, True])
def test_an_attachment_of_another_draft_or_listed_twice_is_refused(
    store: Store, twice: bool
) -> None:
    mine, other = new_draft(store, 1), new_draft(store, 2)
    attachment_id = upload(store, mine if twice else other, b"%PDF-1.7 x")
    listed = [(attachment_id, "lease")] * (2 if twice else 1)
    with pytest.raises(ConflictError), store.begin() as tx:
        tx.submit(mine, submission(attachments=listed))
    assert counts(store)["cases"] == 0


def test_attachments_cannot_be_added_after_submission(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        tx.submit(draft_id, submission())
    with pytest.raises(ConflictError):
        upload(store, draft_id, b"late")


def test_concurrent_submissions_get_distinct_numbers(db_url: str, tmp_path: Path) -> None:
    stores = [Store.open(db_url, tmp_path / "blobs", clock=Ticker()) for _ in range(2)]
    drafts = [[new_draft(s, 10 * i + n) for n in range(5)] for i, s in enumerate(stores)]
    numbers: list[str] = []

    def file_all(store: Store, draft_ids: list[str]) -> None:
        for draft_id in draft_ids:
            with store.begin() as tx:
                number = tx.submit(draft_id, submission())
            numbers.append(number)

    threads = [
        threading.Thread(target=file_all, args=pair) for pair in zip(stores, drafts, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for s in stores:
        s.close()
    assert sorted(numbers) == [f"101-{10001 + i}" for i in range(10)]


def test_threads_sharing_one_store_get_distinct_numbers(store: Store) -> None:
    """The service's case: a pool of threads filing in one municipality through one store."""
    threads, each = 8, 3
    drafts = [[new_draft(store, 10 * i + n) for n in range(each)] for i in range(threads)]
    start = threading.Barrier(threads)
    numbers: list[str] = []
    failures: list[BaseException] = []

    def file_all(draft_ids: list[str]) -> None:
        try:
            start.wait()
            for draft_id in draft_ids:
                with store.begin() as tx:
                    numbers.append(tx.submit(draft_id, submission(751)))
        except BaseException as exc:
            failures.append(exc)

    workers = [threading.Thread(target=file_all, args=(ids,)) for ids in drafts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert sorted(numbers) == [f"751-{10001 + i}" for i in range(threads * each)]
    with store.read() as tx:
        assert len(tx.list_cases(limit=100)) == threads * each


def test_a_draft_submitted_twice_at_once_becomes_one_case(store: Store) -> None:
    draft_id = new_draft(store)
    start = threading.Barrier(2)
    numbers: list[str] = []
    conflicts: list[ConflictError] = []

    def file_it() -> None:
        start.wait()
        try:
            with store.begin() as tx:
                numbers.append(tx.submit(draft_id, submission()))
        except ConflictError as exc:
            conflicts.append(exc)

    workers = [threading.Thread(target=file_it) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert (numbers, len(conflicts)) == (["101-10001"], 1)
    assert counts(store)["cases"] == 1


def test_events_recorded_against_a_case_number_join_its_trail(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        number = tx.submit(draft_id, submission())
        tx.record_event("case.assigned", actor="staff:mette", case_number=number)
    with store.read() as tx:
        trail = [(e["kind"], e["actor"]) for e in tx.get_case(number).events]
    assert trail == [("case.submitted", "filer"), ("case.assigned", "staff:mette")]
    with pytest.raises(NotFoundError), store.begin() as tx:
        tx.record_event("case.assigned", actor="staff:mette", case_number="101-99999")
