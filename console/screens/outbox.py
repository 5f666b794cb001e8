"""The dead letters: mail the outbox gave up on, for a lead or admin to send again."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.access import ACTIONS
from console.calls import run_call
from console.client import MailInfo
from console.screens.confirm import Confirm
from console.session import Session
from console.widgets.key_footer import KeyFooter
from console.widgets.mail_table import MailTable
from console.widgets.status_line import StatusLine
from statemachine.text import N_, tn

TITLE = N_("Undelivered mail")
LOADING = N_("Loading the undelivered mail…")
NONE_DEAD = N_("No undelivered mail: every letter went out.")
LEADS_ONLY = N_("Only leads and admins see the mail that could not be delivered.")
NOTHING_HERE = N_("No letter under the cursor.")
SEND_AGAIN = N_("Send “{subject}” to {name} again?")
SENT_AGAIN = N_("The letter to {name} is queued to be sent again.")
TO = N_("To: {name}, {address}")
BY_POST = N_("To: {name}, by post to {address}")
QUEUED = N_("Queued {when} UTC")
LAST_ERROR = N_("Last error: {error}")
POST = "post:"
"""How a recipient with only a postal address starts (``casestore.outbox.POST``)."""

T = TypeVar("T")


def may_see_outbox(session: Session) -> bool:
    """Whether the caller's role may see the dead letters (True while it is not yet known:
    then the service decides)."""
    me = session.me
    return me is None or me["role"] in ACTIONS["outbox"]


class OutboxScreen(Screen[None]):
    """The dead letters of the caller's tribunals; Escape goes back to the queue."""

    DEFAULT_CSS = """
    OutboxScreen #letter { height: 3; padding: 0 1; background: $panel; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
        Binding("s", "resend", N_("Send again")),
        Binding("r", "refresh", N_("Refresh")),
    ]

    class Loaded(Message):
        """The dead letters came back."""

        def __init__(self, mail: list[MailInfo]) -> None:
            super().__init__()
            self.mail = mail

    def __init__(self, session: Session) -> None:
        """Args:
        session: the client, language and caller.
        """
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield StatusLine(self.session.say(LOADING), id="status")
        yield MailTable(self.session, id="mail")
        yield Static(id="letter")
        yield KeyFooter(self.session)

    @property
    def table(self) -> MailTable:
        """The dead letters' table."""
        return self.query_one(MailTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.action_refresh()

    def _call(self, call: Awaitable[T], then: Callable[[T], None]) -> None:
        run_call(self, call, then, group="outbox")

    def on_outbox_screen_loaded(self, message: Loaded) -> None:
        say, count = self.session.say, len(message.mail)
        self.table.show(message.mail)
        shown = say(tn("{count} letter", "{count} letters", count)) if count else say(NONE_DEAD)
        self.query_one(StatusLine).say(say(TITLE), shown)
        self._describe(self.table.current)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(self.table.current)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_resend()

    def _describe(self, letter: MailInfo | None) -> None:
        """Show the whole of the letter under the cursor: address, when, and why it failed."""
        say = self.session.say
        if letter is None:
            self.query_one("#letter", Static).update("")
            return
        name, recipient = letter["recipient_name"], letter["recipient"]
        to = (
            say(BY_POST, name=name, address=recipient.removeprefix(POST).strip())
            if recipient.startswith(POST)
            else say(TO, name=name, address=recipient)
        )
        when = say(QUEUED, when=letter["created_at"][:16].replace("T", " "))
        error = say(LAST_ERROR, error=letter["last_error"]) if letter["last_error"] else ""
        self.query_one("#letter", Static).update("\n".join(p for p in (to, when, error) if p))

    def action_back(self) -> None:
        """Go back to the queue."""
        self.dismiss(None)

    def action_refresh(self) -> None:
        """Fetch the dead letters again."""

        def show(mail: list[MailInfo]) -> None:
            self.post_message(self.Loaded(mail))

        self._call(self.session.client.outbox("dead"), show)

    def action_resend(self) -> None:
        """Send the letter under the cursor again, after asking."""
        letter = self.table.current
        if letter is None:
            self.notify(self.session.say(NOTHING_HERE), severity="warning")
            return
        say, name = self.session.say, letter["recipient_name"] or letter["recipient"]

        def sent(_: MailInfo) -> None:
            self.notify(say(SENT_AGAIN, name=name))
            self.action_refresh()

        def answered(yes: bool | None) -> None:
            if yes:
                self._call(self.session.client.resend(letter["id"]), sent)

        question = say(SEND_AGAIN, subject=letter["subject"], name=name)
        self.app.push_screen(Confirm(self.session, question), answered)
