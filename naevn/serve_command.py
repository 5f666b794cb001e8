"""``naevn serve``: the aiohttp service on the store the settings name, until stopped."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from datetime import UTC, datetime, timedelta

from aiohttp import web

from naevn import embedded, weblog
from naevn.app import make_app
from naevn.limits import default_rates
from naevn.settings import Settings

log = logging.getLogger("naevn.service")

REPLIES_KEPT = timedelta(days=1)
"""How long a turn is kept for replay under its Idempotency-Key (pruned when a service
process starts)."""


def run(settings: Settings, *, host: str, port: int, access_log: bool) -> int:
    """Serve until SIGINT or SIGTERM; returns the exit status.

    Args:
        settings: the store, data folder, clock and rate limit.
        host: the address to listen on.
        port: the port; 0 picks a free one (reported in the ``listening`` log line).
        access_log: log one line per request (it costs throughput, so it is off by default).
    """
    weblog.setup()
    conversation = embedded.conversation(settings)
    with conversation.store.begin() as tx:
        forgotten = tx.forget_replies(datetime.now(UTC) - REPLIES_KEPT)
    if forgotten:
        log.info("old replies forgotten", extra={"replies": forgotten})
    app = make_app(conversation, rates=default_rates(settings.rate_limit))
    facts: dict[str, object] = {
        "store": "sqlite" if conversation.store.embedded else "server",
        "rate_limit": settings.rate_limit,
        "pid": os.getpid(),
    }
    asyncio.run(_serve(app, host, port, access_log=access_log, facts=facts))
    return 0


async def _serve(
    app: web.Application, host: str, port: int, *, access_log: bool, facts: dict[str, object]
) -> None:
    runner = web.AppRunner(
        app,
        handle_signals=False,
        access_log_class=weblog.AccessLogger,
        access_log=logging.getLogger("naevn.access") if access_log else None,
    )
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    bound = runner.addresses[0][1] if runner.addresses else port
    log.info("listening", extra={"url": f"http://{host}:{bound}", **facts})
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        await runner.cleanup()
