"""The board's meetings (nævnsmodul): the meetings of the caller's tribunals, the earliest
first; Enter opens one, N plans a new one (a lead: anyone else who presses it has the
service asked, so its refusal says why)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.calls import run_call
from console.client import Meeting, MeetingSummary
from console.screens.meeting import MeetingScreen, packed
from console.screens.new_meeting import NewMeetingDialog
from console.session import Session
from console.widgets.key_footer import KeyFooter
from console.widgets.meeting_table import MeetingTable, detail
from console.widgets.status_line import StatusLine
from statemachine.text import N_

T = TypeVar("T")

TITLE = N_("Board meetings")
COUNT = N_("{n} planned")
NONE = N_("No meeting is planned. A lead plans one with N.")


class MeetingsScreen(Screen[None]):
    """The meetings; Escape goes back to the queue."""

    DEFAULT_CSS = """
    MeetingsScreen MeetingTable { height: 1fr; }
    MeetingsScreen #detail { padding: 0 1; height: auto; max-height: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
        Binding("n", "new", N_("Plan a meeting")),
        Binding("r", "refresh", N_("Refresh"), show=False),
    ]

    def __init__(self, session: Session) -> None:
        """Args:
        session: the client, language and caller.
        """
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield StatusLine(self.session.say(TITLE), id="status")
        yield MeetingTable(self.session, id="meetings")
        yield Static("", id="detail", markup=False)
        yield KeyFooter(self.session)

    def on_mount(self) -> None:
        self.action_refresh()

    def _call(
        self,
        call: Awaitable[T],
        then: Callable[[T], None],
        refused: Callable[[], None] | None = None,
    ) -> None:
        run_call(self, call, then, group="meetings", refused=refused)

    def _show(self, meetings: list[MeetingSummary]) -> None:
        say = self.session.say
        self.query_one(MeetingTable).show(meetings)
        self.query_one(StatusLine).say(say(TITLE), say(COUNT, n=len(meetings)))
        self.query_one(MeetingTable).focus()
        if not meetings:
            self.notify(say(NONE))

    def _plans(self) -> bool:
        """Whether the caller plans meetings (a lead)."""
        return bool(self.session.me and self.session.me["role"] == "lead")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Planning is a lead's."""
        if action == "new":
            return self._plans()
        return True

    def on_key(self, event: events.Key) -> None:
        """A reader pressing N: ask the service about the meeting under the cursor (its
        ready cases, which only a planner may list), so that its refusal is shown."""
        if event.key != "n" or self._plans():
            return
        event.stop()
        found = self.query_one(MeetingTable).current
        if found is None:
            self.notify(self.session.say(NONE))
            return
        self._call(self.session.client.ready_cases(found["id"]), lambda _: None)

    def action_back(self) -> None:
        """Back to the queue."""
        self.dismiss(None)

    def action_refresh(self) -> None:
        """Read the meetings again."""
        self._call(self.session.client.meetings(), self._show)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        found = self.query_one(MeetingTable).current
        parts = detail(self.session, found) if found is not None else []
        self.query_one("#detail", Static).update("\n".join(packed(parts, self.size.width - 2)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        found = self.query_one(MeetingTable).current
        if found is not None:
            self._open(found["id"])

    def _open(self, meeting_id: int) -> None:
        self.app.push_screen(
            MeetingScreen(self.session, meeting_id), lambda _: self.action_refresh()
        )

    def action_new(self) -> None:
        """Plan a meeting, then open it."""
        self._ask(None)

    def _ask(self, values: dict[str, Any] | None) -> None:
        """The planning dialog, holding ``values`` (what the service just refused) if given,
        so that the lead corrects one field rather than types them all again."""
        me = self.session.me
        if me is None:
            return

        def plan(asked: dict[str, Any] | None) -> None:
            if not asked:
                return
            call = self.session.client.new_meeting(
                asked["tribunal"],
                starts_at=asked["starts_at"],
                place=asked["place"],
                members=asked["members"],
            )

            def made(meeting: Meeting) -> None:
                self.action_refresh()
                self._open(meeting["id"])

            self._call(call, made, refused=lambda: self._ask(asked))

        self.app.push_screen(NewMeetingDialog(self.session, me["tribunals"], values), plan)
