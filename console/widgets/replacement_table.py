"""The anonymisation's replacements: one row each, in text order, its kind marked ✓ (replaced
when published) or ✗ (left as written), never by colour alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from rich.text import Text
from textual.widgets import DataTable

from console.session import Session
from statemachine.text import N_

COLUMNS: Final = (
    (N_("What"), 16),
    (N_("Written"), 17),
    (N_("Published as"), 18),
    (N_("Found by"), 19),
)
"""Each column's msgid and width; with the cells' padding and a scroll bar they fit 80
columns, and every kind's and finder's label fits whole in English and Danish ("✓ E-mail
address", "A party of the case", "Offentliggøres som")."""
KEPT: Final = "✓"
"""The mark of a replacement that is made."""
REVERTED: Final = "✗"
"""The mark of one the caseworker reverted: the words stay as written."""


class ReplacementTable(DataTable[Text]):
    """The replacements, with the one under the cursor as :attr:`current_index`."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        """Args:
        session: for the labels.
        id: the widget's id.
        """
        super().__init__(cursor_type="row", id=id)
        self.session = session
        self.count = 0

    def on_mount(self) -> None:
        for label, width in COLUMNS:
            self.add_column(self.session.say(label), width=width)

    def show(self, spans: Sequence[dict[str, Any]], *, at: int | None = None) -> None:
        """List ``spans``, the cursor on row ``at`` (else where it was)."""
        row = self.cursor_row if at is None else at
        self.clear()
        self.count = len(spans)
        for span in spans:
            # Text cells: a replacement such as "[lejer]" is not markup.
            self.add_row(
                Text(
                    f"{KEPT if span['kept'] else REVERTED} {span.get('kind_label') or span['kind']}"
                ),
                Text(" ".join(str(span["original"]).split())),
                Text(str(span["replacement"]) if span["kept"] else str(span["original"])),
                Text(str(span.get("source_label") or span["source"])),
            )
        if spans:
            self.move_cursor(row=max(0, min(row, len(spans) - 1)))

    @property
    def current_index(self) -> int | None:
        """The row under the cursor, if there are rows."""
        if not self.count or not 0 <= self.cursor_row < self.count:
            return None
        return self.cursor_row
