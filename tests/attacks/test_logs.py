"""Logs and headers: no token, resume code or header value reaches the log, a client hanging up
is a disconnect and not an error, and no response names the server's versions.

Each test sends what the outside attack sent, raw over a socket to a real ``naevn serve``, and
then reads every line the service logged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests import samples
from tests.attacks import filer, wire
from tests.service import Served, service_env, spawn


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    service = spawn(service_env(f"sqlite:///{tmp_path / 'n.db'}", tmp_path / "data"))
    try:
        yield service
    finally:
        service.stop()


def _hostile(token: str, code: str) -> list[bytes]:
    """Requests aiohttp's parser refuses, each quoting a live token or resume code."""
    get = b"GET /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    bearer = f"Bearer {token}".encode()
    return [
        get + b"Authorization : " + bearer + b"\r\n\r\n",  # a space before the colon
        get + b"Authorization: " + bearer + b"\x00\r\n\r\n",  # a trailing NUL
        get + b"Authori(zation: " + bearer + b"\r\n\r\n",  # a bad character in the name
        get + b"Authorization: " + bearer + b"A" * 9000 + b"\r\n\r\n",  # a line too long
        get + b"X-Resume-Code: " + code.encode() + b"\x07\r\n\r\n",  # a BEL in the value
        f"GET /?code={code} HTTP/1.1\x00\r\nHost: 127.0.0.1\r\n\r\n".encode(),
    ]


def test_a_malformed_authorization_header_gets_a_json_400_and_no_token_reaches_the_log(
    served: Served,
) -> None:
    with httpx.Client(base_url=served.url, timeout=30) as client:
        session = filer.start(client)
        hostile = _hostile(session.token, session.resume_code)
        for request in hostile:
            status, headers, body = wire.parse(wire.exchange(served.url, request))
            assert status == 400, request[:60]
            assert headers["content-type"].startswith("application/json")
            assert json.loads(body)["error"]["code"] == "bad_request"
            assert session.token.encode() not in body and session.resume_code.encode() not in body
        # The token still opens the session: nothing was taken for an attack on it.
        assert client.get(f"/api/v1/sessions/{session.id}", headers=session.auth).is_success
    served.stop()
    logged = wire.raw_log(served)
    assert session.token not in logged and session.resume_code not in logged
    assert "Bearer" not in logged and "Authori" not in logged
    assert not wire.tracebacks(served)
    refused = [line for line in served.log if line.get("event") == "bad request"]
    # One line at the first, the rest counted into the line written when the service stopped.
    assert sum(line["count"] for line in refused) == len(hostile) and len(refused) <= 2
    assert all(line["level"] == "info" and line["status"] == 400 for line in refused)


def test_a_client_hanging_up_mid_request_is_logged_as_a_disconnect(
    served: Served, tmp_path: Path
) -> None:
    with httpx.Client(base_url=served.url, timeout=30) as client:
        session = filer.start(client)
        filer.to_documents(client, session)
    with wire.connect(served.url) as conn:
        conn.sendall(
            b"POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"lang": '
        )
    json_gone = wire.wait_for(served, lambda line: line.get("event") == "client disconnected")
    boundary = "cut-off"
    head = (
        f"POST /api/v1/sessions/{session.id}/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {session.token}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {200 * 1024}\r\n\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="lease.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    with wire.connect(served.url) as conn:
        conn.sendall(head + samples.pdf_of_size(64 * 1024))
    upload_gone = wire.wait_for(
        served,
        lambda line: (
            line.get("event") == "client disconnected"
            and str(line.get("path")).endswith("/attachments")
        ),
    )
    assert json_gone is not None and json_gone["path"] == "/api/v1/sessions"
    assert upload_gone is not None
    assert json_gone["level"] == upload_gone["level"] == "info"
    assert not [line for line in served.log if line.get("event") == "unexpected error"]
    assert not wire.tracebacks(served)
    assert not filer.partials(tmp_path / "data")


def test_no_response_names_the_server_versions(served: Served) -> None:
    ok = httpx.get(f"{served.url}/healthz")
    missing = httpx.get(f"{served.url}/api/v1/nothing-here")
    status, headers, _ = wire.parse(
        wire.exchange(served.url, b"GET / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n")
    )
    assert (ok.status_code, missing.status_code, status) == (200, 404, 400)
    assert ok.headers["Server"] == missing.headers["Server"] == headers["server"] == "naevn"
