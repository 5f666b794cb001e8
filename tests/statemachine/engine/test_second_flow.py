"""A second flow, declared as data with its own hooks, runs on the same engine and validator.

A room booking in three states: how many guests; for a large party, whether the hall is
wanted; then booked. The guard picks the way on, the action books the room, and the flow
offers back, help and save but no restart.
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from statemachine.engine.answer import UNKNOWN_ACTION
from statemachine.engine.draft import Draft
from statemachine.engine.flow import FlowData, validate
from statemachine.engine.hooks import Hooks, Step
from statemachine.engine.machine import Answer, Engine
from statemachine.errors import FlowError
from statemachine.text import Param, t

TODAY = date(2026, 11, 23)


def _book_room(step: Step) -> None:
    wants_hall = step.draft.answers.get("ask_hall") is True
    step.draft.answers["room"] = "hall" if wants_hall else "meeting room"
    step.messages.append(t("Booked."))


def _room(draft: Draft, item: str | None) -> dict[str, Param]:
    return {"room": str(draft.answers.get("room", ""))}


HOOKS = Hooks(
    guards={"many_guests": lambda step, dest: Decimal(step.value) >= 10},
    actions={"book_room": _book_room},
    params={"room": _room},
)

BOOKING: FlowData = {
    "name": "booking",
    "initial": "ask_guests",
    "sections": 2,
    "titles": ["Guests", "Booked"],
    "answer_trigger": "reply",
    "actions": [
        {"name": "back", "offered": "always"},
        {"name": "help", "offered": "at_questions"},
        {"name": "save", "offered": "at_questions"},
    ],
    "no_question": "Nothing to answer here.",
    "states": [
        {
            "name": "ask_guests",
            "section": 1,
            "prompt": "How many guests?",
            "help": "Count yourself too.",
            "input": {"kind": "number"},
        },
        {
            "name": "ask_hall",
            "section": 1,
            "prompt": "Do you want the hall?",
            "input": {"kind": "confirm"},
        },
        {"name": "booked", "section": 2, "final": True, "params": "room", "prompt": "{room}"},
    ],
    "transitions": [
        {
            "trigger": "reply",
            "source": "ask_guests",
            "dest": "ask_hall",
            "conditions": ["many_guests"],
        },
        {"trigger": "reply", "source": "ask_guests", "dest": "booked", "after": ["book_room"]},
        {"trigger": "reply", "source": "ask_hall", "dest": "booked", "after": ["book_room"]},
    ],
}

ENGINE = Engine(BOOKING, HOOKS)


def answer(draft: Draft, **sent: Any) -> list[str]:
    """Send one answer; the msgids of the errors it gave."""
    return [e.msgid for e in ENGINE.step(draft, Answer(**sent), TODAY).errors]


@pytest.mark.parametrize(
    ("guests", "state"),
    [("4", "booked"), ("12", "ask_hall")],
    ids=["a small party is booked at once", "a large party is asked about the hall"],
)
def test_the_guard_chooses_the_way_on(guests: str, state: str) -> None:
    draft = ENGINE.start("en")
    assert answer(draft, value=guests) == []
    assert draft.state == state


def test_the_action_books_the_room_and_says_so() -> None:
    draft = ENGINE.start("en")
    answer(draft, value="12")
    outcome = ENGINE.step(draft, Answer(value=True), TODAY)
    assert [m.msgid for m in outcome.messages] == ["Booked."]
    assert draft.answers["room"] == "hall"
    turn = ENGINE.present(draft, TODAY)
    assert (turn.prompt.msgid, dict(turn.prompt.params)) == ("{room}", {"room": "hall"})


def test_bad_input_leaves_the_draft_unchanged() -> None:
    draft = ENGINE.start("en")
    before = draft.to_data()
    assert answer(draft, value="lots") != []
    assert answer(draft, value=None) != [], "a number is required"
    assert draft.to_data() == before


def test_back_returns_to_the_guests_and_keeps_the_answer() -> None:
    draft = ENGINE.start("en")
    answer(draft, value="12")
    assert answer(draft, action="back") == []
    assert (draft.state, draft.answers["ask_guests"]) == ("ask_guests", "12")
    assert answer(draft, value=None) == [], "Enter keeps the number given before"
    assert draft.state == "ask_hall"


def test_the_turn_lists_the_flows_own_actions_and_refuses_others() -> None:
    draft = ENGINE.start("en")
    assert ENGINE.present(draft, TODAY).actions == ["back", "help", "save"]
    assert answer(draft, action="restart") == [UNKNOWN_ACTION]
    assert answer(draft, action="edit", target="ask_guests") == [UNKNOWN_ACTION]
    assert draft.to_data() == ENGINE.start("en").to_data()
    answer(draft, value="3")
    assert ENGINE.present(draft, TODAY).actions == ["back"]
    assert answer(draft, value="5") == ["Nothing to answer here."]


def test_the_draft_survives_the_store() -> None:
    draft = ENGINE.start("en")
    answer(draft, value="12")
    reloaded = Draft.from_data(draft.to_data())
    answer(reloaded, value=False)
    assert (reloaded.state, reloaded.answers["room"]) == ("booked", "meeting room")


def test_an_unregistered_guard_is_refused() -> None:
    flow = copy.deepcopy(BOOKING)
    flow["transitions"][0]["conditions"] = ["guests_are_vip"]
    with pytest.raises(FlowError, match="unregistered guard 'guests_are_vip'"):
        Engine(flow, HOOKS)


def test_an_unreachable_state_is_refused() -> None:
    flow = copy.deepcopy(BOOKING)
    flow["transitions"] = [tr for tr in flow["transitions"] if tr["dest"] != "ask_hall"]
    with pytest.raises(FlowError, match="state 'ask_hall' cannot be reached"):
        validate(flow, HOOKS.names)
