"""The case screen: the whole case in panes, and the actions the case allows now."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import ClassVar, Literal, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from console.calls import run_call, save_file
from console.client import AttachmentInfo, CaseDetail, Colleague, Document, NextDeadline, Step
from console.screens.anonymisation import AnonymisationScreen
from console.screens.assign import AssignPicker, Pick
from console.screens.decision import DecisionScreen
from console.screens.hearing import HearingDialog, HearingPlan
from console.screens.message import MessageDialog, Outgoing
from console.screens.note import NoteDialog
from console.screens.reason import Because, ReasonDialog
from console.screens.steps import StepPicker
from console.session import Session
from console.widgets.case_tabs import CaseTabs
from console.widgets.deadline_badge import DeadlineBadge
from console.widgets.document_table import DocumentTable
from console.widgets.key_footer import KeyFooter
from console.widgets.status_line import StatusLine
from statemachine.catalog.deadlines import DUE_SOON_DAYS
from statemachine.text import N_

T = TypeVar("T")

LOADING = N_("Loading case {number}…")
UNASSIGNED = N_("unassigned")
ASSIGNED_TO = N_("assigned to {name}")
NOTE_ADDED = N_("The note is added.")
MESSAGE_SENT = N_("The message is queued for sending.")
HEARING_STARTED = N_("The hearing has started; the letter is queued for sending.")
STEP_DONE = N_("Done: {step}.")
ASSIGNED = N_("Case {number} is now assigned to {name}.")
NOBODY = N_("nobody")
SAVE_TO = N_("Save {filename} to:")
OPENED = N_("Opened {filename} with the system viewer.")
NO_VIEWER = N_("No program to open documents is set up here. Save it with W instead.")
NO_DOCUMENT = N_("Choose a document in the Documents pane first.")

WORKERS = ("caseworker", "lead")
"""Roles that assign, send messages and hold hearings."""
NOTE_TAKERS = ("caseworker", "lead", "board_member")
"""Roles that add notes."""
DECIDING = ("ready_for_meeting", "inspection", "on_agenda", "decided", "published")
"""Statuses in which the case's decision is drafted, registered or corrected (key D)."""
DECIDED = ("decided", "published")
"""Statuses in which the case has a registered decision to anonymise (key P)."""
PENDING = ("open", "due_soon", "expired")
"""Deadline states that still ask something of the secretariat (not met, not late)."""


