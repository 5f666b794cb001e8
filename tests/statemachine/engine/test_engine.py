"""The dialogue engine: answers move on, bad input never does, actions work everywhere."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake import engine

TODAY = date(2026, 11, 23)
ENGINE = engine()

TO_CASE_TYPE: list[Any] = ["en", True, "tenant", "private", "Vestergade 12", "8000"]


def walk(*values: Any) -> Draft:
    """A fresh draft with each value answered in turn; every answer must be accepted."""
    draft = ENGINE.start("da")
    for value in values:
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert outcome.errors == [], (draft.state, value, outcome.errors)
    return draft


def step(draft: Draft, **answer: Any) -> list[str]:
    return [e.msgid for e in ENGINE.step(draft, Answer(**answer), TODAY).errors]


def test_language_choice_switches_the_draft_language() -> None:
    draft = walk("en")
    assert (draft.lang, draft.state) == ("en", "ask_consent")


def test_no_consent_ends_without_filing() -> None:
    draft = walk("da", False)
    assert draft.state == "end_no_consent"
    assert ENGINE.turn(draft, TODAY).actions == ["back", "restart"]


def test_representative_is_asked_for_side_and_power_of_attorney() -> None:
    draft = walk("da", True, "representative", "tenant", "Anna Jensen", False)
    assert draft.state == "ask_housing"


def test_unknown_housing_gets_help_then_continues() -> None:
    draft = walk("da", True, "tenant", "unknown")
    turn = ENGINE.turn(draft, TODAY)
    assert draft.state == "ask_housing_help"
    assert turn.messages, "the filer is told how to tell the kinds apart"
    assert [o.id for o in turn.input.options] == ["private", "social", "commercial"]


def test_commercial_lease_is_out_of_scope() -> None:
    draft = walk("da", True, "landlord", "commercial")
    assert draft.state == "end_out_of_scope"
    assert ENGINE.turn(draft, TODAY).messages[0].msgid


def test_ambiguous_postcode_offers_a_choice() -> None:
    draft = walk("da", True, "tenant", "private", "Vestergade 12", "2200")
    assert draft.state == "ask_municipality_choice"
    names = [o.label for o in ENGINE.turn(draft, TODAY).input.options]
    assert "København" in names and "Frederiksberg" in names


def test_unknown_postcode_is_refused_with_a_hint() -> None:
    draft = walk("da", True, "tenant", "private", "Vestergade 12")
    assert step(draft, value="9999") != []
    assert draft.state == "ask_municipality"


@pytest.mark.parametrize(
    ("bad", "state_values"),
    [
        ("31/2/2026", [*TO_CASE_TYPE, "rent_increase", []]),
        ("1/12/2026", [*TO_CASE_TYPE, "rent_increase", []]),
        ("", [*TO_CASE_TYPE, "rent_increase", []]),
        ("mandag", [*TO_CASE_TYPE, "rent_increase", []]),
    ],
)
def test_bad_dates_change_nothing(bad: str, state_values: list[Any]) -> None:
    draft = walk(*state_values)
    assert draft.state == "ask_notice_received"
    before = draft.to_data()
    assert step(draft, value=bad) != []
    assert draft.to_data() == before


def test_unknown_option_and_over_long_text_are_refused() -> None:
    draft = walk("da", True)
    assert step(draft, value="king") != []
    draft = walk("da", True, "tenant", "private")
    assert step(draft, value="x" * 201) != []
    assert draft.state == "ask_address"


def test_bad_email_is_refused() -> None:
    draft = walk("da", True, "tenant")
    draft.state = "ask_email"
    assert step(draft, value="anna@") != []
    assert step(draft, value="anna@example.dk") == []


def test_back_returns_and_keeps_the_answer() -> None:
    draft = walk("da", True, "tenant", "private", "Vestergade 12")
    assert step(draft, action="back") == []
    assert draft.state == "ask_address"
    assert draft.answers["ask_address"] == "Vestergade 12"
    assert step(draft, value=None) == [], "an empty answer keeps the earlier one"
    assert draft.state == "ask_municipality"


def test_back_at_the_start_says_so() -> None:
    assert step(ENGINE.start("da"), action="back") != []


def test_help_shows_the_help_text_and_stays() -> None:
    draft = walk("da", True)
    outcome = ENGINE.step(draft, Answer(action="help"), TODAY)
    assert outcome.messages and draft.state == "ask_role"


def test_save_is_reported_to_the_caller() -> None:
    draft = walk("da", True)
    assert ENGINE.step(draft, Answer(action="save"), TODAY).saved


def test_restart_asks_first_and_no_keeps_everything() -> None:
    draft = walk("da", True, "tenant", "private")
    before = dict(draft.answers)
    step(draft, action="restart")
    assert draft.state == "confirm_restart"
    step(draft, value=False)
    assert draft.state == "ask_address" and draft.answers == before


def test_restart_yes_deletes_answers_but_keeps_the_language() -> None:
    draft = walk("en", True, "tenant", "private")
    step(draft, action="restart")
    step(draft, value=True)
    assert draft.state == "ask_consent"
    assert draft.answers == {"ask_language": "en"}


def test_case_type_questions_follow_the_catalog() -> None:
    draft = walk(*TO_CASE_TYPE, "rent_increase", [], "1/10/2026", False)
    assert draft.state != "ask_objection_date", "no objection date without an objection"


def test_deadline_summary_warns_but_does_not_block() -> None:
    draft = walk(*TO_CASE_TYPE, "rent_increase", [], "1/8/2026", True, "5/8/2026", "7500", "8000")
    assert draft.state == "show_deadlines"
    turn = ENGINE.turn(draft, TODAY)
    assert any("ago" in m.msgid or "ago" in (m.plural or "") for m in turn.messages)
    assert step(draft, value=None) == []
    assert draft.state == "ask_counterparty_kind"


def test_edit_is_only_from_the_review() -> None:
    draft = walk("da", True, "tenant")
    assert step(draft, action="edit", target="ask_role") != []


def test_answer_must_have_value_or_action() -> None:
    from statemachine.errors import InvalidInputError

    with pytest.raises(InvalidInputError):
        Answer.from_json({"nothing": 1})
    with pytest.raises(InvalidInputError):
        Answer.from_json({"action": "fly"})


def test_a_kept_answer_must_still_be_offered() -> None:
    draft = walk("da", True, "tenant", "private", "Vestergade 12", "2200", "101")
    assert draft.state == "ask_case_type"
    draft.state, draft.history = "ask_municipality", draft.history[:5]
    assert step(draft, value="4000") == []
    assert draft.state == "ask_municipality_choice"
    assert ENGINE.turn(draft, TODAY).input.current is None, "København is no longer a choice"
    assert step(draft, value=None) != [], "Enter cannot keep a choice that is not offered"


def test_restart_at_the_first_question_changes_nothing() -> None:
    draft = ENGINE.start("da")
    outcome = ENGINE.step(draft, Answer(action="restart"), TODAY)
    assert outcome.messages and draft.state == "ask_language"


def test_a_client_cannot_claim_stored_files() -> None:
    draft = walk(
        *TO_CASE_TYPE, "maintenance", [], None, "company", "Bolig A/S", "", False, "Fix it.", True
    )
    assert draft.state == "ask_attachment"
    assert step(draft, value={"files": [{"id": "a_y"}]}) != []
