"""Client connections that cannot starve the service: slow, idle and crowding ones are closed.

One :class:`Guard` per server, one :class:`Connection` per client connection:

- the headers of a request must be complete within ``header_timeout`` of the connection
  opening or of its last answer; aiohttp's ``keepalive_timeout`` does exactly that (its timer
  runs from the start of the connection, and closes it while no whole request has arrived),
  so the runner is given ``keepalive_timeout=header_timeout`` (:func:`runner_options`);
- a body must arrive at ``body_min_rate`` bytes a second at least, measured over each
  ``body_window`` while the service is reading it (not while it holds the body back);
- one address may hold ``per_address`` connections; more are closed at once, unread (an IPv6
  client counts by its /64 network, which a single line is usually given whole);
- a request aiohttp's parser refuses is answered in the API's JSON error shape, and logged as
  its kind only (the parser's own message quotes the offending header, tokens included).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any, Final, cast

from aiohttp import hdrs, web
from aiohttp.streams import StreamReader

from assistant.api.views import dumps
from locales import translator
from naevn.settings import Settings
from naevn.web.middlewares import UNEXPECTED
from naevn.web.weblog import Tally
from statemachine.errors import NaevnError
from statemachine.text import N_, t

log = logging.getLogger("naevn.service")

SERVER_NAME: Final = "naevn"
"""The ``Server`` header of every response: no versions for an attacker to look up."""

UNREADABLE = N_("The request could not be read.")


@dataclass(frozen=True)
class Limits:
    """What a connection may do (from :class:`~naevn.settings.Settings`, see there)."""

    header_timeout: float
    """Seconds from opening, or from the last answer, to the end of the next headers."""
    body_min_rate: int
    """Bytes a second a body must arrive at, over each window; 0: no floor."""
    body_window: float
    """Seconds over which the body rate is measured."""
    per_address: int
    """Open connections one address may hold; 0: no cap."""


def limits_of(settings: Settings) -> Limits:
    """The connection limits the settings name.

    Raises:
        NaevnError: a setting is out of range.
    """
    if settings.header_timeout <= 0 or settings.body_window <= 0:
        raise NaevnError("NAEVN_HEADER_TIMEOUT and NAEVN_BODY_WINDOW must be positive.")
    if settings.body_min_rate < 0 or settings.connections_per_address < 0:
        raise NaevnError(
            "NAEVN_BODY_MIN_RATE and NAEVN_CONNECTIONS_PER_ADDRESS may not be negative."
        )
    return Limits(
        header_timeout=settings.header_timeout,
        body_min_rate=settings.body_min_rate,
        body_window=settings.body_window,
        per_address=settings.connections_per_address,
    )


def runner_options(limits: Limits) -> dict[str, Any]:
    """The ``web.AppRunner`` options the limits need: the header timeout, as aiohttp's
    keep-alive timeout (see the module docstring)."""
    return {"keepalive_timeout": limits.header_timeout}


def client_of(address: str) -> str:
    """Who a peer address counts as: an IPv4 address itself, an IPv6 one as its /64 network."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class Guard:
    """What the connections of one server share: the limits, the count of open connections
    per address, and the tallies of connections refused or closed."""

    def __init__(self, limits: Limits) -> None:
        """Guard connections with ``limits``."""
        self.limits = limits
        self._open: Counter[str] = Counter()
        self.crowding = Tally(log, "connection refused: too many from one address")
        self.slow = Tally(log, "connection closed: body too slow")
        self.unreadable = Tally(log, "bad request", level=logging.INFO)

    def admit(self, address: str) -> bool:
        """Count a new connection from ``address``, unless it already holds its share."""
        cap = self.limits.per_address
        if cap and self._open[address] >= cap:
            self.crowding.count(address=address)
            return False
        self._open[address] += 1
        return True

    def release(self, address: str) -> None:
        """A connection from ``address`` closed."""
        self._open[address] -= 1
        if self._open[address] <= 0:
            del self._open[address]

    def open_from(self, address: str) -> int:
        """How many connections ``address`` has open."""
        return self._open[address]

    def close(self) -> None:
        """Log what the tallies still hold (when the server stops)."""
        for tally in (self.crowding, self.slow, self.unreadable):
            tally.close()


