"""The hearing dialog (partshøring): which counterparty is heard, which documents go to them,
and for how long."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from console.client import CaseDetail, Party
from console.screens.dialog import Dialog
from console.session import Session
from console.widgets.check_list import CheckList
from statemachine.text import N_

TITLE = N_("Hearing of the counterparty in case {number}")
HEARD = N_("Who is heard:")
HEARD_ONE = N_("The letter goes to {name}.")
BY_EMAIL = N_("{name}, by e-mail")
BY_POST = N_("{name}, by post")
UNREACHABLE = N_("{name}, no address")
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
    """Whom the hearing is of, what it sends them, and the reply time."""

    party: int | None
    """The counterparty heard (None: the service picks the first it can reach)."""
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
        case: the case, for its counterparties and documents.
        """
        super().__init__(session)
        self.case = case
        self.counterparties = counterparties(case)
        """Whom the hearing may be of."""

    def compose(self) -> ComposeResult:
        say = self.session.say
        with Vertical(classes="box"):
            yield Label(say(TITLE, number=self.case["number"]), classes="title")
            yield from self._heard()
            if self.case["attachments"]:
                yield Label(say(MATERIAL))
                documents = [(a["filename"], a["id"], True) for a in self.case["attachments"]]
                yield CheckList(*documents, id="material", compact=True)
            else:
                yield Label(say(NO_MATERIAL))
            yield Label(say(DAYS))
            yield Input(str(REPLY_DAYS), id="days", type="integer", compact=True)
            yield Label(say(NOTE))
            yield Input(id="note", compact=True)
            yield Label(say(HINT), classes="hint")

    def _heard(self) -> ComposeResult:
        """A choice of counterparty when there are several; else who will be heard."""
        say, others = self.session.say, self.counterparties
        if len(others) == 1:
            yield Label(say(HEARD_ONE, name=others[0]["name"]))
        elif others:
            first = next((p for p in others if reachable(p)), others[0])
            choices = [(say(_how(p), name=p["name"]), p["id"]) for p in others]
            yield Label(say(HEARD))
            yield Select(choices, value=first["id"], allow_blank=False, id="party", compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        """Start the hearing with what the dialog shows."""
        days = self.query_one("#days", Input).value.strip()
        if not days.isdigit() or not 1 <= int(days) <= 90:
            self.notify(self.session.say(BAD_DAYS), severity="error")
            return
        chosen = self.query(CheckList)
        material = [str(v) for v in chosen.first().selected] if chosen else []
        note = self.query_one("#note", Input).value.strip() or None
        self.dismiss(HearingPlan(self._party(), material, int(days), note))

    def _party(self) -> int | None:
        """The counterparty chosen, or the only one; None when the case names none."""
        chosen = self.query("#party")
        if chosen:
            value = chosen.first(Select).value
            return value if isinstance(value, int) else None
        return self.counterparties[0]["id"] if self.counterparties else None


def counterparties(case: CaseDetail) -> list[Party]:
    """The parties on the other side from the filer, in the case's order."""
    return [p for p in case["parties"] if p["role"] == "counterparty"]


def reachable(party: Party) -> bool:
    """Whether a letter can reach the party (an e-mail or a postal address)."""
    return bool(party["email"] or party["address"])


def _how(party: Party) -> str:
    """How the letter would reach the party, as a msgid."""
    return BY_EMAIL if party["email"] else BY_POST if party["address"] else UNREACHABLE
