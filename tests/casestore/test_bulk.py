"""The bulk path: many cases in a few statements, found by the queue and its search like
filed ones, numbered on from; and a demo's filings back-dated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from casestore import QueueQuery, Store
from casestore.bulk import BulkCase, BulkParty, backdate, load_cases
from tests.casestore.helpers import file_case

FILED = datetime(2026, 10, 1, 9, tzinfo=UTC)


def _case(n: int, tribunal: str, status: str, due: date | None) -> BulkCase:
    return BulkCase(
        number=f"101-{10000 + n}",
        municipality_code=101,
        tribunal=tribunal,
        case_type="rent_increase",
        housing="private" if tribunal.startswith("hln") else "social",
        status=status,
        filed_at=FILED + timedelta(hours=n),
        parties=(
            BulkParty("filer", f"Anna Holm{n}", address="Vestergade 12"),
            BulkParty("counterparty", "Boligselskabet Nord", "company", "Parkvej 1"),
        ),
        parties_label=f"Anna Holm{n} / Boligselskabet Nord",
        address="Vestergade 12, 2. th.",
        next_deadline=due,
        next_rule=None if due is None else "secretariat.reply",
        answers={
            "ask_claim": (
                "",
                "Fugt i badeværelset.",
                "Varmeregnskabet er for højt.",
                "Larm om natten.",
            )[n]
        },
    )


def test_loaded_cases_are_queued_searched_and_numbered_on_from(store: Store) -> None:
    due = date(2026, 12, 1)
    cases = [_case(1, "hln-101", "hearing", due), _case(2, "bkn-101", "submitted", None),
             _case(3, "hln-101", "published", None)]  # fmt: skip
    assert load_cases(store.url, iter(cases), actor="bench", batch=2) == 3

    with store.read() as tx:
        page = tx.queue(QueueQuery(tribunals=("hln-101",)))
        assert [(r.number, r.status, r.next_deadline) for r in page.rows] == [
            ("101-10001", "hearing", due),
            ("101-10003", "published", None),
        ]
        found = tx.queue(QueueQuery(tribunals=("hln-101", "bkn-101"), text="varmeregnskab"))
        assert [r.number for r in found.rows] == ["101-10002"]
        assert [r.number for r in tx.queue(QueueQuery(("bkn-101",), text="holm2")).rows] == [
            "101-10002"
        ]
        work = tx.casework("101-10001")
        assert [p["name"] for p in work.parties] == ["Anna Holm1", "Boligselskabet Nord"]
        assert [e["kind"] for e in work.events] == ["case.submitted"]
    assert file_case(store, 9) == "101-10004", "the counter goes on after the loaded cases"


def test_backdate_sets_when_cases_were_filed(store: Store) -> None:
    number = file_case(store, 1)
    backdate(store.url, {number: FILED})
    with store.read() as tx:
        assert tx.get_case(number).filed_at == FILED
