"""Every step of the case lifecycle: who may take it, from where, and why one is refused."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from locales import translator
from statemachine.errors import AccessError, InvalidInputError, StepRefusedError, UnknownIdError
from statemachine.flows.lifecycle import (
    CLOSED_STATUSES,
    EXITS,
    OPEN_STATUSES,
    ROLES,
    STATUSES,
    STEPS,
    Change,
    Facts,
    Request,
    allowed,
    apply,
    may,
    reason_label,
    role_label,
    status_label,
    step_label,
)
from statemachine.text import Text

TODAY = date(2026, 12, 2)
REPLY_DUE = date(2026, 12, 4)
"""A hearing's reply deadline two days after today: not yet passed."""

READY = Facts(
    status="submitted",
    role="lead",
    today=TODAY,
    has_assignee=True,
    counterparty_reachable=True,
    reply_received=True,
    reply_due=REPLY_DUE,
    decision_recorded=True,
    decision_anonymised=True,
)
"""A case on which every guard on the facts holds, asked about by a lead."""

WAY = [
    ("submitted", "request_fee", "awaiting_fee"),
    ("awaiting_fee", "register_fee", "assigned"),
    ("submitted", "assign", "assigned"),
    ("assigned", "start_hearing", "hearing"),
    ("hearing", "end_hearing", "ready_for_meeting"),
    ("ready_for_meeting", "plan_inspection", "inspection"),
    ("ready_for_meeting", "put_on_agenda", "on_agenda"),
    ("inspection", "put_on_agenda", "on_agenda"),
    ("on_agenda", "decide", "decided"),
    ("decided", "publish", "published"),
]
"""Every step on the way to a decision, from each status it leaves."""

EXIT_STEPS = {"dismiss": "dismissed", "reject": "rejected", "settle": "settled"}
EXIT_STEPS["withdraw"] = "withdrawn"
FIRST_REASON = {"dismiss": "fee_not_paid", "reject": "outside_competence"}
FIRST_REASON |= {"settle": "agreed_by_parties", "withdraw": "withdrawn_by_filer"}


def _at(status: str, **changes: object) -> Facts:
    return dataclasses.replace(READY, status=status, **changes)  # type: ignore[arg-type]


def _en(text: Text | str) -> str:
    assert isinstance(text, Text)
    return translator("en").render(text)


@pytest.mark.parametrize(("source", "step", "dest"), WAY)
def test_every_step_on_the_way_moves_the_case_and_says_so(
    source: str, step: str, dest: str
) -> None:
    facts = _at(source)
    assert step in allowed(facts)
    change = apply(facts, Request(step))
    assert change == Change(step, source, dest, {"step": step, "from": source, "to": dest})


@pytest.mark.parametrize("source", OPEN_STATUSES)
@pytest.mark.parametrize("step", list(EXIT_STEPS))
def test_every_open_status_can_leave_by_every_exit_with_a_reason(source: str, step: str) -> None:
    facts = _at(source, role="caseworker")
    assert step in allowed(facts)
    change = apply(facts, Request(step, reason=FIRST_REASON[step]))
    assert change.dest == EXIT_STEPS[step]
    assert change.data == {
        "step": step,
        "from": source,
        "to": EXIT_STEPS[step],
        "reason": FIRST_REASON[step],
    }


@pytest.mark.parametrize("source", EXITS)
def test_a_lead_reopens_a_closed_case_saying_why(source: str) -> None:
    assert allowed(_at(source)) == ["reopen"]
    change = apply(_at(source), Request("reopen", text="  The filer paid after all. "))
    assert change.dest == "assigned"
    assert change.data["text"] == "The filer paid after all."


@pytest.mark.parametrize("source", EXITS)
def test_a_caseworker_cannot_reopen(source: str) -> None:
    facts = _at(source, role="caseworker")
    assert allowed(facts) == []
    with pytest.raises(AccessError) as refused:
        apply(facts, Request("reopen", text="Please"))
    assert _en(refused.value.message) == (
        "Your role (Caseworker) may not take the step “Reopen the case”."
    )


