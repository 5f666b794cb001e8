"""A rewind that returns: back to one earlier answer, or through several, then back again."""

from __future__ import annotations

import json
from datetime import date

import pytest

from statemachine.engine.draft import Draft
from statemachine.engine.flow import FlowData, StateData
from statemachine.engine.hooks import Hooks
from statemachine.engine.machine import Answer, Engine
from statemachine.errors import FlowError

TODAY = date(2026, 11, 23)


def _flow() -> FlowData:
    """Three questions, then a check that an edit returns to, then done."""
    asks = ["ask_a", "ask_b", "ask_c"]
    questions: list[StateData] = [
        {"name": n, "section": 1, "prompt": f"{n}?", "input": {"kind": "text"}} for n in asks
    ]
    return {
        "name": "three",
        "initial": "ask_a",
        "sections": 2,
        "titles": ["Questions", "Check"],
        "answer_trigger": "answer",
        "actions": [{"name": "edit", "rewinds": "to_targets", "returns_to": "check"}],
        "no_question": "Nothing to answer here.",
        "states": [
            *questions,
            {"name": "check", "section": 2, "prompt": "Fine?", "input": {"kind": "confirm"}},
            {"name": "done", "section": 2, "prompt": "Done.", "final": True},
        ],
        "transitions": [
            {"trigger": "answer", "source": src, "dest": dest}
            for src, dest in zip([*asks, "check"], [*asks[1:], "check", "done"], strict=True)
        ],
    }


ENGINE = Engine(_flow(), Hooks(rewinds={"to_targets": lambda d, t: (t or "").split(",")}))


def _at_check() -> Draft:
    draft = ENGINE.start("en")
    for value in ("a", "b", "c"):
        assert not ENGINE.step(draft, Answer(value=value), TODAY).errors
    assert draft.state == "check"
    return draft


def test_a_rewind_to_several_answers_asks_each_and_replays_the_rest() -> None:
    draft = _at_check()
    assert not ENGINE.step(draft, Answer(action="edit", target="ask_a,ask_c"), TODAY).errors
    assert (draft.state, draft.revisit) == ("ask_a", ["ask_c"])
    draft = Draft.from_data(json.loads(json.dumps(draft.to_data())))
    assert draft.revisit == ["ask_c"], "the store keeps what is still to be asked"
    assert not ENGINE.step(draft, Answer(value="A"), TODAY).errors
    assert draft.state == "ask_c", "ask_b is replayed, ask_c is asked again"
    assert ENGINE.present(draft, TODAY).input.current == "c"
    assert not ENGINE.step(draft, Answer(value=None), TODAY).errors
    assert (draft.state, draft.editing, draft.revisit) == ("check", False, [])
    assert [draft.answers[k] for k in ("ask_a", "ask_b", "ask_c")] == ["A", "b", "c"]


def test_a_rewind_to_one_answer_replays_all_after_it() -> None:
    draft = _at_check()
    assert not ENGINE.step(draft, Answer(action="edit", target="ask_b"), TODAY).errors
    assert not ENGINE.step(draft, Answer(value="B"), TODAY).errors
    assert draft.state == "check" and draft.history == ["ask_a", "ask_b", "ask_c"]


def test_a_rewind_hook_naming_a_key_off_the_path_is_a_flow_error() -> None:
    draft = _at_check()
    with pytest.raises(FlowError):
        ENGINE.step(draft, Answer(action="edit", target="ask_a,ask_nowhere"), TODAY)


def test_a_flow_needs_a_title_for_each_section() -> None:
    flow = _flow()
    flow["titles"] = ["Questions"]
    with pytest.raises(FlowError, match="2 sections but 1 titles"):
        Engine(flow, Hooks(rewinds={"to_targets": lambda d, t: [str(t)]}))


def test_the_presentation_names_the_section() -> None:
    draft = _at_check()
    shown = ENGINE.present(draft, TODAY)
    assert (shown.step, shown.total, shown.title.msgid) == (2, 2, "Check")
