"""The service's listening socket: guarded connections, accepts refused for want of file
descriptors logged as one line, and the descriptor limit raised as far as it goes."""

from __future__ import annotations

import asyncio
import errno
import logging
import resource
from collections.abc import Callable
from typing import Any, Final

from aiohttp import web
from aiohttp.abc import AbstractStreamWriter
from aiohttp.http import RawRequestMessage
from aiohttp.streams import StreamReader

from naevn.web.connections import Connection, Guard
from naevn.web.weblog import Tally

log = logging.getLogger("naevn.service")

RequestFactory = Callable[
    [
        RawRequestMessage,
        StreamReader,
        web.RequestHandler,
        AbstractStreamWriter,
        "asyncio.Task[None]",
    ],
    web.BaseRequest,
]

_OUT_OF_RESOURCES: Final = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
"""The errors asyncio's accept loop reports as "out of system resource" (and retries in 1 s)."""


class Site(web.BaseSite):
    """A TCP listener whose connections are :class:`~naevn.web.connections.Connection`s."""

    def __init__(self, runner: web.BaseRunner, host: str, port: int, guard: Guard) -> None:
        """Listen on ``host``:``port`` for ``runner`` (set up already), under ``guard``."""
        super().__init__(runner)
        server = runner.server
        assert server is not None  # BaseSite refuses a runner that is not set up
        self._web_server = server
        self._host = host
        self._port = port
        self._guard = guard

    @property
    def name(self) -> str:
        """The address, as a URL."""
        return f"http://{self._host}:{self._port}"

    async def start(self) -> None:
        """Open the socket."""
        await super().start()
        server = self._web_server
        # The options the runner gave its server (keep-alive timeout, access log, bodies read
        # as sent): aiohttp keeps them only here, and builds its own handler class with them.
        # tests/naevn/test_connections.py pins that they reach our connections.
        options: dict[str, Any] = server._kwargs
        server.request_factory = _announcing(server.request_factory)
        loop = asyncio.get_running_loop()

        def connection() -> Connection:
            return Connection(server, guard=self._guard, loop=loop, **options)

        self._server = await loop.create_server(
            connection, self._host, self._port, backlog=self._backlog
        )


def _announcing(factory: RequestFactory) -> RequestFactory:
    """``factory``, also telling a :class:`Connection` that a request's body starts."""

    def make(
        message: RawRequestMessage,
        payload: StreamReader,
        protocol: web.RequestHandler,
        writer: AbstractStreamWriter,
        task: asyncio.Task[None],
    ) -> web.BaseRequest:
        request = factory(message, payload, protocol, writer, task)
        if isinstance(protocol, Connection):
            protocol.receiving(payload)
        return request

    return make


class LoopErrors:
    """The event loop's exception handler: an accept refused for want of file descriptors is
    a :class:`~naevn.web.weblog.Tally` line; anything else goes to asyncio's own handler.

    asyncio reports every refused accept with a traceback; while the descriptors are gone its
    accept loop goes on after the first refusal (up to a hundred a round, a round a second),
    and a flood of connections keeps them gone: tens of thousands of lines a minute.
    """

    def __init__(self) -> None:
        """Start with nothing counted."""
        self.refused = Tally(log, "accept refused: out of file descriptors")
        self.stopping = False
        """Set when the service stops: an accept retried by asyncio after the listening
        socket closed then fails on the closed socket, which is no error of ours."""

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """Handle one error the loop reports."""
        exc = context.get("exception")
        accepting = "accept" in str(context.get("message", ""))
        if accepting and isinstance(exc, OSError) and exc.errno in _OUT_OF_RESOURCES:
            self.refused.count(reason=errno.errorcode.get(exc.errno or 0, "unknown"))
            return
        if accepting and self.stopping and isinstance(exc, OSError | ValueError):
            log.info("accept after stop", extra={"reason": type(exc).__name__})
            return
        loop.default_exception_handler(context)


def raise_fd_limit() -> int:
    """Raise this process's soft limit of open files to its hard limit; returns the limit now
    in force. Debian's default soft limit (1024) is what a few hundred slow clients exhaust."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            return soft
        return hard
    return soft
