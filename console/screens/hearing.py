"""The hearing dialog (partshøring): which documents go to the counterparty, and for how long."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, SelectionList

from console.client import CaseDetail
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("Hearing of the counterparty in case {number}")
MATERIAL = N_("Documents to send (Space marks):")
NO_MATERIAL = N_("The case has no documents; the letter goes without any.")
DAYS = N_("Days to reply:")
NOTE = N_("A line for the letter (optional):")
HINT = N_("Ctrl+S: start the hearing · Escape: cancel")
BAD_DAYS = N_("The days to reply must be a whole number from 1 to 90.")

REPLY_DAYS = 14
"""The counterparty's reply time by default: 2 weeks (domain.md D17b)."""


@dataclass(frozen=True)
class HearingPlan:
    """What the hearing sends, and the reply time."""

    material: list[str]
    """Attachment ids to send."""
    reply_days: int
    """Days the counterparty has to reply."""
    note: str | None
    """An extra line for the letter."""


class HearingDialog(Dialog[HearingPlan]):
    """Plans a hearing; dismisses with a :class:`HearingPlan`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", N_("Start"), priority=True),
    ]

    def __init__(self, session: Session, case: CaseDetail) -> None:
        """Args:
        session: for the labels.
        case: the case, for its documents.
        """
        super().__init__(session)
        self.case = case

    def compose(self) -> ComposeResult:
        say = self.session.say
        with Vertical(classes="box"):
            yield Label(say(TITLE, number=self.case["number"]), classes="title")
            if self.case["attachments"]:
                yield Label(say(MATERIAL))
                documents = [(a["filename"], a["id"], True) for a in self.case["attachments"]]
                yield SelectionList[str](*documents, id="material", compact=True)
            else:
                yield Label(say(NO_MATERIAL))
            yield Label(say(DAYS))
            yield Input(str(REPLY_DAYS), id="days", type="integer", compact=True)
            yield Label(say(NOTE))
            yield Input(id="note", compact=True)
            yield Label(say(HINT), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        """Start the hearing with what the dialog shows."""
        days = self.query_one("#days", Input).value.strip()
        if not days.isdigit() or not 1 <= int(days) <= 90:
            self.notify(self.session.say(BAD_DAYS), severity="error")
            return
        chosen = self.query(SelectionList)
        material = [str(v) for v in chosen.first().selected] if chosen else []
        note = self.query_one("#note", Input).value.strip() or None
        self.dismiss(HearingPlan(material, int(days), note))
