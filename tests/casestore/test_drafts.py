"""Drafts: created, loaded, found by token or resume code, and saved under optimistic locking."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from casestore import Reply, Store
from statemachine.errors import ConflictError, NotFoundError, StoreError
from tests.casestore.helpers import new_draft, submission


def test_a_new_draft_loads_back_as_created(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        draft = tx.load_draft(draft_id)
    assert (draft.id, draft.lang, draft.state, draft.version) == (draft_id, "da", "ask_role", 1)
    assert (draft.status, draft.case_number) == ("open", None)
    assert draft.data == {"answers": {}}
    assert draft.created_at.tzinfo is UTC
    assert draft.created_at == draft.updated_at


def test_saving_bumps_the_version_and_keeps_the_data(store: Store) -> None:
    draft_id = new_draft(store)
    data = {"answers": {"ask_role": "tenant", "ask_name": "Søren Ærø"}, "history": ["ask_role"]}
    with store.begin() as tx:
        version = tx.save_draft(draft_id, state="ask_housing", data=data, expected_version=1)
    with store.begin() as tx:
        draft = tx.load_draft(draft_id)
    assert version == draft.version == 2
    assert (draft.state, draft.data) == ("ask_housing", data)
    assert draft.updated_at > draft.created_at


def test_answers_keep_the_order_they_were_given_in(store: Store) -> None:
    # `naevn cases show` lists answers in this order; PostgreSQL's jsonb would sort the keys.
    answers = {"ask_role": "tenant", "ask_housing": "private", "ask_municipality": "8000"}
    answers |= {"ask_notice_date": "2026-10-01", "ask_case_type": "rent_increase"}
    draft_id = new_draft(store)
    with store.begin() as tx:
        tx.save_draft(draft_id, state="ask_x", data={"answers": answers}, expected_version=1)
    with store.read() as tx:
        assert list(tx.load_draft(draft_id).data["answers"]) == list(answers)


def test_a_stale_version_is_refused_and_changes_nothing(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        tx.save_draft(draft_id, state="ask_housing", data={"a": 1}, expected_version=1)
    with pytest.raises(ConflictError), store.begin() as tx:
        tx.save_draft(draft_id, state="ask_other", data={"a": 2}, expected_version=1)
    with store.begin() as tx:
        draft = tx.load_draft(draft_id)
    assert (draft.version, draft.state, draft.data) == (2, "ask_housing", {"a": 1})


def test_a_submitted_draft_cannot_be_saved(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        tx.submit(draft_id, submission())
        version = tx.load_draft(draft_id).version
    with pytest.raises(ConflictError), store.begin() as tx:
        tx.save_draft(draft_id, state="ask_role", data={}, expected_version=version)


@pytest.mark.parametrize(
    ("finder", "key"),
    [("find_draft_by_token", "token-2"), ("find_draft_by_resume", "resume-2")],
)
def test_drafts_are_found_by_token_and_by_resume_code(store: Store, finder: str, key: str) -> None:
    new_draft(store, 1)
    second = new_draft(store, 2)
    with store.begin() as tx:
        assert getattr(tx, finder)(key).id == second


@pytest.mark.parametrize(
    ("finder", "key"),
    [
        ("load_draft", "s_missing"),
        ("find_draft_by_token", "no-such-token"),
        ("find_draft_by_resume", "no-such-code"),
        ("attachment", "a_missing"),
    ],
)
def test_unknown_keys_are_not_found(store: Store, finder: str, key: str) -> None:
    new_draft(store)
    with pytest.raises(NotFoundError), store.begin() as tx:
        getattr(tx, finder)(key)


def test_saving_an_unknown_draft_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError), store.begin() as tx:
        tx.save_draft("s_missing", state="x", data={}, expected_version=1)


@pytest.mark.parametrize(
    "clash",
    [
        {"draft_id": "s_0000000000000000000001", "token_hash": "t-new", "resume_hash": "r-new"},
        {"draft_id": "s_new", "token_hash": "token-1", "resume_hash": "r-new"},
        {"draft_id": "s_new", "token_hash": "t-new", "resume_hash": "resume-1"},
    ],
)
def test_a_taken_id_token_or_resume_code_is_a_conflict(store: Store, clash: dict[str, str]) -> None:
    new_draft(store, 1)
    with pytest.raises(ConflictError), store.begin() as tx:
        tx.create_draft(lang="en", state="ask_role", data={}, **clash)


def test_an_error_inside_the_transaction_rolls_the_turn_back(store: Store) -> None:
    draft_id = new_draft(store)
    with pytest.raises(RuntimeError), store.begin() as tx:
        tx.save_draft(draft_id, state="ask_housing", data={"a": 1}, expected_version=1)
        raise RuntimeError("the reply could not be rendered")
    with store.begin() as tx:
        assert tx.load_draft(draft_id).version == 1


def test_a_read_transaction_reads_but_refuses_to_write(store: Store) -> None:
    draft_id = new_draft(store)
    with store.read() as tx:
        assert tx.load_draft(draft_id).state == "ask_role"
        with pytest.raises(StoreError):
            tx.save_draft(draft_id, state="x", data={}, expected_version=1)


def test_data_that_is_not_json_is_refused_plainly(store: Store) -> None:
    draft_id = new_draft(store)
    with pytest.raises(TypeError, match="JSON serializable"), store.begin() as tx:
        tx.save_draft(draft_id, state="x", data={"when": date(2026, 10, 1)}, expected_version=1)


def test_replies_older_than_the_cutoff_are_forgotten(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        tx.remember_reply(draft_id, "old", Reply("h1", {"state": "ask_role"}))
    with store.read() as tx:
        assert tx.find_reply(draft_id, "old") is not None
        # The test clock moves a second per reading: "old" was kept one second after the draft.
        cutoff = tx.load_draft(draft_id).updated_at + timedelta(seconds=1.5)
    with store.begin() as tx:
        assert tx.forget_replies(cutoff) == 1
        tx.remember_reply(draft_id, "new", Reply("h2", {"state": "ask_housing"}))
    with store.begin() as tx:
        assert tx.forget_replies(cutoff) == 0
    with store.read() as tx:
        assert tx.find_reply(draft_id, "old") is None
        assert tx.find_reply(draft_id, "new") == Reply("h2", {"state": "ask_housing"})
