"""The privacy notice informs and asks nothing; drafts saved at the old consent question load."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer, Engine
from statemachine.errors import FlowError
from statemachine.flows.intake import HOOKS, INTAKE, engine

TODAY = date(2026, 11, 23)
ENGINE = engine()
EN = translator("en")


def _notice(lang: str = "en", draft_days: int | None = None) -> list[str]:
    eng = ENGINE if draft_days is None else engine(draft_days)
    draft = eng.start(lang)
    assert not eng.step(draft, Answer(value=lang), TODAY).errors
    shown = eng.present(draft, TODAY)
    assert shown.state == "show_privacy" and shown.input.kind == "none"
    return [translator(lang).render(m) for m in shown.messages]


def test_the_notice_says_who_gets_what_why_for_how_long_and_warns_about_cpr_numbers() -> None:
    read = _notice()
    assert (
        "The tribunal gets your answers and documents, and uses them to handle your case." in read
    )
    assert "The other party in the case gets everything you send. The law requires this." in read
    assert "Decisions are published without names in a public register." in read
    assert any("the law gives it this task" in line and "consent" in line for line in read)
    assert "A draft that nobody continues for 90 days is deleted, together with its files." in read
    assert "The tribunal keeps a filed case as the rules for public records require." in read
    assert (
        read[-1] == "Do not write CPR numbers in your answers or documents. We never ask for one."
    )


def test_the_notice_gives_the_number_of_days_the_service_keeps_drafts() -> None:
    read = _notice(draft_days=30)
    assert "A draft that nobody continues for 30 days is deleted, together with its files." in read
    assert not any("90 days" in line for line in read)


def test_the_notice_is_in_danish_for_a_danish_filer() -> None:
    read = _notice("da")
    assert any("CPR" in line for line in read)
    assert not any("The tribunal" in line for line in read)


def test_any_answer_to_the_notice_goes_on_to_the_first_question_about_the_filer() -> None:
    for typed in (None, "", "ja", True):
        draft = ENGINE.start("en")
        ENGINE.step(draft, Answer(value="en"), TODAY)
        assert not ENGINE.step(draft, Answer(value=typed), TODAY).errors
        assert draft.state == "ask_role"


def test_restart_goes_back_to_the_notice_with_the_language_kept() -> None:
    draft = ENGINE.start("en")
    for value in ("en", None, "tenant"):
        ENGINE.step(draft, Answer(value=value), TODAY)
    ENGINE.step(draft, Answer(action="restart"), TODAY)
    ENGINE.step(draft, Answer(value=True), TODAY)
    assert draft.state == "show_privacy" and draft.answers == {"ask_language": "en"}
    ENGINE.step(draft, Answer(action="back"), TODAY)
    assert draft.state == "ask_language"


def _stored(data: dict[str, Any]) -> Draft:
    """A draft as the old code stored it (its JSON), loaded again."""
    return Draft.from_data({"lang": "en", **data})


def test_a_draft_saved_at_the_old_consent_question_continues_at_the_notice() -> None:
    draft = _stored(
        {"state": "ask_consent", "answers": {"ask_language": "en"}, "history": ["ask_language"]}
    )
    assert ENGINE.present(draft, TODAY).state == "show_privacy"
    assert not ENGINE.step(draft, Answer(value="yes"), TODAY).errors
    assert draft.state == "ask_role"
    assert draft.history == ["ask_language", "show_privacy"]


def test_a_draft_that_refused_consent_continues_at_the_notice() -> None:
    draft = _stored(
        {
            "state": "end_no_consent",
            "answers": {"ask_language": "en", "ask_consent": False},
            "history": ["ask_language", "ask_consent"],
        }
    )
    shown = ENGINE.present(draft, TODAY)
    assert shown.state == "show_privacy" and "back" in shown.actions
    assert draft.history == ["ask_language"], "the notice is not on its own path twice"
    assert not ENGINE.step(draft, Answer(value=None), TODAY).errors
    assert draft.state == "ask_role"


def test_a_draft_further_on_goes_back_through_the_notice() -> None:
    draft = _stored(
        {
            "state": "ask_housing",
            "answers": {"ask_language": "en", "ask_consent": True, "ask_role": "tenant"},
            "history": ["ask_language", "ask_consent", "ask_role"],
        }
    )
    assert ENGINE.present(draft, TODAY).state == "ask_housing"
    ENGINE.step(draft, Answer(action="back"), TODAY)
    ENGINE.step(draft, Answer(action="back"), TODAY)
    assert draft.state == "show_privacy"
    assert "ask_consent" not in draft.answers and "show_privacy" in draft.answers


def test_a_text_answer_with_a_cpr_number_is_refused_and_not_stored() -> None:
    draft = ENGINE.start("en")
    for value in ("en", None, "tenant", "private"):
        ENGINE.step(draft, Answer(value=value), TODAY)
    assert draft.state == "ask_address"
    before = draft.to_data()
    outcome = ENGINE.step(draft, Answer(value="Vestergade 12, 2. th., cpr 010190-1234"), TODAY)
    assert [EN.render(e) for e in outcome.errors] == [
        "Please leave out the CPR number. The tribunal does not need it."
    ]
    assert draft.to_data() == before
    assert not ENGINE.step(draft, Answer(value="Vestergade 120406"), TODAY).errors


def test_a_renamed_state_must_be_gone_and_lead_to_a_state() -> None:
    for renamed in ({"ask_role": "show_privacy"}, {"ask_consent": "nowhere"}):
        flow = {**INTAKE, "renamed": renamed}
        with pytest.raises(FlowError, match="renamed"):
            Engine(flow, HOOKS)  # type: ignore[arg-type]
