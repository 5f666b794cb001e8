"""The filter dialog: status, assignee, deadline, case type, tribunal, housing, sort and order
of the queue, and the words the filter bar shows for them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.widgets import Label, Select

from console.client import QueueParams
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.catalog.casetypes import CASE_TYPES
from statemachine.flows.lifecycle.statuses import LABELS as STATUS_LABELS
from statemachine.flows.lifecycle.statuses import OPEN_STATUSES
from statemachine.text import N_

TITLE = N_("Filter the queue")
STATUS = N_("Status")
ASSIGNEE = N_("Assignee")
DUE = N_("Deadline")
SORT = N_("Sort by")
ORDER = N_("Order")
CASE_TYPE = N_("Case type")
TRIBUNAL = N_("Tribunal")
HOUSING = N_("Housing")
HINT = N_("Ctrl+S: apply · Escape: cancel")
ANY = N_("Any")
OPEN = N_("Open cases")
ASSIGNEES = (("me", N_("Me")), ("none", N_("Nobody")))
DUES = (("7", N_("Due within 7 days")), ("overdue", N_("Overdue")))
SORTS = (("deadline", N_("Next deadline")), ("filed", N_("Filing date")), ("number", N_("Number")))
ORDERS = (("asc", N_("Ascending")), ("desc", N_("Descending")))
HOUSINGS = (("private", N_("Private rental")), ("social", N_("Social housing")))
"""The housing the queue filters by (``housing`` of ``GET /cases``) and its label."""
CASE_TYPE_LABELS: Final = {case.id: case.label for case in CASE_TYPES}
"""Each case type's id and label (a msgid), in the catalog's order."""

OPEN_FILTER: Final = ",".join(OPEN_STATUSES)
"""The ``status`` filter value that means every open status."""

STATUS_IS = N_("Status: {value}")
ASSIGNEE_IS = N_("Assignee: {value}")
DUE_IS = N_("Deadline: {value}")
TYPE_IS = N_("Type: {value}")
TRIBUNAL_IS = N_("Tribunal: {value}")
HOUSING_IS = N_("Housing: {value}")

FIELDS = ("status", "assignee", "due", "case_type", "tribunal", "housing", "sort", "order")
"""The query parameters this dialog sets."""


def filter_words(session: Session, params: QueueParams) -> list[str]:
    """What the filters of ``params`` are, for the filter bar (the ones set only)."""
    say = session.say
    tribunals = {one["code"]: one["name"] for one in session.me["tribunals"]} if session.me else {}
    status = params.get("status", "")
    words = {
        "status": (STATUS_IS, OPEN if status == OPEN_FILTER else STATUS_LABELS.get(status)),
        "assignee": (ASSIGNEE_IS, dict(ASSIGNEES).get(params.get("assignee", ""))),
        "due": (DUE_IS, dict(DUES).get(params.get("due", ""))),
        "case_type": (TYPE_IS, CASE_TYPE_LABELS.get(params.get("case_type", ""))),
        "tribunal": (TRIBUNAL_IS, tribunals.get(params.get("tribunal", ""))),
        "housing": (HOUSING_IS, dict(HOUSINGS).get(params.get("housing", ""))),
    }
    shown = []
    for name, (template, label) in words.items():
        value = str(params.get(name, ""))
        if value:
            shown.append(say(template, value=say(label) if label else value))
    return shown


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
        session: for the labels, and the caller's tribunals.
        params: the queue's query now.
        """
        super().__init__(session)
        self.params = params

    def compose(self) -> ComposeResult:
        say = self.session.say
        me = self.session.me
        statuses = [(say(OPEN), OPEN_FILTER)] + [
            (say(label), status) for status, label in STATUS_LABELS.items()
        ]
        tribunals = [(one["name"], one["code"]) for one in me["tribunals"]] if me else []
        with Vertical(classes="box"):
            yield Label(say(TITLE), classes="title")
            with Grid():
                yield Label(say(STATUS))
                yield self._select("status", statuses)
                yield Label(say(ASSIGNEE))
                yield self._select("assignee", self._said(ASSIGNEES))
                yield Label(say(DUE))
                yield self._select("due", self._said(DUES))
                yield Label(say(CASE_TYPE))
                yield self._select("case_type", self._said(CASE_TYPE_LABELS.items()))
                yield Label(say(TRIBUNAL))
                yield self._select("tribunal", tribunals)
                yield Label(say(HOUSING))
                yield self._select("housing", self._said(HOUSINGS))
                yield Label(say(SORT))
                yield self._select("sort", self._said(SORTS), blank=False)
                yield Label(say(ORDER))
                yield self._select("order", self._said(ORDERS), blank=False)
            yield Label(say(HINT), classes="hint")

    def _said(self, options: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """``(value, msgid)`` pairs as Select options: ``(label, value)``."""
        return [(self.session.say(label), value) for value, label in options]

    def _select(
        self, name: str, options: list[tuple[str, str]], *, blank: bool = True
    ) -> Select[str]:
        now = str(self.params.get(name, ""))
        # A value none of the options has (several types from a saved filter, say) shows as
        # "Any" rather than failing; applying then drops it.
        values = [value for _, value in options]
        value = now if now in values else (values[0] if not blank and values else Select.NULL)
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
            k: v for k, v in self.params.items() if k not in (*FIELDS, "after")
        }
        for name in FIELDS:
            value = self.query_one(f"#{name}", Select).value
            if isinstance(value, str):
                params[name] = value
        self.dismiss(QueueParams(**params))  # type: ignore[typeddict-item]
