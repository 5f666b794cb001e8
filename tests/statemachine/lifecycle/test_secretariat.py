"""The secretariat's deadlines, checked against dates worked out by hand with the Danish
calendar: weekends, helligdage, grundlovsdag, 24 and 31 December."""

from __future__ import annotations

from datetime import date

import pytest

from locales import translator
from statemachine.catalog.deadlines import Deadline, rule
from statemachine.catalog.secretariat import (
    APPLIES_IN,
    SECRETARIAT_RULES,
    SecretariatFacts,
    next_deadline,
    secretariat_deadlines,
    secretariat_label,
    secretariat_rule,
)
from statemachine.errors import UnknownIdError
from statemachine.flows.lifecycle import CLOSED_STATUSES, OPEN_STATUSES, STATUSES
from statemachine.text import Text

TODAY = date(2026, 12, 2)


def _one(facts: SecretariatFacts, today: date = TODAY) -> Deadline:
    [only] = secretariat_deadlines(facts, today)
    return only


@pytest.mark.parametrize(
    ("filed", "ends", "act_by"),
    [
        # Tuesday to Tuesday, a working day.
        (date(2026, 11, 24), date(2026, 12, 1), date(2026, 12, 1)),
        # Friday 18 December: a week ends on juledag; 24 December is no working day either,
        # so the secretariat must tell the other party by Wednesday 23 December.
        (date(2026, 12, 18), date(2026, 12, 25), date(2026, 12, 23)),
        # Monday 30 March: a week ends on 2. påskedag; back past Sunday, Saturday, langfredag
        # and skærtorsdag to Wednesday 1 April.
        (date(2026, 3, 30), date(2026, 4, 6), date(2026, 4, 1)),
        # A Saturday filing ends on a Saturday; act by the Friday.
        (date(2026, 11, 21), date(2026, 11, 28), date(2026, 11, 27)),
    ],
)
def test_the_other_party_is_told_within_a_week_of_filing(
    filed: date, ends: date, act_by: date
) -> None:
    for status in ("submitted", "awaiting_fee", "assigned"):
        found = _one(SecretariatFacts(filed_on=filed, status=status), today=filed)
        assert (found.rule, found.ends, found.act_by) == ("secretariat.notify", ends, act_by)
        assert found.days_left == 7 and found.status == "due_soon"
        assert next_deadline(SecretariatFacts(filed, status), filed) == (
            act_by,
            "secretariat.notify",
        )


def test_notifying_is_done_once_a_hearing_has_started() -> None:
    facts = SecretariatFacts(date(2026, 11, 2), "assigned", hearing_started=date(2026, 11, 5))
    assert secretariat_deadlines(facts, TODAY) == []
    assert next_deadline(facts, TODAY) == (None, None)


def test_a_late_notice_is_expired() -> None:
    found = _one(SecretariatFacts(date(2026, 11, 2), "submitted"))
    assert (found.ends, found.days_left, found.status) == (date(2026, 11, 9), -23, "expired")


def test_the_reply_runs_two_weeks_from_the_hearing() -> None:
    # Monday 11 May + 2 weeks is 2. pinsedag; act by Friday 22 May.
    facts = SecretariatFacts(date(2026, 5, 1), "hearing", hearing_started=date(2026, 5, 11))
    found = _one(facts, today=date(2026, 5, 11))
    assert (found.rule, found.ends, found.act_by) == (
        "secretariat.reply",
        date(2026, 5, 25),
        date(2026, 5, 22),
    )
    assert found.status == "open"


def test_the_reply_ends_on_the_deadline_the_hearing_set() -> None:
    # A longer reply deadline ending on nytårsaftensdag: act by Wednesday 30 December.
    facts = SecretariatFacts(
        date(2026, 11, 20),
        "hearing",
        hearing_started=date(2026, 12, 2),
        reply_due=date(2026, 12, 31),
    )
    found = _one(facts)
    assert (found.ends, found.act_by, found.days_left) == (
        date(2026, 12, 31),
        date(2026, 12, 30),
        29,
    )
    assert next_deadline(facts, TODAY) == (date(2026, 12, 30), "secretariat.reply")


def test_a_reply_received_meets_the_reply_deadline() -> None:
    facts = SecretariatFacts(
        date(2026, 11, 20),
        "hearing",
        hearing_started=date(2026, 11, 23),
        reply_due=date(2026, 12, 7),
        last_reply=date(2026, 12, 1),
    )
    found = _one(facts)
    assert (found.status, found.done_on) == ("met", date(2026, 12, 1))
    assert next_deadline(facts, TODAY) == (None, None)


def test_a_reply_after_the_deadline_is_late() -> None:
    facts = SecretariatFacts(
        date(2026, 11, 1),
        "hearing",
        hearing_started=date(2026, 11, 2),
        reply_due=date(2026, 11, 16),
        last_reply=date(2026, 11, 20),
    )
    assert _one(facts).status == "late"


