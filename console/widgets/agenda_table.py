"""A meeting's agenda: one row per item in its order, each case or inspection with its parties
(so that a board member sees whom they would judge) and whether they have been summoned (✓),
never by colour alone. A cell too narrow for its text ends in …; :func:`detail` says the
whole of the item under the cursor."""

from __future__ import annotations

from typing import Final

from rich.text import Text
from textual.widgets import DataTable

from console.client import AgendaItem
from console.session import Session
from statemachine.text import N_

COLUMNS: Final = (
    (N_("No."), 3),
    (N_("Case"), 9),
    (N_("Item"), 18),
    (N_("Parties"), 15),
    (N_("Address"), 12),
    (N_("Summoned"), 8),
)
"""Each column's msgid and width (the item's fits 'Besigtigelse 10:00'); with the cells'
padding and the scrollbar, 78 columns. The case type is in :func:`detail`."""
SUMMONED: Final = "✓"
NOT_SUMMONED: Final = "–"
INSPECTION_AT = N_("{kind} on {when} at {place}")
INSPECTION_ON = N_("{kind} on {when}")


def cell(value: str) -> Text:
    """A cell's text, ending in … where the column cuts it."""
    return Text(value, no_wrap=True, overflow="ellipsis")


def detail(session: Session, item: AgendaItem) -> list[str]:
    """The whole of ``item``: its case, parties, type, status and address, and for an
    inspection when and where the tribunal comes."""
    parts = [
        item["number"],
        item["parties"],
        item["case_type_label"],
        item["status_label"],
        item["address"],
    ]
    if item["kind"] == "inspection":
        when = (item["inspection_at"] or "")[:16].replace("T", " ")
        place = item["place"] or item["address"]
        said = INSPECTION_AT if place else INSPECTION_ON
        parts[-1] = session.say(said, kind=item["kind_label"], when=when, place=place)
    return [part for part in parts if part]


class AgendaTable(DataTable[Text]):
    """The agenda, with the item under the cursor as :attr:`current`."""

    DEFAULT_CSS = """
    AgendaTable { scrollbar-size-vertical: 1; }
    """

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        """Args:
        session: for the labels.
        id: the widget's id.
        """
        super().__init__(cursor_type="row", id=id)
        self.session = session
        self.items: list[AgendaItem] = []

    def on_mount(self) -> None:
        for label, width in COLUMNS:
            self.add_column(self.session.say(label), width=width)

    def show(self, items: list[AgendaItem], *, at: int | None = None) -> None:
        """List ``items``, the cursor on the item with id ``at`` (else where it was)."""
        row = self.cursor_row
        if at is not None:
            row = next((n for n, item in enumerate(items) if item["id"] == at), row)
        self.items = items
        self.clear()
        for n, item in enumerate(items, start=1):
            kind = item["kind_label"]
            if item["kind"] == "inspection" and item["inspection_at"]:
                kind = f"{kind} {item['inspection_at'][11:16]}"
            self.add_row(
                cell(str(n)),
                cell(item["number"]),
                cell(kind),
                cell(item["parties"]),
                cell(item["address"]),
                cell(SUMMONED if item["summoned_at"] else NOT_SUMMONED),
            )
        if items:
            self.move_cursor(row=max(0, min(row, len(items) - 1)))

    @property
    def current(self) -> AgendaItem | None:
        """The item under the cursor."""
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row]
