"""The outbox's queries on each backend: claims, leases, settling, the dead letters and retry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casestore import Store
from statemachine.errors import ConflictError, NotFoundError, StoreError
from tests.delivery.conftest import Clock, mail, queue, row

LEASE = timedelta(minutes=5)


def test_a_claim_takes_due_rows_oldest_first_and_counts_an_attempt(
    store: Store, clock: Clock
) -> None:
    rows = queue(store, *(mail(n) for n in range(3)))
    with store.begin() as tx:
        taken = tx.claim_outbox("w1", limit=2, lease=LEASE)
        rest = tx.claim_outbox("w2", limit=10, lease=LEASE)

    assert [r.id for r in taken] == [rows[0].id, rows[1].id]
    assert [r.id for r in rest] == [rows[2].id]
    assert {(r.claimed_by, r.claimed_until, r.attempts) for r in taken} == {
        ("w1", clock() + LEASE, 1)
    }
    with store.begin() as tx:
        assert tx.claim_outbox("w3", limit=10, lease=LEASE) == []
        assert not tx.outbox_due()


def test_a_lapsed_lease_lets_another_worker_take_the_row_and_the_first_cannot_settle_it(
    store: Store, clock: Clock
) -> None:
    (queued,) = queue(store, mail())
    with store.begin() as tx:
        tx.claim_outbox("slow", limit=1, lease=LEASE)
    clock.advance(LEASE.total_seconds() + 1)
    with store.begin() as tx:
        (again,) = tx.claim_outbox("fast", limit=1, lease=LEASE)
        assert again.attempts == 2
        assert tx.outbox_failed(queued.id, "slow", "too late", None) is False
        assert tx.outbox_sent(queued.id, "fast") is True
    assert row(store, queued.id).state == "sent"


def test_a_failure_waits_until_its_retry_time(store: Store, clock: Clock) -> None:
    (queued,) = queue(store, mail())
    with store.begin() as tx:
        tx.claim_outbox("w1", limit=1, lease=LEASE)
        assert tx.outbox_failed(queued.id, "w1", "421 busy", clock() + timedelta(minutes=2))
    with store.begin() as tx:
        assert tx.claim_outbox("w1", limit=1, lease=LEASE) == []
    clock.advance(120)
    with store.begin() as tx:
        (retried,) = tx.claim_outbox("w1", limit=1, lease=LEASE)
    assert (retried.last_error, retried.attempts) == ("421 busy", 2)


def test_only_a_dead_letter_can_be_sent_again_and_the_list_shows_the_newest_first(
    store: Store, clock: Clock
) -> None:
    first, second = queue(store, mail(1), mail(2))
    with store.begin() as tx:
        tx.claim_outbox("w1", limit=1, lease=LEASE)
        tx.outbox_failed(first.id, "w1", "550 no such user", None)
    with store.begin() as tx:
        with pytest.raises(ConflictError):
            tx.outbox_retry(second.id)
        with pytest.raises(NotFoundError):
            tx.outbox_retry(first.id + 1000)
    with store.read() as tx:
        assert [r.id for r in tx.outbox_list("dead")] == [first.id]
        assert [r.id for r in tx.outbox_list()] == [second.id, first.id]
        assert [r.id for r in tx.outbox_list(limit=1)] == [second.id]
        with pytest.raises(StoreError):
            tx.outbox_retry(first.id)  # a read-only transaction writes nothing
    with store.begin() as tx:
        revived = tx.outbox_retry(first.id)
    assert (revived.state, revived.attempts, revived.last_error) == (
        "pending",
        0,
        "550 no such user",
    )


def test_mail_queued_in_a_transaction_that_rolls_back_is_never_sent(store: Store) -> None:
    with pytest.raises(RuntimeError), store.begin() as tx:
        tx.queue_mail(mail())
        raise RuntimeError("the step failed")
    with store.read() as tx:
        assert tx.outbox_list() == []
        assert not tx.outbox_due()
