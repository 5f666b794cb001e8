"""The board's meetings: one row each, the earliest first, with how many items each agenda
has and whether everyone on it has been summoned (✓)."""

from __future__ import annotations

from typing import Final

from rich.text import Text
from textual.widgets import DataTable

from console.client import MeetingSummary
from console.session import Session
from statemachine.text import N_

COLUMNS: Final = (
    (N_("When"), 16),
    (N_("Tribunal"), 24),
    (N_("Place"), 18),
    (N_("Items"), 5),
    (N_("Summoned"), 8),
)
"""Each column's msgid and width; together they fit 80 columns."""


class MeetingTable(DataTable[Text]):
    """The meetings, with the one under the cursor as :attr:`current`."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        """Args:
        session: for the labels.
        id: the widget's id.
        """
        super().__init__(cursor_type="row", id=id)
        self.session = session
        self.meetings: list[MeetingSummary] = []

    def on_mount(self) -> None:
        for label, width in COLUMNS:
            self.add_column(self.session.say(label), width=width)

    def show(self, meetings: list[MeetingSummary]) -> None:
        """List ``meetings``."""
        self.meetings = meetings
        self.clear()
        for meeting in meetings:
            self.add_row(
                Text(meeting["starts_at"][:16].replace("T", " ")),
                Text(meeting["tribunal_name"]),
                Text(meeting["place"]),
                Text(str(meeting["items"])),
                Text("✓" if meeting["summoned"] else "–"),
            )

    @property
    def current(self) -> MeetingSummary | None:
        """The meeting under the cursor."""
        if not self.meetings or not 0 <= self.cursor_row < len(self.meetings):
            return None
        return self.meetings[self.cursor_row]
