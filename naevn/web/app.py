"""The service's app factory: the store and the slices' routes behind the middlewares.

:func:`create_app` is the one place an app is built, for ``naevn serve`` and for the tests.
What needs opening and closing (the store, the thread pool for its calls, the housekeeping
task of :mod:`naevn.housekeeping`, the outbox's worker of :mod:`naevn.delivery`) lives in
``cleanup_ctx``, so it exists exactly while the app runs. The middlewares are in
:mod:`naevn.web.middlewares`, naevn's keys in :mod:`naevn.web.keys`, each slice's keys in the
slice.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, Final, TypeVar

from aiohttp import web

import assistant.api.routes
import assistant.web.mine.routes
import assistant.web.routes
import console.routes
from assistant.api.keys import CONVERSATION, OFFLOAD, OPENAPI
from assistant.api.views import MAX_JSON_BODY
from assistant.service.conversation import Conversation
from assistant.web.keys import DRAFT_DAYS
from casestore.housekeeping import Retention
from console.api.keys import DESK, PUBLIC_URL, STAFF_OFFLOAD
from console.desk import Desk
from naevn import embedded
from naevn.delivery import delivery
from naevn.housekeeping import housekeeping, retention_of
from naevn.settings import Settings
from naevn.web.forwarded import PROXIES, networks, real_client
from naevn.web.keys import LIMITER, SETTINGS, STORE
from naevn.web.limits import RateLimiter, default_rates
from naevn.web.middlewares import errors, rate_limit, request_ids, security_headers
from naevn.web.openapi import document
from statemachine.errors import StoreError
from statemachine.flows import intake

T = TypeVar("T")

log = logging.getLogger("naevn.service")


WORKERS: Final = 4
"""Worker threads for store calls on a database server (PostgreSQL). More only contend for the
GIL: 2–4 measured 20–35% faster than 16 (bench/README.md)."""

REPLIES_KEPT: Final = Retention().replies
"""How long a turn is kept for replay under its Idempotency-Key: pruned when an app starts,
and then by the housekeeping."""

SLICES: Final[tuple[Callable[[web.Application], None], ...]] = (
    assistant.api.routes.setup,
    assistant.web.routes.setup,
    assistant.web.mine.routes.setup,
    console.routes.setup,
)
"""Each slice's one call that mounts its routes, in order: the filer's API, the citizen's
pages, then the staff's."""


def runner_of(app: web.Application, **options: Any) -> web.AppRunner:
    """How every server runs the app (``naevn serve`` and the tests): bodies are read as
    sent, so a compressed one is inflated by its view within the limit, or refused, and never
    inflated unbounded on the event loop.

    Args:
        app: from :func:`create_app`.
        options: more of ``web.AppRunner``'s options (access log, signals).
    """
    return web.AppRunner(app, auto_decompress=False, **options)


def create_app(settings: Settings) -> web.Application:
    """The service's aiohttp application, on the store the settings name.

    Nothing is opened until the app starts (``AppRunner.setup``); the store is closed when it
    is cleaned up.

    Args:
        settings: the store, data folder, clock, rate limits and retention.

    Raises:
        NaevnError: a retention setting is out of range, or a trusted proxy is not an address.
    """
    app = web.Application(
        client_max_size=MAX_JSON_BODY,
        middlewares=[real_client, security_headers, request_ids, errors, rate_limit],
    )
    app[PROXIES] = networks(settings.trusted_proxies)
    app[SETTINGS] = settings
    app[OPENAPI] = document()
    app[DRAFT_DAYS] = settings.draft_retention_days
    app[PUBLIC_URL] = settings.public_url
    rates = settings.rates if settings.rates is not None else default_rates(settings.rate_limit)
    app[LIMITER] = RateLimiter(dict(rates))
    # In this order: the pool needs the store to know whether it is embedded, and it stops
    # before the store closes.
    app.cleanup_ctx.append(_store)
    app.cleanup_ctx.append(_offloader)
    # After the store, so the outbox's worker stops (its message sent) before the store closes.
    app.cleanup_ctx.append(delivery(settings))
    # Last, so it stops first: a run in progress ends before the store closes.
    app.cleanup_ctx.append(housekeeping(retention_of(settings), settings.housekeeping_seconds))
    for mount in SLICES:
        mount(app)
    app.router.add_get("/healthz", _healthz, name="healthz")
    return app


async def _store(app: web.Application) -> AsyncIterator[None]:
    """Open the store (migrating it if needed), forget old replies, and build the dialogue
    service on it; close the store when the app stops."""
    settings = app[SETTINGS]
    store = embedded.open_store(settings)
    try:
        with store.begin() as tx:
            forgotten = tx.forget_replies(datetime.now(UTC) - REPLIES_KEPT)
        if forgotten:
            log.info("old replies forgotten", extra={"replies": forgotten})
        app[STORE] = store
        app[CONVERSATION] = Conversation(
            store,
            intake.engine(settings.draft_retention_days),
            settings.clock,
            draft_days=settings.draft_retention_days,
        )
        app[DESK] = Desk(store, settings.clock, public_url=app[PUBLIC_URL])
        yield
    finally:
        store.close()


async def _offloader(app: web.Application) -> AsyncIterator[None]:
    """How views run blocking store calls: inline on SQLite, in threads on a server."""
    if app[STORE].embedded:
        # A turn on SQLite is a few hundred microseconds of CPU; a thread hop would cost more
        # than it saves (design.md, "Performance").
        app[OFFLOAD] = app[STAFF_OFFLOAD] = _inline
        yield
        return
    pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="naevn-store")

    async def threaded(call: Callable[[], T]) -> T:
        context = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(pool, context.run, call)

    app[OFFLOAD] = app[STAFF_OFFLOAD] = threaded
    try:
        yield
    finally:
        pool.shutdown(wait=True)


async def _inline(call: Callable[[], T]) -> T:
    return call()


async def _healthz(request: web.Request) -> web.Response:
    """``GET /healthz``: the process is up, and whether the store answers."""
    try:
        await request.app[OFFLOAD](request.app[STORE].ping)
    except StoreError:
        log.warning("store unreachable")
        return web.json_response({"status": "unavailable", "store": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "store": "ok"})