@pytest.mark.parametrize("status", ["ready_for_meeting", "inspection", "on_agenda"])
def test_the_decision_is_due_four_weeks_after_the_last_reply(status: str) -> None:
    # Thursday 3 December + 4 weeks is nytårsaftensdag; act by Wednesday 30 December.
    facts = SecretariatFacts(
        date(2026, 11, 1),
        status,
        hearing_started=date(2026, 11, 19),
        reply_due=date(2026, 12, 3),
        last_reply=date(2026, 12, 3),
    )
    found = _one(facts)
    assert (found.rule, found.event, found.ends, found.act_by) == (
        "secretariat.decision",
        "last_reply",
        date(2026, 12, 31),
        date(2026, 12, 30),
    )


def test_without_a_reply_the_decision_runs_from_the_reply_deadline() -> None:
    facts = SecretariatFacts(
        date(2026, 11, 1),
        "ready_for_meeting",
        hearing_started=date(2026, 12, 2),
        reply_due=date(2026, 12, 16),
    )
    found = _one(facts, today=date(2026, 12, 17))
    assert (found.event, found.ends, found.act_by) == (
        "reply_deadline_passed",
        date(2027, 1, 13),
        date(2027, 1, 13),
    )


def test_a_meeting_after_the_last_reply_starts_the_four_weeks_again() -> None:
    facts = SecretariatFacts(
        date(2026, 11, 1),
        "on_agenda",
        hearing_started=date(2026, 11, 19),
        reply_due=date(2026, 12, 3),
        last_reply=date(2026, 11, 30),
        meeting_on=date(2027, 1, 7),
    )
    found = _one(facts)
    assert (found.event, found.ends, found.act_by) == (
        "meeting_held",
        date(2027, 2, 4),
        date(2027, 2, 4),
    )


def test_the_summons_goes_out_a_week_before_the_inspection() -> None:
    # Friday 12 June 2026: a week before is grundlovsdag; summon by Thursday 4 June.
    facts = SecretariatFacts(
        date(2026, 4, 1),
        "inspection",
        hearing_started=date(2026, 4, 20),
        reply_due=date(2026, 5, 4),
        last_reply=date(2026, 5, 4),
        inspection_on=date(2026, 6, 12),
    )
    decision, summons = secretariat_deadlines(facts, date(2026, 5, 20))  # earliest first
    assert (summons.rule, summons.ends, summons.act_by) == (
        "secretariat.inspection_summons",
        date(2026, 6, 5),
        date(2026, 6, 4),
    )
    assert (decision.rule, decision.ends, decision.act_by) == (
        "secretariat.decision",
        date(2026, 6, 1),
        date(2026, 6, 1),
    )
    assert next_deadline(facts, date(2026, 5, 20)) == (date(2026, 6, 1), "secretariat.decision")


def test_an_inspection_without_a_date_has_no_summons_deadline() -> None:
    facts = SecretariatFacts(
        date(2026, 11, 1), "inspection", hearing_started=date(2026, 11, 2),
        reply_due=date(2026, 11, 16),
    )  # fmt: skip
    assert [d.rule for d in secretariat_deadlines(facts, TODAY)] == ["secretariat.decision"]


@pytest.mark.parametrize("status", [*CLOSED_STATUSES, "decided"])
def test_a_decided_or_closed_case_has_no_secretariat_deadline(status: str) -> None:
    facts = SecretariatFacts(
        date(2026, 11, 1),
        status,
        hearing_started=date(2026, 11, 2),
        reply_due=date(2026, 11, 16),
        inspection_on=date(2026, 12, 20),
    )
    assert secretariat_deadlines(facts, TODAY) == []
    assert next_deadline(facts, TODAY) == (None, None)


def test_the_rules_apply_in_open_lifecycle_statuses_only() -> None:
    assert set(APPLIES_IN) == {r.id for r in SECRETARIAT_RULES}
    for statuses in APPLIES_IN.values():
        assert statuses <= set(OPEN_STATUSES) <= set(STATUSES)


def test_every_rule_reads_in_plain_words() -> None:
    render = translator("en").render
    for r in SECRETARIAT_RULES:
        assert render(secretariat_label(r.id))
        assert render(Text(r.consequence)).endswith(".")
    decision = next(r for r in SECRETARIAT_RULES if r.id == "secretariat.decision")
    assert "housing court without waiting" in decision.consequence
    with pytest.raises(UnknownIdError):
        secretariat_label("secretariat.coffee")


def test_a_secretariat_rule_is_looked_up_among_the_secretariats_only() -> None:
    assert secretariat_rule("secretariat.reply").d_number == "D17b"
    with pytest.raises(UnknownIdError) as refused:
        secretariat_rule("rent_increase.tenant_objection")  # the filer's, not the secretariat's
    english = translator("en").render(refused.value.message)
    assert english == (
        "There is no deadline rule called rent_increase.tenant_objection. Use one of: "
        + ", ".join(r.id for r in SECRETARIAT_RULES)
        + "."
    )
    with pytest.raises(UnknownIdError):
        rule("secretariat.reply")  # and the filer's lookup knows only the filer's rules
