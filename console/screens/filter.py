"""The filter dialog: status, assignee, deadline window, sort and order of the queue."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select

from console.client import QueueParams
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.flows.lifecycle.statuses import LABELS as STATUS_LABELS
from statemachine.text import N_

TITLE = N_("Filter the queue")
STATUS = N_("Status")
ASSIGNEE = N_("Assignee")
DUE = N_("Deadline")
SORT = N_("Sort by")
ORDER = N_("Order")
CASE_TYPE = N_("Case type id")
HINT = N_("Ctrl+S: apply · Escape: cancel")
ANY = N_("Any")
OPEN = N_("Open cases")
ASSIGNEES = (("me", N_("Me")), ("none", N_("Nobody")))
DUES = (("7", N_("Due within 7 days")), ("overdue", N_("Overdue")))
SORTS = (("deadline", N_("Next deadline")), ("filed", N_("Filing date")), ("number", N_("Number")))
ORDERS = (("asc", N_("Ascending")), ("desc", N_("Descending")))
OPEN_STATUSES = ",".join(
    s
    for s in STATUS_LABELS
    if s not in {"published", "dismissed", "rejected", "settled", "withdrawn"}
)
"""The ``status`` filter value that means every open status."""

FIELDS = ("status", "assignee", "due", "sort", "order")
"""The query parameters this dialog sets."""


class FilterDialog(Dialog[QueueParams]):
    """Edits the queue's filters; dismisses with the new query (search and cursor kept)."""

    DEFAULT_CSS = """
    FilterDialog Grid { grid-size: 2; grid-columns: 16 1fr; height: auto; grid-gutter: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", N_("Apply"), priority=True),
    ]

    def __init__(self, session: Session, params: QueueParams) -> None:
        """Args:
        session: for the labels.
        params: the queue's query now.
        """
        super().__init__(session)
        self.params = params

    def compose(self) -> ComposeResult:
        say = self.session.say
        statuses = [(say(OPEN), OPEN_STATUSES)] + [
            (say(label), status) for status, label in STATUS_LABELS.items()
        ]
        with Vertical(classes="box"):
            yield Label(say(TITLE), classes="title")
            with Grid():
                yield Label(say(STATUS))
                yield self._select("status", statuses)
                yield Label(say(ASSIGNEE))
                yield self._select("assignee", [(say(label), v) for v, label in ASSIGNEES])
                yield Label(say(DUE))
                yield self._select("due", [(say(label), v) for v, label in DUES])
                yield Label(say(SORT))
                yield self._select("sort", [(say(label), v) for v, label in SORTS], blank=False)
                yield Label(say(ORDER))
                yield self._select("order", [(say(label), v) for v, label in ORDERS], blank=False)
                yield Label(say(CASE_TYPE))
                yield Input(self.params.get("case_type", ""), id="case_type", compact=True)
            yield Label(say(HINT), classes="hint")

    def _select(
        self, name: str, options: list[tuple[str, str]], *, blank: bool = True
    ) -> Select[str]:
        value = str(self.params.get(name, "")) or (options[0][1] if not blank else Select.NULL)
        return Select(
            options,
            value=value,
            allow_blank=blank,
            prompt=self.session.say(ANY),
            id=name,
            compact=True,
        )

    def action_apply(self) -> None:
        """Apply the filters."""
        params: dict[str, object] = {
            k: v for k, v in self.params.items() if k not in (*FIELDS, "after", "case_type")
        }
        for name in FIELDS:
            value = self.query_one(f"#{name}", Select).value
            if isinstance(value, str):
                params[name] = value
        case_type = self.query_one("#case_type", Input).value.strip()
        if case_type:
            params["case_type"] = case_type
        self.dismiss(QueueParams(**params))  # type: ignore[typeddict-item]