class CaseScreen(Screen[None]):
    """One case; Escape goes back to the queue."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
        Binding("a", "assign", N_("Assign")),
        Binding("h", "hearing", N_("Hearing")),
        Binding("n", "note", N_("Note")),
        Binding("e", "message", N_("Message")),
        Binding("x", "step", N_("Step")),
        Binding("d", "decision", N_("Decision")),
        Binding("p", "anonymise", N_("Anonymise")),
        Binding("o", "open_document", N_("Open document"), show=False),
        Binding("w", "save_document", N_("Save document"), show=False),
        Binding("r", "refresh", N_("Refresh"), show=False),
    ]

    class Shown(Message):
        """The case came back from the client."""

        def __init__(self, case: CaseDetail, done: str | None) -> None:
            super().__init__()
            self.case = case
            self.done = done
            """What to tell the caseworker now that it is shown (rendered), if anything."""

    def __init__(self, session: Session, number: str) -> None:
        """Args:
        session: the client, language and caller.
        number: the case to show.
        """
        super().__init__()
        self.session = session
        self.number = number
        self.case: CaseDetail | None = None

    def compose(self) -> ComposeResult:
        yield StatusLine(self.session.say(LOADING, number=self.number), id="status")
        yield DeadlineBadge(id="next")
        yield CaseTabs(self.session)
        yield KeyFooter(self.session)

    def on_mount(self) -> None:
        self.action_refresh()

    def _call(self, call: Awaitable[T], then: Callable[[T], None]) -> None:
        run_call(self, call, then, group="case")

    def _show_after(self, done: str | None) -> Callable[[CaseDetail], None]:
        def show(case: CaseDetail) -> None:
            self.post_message(self.Shown(case, done))

        return show

    def on_case_screen_shown(self, message: Shown) -> None:
        case = self.case = message.case
        say = self.session.say
        assignee = case["assignee"]
        who = say(ASSIGNED_TO, name=assignee["name"]) if assignee else say(UNASSIGNED)
        self.query_one(StatusLine).say(
            case["number"], case["case_type_label"], case["status_label"], who
        )
        self.query_one(DeadlineBadge).show(_next_deadline(case), self.session)
        self.query_one(CaseTabs).show(case)
        self.refresh_bindings()
        if message.done:
            self.notify(message.done)

    # --- what works now -----------------------------------------------------------------------

    def _steps(self) -> list[Step]:
        return self.case["steps"] if self.case else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only what the case and the caller's role allow now (hidden otherwise)."""
        role = self.session.me["role"] if self.session.me else ""
        steps = {step["step"] for step in self._steps()}
        if action == "hearing":
            return "start_hearing" in steps
        if action == "step":
            return bool(steps - {"start_hearing"})
        if action == "decision":
            return self.case is not None and self.case["status"] in DECIDING and role in WORKERS
        if action == "anonymise":
            return self.case is not None and self.case["status"] in DECIDED and role in WORKERS
        if action in ("assign", "message"):
            return self.case is not None and role in WORKERS
        if action == "note":
            return self.case is not None and role in NOTE_TAKERS
        return True

    # --- actions ------------------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to the queue."""
        self.dismiss(None)

    def action_refresh(self) -> None:
        """Fetch the case again."""
        self._call(self.session.client.case(self.number), self._show_after(None))

    def action_assign(self) -> None:
        """Assign the case to me, a colleague, or nobody."""
        client, number = self.session.client, self.number

        def picked(pick: Pick | None) -> None:
            if pick is None or self.case is None:
                return
            call = client.assign(number, pick.staff, version=self.case["version"])
            self._call(call, self._show_assigned)

        def ask(colleagues: list[Colleague]) -> None:
            self.app.push_screen(AssignPicker(self.session, colleagues, allow_nobody=True), picked)

        self._call(client.colleagues(), ask)

    def _show_assigned(self, case: CaseDetail) -> None:
        self.post_message(self.Shown(case, _assigned(self, case)))

    def action_step(self) -> None:
        """Choose one of the steps the case allows now."""
        steps = [step for step in self._steps() if step["step"] != "start_hearing"]
        self.app.push_screen(StepPicker(self.session, steps), self._take_step)

    def palette_commands(self) -> list[tuple[str, Callable[[], None]]]:
        """Each step allowed now, for the command palette."""
        return [(step["label"], partial(self._take_step, step)) for step in self._steps()]

    def _take_step(self, step: Step | None) -> None:
        if step is None or self.case is None:
            return
        if step["step"] == "start_hearing":
            self.action_hearing()
            return
        version, label = self.case["version"], step["label"]
        done = self.session.say(STEP_DONE, step=label)

        def go(because: Because | None) -> None:
            if because is None:
                return
            call = self.session.client.step(
                self.number, step["step"], version=version, reason=because.reason, text=because.text
            )
            self._call(call, self._show_after(done))

        if step["needs_reason"] or step["needs_text"]:
            self.app.push_screen(ReasonDialog(self.session, step), go)
        else:
            go(Because(None, None))

    def action_hearing(self) -> None:
        """Send material to the counterparty with a reply deadline."""
        if self.case is None:
            return
        version = self.case["version"]

        def start(plan: HearingPlan | None) -> None:
            if plan is None:
                return
            call = self.session.client.start_hearing(
                self.number,
                version=version,
                party=plan.party,
                material=plan.material,
                reply_days=plan.reply_days,
                note=plan.note,
            )
            self._call(call, self._show_after(self.session.say(HEARING_STARTED)))

        self.app.push_screen(HearingDialog(self.session, self.case), start)

    def action_decision(self) -> None:
        """The case's decision: draft, edit, register, its PDF."""
        if self.case is None:
            return
        self.app.push_screen(
            DecisionScreen(self.session, self.number), lambda _: self.action_refresh()
        )

    def action_anonymise(self) -> None:
        """The registered decision's anonymisation: keep, revert and add replacements, and
        accept the preview before publication."""
        if self.case is None:
            return
        self.app.push_screen(
            AnonymisationScreen(self.session, self.number), lambda _: self.action_refresh()
        )

    def action_note(self) -> None:
        """Add an internal note."""

        def add(text: str | None) -> None:
            if text:
                self._call(
                    self.session.client.add_note(self.number, text), self._refetch(NOTE_ADDED)
                )

        self.app.push_screen(NoteDialog(self.session), add)

    def action_message(self) -> None:
        """Write to one party or all."""
        if self.case is None:
            return

        def send(message: Outgoing | None) -> None:
            if message is None:
                return
            call = self.session.client.send_message(
                self.number,
                to=message.to,
                subject=message.subject,
                body=message.body,
                attachments=message.attachments,
            )
            self._call(call, self._refetch(MESSAGE_SENT))

        self.app.push_screen(MessageDialog(self.session, self.case), send)

    def _refetch(self, done: str) -> Callable[[object], None]:
        def again(_: object) -> None:
            call = self.session.client.case(self.number)
            self._call(call, self._show_after(self.session.say(done)))

        return again

    # --- documents ----------------------------------------------------------------------------

    def action_open_document(self) -> None:
        """Open the document under the cursor in the Documents pane."""
        current = self.query_one(DocumentTable).current
        if current is None:
            self.notify(self.session.say(NO_DOCUMENT), severity="warning")
            return
        self.post_message(DocumentTable.Chosen(current, save=False))

    def action_save_document(self) -> None:
        """Save the document under the cursor in the Documents pane to a path."""
        current = self.query_one(DocumentTable).current
        if current is None:
            self.notify(self.session.say(NO_DOCUMENT), severity="warning")
            return
        self.post_message(DocumentTable.Chosen(current, save=True))

    def on_document_table_chosen(self, message: DocumentTable.Chosen) -> None:
        document = message.document
        if not message.save:
            self._call(self._fetch_to_view(document), self._view)
            return

        async def fetch() -> bytes:
            return (await self.session.client.attachment(self.number, document["id"])).content

        title = self.session.say(SAVE_TO, filename=document["filename"])
        save_file(self, self.session, title, _safe(document["filename"]), fetch)

    async def _fetch_to_view(self, document: AttachmentInfo) -> tuple[Path, str]:
        """The document in a private temporary folder, written off the event loop."""
        content = await self.session.client.attachment(self.number, document["id"])
        return await asyncio.to_thread(_write_private, content), content.filename

    def _view(self, found: tuple[Path, str]) -> None:
        path, filename = found
        viewer = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
        if viewer is None:
            self.notify(self.session.say(NO_VIEWER), severity="warning")
            return
        subprocess.Popen(
            [viewer, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.notify(self.session.say(OPENED, filename=filename))


def _write_private(document: Document) -> Path:
    """Write ``document`` to a new folder only this user can read; returns its path."""
    path = Path(tempfile.mkdtemp(prefix="naevn-")) / _safe(document.filename)
    path.write_bytes(document.content)
    return path


def _assigned(screen: CaseScreen, case: CaseDetail) -> str:
    assignee = case["assignee"]
    name = assignee["name"] if assignee else screen.session.say(NOBODY)
    return screen.session.say(ASSIGNED, number=case["number"], name=name)


def _next_deadline(case: CaseDetail) -> NextDeadline | None:
    """The earliest open secretariat deadline, flagged as the queue flags it."""
    open_ones = [
        d for d in case["deadlines"] if d["side"] == "secretariat" and d["status"] in PENDING
    ]
    if not open_ones:
        return None
    first = min(open_ones, key=lambda d: d["act_by"])
    days = first["days_left"]
    flag: Literal["overdue", "due_soon"] | None = (
        "overdue" if days < 0 else "due_soon" if days <= DUE_SOON_DAYS else None
    )
    return NextDeadline(
        date=first["act_by"], days_left=days, rule=first["rule"], label=first["label"], flag=flag
    )


def _safe(filename: str) -> str:
    """A file name without any folder part, so a document cannot be written elsewhere."""
    return Path(filename).name or "document"
