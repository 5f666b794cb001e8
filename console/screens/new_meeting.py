"""The dialog that plans a board meeting: the tribunal, when and where, and who sits in the
chair and the two members' seats."""

from __future__ import annotations

from typing import Any, ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from console.client import TribunalRef
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("Plan a board meeting")
TRIBUNAL = N_("Tribunal:")
WHEN = N_("When (YYYY-MM-DD HH:MM):")
PLACE = N_("Where:")
SEATS: Final = (
    ("chair", N_("Chair:")),
    ("tenant_member", N_("The tenants' member:")),
    ("landlord_member", N_("The landlords' member:")),
)
HINT = N_("Ctrl+S: plan it · Escape: cancel")


class NewMeetingDialog(Dialog[dict[str, Any]]):
    """Asks for a meeting; dismisses with ``tribunal``, ``starts_at``, ``place`` and
    ``members`` as the client takes them (None: cancelled). The service checks each value."""

    DEFAULT_CSS = """
    NewMeetingDialog Label { margin: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "plan", N_("Plan"), priority=True),
    ]

    def __init__(
        self,
        session: Session,
        tribunals: list[TribunalRef],
        values: dict[str, Any] | None = None,
    ) -> None:
        """Args:
        session: for the labels.
        tribunals: the caller's tribunals, to choose from.
        values: what to fill in, as this dialog dismissed with it (after a refusal).
        """
        super().__init__(session)
        self.tribunals = tribunals
        self.values = values or {}

    def compose(self) -> ComposeResult:
        say = self.session.say
        options = [(court["name"], court["code"]) for court in self.tribunals]
        given = self.values
        codes = [code for _, code in options]
        chosen = given.get("tribunal") if given.get("tribunal") in codes else codes[0]
        names = {m["seat"]: m["name"] for m in given.get("members", [])}
        with Vertical(classes="box"):
            yield Label(say(TITLE), classes="title")
            yield Label(say(TRIBUNAL))
            yield Select(options, value=chosen, allow_blank=False, id="tribunal", compact=True)
            yield Label(say(WHEN))
            when = str(given.get("starts_at", "")).replace("T", " ", 1)
            yield Input(when, id="when", compact=True)
            yield Label(say(PLACE))
            yield Input(str(given.get("place", "")), id="place", compact=True)
            for seat, label in SEATS:
                yield Label(say(label))
                yield Input(names.get(seat, ""), id=seat, compact=True)
            yield Label(say(HINT), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_plan(self) -> None:
        """Plan the meeting as filled in."""
        tribunal = self.query_one("#tribunal", Select).value

        def value(name: str) -> str:
            return self.query_one(f"#{name}", Input).value.strip()

        self.dismiss(
            {
                "tribunal": tribunal if isinstance(tribunal, str) else "",
                "starts_at": value("when").replace(" ", "T", 1),
                "place": value("place"),
                "members": [{"seat": seat, "name": value(seat)} for seat, _ in SEATS],
            }
        )
