"""Raw sockets to a service on loopback, for attacks no HTTP client would send."""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from tests.service import Served

Line = dict[str, Any]


def connect(url: str, *, timeout: float = 10) -> socket.socket:
    """A new TCP connection to the service at ``url`` (loopback only)."""
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1", url
    return socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)


def closed_within(conn: socket.socket, seconds: float) -> bool:
    """Whether the service closes ``conn`` within ``seconds`` (whatever it answers first)."""
    deadline = time.monotonic() + seconds
    for _ in range(10_000):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        readable, _, _ = select.select([conn], [], [], left)
        if not readable:
            return False
        try:
            if not conn.recv(65536):
                return True
        except OSError:  # reset by the peer
            return True
    return False


def exchange(url: str, request: bytes, *, timeout: float = 10) -> bytes:
    """Send raw bytes on a fresh connection; all the service answers before it closes."""
    with connect(url, timeout=timeout) as conn:
        conn.sendall(request)
        received = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = conn.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            received += chunk
        return received


def parse(response: bytes) -> tuple[int, dict[str, str], bytes]:
    """A raw HTTP response's status, headers (lower-cased names) and body."""
    head, _, body = response.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


def healthy(url: str) -> bool:
    """Whether ``/healthz`` answers 200, within a few seconds of retries."""
    deadline = time.monotonic() + 10
    for _ in range(50):
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return False


def wait_for(served: Served, found: Callable[[Line], bool], seconds: float = 10) -> Line | None:
    """The first log line ``found`` accepts, waiting up to ``seconds`` for it."""
    deadline = time.monotonic() + seconds
    for _ in range(10_000):
        for line in list(served.log):
            if found(line):
                return line
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)
    return None


def raw_log(served: Served) -> str:
    """Every log line the service wrote, as text (JSON lines, and anything else as it came)."""
    return "\n".join(
        line["raw"] if set(line) == {"raw"} else json.dumps(line, ensure_ascii=False)
        for line in served.log
    )


def tracebacks(served: Served) -> list[Line]:
    """The log lines that carry a traceback, or any error-level line."""
    return [
        line
        for line in served.log
        if "error" in line or line.get("level") in ("error", "critical") or "Traceback" in str(line)
    ]
