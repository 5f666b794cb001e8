"""Which answers may file a case, read from the flow data before any transaction opens.

The conversation runs an answer in the full store when it may file, and on the faster draft
path otherwise; a state missing here would make the draft path stop and start over.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.service.submission import SUBMISSION_ACTION, submitting_states, wants_filing
from statemachine.engine.draft import Draft
from statemachine.engine.flow import ActionData, FlowData
from statemachine.engine.hooks import Hooks, Step
from statemachine.engine.machine import Answer, Engine
from statemachine.errors import FlowError
from statemachine.flows import intake

TODAY = date(2026, 11, 23)


def _request(step: Step) -> None:
    step.draft.submit_requested = True


def _flow(*, returns_to: str | None) -> FlowData:
    """Name, then confirm (which asks for filing), then a note, then done; an edit goes back
    to an earlier answer and, with ``returns_to``, comes back there."""
    edit: ActionData = {"name": "edit", "rewinds": "to_target"}
    if returns_to is not None:
        edit["returns_to"] = returns_to
    return {
        "name": "tiny",
        "initial": "ask_name",
        "sections": 1,
        "titles": ["All of it"],
        "answer_trigger": "answer",
        "actions": [{"name": "back", "offered": "always"}, edit],
        "no_question": "Nothing to answer here.",
        "states": [
            {"name": "ask_name", "section": 1, "prompt": "Name?", "input": {"kind": "text"}},
            {"name": "ask_confirm", "section": 1, "prompt": "Sure?", "input": {"kind": "confirm"}},
            {"name": "ask_note", "section": 1, "prompt": "Note?", "input": {"kind": "text"}},
            {"name": "done", "section": 1, "prompt": "Done.", "final": True},
        ],
        "transitions": [
            {"trigger": "answer", "source": "ask_name", "dest": "ask_confirm"},
            {
                "trigger": "answer",
                "source": "ask_confirm",
                "dest": "ask_note",
                "after": [SUBMISSION_ACTION],
            },
            {"trigger": "answer", "source": "ask_note", "dest": "done"},
        ],
    }


def _engine(*, returns_to: str | None) -> Engine:
    hooks = Hooks(
        actions={SUBMISSION_ACTION: _request},
        rewinds={"to_target": lambda draft, target: str(target)},
    )
    return Engine(_flow(returns_to=returns_to), hooks)


def test_the_intake_files_only_from_its_declaration() -> None:
    engine = intake.engine()
    assert submitting_states(engine) == {"ask_declaration"}
    runs_it = [tr for tr in engine.flow["transitions"] if SUBMISSION_ACTION in tr.get("after", [])]
    assert [tr["source"] for tr in runs_it] == ["ask_declaration"]


def test_without_a_returning_edit_only_the_answer_that_runs_the_action_files() -> None:
    assert submitting_states(_engine(returns_to=None)) == {"ask_confirm"}


def test_an_edit_that_replays_through_the_action_files_from_where_it_went_back_to() -> None:
    engine = _engine(returns_to="ask_note")
    assert submitting_states(engine) == {"ask_name", "ask_confirm"}
    # And so the engine does: an edit back to the name replays the stored confirmation.
    draft = engine.start("en")
    for value in ("Anna", True):
        assert not engine.step(draft, Answer(value=value), TODAY).errors
    draft.submit_requested = False  # forget the first pass's request: the replay must ask again
    assert not engine.step(draft, Answer(action="edit", target="ask_name"), TODAY).errors
    assert (draft.state, draft.editing) == ("ask_name", True)
    assert not engine.step(draft, Answer(value="Anna Jensen"), TODAY).errors
    assert draft.state == "ask_note" and wants_filing(draft)


def test_a_flow_that_never_files_is_refused() -> None:
    hooks = Hooks(rewinds={"to_target": lambda draft, target: str(target)})
    flow = _flow(returns_to=None)
    flow["transitions"][1].pop("after")
    with pytest.raises(FlowError):
        submitting_states(Engine(flow, hooks))


def test_a_filed_draft_is_not_filed_again() -> None:
    draft = Draft(state="done", lang="en", submit_requested=True, case_number="101-10001")
    assert not wants_filing(draft)
