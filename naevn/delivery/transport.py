"""Where a built message goes: the one Protocol the SMTP sender and the .eml writer meet."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Protocol

from casestore.outbox import OutboxRow
from statemachine.errors import NaevnError


class DeliveryError(NaevnError):
    """One attempt to deliver a message failed: the server could not be reached, or it
    refused the message. The worker records it and tries again later."""

    title = "Not delivered"
    code = "unavailable"
    status = 503


class Transport(Protocol):
    """Delivers one built message; raises :class:`DeliveryError` if it could not."""

    async def send(self, row: OutboxRow, message: EmailMessage) -> None:
        """Deliver ``message``, built from ``row``, to its recipient.

        Raises:
            DeliveryError: it was not delivered (this attempt).
        """
