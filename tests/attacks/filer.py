"""A filer over HTTP, for the attack tests: sessions, answers, uploads, a filed case, the disk."""

from __future__ import annotations

import socket
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from tests import samples
from tests.assistant.service.test_conversation import TO_DOCUMENTS


@dataclass(frozen=True)
class Session:
    """A session as a filer holds it."""

    id: str
    token: str
    resume_code: str

    @property
    def auth(self) -> dict[str, str]:
        """The header that opens it."""
        return {"Authorization": f"Bearer {self.token}"}


def start(client: httpx.Client) -> Session:
    """A new session, in English."""
    response = client.post("/api/v1/sessions", json={"lang": "en"})
    assert response.status_code == 201, response.text
    body = response.json()
    return Session(body["session"], body["token"], body["resume_code"])


def answer(client: httpx.Client, session: Session, value: Any) -> dict[str, Any]:
    """Answer the current question; the answer must be taken."""
    response = client.post(
        f"/api/v1/sessions/{session.id}/answers", json={"value": value}, headers=session.auth
    )
    assert response.status_code == 200, response.text
    turn: dict[str, Any] = response.json()
    assert turn["errors"] == [], (turn["state"], value, turn["errors"])
    return turn


def to_documents(client: httpx.Client, session: Session) -> dict[str, Any]:
    """Answer up to the first document question; returns that turn."""
    for value in TO_DOCUMENTS:
        turn = answer(client, session, value)
    assert turn["state"] == "ask_attachment", turn["state"]
    return turn


def upload(
    client: httpx.Client, session: Session, content: bytes, name: str = "lease.pdf"
) -> httpx.Response:
    """Upload one file as the multipart field ``file``."""
    return client.post(
        f"/api/v1/sessions/{session.id}/attachments",
        files={"file": (name, content, "application/octet-stream")},
        headers=session.auth,
    )


def uploaded(client: httpx.Client, session: Session, content: bytes) -> str:
    """Upload one file that must be taken; returns its attachment id."""
    response = upload(client, session, content)
    assert response.status_code == 201, response.text
    return str(response.json()["attachment"]["id"])


def file_case(client: httpx.Client, session: Session) -> dict[str, Any]:
    """Take a session at the first document question through to a filed case."""
    past_documents(client, session)
    for value in ["Anna Jensen", True, "anna@example.dk", "", None, "continue", True]:
        turn = answer(client, session, value)
    assert turn["done"] and turn["case_number"], turn
    return turn


def past_documents(client: httpx.Client, session: Session) -> dict[str, Any]:
    """Take a session at the first document question past the documents (a PDF for each
    required one); returns the turn after them, which asks for the filer's name."""
    turn: dict[str, Any] = client.get(f"/api/v1/sessions/{session.id}", headers=session.auth).json()
    note = 0
    while turn["state"] in ("ask_attachment", "ask_attachment_reason"):
        if turn["state"] == "ask_attachment_reason":
            turn = answer(client, session, "Not made")
            continue
        if turn["input"]["required"]:
            note += 1
            file = uploaded(client, session, samples.pdf(f"document {note}"))
            turn = answer(client, session, {"attachment": file})
        else:
            turn = answer(client, session, "missing")
    return turn


def blobs(data_dir: Path) -> set[str]:
    """The digests of the blobs stored under a service's data folder."""
    root = data_dir / "blobs"
    return {p.name for p in root.glob("??/*") if p.is_file()}


def partials(data_dir: Path) -> list[Path]:
    """Partial uploads left in the blob store's temporary folder."""
    return list((data_dir / "blobs" / "tmp").glob("*"))


def rows(db_file: Path) -> set[str]:
    """The digests the attachment rows of a SQLite store name."""
    with sqlite3.connect(db_file) as db:
        return {sha for (sha,) in db.execute("SELECT sha256 FROM attachments")}


def headers_only(url: str, request: bytes, *, timeout: float = 10) -> bytes:
    """Send a request's head (and no body) on a fresh connection; the response read until
    the service closes or ``timeout`` passes."""
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1"
    with socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout) as conn:
        conn.sendall(request)
        received = b""
        try:
            while b"\r\n\r\n" not in received or not _whole(received):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                received += chunk
        except TimeoutError:
            pass
        return received


def _whole(received: bytes) -> bool:
    head, _, body = received.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip())
    return False


def upload_head(session: Session, length: int, *, host: str = "127.0.0.1") -> bytes:
    """The head of a multipart upload of ``length`` bytes, whose body is never sent."""
    return (
        f"POST /api/v1/sessions/{session.id}/attachments HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        f"Authorization: Bearer {session.token}\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\n"
        f"Content-Length: {length}\r\n"
        "\r\n"
    ).encode()