def test_reopening_without_saying_why_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        apply(_at("dismissed"), Request("reopen", text="   "))
    assert _en(refused.value.message) == (
        "The step “Reopen the case” needs a text: say why, in a few words."
    )


def test_fee_registered_without_an_assignee_goes_back_to_triage() -> None:
    change = apply(_at("awaiting_fee", has_assignee=False), Request("register_fee"))
    assert change.dest == "submitted"


def test_a_published_case_offers_nothing_and_refuses_an_exit() -> None:
    assert allowed(_at("published")) == []
    with pytest.raises(StepRefusedError) as refused:
        apply(_at("published"), Request("dismiss", reason="other", text="x"))
    assert _en(refused.value.message) == (
        "The step “Dismiss the case” is not possible for a case with the status “Published”."
        " No step can be taken on it now."
    )
    assert refused.value.status == 409 and refused.value.code == "conflict"


def test_a_step_from_the_wrong_status_names_the_steps_possible_now() -> None:
    with pytest.raises(StepRefusedError) as refused:
        apply(_at("hearing", role="caseworker"), Request("request_fee"))
    assert _en(refused.value.message) == (
        "The step “Ask for the fee” is not possible for a case with the status “In hearing”."
        " Possible now: End the hearing, Dismiss the case, Reject the case,"
        " Close with a settlement, Record a withdrawal."
    )


GUARDED = [
    (
        "submitted",
        "assign",
        {"has_assignee": False},
        "A case counts as assigned when a caseworker is assigned to it. Assign a caseworker first.",
    ),
    (
        "assigned",
        "start_hearing",
        {"counterparty_reachable": False},
        "A hearing needs a counterparty with an address or an e-mail address.",
    ),
    (
        "hearing",
        "end_hearing",
        {"reply_received": False},
        "The hearing can end when the reply has come or the reply deadline has passed"
        " (4 December 2026).",
    ),
    (
        "hearing",
        "end_hearing",
        {"reply_received": False, "reply_due": None},
        "The hearing can end when the reply has come or the reply deadline has passed."
        " This case has no reply deadline: start a hearing first.",
    ),
    (
        "on_agenda",
        "decide",
        {"decision_recorded": False},
        "The board's decision must be recorded before the case counts as decided."
        " Decisions are recorded at the board meeting.",
    ),
    (
        "decided",
        "publish",
        {"decision_anonymised": False},
        "The decision must be anonymised before it is published.",
    ),
]
"""For each guard on the case's facts: a case where it does not hold, and the refusal."""


@pytest.mark.parametrize(("source", "step", "facts", "message"), GUARDED)
def test_a_guard_that_does_not_hold_refuses_the_step_in_plain_words(
    source: str, step: str, facts: dict[str, object], message: str
) -> None:
    case = _at(source, **facts)
    before = dataclasses.replace(case)
    assert step not in allowed(case)
    with pytest.raises(StepRefusedError) as refused:
        apply(case, Request(step))
    assert _en(refused.value.message) == message
    assert case == before


def test_the_hearing_ends_the_day_after_its_reply_deadline_without_a_reply() -> None:
    waiting = _at("hearing", reply_received=False, reply_due=TODAY)
    assert "end_hearing" not in allowed(waiting)
    passed = dataclasses.replace(waiting, today=date(2026, 12, 3))
    assert apply(passed, Request("end_hearing")).dest == "ready_for_meeting"


def test_until_board_meetings_come_a_case_on_the_agenda_cannot_be_decided() -> None:
    facts = Facts("on_agenda", "lead", TODAY, True, True, True, REPLY_DUE)
    assert "decide" not in allowed(facts)
    with pytest.raises(StepRefusedError):
        apply(facts, Request("decide"))


@pytest.mark.parametrize("role", ["board_member", "admin"])
@pytest.mark.parametrize("status", STATUSES)
def test_board_members_and_admins_take_no_step(role: str, status: str) -> None:
    facts = _at(status, role=role)
    assert allowed(facts) == []
    for step in STEPS:
        with pytest.raises(AccessError):
            apply(facts, Request(step, reason="other", text="x"))


