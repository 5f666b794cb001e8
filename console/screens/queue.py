"""The queue screen: the caller's cases, filtered, searched, sorted, paged, and assigned."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, Final, TypeVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from console.calls import run_call
from console.client import QueuePage, QueueParams, SavedFilter
from console.messages import Failed
from console.screens.assign import AssignPicker, Pick
from console.screens.case import CaseScreen
from console.screens.filter import OPEN_FILTER, ORDERS, SORTS, FilterDialog, filter_words
from console.screens.meetings import MeetingsScreen
from console.screens.outbox import LEADS_ONLY, OutboxScreen, may_see_outbox
from console.screens.prompt import Prompt
from console.screens.saved_filters import FilterChoice, SavedFiltersDialog
from console.session import Session
from console.widgets.case_table import CaseTable
from console.widgets.deadline_badge import LEGEND
from console.widgets.filter_bar import FilterBar
from console.widgets.key_footer import KeyFooter
from console.widgets.status_line import StatusLine
from statemachine.errors import NaevnError
from statemachine.text import N_, tn

PAGE: Final = 100
"""Cases per page; the table holds at most three pages."""

ALL_CASES = N_("All cases")
MY_DEADLINES = N_("My deadlines")
MARKED = N_("{count} marked")
SHOWN = N_("{count} shown")
MORE = N_("{count}+ shown")
SEARCHING = N_("Search: {text}")
SORTED = N_("Sort: {value}")
NOTHING_MARKED = N_("Mark cases with Space first.")
NOTHING_HERE = N_("No case under the cursor.")
TAKEN = N_("Case {number} is now assigned to you.")
SAVE_AS = N_("Save this filter as:")
SAVED = N_("Saved the filter '{name}'.")
DELETED = N_("Deleted the filter '{name}'.")

T = TypeVar("T")
SORT_ORDER: Final = ("deadline", "filed", "number")


class QueueScreen(Screen[None]):
    """The first screen: the queue table under a filter bar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", N_("Search")),
        Binding("f", "filter", N_("Filter")),
        Binding("s", "sort", N_("Sort")),
        Binding("m", "my_deadlines", N_("Mine")),
        Binding("t", "take", N_("Assign to me"), show=False),
        Binding("b", "bulk_assign", N_("Assign marked")),
        Binding("l", "saved_filters", N_("Saved filters"), show=False),
        Binding("ctrl+s", "save_filter", N_("Save filter"), show=False),
        Binding("r", "refresh", N_("Refresh"), show=False),
        Binding("u", "outbox", N_("Undelivered mail"), show=False),
        Binding("g", "meetings", N_("Meetings")),
    ]

    class Loaded(Message):
        """A page of the queue came back."""

        def __init__(self, page: QueuePage, start: str | None, forward: bool | None) -> None:
            super().__init__()
            self.page = page
            self.start = start
            self.forward = forward
            """True/False: a next/previous page of the window; None: a fresh first page."""

    def __init__(self, session: Session) -> None:
        """Args:
        session: the client, language and caller.
        """
        super().__init__()
        self.session = session
        self.params: QueueParams = {"status": OPEN_FILTER, "sort": "deadline", "order": "asc"}
        """The query shown (without the page cursor and size)."""
        self.before_mine: QueueParams | None = None
        """The query to go back to when "my deadlines" is switched off."""
        self.keep: str | None = None
        """A case to put the cursor on after the next fresh page."""

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield FilterBar(self.session)
        yield CaseTable(self.session, id="cases")
        yield KeyFooter(self.session)

    @property
    def table(self) -> CaseTable:
        """The queue's table."""
        return self.query_one(CaseTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.run_worker(self._start(), group="queue", exclusive=True)

    async def _start(self) -> None:
        if self.session.me is None:
            try:
                self.session.me = await self.session.client.me()
            except NaevnError as error:
                self.post_message(Failed(error))
        await self._fetch(None, None)

    def reload(self, keep: str | None = None) -> None:
        """Fetch the first page of the query afresh, keeping the cursor on ``keep`` if shown."""
        self.keep = keep
        self.run_worker(self._fetch(None, None), group="queue", exclusive=True)

    async def _fetch(self, start: str | None, forward: bool | None) -> None:
        params = QueueParams(**self.params, limit=PAGE)
        if start is not None:
            params["after"] = start
        try:
            page = await self.session.client.queue(params)
        except NaevnError as error:
            self.post_message(Failed(error))
            self.table.page_failed()
            return
        self.post_message(self.Loaded(page, start, forward))

    def on_queue_screen_loaded(self, message: Loaded) -> None:
        if message.forward is None:
            self.table.show_first(message.page)
            if self.keep is not None and self.keep in self.table.rows:
                self.table.move_cursor(row=self.table.get_row_index(self.keep))
        else:
            self.table.add_page(message.start, message.page, forward=message.forward)
        self._describe()

    def on_case_table_want_page(self, message: CaseTable.WantPage) -> None:
        self.run_worker(self._fetch(message.start, message.forward), group="page")

    def on_case_table_opened(self, message: CaseTable.Opened) -> None:
        number = message.number
        self.app.push_screen(CaseScreen(self.session, number), lambda _: self.reload(number))

    def on_filter_bar_search(self, message: FilterBar.Search) -> None:
        self._query(q=message.text)

    def _query(self, **changes: str) -> None:
        params = cast(dict[str, Any], dict(self.params))
        for name, value in changes.items():
            if value:
                params[name] = value
            else:
                params.pop(name, None)
        self.params = cast(QueueParams, params)
        self.reload()

    def _describe(self) -> None:
        say, params, table = self.session.say, self.params, self.table
        me = self.session.me
        who = f"{me['name']}" if me else ""
        view = say(MY_DEADLINES if self.before_mine is not None else ALL_CASES)
        last = table.pages[-1].after if table.pages else None
        count = say(MORE if last else SHOWN, count=table.rows_held)
        marked = say(MARKED, count=len(table.marked)) if table.marked else ""
        self.query_one(StatusLine).say(who, view, count, marked, say(LEGEND))
        parts = [
            *filter_words(self.session, params),
            say(SORTED, value=self._sort_words()),
            say(SEARCHING, text=params["q"]) if params.get("q") else "",
        ]
        self.query_one(FilterBar).show(" · ".join(p for p in parts if p))

    def _sort_words(self) -> str:
        say = self.session.say
        arrow = "↓" if self.params.get("order") == "desc" else "↑"
        order = dict(ORDERS)[self.params.get("order", "asc")]
        return f"{say(dict(SORTS)[self.params.get('sort', 'deadline')])} {arrow} ({say(order)})"

    def _call(self, call: Awaitable[T], then: Callable[[T], None]) -> None:
        run_call(self, call, then, group="action")

    # --- actions ------------------------------------------------------------------------------

    def action_search(self) -> None:
        """Put the cursor in the search field."""
        self.query_one("#search").focus()

    def action_filter(self) -> None:
        """Open the filter dialog."""

        def apply(params: QueueParams | None) -> None:
            if params is not None:
                self.params = params
                self.before_mine = None
                self.reload()

        self.app.push_screen(FilterDialog(self.session, self.params), apply)

    def action_sort(self) -> None:
        """Sort by the next key: next deadline, filing date, number."""
        now = self.params.get("sort", "deadline")
        following = SORT_ORDER[(SORT_ORDER.index(now) + 1) % len(SORT_ORDER)]
        self._query(sort=following)

    def action_my_deadlines(self) -> None:
        """Show only my open cases by next deadline, or go back to the query before."""
        if self.before_mine is not None:
            self.params, self.before_mine = self.before_mine, None
        else:
            self.before_mine = self.params
            self.params = {
                "status": OPEN_FILTER,
                "assignee": "me",
                "sort": "deadline",
                "order": "asc",
            }
        self.reload()

    def action_refresh(self) -> None:
        """Fetch the queue again."""
        current = self.table.current
        self.reload(current["number"] if current else None)

    def action_take(self) -> None:
        """Assign the case under the cursor to me."""
        row = self.table.current
        if row is None:
            self.notify(self.session.say(NOTHING_HERE), severity="warning")
            return
        number = row["number"]

        def done(_: object) -> None:
            self.notify(self.session.say(TAKEN, number=number))
            self.reload(number)

        self._call(self.session.client.assign(number, "me", version=row["version"]), done)

    def action_bulk_assign(self) -> None:
        """Assign every marked case to me or a colleague."""
        numbers = sorted(self.table.marked)
        if not numbers:
            self.notify(self.session.say(NOTHING_MARKED), severity="warning")
            return

        def picked(pick: Pick | None) -> None:
            if pick is None or pick.staff is None:
                return
            self._call(self.session.client.bulk_assign(numbers, pick.staff), self._bulk_done)

        def ask(colleagues: list[Any]) -> None:
            picker = AssignPicker(self.session, colleagues, allow_nobody=False)
            self.app.push_screen(picker, picked)

        self._call(self.session.client.colleagues(), ask)

    def _bulk_done(self, result: Any) -> None:
        assigned: list[str] = result["assigned"]
        if assigned:
            count = len(assigned)
            self.notify(
                self.session.say(tn("Assigned {count} case.", "Assigned {count} cases.", count))
            )
        for refusal in result["refused"]:
            self.notify(f"{refusal['number']}: {refusal['message']}", severity="error")
        self.table.marked -= set(assigned)
        self.action_refresh()

    def action_saved_filters(self) -> None:
        """Choose a saved filter to apply or delete."""

        def chosen(choice: FilterChoice | None) -> None:
            if choice is None:
                return
            name = choice.saved["name"]
            if choice.action == "delete":
                self._call(
                    self.session.client.delete_filter(name),
                    lambda _: self.notify(self.session.say(DELETED, name=name)),
                )
                return
            self.params = choice.saved["query"]
            self.before_mine = None
            self.query_one(FilterBar).set_search(self.params.get("q", ""))
            self.reload()

        def show(filters: list[SavedFilter]) -> None:
            self.app.push_screen(SavedFiltersDialog(self.session, filters), chosen)

        self._call(self.session.client.filters(), show)

    def action_save_filter(self) -> None:
        """Save the query shown under a name."""

        def named(name: str | None) -> None:
            if name:
                self._call(
                    self.session.client.save_filter(name, self.params),
                    lambda _: self.notify(self.session.say(SAVED, name=name)),
                )

        self.app.push_screen(Prompt(self.session, self.session.say(SAVE_AS)), named)

    def action_meetings(self) -> None:
        """The board's meetings of the caller's tribunals."""
        self.app.push_screen(MeetingsScreen(self.session), lambda _: self.reload())

    def action_outbox(self) -> None:
        """Show the mail that could not be delivered (leads and admins only)."""
        if not may_see_outbox(self.session):
            self.notify(self.session.say(LEADS_ONLY), severity="warning")
            return
        self.app.push_screen(OutboxScreen(self.session))
