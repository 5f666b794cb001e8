"""The dialog that adds a replacement by hand: the exact words, what they are, and what stands
instead when published."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("Replace more words")
WORDS = N_("The words, exactly as the text writes them (every place they stand):")
KIND = N_("What they are:")
INSTEAD = N_("Published as:")
HINT = N_("Enter in the last field or Ctrl+S: add · Escape: cancel")


class ReplacementDialog(Dialog[dict[str, str]]):
    """Asks for words to replace; dismisses with ``words``, ``kind`` and ``replacement``
    (None: cancelled, or a field left empty)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "add", N_("Add"), priority=True),
    ]

    def __init__(self, session: Session, kinds: list[dict[str, str]], words: str = "") -> None:
        """Args:
        session: for the labels.
        kinds: the kinds to choose from (``value`` and ``label`` each).
        words: what the words field starts with.
        """
        super().__init__(session)
        self.kinds = kinds
        self.words = words

    def compose(self) -> ComposeResult:
        say = self.session.say
        options = [(k["label"], k["value"]) for k in self.kinds]
        with Vertical(classes="box"):
            yield Label(say(TITLE), classes="title")
            yield Label(say(WORDS))
            yield Input(value=self.words, id="words")
            yield Label(say(KIND))
            yield Select(options, value=options[0][1], allow_blank=False, id="kind", compact=True)
            yield Label(say(INSTEAD))
            yield Input(value=self._placeholder(options[0][0]), id="replacement")
            yield Label(say(HINT), classes="hint")

    def _placeholder(self, label: str) -> str:
        return f"[{label.lower()}]"

    def on_select_changed(self, event: Select.Changed) -> None:
        label = next((k["label"] for k in self.kinds if k["value"] == event.value), "")
        self.query_one("#replacement", Input).value = self._placeholder(label)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "replacement":
            self.action_add()
        else:
            self.focus_next()

    def action_add(self) -> None:
        """Add the replacement."""
        words = self.query_one("#words", Input).value.strip()
        instead = self.query_one("#replacement", Input).value.strip()
        kind = self.query_one("#kind", Select).value
        if not words or not instead or not isinstance(kind, str):
            self.dismiss(None)
            return
        self.dismiss({"words": words, "kind": kind, "replacement": instead})
