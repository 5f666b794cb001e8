"""A case's decision in the store: drafts, registering, corrections as new versions, the
current decision, the audit lines and the appeal deadline (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from casestore import Store
from statemachine.errors import ConflictError, NotFoundError
from tests.casestore.helpers import file_case

BOX = {
    "outcome": "IN_FAVOUR",
    "in_favour": "TENANT",
    "fee_imposed": "YES",
    "decided_on": date(2026, 12, 1),
    "subjects": ["rent_increase", "utility_accounts"],
    "statutes": ["lejeloven:6:42"],
    "rent_method": "BASED_ON_EXPENSES",
    "rent_category": "MONTHLY_RENT",
    "rent_declaration": "TENANCY_SPECIFIC_RENT",
    "rent_amount": Decimal("7250.50"),
    "rent_area": 45,
    "rent_from": date(2026, 11, 1),
}
APPEAL = {
    "rule": "appeal.ankenaevn",
    "event": "decision_notified",
    "starts": "2026-12-02",
    "ends": "2026-12-30",
    "act_by": "2026-12-30",
    "days_left": 28,
    "status": "open",
    "consequence": "c",
    "legal_basis": "b",
}


def _case(store: Store) -> int:
    number = file_case(store, 1)
    with store.read() as tx:
        return tx.case_scope(number)[0]


def test_a_draft_is_saved_registered_and_becomes_current(store: Store) -> None:
    case_id = _case(store)
    with store.begin() as tx:
        assert tx.current_decision(case_id) is None
        draft = tx.save_decision_draft(case_id, BOX, actor="staff:1")
        assert (draft.version, draft.state) == (1, "draft")
        again = tx.save_decision_draft(
            case_id, {**BOX, "facts_text": "Lejer klagede."}, actor="staff:1", expected_version=1
        )
        assert again.id == draft.id
        assert again.facts_text == "Lejer klagede."
        assert again.rent_amount == Decimal("7250.50")
        assert again.subjects == ("rent_increase", "utility_accounts")
    with store.begin() as tx:
        done = tx.record_decision(
            case_id,
            version=1,
            actor="staff:2",
            notified_on=date(2026, 12, 2),
            document_id=None,
            deadline=APPEAL,
        )
        assert done.registered and done.registered_by == "staff:2"
        assert tx.decision_draft(case_id) is None
    with store.read() as tx:
        current = tx.current_decision(case_id)
        assert current is not None and current.version == 1
        assert current.notified_on == date(2026, 12, 2)
        number = tx.casework("101-10001")
    assert [e["kind"] for e in number.events][-1] == "case.decision"
    assert any(d["rule"] == "appeal.ankenaevn" for d in number.deadlines)


def test_a_correction_is_a_new_version_and_keeps_the_old(store: Store) -> None:
    case_id = _case(store)
    with store.begin() as tx:
        tx.save_decision_draft(case_id, BOX, actor="staff:1")
        tx.record_decision(
            case_id, version=1, actor="staff:1", notified_on=date(2026, 12, 2), document_id=None
        )
    with store.begin() as tx:
        fixed = tx.save_decision_draft(
            case_id,
            {**BOX, "rent_amount": Decimal("7000")},
            actor="staff:1",
            correction_reason="Regnefejl i lejen.",
        )
        assert fixed.version == 2
        # until it is registered, version 1 stands
        current = tx.current_decision(case_id)
        assert current is not None and current.version == 1
        tx.record_decision(
            case_id, version=2, actor="staff:1", notified_on=date(2026, 12, 3), document_id=None
        )
    with store.read() as tx:
        versions = tx.decision_versions(case_id)
        assert [(v.version, v.state) for v in versions] == [(1, "registered"), (2, "registered")]
        assert versions[0].rent_amount == Decimal("7250.50")
        current = tx.current_decision(case_id)
        assert current is not None and current.rent_amount == Decimal("7000.00")
        events = tx.casework("101-10001").events
    corrected = [e for e in events if e["kind"] == "case.decision_corrected"]
    assert corrected[0]["data"]["reason"] == "Regnefejl i lejen."
    assert corrected[0]["data"]["replaces"] == 1


def test_stale_drafts_and_missing_drafts_are_refused(store: Store) -> None:
    case_id = _case(store)
    other = _other(store)
    with store.begin() as tx:
        tx.save_decision_draft(case_id, BOX, actor="staff:1")
    with pytest.raises(ConflictError), store.begin() as tx:
        tx.save_decision_draft(case_id, BOX, actor="staff:1", expected_version=7)
    with pytest.raises(ConflictError), store.begin() as tx:
        tx.record_decision(
            case_id, version=2, actor="staff:1", notified_on=date(2026, 12, 2), document_id=None
        )
    with pytest.raises(NotFoundError), store.begin() as tx:
        tx.record_decision(
            other, version=1, actor="s", notified_on=date(2026, 12, 2), document_id=None
        )
    with pytest.raises(ValueError, match="not a decision field"), store.begin() as tx:
        tx.save_decision_draft(case_id, {"nonsense": 1}, actor="staff:1")


def _other(store: Store) -> int:
    number = file_case(store, 2)
    with store.read() as tx:
        return tx.case_scope(number)[0]
