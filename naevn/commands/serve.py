"""``naevn serve``: the aiohttp service on the store the settings name, until stopped."""

from __future__ import annotations

import asyncio
import logging
import os
import signal

from aiohttp import web

from naevn.settings import Settings
from naevn.web import weblog
from naevn.web.app import create_app, runner_of
from naevn.web.keys import SETTINGS, STORE

log = logging.getLogger("naevn.service")


def run(settings: Settings, *, host: str, port: int, access_log: bool) -> int:
    """Serve until SIGINT or SIGTERM; returns the exit status.

    Args:
        settings: the store, data folder, clock and rate limit.
        host: the address to listen on.
        port: the port; 0 picks a free one (reported in the ``listening`` log line).
        access_log: log one line per request (it costs throughput, so it is off by default).
    """
    weblog.setup()
    asyncio.run(_serve(create_app(settings), host, port, access_log=access_log))
    return 0


async def _serve(app: web.Application, host: str, port: int, *, access_log: bool) -> None:
    runner = runner_of(
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
    facts = {
        "store": "sqlite" if app[STORE].embedded else "server",
        "rate_limit": app[SETTINGS].rate_limit,
        "pid": os.getpid(),
    }
    log.info("listening", extra={"url": f"http://{host}:{bound}", **facts})
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        await runner.cleanup()
