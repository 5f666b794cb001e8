"""The delivery worker: claims due outbox rows, sends each, and records what happened.

One round (:meth:`DeliveryWorker.deliver_due`) is three kinds of short transaction with the
sending in between, never inside one: claim a batch (its rows are this worker's until the
lease ends), send each message, then mark it sent or failed. What a crash at each point does:

- before the claim commits: the rows are still pending, and the next worker takes them;
- after the claim, before the server took the message: the lease runs out and another round
  (of this process after a restart, or of another process) sends it; the claim counted as
  an attempt;
- after the server took it, before it was marked sent: it is sent again when the lease runs
  out. This is the at-least-once corner no outbox can close without the receiver's help; the
  copy carries the same Message-ID (:func:`naevn.delivery.message.message_id`), which mail
  systems use to drop duplicates. A letter written as a file is written to the same name
  again, so it stays one file.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Final

from casestore import Store, utc_now
from casestore.outbox import OutboxRow
from naevn.delivery.eml import EmlWriter
from naevn.delivery.message import AttachedFile, compose
from naevn.delivery.policy import Backoff
from naevn.delivery.transport import DeliveryError, Transport
from statemachine.errors import NaevnError

log = logging.getLogger("naevn.delivery")

BATCH: Final = 10
"""Rows one claim takes. Each is sent in turn, so the lease must cover a batch."""

LEASE: Final = timedelta(minutes=15)
"""How long claimed rows are a worker's by default: a batch of slow servers (:data:`BATCH`
times the SMTP timeout) fits well inside it, so no other worker sends them meanwhile."""


def worker_name() -> str:
    """A name unique to one worker: host, process and a random part."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True, slots=True)
class Round:
    """What one round of delivery did."""

    claimed: int = 0
    """Rows taken."""
    sent: int = 0
    """Delivered (or written as files) and marked sent."""
    failed: int = 0
    """Attempts that failed and will be tried again."""
    dead: int = 0
    """Given up on: the dead letters."""


@dataclass
class DeliveryWorker:
    """Delivers the outbox of one store: e-mail through ``transport``, post as files."""

    store: Store
    """The store whose outbox is delivered."""
    transport: Transport
    """Where e-mail goes: an SMTP server, or ``.eml`` files when there is none."""
    post: EmlWriter
    """Where letters to parties with only a postal address go, to be printed."""
    sender: str
    """The From header of every message."""
    backoff: Backoff = field(default_factory=Backoff)
    """When to try again, and when to give up."""
    lease: timedelta = LEASE
    """How long the rows a round claims are this worker's alone."""
    clock: Callable[[], datetime] = utc_now
    """The time failures are counted from (the store's clock stamps everything else)."""
    name: str = field(default_factory=worker_name)
    """This worker's name in the rows it claims."""
    _wake: asyncio.Event = field(default_factory=asyncio.Event, init=False, repr=False)
    _stop: bool = field(default=False, init=False, repr=False)

    async def deliver_due(self) -> Round:
        """One round: claim the due rows (a batch) and deliver each.

        Raises:
            StoreError: the store could not be reached for the claim; nothing was taken.
        """
        if not await asyncio.to_thread(self._anything_due):
            return Round()
        rows = await asyncio.to_thread(self._claim)
        done = Round(claimed=len(rows))
        for at, row in enumerate(rows):
            if self._stop:
                await asyncio.to_thread(self._release, rows[at:])
                break
            outcome = await self._deliver(row)
            done = Round(
                done.claimed,
                done.sent + (outcome == "sent"),
                done.failed + (outcome == "failed"),
                done.dead + (outcome == "dead"),
            )
        return done

    async def run(self, every: float) -> None:
        """Deliver rounds until :meth:`stop`: at once while a round fills its batch, else
        every ``every`` seconds or when :meth:`wake` is called. A failed round is logged,
        and the next one tries again."""
        while not self._stop:
            try:
                done = await self.deliver_due()
            except (NaevnError, OSError) as err:
                log.warning("delivery round failed; trying again", extra={"reason": str(err)})
                done = Round()
            except Exception:
                # A background task has no caller to tell: log it, and go on delivering.
                log.warning("delivery round failed; trying again", exc_info=True)
                done = Round()
            if done.claimed:
                facts = {"sent": done.sent, "failed": done.failed, "dead": done.dead}
                log.info("delivered", extra=facts)
            if done.claimed >= BATCH or self._stop:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), every)
            self._wake.clear()

    def wake(self) -> None:
        """Start the next round now (mail was just queued)."""
        self._wake.set()

    def stop(self) -> None:
        """End :meth:`run` after the message being sent now, if any; the rest of its batch is
        handed back for the next worker (or this one after a restart) to send at once."""
        self._stop = True
        self._wake.set()

    async def _deliver(self, row: OutboxRow) -> str:
        """Send one claimed row and record the outcome: ``sent``, ``failed`` or ``dead``."""
        try:
            message = await asyncio.to_thread(self._compose, row)
            target = self.post if row.by_post else self.transport
            await target.send(row, message)
        except DeliveryError as err:
            retry_at = self.backoff.retry_at(row.attempts, self.clock())
            error = str(err.message)
            await asyncio.to_thread(self._record, row, error, retry_at)
            # The server's words may quote the address, so the log names only the kind of
            # failure; the words themselves are kept in the row, for the console.
            kind = type(err.__cause__ or err).__name__
            facts = {"outbox": row.id, "attempts": row.attempts, "reason": kind}
            log.warning("not delivered", extra=facts | {"dead": retry_at is None})
            return "failed" if retry_at is not None else "dead"
        await asyncio.to_thread(self._sent, row)
        return "sent"

    def _anything_due(self) -> bool:
        with self.store.read() as tx:
            return tx.outbox_due()

    def _claim(self) -> list[OutboxRow]:
        with self.store.begin() as tx:
            return tx.claim_outbox(self.name, limit=BATCH, lease=self.lease)

    def _compose(self, row: OutboxRow) -> EmailMessage:
        """The message with its files, read from the blob store.

        Raises:
            DeliveryError: an attachment is not in the store (it will not come back; the row
                ends as a dead letter the console shows).
        """
        files = []
        with self.store.read() as tx:
            for attachment_id in row.attachments:
                try:
                    found = tx.attachment(attachment_id)
                    content = self.store.blobs.path_of(found.sha256).read_bytes()
                except (NaevnError, OSError) as err:
                    raise DeliveryError(f"The file {attachment_id} is missing: {err}") from err
                files.append(AttachedFile(found.filename, found.media_type, content))
        return compose(row, files, self.sender)

    def _sent(self, row: OutboxRow) -> None:
        with self.store.begin() as tx:
            if not tx.outbox_sent(row.id, self.name):
                log.warning("delivered after the lease ran out", extra={"outbox": row.id})

    def _release(self, rows: list[OutboxRow]) -> None:
        with self.store.begin() as tx:
            for row in rows:
                tx.outbox_release(row.id, self.name)

    def _record(self, row: OutboxRow, error: str, retry_at: datetime | None) -> None:
        with self.store.begin() as tx:
            tx.outbox_failed(row.id, self.name, error, retry_at)
