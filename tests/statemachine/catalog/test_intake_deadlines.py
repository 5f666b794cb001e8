"""The deadlines the intake dialogue shows, from the facts it asks for."""

from __future__ import annotations

from datetime import date
from typing import Any

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake import engine
from statemachine.flows.intake.summaries import case_deadlines

TODAY = date(2026, 11, 23)
ENGINE = engine()
EN = translator("en")
TO_CASE_TYPE: list[Any] = ["en", True, "tenant", "private", "Vestergade 12", "8000"]
"""A private tenant in Aarhus, up to the case type."""


def walk(*values: Any) -> Draft:
    """A fresh draft with each value answered in turn; every answer must be accepted."""
    draft = ENGINE.start("da")
    for value in values:
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert outcome.errors == [], (draft.state, value, outcome.errors)
    return draft


def shown(draft: Draft) -> str:
    return "\n".join(EN.render(m) for m in ENGINE.present(draft, TODAY).messages)


def test_move_out_with_a_landlord_of_several_homes_asks_the_syn_and_shows_its_deadlines() -> None:
    # Learned of the move-out Tuesday 1 September 2026, syn Thursday 10 September (in time
    # for 15 September), keys back Wednesday 30 September: report and claim by 24 September.
    draft = walk(*TO_CASE_TYPE, "move_out", [], "30/9/2026", True, "1/9/2026", True, "10/9/2026")
    assert draft.state == "ask_deposit"
    walk_on = ENGINE.step(draft, Answer(value="15000"), TODAY)
    assert walk_on.errors == []
    assert draft.state == "show_deadlines"
    found = [(d.rule, d.ends, d.status) for d in case_deadlines(draft, TODAY)]
    assert found[:3] == [
        ("move_out.inspection", date(2026, 9, 15), "met"),
        ("move_out.landlord_claim", date(2026, 9, 24), "expired"),
        ("move_out.report", date(2026, 9, 24), "expired"),
    ]
    text = shown(draft)
    assert "This was done in time, on 10 September 2026" in text
    # The landlord's missed deadlines are the landlord's: the tenant is not told she may still
    # file despite them.
    assert "The tribunal decides what the missed deadline means" not in text


def test_move_out_with_a_landlord_of_one_home_skips_the_syn_questions() -> None:
    draft = walk(*TO_CASE_TYPE, "move_out", [], "30/9/2026", False, "15000")
    assert draft.state == "show_deadlines"
    found = [(d.rule, d.ends) for d in case_deadlines(draft, TODAY)]
    assert found[0] == ("move_out.landlord_claim", date(2026, 10, 14))
    assert "move_out.inspection" not in [rule for rule, _ in found]


def test_a_tenant_who_objected_in_time_is_not_told_her_deadline_expired() -> None:
    # Notice 1 October 2026, objection 20 October; seen on 23 November 2026.
    draft = walk(
        *TO_CASE_TYPE, "rent_increase", [], "1/10/2026", True, "20/10/2026", "7500", "8000"
    )
    assert draft.state == "show_deadlines"
    text = shown(draft)
    assert "ago" not in text
    assert "becomes binding" not in text
    assert "The deadline is 24 December 2026" in text
    assert "the rent increase lapses" in text


def test_social_tenant_with_a_rent_increase_is_told_why_no_objection_deadline_is_shown() -> None:
    draft = walk("en", True, "tenant", "social", "Vestergade 12", "8000", "rent_increase", [])
    answers: list[Any] = ["1/10/2026", False, "7500", "8000"]
    for value in answers:
        if draft.state == "show_deadlines":
            break
        assert ENGINE.step(draft, Answer(value=value), TODAY).errors == []
    assert draft.state == "show_deadlines"
    text = shown(draft)
    assert "we do not work out a deadline to object to a rent increase" in text
    assert "becomes binding" not in text
