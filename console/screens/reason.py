"""The reason dialog of a closing step (dismiss, reject, settle, withdraw) or a reopening."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from console.client import Step
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("{step}: why?")
TEXT = N_("In your own words (needed with 'other'):")
TEXT_ONLY = N_("Why? In your own words:")
HINT = N_("Choose a reason, write any text, then Enter in the text field")
TEXT_NEEDED = N_("Please write why, in your own words.")
REASON_NEEDED = N_("Please choose a reason.")


@dataclass(frozen=True)
class Because:
    """The reason (and free text) given for a step."""

    reason: str | None
    """The reason id, or None for a step that takes only text."""
    text: str | None
    """The free text, if any."""


class ReasonDialog(Dialog[Because]):
    """Asks for the reason a step needs; dismisses with a :class:`Because`."""

    def __init__(self, session: Session, step: Step) -> None:
        """Args:
        session: for the labels.
        step: the step, with its reasons.
        """
        super().__init__(session)
        self.step = step
        self.reason: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.session.say(TITLE, step=self.step["label"]), classes="title")
            if self.step["reasons"]:
                options = [Option(r["label"], id=r["id"]) for r in self.step["reasons"]]
                yield OptionList(*options, id="reasons")
            words = TEXT if self.step["reasons"] else TEXT_ONLY
            yield Label(self.session.say(words))
            yield Input(id="text")
            yield Label(self.session.say(HINT), classes="hint")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.reason = event.option.id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.reason = event.option.id
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip() or None
        if self.step["reasons"] and self.reason is None:
            self.notify(self.session.say(REASON_NEEDED), severity="error")
            return
        if text is None and (self.step["needs_text"] or self.reason == "other"):
            self.notify(self.session.say(TEXT_NEEDED), severity="error")
            return
        self.dismiss(Because(self.reason if self.step["reasons"] else None, text))
