"""The delivery worker inside ``naevn serve``: built from the settings, run while the app runs."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Final, cast

from aiohttp import web

from casestore import Store
from naevn.delivery.eml import EmlWriter
from naevn.delivery.policy import Backoff
from naevn.delivery.smtp import PORTS, Security, SmtpSender
from naevn.delivery.transport import Transport
from naevn.delivery.worker import DeliveryWorker
from naevn.settings import Settings
from naevn.web.keys import STORE
from statemachine.errors import NaevnError

STOP_GRACE: Final = 30.0
"""Seconds a stopping app waits for the message being sent to finish, before cutting it off
(then it is sent again later: the at-least-once corner of :mod:`naevn.delivery.worker`)."""


def backoff_of(settings: Settings) -> Backoff:
    """The retry policy the settings describe.

    Raises:
        NaevnError: a value is out of range.
    """
    return Backoff(
        first=timedelta(seconds=settings.delivery_backoff_seconds),
        cap=timedelta(seconds=settings.delivery_backoff_max_seconds),
        attempts=settings.delivery_attempts,
    )


def transport_of(settings: Settings) -> Transport:
    """SMTP if the settings name a server, else ``.eml`` files under ``outbox/``.

    Raises:
        NaevnError: ``smtp_security`` is not one of ``starttls``, ``tls``, ``none``.
    """
    if settings.smtp_security not in PORTS:
        raise NaevnError("NAEVN_SMTP_SECURITY must be starttls, tls or none.")
    if settings.smtp_host is None:
        return EmlWriter(settings.outbox_dir)
    security = cast(Security, settings.smtp_security)
    return SmtpSender(
        host=settings.smtp_host,
        port=settings.smtp_port or PORTS[security],
        sender=settings.smtp_from,
        security=security,
        user=settings.smtp_user,
        password=settings.smtp_password,
    )


def worker_of(settings: Settings, store: Store) -> DeliveryWorker:
    """A worker delivering ``store``'s outbox as the settings say.

    Raises:
        NaevnError: a delivery setting is out of range.
    """
    return DeliveryWorker(
        store=store,
        transport=transport_of(settings),
        post=EmlWriter(settings.outbox_dir / "post"),
        sender=settings.smtp_from,
        backoff=backoff_of(settings),
        lease=timedelta(seconds=settings.delivery_lease_seconds),
    )


def delivery(settings: Settings) -> Callable[[web.Application], AsyncIterator[None]]:
    """A ``cleanup_ctx`` that delivers the app's outbox while the app runs: at once when a
    request of this app queued mail, else every ``delivery_seconds``. At shutdown the
    message being sent is finished (or cut off after :data:`STOP_GRACE`) before the store
    closes.

    Raises:
        NaevnError: a delivery setting is out of range (checked now, before the app starts).
    """
    transport_of(settings)
    backoff_of(settings)
    if settings.delivery_seconds <= 0 or settings.delivery_lease_seconds <= 0:
        raise NaevnError(
            "NAEVN_DELIVERY_SECONDS and NAEVN_DELIVERY_LEASE_SECONDS must be positive."
        )

    async def context(app: web.Application) -> AsyncIterator[None]:
        store = app[STORE]
        worker = worker_of(settings, store)
        loop = asyncio.get_running_loop()

        # A step of this process that queues mail wakes the worker after its commit (from a
        # store thread, hence threadsafe); the poll is for mail queued by other processes.
        def wake() -> None:
            loop.call_soon_threadsafe(worker.wake)

        unsubscribe = store.on_mail_queued(wake)
        task = asyncio.create_task(worker.run(settings.delivery_seconds))
        try:
            yield
        finally:
            unsubscribe()
            worker.stop()
            try:
                await asyncio.wait_for(asyncio.shield(task), STOP_GRACE)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    return context
