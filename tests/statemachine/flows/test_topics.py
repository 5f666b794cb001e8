"""The topics a filer is offered: what their tribunal decides and their side may bring, in
short lists, with the rest behind "Something else"; and the beboerklagenævn neighbour rule."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from locales import translator
from statemachine.catalog.ids import Housing, Side
from statemachine.catalog.outofscope import excluded_case_type, out_of_scope
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake import engine
from statemachine.text import Text

TODAY = date(2026, 11, 23)
ENGINE = engine()
EN = translator("en")
DA = translator("da")

# What each tribunal decides and who may bring it, written out from domain.md §1.2, §1.3 and
# the §2 table's Tribunal and "Typical filer" columns (H = private, B = social).
DECIDES: dict[tuple[Housing, Side], set[str]] = {
    ("private", "tenant"): {
        "rent_level", "rent_increase", "utility_accounts", "maintenance", "move_in_defects",
        "move_out", "deposit_prepaid_rent", "improvements", "antenna_internet", "alterations",
        "maintenance_accounts", "room_lets",
    },
    ("private", "landlord"): {
        "rent_increase", "utility_accounts", "maintenance", "move_out", "improvements",
        "advance_rent_approval", "pre_improvement_inspection", "swap_improvement_approval",
        "house_rules",
    },
    ("private", "tenant_board"): {
        "rent_increase", "utility_accounts", "maintenance", "improvements", "antenna_internet",
    },
    ("social", "tenant"): {
        "rent_increase", "utility_accounts", "maintenance", "move_in_defects", "move_out",
        "house_rules", "antenna_internet", "alterations", "sublet_swap_continuation",
        "resident_democracy", "allocation",
    },
    ("social", "landlord"): {
        "rent_increase", "utility_accounts", "maintenance", "move_out", "house_rules",
        "resident_democracy", "allocation",
    },
    ("social", "tenant_board"): {"resident_democracy", "allocation"},
}  # fmt: skip
KINDS = sorted(DECIDES)
CANNOT_DECIDE = ["termination", "damages", "landlord_access", "money_claim"]
CANNOT_DECIDE += ["rent_reduction_for_defects"]


def walk(*values: Any) -> Draft:
    """A fresh draft with each value answered in turn; every answer must be accepted."""
    draft = ENGINE.start("da")
    for value in values:
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert outcome.errors == [], (draft.state, value, outcome.errors)
    return draft


def to_topics(housing: Housing, side: Side, *, represented: bool = False) -> Draft:
    """A draft at the main topic, for this filer; questions about the filer not named here
    get their first option, yes, or a name."""
    pinned: dict[str, Any] = {
        "ask_language": "en",
        "ask_role": "representative" if represented else side,
        "ask_represents": side,
        "ask_housing": housing,
        "ask_address": "Vestergade 12",
        "ask_municipality": "8000",
    }
    draft = ENGINE.start("da")
    while draft.state != "ask_case_type":
        turn = ENGINE.present(draft, TODAY)
        value: Any = pinned.get(draft.state)
        if value is None and turn.input.kind == "choice":
            value = turn.input.options[0].id
        elif value is None and turn.input.kind == "confirm":
            value = True
        elif value is None and turn.input.kind != "none":
            value = "Anna Jensen"
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert outcome.errors == [], (draft.state, value, outcome.errors)
    return draft


def forward(draft: Draft, pinned: dict[str, Any], until: str) -> None:
    """Answer on until ``until``: the pinned answers, else the first option, yes, a date, an
    amount, a missing document or a name."""
    kinds: dict[str, Any] = {"confirm": True, "none": None, "date": "2026-10-01"}
    kinds |= {"money": "5000", "number": "3", "email": "anna@example.dk", "phone": ""}
    kinds |= {"file": "missing"}
    for _ in range(80):
        if draft.state == until:
            return
        turn = ENGINE.present(draft, TODAY)
        value = pinned.get(draft.state, kinds.get(turn.input.kind, "Anna Jensen"))
        if draft.state not in pinned and turn.input.kind == "choice":
            value = turn.input.options[0].id
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert outcome.errors == [], (draft.state, value, outcome.errors)
    raise AssertionError(f"stuck at {draft.state}")


def offered(draft: Draft) -> list[str]:
    return [o.id for o in ENGINE.present(draft, TODAY).input.options]


def second_list(draft: Draft) -> list[str]:
    """Choose "Something else" and return the second list's ids."""
    assert ENGINE.step(draft, Answer(value="other"), TODAY).errors == []
    assert draft.state == "ask_other_topic"
    return offered(draft)


@pytest.mark.parametrize(("housing", "side"), KINDS)
def test_the_first_list_is_short_and_offers_only_cases_this_filer_can_bring(
    housing: Housing, side: Side
) -> None:
    first = offered(to_topics(housing, side))
    assert len(first) <= 9
    assert first[-1] == "other"
    assert set(first[:-1]) <= DECIDES[housing, side]