class Connection(web.RequestHandler):
    """aiohttp's handler of one connection, held to the :class:`Guard`'s limits."""

    def __init__(self, manager: web.Server, *, guard: Guard, **options: Any) -> None:
        """A connection of ``manager``'s, built with its ``options`` (see :class:`Site`)."""
        super().__init__(manager, **options)
        self._guard = guard
        self._address = ""
        self._admitted = False
        self._received = 0
        self._body: StreamReader | None = None
        self._mark = 0
        self._held = False
        self._check: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Start serving the connection, or close it at once if its address holds enough."""
        peer = transport.get_extra_info("peername")
        self._address = client_of(str(peer[0])) if isinstance(peer, tuple) and peer else "unknown"
        if not self._guard.admit(self._address):
            # abort(), not close(): nothing is read, and the descriptor is free at once.
            cast(asyncio.Transport, transport).abort()
            return
        self._admitted = True
        super().connection_made(transport)

    def connection_lost(self, exc: BaseException | None) -> None:
        """Forget the connection (a refused one was never started)."""
        if not self._admitted:
            return
        self._admitted = False
        self._guard.release(self._address)
        self._watch_nothing()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Count what arrives, then parse it."""
        self._received += len(data)
        super().data_received(data)

    def pause_reading(self) -> None:
        """The service holds the body back (its buffer is full): this window does not count."""
        self._held = True
        super().pause_reading()

    def receiving(self, body: StreamReader) -> None:
        """A request's headers are in and its handler starts: watch its body's rate."""
        self._watch_nothing()
        limits = self._guard.limits
        if not limits.body_min_rate or body.is_eof():
            return
        self._body = body
        self._mark = self._received
        self._held = False
        self._check = asyncio.get_running_loop().call_later(limits.body_window, self._check_rate)

    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        """Answer a request aiohttp could not read (a 400 from its parser), or whose handler
        failed outside the error middleware, in the API's JSON error shape.

        The parser's message (``message``, and the exception's) quotes the request, headers
        and tokens included: only the exception's kind is logged.

        Raises:
            ConnectionError: part of an answer was sent already.
        """
        if status >= 500:
            log.error("unexpected error", exc_info=exc)
        else:
            kind = type(exc).__name__ if exc is not None else "unknown"
            self._guard.unreadable.count(kind=kind, status=status)
        if request.writer.output_size > 0:
            raise ConnectionError("An answer was sent already; this connection is broken.")
        code, text = ("internal", UNEXPECTED) if status >= 500 else ("bad_request", UNREADABLE)
        # Danish: an unreadable request has no Accept-Language to go by.
        body = {"error": {"code": code, "message": translator("da").render(t(text))}}
        response = web.json_response(body, status=status, dumps=dumps)
        response.headers[hdrs.SERVER] = SERVER_NAME
        response.force_close()
        return response

    def _check_rate(self) -> None:
        self._check = None
        body, limits = self._body, self._guard.limits
        if body is None or body.is_eof() or self.transport is None:
            return
        arrived = self._received - self._mark
        reading = self.transport.is_reading() and not self._held
        if reading and arrived < limits.body_min_rate * limits.body_window:
            self._guard.slow.count(address=self._address, received=arrived)
            # Fail the body first: a handler between two reads would otherwise find the
            # connection gone with no error on the body, and aiohttp raises a RuntimeError.
            body.set_exception(ConnectionResetError("The body arrived too slowly."))
            self._watch_nothing()
            self.force_close()
            return
        self._mark = self._received
        self._held = False
        self._check = asyncio.get_running_loop().call_later(limits.body_window, self._check_rate)

    def _watch_nothing(self) -> None:
        if self._check is not None:
            self._check.cancel()
            self._check = None
        self._body = None


async def name_server(request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare``: the ``Server`` header says naevn, without versions."""
    response.headers[hdrs.SERVER] = SERVER_NAME
