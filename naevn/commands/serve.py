"""``naevn serve``: the aiohttp service on the store the settings name, until stopped."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket

from aiohttp import web

from naevn.program import program
from naevn.settings import Settings
from naevn.web import weblog
from naevn.web.app import create_app, runner_of
from naevn.web.connections import Guard, limits_of, name_server, runner_options
from naevn.web.keys import SETTINGS, STORE
from naevn.web.listener import LoopErrors, Site, raise_fd_limit
from statemachine.errors import NaevnError
from statemachine.text import t

log = logging.getLogger("naevn.service")


def run(settings: Settings, *, host: str, port: int, access_log: bool) -> int:
    """Serve until SIGINT or SIGTERM; returns the exit status.

    Args:
        settings: the store, data folder, clock, rate and connection limits.
        host: the address to listen on.
        port: the port; 0 picks a free one (reported in the ``listening`` log line).
        access_log: log one line per request (it costs throughput, so it is off by default).

    Raises:
        NaevnError: a connection limit in the settings is out of range, or the port is taken.
    """
    weblog.setup()
    guard = Guard(limits_of(settings))
    fd_limit = raise_fd_limit()
    app = create_app(settings)
    asyncio.run(_serve(app, guard, host, port, access_log=access_log, fd_limit=fd_limit))
    return 0


def check_port(host: str, port: int) -> int:
    """Tell whether ``naevn serve`` could listen on ``port``, before anything else is done.

    ``make run`` asks first, so that a second ``make run`` says only that the port is taken,
    not its demo data and the address of a service it cannot start. Returns 0 if the port is
    free.

    Raises:
        NaevnError: the port is taken.
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # As the service binds: a port left in TIME_WAIT by a stopped naevn is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            if err.errno != errno.EADDRINUSE:
                raise
            raise port_taken(port) from None
    return 0


def port_taken(port: int) -> NaevnError:
    """The one-line error for a port another program holds, naming a port to use instead."""
    return NaevnError(
        t(
            "Port {port} is already in use, perhaps by another naevn. Stop that one, "
            "or choose another port: {naevn} serve --port {other} "
            "(with make: make run PORT={other}).",
            naevn=program(),
            port=str(port),
            other=str(port + 1 if port < 65535 else 8081),
        )
    )


async def _serve(
    app: web.Application,
    guard: Guard,
    host: str,
    port: int,
    *,
    access_log: bool,
    fd_limit: int,
) -> None:
    loop = asyncio.get_running_loop()
    accepts = LoopErrors()
    loop.set_exception_handler(accepts)
    app.on_response_prepare.append(name_server)
    runner = runner_of(
        app,
        handle_signals=False,
        access_log_class=weblog.AccessLogger,
        access_log=logging.getLogger("naevn.access") if access_log else None,
        **runner_options(guard.limits),
    )
    await runner.setup()
    site = Site(runner, host, port, guard)
    try:
        await site.start()
    except OSError as err:
        await runner.cleanup()
        guard.close()
        accepts.refused.close()
        if err.errno != errno.EADDRINUSE:
            raise
        raise port_taken(port) from None
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    bound = runner.addresses[0][1] if runner.addresses else port
    limits = guard.limits
    facts = {
        "store": "sqlite" if app[STORE].embedded else "server",
        "rate_limit": app[SETTINGS].rate_limit,
        "pid": os.getpid(),
        "fd_limit": fd_limit,
        "header_timeout": limits.header_timeout,
        "body_min_rate": limits.body_min_rate,
        "connections_per_address": limits.per_address,
    }
    log.info("listening", extra={"url": f"http://{host}:{bound}", **facts})
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        accepts.stopping = True
        await runner.cleanup()
        guard.close()
        accepts.refused.close()
