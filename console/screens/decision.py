"""The decision screen: the box's fields, the free texts and the document as it will read, in
three tabs; save the draft, register it (a lead), save its PDF to a file.

The box's lists come from the service with their labels; the texts start as the generated
standard texts, and a text left as generated stays generated (it follows the box). Problems
that stop registering are listed with a "!" in front, never by colour alone. Once a decision
is registered, saving asks why: the change is a correction, a new version.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, ClassVar, Final, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)

from console.calls import run_call, save_file
from console.client import Decision
from console.screens.confirm import Confirm
from console.screens.prompt import Prompt
from console.session import Session
from console.widgets.check_list import CheckList
from console.widgets.decision_preview import DecisionPreview
from console.widgets.key_footer import KeyFooter
from console.widgets.status_line import StatusLine
from statemachine.text import N_

T = TypeVar("T")

LOADING = N_("Loading the decision of case {number}…")
TITLE = N_("Decision · case {number}")
NEW = N_("not saved yet")
DRAFT = N_("draft, version {version}")
REGISTERED = N_("registered, version {version}")
CORRECTING = N_("correction of version {version}, as draft {draft}")
BOX = N_("Box")
TEXTS = N_("Texts")
DOCUMENT = N_("Document")
READY = N_("✓ Ready to register.")
PROBLEM = N_("! {problem}")
SAVED = N_("The draft is saved.")
DONE = N_("The decision is registered; the parties are sent it.")
ASK_REGISTER = N_(
    "Register the decision of case {number}? The parties are sent it at once, and the time "
    "to appeal starts today."
)
ASK_REASON = N_("Why is the registered decision corrected?")
SAVE_TO = N_("Save the decision's PDF to:")
CHOOSE = N_("Not chosen")
DATE_HINT = N_("{field} (YYYY-MM-DD):")
TEXT_LABELS: Final = {
    "decision_text": "AFGØRELSE",
    "facts_text": "SAGSFREMSTILLING",
    "reasons_text": "BEGRUNDELSE",
}
"""The free texts, by field, under the document's own headings."""
STANDARD_OF: Final = {"decision_text": "decision", "facts_text": "facts", "reasons_text": "reasons"}

CHOICES: Final = ("outcome", "in_favour", "fee_imposed", "locally_inspected", "public_interest")
RENT_CHOICES: Final = ("rent_method", "rent_category", "rent_declaration")
INPUTS: Final = ("decided_on", "rent_amount", "rent_area", "rent_from")


