"""One board meeting: when and where, who sits, and its agenda in order. A lead puts ready
cases (or inspections of their homes) on it, moves items up and down, takes them off, sends
the summons and saves the agenda as a PDF; a board member reads it. Enter opens a case.

A reader (not a lead) does not see the lead's keys; one who presses one anyway has the
service asked, so its refusal says why nothing changes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import ClassVar, Final, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.calls import run_call, save_file
from console.client import CaseRow, Meeting, Summons
from console.screens.case import CaseScreen
from console.screens.confirm import Confirm
from console.screens.ready_picker import ReadyPicker
from console.session import Session
from console.widgets.agenda_table import AgendaTable, detail
from console.widgets.key_footer import KeyFooter
from console.widgets.status_line import StatusLine
from statemachine.text import N_

T = TypeVar("T")

LOADING = N_("Loading meeting {id}…")
TITLE = N_("Meeting {when}")
NOTHING_READY = N_("No case of this tribunal is ready for a meeting.")
ASK_REMOVE = N_("Take case {number} off the agenda?")
ASK_SUMMONS = N_(
    "Send the summons to the parties of every item not yet summoned? They go out at once."
)
SENT = N_("{n} summons queued to be sent.")
SAVE_TO = N_("Save the agenda's PDF to:")
READ_ONLY = N_("read only")
CHANGES: Final = frozenset({"add", "up", "down", "remove", "summons"})
"""The lead's actions: they change the agenda or send mail."""


