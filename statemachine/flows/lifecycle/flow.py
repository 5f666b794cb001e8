"""The case lifecycle as data: its statuses as states, its steps as triggers, and the guards
each step must pass, named as strings. Data only; read with ``statuses.py`` and ``guards.py``.

::

    submitted ──request_fee──> awaiting_fee ──register_fee──> assigned (with an assignee)
        │                                                 └──> submitted (without one)
        └──assign [has_assignee]──> assigned ──start_hearing [counterparty_reachable]──> hearing
    hearing ──end_hearing [hearing_done]──> ready_for_meeting ──plan_inspection──> inspection
    ready_for_meeting, inspection ──put_on_agenda──> on_agenda
    on_agenda ──decide [decision_recorded]──> decided ──publish [decision_anonymised]──> published
    any open status ──dismiss | reject | settle | withdraw [reason_given]──> the exit
    an exit ──reopen [text_given]──> assigned

A transition's ``conditions`` must all hold; where a step has two transitions from one status
(``register_fee``), the first that passes is taken. Who may take a step is in ``steps.py``.
"""

from __future__ import annotations

from typing import Final

from statemachine.engine.flow import FlowData, StateData, TransitionData
from statemachine.flows.lifecycle.statuses import EXITS, FINAL, LABELS, OPEN_STATUSES
from statemachine.text import N_

_PHASE: Final = {
    "submitted": 1,
    "awaiting_fee": 1,
    "assigned": 1,
    "hearing": 2,
    "ready_for_meeting": 3,
    "inspection": 3,
    "on_agenda": 3,
    "decided": 3,
    "published": 4,
    **dict.fromkeys(EXITS, 4),
}
"""Which of the lifecycle's phases (the flow's sections) each status belongs to."""

_EXIT_STEPS: Final = {
    "dismiss": "dismissed",
    "reject": "rejected",
    "settle": "settled",
    "withdraw": "withdrawn",
}
"""Each exit step and the exit status it leads to."""


def _state(status: str) -> StateData:
    state: StateData = {"name": status, "section": _PHASE[status], "label": LABELS[status]}
    if status == FINAL:
        state["final"] = True
    return state


def _go(step: str, source: str, dest: str, conditions: tuple[str, ...] = ()) -> TransitionData:
    transition: TransitionData = {"trigger": step, "source": source, "dest": dest}
    if conditions:
        transition["conditions"] = list(conditions)
    return transition


LIFECYCLE: Final[FlowData] = {
    "name": "lifecycle",
    "initial": "submitted",
    "sections": 4,
    "titles": [N_("Triage"), N_("Hearing"), N_("Board"), N_("Closed")],
    "actions": [],
    "states": [_state(status) for status in LABELS],
    "transitions": [
        _go("request_fee", "submitted", "awaiting_fee"),
        _go("register_fee", "awaiting_fee", "assigned", ("has_assignee",)),
        _go("register_fee", "awaiting_fee", "submitted"),
        _go("assign", "submitted", "assigned", ("has_assignee",)),
        _go("start_hearing", "assigned", "hearing", ("counterparty_reachable",)),
        _go("end_hearing", "hearing", "ready_for_meeting", ("hearing_done",)),
        _go("plan_inspection", "ready_for_meeting", "inspection"),
        _go("put_on_agenda", "ready_for_meeting", "on_agenda"),
        _go("put_on_agenda", "inspection", "on_agenda"),
        _go("decide", "on_agenda", "decided", ("decision_recorded",)),
        _go("publish", "decided", FINAL, ("decision_anonymised",)),
        *(
            _go(step, source, dest, ("reason_given",))
            for step, dest in _EXIT_STEPS.items()
            for source in OPEN_STATUSES
        ),
        *(_go("reopen", source, "assigned", ("text_given",)) for source in EXITS),
    ],
}
"""The case lifecycle (design.md; domain.md §4.3), for ``Engine(LIFECYCLE, HOOKS)``. It has no
answer trigger: it asks nothing, and moves only when a step is fired by name."""
