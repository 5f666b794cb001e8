"""Building the e-mail for one outbox row: headers, plain-text body, the case files attached."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr

from casestore.outbox import OutboxRow

FALLBACK_DOMAIN = "naevn.invalid"
"""The Message-ID's domain when the sender's address has none."""


@dataclass(frozen=True, slots=True)
class AttachedFile:
    """A case file sent along with a message."""

    filename: str
    """The name the file was uploaded under."""
    media_type: str
    """Its stored type, e.g. ``application/pdf``."""
    content: bytes
    """The bytes, from the blob store."""


def message_id(row: OutboxRow, sender: str) -> str:
    """The Message-ID of a row: the same on every attempt, and unique to the row.

    A copy delivered twice (the worker died after the server took it, before the row was
    marked sent) carries the same id, so the receiving system can drop the duplicate. The
    queueing time keeps ids from two databases with the same row numbers apart.

    Args:
        row: the queued message.
        sender: the From address; its domain ends the id.
    """
    domain = parseaddr(sender)[1].rpartition("@")[2] or FALLBACK_DOMAIN
    return f"<outbox.{row.id}.{row.created_at:%Y%m%d%H%M%S%f}@{domain}>"


def compose(row: OutboxRow, files: list[AttachedFile], sender: str) -> EmailMessage:
    """The message for ``row``, from ``sender``, with ``files`` attached.

    A letter that goes by post has no e-mail recipient: its body starts with the name and
    postal address, as a printed letter does.

    Args:
        row: the queued message.
        files: its attachments, in the order the row lists them.
        sender: the From header, e.g. ``Nævnenes sekretariat <sekretariat@example.dk>``.
    """
    message = EmailMessage()
    message["From"] = sender
    body = row.body
    if row.postal_address is not None:
        body = f"{row.recipient_name}\n{row.postal_address}\n\n{body}"
    else:
        message["To"] = formataddr((row.recipient_name, row.recipient))
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = message_id(row, sender)
    message.set_content(body)
    # A content header: it stays with the text when files make the message multipart.
    message["Content-Language"] = row.lang
    for attached in files:
        maintype, _, subtype = attached.media_type.partition("/")
        if not subtype:
            maintype, subtype = "application", "octet-stream"
        message.add_attachment(
            attached.content, maintype=maintype, subtype=subtype, filename=attached.filename
        )
    return message
