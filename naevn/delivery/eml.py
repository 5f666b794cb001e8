"""Writing a message as an ``.eml`` file: the outbox without SMTP, and letters to print."""

from __future__ import annotations

import asyncio
import os
import secrets
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from casestore.outbox import OutboxRow
from naevn.delivery.transport import DeliveryError


@dataclass(frozen=True, slots=True)
class EmlWriter:
    """Writes each message to ``folder`` as one file (a
    :class:`~naevn.delivery.transport.Transport`).

    A row always gets the same file name, so writing it again replaces the file: a row
    delivered twice still leaves one file.
    """

    folder: Path
    """Where the files go; made when the first one is written."""

    def path_of(self, row: OutboxRow) -> Path:
        """The file ``row`` is written to: sorted by queueing time, then row number."""
        return self.folder / f"{row.created_at:%Y%m%d-%H%M%S}-{row.id}.eml"

    async def send(self, row: OutboxRow, message: EmailMessage) -> None:
        """Write ``message`` to :meth:`path_of` ``row``, whole or not at all.

        Raises:
            DeliveryError: the file could not be written (the disk is full, say).
        """
        try:
            await asyncio.to_thread(self.write, row, message)
        except OSError as err:
            raise DeliveryError(f"The file could not be written: {err}") from err

    def write(self, row: OutboxRow, message: EmailMessage) -> Path:
        """Write the file now (in this thread); returns its path.

        Raises:
            OSError: it could not be written.
        """
        final = self.path_of(row)
        final.parent.mkdir(parents=True, exist_ok=True)
        partial = final.with_name(f".{final.name}.{secrets.token_hex(4)}")
        try:
            with partial.open("wb") as out:
                out.write(message.as_bytes())
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
        return final
