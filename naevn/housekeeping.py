"""The service's housekeeping: stale drafts, old replies and orphaned files go, on start and then
periodically, in a thread beside the event loop (the work itself is ``casestore.housekeeping``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web

from casestore import Store
from casestore.housekeeping import Removed, Retention, housekeep
from naevn.settings import Settings
from naevn.web.keys import STORE
from statemachine.errors import NaevnError

log = logging.getLogger("naevn.housekeeping")


def retention_of(settings: Settings) -> Retention:
    """How long the store keeps things, as the settings say.

    Raises:
        NaevnError: a setting is out of range (a retention under a day would delete drafts
            being filed right now).
    """
    if settings.draft_retention_days < 1:
        raise NaevnError("NAEVN_DRAFT_RETENTION_DAYS must be at least 1.")
    if settings.orphan_grace_seconds < 0 or settings.housekeeping_seconds <= 0:
        raise NaevnError(
            "NAEVN_ORPHAN_GRACE_SECONDS may not be negative, "
            "and NAEVN_HOUSEKEEPING_SECONDS must be positive."
        )
    return Retention(
        drafts=timedelta(days=settings.draft_retention_days),
        grace=timedelta(seconds=settings.orphan_grace_seconds),
    )


def facts(removed: Removed) -> dict[str, Any]:
    """What a run removed, as the fields of a log line or of ``naevn db gc --json``."""
    return {
        "drafts": removed.drafts,
        "replies": removed.replies,
        "orphan_files": removed.orphans.files,
        "orphan_bytes": removed.orphans.bytes,
        "partial_files": removed.partials.files,
        "partial_bytes": removed.partials.bytes,
    }


def housekeeping(
    retention: Retention, every: float
) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` that runs the housekeeping on the app's store now and then every
    ``every`` seconds until the app stops; at shutdown a run in progress ends between two
    steps and is waited for, so the store never closes under it.

    Args:
        retention: what is kept, and how long (:func:`retention_of`).
        every: seconds between the end of one run and the start of the next.
    """

    async def context(app: web.Application) -> AsyncIterator[None]:
        stop = threading.Event()
        task = asyncio.create_task(_every(app[STORE], retention, every, stop))
        try:
            yield
        finally:
            stop.set()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return context


async def _every(store: Store, retention: Retention, every: float, stop: threading.Event) -> None:
    while not stop.is_set():
        await _once(store, retention, stop)
        await asyncio.sleep(every)


async def _once(store: Store, retention: Retention, stop: threading.Event) -> None:
    """One run, in a thread; a failure is a warning, and the next period tries again."""
    now = datetime.now(UTC)
    run = asyncio.ensure_future(asyncio.to_thread(housekeep, store, retention, now, stop=stop))
    try:
        # Shielded: cancelling the wait would not stop the thread; ``stop`` ends it early.
        removed = await asyncio.shield(run)
    except asyncio.CancelledError:
        await asyncio.wait([run])
        if not run.cancelled() and run.exception() is not None:
            log.warning("housekeeping failed at shutdown", extra={"reason": str(run.exception())})
        raise
    except (NaevnError, OSError) as err:  # the store or the blob folder failed
        log.warning("housekeeping failed; trying again next period", extra={"reason": str(err)})
        return
    except Exception:
        # A background task has no caller to tell: log it, and let the service go on.
        log.warning("housekeeping failed; trying again next period", exc_info=True)
        return
    if removed.anything:
        log.info("housekept", extra=facts(removed))
