"""The SQLite turn path: same rows as the full store, same conflicts, all or nothing."""

from __future__ import annotations

import pytest

from casestore import Store
from statemachine.errors import ConflictError, NotFoundError


def _draft(store: Store, draft_id: str = "s_1") -> None:
    with store.begin() as tx:
        tx.create_draft(
            draft_id=draft_id,
            token_hash=draft_id + "t",
            resume_hash=draft_id + "r",
            lang="da",
            state="ask_role",
            data={"answers": {"a": "æøå"}},
        )


def test_turn_and_full_store_see_the_same_draft(store: Store) -> None:
    _draft(store)
    with store.turn() as turn:
        row = turn.load_draft("s_1")
        assert row.data == {"answers": {"a": "æøå"}} and row.version == 1
        assert row.created_at.tzinfo is not None
        turn.save_draft("s_1", state="ask_housing", data={"answers": {"b": 2}}, expected_version=1)
    with store.read() as tx:
        again = tx.load_draft("s_1")
    assert (again.state, again.data, again.version) == ("ask_housing", {"answers": {"b": 2}}, 2)
    assert again.updated_at >= again.created_at


def test_stale_version_is_a_conflict_and_changes_nothing(store: Store) -> None:
    _draft(store)
    with pytest.raises(ConflictError), store.turn() as turn:
        turn.save_draft("s_1", state="x", data={}, expected_version=7)
    with store.read() as tx:
        assert tx.load_draft("s_1").state == "ask_role"


def test_error_inside_a_turn_rolls_it_back(store: Store) -> None:
    _draft(store)
    with pytest.raises(RuntimeError), store.turn() as turn:
        turn.save_draft("s_1", state="moved", data={}, expected_version=1)
        raise RuntimeError("crash after the save")
    with store.read() as tx:
        assert tx.load_draft("s_1").state == "ask_role"


def test_unknown_draft_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError), store.turn() as turn:
        turn.load_draft("s_nope")
