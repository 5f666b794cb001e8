"""The picker of the cases a meeting's agenda can take: its tribunal's cases that are ready
for a meeting (or waiting for an inspection)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from console.client import CaseRow
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("Put a case on the agenda")
INSPECTION = N_("Inspect the home first (at the meeting's time)")
HINT = N_("Enter: put it on · Escape: cancel")


class ReadyPicker(Dialog[tuple[str, str]]):
    """Lists the ready cases, each also as an inspection of its home; dismisses with the
    chosen case's number and the item's kind (``case`` or ``inspection``)."""

    def __init__(self, session: Session, cases: list[CaseRow]) -> None:
        """Args:
        session: for the labels.
        cases: the cases the agenda can take.
        """
        super().__init__(session)
        self.choices: list[tuple[str, str]] = []
        self.cases = cases

    def compose(self) -> ComposeResult:
        say = self.session.say
        options = []
        for case in self.cases:
            line = f"{case['number']} · {case['case_type_label']} · {case['parties']}"
            options.append(Option(line))
            self.choices.append((case["number"], "case"))
            options.append(Option(f"  {case['number']} · {say(INSPECTION)}"))
            self.choices.append((case["number"], "inspection"))
        with Vertical(classes="box"):
            yield Label(say(TITLE), classes="title")
            yield OptionList(*options, id="ready")
            yield Label(say(HINT), classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])
