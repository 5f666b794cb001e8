"""A one-line question: where to save a document, what to name a filter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

ENTER_HINT = N_("Enter: OK · Escape: cancel")


class Prompt(Dialog[str]):
    """Asks for one line of text; dismisses with it (None: cancelled or empty)."""

    def __init__(self, session: Session, title: str, *, value: str = "") -> None:
        """Args:
        session: for the labels.
        title: the question, already in the reader's language.
        value: what the field starts with.
        """
        super().__init__(session)
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.title_text, classes="title")
            yield Input(value=self.value, id="answer")
            yield Label(self.session.say(ENTER_HINT), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)
