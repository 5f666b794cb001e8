"""The queue's table: a window of a few hundred rows, paged by keyset as the cursor moves.

The table never fetches. When the cursor nears an edge of its window it posts
:class:`CaseTable.WantPage`; the screen's worker fetches and hands the page back with
:meth:`CaseTable.add_page`. Pages that fall out of the window are dropped, and their start
cursors kept, so scrolling back fetches them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Final

from rich.text import Text as RichText
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from console.client import CaseRow, QueuePage
from console.session import Session
from console.widgets.deadline_badge import deadline_cell
from statemachine.text import N_

MAX_PAGES: Final = 3
"""Pages held at once; with pages of 100 the table never holds more than 300 rows."""

EDGE: Final = 5
"""How close to an edge of the window the cursor gets before the next page is asked for."""

MARK: Final = "✓"
"""Shown in front of a marked (multi-selected) case's number."""

COLUMNS: Final = (
    (N_("Number"), 10),
    (N_("Type"), 10),
    (N_("Parties"), 11),
    (N_("Status"), 9),
    (N_("Assignee"), 8),
    (N_("Due"), 7),
    (N_("Filed"), 10),
)
"""Each column's msgid and width; together they fit 80 columns."""


@dataclass
class Page:
    """One page of the window."""

    start: str | None
    """The cursor it was fetched with (None: the first page)."""
    rows: list[CaseRow]
    """Its cases."""
    after: str | None
    """The cursor of the next page (None: this is the last)."""


class CaseTable(DataTable[RichText | str]):
    """The cases of the queue, with marks for bulk actions."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_mark", N_("Mark")),
        Binding("enter", "select_cursor", N_("Open"), show=False),
    ]

    class WantPage(Message):
        """The cursor neared an edge: fetch the page starting at ``start``."""

        def __init__(self, start: str | None, forward: bool) -> None:
            super().__init__()
            self.start = start
            self.forward = forward

    class Opened(Message):
        """Enter on a case: open it."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        """Args:
        session: for the labels.
        id: the widget's DOM id.
        """
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.session = session
        self.pages: list[Page] = []
        """The window: consecutive pages of the queue."""
        self.earlier: list[str | None] = []
        """Start cursors of the pages dropped before the window, nearest last."""
        self.marked: set[str] = set()
        """Case numbers marked for a bulk action (kept across pages and reloads)."""
        self.pending = False
        """A page has been asked for and not yet added."""

    def on_mount(self) -> None:
        for msgid, width in COLUMNS:
            self.add_column(self.session.say(msgid), width=width, key=msgid)

    @property
    def rows_held(self) -> int:
        """How many rows the window holds now."""
        return sum(len(page.rows) for page in self.pages)

    @property
    def current(self) -> CaseRow | None:
        """The case under the cursor."""
        if not self.row_count:
            return None
        number = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return next(
            (row for page in self.pages for row in page.rows if row["number"] == number), None
        )

    def show_first(self, page: QueuePage) -> None:
        """Start the window over with the first page of a new query."""
        self.pages = [Page(None, page["cases"], page["after"])]
        self.earlier = []
        self.pending = False
        self._rebuild(keep=None)
        if self.row_count:
            self.move_cursor(row=0)

    def add_page(self, start: str | None, page: QueuePage, *, forward: bool) -> None:
        """Add a fetched page at the end (``forward``) or the start, dropping one if full."""
        self.pending = False
        keep = self.current["number"] if self.current else None
        fresh = Page(start, page["cases"], page["after"])
        if forward:
            self.pages.append(fresh)
            if len(self.pages) > MAX_PAGES:
                self.earlier.append(self.pages.pop(0).start)
        else:
            self.earlier.pop()
            self.pages.insert(0, fresh)
            if len(self.pages) > MAX_PAGES:
                self.pages.pop()
        self._rebuild(keep=keep)

    def page_failed(self) -> None:
        """The asked-for page did not come: a later move may ask again."""
        self.pending = False

    def _rebuild(self, *, keep: str | None) -> None:
        self.clear()
        for page in self.pages:
            for row in page.rows:
                self.add_row(*self._cells(row), key=row["number"])
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    def _cells(self, row: CaseRow) -> list[RichText | str]:
        assignee = row["assignee"]
        mark = MARK if row["number"] in self.marked else " "
        return [
            RichText(f"{mark}{row['number']}", style="bold" if mark == MARK else ""),
            row["case_type_label"],
            row["parties"],
            row["status_label"],
            assignee["name"] if assignee else "",
            deadline_cell(row["next_deadline"], self.session),
            row["filed"],
        ]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.pending or not self.pages:
            return
        # Where the cursor is now, not where the event says: a rebuild of the window passes
        # through row 0 before the cursor is put back, and that must not ask for a page.
        row = self.cursor_row
        if row >= self.row_count - EDGE and self.pages[-1].after is not None:
            self.pending = True
            self.post_message(self.WantPage(self.pages[-1].after, forward=True))
        elif row < EDGE and self.earlier:
            self.pending = True
            self.post_message(self.WantPage(self.earlier[-1], forward=False))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(event.row_key.value))

    def action_toggle_mark(self) -> None:
        """Mark or unmark the case under the cursor for a bulk action, and move on."""
        row = self.current
        if row is None:
            return
        self.marked ^= {row["number"]}
        mark = MARK if row["number"] in self.marked else " "
        cell = RichText(f"{mark}{row['number']}", style="bold" if mark == MARK else "")
        self.update_cell(row["number"], COLUMNS[0][0], cell)
        self.action_cursor_down()