class MeetingScreen(Screen[None]):
    """A meeting; Escape goes back to the list."""

    DEFAULT_CSS = """
    MeetingScreen #members { padding: 0 1; height: auto; }
    MeetingScreen AgendaTable { height: 1fr; }
    MeetingScreen #detail { padding: 0 1; height: auto; max-height: 3; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
        Binding("a", "add", N_("Add case")),
        Binding("ctrl+up", "up", N_("Move up")),
        Binding("ctrl+down", "down", N_("Move down")),
        # for terminals that keep Ctrl+arrows to themselves (macOS, some multiplexers)
        Binding("minus", "up", N_("Move up"), show=False),
        Binding("plus", "down", N_("Move down"), show=False),
        Binding("x", "remove", N_("Take off")),
        Binding("s", "summons", N_("Summons")),
        Binding("p", "save_pdf", N_("PDF")),
    ]

    class Shown(Message):
        """The meeting came back from the client."""

        def __init__(self, meeting: Meeting, at: int | None) -> None:
            super().__init__()
            self.meeting = meeting
            self.at = at

    def __init__(self, session: Session, meeting_id: int) -> None:
        """Args:
        session: the client, language and caller.
        meeting_id: the meeting shown.
        """
        super().__init__()
        self.session = session
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None

    def compose(self) -> ComposeResult:
        yield StatusLine(self.session.say(LOADING, id=self.meeting_id), id="status")
        yield Static("", id="members", markup=False)
        yield AgendaTable(self.session, id="agenda")
        yield Static("", id="detail", markup=False)
        yield KeyFooter(self.session)

    def on_mount(self) -> None:
        self._reload()

    def _reload(self, at: int | None = None) -> None:
        self._call(self.session.client.meeting(self.meeting_id), self._shown(at))

    def _call(self, call: Awaitable[T], then: Callable[[T], None]) -> None:
        run_call(self, call, then, group="meeting")

    def _shown(self, at: int | None) -> Callable[[Meeting], None]:
        def show(meeting: Meeting) -> None:
            self.post_message(self.Shown(meeting, at))

        return show

    def on_meeting_screen_shown(self, message: Shown) -> None:
        meeting = self.meeting = message.meeting
        say = self.session.say
        when = meeting["starts_at"][:16].replace("T", " ")
        mode = "" if self._plans() else say(READ_ONLY)
        self.query_one(StatusLine).say(say(TITLE, when=when), meeting["place"], mode)
        members = [f"{m['seat_label']}: {m['name']}" for m in meeting["members"]]
        lines = [meeting["tribunal_name"], *packed(members, self.app.size.width - 2)]
        self.query_one("#members", Static).update("\n".join(lines))
        table = self.query_one(AgendaTable)
        table.show(meeting["agenda"], at=message.at)
        self._detail()
        table.focus()
        self.refresh_bindings()

    # --- actions ------------------------------------------------------------------------------

    def _plans(self) -> bool:
        """Whether the caller plans meetings (a lead)."""
        return bool(self.session.me and self.session.me["role"] == "lead")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Changing the agenda and summoning are a lead's."""
        if (action in CHANGES or action == "save_pdf") and self.meeting is None:
            return False
        if action in CHANGES:
            return self._plans()
        return True

    def on_key(self, event: events.Key) -> None:
        """A reader pressing a lead's key: ask the service (the ready cases, which only a
        planner may list), so that its refusal is shown; nothing is changed either way."""
        if self.meeting is None or self._plans() or event.key not in LEAD_KEYS:
            return
        event.stop()
        self._call(self.session.client.ready_cases(self.meeting_id), lambda _: None)

    def action_back(self) -> None:
        """Back to the meetings."""
        self.dismiss(None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._detail()

    def _detail(self) -> None:
        item = self.query_one(AgendaTable).current
        parts = detail(self.session, item) if item is not None else []
        self.query_one("#detail", Static).update("\n".join(packed(parts, self.size.width - 2)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        item = self.query_one(AgendaTable).current
        if item is not None:
            number = item["number"]
            self.app.push_screen(CaseScreen(self.session, number), lambda _: self._reload())

    def action_add(self) -> None:
        """Put one of the tribunal's ready cases (or an inspection of its home) last."""
        meeting = self.meeting
        if meeting is None:
            return

        def pick(cases: list[CaseRow]) -> None:
            if not cases:
                self.notify(self.session.say(NOTHING_READY))
                return
            self.app.push_screen(ReadyPicker(self.session, cases), chosen)

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            number, kind = choice
            when = meeting["starts_at"] if kind == "inspection" else None
            call = self.session.client.add_agenda_item(
                self.meeting_id, number, kind=kind, inspection_at=when
            )
            self._call(call, lambda m: self._shown(m["agenda"][-1]["id"])(m))

        self._call(self.session.client.ready_cases(self.meeting_id), pick)

    def _move(self, direction: str) -> None:
        item = self.query_one(AgendaTable).current
        if item is None:
            return
        call = self.session.client.move_agenda_item(self.meeting_id, item["id"], direction)
        self._call(call, self._shown(item["id"]))

    def action_up(self) -> None:
        """Move the item under the cursor one place up."""
        self._move("up")

    def action_down(self) -> None:
        """Move the item under the cursor one place down."""
        self._move("down")

    def action_remove(self) -> None:
        """Take the item under the cursor off the agenda, after a yes."""
        item = self.query_one(AgendaTable).current
        if item is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                call = self.session.client.remove_agenda_item(self.meeting_id, item["id"])
                self._call(call, self._shown(None))

        question = self.session.say(ASK_REMOVE, number=item["number"])
        self.app.push_screen(Confirm(self.session, question), confirmed)

    def action_summons(self) -> None:
        """Summon the parties of the items not yet summoned, after a yes."""

        def sent(summons: Summons) -> None:
            self._shown(None)(summons["meeting"])
            self.notify(self.session.say(SENT, n=summons["sent"]))

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._call(self.session.client.send_summons(self.meeting_id), sent)

        self.app.push_screen(Confirm(self.session, self.session.say(ASK_SUMMONS)), confirmed)

    def action_save_pdf(self) -> None:
        """Save the agenda as a PDF (in Danish) to a file."""
        filename = f"dagsorden-{self.meeting_id}.pdf"
        fetch = partial(self.session.client.agenda_pdf, self.meeting_id)
        save_file(self, self.session, self.session.say(SAVE_TO), filename, fetch)


def packed(parts: list[str], width: int) -> list[str]:
    """``parts`` joined by dots into lines of at most ``width`` characters where they fit,
    so that a line breaks between two parts, not inside a name."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] = f"{lines[-1]} · {part}"
        else:
            lines.append(part)
    return lines


LEAD_KEYS: Final = frozenset(
    b.key for b in MeetingScreen.BINDINGS if isinstance(b, Binding) and b.action in CHANGES
)
"""The keys of :data:`CHANGES`."""
