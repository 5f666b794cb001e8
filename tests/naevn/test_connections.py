"""The connection guard, the tallied log lines, and how they hook into aiohttp."""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
from typing import Any

import pytest
from aiohttp import web

from naevn.settings import Settings
from naevn.web.connections import (
    Connection,
    Guard,
    Limits,
    client_of,
    limits_of,
    runner_options,
)
from naevn.web.listener import LoopErrors, Site
from naevn.web.weblog import Tally
from statemachine.errors import NaevnError

LIMITS = Limits(header_timeout=3.0, body_min_rate=1024, body_window=10.0, per_address=2)


def _events(caplog: pytest.LogCaptureFixture) -> list[tuple[str, int]]:
    return [(r.getMessage(), getattr(r, "count", 0)) for r in caplog.records]


def test_a_tally_logs_the_first_at_once_and_the_rest_as_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def flood() -> None:
        tally = Tally(logging.getLogger("test.tally"), "refused", interval=3600)
        for _ in range(500):
            tally.count(address="127.0.0.1")
        assert _events(caplog) == [("refused", 1)]
        tally.end_interval()  # as its timer would, an interval later
        tally.end_interval()  # a quiet interval: nothing to say
        tally.count(address="127.0.0.1")
        tally.close()  # the service stops with one counted

    with caplog.at_level(logging.INFO, logger="test.tally"):
        asyncio.run(flood())
    assert _events(caplog) == [("refused", 1), ("refused", 499), ("refused", 1)]


def test_an_accept_refused_for_want_of_descriptors_is_tallied_and_other_errors_pass(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def report() -> None:
        loop = asyncio.get_running_loop()
        handler = LoopErrors()
        refused = OSError(errno.EMFILE, "Too many open files")
        for _ in range(100):
            handler(
                loop, {"message": "socket.accept() out of system resource", "exception": refused}
            )
        handler(loop, {"message": "Task exception was never retrieved", "exception": refused})
        handler.refused.close()

    with caplog.at_level(logging.INFO):
        asyncio.run(report())
    tallied = [r for r in caplog.records if r.name == "naevn.service"]
    assert [(r.getMessage(), getattr(r, "count", 0)) for r in tallied] == [
        ("accept refused: out of file descriptors", 1),
        ("accept refused: out of file descriptors", 99),
    ]
    assert all(getattr(r, "reason", None) == "EMFILE" and not r.exc_info for r in tallied)
    # Anything else still reaches asyncio's own handler, traceback and all.
    passed = [r for r in caplog.records if r.name == "asyncio"]
    assert [r.getMessage() for r in passed] == ["Task exception was never retrieved"]


def test_an_accept_that_fails_on_the_closed_socket_while_stopping_is_no_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    message = "Exception in callback BaseSelectorEventLoop._accept_connection(...)"
    closed = OSError(errno.EBADF, "Bad file descriptor")

    async def stop() -> None:
        loop = asyncio.get_running_loop()
        handler = LoopErrors()
        handler(loop, {"message": message, "exception": closed})
        handler.stopping = True
        handler(loop, {"message": message, "exception": closed})

    with caplog.at_level(logging.INFO):
        asyncio.run(stop())
    # While serving it is an error, with its traceback; once stopping, one plain line.
    assert [(r.name, r.levelname) for r in caplog.records] == [
        ("asyncio", "ERROR"),
        ("naevn.service", "INFO"),
    ]
    assert caplog.records[1].getMessage() == "accept after stop"


def test_an_address_holds_its_share_of_connections_and_no_more() -> None:
    async def crowd() -> tuple[list[bool], int, list[bool]]:
        guard = Guard(LIMITS)
        first = [guard.admit("10.0.0.1") for _ in range(3)]
        elsewhere = guard.admit("10.0.0.2")
        guard.release("10.0.0.1")
        again = [guard.admit("10.0.0.1"), elsewhere]
        held = guard.open_from("10.0.0.1")
        guard.close()
        return first, held, again

    first, held, again = asyncio.run(crowd())
    assert first == [True, True, False] and again == [True, True] and held == 2


def test_no_cap_behind_a_proxy() -> None:
    guard = Guard(Limits(header_timeout=3.0, body_min_rate=0, body_window=10.0, per_address=0))
    assert all(guard.admit("10.0.0.9") for _ in range(1000))


@pytest.mark.parametrize(
    "wrong",
    [
        {"header_timeout": 0.0},
        {"body_window": -1.0},
        {"body_min_rate": -1},
        {"connections_per_address": -5},
    ],
)
def test_limits_out_of_range_are_refused(wrong: dict[str, Any]) -> None:
    with pytest.raises(NaevnError):
        limits_of(Settings(**wrong))


def test_the_site_builds_guarded_connections_with_the_runners_options() -> None:
    """Pins the one private aiohttp attribute :class:`Site` reads (``Server._kwargs``): the
    runner's options must reach our connections, or the header timeout is lost."""

    async def connect() -> list[web.RequestHandler]:
        runner = web.AppRunner(web.Application(), **runner_options(LIMITS))
        await runner.setup()
        guard = Guard(LIMITS)
        site = Site(runner, "127.0.0.1", 0, guard)
        await site.start()
        port = runner.addresses[0][1]
        loop = asyncio.get_running_loop()
        client = socket.socket()
        client.setblocking(False)
        await loop.sock_connect(client, ("127.0.0.1", port))
        server = runner.server
        assert server is not None
        for _ in range(200):
            if server.connections:
                break
            await asyncio.sleep(0.01)
        handlers = server.connections
        client.close()
        await runner.cleanup()
        guard.close()
        return handlers

    handlers = asyncio.run(connect())
    assert len(handlers) == 1 and isinstance(handlers[0], Connection)
    assert handlers[0].keepalive_timeout == LIMITS.header_timeout


@pytest.mark.parametrize(
    ("peer", "client"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("fe80::1%eth0", "fe80::/64"),
    ],
)
def test_an_ipv6_client_counts_by_its_network(peer: str, client: str) -> None:
    assert client_of(peer) == client
