"""Tests for the deadline rules and the deadlines they give a case."""

from __future__ import annotations

from datetime import date

import pytest

from statemachine.catalog.deadlines import (
    RULES,
    Circumstances,
    Deadline,
    deadlines_for,
    rule,
    status_for,
)
from statemachine.catalog.ids import CASE_TYPES, EVENTS, SIDES
from statemachine.errors import UnknownIdError
from statemachine.text import Text

TODAY = date(2026, 11, 23)


def _one(case_type: str, side: str, events: dict[str, date], today: date = TODAY) -> Deadline:
    """The single deadline a case gives; fails the test if there is not exactly one."""
    [only] = deadlines_for(case_type, side, events, today)
    return only


def test_design_example_tenant_objection_has_expired() -> None:
    found = _one("rent_increase", "tenant", {"notice_received": date(2026, 10, 1)})
    assert found.as_json() == {
        "rule": "rent_increase.tenant_objection",
        "event": "notice_received",
        "starts": "2026-10-01",
        "ends": "2026-11-12",
        "act_by": "2026-11-12",
        "days_left": -11,
        "status": "expired",
        "consequence": rule("rent_increase.tenant_objection").consequence,
        "legal_basis": rule("rent_increase.tenant_objection").legal_basis,
    }


def test_landlord_filing_runs_six_weeks_after_the_tenants_deadline() -> None:
    found = _one("rent_increase", "landlord", {"notice_received": date(2026, 10, 1)})
    assert found.rule == "rent_increase.landlord_filing"
    assert found.starts == date(2026, 10, 1)
    assert found.ends == date(2026, 12, 24)
    # 24 December is not a working day, so the safe date is the day before.
    assert found.act_by == date(2026, 12, 23)
    assert found.days_left == 31
    assert found.status == "open"


def test_two_step_rule_counts_from_the_clamped_end_not_twelve_weeks() -> None:
    """Utility accounts: the landlord's 6 weeks start where the tenant's 6 weeks end."""
    events = {"account_received": date(2026, 8, 31)}
    tenant = _one("utility_accounts", "tenant", events)
    landlord = _one("utility_accounts", "landlord", events)
    assert tenant.ends == date(2026, 10, 12)
    assert landlord.ends == date(2026, 11, 23)
    assert landlord.status == "due_soon"
    assert landlord.days_left == 0


@pytest.mark.parametrize(
    ("today", "days_left", "status"),
    [
        (date(2026, 11, 13), -1, "expired"),
        (date(2026, 11, 12), 0, "due_soon"),
        (date(2026, 11, 5), 7, "due_soon"),
        (date(2026, 11, 4), 8, "open"),
        (date(2026, 10, 1), 42, "open"),
    ],
)
def test_days_left_and_status(today: date, days_left: int, status: str) -> None:
    found = _one("rent_increase", "tenant", {"notice_received": date(2026, 10, 1)}, today)
    assert found.ends == date(2026, 11, 12)
    assert (found.days_left, found.status) == (days_left, status)


@pytest.mark.parametrize(
    ("days_left", "status"), [(-30, "expired"), (-1, "expired"), (0, "due_soon"), (7, "due_soon")]
)
def test_status_for(days_left: int, status: str) -> None:
    assert status_for(days_left) == status


