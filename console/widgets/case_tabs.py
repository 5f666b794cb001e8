"""The case's panes: summary, answers, parties, documents, deadlines, messages, notes, history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from console.client import CaseDetail
from console.session import Session
from console.widgets.document_table import DocumentTable
from statemachine.text import N_

PANES: Final = (
    ("summary", N_("Summary")),
    ("answers", N_("Answers")),
    ("parties", N_("Parties")),
    ("documents", N_("Documents")),
    ("deadlines", N_("Deadlines")),
    ("messages", N_("Messages")),
    ("notes", N_("Notes")),
    ("history", N_("History")),
)
"""Each pane's id and title."""

NONE_YET = N_("Nothing yet.")
TO = N_("To: {recipient}")
TO_ALL = N_("To: all parties")
FROM = N_("From: {party}")
ANSWERS_HEARING = N_("answers the hearing")
LATE = N_("after the reply date")
WITH = N_("With: {files}")
DEADLINE = N_("Deadline")
ACT_BY = N_("Act by")
DAYS_LEFT = N_("Days")
STATE = N_("State")
SIDE = N_("Whose")
SIDES = {"filer": N_("Filer"), "secretariat": N_("Us")}
WHEN = N_("When")
WHO = N_("Who")
WHAT = N_("What")
EMAIL = N_("E-mail: {email}")
PHONE = N_("Phone: {phone}")
HEARING = N_("Hearing of {party}: started {started}, reply by {reply_due}")
REPLIED = N_("replied {at}")


class CaseTabs(Container):
    """The case in eight panes; :meth:`show` fills them from the case JSON."""

    DEFAULT_CSS = """
    CaseTabs { height: 1fr; }
    CaseTabs TabbedContent { height: 1fr; }
    CaseTabs VerticalScroll { height: 1fr; }
    CaseTabs Static { padding: 0 1; }
    CaseTabs DataTable { height: 1fr; }
    """

    def __init__(self, session: Session) -> None:
        """Args:
        session: for the labels.
        """
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        say = self.session.say
        with TabbedContent(id="tabs"):
            for pane, title in PANES:
                with TabPane(say(title), id=f"pane-{pane}"):
                    if pane == "documents":
                        yield DocumentTable(self.session)
                    elif pane in ("deadlines", "history"):
                        yield DataTable[str](id=pane, cursor_type="row")
                    else:
                        with VerticalScroll():
                            yield Static("", id=pane, markup=False)

    def on_mount(self) -> None:
        say = self.session.say
        deadlines = self.query_one("#deadlines", DataTable)
        for label, width in ((DEADLINE, 30), (ACT_BY, 10), (DAYS_LEFT, 5), (STATE, 12), (SIDE, 6)):
            deadlines.add_column(say(label), width=width)
        history = self.query_one("#history", DataTable)
        for label, width in ((WHEN, 16), (WHO, 14), (WHAT, 40)):
            history.add_column(say(label), width=width)

    def show(self, case: CaseDetail) -> None:
        """Fill every pane from ``case``."""
        say = self.session.say
        lines = [(item["label"], item["value"]) for item in case["summary"]]
        self._text("summary", "\n".join(f"{label}: {value}" for label, value in lines))
        self._text(
            "answers", "\n\n".join(f"{a['question']}\n  {a['answer']}" for a in case["answers"])
        )
        self._text("parties", "\n\n".join(self._party(p) for p in case["parties"]))
        self.query_one(DocumentTable).show(case["attachments"])
        deadlines = self.query_one("#deadlines", DataTable)
        deadlines.clear()
        for d in case["deadlines"]:
            mark = "!! " if d["days_left"] < 0 and d["status"] == "open" else ""
            deadlines.add_row(
                f"{mark}{d['label']}",
                d["act_by"],
                str(d["days_left"]),
                d["status_label"],
                say(SIDES.get(d["side"], d["side"])),
            )
        hearings = [
            say(HEARING, party=h["party"], started=h["started"][:10], reply_due=h["reply_due"])
            + (f", {say(REPLIED, at=h['replied'][:10])}" if h["replied"] else "")
            for h in case["hearings"]
        ]
        files = {str(a["id"]): str(a["filename"]) for a in case["attachments"]}
        messages = [self._message(m, files) for m in case["messages"]]
        self._text("messages", "\n\n".join(hearings + messages))
        self._text(
            "notes",
            "\n\n".join(
                f"{n['at'][:16].replace('T', ' ')} · {n['author']}\n{n['text']}"
                for n in case["notes"]
            ),
        )
        history = self.query_one("#history", DataTable)
        history.clear()
        for h in case["history"]:
            what = h["label"] + (f": {h['text']}" if h.get("text") else "")
            history.add_row(h["at"][:16].replace("T", " "), h["actor"], what)

    def _text(self, pane: str, text: str) -> None:
        self.query_one(f"#{pane}", Static).update(RichText(text or self.session.say(NONE_YET)))

    def _message(self, message: Mapping[str, Any], names: Mapping[str, str]) -> str:
        """One message, its direction in words: "From <party>" for a party's reply, "To
        <party>" (or to all) for one staff sent; its documents by their file names."""
        say = self.session.say
        party = message.get("party")
        name = str(party.get("name") or "") if isinstance(party, Mapping) else ""
        inbound = message.get("direction") == "in"
        if inbound:
            way = say(FROM, party=name)
            if message.get("hearing") is not None:
                way += f" · {say(ANSWERS_HEARING)}"
            if message.get("late"):
                way += f" · {say(LATE)}"
        elif name:
            way = say(TO, recipient=name)
        else:
            way = say(TO_ALL)
        files = [names.get(str(a), str(a)) for a in message.get("attachments") or []]
        lines = [
            f"{str(message['at'])[:16].replace('T', ' ')} · {message.get('author') or name}",
            way,
        ]
        if message.get("subject"):
            lines.append(str(message["subject"]))
        lines += ["", str(message["body"])]
        if files:
            lines.append(say(WITH, files=", ".join(files)))
        return "\n".join(lines)

    def _party(self, party: dict[str, object] | object) -> str:
        assert isinstance(party, dict)
        say = self.session.say
        lines = [f"{party['name']} ({party['role_label']})"]
        if party.get("address"):
            lines.append(str(party["address"]))
        if party.get("email"):
            lines.append(say(EMAIL, email=str(party["email"])))
        if party.get("phone"):
            lines.append(say(PHONE, phone=str(party["phone"])))
        return "\n".join(lines)