@pytest.mark.parametrize("step", ["put_on_agenda", "decide", "publish", "reopen"])
def test_steps_only_a_lead_takes_are_refused_to_a_caseworker(step: str) -> None:
    assert STEPS[step].roles == frozenset({"lead"})
    with pytest.raises(AccessError):
        apply(_at("ready_for_meeting", role="caseworker"), Request(step))


def test_someone_without_a_staff_role_takes_no_step() -> None:
    with pytest.raises(AccessError) as refused:
        apply(_at("assigned", role="filer"), Request("start_hearing"))
    assert _en(refused.value.message) == "Only the secretariat's staff take steps on a case."
    assert allowed(_at("assigned", role="filer")) == []


def test_an_unknown_step_is_an_unknown_id() -> None:
    with pytest.raises(UnknownIdError) as refused:
        apply(READY, Request("archive"))
    assert "archive" in _en(refused.value.message)


def test_a_dismissal_without_a_reason_lists_the_reasons() -> None:
    with pytest.raises(InvalidInputError) as refused:
        apply(_at("assigned"), Request("dismiss"))
    assert _en(refused.value.message) == (
        "The step “Dismiss the case” needs a reason. Pick one of: fee_not_paid (The fee was"
        " not paid), no_reply_from_filer (The filer did not reply), not_pursued (The filer did"
        " not pursue the case), other (Another reason)."
    )


def test_a_reason_from_another_list_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        apply(_at("assigned"), Request("settle", reason="fee_not_paid"))
    assert _en(refused.value.message).startswith(
        "There is no reason “fee_not_paid” for the step “Close with a settlement”. Pick one of:"
        " agreed_by_parties (The parties agreed between themselves),"
    )


@pytest.mark.parametrize("step", list(EXIT_STEPS))
def test_the_reason_other_needs_a_text(step: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        apply(_at("hearing"), Request(step, reason="other"))
    assert "Another reason" in _en(refused.value.message)
    change = apply(_at("hearing"), Request(step, reason="other", text="Moved abroad"))
    assert change.data["text"] == "Moved abroad"


def test_a_reason_given_to_a_step_without_one_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        apply(_at("submitted"), Request("request_fee", reason="fee_not_paid"))


def test_a_cpr_number_in_the_text_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        apply(_at("dismissed"), Request("reopen", text="Klager 010190-1234 ringede"))


def test_an_unknown_status_is_an_unknown_id() -> None:
    with pytest.raises(UnknownIdError):
        allowed(_at("archived"))


def test_open_and_closed_statuses_cover_every_status_once() -> None:
    assert sorted(OPEN_STATUSES + CLOSED_STATUSES) == sorted(STATUSES)
    assert set(EXITS) < set(CLOSED_STATUSES) and "published" in CLOSED_STATUSES


def test_every_id_has_a_label() -> None:
    for status in STATUSES:
        assert _en(status_label(status))
    for step, spec in STEPS.items():
        assert _en(step_label(step))
        for reason in spec.reasons:
            assert _en(reason_label(step, reason)) == _en(
                reason_label(spec.reason_list or "", reason)
            )
    assert [_en(role_label(r)) for r in ROLES] == [
        "Caseworker",
        "Secretariat lead",
        "Board member",
        "Administrator",
    ]


ACTION_ROLES = {
    "read": {"caseworker", "lead", "board_member", "admin"},
    "assign": {"caseworker", "lead"},
    "bulk_assign": {"lead"},
    "note": {"caseworker", "lead", "board_member"},
    "message": {"caseworker", "lead"},
    "hearing": {"caseworker", "lead"},
    "manage_staff": {"admin"},
}


@pytest.mark.parametrize(("action", "roles"), ACTION_ROLES.items())
def test_who_may_do_what_besides_steps(action: str, roles: set[str]) -> None:
    assert {r for r in ROLES if may(r, action)} == roles
    assert not may("filer", action)


def test_an_unknown_action_is_an_unknown_id() -> None:
    with pytest.raises(UnknownIdError):
        may("lead", "delete")


def test_an_empty_reason_and_text_leave_nothing_in_the_audit_event() -> None:
    change = apply(_at("submitted"), Request("request_fee", reason="", text=" "))
    assert change.data == {"step": "request_fee", "from": "submitted", "to": "awaiting_fee"}