@pytest.mark.parametrize(("housing", "side"), KINDS)
def test_the_second_list_is_short_and_every_case_this_filer_can_bring_is_reachable(
    housing: Housing, side: Side
) -> None:
    draft = to_topics(housing, side)
    first = offered(draft)[:-1]
    second = second_list(draft)
    assert len(second) <= 10
    assert not set(first) & set(second)
    decided = [i for i in second if excluded_case_type_or_topic(i, housing) is None]
    assert set(first) | set(decided) == DECIDES[housing, side]
    # Whatever else is offered is something the tribunal cannot decide, shown to explain it.
    assert set(second) - set(decided) >= set(CANNOT_DECIDE)


def excluded_case_type_or_topic(topic: str, housing: Housing) -> object:
    """None for a case type the tribunal decides; the explanation for anything else."""
    if topic in CANNOT_DECIDE or topic == "commercial_lease":
        return out_of_scope(topic)
    return excluded_case_type(topic, housing)


def test_a_private_tenant_sees_the_common_cases_first_and_the_rest_behind_something_else() -> None:
    draft = to_topics("private", "tenant")
    assert offered(draft) == [
        "rent_increase", "rent_level", "utility_accounts", "maintenance", "move_out",
        "move_in_defects", "deposit_prepaid_rent", "improvements", "other",
    ]  # fmt: skip
    assert second_list(draft) == [
        "antenna_internet", "alterations", "maintenance_accounts", "room_lets",
        "sublet_swap_continuation", *CANNOT_DECIDE,
    ]  # fmt: skip
    shown = [EN.render(m) for m in ENGINE.present(draft, TODAY).messages]
    assert shown == [
        "Here are the other topics. The tribunal cannot decide numbers 5 to 10. Choose one of "
        "those, and we tell you where to go instead."
    ]


def test_a_social_tenant_is_not_offered_the_rent_level_except_to_learn_where_it_goes() -> None:
    draft = to_topics("social", "tenant")
    assert "rent_level" not in offered(draft)
    assert "rent_level" in second_list(draft)
    ENGINE.step(draft, Answer(value="rent_level"), TODAY)
    assert draft.state == "end_out_of_scope"
    shown = [EN.render(m) for m in ENGINE.present(draft, TODAY).messages]
    assert shown[0].startswith("The beboerklagenævn cannot decide the size of the rent")


def test_a_representative_is_offered_the_lists_of_the_side_they_act_for() -> None:
    assert offered(to_topics("private", "landlord", represented=True)) == offered(
        to_topics("private", "landlord")
    )


@pytest.mark.parametrize("topic", CANNOT_DECIDE)
@pytest.mark.parametrize("side", ["tenant", "landlord"])
def test_every_thing_the_tribunals_cannot_decide_is_explained_from_the_second_list(
    topic: str, side: Side
) -> None:
    draft = to_topics("private", side)
    second_list(draft)
    ENGINE.step(draft, Answer(value=topic), TODAY)
    assert draft.state == "end_out_of_scope"
    shown = [EN.render(m) for m in ENGINE.present(draft, TODAY).messages]
    assert shown == [EN.render(out_of_scope(topic).explanation)]


def test_a_commercial_lease_is_explained_at_the_question_about_the_home() -> None:
    draft = walk("en", True, "tenant", "commercial")
    assert draft.state == "end_out_of_scope"
    shown = [EN.render(m) for m in ENGINE.present(draft, TODAY).messages]
    assert shown == [EN.render(out_of_scope("commercial_lease").explanation)]


def test_a_topic_from_the_second_list_is_the_main_topic_and_is_reviewed_as_one() -> None:
    draft = to_topics("private", "tenant")
    second_list(draft)
    ENGINE.step(draft, Answer(value="room_lets"), TODAY)
    assert draft.state == "ask_more_topics"
    assert draft.answers["ask_case_type"] == "room_lets"
    assert "room_lets" not in offered(draft)
    ENGINE.step(draft, Answer(action="back"), TODAY)
    ENGINE.step(draft, Answer(action="back"), TODAY)
    assert draft.state == "ask_case_type"
    current = ENGINE.present(draft, TODAY).input.current
    assert isinstance(current, Text)
    assert EN.render(current) == "Renting a room: unfair terms or some terminations"
    # Sending nothing keeps it, as for any answer.
    assert ENGINE.step(draft, Answer(value=None), TODAY).errors == []
    assert (draft.state, draft.answers["ask_case_type"]) == ("ask_more_topics", "room_lets")


def test_a_topic_from_the_second_list_can_be_changed_from_the_review_for_another_one() -> None:
    draft = to_topics("private", "tenant")
    pinned = {"ask_case_type": "other", "ask_other_topic": "room_lets", "ask_more_topics": []}
    forward(draft, pinned, "review")
    review = [EN.render(m) for m in ENGINE.present(draft, TODAY).messages]
    assert "Main topic: Renting a room: unfair terms or some terminations" in review
    for value in ["edit:ask_case_type", "other"]:
        assert ENGINE.step(draft, Answer(value=value), TODAY).errors == []
    # The second list is asked again, not skipped with the topic chosen from it before.
    assert draft.state == "ask_other_topic"
    ENGINE.step(draft, Answer(value="alterations"), TODAY)
    assert draft.answers["ask_case_type"] == "alterations"
    forward(draft, {}, "review")
    review = [EN.render(m) for m in ENGINE.present(draft, TODAY).messages]
    assert "Main topic: Changing or installing things in the home" in review


