"""Connections: one address cannot starve the service.

Each test holds connections open the way the outside attack did (sending nothing, half the
headers, a body byte by byte, thousands at once) against a real ``naevn serve``, and checks
that the service closes them in time, keeps serving others, and logs no traceback.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from tests import samples
from tests.attacks import filer, wire
from tests.service import Served, service_env, spawn

HEADER_TIMEOUT = 2.0
"""The header timeout the tests set (the default is 5 s)."""
MARGIN = 2.5
"""Slack on top of a timeout for a loaded machine."""


@contextmanager
def _service(tmp_path: Path, **env: str) -> Iterator[Served]:
    served = spawn(service_env(f"sqlite:///{tmp_path / 'n.db'}", tmp_path / "data", **env))
    try:
        yield served
    finally:
        served.stop()


def test_idle_and_half_sent_headers_are_closed_within_the_header_timeout(
    tmp_path: Path,
) -> None:
    with _service(tmp_path, NAEVN_HEADER_TIMEOUT=str(HEADER_TIMEOUT)) as served:
        opened = time.monotonic()
        idle = wire.connect(served.url)
        half = wire.connect(served.url)
        half.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ")
        trickle = wire.connect(served.url)
        trickle.sendall(b"GET /healthz HTTP/1.1\r\n")
        # Meanwhile everyone else is served.
        with httpx.Client(base_url=served.url, timeout=5) as client:
            assert all(client.get("/healthz").status_code == 200 for _ in range(5))
        # A header line a byte at a time: every byte is on time, the headers never are.
        trickle_closed = None
        for _ in range(int((HEADER_TIMEOUT + MARGIN) / 0.1)):
            try:
                trickle.sendall(b"X")
            except OSError:
                trickle_closed = time.monotonic()
                break
            if wire.closed_within(trickle, 0.1):
                trickle_closed = time.monotonic()
                break
        left = HEADER_TIMEOUT + MARGIN - (time.monotonic() - opened)
        assert wire.closed_within(idle, max(left, 0.1))
        assert wire.closed_within(half, max(left, 0.1))
        assert trickle_closed is not None and trickle_closed - opened < HEADER_TIMEOUT + MARGIN
        for conn in (idle, half, trickle):
            conn.close()
        # A keep-alive connection that asks in time is served, and then given the same time.
        with wire.connect(served.url) as kept:
            kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert kept.recv(65536).startswith(b"HTTP/1.1 200")
            assert wire.closed_within(kept, HEADER_TIMEOUT + MARGIN)
    assert not wire.tracebacks(served)


def test_a_body_slower_than_the_floor_is_closed_and_a_slow_real_upload_is_taken(
    tmp_path: Path,
) -> None:
    window, floor = 2.0, 1024
    env = {"NAEVN_BODY_WINDOW": str(window), "NAEVN_BODY_MIN_RATE": str(floor)}
    with _service(tmp_path, **env) as served:
        # Ten bytes every half second of a 4,000-byte JSON body: 20 B/s, the floor is 1 KiB/s.
        slow = wire.connect(served.url)
        slow.sendall(
            b"POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n"
        )
        started, closed_at = time.monotonic(), None
        for _ in range(int((2 * window + MARGIN) / 0.5)):
            try:
                slow.sendall(b'{"lang": ')
            except OSError:
                closed_at = time.monotonic()
                break
            if wire.closed_within(slow, 0.5):
                closed_at = time.monotonic()
                break
        slow.close()
        assert closed_at is not None and closed_at - started < 2 * window + MARGIN
        assert wire.healthy(served.url)

        # A 64 KiB document at 16 KiB/s spans two windows, and is taken.
        with httpx.Client(base_url=served.url, timeout=30) as client:
            session = filer.start(client)
            filer.to_documents(client, session)
        status = _paced_upload(served.url, session, samples.pdf_of_size(64 * 1024), 4096, 0.25)
        assert status == 201
        assert wire.wait_for(served, lambda line: line.get("event") == "client disconnected")
    slow_lines = [line for line in served.log if line.get("event", "").endswith("body too slow")]
    assert len(slow_lines) == 1 and slow_lines[0]["count"] == 1
    assert not [line for line in served.log if line.get("event") == "unexpected error"]
    assert not wire.tracebacks(served)


def test_connections_over_the_per_address_cap_are_closed_at_once(tmp_path: Path) -> None:
    cap, extra = 8, 4
    env = {"NAEVN_CONNECTIONS_PER_ADDRESS": str(cap), "NAEVN_HEADER_TIMEOUT": "30"}
    with _service(tmp_path, **env) as served, ExitStack() as stack:
        held = []
        for _ in range(cap + extra):
            conn = stack.enter_context(wire.connect(served.url))
            # Half a request each, as the attack held them.
            conn.sendall(b"POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            held.append(conn)
        closed = [conn for conn in held if wire.closed_within(conn, 1.0)]
        assert len(closed) == extra
        # The ones within the cap stay open (the header timeout is 30 s here).
        assert not [conn for conn in held if conn not in closed and wire.closed_within(conn, 0.2)]
        stack.close()
        assert wire.healthy(served.url)
    refused = [
        line for line in served.log if line.get("event", "").startswith("connection refused")
    ]
    assert refused and sum(line["count"] for line in refused) == extra
    assert all(line["address"] == "127.0.0.1" for line in refused)
    assert not wire.tracebacks(served)


def test_running_out_of_file_descriptors_logs_one_line_and_the_service_recovers(
    tmp_path: Path,
) -> None:
    # No cap per address, and a long header timeout: the descriptors run out first.
    env = {"NAEVN_CONNECTIONS_PER_ADDRESS": "0", "NAEVN_HEADER_TIMEOUT": "60"}
    with _service(tmp_path, **env) as served, ExitStack() as stack:
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard != resource.RLIM_INFINITY:
            # The service raised its soft limit to the hard one it inherited from us.
            listening = [line for line in served.log if line.get("event") == "listening"]
            assert listening[0]["fd_limit"] == hard
        resource.prlimit(served.proc.pid, resource.RLIMIT_NOFILE, (64, 64))
        for _ in range(150):
            # The kernel completes connections the service cannot accept into its backlog.
            stack.enter_context(wire.connect(served.url))

        def refusal(line: wire.Line) -> bool:
            return str(line.get("event", "")).startswith("accept refused")

        first = wire.wait_for(served, refusal, 10)
        assert first is not None and first["reason"] == "EMFILE"
        # asyncio retries the accept once a second: a few more refusals, counted, not logged.
        time.sleep(3)
        assert len([line for line in served.log if refusal(line)]) <= 2
        stack.close()
        assert wire.healthy(served.url)
    refusals = [line for line in served.log if refusal(line)]
    assert len(refusals) <= 3 and sum(line["count"] for line in refusals) >= 3
    assert not wire.tracebacks(served)


def _paced_upload(
    url: str, session: filer.Session, content: bytes, chunk: int, pause: float
) -> int:
    """Upload ``content`` as a multipart file, ``chunk`` bytes every ``pause`` seconds; the
    status of the answer."""
    boundary = "naevn-paced-upload"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="lease.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    head = (
        f"POST /api/v1/sessions/{session.id}/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {session.token}\r\nConnection: close\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with wire.connect(url, timeout=30) as conn:
        conn.sendall(head)
        for start in range(0, len(body), chunk):
            conn.sendall(body[start : start + chunk])
            time.sleep(pause)
        answer = b""
        for _ in range(1000):
            try:
                part = conn.recv(65536)
            except TimeoutError:
                break
            if not part:
                break
            answer += part
    status, _, _ = wire.parse(answer)
    return status
