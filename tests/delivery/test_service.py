"""The worker inside the service: ``naevn serve`` delivers what is queued while it runs, one
process or two on one PostgreSQL database."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from casestore import Store
from naevn.settings import Settings
from tests.console.api.office import open_office, settings_for
from tests.delivery.conftest import Inbox, SmtpServer, mail, queue, row
from tests.service import running, service_env, spawn

PATIENCE = 60.0
"""Seconds a test waits for the service to deliver before it fails."""


def eventually(check: Callable[[], bool]) -> None:
    """Wait until ``check()`` holds; fail after :data:`PATIENCE`."""
    deadline = time.monotonic() + PATIENCE
    while not check():
        assert time.monotonic() < deadline, "the service did not deliver in time"
        time.sleep(0.02)


def test_the_service_delivers_mail_queued_while_it_runs(
    db_url: str, smtp: SmtpServer, inbox: Inbox, tmp_path: Path
) -> None:
    settings = Settings(
        db=db_url,
        data_dir=tmp_path / "var",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="none",
        delivery_seconds=0.05,
    )
    with running(settings):
        store = Store.open(db_url, settings.blob_dir)
        try:
            (queued,) = queue(store, mail())
            eventually(lambda: row(store, queued.id).state == "sent")
        finally:
            store.close()
    assert [to for _, to in inbox.envelopes] == [["karen1@example.dk"]]


def test_a_message_a_caseworker_sends_reaches_the_party_at_once_not_at_the_next_poll(
    db_url: str, smtp: SmtpServer, inbox: Inbox, tmp_path: Path
) -> None:
    # The worker looks at the outbox when the service starts and then once a minute: only
    # the step waking it can deliver within the few seconds waited here.
    settings = dataclasses.replace(
        settings_for(db_url, tmp_path),
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="none",
        delivery_seconds=60,
    )
    with open_office(settings) as office:
        sent = office.post(
            "caseworker",
            f"/api/v1/staff/cases/{office.case}/messages",
            {"to": "all", "subject": "Your case", "body": "We have your case."},
        )
        assert sent.status_code == 201, sent.text
        deadline = time.monotonic() + 10
        while not inbox.messages:
            assert time.monotonic() < deadline, "the message waited for the poll"
            time.sleep(0.02)
    assert [to for _, to in inbox.envelopes] == [["filer1@example.dk"]]
    assert inbox.messages[0]["Subject"] == "Your case"


def test_without_smtp_the_service_writes_what_it_would_send_under_var_outbox(
    tmp_path: Path,
) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'var' / 'naevn.db'}",
                        data_dir=tmp_path / "var", delivery_seconds=0.05)  # fmt: skip
    with running(settings):
        store = Store.open(settings.db, settings.blob_dir)
        try:
            queue(store, mail(), mail(2, recipient="post:Havnegade 9, 1058 København K"))
            eventually(lambda: len(list((tmp_path / "var" / "outbox").rglob("*.eml"))) == 2)
        finally:
            store.close()
    assert len(list((tmp_path / "var" / "outbox" / "post").glob("*.eml"))) == 1


def test_two_service_processes_on_one_postgresql_deliver_each_message_once(
    pg_url: str, smtp: SmtpServer, inbox: Inbox, tmp_path: Path
) -> None:
    store = Store.open(pg_url, tmp_path / "data" / "blobs")
    try:
        env = service_env(
            pg_url,
            tmp_path / "data",
            NAEVN_SMTP_HOST="127.0.0.1",
            NAEVN_SMTP_PORT=str(smtp.port),
            NAEVN_SMTP_SECURITY="none",
            NAEVN_DELIVERY_SECONDS="0.05",
        )
        servers = [spawn(env), spawn(env)]
        try:
            rows = queue(store, *(mail(n) for n in range(50)))
            eventually(lambda: len(inbox.messages) >= 50)
            eventually(lambda: {row(store, r.id).state for r in rows} == {"sent"})
        finally:
            for served in servers:
                served.stop()
    finally:
        store.close()
    assert len(inbox.messages) == 50
    assert len(set(inbox.ids())) == 50


def test_a_service_killed_while_sending_leaves_the_message_to_the_next_one_which_sends_it_once(
    db_url: str, smtp: SmtpServer, inbox: Inbox, tmp_path: Path
) -> None:
    store = Store.open(db_url, tmp_path / "data" / "blobs")
    try:
        env = service_env(
            db_url,
            tmp_path / "data",
            NAEVN_SMTP_HOST="127.0.0.1",
            NAEVN_SMTP_PORT=str(smtp.port),
            NAEVN_SMTP_SECURITY="none",
            NAEVN_DELIVERY_SECONDS="0.05",
            NAEVN_DELIVERY_LEASE_SECONDS="1",
        )
        (queued,) = queue(store, mail())
        inbox.hold = True
        first = spawn(env)
        try:
            assert inbox.arrived.wait(PATIENCE), "the service sent nothing"
            first.proc.kill()  # mid-send: the server has the message but has not taken it
            first.proc.wait()
        finally:
            first.stop()
        in_flight = row(store, queued.id)
        assert (in_flight.state, in_flight.attempts) == ("pending", 1)
        assert inbox.messages == []

        inbox.hold = False
        second = spawn(env)
        try:
            eventually(lambda: row(store, queued.id).state == "sent")
        finally:
            second.stop()
        sent = row(store, queued.id)
    finally:
        store.close()
    assert len(inbox.messages) == 1
    assert sent.attempts == 2