def test_a_topic_outside_both_lists_is_refused() -> None:
    draft = to_topics("private", "tenant")
    errors = ENGINE.step(draft, Answer(value="advance_rent_approval"), TODAY).errors
    assert [EN.render(e) for e in errors] == ["Please choose one of the options, by its number."]
    assert draft.state == "ask_case_type"


@pytest.mark.parametrize(("housing", "side"), KINDS)
def test_more_topics_fit_the_filer_and_leave_out_the_main_one(housing: Housing, side: Side) -> None:
    draft = to_topics(housing, side)
    main = offered(draft)[0]
    ENGINE.step(draft, Answer(value=main), TODAY)
    extra = offered(draft)
    assert len(extra) <= 10
    assert main not in extra
    assert set(extra) <= DECIDES[housing, side]


# -- the beboerklagenævn neighbour rule (domain.md §1.2) -----------------------------------

NEIGHBOUR = ["house_rules", []]
WARNING = (
    "Note: The beboerklagenævn will usually turn the case away. It takes a resident's "
    "complaint about a neighbour only when the housing organisation has refused the "
    "complaint, or has done nothing about it for 4 weeks."
)
ADVARSEL = (
    "Bemærk: Beboerklagenævnet vil som regel afvise sagen. Nævnet behandler kun en "
    "beboers klage over en nabo, når boligorganisationen har afvist klagen eller ikke har "
    "gjort noget ved den i 4 uger."
)


def neighbour_case(*answers: Any, represented: bool = False) -> Draft:
    """A social-housing resident's neighbour complaint, answered so far."""
    draft = to_topics("social", "tenant", represented=represented)
    for value in [*NEIGHBOUR, *answers]:
        assert ENGINE.step(draft, Answer(value=value), TODAY).errors == []
    return draft


@pytest.mark.parametrize(
    ("answers", "first_step"),
    [
        ([False], "complain in writing to the housing organisation"),
        ([True, False], "wait for the housing organisation's answer"),
    ],
)
def test_a_resident_who_has_not_waited_out_the_housing_organisation_is_warned(
    answers: list[bool], first_step: str
) -> None:
    draft = neighbour_case(*answers)
    assert draft.state == "ask_neighbour_go_on"
    turn = ENGINE.present(draft, TODAY)
    shown = [EN.render(m) for m in turn.messages]
    assert shown[0] == WARNING
    assert first_step in shown[1]
    assert "keep a copy" in shown[1]
    assert DA.render(turn.messages[0]) == ADVARSEL
    assert DA.render(turn.prompt) == (
        "Vil du gå videre med klagen over din nabo, selv om nævnet som regel vil afvise den?"
    )


def test_a_resident_represented_by_someone_is_warned_too() -> None:
    assert neighbour_case(False, represented=True).state == "ask_neighbour_go_on"


def test_a_resident_whose_housing_organisation_refused_or_waited_4_weeks_is_not_warned() -> None:
    draft = neighbour_case(True, True)
    assert draft.state == "show_deadlines"
    assert draft.answers["ask_complained_to_org"] is True
    assert draft.answers["ask_complaint_to_org"] is True


@pytest.mark.parametrize("represented", [False, True])
def test_a_housing_organisation_filing_about_a_resident_is_not_asked_about_the_rule(
    represented: bool,
) -> None:
    draft = to_topics("social", "landlord", represented=represented)
    for value in NEIGHBOUR:
        ENGINE.step(draft, Answer(value=value), TODAY)
    assert draft.state == "ask_warning_given"
    ENGINE.step(draft, Answer(value=False), TODAY)
    assert draft.state == "show_deadlines"


def test_a_warned_resident_may_go_on_and_the_answers_are_kept_for_staff() -> None:
    draft = neighbour_case(False, True)
    assert draft.state == "show_deadlines"
    assert draft.answers["ask_complained_to_org"] is False
    assert draft.answers["ask_neighbour_go_on"] is True
    ENGINE.step(draft, Answer(action="back"), TODAY)
    assert draft.state == "ask_neighbour_go_on"


def test_a_warned_resident_may_stop_and_nothing_is_filed() -> None:
    draft = neighbour_case(True, False, False)
    assert draft.state == "end_neighbour_rule"
    turn = ENGINE.present(draft, TODAY)
    assert EN.render(turn.prompt).startswith("Nothing has been filed.")
    assert DA.render(turn.prompt).startswith("Der er ikke indbragt noget.")


def test_a_missing_document_is_said_in_plain_danish() -> None:
    draft = walk("da", True, "tenant", "private", "Vestergade 12", "8000", "maintenance", [])
    walked = [None, "person", "Bo Hansen", "", False, "Mend the roof", True]
    for value in walked:
        ENGINE.step(draft, Answer(value=value), TODAY)
    assert draft.state == "ask_attachment"
    labels = [DA.render(o.label) for o in ENGINE.present(draft, TODAY).input.options]
    assert labels == ["Jeg har ikke dokumentet"]
