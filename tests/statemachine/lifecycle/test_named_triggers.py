"""The engine runs a flow moved by named triggers (the lifecycle) with the same validator and
guards as the intake dialogue."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from statemachine.engine.draft import Draft
from statemachine.engine.flow import FlowData
from statemachine.engine.hooks import Step
from statemachine.engine.machine import Answer, Engine
from statemachine.errors import FlowError
from statemachine.flows.lifecycle import HOOKS, LIFECYCLE, Attempt, Facts, Request, engine

TODAY = date(2026, 12, 2)
FACTS = Facts("assigned", "caseworker", TODAY, True, False, False, None)
"""An assigned case whose counterparty has no address or e-mail."""


def _step(draft: Draft, request: Request | None = None, facts: Facts = FACTS) -> Step:
    return Step(draft=draft, value=Attempt(facts, request), today=TODAY)


def _broken(change: str) -> str:
    flow: FlowData = copy.deepcopy(LIFECYCLE)
    if change == "no reopen":
        flow["transitions"] = [t for t in flow["transitions"] if t["trigger"] != "reopen"]
    elif change == "unknown guard":
        flow["transitions"][0]["conditions"] = ["paid_in_cash"]
    elif change == "orphan":
        flow["states"].append({"name": "archived", "section": 4})
    elif change == "asks without no_question":
        flow["answer_trigger"] = "assign"
    with pytest.raises(FlowError) as broken:
        Engine(flow, HOOKS)
    return str(broken.value)


def test_the_lifecycle_validates_without_an_answer_trigger() -> None:
    assert "answer_trigger" not in LIFECYCLE
    assert engine().finals == {"published"}


def test_a_closed_exit_must_reach_the_end_through_reopen() -> None:
    assert "no end can be reached from 'dismissed'" in _broken("no reopen")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("unknown guard", "unregistered guard 'paid_in_cash'"),
        ("orphan", "state 'archived' cannot be reached"),
        ("asks without no_question", "needs a 'no_question' message"),
    ],
)
def test_the_validator_still_refuses_a_broken_flow(change: str, problem: str) -> None:
    assert problem in _broken(change)


def test_triggers_lists_what_leaves_a_state_once_each() -> None:
    run = engine()
    assert run.triggers("awaiting_fee") == [
        "register_fee",
        "dismiss",
        "reject",
        "settle",
        "withdraw",
    ]
    assert run.triggers("published") == []
    assert run.triggers("nowhere") == []


def test_fire_moves_only_when_a_guard_passes() -> None:
    run = engine()
    draft = Draft(state="assigned", lang="da")
    assert not run.passes(draft, "start_hearing", _step(draft))
    assert run.blocking(draft, "start_hearing", _step(draft)) == ["counterparty_reachable"]
    assert not run.fire(draft, "start_hearing", _step(draft))
    assert draft.state == "assigned"
    reachable = Facts("assigned", "caseworker", TODAY, True, True, False, None)
    assert run.fire(draft, "start_hearing", _step(draft, facts=reachable))
    assert draft.state == "hearing"


def test_fire_with_a_trigger_that_does_not_leave_the_state_changes_nothing() -> None:
    run = engine()
    draft = Draft(state="assigned", lang="da")
    assert not run.fire(draft, "publish", _step(draft))
    assert not run.fire(draft, "no_such_trigger", _step(draft))
    assert run.blocking(draft, "publish", _step(draft)) == []
    assert draft.state == "assigned"


def test_a_flow_without_an_answer_trigger_takes_no_answers() -> None:
    with pytest.raises(FlowError):
        engine().step(Draft(state="submitted", lang="da"), Answer(value="yes"), TODAY)
