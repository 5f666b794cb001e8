"""Sending a message by SMTP (aiosmtplib): one connection per message, its failure as data."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Final, Literal

import aiosmtplib

from casestore.outbox import OutboxRow
from naevn.delivery.transport import DeliveryError

Security = Literal["starttls", "tls", "none"]
"""How the connection is protected: STARTTLS required, TLS from the start (port 465), or
plain (a relay on the same host, and the tests)."""

PORTS: Final[dict[str, int]] = {"starttls": 587, "tls": 465, "none": 25}
"""The usual port of each kind of connection."""


@dataclass(frozen=True, slots=True)
class SmtpSender:
    """Sends each message to an SMTP server (a :class:`~naevn.delivery.transport.Transport`)."""

    host: str
    """The server's name or address."""
    port: int
    """Its port."""
    sender: str
    """The From header; its bare address is the envelope sender."""
    security: Security = "starttls"
    """How the connection is protected."""
    user: str | None = None
    """The login, if the server wants one."""
    password: str | None = None
    """The password for :attr:`user`."""
    timeout: float = 30.0
    """Seconds to wait for the server at each step before the attempt fails."""

    async def send(self, row: OutboxRow, message: EmailMessage) -> None:
        """Deliver ``message`` to ``row.recipient``.

        Raises:
            DeliveryError: the server could not be reached, timed out, or refused the
                message (any 4xx or 5xx reply); its words are the error.
        """
        try:
            await aiosmtplib.send(
                message,
                sender=parseaddr(self.sender)[1] or self.sender,
                recipients=[row.recipient],
                hostname=self.host,
                port=self.port,
                username=self.user,
                password=self.password,
                use_tls=self.security == "tls",
                start_tls=self.security == "starttls",
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as err:
            refusals = "; ".join(f"{e.code} {e.message}" for e in err.recipients)
            raise DeliveryError(f"The server refused the recipient: {refusals}") from err
        except aiosmtplib.SMTPResponseException as err:
            raise DeliveryError(
                f"The server refused the message: {err.code} {err.message}"
            ) from err
        except (aiosmtplib.SMTPException, OSError) as err:
            raise DeliveryError(f"The mail server could not be reached: {err}") from err
