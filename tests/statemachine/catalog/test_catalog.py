"""The case-type catalog: case types, questions, attachments and out-of-scope topics."""

from __future__ import annotations

import pytest

from statemachine.catalog import ids
from statemachine.catalog.attachments import ATTACHMENTS, GENERAL, attachment, attachments_for
from statemachine.catalog.casetypes import CASE_TYPES, case_type, case_types_for, questions_for
from statemachine.catalog.ids import Housing, Side
from statemachine.catalog.outofscope import OUT_OF_SCOPE_TOPICS, excluded_case_type, out_of_scope
from statemachine.catalog.questions import QUESTIONS, question
from statemachine.errors import UnknownIdError

RULES = {
    "rent_level.refund_window",
    "rent_increase.tenant_objection",
    "rent_increase.landlord_filing",
    "utility_accounts.tenant_objection",
    "utility_accounts.landlord_filing",
    "move_in_defects.defect_list",
    "swap_improvement.landlord_application",
    "move_out.inspection",
    "move_out.report",
    "move_out.landlord_claim",
    "appeal.boligret",
    "appeal.ankenaevn",
    "general.limitation",
}
ORDER = [q.state for q in QUESTIONS]
ALL_CASE_TYPES = [c.id for c in CASE_TYPES]


def test_the_catalog_holds_exactly_the_canonical_case_types_in_domain_order() -> None:
    assert list(ids.CASE_TYPES) == ALL_CASE_TYPES
    assert [c.number for c in CASE_TYPES] == list(range(1, 20))


@pytest.mark.parametrize("case_id", ALL_CASE_TYPES)
def test_every_question_attachment_and_rule_a_case_type_names_exists(case_id: str) -> None:
    picked = case_type(case_id)
    for state in picked.questions:
        question(state)
    for attachment_id in (*picked.required, *picked.optional):
        attachment(attachment_id)
    assert set(picked.rules) <= RULES - {"appeal.boligret", "appeal.ankenaevn"}
    assert picked.label and picked.description
    assert set(picked.filers) <= {"private", "social"}
    assert all(picked.filers.values())


@pytest.mark.parametrize("case_id", ALL_CASE_TYPES)
def test_questions_come_in_the_global_order_after_the_question_they_depend_on(
    case_id: str,
) -> None:
    states = case_type(case_id).questions
    assert list(states) == sorted(states, key=ORDER.index)
    for state in states:
        depends = question(state).ask_if
        assert depends is None or depends in states[: states.index(state)]


@pytest.mark.parametrize("case_id", ALL_CASE_TYPES)
def test_no_document_is_both_required_and_optional_or_repeats_the_general_set(
    case_id: str,
) -> None:
    picked = case_type(case_id)
    assert not set(picked.required) & set(picked.optional)
    assert not set(picked.required + picked.optional) & set(GENERAL)


def test_every_date_question_feeds_a_canonical_event_or_depends_on_a_yes() -> None:
    for q in QUESTIONS:
        assert q.event is None or q.event in ids.EVENTS
        if q.kind == "date":
            assert q.past
            assert q.event is not None or q.ask_if is not None
    assert question("ask_area").unit == "m²"


def test_an_unknown_id_is_refused_with_the_catalog_error() -> None:
    for look_up in (case_type, question, attachment, out_of_scope):
        with pytest.raises(UnknownIdError):
            look_up("no_such_thing")


@pytest.mark.parametrize(
    ("housing", "side", "offered", "not_offered"),
    [
        ("social", "tenant", {"rent_increase", "sublet_swap_continuation"}, {"rent_level"}),
        ("social", "landlord", {"house_rules", "allocation"}, {"rent_level", "alterations"}),
        ("private", "landlord", {"house_rules", "advance_rent_approval"}, {"rent_level"}),
        ("private", "tenant", {"rent_level", "room_lets"}, {"house_rules", "allocation"}),
        ("private", "tenant_board", {"rent_increase", "utility_accounts"}, {"house_rules"}),
        ("social", "tenant_board", {"resident_democracy"}, {"rent_increase"}),
    ],
)
def test_each_side_is_offered_only_what_its_tribunal_lets_it_file(
    housing: Housing, side: Side, offered: set[str], not_offered: set[str]
) -> None:
    found = [c.id for c in case_types_for(housing, side)]
    assert offered <= set(found)
    assert not not_offered & set(found)
    assert found == [c for c in ALL_CASE_TYPES if c in found]


def test_house_rules_in_private_housing_are_for_landlords_only() -> None:
    assert case_type("house_rules").filers["private"] == {"landlord"}
    assert case_type("house_rules").filers["social"] == {"landlord", "tenant"}


