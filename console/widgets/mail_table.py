"""The dead letters: one row per letter the outbox gave up on, newest first."""

from __future__ import annotations

from typing import Final

from textual.widgets import DataTable

from console.client import MailInfo
from console.session import Session
from statemachine.text import N_

COLUMNS: Final = (
    (N_("Recipient"), 16),
    (N_("Subject"), 14),
    (N_("Case"), 10),
    (N_("Tries"), 5),
    (N_("Last error"), 10),
    (N_("Queued"), 10),
)
"""Each column's msgid and width; together they fit 80 columns (the full error is shown
under the table)."""

NO_CASE = "—"
"""The case column of a letter about no case."""


class MailTable(DataTable[str]):
    """The letters, with the one under the cursor as :attr:`current`."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        """Args:
        session: for the labels.
        id: the widget's id.
        """
        super().__init__(cursor_type="row", id=id)
        self.session = session
        self.mail: list[MailInfo] = []
        """The letters shown, in table order."""

    def on_mount(self) -> None:
        for label, width in COLUMNS:
            self.add_column(self.session.say(label), width=width)

    def show(self, mail: list[MailInfo]) -> None:
        """List ``mail``, keeping the cursor's row number where it can."""
        row = self.cursor_row
        self.mail = mail
        self.clear()
        for letter in mail:
            self.add_row(
                letter["recipient_name"] or letter["recipient"],
                letter["subject"],
                letter["case"] or NO_CASE,
                str(letter["attempts"]),
                letter["last_error"] or "",
                letter["created_at"][:10],
            )
        if mail:
            self.move_cursor(row=min(row, len(mail) - 1))

    @property
    def current(self) -> MailInfo | None:
        """The letter under the cursor."""
        if not self.mail or not 0 <= self.cursor_row < len(self.mail):
            return None
        return self.mail[self.cursor_row]
