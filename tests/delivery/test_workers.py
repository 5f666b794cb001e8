"""Several processes sharing one outbox: each message is claimed, and delivered, by one."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from casestore import Store
from naevn.delivery import DeliveryWorker, Round
from tests.delivery.conftest import Clock, Inbox, SmtpServer, mail, queue, row, worker

MESSAGES = 50


async def drain(delivering: DeliveryWorker) -> int:
    """Deliver rounds until nothing is left to claim; returns how many this worker sent."""
    sent = 0
    while (done := await delivering.deliver_due()) != Round():
        sent += done.sent
    return sent


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], ids=["sqlite", "pg"], indirect=True)
def test_two_workers_on_two_stores_deliver_fifty_messages_once_each(
    db_url: str, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    stores = [Store.open(db_url, tmp_path / "blobs", clock=clock) for _ in range(2)]
    try:
        rows = queue(stores[0], *(mail(n) for n in range(MESSAGES)))
        workers = [
            worker(one, smtp.sender(), clock, tmp_path, name=f"process-{i}")
            for i, one in enumerate(stores)
        ]

        async def both() -> list[int]:
            return list(await asyncio.gather(*(drain(w) for w in workers)))

        sent = asyncio.run(both())
        states = {row(stores[1], r.id).state for r in rows}
    finally:
        for one in stores:
            one.close()

    assert sum(sent) == MESSAGES
    assert sorted(recipient for _, (recipient,) in inbox.envelopes) == sorted(
        f"karen{n}@example.dk" for n in range(MESSAGES)
    )
    assert len(set(inbox.ids())) == MESSAGES
    assert states == {"sent"}


def test_concurrent_claims_on_postgresql_take_disjoint_rows(
    pg_url: str, clock: Clock, tmp_path: Path
) -> None:
    stores = [Store.open(pg_url, tmp_path / "blobs", clock=clock) for _ in range(4)]
    try:
        queue(stores[0], *(mail(n) for n in range(MESSAGES)))
        start = threading.Barrier(8)

        def claim(i: int) -> list[int]:
            start.wait()
            taken: list[int] = []
            while True:
                with stores[i % 4].begin() as tx:
                    rows = tx.claim_outbox(f"w{i}", limit=3, lease=timedelta(minutes=5))
                if not rows:
                    return taken
                taken += [r.id for r in rows]

        with ThreadPoolExecutor(8) as pool:
            claims = list(pool.map(claim, range(8)))
    finally:
        for one in stores:
            one.close()

    every = [outbox_id for taken in claims for outbox_id in taken]
    assert len(every) == MESSAGES
    assert len(set(every)) == MESSAGES