def test_commercial_leases_are_offered_no_case_type() -> None:
    assert all(case_types_for("commercial", side) == [] for side in ids.SIDES)


def test_only_the_advance_approvals_are_approvals() -> None:
    approvals = [c.number for c in CASE_TYPES if c.kind == "approval"]
    assert approvals == [9, 10, 11]
    assert {c.kind for c in CASE_TYPES} == {"complaint", "approval"}


def test_the_social_rent_increase_note_says_only_the_formal_rules_are_checked() -> None:
    assert "formal rules" in case_type("rent_increase").notes["social"]


@pytest.mark.parametrize(
    ("housing", "side", "expected"),
    [
        ("social", "tenant", ["ask_complained_to_org", "ask_complaint_to_org"]),
        ("social", "landlord", ["ask_warning_given"]),
        ("private", "landlord", ["ask_warning_given"]),
    ],
)
def test_house_rules_questions_depend_on_who_files(
    housing: Housing, side: Side, expected: list[str]
) -> None:
    assert [q.state for q in questions_for("house_rules", housing, side)] == expected


def test_attachments_come_required_first_then_the_general_set_then_optional() -> None:
    asked = [
        (a.id, required) for a, required in attachments_for("rent_increase", represented=False)
    ]
    assert asked == [
        ("rent_notice", True),
        ("lease", True),
        ("correspondence", True),
        ("fee_receipt", False),
        ("objection_letter", False),
        ("rent_calculation", False),
    ]


def test_a_power_of_attorney_is_required_only_when_a_representative_files() -> None:
    represented = dict((a.id, r) for a, r in attachments_for("room_lets", represented=True))
    alone = dict((a.id, r) for a, r in attachments_for("room_lets", represented=False))
    assert represented["power_of_attorney"] is True
    assert "power_of_attorney" not in alone


def test_extra_topics_add_their_documents_as_optional_without_repeats() -> None:
    asked = attachments_for(
        "rent_increase", ["utility_accounts", "maintenance", "rent_increase"], represented=False
    )
    ids_asked = [a.id for a, _ in asked]
    assert len(ids_asked) == len(set(ids_asked))
    flags = {a.id: required for a, required in asked}
    assert flags["consumption_account"] is False
    assert flags["photos"] is False
    assert flags["rent_notice"] is True
    assert ids_asked.index("rent_calculation") < ids_asked.index("consumption_account")


def test_every_attachment_has_a_unique_id_and_a_plain_explanation() -> None:
    assert len({a.id for a in ATTACHMENTS}) == len(ATTACHMENTS)
    assert all(a.label and a.explanation.endswith(".") for a in ATTACHMENTS)


def test_the_out_of_scope_topics_are_exactly_the_canonical_ones() -> None:
    assert [o.id for o in OUT_OF_SCOPE_TOPICS] == list(ids.OUT_OF_SCOPE)
    assert "boligretten" in out_of_scope("termination").explanation
    assert "Maintenance or repairs" in out_of_scope("rent_reduction_for_defects").explanation


@pytest.mark.parametrize(
    ("case_id", "housing", "mentions"),
    [
        ("rent_level", "social", "cannot decide the size of the rent"),
        ("sublet_swap_continuation", "private", "boligretten"),
        ("allocation", "private", "social housing"),
        ("deposit_prepaid_rent", "social", "housing organisation"),
        ("maintenance", "commercial", "only handle homes"),
    ],
)
def test_a_case_type_the_tribunal_cannot_decide_is_explained(
    case_id: str, housing: Housing, mentions: str
) -> None:
    excluded = excluded_case_type(case_id, housing)
    assert excluded is not None
    assert mentions in excluded.explanation


@pytest.mark.parametrize(
    ("case_id", "housing"),
    [("rent_level", "private"), ("rent_increase", "social"), ("house_rules", "private")],
)
def test_a_case_type_the_tribunal_decides_is_not_excluded(case_id: str, housing: Housing) -> None:
    assert excluded_case_type(case_id, housing) is None


def test_the_catalog_says_which_deadlines_each_case_type_has() -> None:
    from datetime import date

    from statemachine.catalog.deadlines import Circumstances, deadlines_for
    from statemachine.catalog.ids import EVENTS, SIDES

    # With the municipality unknown, the appeal goes to the housing court (not the Ankenævn);
    # a private landlord with several homes has every move-out rule.
    everywhere = {"appeal.boligret"}
    facts = Circumstances(housing="private", landlord_units="several")
    for ct in CASE_TYPES:
        found = set()
        for side in SIDES:
            events = dict.fromkeys(EVENTS, date(2026, 10, 1))
            found |= {d.rule for d in deadlines_for(ct.id, side, events, date(2026, 10, 2), facts)}
        assert found == set(ct.rules) | everywhere, ct.id
