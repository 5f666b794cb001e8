"""The board's meetings: one row each, the earliest first, with how many items each agenda
has and whether everyone on it has been summoned (✓). A cell too narrow for its text ends
in …; :func:`detail` says the whole of the meeting under the cursor."""

from __future__ import annotations

from typing import Final

from rich.text import Text
from textual.widgets import DataTable

from console.client import MeetingSummary
from console.session import Session
from statemachine.text import N_, tn
from statemachine.text import Text as Text_

COLUMNS: Final = (
    (N_("When"), 16),
    (N_("Tribunal"), 20),
    (N_("Place"), 18),
    (N_("Items"), 7),
    (N_("Summoned"), 8),
)
"""Each column's msgid and width; with the cells' padding and the scrollbar, 80 columns."""
EVERYONE_SUMMONED = N_("✓ everyone summoned")
NOT_EVERYONE_SUMMONED = N_("– not everyone summoned yet")


def cell(value: str) -> Text:
    """A cell's text, ending in … where the column cuts it."""
    return Text(value, no_wrap=True, overflow="ellipsis")


def items(count: int) -> Text_:
    """How many items the agenda has."""
    return tn("{count} item on the agenda", "{count} items on the agenda", count)


def detail(session: Session, meeting: MeetingSummary) -> list[str]:
    """The whole of ``meeting``: its tribunal, place, items and summons."""
    summoned = EVERYONE_SUMMONED if meeting["summoned"] else NOT_EVERYONE_SUMMONED
    parts = [meeting["tribunal_name"], meeting["place"], session.say(items(meeting["items"]))]
    if meeting["items"]:
        parts.append(session.say(summoned))
    return parts


class MeetingTable(DataTable[Text]):
    """The meetings, with the one under the cursor as :attr:`current`."""

    DEFAULT_CSS = """
    MeetingTable { scrollbar-size-vertical: 1; }
    """

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
                cell(meeting["starts_at"][:16].replace("T", " ")),
                cell(meeting["tribunal_name"]),
                cell(meeting["place"]),
                cell(str(meeting["items"])),
                cell("✓" if meeting["summoned"] else "–"),
            )

    @property
    def current(self) -> MeetingSummary | None:
        """The meeting under the cursor."""
        if not self.meetings or not 0 <= self.cursor_row < len(self.meetings):
            return None
        return self.meetings[self.cursor_row]
