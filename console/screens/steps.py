"""The step picker: only the lifecycle steps the case allows now."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from console.client import Step
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("Take a step")
HINT = N_("Enter: choose · Escape: cancel")


class StepPicker(Dialog[Step]):
    """Lists the case's allowed steps; dismisses with the chosen one."""

    def __init__(self, session: Session, steps: list[Step]) -> None:
        """Args:
        session: for the labels.
        steps: the steps the case JSON offers now.
        """
        super().__init__(session)
        self.steps = steps

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.session.say(TITLE), classes="title")
            yield OptionList(*[Option(step["label"]) for step in self.steps], id="steps")
            yield Label(self.session.say(HINT), classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.steps[event.option_index])
