"""The dialog for an internal note, which parties never see."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from console.screens.dialog import Dialog
from statemachine.text import N_

TITLE = N_("Internal note (parties never see it)")
HINT = N_("Ctrl+S: save · Escape: cancel")


class NoteDialog(Dialog[str]):
    """Asks for a note's text; dismisses with it (None: cancelled or empty)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.session.say(TITLE), classes="title")
            yield TextArea(id="text", soft_wrap=True)
            yield Label(self.session.say(HINT), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).styles.height = 8
        self.query_one("#text", TextArea).focus()

    def action_save(self) -> None:
        """Save the note."""
        self.dismiss(self.query_one("#text", TextArea).text.strip() or None)
