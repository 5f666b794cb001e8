"""The draft path (straight on the driver on SQLite): same rows as the full store, same
conflicts, all or nothing; and the peek at a draft's state that picks the path."""

from __future__ import annotations

import pytest

from casestore import Reply, Store
from statemachine.errors import ConflictError, NotFoundError
from tests.casestore.helpers import new_draft


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


def test_draft_path_and_full_store_see_the_same_draft(store: Store) -> None:
    _draft(store)
    with store.draft_transaction() as tx:
        row = tx.load_draft("s_1")
        assert row.data == {"answers": {"a": "æøå"}} and row.version == 1
        assert row.created_at.tzinfo is not None
        tx.save_draft("s_1", state="ask_housing", data={"answers": {"b": 2}}, expected_version=1)
    with store.read() as tx:
        again = tx.load_draft("s_1")
    assert (again.state, again.data, again.version) == ("ask_housing", {"answers": {"b": 2}}, 2)
    assert again.updated_at >= again.created_at


def test_a_reply_kept_on_the_draft_path_is_found_by_the_full_store(store: Store) -> None:
    _draft(store)
    turn = {"state": "ask_housing", "messages": ["Tak, æøå"], "version": 2}
    with store.draft_transaction() as tx:
        tx.remember_reply("s_1", "key-1", Reply("hash-1", turn))
    with store.read() as tx:
        assert tx.find_reply("s_1", "key-1") == Reply("hash-1", turn)
    with pytest.raises(ConflictError), store.draft_transaction() as tx:
        tx.remember_reply("s_1", "key-1", Reply("hash-2", turn))


def test_stale_version_is_a_conflict_and_changes_nothing(store: Store) -> None:
    _draft(store)
    with pytest.raises(ConflictError), store.draft_transaction() as tx:
        tx.save_draft("s_1", state="x", data={}, expected_version=7)
    with store.read() as tx:
        assert tx.load_draft("s_1").state == "ask_role"


def test_error_inside_a_draft_transaction_rolls_it_back(store: Store) -> None:
    _draft(store)
    with pytest.raises(RuntimeError), store.draft_transaction() as tx:
        tx.save_draft("s_1", state="moved", data={}, expected_version=1)
        raise RuntimeError("crash after the save")
    with store.read() as tx:
        assert tx.load_draft("s_1").state == "ask_role"


def test_unknown_draft_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError), store.draft_transaction() as tx:
        tx.load_draft("s_nope")


def test_the_peek_sees_the_last_committed_state(store: Store) -> None:
    draft_id = new_draft(store, state="review")
    assert store.draft_state(draft_id) == "review"
    with store.draft_transaction() as tx:
        tx.save_draft(draft_id, state="ask_declaration", data={}, expected_version=1)
    assert store.draft_state(draft_id) == "ask_declaration"
    assert store.draft_state("s_nope") is None


def test_only_a_sqlite_file_has_a_draft_path_of_its_own(store: Store) -> None:
    # Elsewhere Store.draft_transaction() is Store.begin(), and peeking would be a round trip.
    assert store.fast_drafts == store.url.startswith("sqlite")
