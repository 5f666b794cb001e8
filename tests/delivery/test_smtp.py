"""Delivery by SMTP to a real local server: what arrives, retries, refusals and dead letters."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

import pytest

from casestore import Store
from naevn.delivery import Round, message_id
from tests.delivery.conftest import (
    PDF,
    SENDER,
    Clock,
    Inbox,
    SmtpServer,
    attach,
    mail,
    queue,
    row,
    worker,
)


def test_a_message_arrives_with_its_headers_body_and_attachment(
    store: Store, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    attachment = attach(store, "høringsbrev.pdf", PDF, "application/pdf")
    (queued,) = queue(store, mail(recipient_name="Søren Ølgaard", attachments=(attachment,)))

    done = asyncio.run(worker(store, smtp.sender(), clock, tmp_path).deliver_due())

    assert done == Round(claimed=1, sent=1)
    (message,) = inbox.messages
    assert inbox.envelopes == [("post@naevn.example", ["karen1@example.dk"])]
    assert message["From"] == SENDER
    assert message["To"] == "Søren Ølgaard <karen1@example.dk>"
    assert message["Subject"] == "Sag 101-10001: høring 1"
    assert message["Message-ID"] == message_id(queued, SENDER)
    assert message["Message-ID"].endswith("@naevn.example>")
    body = message.get_body(("plain",))
    assert body is not None
    assert body["Content-Language"] == "da"
    assert (
        body.get_content().replace("\r\n", "\n")
        == "Kære Karen\n\nNævnet har modtaget svar fra udlejeren (1).\n"
    )
    (part,) = message.iter_attachments()
    assert part.get_filename() == "høringsbrev.pdf"
    assert part.get_content_type() == "application/pdf"
    assert part.get_content() == PDF
    sent = row(store, queued.id)
    assert (sent.state, sent.attempts, sent.sent_at, sent.claimed_by) == ("sent", 1, clock(), None)


def test_after_a_refused_connection_the_message_is_tried_again_and_arrives_once(
    store: Store, smtp: SmtpServer, clock: Clock, tmp_path: Path
) -> None:
    (queued,) = queue(store, mail())
    delivering = worker(store, smtp.sender(), clock, tmp_path)

    first = asyncio.run(delivering.deliver_due())  # nothing listens on the port yet

    assert first == Round(claimed=1, failed=1)
    waiting = row(store, queued.id)
    assert waiting.state == "pending"
    assert waiting.attempts == 1
    assert waiting.last_error is not None
    assert "could not be reached" in waiting.last_error
    assert waiting.next_attempt_at == clock() + timedelta(seconds=1)
    assert waiting.claimed_by is None
    assert asyncio.run(delivering.deliver_due()) == Round()  # not due before its wait is over

    smtp.start()
    clock.advance(1)
    second = asyncio.run(delivering.deliver_due())
    asyncio.run(delivering.deliver_due())

    assert second == Round(claimed=1, sent=1)
    assert smtp.inbox.ids() == [message_id(queued, SENDER)]
    sent = row(store, queued.id)
    assert (sent.state, sent.attempts, sent.last_error) == ("sent", 2, None)


def test_a_refused_recipient_is_a_failed_attempt_with_the_servers_words(
    store: Store,
    smtp: SmtpServer,
    inbox: Inbox,
    clock: Clock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    inbox.refuse_rcpt = "550 5.1.1 <karen1@example.dk>: No such user here"
    (queued,) = queue(store, mail())

    with caplog.at_level(logging.WARNING, logger="naevn.delivery"):
        asyncio.run(worker(store, smtp.sender(), clock, tmp_path).deliver_due())

    (logged,) = caplog.records
    assert logged.getMessage() == "not delivered"
    assert logged.__dict__["reason"] == "SMTPRecipientsRefused"
    assert "karen1@example.dk" not in caplog.text  # the address stays out of the log

    failed = row(store, queued.id)
    assert failed.state == "pending"
    assert failed.last_error is not None
    assert "550" in failed.last_error
    assert "No such user here" in failed.last_error
    assert inbox.messages == []


def test_waits_double_and_after_the_last_attempt_the_message_is_a_dead_letter(
    store: Store, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    inbox.refuse = "451 4.3.0 Mailbox busy, try again later"
    (queued,) = queue(store, mail())
    delivering = worker(store, smtp.sender(), clock, tmp_path)
    waits = []

    rounds = []
    for _ in range(3):
        rounds.append(asyncio.run(delivering.deliver_due()))
        after = row(store, queued.id)
        waits.append(after.next_attempt_at - clock())
        clock.advance(60)

    assert rounds == [Round(1, failed=1), Round(1, failed=1), Round(1, dead=1)]
    assert waits[:2] == [timedelta(seconds=1), timedelta(seconds=2)]
    dead = row(store, queued.id)
    assert (dead.state, dead.attempts) == ("dead", 3)
    assert dead.last_error is not None
    assert "451" in dead.last_error
    assert asyncio.run(delivering.deliver_due()) == Round()
    with store.read() as tx:
        assert [r.id for r in tx.outbox_list("dead")] == [queued.id]

    # The console sends it again once the receiving side is fixed.
    inbox.refuse = None
    with store.begin() as tx:
        revived = tx.outbox_retry(queued.id)
    assert (revived.state, revived.attempts) == ("pending", 0)
    assert asyncio.run(delivering.deliver_due()) == Round(1, sent=1)
    assert inbox.ids() == [message_id(queued, SENDER)]
