"""A meeting's agenda: one row per item in its order, each case or inspection with whether its
parties have been summoned (✓), never by colour alone."""

from __future__ import annotations

from typing import Final

from rich.text import Text
from textual.widgets import DataTable

from console.client import AgendaItem
from console.session import Session
from statemachine.text import N_

COLUMNS: Final = (
    (N_("No."), 3),
    (N_("Case"), 10),
    (N_("Item"), 18),
    (N_("Type"), 12),
    (N_("Address"), 16),
    (N_("Summoned"), 8),
)
"""Each column's msgid and width; together they fit 80 columns."""
SUMMONED: Final = "✓"
NOT_SUMMONED: Final = "–"


class AgendaTable(DataTable[Text]):
    """The agenda, with the item under the cursor as :attr:`current`."""

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
                Text(str(n)),
                Text(item["number"]),
                Text(kind),
                Text(item["case_type_label"]),
                Text(item["address"]),
                Text(SUMMONED if item["summoned_at"] else NOT_SUMMONED),
            )
        if items:
            self.move_cursor(row=max(0, min(row, len(items) - 1)))

    @property
    def current(self) -> AgendaItem | None:
        """The item under the cursor."""
        if not self.items or not 0 <= self.cursor_row < len(self.items):
            return None
        return self.items[self.cursor_row]
