"""Housekeeping: what the store forgets, and when; run by the service periodically and by
``naevn db gc`` on demand.

One run, :func:`housekeep`, does this, in this order:

1. deletes open drafts nobody touched for :attr:`Retention.drafts` (90 days), with their kept
   replies, their files' rows and their audit lines; a filed case keeps its draft and files;
2. forgets replies kept for idempotency longer than :attr:`Retention.replies` (a day);
3. removes partial uploads older than :attr:`Retention.grace` (a process died mid-upload);
4. removes blobs that no attachment row names, older than :attr:`Retention.grace`: a process
   died between storing a file and recording it, a filer removed a file, or step 1 deleted
   the last row that named it.

The grace is what makes step 4 safe beside live uploads: an upload stores its blob a moment
before it writes the row that names it, and an upload of content already stored marks that
blob young again (``BlobWriter.commit``), so a young blob is never taken for an orphan.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from casestore.blobs import STALE_SECONDS, Removal
from casestore.store import Store

BATCH = 200
"""Drafts deleted per transaction, so a writer never waits long on the housekeeping."""
MAX_BATCHES = 1000
"""Transactions of draft deletions per run at most; the next run goes on where this stopped."""


@dataclass(frozen=True)
class Retention:
    """How long the store keeps what nobody needs any more."""

    drafts: timedelta = timedelta(days=90)
    """An open draft untouched this long is deleted with its files."""
    replies: timedelta = timedelta(days=1)
    """A reply kept under an Idempotency-Key is forgotten after this long: clients retry
    within seconds or minutes."""
    grace: timedelta = timedelta(seconds=STALE_SECONDS)
    """A partial upload, or a blob no row names, is removed only once this old: it may belong
    to an upload in flight (in this process or another sharing the folder)."""


@dataclass(frozen=True)
class Removed:
    """What one run of :func:`housekeep` removed."""

    drafts: int = 0
    """Open drafts deleted, untouched for longer than the retention."""
    replies: int = 0
    """Kept replies forgotten."""
    partials: Removal = field(default_factory=Removal)
    """Partial uploads removed from the blob folder's ``tmp``."""
    orphans: Removal = field(default_factory=Removal)
    """Blobs removed that no attachment row named."""

    @property
    def anything(self) -> bool:
        """Whether the run removed anything at all."""
        return bool(self.drafts or self.replies or self.partials.files or self.orphans.files)


def housekeep(
    store: Store,
    retention: Retention,
    now: datetime,
    *,
    stop: threading.Event | None = None,
) -> Removed:
    """Delete stale drafts and replies, then sweep the blob folder; blocking (run it in a thread
    in the service).

    Args:
        store: the store to tidy.
        retention: how long each kind of thing is kept.
        now: the current time, timezone-aware (for the database's stamps; the blob folder's
            times are the file system's).
        stop: set it to end the run early, between two transactions or two files; what was
            removed until then is reported, and the next run goes on.

    Returns:
        What was removed.

    Raises:
        StoreError: the database failed; what was committed before stays.
    """
    stopping = stop.is_set if stop is not None else _never
    drafts = 0
    for _ in range(MAX_BATCHES):
        if stopping():
            return Removed(drafts)
        with store.begin() as tx:
            deleted = tx.forget_drafts(now - retention.drafts, limit=BATCH)
        drafts += deleted
        if deleted < BATCH:
            break
    with store.begin() as tx:
        replies = tx.forget_replies(now - retention.replies)
    cutoff = time.time() - retention.grace.total_seconds()
    partials = store.blobs.sweep_partials(cutoff)
    return Removed(drafts, replies, partials, _sweep_orphans(store, cutoff, stopping))


def _sweep_orphans(store: Store, cutoff: float, stopping: Callable[[], bool]) -> Removal:
    """Remove the blobs older than ``cutoff`` that no attachment row names.

    The folder is walked before the rows are read: a blob stored after the walk is not a
    candidate, and one claimed after it is young when its removal looks again.
    """
    candidates = list(store.blobs.stored_before(cutoff))
    if not candidates:
        return Removal()
    with store.read() as tx:
        named = tx.referenced_blobs()
    removed = Removal()
    for blob in candidates:
        if stopping():
            break
        if blob.sha256 in named:
            continue
        size = store.blobs.remove_unclaimed(blob.sha256, cutoff)
        if size is not None:
            removed = removed.plus(size)
    return removed


def _never() -> bool:
    return False