@pytest.mark.parametrize(
    ("case_type", "side", "events", "rule_id", "ends", "act_by"),
    [
        # D1: 1 year from the first rent, clamped on 29 February.
        (
            "rent_level",
            "tenant",
            {"rent_first_payable": date(2024, 2, 29)},
            "rent_level.refund_window",
            date(2025, 2, 28),
            date(2025, 2, 28),
        ),
        # D15: 14 calendar days from move-in; 2026-01-17 is a Saturday.
        (
            "move_in_defects",
            "tenant",
            {"move_in": date(2026, 1, 3)},
            "move_in_defects.defect_list",
            date(2026, 1, 17),
            date(2026, 1, 16),
        ),
        # D13: 1 month from the swap notice, clamped at the end of February.
        (
            "swap_improvement_approval",
            "landlord",
            {"swap_notified": date(2026, 1, 31)},
            "swap_improvement.landlord_application",
            date(2026, 2, 28),
            date(2026, 2, 27),
        ),
        # D18: 4 weeks from the decision; ends on 2. påskedag 2026.
        (
            "maintenance",
            "landlord",
            {"decision_notified": date(2026, 3, 9)},
            "appeal.boligret",
            date(2026, 4, 6),
            date(2026, 4, 1),
        ),
        # D19: 3 years from moving out; the period ends on Grundlovsdag 2029 (a Tuesday), so
        # the legal end moves to Wednesday, and the safe advice stays the Monday before.
        (
            "move_out",
            "tenant",
            {"moved_out": date(2026, 6, 5)},
            "general.limitation",
            date(2029, 6, 6),
            date(2029, 6, 4),
        ),
        # D7 for a tenant board; ends on a Sunday.
        (
            "utility_accounts",
            "tenant_board",
            {"account_received": date(2026, 10, 4)},
            "utility_accounts.tenant_objection",
            date(2026, 11, 15),
            date(2026, 11, 13),
        ),
    ],
)
def test_each_rule_ends_where_domain_md_says(
    case_type: str,
    side: str,
    events: dict[str, date],
    rule_id: str,
    ends: date,
    act_by: date,
) -> None:
    found = _one(case_type, side, events)
    assert (found.rule, found.ends, found.act_by) == (rule_id, ends, act_by)


@pytest.mark.parametrize(
    ("case_type", "side", "rule_ids"),
    [
        ("rent_increase", "tenant", ["rent_increase.tenant_objection", "appeal.boligret"]),
        ("rent_increase", "tenant_board", ["rent_increase.tenant_objection", "appeal.boligret"]),
        ("rent_increase", "landlord", ["rent_increase.landlord_filing", "appeal.boligret"]),
        ("improvements", "landlord", ["appeal.boligret"]),
        ("move_out", "tenant", ["appeal.boligret", "general.limitation"]),
        ("move_in_defects", "tenant", ["move_in_defects.defect_list", "appeal.boligret"]),
        ("move_in_defects", "tenant_board", ["appeal.boligret"]),
        ("move_in_defects", "landlord", ["appeal.boligret"]),
        ("swap_improvement_approval", "tenant", ["appeal.boligret"]),
        ("deposit_prepaid_rent", "landlord", ["appeal.boligret"]),
        ("house_rules", "landlord", ["appeal.boligret"]),
    ],
)
def test_rules_follow_case_type_and_side(case_type: str, side: str, rule_ids: list[str]) -> None:
    # Without an objection dated: that one changes which two-step rules apply (tested below).
    events = dict.fromkeys((e for e in EVENTS if e != "objection_sent"), date(2026, 10, 1))
    found = deadlines_for(case_type, side, events, TODAY)
    assert sorted(d.rule for d in found) == sorted(rule_ids)


def test_appeal_applies_to_every_case_type_and_side() -> None:
    for case_type in CASE_TYPES:
        for side in SIDES:
            found = deadlines_for(case_type, side, {"decision_notified": TODAY}, TODAY)
            assert "appeal.boligret" in [d.rule for d in found]


def test_rules_whose_event_is_missing_are_omitted() -> None:
    assert deadlines_for("rent_increase", "tenant", {}, TODAY) == []
    found = deadlines_for("rent_increase", "tenant", {"decision_notified": TODAY}, TODAY)
    assert [d.rule for d in found] == ["appeal.boligret"]
    # An event that no rule of this case type uses changes nothing.
    assert deadlines_for("rent_increase", "tenant", {"move_in": TODAY}, TODAY) == []


def test_deadlines_are_sorted_by_end_date() -> None:
    events = {"notice_received": date(2026, 10, 1), "decision_notified": date(2026, 9, 1)}
    found = deadlines_for("rent_increase", "tenant", events, TODAY)
    assert [d.rule for d in found] == ["appeal.boligret", "rent_increase.tenant_objection"]
    assert [d.ends for d in found] == [date(2026, 9, 29), date(2026, 11, 12)]


