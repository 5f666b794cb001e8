"""A crash at each point of a delivery: the message is neither lost nor sent twice, except in
the one corner the Message-ID covers (sent, then the crash before it was marked sent)."""

from __future__ import annotations

import asyncio
from email.message import EmailMessage
from pathlib import Path

from casestore import Store
from casestore.outbox import OutboxRow
from naevn.delivery import EmlWriter, Round, compose, message_id
from naevn.delivery.worker import LEASE
from tests.delivery.conftest import SENDER, Clock, Inbox, SmtpServer, mail, queue, row, worker


def test_a_crash_between_the_commit_and_the_send_neither_loses_nor_doubles_the_message(
    db_url: str, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    before = Store.open(db_url, tmp_path / "blobs", clock=clock)
    (queued,) = queue(before, mail())
    before.close()  # the process dies: no worker ever ran

    after = Store.open(db_url, tmp_path / "blobs", clock=clock)
    try:
        delivering = worker(after, smtp.sender(), clock, tmp_path)
        assert asyncio.run(delivering.deliver_due()) == Round(claimed=1, sent=1)
        clock.advance(LEASE.total_seconds() + 1)
        assert asyncio.run(delivering.deliver_due()) == Round()
        assert row(after, queued.id).state == "sent"
    finally:
        after.close()
    assert inbox.ids() == [message_id(queued, SENDER)]


def test_a_worker_that_dies_holding_a_claim_leaves_the_message_to_the_next_after_its_lease(
    db_url: str, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    before = Store.open(db_url, tmp_path / "blobs", clock=clock)
    (queued,) = queue(before, mail())
    with before.begin() as tx:
        assert [r.id for r in tx.claim_outbox("died", limit=10, lease=LEASE)] == [queued.id]
    before.close()  # it died before sending

    after = Store.open(db_url, tmp_path / "blobs", clock=clock)
    try:
        delivering = worker(after, smtp.sender(), clock, tmp_path, name="restarted")
        assert asyncio.run(delivering.deliver_due()) == Round()  # still the dead one's
        clock.advance(LEASE.total_seconds() + 1)
        assert asyncio.run(delivering.deliver_due()) == Round(claimed=1, sent=1)
        sent = row(after, queued.id)
    finally:
        after.close()
    assert inbox.ids() == [message_id(queued, SENDER)]
    assert (sent.state, sent.attempts) == ("sent", 2)


def test_a_crash_after_the_send_before_it_was_marked_sends_it_again_under_the_same_id(
    store: Store, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    (queued,) = queue(store, mail())
    with store.begin() as tx:
        (claimed,) = tx.claim_outbox("died", limit=10, lease=LEASE)
    asyncio.run(smtp.sender().send(claimed, compose(claimed, [], SENDER)))
    # ... and the process died before it marked the row sent.

    clock.advance(LEASE.total_seconds() + 1)
    asyncio.run(worker(store, smtp.sender(), clock, tmp_path, name="next").deliver_due())

    assert inbox.ids() == [message_id(queued, SENDER)] * 2  # one id: the receiver drops one
    assert row(store, queued.id).state == "sent"
    with store.begin() as tx:
        assert (
            tx.outbox_sent(queued.id, "died") is False
        )  # a late word from the first changes nothing


def test_a_worker_stopped_mid_batch_hands_back_what_it_has_not_tried(
    store: Store, clock: Clock, tmp_path: Path
) -> None:
    rows = queue(store, mail(1), mail(2), mail(3))
    files = EmlWriter(tmp_path / "outbox")

    class StopAfterOne:
        """Writes the file, and the service is told to stop meanwhile."""

        async def send(self, row: OutboxRow, message: EmailMessage) -> None:
            await files.send(row, message)
            stopping.stop()

    stopping = worker(store, StopAfterOne(), clock, tmp_path, name="stopping")
    assert asyncio.run(stopping.deliver_due()) == Round(claimed=3, sent=1)

    handed_back = [row(store, r.id) for r in rows[1:]]
    assert {(r.state, r.attempts, r.claimed_by) for r in handed_back} == {("pending", 0, None)}
    nxt = worker(store, files, clock, tmp_path, name="next")
    assert asyncio.run(nxt.deliver_due()) == Round(claimed=2, sent=2)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 3