class DecisionScreen(Screen[None]):
    """A case's decision; Escape goes back to the case."""

    DEFAULT_CSS = """
    DecisionScreen TabbedContent { height: 1fr; }
    DecisionScreen VerticalScroll { height: 1fr; }
    DecisionScreen Label { padding: 0 1; }
    DecisionScreen .problems { padding: 0 1; text-style: bold; }
    DecisionScreen TextArea { height: 8; }
    DecisionScreen CheckList { height: 8; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
        Binding("ctrl+s", "save", N_("Save draft"), priority=True),
        Binding("ctrl+r", "register", N_("Register"), priority=True),
        Binding("ctrl+d", "save_pdf", N_("Save PDF"), priority=True),
    ]

    class Shown(Message):
        """The decision came back from the client."""

        def __init__(self, decision: Decision, done: str | None) -> None:
            super().__init__()
            self.decision = decision
            self.done = done

    def __init__(self, session: Session, number: str) -> None:
        """Args:
        session: the client, language and caller.
        number: the case whose decision it is.
        """
        super().__init__()
        self.session = session
        self.number = number
        self.decision: Decision | None = None

    def compose(self) -> ComposeResult:
        say = self.session.say
        yield StatusLine(say(LOADING, number=self.number), id="status")
        with TabbedContent(id="tabs"):
            with TabPane(say(BOX), id="box"):
                yield VerticalScroll(id="form")
            with TabPane(say(TEXTS), id="texts"):
                yield VerticalScroll(id="free")
            with TabPane(say(DOCUMENT), id="document"), VerticalScroll():
                yield DecisionPreview(markup=False)
        yield KeyFooter(self.session)

    def on_mount(self) -> None:
        self._call(self.session.client.decision(self.number), self._shown(None))

    def _call(self, call: Awaitable[T], then: Callable[[T], None]) -> None:
        run_call(self, call, then, group="decision")

    def _shown(self, done: str | None) -> Callable[[Decision], None]:
        def show(decision: Decision) -> None:
            self.post_message(self.Shown(decision, done))

        return show

    async def on_decision_screen_shown(self, message: Shown) -> None:
        first = self.decision is None
        decision = self.decision = message.decision
        say = self.session.say
        self.query_one(StatusLine).say(
            say(TITLE, number=decision["number"]), _state(self, decision)
        )
        if first:
            await self._build_form(decision)
            await self._build_texts(decision)
        self.query_one(DecisionPreview).show(decision["document"])
        self._show_problems(decision)
        self.refresh_bindings()
        if message.done:
            self.notify(message.done)

    # --- the form -----------------------------------------------------------------------------

    async def _build_form(self, decision: Decision) -> None:
        choices, box = decision["choices"], decision["box"]
        labels: dict[str, str] = choices["labels"]
        form = self.query_one("#form", VerticalScroll)
        widgets: list[Any] = [Static("", classes="problems", id="problems", markup=False)]
        for name in (*CHOICES, *RENT_CHOICES):
            options = [(c["label"], c["id"]) for c in choices[name]]
            rent = name in RENT_CHOICES
            value = box.get(name)
            widgets.append(Label(labels[name] + ":"))
            widgets.append(
                Select(
                    options,
                    value=value if value is not None else Select.NULL,
                    allow_blank=rent,
                    prompt=self.session.say(CHOOSE),
                    id=name,
                    compact=True,
                )
            )
            if name == "public_interest":
                widgets += self._inputs(box, labels, ("decided_on",))
        widgets += self._inputs(box, labels, ("rent_amount", "rent_area", "rent_from"))
        for name in ("subjects", "statutes"):
            chosen = set(box.get(name) or ())
            items = [(c["label"], c["id"], c["id"] in chosen) for c in choices[name]]
            widgets.append(Label(labels[name] + ":"))
            widgets.append(CheckList(*items, id=name, compact=True))
        await form.mount_all(widgets)

    def _inputs(
        self, box: dict[str, Any], labels: dict[str, str], names: tuple[str, ...]
    ) -> list[Any]:
        found: list[Any] = []
        for name in names:
            value = box.get(name)
            label = labels[name]
            if name in ("decided_on", "rent_from"):
                label = self.session.say(DATE_HINT, field=label)
            else:
                label += ":"
            found.append(Label(label))
            found.append(Input("" if value is None else str(value), id=name, compact=True))
        return found

    async def _build_texts(self, decision: Decision) -> None:
        shown = decision["draft"] or decision["current"] or {}
        free = self.query_one("#free", VerticalScroll)
        widgets: list[Any] = []
        for name, heading in TEXT_LABELS.items():
            own = shown.get(name)
            text = own if own else decision["standard"][STANDARD_OF[name]]
            widgets.append(Label(heading + ":"))
            widgets.append(TextArea(text, id=name, soft_wrap=True))
        await free.mount_all(widgets)

    def _show_problems(self, decision: Decision) -> None:
        say = self.session.say
        lines = [say(PROBLEM, problem=p) for p in decision["problems"]] or [say(READY)]
        self.query_one("#problems", Static).update("\n".join(lines))

    def fields(self) -> dict[str, Any]:
        """What the form says now, as the API takes it; a text left as generated is None."""
        assert self.decision is not None
        found: dict[str, Any] = {}
        for name in (*CHOICES, *RENT_CHOICES):
            value = self.query_one(f"#{name}", Select).value
            found[name] = None if value is Select.NULL else value
        for name in INPUTS:
            found[name] = self.query_one(f"#{name}", Input).value.strip() or None
        for name in ("subjects", "statutes"):
            found[name] = list(self.query_one(f"#{name}", CheckList).selected)
        for name in TEXT_LABELS:
            text = self.query_one(f"#{name}", TextArea).text.strip()
            standard = self.decision["standard"][STANDARD_OF[name]].strip()
            found[name] = None if not text or text == standard else text
        return found

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Register is a lead's; saving is a caseworker's or lead's."""
        role = self.session.me["role"] if self.session.me else ""
        if action == "register":
            return self.decision is not None and role == "lead"
        if action == "save":
            return self.decision is not None and role in ("caseworker", "lead")
        return True

    def action_back(self) -> None:
        """Back to the case."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Save the draft (asking why, when it corrects a registered decision)."""
        self._save(then=None)

    def _save(self, then: Callable[[Decision], None] | None) -> None:
        decision = self.decision
        if decision is None:
            return
        fields = self.fields()
        draft = decision["draft"]
        version = draft["version"] if draft else None

        def go(reason: str | None) -> None:
            call = self.session.client.save_decision(
                self.number, fields, version=version, correction_reason=reason
            )
            self._call(call, then or self._shown(self.session.say(SAVED)))

        needs_reason = decision["correction"] and (draft is None or not draft["correction_reason"])
        if needs_reason:

            def asked(reason: str | None) -> None:
                if reason:
                    go(reason)

            self.app.push_screen(Prompt(self.session, self.session.say(ASK_REASON)), asked)
        else:
            go(None)

    def action_register(self) -> None:
        """Save the draft, then register it once the lead confirms."""

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._save(then=self._register)

        question = self.session.say(ASK_REGISTER, number=self.number)
        self.app.push_screen(Confirm(self.session, question), confirmed)

    def _register(self, saved: Decision) -> None:
        draft = saved["draft"]
        if draft is None:
            self.post_message(self.Shown(saved, None))
            return
        call = self.session.client.register_decision(
            self.number, version=int(draft["version"]), case_version=saved["case_version"]
        )
        self._call(call, self._shown(self.session.say(DONE)))

    def action_save_pdf(self) -> None:
        """Save the decision's PDF (the draft, marked UDKAST, or the registered one)."""
        say = self.session.say
        filename = f"afgoerelse-{self.number}.pdf"
        fetch = partial(self.session.client.decision_document, self.number)
        save_file(self, self.session, say(SAVE_TO), filename, fetch)


def _state(screen: DecisionScreen, decision: Decision) -> str:
    say = screen.session.say
    draft, current = decision["draft"], decision["current"]
    if draft and current:
        return say(CORRECTING, version=current["version"], draft=draft["version"])
    if draft:
        return say(DRAFT, version=draft["version"])
    if current:
        return say(REGISTERED, version=current["version"])
    return say(NEW)