@pytest.mark.parametrize(
    ("case_type", "side", "events", "bad"),
    [
        ("rent_raise", "tenant", {}, "rent_raise"),
        ("rent_increase", "representative", {}, "representative"),
        ("rent_increase", "lejer", {}, "lejer"),
        ("rent_increase", "tenant", {"notice": date(2026, 10, 1)}, "notice"),
    ],
)
def test_unknown_ids_raise_with_the_valid_choices(
    case_type: str, side: str, events: dict[str, date], bad: str
) -> None:
    with pytest.raises(UnknownIdError) as caught:
        deadlines_for(case_type, side, events, TODAY)
    message = caught.value.message
    assert isinstance(message, Text)
    assert message.params["value"] == bad
    assert "{valid}" in message.msgid
    assert str(message.params["valid"])


def test_unknown_rule_id_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownIdError) as caught:
        rule("rent_increase.objection")
    message = caught.value.message
    assert isinstance(message, Text)
    assert "rent_increase.tenant_objection" in str(message.params["valid"])


def test_rules_table_is_consistent() -> None:
    assert [r.d_number for r in RULES] == [
        "D1",
        "D3",
        "D4",
        "D7",
        "D7b",
        "D13",
        "D14",
        "D14",
        "D14",
        "D15",
        "D18",
        "D18",
        "D19",
    ]
    assert len({r.id for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.event in EVENTS
        assert r.sides <= set(SIDES)
        assert r.who_acts and r.consequence and r.legal_basis
        if r.after_rule is not None:
            first = rule(r.after_rule)
            assert first.event == r.event
            assert first.sides.isdisjoint(r.sides)


def test_uncertain_section_numbers_say_so_to_staff_and_known_ones_to_everyone() -> None:
    objection = rule("rent_increase.tenant_objection")
    assert "not confirmed" in objection.staff_note
    assert "§" not in objection.legal_basis and "Lov om leje" in objection.legal_basis
    assert "§ 77" in rule("utility_accounts.landlord_filing").legal_basis


# Two-step deadlines (domain.md, "Two-step deadlines"). A notice received on Thursday
# 1 October 2026: the tenant's 6 weeks end on Thursday 12 November, the landlord's 6 weeks after
# that on Thursday 24 December (not a working day, so the safe date is 23 December).
NOTICE = date(2026, 10, 1)


def _by_rule(case_type: str, side: str, events: dict[str, date]) -> dict[str, Deadline]:
    return {d.rule: d for d in deadlines_for(case_type, side, events, TODAY)}


@pytest.mark.parametrize("sent", [date(2026, 10, 20), date(2026, 11, 12)])
def test_tenant_who_objected_in_time_has_met_and_sees_the_landlords_filing_date(
    sent: date,
) -> None:
    found = _by_rule("rent_increase", "tenant", {"notice_received": NOTICE, "objection_sent": sent})
    assert sorted(found) == ["rent_increase.landlord_filing", "rent_increase.tenant_objection"]
    own = found["rent_increase.tenant_objection"]
    assert (own.status, own.ends, own.done_on) == ("met", date(2026, 11, 12), sent)
    landlord = found["rent_increase.landlord_filing"]
    assert (landlord.ends, landlord.act_by) == (date(2026, 12, 24), date(2026, 12, 23))
    assert (landlord.status, landlord.days_left, landlord.own) == ("open", 31, False)


def test_a_late_objection_is_late_and_the_landlords_filing_rule_does_not_apply() -> None:
    events = {"notice_received": NOTICE, "objection_sent": date(2026, 11, 13)}
    found = _by_rule("rent_increase", "tenant", events)
    assert list(found) == ["rent_increase.tenant_objection"]
    assert found["rent_increase.tenant_objection"].status == "late"
    assert _by_rule("rent_increase", "landlord", events) == {}


def test_without_an_objection_the_tenant_rule_is_as_before_and_the_landlord_gets_filing() -> None:
    tenant = _by_rule("rent_increase", "tenant", {"notice_received": NOTICE})
    assert [(d.rule, d.status) for d in tenant.values()] == [
        ("rent_increase.tenant_objection", "expired")
    ]
    landlord = _by_rule("rent_increase", "landlord", {"notice_received": NOTICE})
    assert [(d.rule, d.ends, d.own) for d in landlord.values()] == [
        ("rent_increase.landlord_filing", date(2026, 12, 24), True)
    ]


def test_landlord_told_of_a_timely_objection_keeps_the_filing_date() -> None:
    events = {"notice_received": NOTICE, "objection_sent": date(2026, 11, 2)}
    found = _by_rule("rent_increase", "landlord", events)
    assert [(d.rule, d.ends, d.status) for d in found.values()] == [
        ("rent_increase.landlord_filing", date(2026, 12, 24), "open")
    ]


def test_utility_accounts_two_step_for_a_tenant_board_that_objected_on_the_last_day() -> None:
    # Account received Monday 31 August 2026: the board's 6 weeks end Monday 12 October, the
    # landlord's on Monday 23 November, which is today.
    events = {"account_received": date(2026, 8, 31), "objection_sent": date(2026, 10, 12)}
    found = _by_rule("utility_accounts", "tenant_board", events)
    assert found["utility_accounts.tenant_objection"].status == "met"
    landlord = found["utility_accounts.landlord_filing"]
    assert (landlord.ends, landlord.days_left, landlord.status) == (
        date(2026, 11, 23),
        0,
        "due_soon",
    )


def test_utility_accounts_objection_a_day_late() -> None:
    events = {"account_received": date(2026, 8, 31), "objection_sent": date(2026, 10, 13)}
    found = _by_rule("utility_accounts", "tenant", events)
    assert [(d.rule, d.status) for d in found.values()] == [
        ("utility_accounts.tenant_objection", "late")
    ]


# The 3-year limitation (forældelsesloven § 27, stk. 2): an end on a non-working day moves to
# the next working day; act_by stays the last working day on or before the unmoved end.
@pytest.mark.parametrize(
    ("moved_out", "today", "ends", "act_by", "status"),
    [
        # 3 March 2029 is a Saturday: the end moves to Monday 5 March; advise Friday 2 March.
        (date(2026, 3, 3), TODAY, date(2029, 3, 5), date(2029, 3, 2), "open"),
        # On Sunday 4 March 2029 the legal end has not passed: the status follows ends.
        (date(2026, 3, 3), date(2029, 3, 4), date(2029, 3, 5), date(2029, 3, 2), "due_soon"),
        # 31 December 2029 (a Monday) and 1 January 2030 are not working days: the end moves
        # to Wednesday 2 January 2030; advise Friday 28 December 2029.
        (date(2026, 12, 31), TODAY, date(2030, 1, 2), date(2029, 12, 28), "open"),
        (date(2026, 12, 31), date(2030, 1, 1), date(2030, 1, 2), date(2029, 12, 28), "due_soon"),
        (date(2026, 12, 31), date(2030, 1, 3), date(2030, 1, 2), date(2029, 12, 28), "expired"),
    ],
)
def test_limitation_on_a_non_working_day_moves_to_the_next_working_day(
    moved_out: date, today: date, ends: date, act_by: date, status: str
) -> None:
    [found] = [
        d
        for d in deadlines_for("move_out", "tenant", {"moved_out": moved_out}, today)
        if d.rule == "general.limitation"
    ]
    assert (found.ends, found.act_by, found.status) == (ends, act_by, status)
    assert found.days_left == (ends - today).days


# Appeals (D18). 1 June 2026 is a Monday; July 2026 runs from Wednesday 1 to Friday 31.
AARHUS, KOEBENHAVN = 751, 101


def _appeals(case_type: str, notified: date, facts: Circumstances) -> list[tuple[str, date, date]]:
    found = deadlines_for(case_type, "tenant", {"decision_notified": notified}, TODAY, facts)
    return [(d.rule, d.ends, d.act_by) for d in found]


@pytest.mark.parametrize(
    ("case_type", "notified", "facts", "expected"),
    [
        # A huslejenævn outside København: 4 weeks, July counted like any month.
        (
            "rent_level",
            date(2026, 6, 10),
            Circumstances("private", AARHUS),
            ("appeal.boligret", date(2026, 7, 8), date(2026, 7, 8)),
        ),
        (
            "rent_level",
            date(2026, 7, 3),
            Circumstances("private", AARHUS),
            ("appeal.boligret", date(2026, 7, 31), date(2026, 7, 31)),
        ),
        # The huslejenævn in København: to the Ankenævn ...
        (
            "rent_level",
            date(2026, 6, 10),
            Circumstances("private", KOEBENHAVN),
            ("appeal.ankenaevn", date(2026, 7, 8), date(2026, 7, 8)),
        ),
        # ... except a house-rules decision, which goes to the housing court.
        (
            "house_rules",
            date(2026, 6, 10),
            Circumstances("private", KOEBENHAVN),
            ("appeal.boligret", date(2026, 7, 8), date(2026, 7, 8)),
        ),
        # A beboerklagenævn, also in København: July is not counted. From Saturday 20 June:
        # 10 days in June, then 18 in August, ending Tuesday 18 August (domain.md's example).
        (
            "maintenance",
            date(2026, 6, 20),
            Circumstances("social", KOEBENHAVN),
            ("appeal.boligret", date(2026, 8, 18), date(2026, 8, 18)),
        ),
        # From 10 June: 20 days in June and 8 in August, ending Saturday 8 August; act by Friday.
        (
            "maintenance",
            date(2026, 6, 10),
            Circumstances("social", AARHUS),
            ("appeal.boligret", date(2026, 8, 8), date(2026, 8, 7)),
        ),
        # Notified in July: none of July counts, so the 28 days are 1-28 August.
        (
            "house_rules",
            date(2026, 7, 15),
            Circumstances("social", AARHUS),
            ("appeal.boligret", date(2026, 8, 28), date(2026, 8, 28)),
        ),
        # Housing unknown: July is counted, the earlier and safer date.
        (
            "maintenance",
            date(2026, 6, 20),
            Circumstances(),
            ("appeal.boligret", date(2026, 7, 18), date(2026, 7, 17)),
        ),
    ],
)
def test_appeal_route_and_end(
    case_type: str, notified: date, facts: Circumstances, expected: tuple[str, date, date]
) -> None:
    assert _appeals(case_type, notified, facts) == [expected]


def test_appeal_texts_name_the_route_and_the_law_that_fits_the_housing() -> None:
    [social] = deadlines_for(
        "maintenance",
        "landlord",
        {"decision_notified": date(2026, 6, 20)},
        TODAY,
        Circumstances("social", AARHUS),
    )
    assert "July is not counted" in social.who_acts
    assert social.legal_basis.startswith("Almenlejeloven § 106")
    [copenhagen] = deadlines_for(
        "rent_level",
        "landlord",
        {"decision_notified": date(2026, 6, 10)},
        TODAY,
        Circumstances("private", KOEBENHAVN),
    )
    assert "Ankenævn" in copenhagen.who_acts
    assert "housing court" not in copenhagen.who_acts
    assert "§ 89" in copenhagen.legal_basis


# Move-out (LL § 187, domain.md D14). Tuesday 1 September 2026: the landlord learns of the
# move-out; the syn is due by Tuesday 15 September.
SEVERAL = Circumstances(housing="private", landlord_units="several")
ONE = Circumstances(housing="private", landlord_units="one")


def _move_out(
    side: str, events: dict[str, date], facts: Circumstances
) -> list[tuple[str, date, str]]:
    found = deadlines_for("move_out", side, events, date(2026, 9, 2), facts)
    return [(d.rule, d.ends, d.status) for d in found if d.rule != "general.limitation"]


def test_move_out_landlord_with_several_homes_syn_due_two_weeks_after_learning() -> None:
    found = _move_out("landlord", {"move_out_known": date(2026, 9, 1)}, SEVERAL)
    assert found == [("move_out.inspection", date(2026, 9, 15), "open")]


def test_move_out_syn_held_in_time_gives_report_and_claim_two_weeks_later() -> None:
    events = {"move_out_known": date(2026, 9, 1), "inspection_held": date(2026, 9, 10)}
    for side in ("landlord", "tenant"):
        assert _move_out(side, events, SEVERAL) == [
            ("move_out.inspection", date(2026, 9, 15), "met"),
            ("move_out.report", date(2026, 9, 24), "open"),
            ("move_out.landlord_claim", date(2026, 9, 24), "open"),
        ]
    [tenant_view] = [
        d
        for d in deadlines_for("move_out", "tenant", events, date(2026, 9, 2), SEVERAL)
        if d.rule == "move_out.report"
    ]
    assert not tenant_view.own


def test_move_out_syn_held_late_leaves_no_report_or_claim_deadline() -> None:
    events = {"move_out_known": date(2026, 9, 1), "inspection_held": date(2026, 9, 16)}
    assert _move_out("landlord", events, SEVERAL) == [
        ("move_out.inspection", date(2026, 9, 15), "late")
    ]


def test_move_out_landlord_with_one_home_claims_two_weeks_from_the_move_out_day() -> None:
    # Moved out Wednesday 30 September 2026: the claim is due Wednesday 14 October. A landlord
    # with one home has no syn duty, so there is no inspection or report deadline.
    events = {"moved_out": date(2026, 9, 30), "inspection_held": date(2026, 10, 2)}
    assert _move_out("landlord", events, ONE) == [
        ("move_out.landlord_claim", date(2026, 10, 14), "open")
    ]
    # The limitation: 30 September 2029 is a Sunday, so it ends Monday 1 October 2029.
    [limitation] = [
        d
        for d in deadlines_for("move_out", "tenant", events, TODAY, ONE)
        if d.rule == "general.limitation"
    ]
    assert (limitation.ends, limitation.act_by) == (date(2029, 10, 1), date(2029, 9, 28))


@pytest.mark.parametrize(
    "facts", [Circumstances(housing="private"), Circumstances("social", landlord_units="several")]
)
def test_move_out_rules_need_the_landlords_homes_and_private_housing(
    facts: Circumstances,
) -> None:
    events = {
        "move_out_known": date(2026, 9, 1),
        "inspection_held": date(2026, 9, 10),
        "moved_out": date(2026, 9, 30),
    }
    assert _move_out("landlord", events, facts) == []


def test_social_housing_cites_almenlejeloven_for_consumption_accounts() -> None:
    events = {"account_received": date(2026, 10, 5)}
    [social] = deadlines_for(
        "utility_accounts", "tenant", events, TODAY, Circumstances(housing="social")
    )
    [private] = deadlines_for(
        "utility_accounts", "tenant", events, TODAY, Circumstances(housing="private")
    )
    assert social.legal_basis.startswith("Almenlejeloven")
    assert "Lov om leje" not in social.legal_basis
    assert private.legal_basis.startswith("Lov om leje")
    assert social.ends == private.ends == date(2026, 11, 16)


def test_social_rent_increase_objection_is_left_out_with_a_plain_reason() -> None:
    from statemachine.catalog.deadlines import left_out

    social = Circumstances(housing="social")
    events = {"notice_received": NOTICE}
    assert deadlines_for("rent_increase", "tenant", events, TODAY, social) == []
    [reason] = left_out("rent_increase", social)
    assert "almenlejeloven" in reason
    assert left_out("rent_increase", Circumstances(housing="private")) == []


def test_social_move_out_rules_are_left_out_with_one_plain_reason() -> None:
    from statemachine.catalog.deadlines import left_out

    [reason] = left_out("move_out", Circumstances(housing="social", landlord_units="several"))
    assert "almenlejeloven" in reason
    assert left_out("move_out", SEVERAL) == []
