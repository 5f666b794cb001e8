"""Without SMTP settings every message is an .eml file under outbox/; letters to post always are."""

from __future__ import annotations

import asyncio
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from casestore import Store
from naevn.delivery import (
    EmlWriter,
    Round,
    SmtpSender,
    compose,
    message_id,
    transport_of,
    worker_of,
)
from naevn.settings import Settings
from tests.delivery.conftest import SENDER, Clock, Inbox, SmtpServer, mail, queue, row, worker


def read(path: Path) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def test_without_smtp_settings_each_message_is_written_under_outbox(
    store: Store, tmp_path: Path
) -> None:
    settings = Settings(db=store.url, data_dir=tmp_path / "var", smtp_from=SENDER)
    assert isinstance(transport_of(settings), EmlWriter)
    rows = queue(store, mail(1), mail(2))

    done = asyncio.run(worker_of(settings, store).deliver_due())

    assert done == Round(claimed=2, sent=2)
    files = sorted((tmp_path / "var" / "outbox").glob("*.eml"))
    assert [f.name for f in files] == [
        f"{r.created_at:%Y%m%d-%H%M%S}-{r.id}.eml" for r in sorted(rows, key=lambda r: r.id)
    ]
    first = read(files[0])
    assert first["To"] == "Karen Jensen <karen1@example.dk>"
    assert first["Subject"] == "Sag 101-10001: høring 1"
    assert first["Message-ID"] == message_id(rows[0], SENDER)
    assert {row(store, r.id).state for r in rows} == {"sent"}


def test_a_party_with_only_a_postal_address_gets_a_letter_to_print_even_with_smtp(
    store: Store, smtp: SmtpServer, inbox: Inbox, clock: Clock, tmp_path: Path
) -> None:
    (letter,) = queue(
        store,
        mail(
            kind="hearing",
            recipient="post:Havnegade 9, 1058 København K",
            recipient_name="Ejendomsselskabet Nord ApS",
        ),
    )

    done = asyncio.run(worker(store, smtp.sender(), clock, tmp_path).deliver_due())

    assert done == Round(claimed=1, sent=1)
    assert inbox.messages == []
    (printed,) = (tmp_path / "outbox" / "post").glob("*.eml")
    message = read(printed)
    assert message["To"] is None
    body = message.get_body(("plain",))
    assert body is not None
    assert body.get_content().startswith(
        "Ejendomsselskabet Nord ApS\nHavnegade 9, 1058 København K\n\nKære Karen"
    )
    assert row(store, letter.id).state == "sent"


def test_writing_the_same_row_again_leaves_one_file(store: Store, tmp_path: Path) -> None:
    (queued,) = queue(store, mail())
    writer = EmlWriter(tmp_path / "outbox")
    first = writer.write(queued, compose(queued, [], SENDER))
    again = writer.write(queued, compose(queued, [], SENDER))

    assert first == again
    assert [p.name for p in (tmp_path / "outbox").iterdir()] == [first.name]


def test_smtp_settings_choose_the_smtp_sender_and_the_usual_port(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, smtp_host="mail.example.dk", smtp_user="naevn")
    sender = transport_of(settings)
    assert isinstance(sender, SmtpSender)
    assert (sender.host, sender.port, sender.security, sender.user) == (
        "mail.example.dk",
        587,
        "starttls",
        "naevn",
    )
    tls = transport_of(Settings(smtp_host="mail.example.dk", smtp_security="tls"))
    assert isinstance(tls, SmtpSender)
    assert tls.port == 465
