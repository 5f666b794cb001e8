"""The help screen (F1): the keys of the focused widget first, then the screen's, then all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from console.keys import TEXTUAL_KEYS
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("Keys that work here")
KEY = N_("Key")
WHAT = N_("What it does")
WHERE = N_("Where")
PLACES = (N_("Here"), N_("This screen"), N_("Everywhere"))
"""The focused widget's keys, the screen's, and the app's."""
HINT = N_("Escape or F1: close · Ctrl+P: every command")


@dataclass(frozen=True)
class KeyHelp:
    """One key and what it does."""

    key: str
    """The key as shown (``enter``, ``ctrl+s``)."""
    description: str
    """The msgid of what it does."""
    place: int
    """0: the focused widget, 1: the screen, 2: everywhere."""


class HelpScreen(Dialog[None]):
    """Lists keys; the caller gathers them from the screen it was opened on."""

    DEFAULT_CSS = """
    HelpScreen DataTable { height: auto; max-height: 18; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "cancel", N_("Close"), show=False),
    ]

    def __init__(self, session: Session, keys: list[KeyHelp]) -> None:
        """Args:
        session: for the labels.
        keys: the keys to list.
        """
        super().__init__(session)
        # The console's own keys first; moving a cursor and editing text are known to most.
        self.keys = sorted(keys, key=lambda k: (k.description in TEXTUAL_KEYS, k.place))

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.session.say(TITLE), classes="title")
            yield DataTable[str](id="keys", cursor_type="row", show_cursor=False)
            yield Label(self.session.say(HINT), classes="hint")

    def on_mount(self) -> None:
        say = self.session.say
        table = self.query_one("#keys", DataTable)
        table.add_column(say(KEY), width=12)
        table.add_column(say(WHAT), width=40)
        table.add_column(say(WHERE), width=14)
        for key in self.keys:
            table.add_row(key.key, say(key.description), say(PLACES[key.place]))
