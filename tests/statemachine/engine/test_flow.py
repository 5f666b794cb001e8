"""The flow validator: a broken flow fails at load time, never in front of a filer."""

from __future__ import annotations

import copy

import pytest

from statemachine.engine.flow import FlowData, validate
from statemachine.errors import FlowError
from statemachine.flows.intake import HOOKS, INTAKE

NAMES = HOOKS.names


def _intake() -> FlowData:
    return copy.deepcopy(INTAKE)


def test_the_intake_flow_is_valid() -> None:
    validate(INTAKE, NAMES)


def test_every_state_has_a_prompt_and_known_input() -> None:
    for state in INTAKE["states"]:
        assert state["prompt"].strip()
        assert "input" in state or state.get("final")


def test_unregistered_guard_is_named() -> None:
    flow = _intake()
    flow["transitions"][1]["conditions"] = ["consent_given_twice"]
    with pytest.raises(FlowError, match="unregistered guard 'consent_given_twice'"):
        validate(flow, NAMES)


def test_unregistered_action_and_option_source_are_named() -> None:
    flow = _intake()
    flow["transitions"][0]["after"] = ["send_email"]
    flow["states"][0]["input"]["options"] = "planets"
    with pytest.raises(FlowError) as caught:
        validate(flow, NAMES)
    assert "unregistered action 'send_email'" in str(caught.value)
    assert "unregistered option source 'planets'" in str(caught.value)


def test_unreachable_state_is_found() -> None:
    flow = _intake()
    flow["states"].append(
        {"name": "ask_nothing", "section": 1, "prompt": "x", "input": {"kind": "text"}}
    )
    flow["transitions"].append({"trigger": "answer", "source": "ask_nothing", "dest": "receipt"})
    with pytest.raises(FlowError, match="'ask_nothing' cannot be reached"):
        validate(flow, NAMES)


def test_dead_end_is_found() -> None:
    flow = _intake()
    flow["transitions"] = [tr for tr in flow["transitions"] if tr["source"] != "ask_phone"]
    with pytest.raises(FlowError, match="no end can be reached from 'ask_phone'"):
        validate(flow, NAMES)


def test_restart_confirmation_is_reached_only_through_the_restart_action() -> None:
    flow = _intake()
    flow["actions"] = [a for a in flow["actions"] if a["name"] != "restart"]
    with pytest.raises(FlowError, match="'confirm_restart' cannot be reached"):
        validate(flow, NAMES)


def test_actions_must_say_what_they_do() -> None:
    flow = _intake()
    actions = {a["name"]: a for a in flow["actions"]}
    del actions["restart"]["enters"], actions["restart"]["at_start"]
    actions["edit"]["rewinds"] = "time_travel"
    actions["edit"]["returns_to"] = "nowhere"
    with pytest.raises(FlowError) as caught:
        validate(flow, NAMES)
    assert "action 'restart' needs exactly one of 'enters' and 'rewinds'" in str(caught.value)
    assert "unregistered rewind hook 'time_travel'" in str(caught.value)
    assert "action 'edit': unknown state 'nowhere'" in str(caught.value)


def test_answers_must_fire_a_trigger_the_transitions_use() -> None:
    flow = _intake()
    flow["answer_trigger"] = "reply"
    with pytest.raises(FlowError, match="no transition fires on the answer trigger 'reply'"):
        validate(flow, NAMES)
