"""The message dialog: to one party or all, a subject, a body and chosen documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, TextArea

from console.client import CaseDetail
from console.screens.dialog import Dialog
from console.session import Session
from console.widgets.check_list import CheckList
from statemachine.text import N_

TITLE = N_("Message to the parties of case {number}")
TO = N_("To:")
ALL = N_("All parties")
SUBJECT = N_("Subject:")
BODY = N_("Message:")
DOCUMENTS = N_("Send these documents with it (Space marks):")
HINT = N_("Ctrl+S: send · Tab: next field · Escape: cancel")
NEEDS_TEXT = N_("A message needs a subject and some text.")


@dataclass(frozen=True)
class Outgoing:
    """A message ready to send."""

    to: str
    """``all`` or a party id as text."""
    subject: str
    """Its subject line."""
    body: str
    """Its text."""
    attachments: list[str]
    """Ids of the case's documents to send along."""


class MessageDialog(Dialog[Outgoing]):
    """Writes a message; dismisses with an :class:`Outgoing`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", N_("Send"), priority=True),
    ]

    def __init__(self, session: Session, case: CaseDetail) -> None:
        """Args:
        session: for the labels.
        case: the case, for its parties and documents.
        """
        super().__init__(session)
        self.case = case

    def compose(self) -> ComposeResult:
        say = self.session.say
        parties = [(say(ALL), "all")] + [
            (f"{p['name']} ({p['role_label']})", str(p["id"])) for p in self.case["parties"]
        ]
        with Vertical(classes="box"):
            yield Label(say(TITLE, number=self.case["number"]), classes="title")
            yield Label(say(TO))
            yield Select(parties, value="all", allow_blank=False, id="to", compact=True)
            yield Label(say(SUBJECT))
            yield Input(id="subject", compact=True)
            yield Label(say(BODY))
            yield TextArea(id="body", soft_wrap=True, compact=True)
            if self.case["attachments"]:
                yield Label(say(DOCUMENTS))
                documents = [(a["filename"], a["id"]) for a in self.case["attachments"]]
                yield CheckList(*documents, id="documents", compact=True)
            yield Label(say(HINT), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#body", TextArea).styles.height = 5
        self.query_one("#subject", Input).focus()

    def action_send(self) -> None:
        """Send the message, if it has a subject and text."""
        subject = self.query_one("#subject", Input).value.strip()
        body = self.query_one("#body", TextArea).text.strip()
        if not subject or not body:
            self.notify(self.session.say(NEEDS_TEXT), severity="error")
            return
        to = self.query_one("#to", Select).value
        chosen = self.query(CheckList)
        attachments = [str(v) for v in chosen.first().selected] if chosen else []
        self.dismiss(Outgoing(str(to), subject, body, attachments))
