"""The two questions a console asks the lifecycle: which steps may be taken now, and what
taking one changes. Pure: the caller stores the change, with its audit event, in one
transaction.

A request is judged in this order, and the first failure is the answer (nothing changes):

1. an unknown step: ``UnknownIdError``;
2. a role that may not take it: ``AccessError``;
3. a step that does not lead anywhere from this status: ``StepRefusedError``, naming the steps
   that do;
4. a missing or unknown reason, or a missing text: ``InvalidInputError``, saying what to give;
5. a guard that does not hold: ``StepRefusedError``, with the guard's rule in plain words.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from statemachine.engine.draft import Draft
from statemachine.engine.hooks import Step
from statemachine.engine.machine import Engine
from statemachine.engine.values import MAX_LONG_TEXT, parse_text
from statemachine.errors import AccessError, FlowError, InvalidInputError, StepRefusedError
from statemachine.flows.lifecycle import reasons
from statemachine.flows.lifecycle.facts import Attempt, Change, Facts, Request
from statemachine.flows.lifecycle.flow import LIFECYCLE
from statemachine.flows.lifecycle.guards import HOOKS, refusal
from statemachine.flows.lifecycle.roles import ROLES, role_label
from statemachine.flows.lifecycle.statuses import status_label
from statemachine.flows.lifecycle.steps import STEPS, StepSpec, step, step_label
from statemachine.text import Text, t


@cache
def engine() -> Engine:
    """The lifecycle's engine, built and validated once per process.

    Raises:
        FlowError: the lifecycle flow is broken.
    """
    return Engine(LIFECYCLE, HOOKS)


def _probe(facts: Facts, request: Request | None) -> tuple[Draft, Step]:
    draft = Draft(state=facts.status, lang="en")
    return draft, Step(draft=draft, value=Attempt(facts, request), today=facts.today)


def allowed(facts: Facts) -> list[str]:
    """The steps the role may take now: those leading somewhere from the status whose guards
    on the case hold. Steps that need a reason or a text are offered; the console asks for it.

    Args:
        facts: the case and who asks.

    Returns:
        Step ids, in the order of ``STEPS``.

    Raises:
        UnknownIdError: the status is not one the lifecycle knows.
    """
    status_label(facts.status)  # an unknown status is an UnknownIdError, not "no steps"
    draft, probe = _probe(facts, None)
    run = engine()
    leaving = set(run.triggers(facts.status))
    return [
        name
        for name, spec in STEPS.items()
        if facts.role in spec.roles and name in leaving and run.passes(draft, name, probe)
    ]


def apply(facts: Facts, request: Request) -> Change:
    """Take one step: judge it, and say what changes. The facts are not touched.

    Args:
        facts: the case and who asks.
        request: the step, with its reason and text.

    Returns:
        The change: the status before and after, and the audit event's data.

    Raises:
        UnknownIdError: no such step (or status).
        AccessError: the role may not take this step (or is no staff role at all).
        InvalidInputError: a reason or text is missing, or the reason is not in the step's list.
        StepRefusedError: the step does not apply from this status, or a guard does not hold.
    """
    spec = step(request.step)
    status_label(facts.status)  # an unknown status is an UnknownIdError before anything else
    if facts.role not in ROLES:
        raise AccessError(t("Only the secretariat's staff take steps on a case."))
    if facts.role not in spec.roles:
        raise AccessError(
            t(
                "Your role ({role}) may not take the step “{step}”.",
                role=role_label(facts.role),
                step=step_label(request.step),
            )
        )
    run = engine()
    if request.step not in run.triggers(facts.status):
        raise StepRefusedError(_does_not_apply(facts, request.step))
    text = _checked(spec, request)
    checked = Request(request.step, request.reason, text)
    draft, probe = _probe(facts, checked)
    if not run.fire(draft, request.step, probe):
        blocked = run.blocking(Draft(state=facts.status, lang="en"), request.step, probe)
        if not blocked:  # the guards gave the machine and the check different answers
            raise FlowError(f"lifecycle: {request.step!r} from {facts.status!r} failed unguarded")
        raise StepRefusedError(refusal(blocked[0], facts))
    data: dict[str, Any] = {"step": request.step, "from": facts.status, "to": draft.state}
    if checked.reason:
        data["reason"] = checked.reason
    if text:
        data["text"] = text
    return Change(step=request.step, source=facts.status, dest=draft.state, data=data)


def _does_not_apply(facts: Facts, name: str) -> Text:
    possible = tuple(step_label(s) for s in allowed(facts))
    if not possible:
        return t(
            "The step “{step}” is not possible for a case with the status “{status}”."
            " No step can be taken on it now.",
            step=step_label(name),
            status=status_label(facts.status),
        )
    return t(
        "The step “{step}” is not possible for a case with the status “{status}”."
        " Possible now: {steps}.",
        step=step_label(name),
        status=status_label(facts.status),
        steps=possible,
    )


def _checked(spec: StepSpec, request: Request) -> str | None:
    """The request's text, trimmed, once the reason and text it needs are there."""
    text = parse_text(request.text, limit=MAX_LONG_TEXT) if request.text is not None else None
    label = Text(spec.label)
    if spec.reason_list is not None:
        choices = tuple(
            t("{id} ({label})", id=r, label=reasons.label(spec.reason_list, r))
            for r in spec.reasons
        )
        if not request.reason:
            raise InvalidInputError(
                t(
                    "The step “{step}” needs a reason. Pick one of: {choices}.",
                    step=label,
                    choices=choices,
                )
            )
        if request.reason not in spec.reasons:
            raise InvalidInputError(
                t(
                    "There is no reason “{value}” for the step “{step}”. Pick one of: {choices}.",
                    value=request.reason,
                    step=label,
                    choices=choices,
                )
            )
        if request.reason == reasons.OTHER and not text:
            raise InvalidInputError(
                t("With the reason “Another reason”, please say in a few words what it is.")
            )
    elif request.reason:
        raise InvalidInputError(
            t("The step “{step}” takes no reason. Leave the reason out.", step=label)
        )
    if spec.needs_text and not text:
        raise InvalidInputError(
            t("The step “{step}” needs a text: say why, in a few words.", step=label)
        )
    return text
