"""The dialogue engine: answers move on, bad input never does, actions work everywhere."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake import engine

TODAY = date(2026, 11, 23)
ENGINE = engine()
EN = translator("en")
"""Renders what the filer reads, in English."""

TO_CASE_TYPE: list[Any] = ["en", True, "tenant", "private", "Vestergade 12", "8000"]
TO_REVIEW: list[Any] = [*TO_CASE_TYPE, "maintenance", [], None, "company", "Bolig A/S", ""]
TO_REVIEW += [False, "Fix it.", True, *["missing", "Lost it"] * 3, "missing"]
TO_REVIEW += ["Anna Jensen", True, "anna@example.dk", "", None]
"""Answers that take a tenant with a maintenance case to the review, with no documents."""


def walk(*values: Any) -> Draft:
    """A fresh draft with each value answered in turn; every answer must be accepted."""
    draft = ENGINE.start("da")
    for value in values:
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert outcome.errors == [], (draft.state, value, outcome.errors)
    return draft


def step(draft: Draft, **answer: Any) -> list[str]:
    return [e.msgid for e in ENGINE.step(draft, Answer(**answer), TODAY).errors]


def said(draft: Draft, **answer: Any) -> list[str]:
    """The errors, or else the messages, an answer gets, as the filer reads them in English."""
    outcome = ENGINE.step(draft, Answer(**answer), TODAY)
    return [EN.render(m) for m in outcome.errors or outcome.messages]


def test_language_choice_switches_the_draft_language() -> None:
    draft = walk("en")
    assert (draft.lang, draft.state) == ("en", "show_privacy")


def test_the_privacy_notice_asks_nothing_and_goes_on_to_the_first_question_about_you() -> None:
    draft = walk("da")
    turn = ENGINE.present(draft, TODAY)
    assert turn.input.kind == "none" and turn.input.options == []
    step(draft, value=None)
    assert draft.state == "ask_role"


def test_representative_is_asked_for_side_and_power_of_attorney() -> None:
    draft = walk("da", True, "representative", "person", "tenant", "Anna Jensen", False)
    assert draft.state == "ask_housing"


def test_unknown_housing_gets_help_then_continues() -> None:
    draft = walk("da", True, "tenant", "unknown")
    turn = ENGINE.present(draft, TODAY)
    assert draft.state == "ask_housing_help"
    shown = [EN.render(m) for m in turn.messages]
    assert shown[0].startswith("Here is how to tell. Social housing (almen bolig) is let by")
    assert "A private rental home is let by a private owner, a company or a pension fund." in shown
    assert [o.id for o in turn.input.options] == ["private", "social", "commercial"]


def test_commercial_lease_is_out_of_scope() -> None:
    draft = walk("da", True, "landlord", "person", "commercial")
    assert draft.state == "end_out_of_scope"
    first = EN.render(ENGINE.present(draft, TODAY).messages[0])
    assert first.startswith("The tribunals only handle homes. A commercial lease")
    assert "goes to boligretten, the housing court" in first


def test_ambiguous_postcode_offers_a_choice() -> None:
    draft = walk("da", True, "tenant", "private", "Vestergade 12", "2200")
    assert draft.state == "ask_municipality_choice"
    names = [o.label for o in ENGINE.present(draft, TODAY).input.options]
    assert "København" in names and "Frederiksberg" in names


def test_unknown_postcode_is_refused_with_a_hint() -> None:
    draft = walk("da", True, "tenant", "private", "Vestergade 12")
    assert said(draft, value="9999") == [
        "We could not find a municipality for '9999'. Please write a four-digit postcode, "
        "such as 8000, or the name of the municipality, such as Aarhus."
    ]
    assert draft.state == "ask_municipality"


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ("31/2/2026", "There is no 31/2/2026. Please check the day and the month."),
        (
            "1/12/2026",
            "That date is in the future. This question asks for a date that has already "
            "happened. Please check the day, the month and the year.",
        ),
        ("", "Please answer the question. Type help if you are unsure what to write."),
        ("mandag", "Please write a date, for example 1/10/2026."),
    ],
    ids=["no such day", "in the future", "empty", "not a date"],
)
def test_bad_dates_change_nothing(bad: str, error: str) -> None:
    draft = walk(*TO_CASE_TYPE, "rent_increase", [])
    assert draft.state == "ask_notice_received"
    before = draft.to_data()
    assert said(draft, value=bad) == [error]
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
    (shown,) = said(draft, action="help")
    assert shown.startswith("Choose tenant if you rent the home, or rented it before.")
    assert draft.state == "ask_role"


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
    assert draft.state == "show_privacy"
    assert draft.answers == {"ask_language": "en"}


def test_case_type_questions_follow_the_catalog() -> None:
    draft = walk(*TO_CASE_TYPE, "rent_increase", [], "1/10/2026", False)
    assert draft.state != "ask_objection_date", "no objection date without an objection"


def test_deadline_summary_warns_but_does_not_block() -> None:
    draft = walk(*TO_CASE_TYPE, "rent_increase", [], "1/8/2026", True, "5/8/2026", "7500", "8000")
    assert draft.state == "show_deadlines"
    turn = ENGINE.present(draft, TODAY)
    assert any("ago" in m.msgid or "ago" in (m.plural or "") for m in turn.messages)
    assert step(draft, value=None) == []
    assert draft.state == "ask_counterparty_kind"


def test_edit_is_only_from_the_review() -> None:
    draft = walk("da", True, "tenant")
    assert said(draft, action="edit", target="ask_role") == [
        "Answers can be changed from the review at the end."
    ]
    assert draft.state == "ask_housing"


def test_a_change_from_the_review_returns_to_the_review() -> None:
    draft = walk(*TO_REVIEW)
    history = list(draft.history)
    assert said(draft, value="edit:ask_nowhere") == ["There is no such answer to change."]
    assert step(draft, value="edit:ask_address") == []
    assert (draft.state, draft.editing) == ("ask_address", True)
    stored = json.dumps(draft.to_data())
    assert '"editing": true' in stored, "the store keeps the drafts it kept before"
    draft = Draft.from_data(json.loads(stored))
    assert step(draft, value="Vestergade 14") == []
    assert (draft.state, draft.editing, draft.history) == ("review", False, history)
    assert draft.answers["ask_address"] == "Vestergade 14"


def test_a_filed_draft_takes_nothing_more() -> None:
    draft = walk(*TO_REVIEW, "continue", True)
    assert (draft.state, draft.submit_requested) == ("receipt", True)
    draft.case_number = "101-10001"  # as the service does when it submits
    data = draft.to_data()
    assert list(data)[-2:] == ["submit_requested", "case_number"]
    draft = Draft.from_data(json.loads(json.dumps(data)))
    for sent in ({"action": "back"}, {"value": "yes"}, {"action": "restart"}):
        assert said(draft, **sent) == [
            "This case has been filed. Nothing more can be changed here."
        ]
    turn = ENGINE.present(draft, TODAY)
    assert (turn.done, turn.case_number, turn.actions) == (True, "101-10001", [])


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
    assert ENGINE.present(draft, TODAY).input.current is None, "København is no longer a choice"
    assert step(draft, value=None) != [], "Enter cannot keep a choice that is not offered"


def test_restart_at_the_first_question_changes_nothing() -> None:
    draft = ENGINE.start("da")
    assert said(draft, action="restart") == ["You are at the first question already."]
    assert draft.to_data() == ENGINE.start("da").to_data()


def test_a_client_cannot_claim_stored_files() -> None:
    draft = walk(
        *TO_CASE_TYPE, "maintenance", [], None, "company", "Bolig A/S", "", False, "Fix it.", True
    )
    assert draft.state == "ask_attachment"
    assert step(draft, value={"files": [{"id": "a_y"}]}) != []
