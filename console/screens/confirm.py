"""A yes-or-no question before something that cannot be taken back, such as sending mail."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label

from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

HINT = N_("Enter: yes · Escape: no")


class Confirm(Dialog[bool]):
    """Asks one question; dismisses with True for yes (None: no, or cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "yes", N_("Yes"), priority=True),
    ]

    def __init__(self, session: Session, question: str) -> None:
        """Args:
        session: for the labels.
        question: what to answer, already in the reader's language.
        """
        super().__init__(session)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.question, classes="title")
            yield Label(self.session.say(HINT), classes="hint")

    def action_yes(self) -> None:
        """Answer yes."""
        self.dismiss(True)
