"""Fixtures for the delivery tests: a real local SMTP server, a clock the test moves, a store."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from casestore import OutboxMail, Store
from casestore.outbox import OutboxRow
from naevn.delivery import Backoff, DeliveryWorker, EmlWriter, SmtpSender
from tests.casestore.helpers import new_draft

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
"""When the test clock starts."""

SENDER = "Huslejenævnet <post@naevn.example>"
"""The From header of the test mail."""

QUICK = Backoff(first=timedelta(seconds=1), cap=timedelta(seconds=4), attempts=3)
"""Tiny waits and few attempts, so a test reaches the dead letters in a few rounds."""


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the time on."""
        self.now += timedelta(seconds=seconds)


@dataclass
class Inbox:
    """What the SMTP server received; set :attr:`refuse` to make it answer with an error."""

    messages: list[EmailMessage] = field(default_factory=list)
    """The messages taken, parsed, in order."""
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    """The envelope sender and recipients of each."""
    refuse: str | None = None
    """An SMTP reply (e.g. ``451 4.3.0 Try again later``) given to DATA instead of taking it."""
    refuse_rcpt: str | None = None
    """An SMTP reply given to RCPT TO instead of taking the recipient."""
    hold: bool = False
    """Keep the sender waiting after it sent the message, never answering (it is killed)."""
    arrived: threading.Event = field(default_factory=threading.Event)
    """Set when a held message has come in."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if self.refuse_rcpt is not None:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse is not None:
            return self.refuse
        if self.hold:
            self.arrived.set()
            await asyncio.sleep(3600)  # cancelled when the sender's connection drops
        parsed = BytesParser(policy=policy.default).parsebytes(envelope.original_content)
        self.messages.append(parsed)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def ids(self) -> list[str]:
        """The Message-ID of every message taken."""
        return [str(message["Message-ID"]) for message in self.messages]


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 and a free port, started when the test says."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self._controller: Controller | None = None

    def start(self) -> None:
        """Start listening (a connection before this is refused)."""
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        """Stop listening, if it is."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def sender(self) -> SmtpSender:
        """An SMTP transport to this server, on a plain connection."""
        return SmtpSender("127.0.0.1", self.port, SENDER, security="none", timeout=10)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A local SMTP server, not yet started."""
    server = SmtpServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def inbox(smtp: SmtpServer) -> Inbox:
    """The inbox of a started local SMTP server."""
    smtp.start()
    return smtp.inbox


@pytest.fixture
def store(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = Store.open(db_url, tmp_path / "blobs", clock=clock)
    yield opened
    opened.close()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
"""A file to attach."""


def attach(store: Store, filename: str, content: bytes, media_type: str) -> str:
    """Store a file as an attachment of a new draft; returns its id."""
    draft_id = new_draft(store)
    ref = store.blobs.put_chunks([content])
    with store.begin() as tx:
        return tx.add_attachment(
            draft_id, filename=filename, size=ref.size, sha256=ref.sha256, media_type=media_type
        ).id


def mail(n: int = 1, **changes: Any) -> OutboxMail:
    """A message to a party by e-mail; ``changes`` replace its fields."""
    values: dict[str, Any] = {
        "kind": "message",
        "recipient": f"karen{n}@example.dk",
        "recipient_name": "Karen Jensen",
        "subject": f"Sag 101-10001: høring {n}",
        "body": f"Kære Karen\n\nNævnet har modtaget svar fra udlejeren ({n}).\n",
    }
    return OutboxMail(**(values | changes))


def queue(store: Store, *mails: OutboxMail) -> list[OutboxRow]:
    """Queue ``mails`` in one committed transaction."""
    with store.begin() as tx:
        return [tx.queue_mail(one) for one in mails]


def worker(
    store: Store, transport: Any, clock: Clock, tmp_path: Path, name: str = "w1"
) -> DeliveryWorker:
    """A worker on ``store`` with the quick backoff and the test's clock."""
    post = EmlWriter(tmp_path / "outbox" / "post")
    return DeliveryWorker(store, transport, post, SENDER, QUICK, clock=clock, name=name)


def row(store: Store, outbox_id: int) -> OutboxRow:
    """The row as the store holds it now."""
    with store.read() as tx:
        return tx.outbox_mail(outbox_id)
