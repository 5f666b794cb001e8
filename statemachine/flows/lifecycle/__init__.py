"""The case lifecycle: statuses, steps, roles, reasons and guards as data, on the dialogue engine.

A console asks :func:`allowed` which steps to offer, and :func:`apply` what a step changes::

    facts = Facts(status="assigned", role="caseworker", today=date(2026, 12, 2),
                  has_assignee=True, counterparty_reachable=True, reply_received=False,
                  reply_due=None)
    allowed(facts)                          # ['start_hearing', 'dismiss', 'reject', ...]
    apply(facts, Request("start_hearing"))  # Change(step=..., source='assigned', dest='hearing')

Where to change what:

- the way a case goes, and which guard each step passes: ``flow.py``;
- a guard's rule and the sentence that refuses it: ``guards.py``;
- a step's label, roles, reason list or text: ``steps.py``; reasons: ``reasons.py``;
- who may assign, add notes, write to parties: ``roles.py``; status labels: ``statuses.py``.
"""

from __future__ import annotations

from statemachine.flows.lifecycle.facts import Attempt, Change, Facts, Request
from statemachine.flows.lifecycle.flow import LIFECYCLE
from statemachine.flows.lifecycle.guards import GUARDS, HOOKS
from statemachine.flows.lifecycle.machine import allowed, apply, engine
from statemachine.flows.lifecycle.reasons import REASONS
from statemachine.flows.lifecycle.roles import ACTIONS, ROLES, may, role_label
from statemachine.flows.lifecycle.statuses import (
    CLOSED_STATUSES,
    EXITS,
    FINAL,
    OPEN_STATUSES,
    STATUSES,
    status_label,
)
from statemachine.flows.lifecycle.steps import STEPS, StepSpec, reason_label, step_label

__all__ = [
    "ACTIONS",
    "CLOSED_STATUSES",
    "EXITS",
    "FINAL",
    "GUARDS",
    "HOOKS",
    "LIFECYCLE",
    "OPEN_STATUSES",
    "REASONS",
    "ROLES",
    "STATUSES",
    "STEPS",
    "Attempt",
    "Change",
    "Facts",
    "Request",
    "StepSpec",
    "allowed",
    "apply",
    "engine",
    "may",
    "reason_label",
    "role_label",
    "status_label",
    "step_label",
]
