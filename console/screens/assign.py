"""The assign picker: me, a colleague, or (for one case) nobody."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from console.client import Colleague, StaffRef
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("Assign to")
ME = N_("Me ({name})")
NOBODY = N_("Nobody (unassign)")
HINT = N_("Enter: choose · Escape: cancel")


@dataclass(frozen=True)
class Pick:
    """The choice made in the picker."""

    staff: StaffRef
    """A staff id, ``"me"``, or None for nobody."""


class AssignPicker(Dialog[Pick]):
    """Lists the caller first, then colleagues by name; dismisses with a :class:`Pick`."""

    def __init__(
        self, session: Session, colleagues: list[Colleague], *, allow_nobody: bool
    ) -> None:
        """Args:
        session: for the labels; its ``me`` comes first.
        colleagues: staff sharing a tribunal with the caller.
        allow_nobody: offer unassigning (one case, not a bulk assignment).
        """
        super().__init__(session)
        me = session.me
        self.choices: list[StaffRef] = ["me"]
        self.labels = [session.say(ME, name=me["name"] if me else "")]
        for colleague in sorted(colleagues, key=lambda c: c["name"]):
            if me is None or colleague["id"] != me["id"]:
                self.choices.append(colleague["id"])
                self.labels.append(colleague["name"])
        if allow_nobody:
            self.choices.append(None)
            self.labels.append(session.say(NOBODY))

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.session.say(TITLE), classes="title")
            yield OptionList(*[Option(label) for label in self.labels], id="staff")
            yield Label(self.session.say(HINT), classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Pick(self.choices[event.option_index]))
