"""The secretariat's own deadlines (domain.md §3, D17-D17d), on the filer's deadline engine.

They are :class:`~statemachine.catalog.deadlines.Rule` values worked out by the same
:func:`~statemachine.catalog.deadlines.deadline` with the same date arithmetic and working days
(retsplejeloven § 148, stk. 2): the end is the legal end, ``act_by`` the last working day on or
before it, ``status`` ``open``, ``due_soon``, ``expired``, or ``met``/``late`` once done. Each
applies only in the case statuses where the secretariat still has to act on it:

- ``secretariat.notify`` (D17): 1 week from the filing, while the case is ``submitted``,
  ``awaiting_fee`` or ``assigned`` and no hearing has started;
- ``secretariat.reply`` (D17b): the counterparty's 2 weeks from the hearing's start (or the
  ``reply_due`` the hearing set), while the case is in ``hearing``;
- ``secretariat.inspection_summons`` (D17c): 1 week *before* the inspection date, in
  ``inspection`` once a date is set;
- ``secretariat.decision`` (D17d): 4 weeks from the last reply (without one, the reply
  deadline) or the meeting, whichever is later, in ``ready_for_meeting``, ``inspection`` and
  ``on_agenda``.

A case's next deadline in the queue is :func:`next_deadline`: the earliest ``act_by`` of those
that apply and are not yet done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from statemachine.catalog.calendar import act_by
from statemachine.catalog.deadlines import Deadline, Rule, deadline, rule, status_for
from statemachine.text import N_, Text

_BOLIGFORHOLD_82: Final = N_("Lov om boligforhold § 82, stk. 3 (notice of a case, and the reply)")

SECRETARIAT_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="secretariat.notify",
        d_number="D17",
        event="case_filed",
        amount=1,
        unit="weeks",
        sides=frozenset(),
        who_acts=N_("The secretariat must tell the other party about the case."),
        consequence=N_(
            "If the other party is told late, the tribunal has not followed the procedure the"
            " law sets, and the whole case is delayed."
        ),
        legal_basis=_BOLIGFORHOLD_82,
    ),
    Rule(
        id="secretariat.reply",
        d_number="D17b",
        event="hearing_started",
        amount=2,
        unit="weeks",
        sides=frozenset(),
        who_acts=N_("The counterparty may reply to the hearing."),
        consequence=N_(
            "Once the reply deadline has passed, the tribunal may decide the case on the filer's"
            " account without the counterparty's reply. End the hearing then."
        ),
        legal_basis=_BOLIGFORHOLD_82,
        staff_note="The deadline may be extended in special circumstances (domain.md D17b).",
    ),
    Rule(
        id="secretariat.inspection_summons",
        d_number="D17c",
        event="inspection_planned",
        amount=-1,
        unit="weeks",
        sides=frozenset(),
        who_acts=N_("The secretariat must summon both parties to the inspection."),
        consequence=N_(
            "If the summons is late, the parties get less than a week's notice, and the"
            " inspection may have to be moved."
        ),
        legal_basis=N_("Lov om boligforhold, the rules on the tribunal's inspection of a home"),
        staff_note="Old BRL § 41; the section of lov om boligforhold 2022 is not confirmed.",
    ),
    Rule(
        id="secretariat.decision",
        d_number="D17d",
        event="written_round_ended",
        amount=4,
        unit="weeks",
        sides=frozenset(),
        who_acts=N_("The tribunal must decide the case."),
        consequence=N_(
            "If the decision is late, the filer may take the case to the housing court without"
            " waiting for the tribunal."
        ),
        legal_basis=N_(
            "Lov om boligforhold, the rule that the tribunal decides within 4 weeks"
            " (for a beboerklagenævn, almenlejeloven § 106, stk. 4)"
        ),
        staff_note="Old BRL § 42; the section of lov om boligforhold 2022 was not found.",
    ),
)
"""The secretariat's deadline rules, in the order a case meets them. Their ``event`` names the
secretariat's own events, not the filer's (``ids.EVENTS``); D17c counts back from its event."""

LABELS: Final[Mapping[str, str]] = {
    "secretariat.notify": N_("Tell the other party"),
    "secretariat.reply": N_("The counterparty's reply"),
    "secretariat.inspection_summons": N_("Summon to the inspection"),
    "secretariat.decision": N_("Decide the case"),
}
"""A short label of each rule (a msgid), for the queue's deadline column."""

APPLIES_IN: Final[Mapping[str, frozenset[str]]] = {
    "secretariat.notify": frozenset({"submitted", "awaiting_fee", "assigned"}),
    "secretariat.reply": frozenset({"hearing"}),
    "secretariat.inspection_summons": frozenset({"inspection"}),
    "secretariat.decision": frozenset({"ready_for_meeting", "inspection", "on_agenda"}),
}
"""The case statuses (lifecycle ids) in which each rule applies; in any other status there is
nothing for the secretariat to do about it (done, or not yet due to start)."""

_BY_ID: Final[Mapping[str, Rule]] = {r.id: r for r in SECRETARIAT_RULES}


@dataclass(frozen=True)
class SecretariatFacts:
    """The dates of one case that start the secretariat's deadlines, and its status."""

    filed_on: date
    """The day the tribunal received the case."""
    status: str
    """The case's lifecycle status."""
    hearing_started: date | None = None
    """The day the (latest) hearing letter went to the counterparty."""
    reply_due: date | None = None
    """The hearing's reply deadline as set when it started (2 weeks unless chosen otherwise)."""
    last_reply: date | None = None
    """The day the last reply to the hearing arrived."""
    meeting_on: date | None = None
    """The day of the board meeting the case is on (a later issue sets it)."""
    inspection_on: date | None = None
    """The day of the inspection (a later issue sets it)."""


def secretariat_rule(rule_id: str) -> Rule:
    """A secretariat rule by id.

    Raises:
        UnknownIdError: no secretariat rule has that id; the message lists the valid ids.
    """
    return rule(rule_id, among=_BY_ID)


def secretariat_label(rule_id: str) -> Text:
    """The short label of a secretariat rule, e.g. "Decide the case".

    Raises:
        UnknownIdError: no secretariat rule has that id.
    """
    return Text(LABELS[secretariat_rule(rule_id).id])


def _decision_start(facts: SecretariatFacts) -> tuple[date, str] | None:
    """When the 4 weeks to a decision start: the latest of the end of the written round (the
    last reply, or without one the reply deadline) and the meeting."""
    written = facts.last_reply or facts.reply_due
    known = [
        (day, event)
        for day, event in (
            (written, "last_reply" if facts.last_reply else "reply_deadline_passed"),
            (facts.meeting_on, "meeting_held"),
        )
        if day is not None
    ]
    return max(known) if known else None


def _starts(facts: SecretariatFacts) -> dict[str, tuple[date, str]]:
    """The start date and event of each rule the facts give one for."""
    found: dict[str, tuple[date, str]] = {}
    if facts.hearing_started is None:
        found["secretariat.notify"] = (facts.filed_on, "case_filed")
    else:
        found["secretariat.reply"] = (facts.hearing_started, "hearing_started")
    if facts.inspection_on is not None:
        found["secretariat.inspection_summons"] = (facts.inspection_on, "inspection_planned")
    decision = _decision_start(facts)
    if decision is not None:
        found["secretariat.decision"] = decision
    return found


def secretariat_deadlines(facts: SecretariatFacts, today: date) -> list[Deadline]:
    """The secretariat's deadlines that apply to a case in its status, as seen on ``today``.

    Args:
        facts: the case's status and dates.
        today: the day ``days_left`` and ``status`` are counted from.

    Returns:
        One deadline per rule that applies, earliest ``act_by`` first. The reply deadline ends
        on the hearing's own ``reply_due`` where one is set, and is ``met`` (or ``late``) once a
        reply has come.
    """
    starts = _starts(facts)
    found: list[Deadline] = []
    for r in SECRETARIAT_RULES:
        if facts.status not in APPLIES_IN[r.id] or r.id not in starts:
            continue
        start, event = starts[r.id]
        done_on = facts.last_reply if r.id == "secretariat.reply" else None
        found_one = deadline(r, start, today, done_on=done_on, event=event)
        if r.id == "secretariat.reply" and facts.reply_due is not None:
            found_one = _ending(found_one, facts.reply_due, today)
        found.append(found_one)
    return sorted(found, key=lambda d: (d.act_by, d.ends))


def _ending(d: Deadline, ends: date, today: date) -> Deadline:
    """``d`` ending on ``ends`` instead (a reply deadline chosen when the hearing started)."""
    days_left = (ends - today).days
    if d.done_on is not None:
        status = d.status if ends == d.ends else ("met" if d.done_on <= ends else "late")
    else:
        status = status_for(days_left)
    return replace(d, ends=ends, act_by=act_by(ends), days_left=days_left, status=status)


def next_deadline(facts: SecretariatFacts, today: date) -> tuple[date | None, str | None]:
    """The case's next secretariat deadline, for the queue: the earliest ``act_by`` among the
    deadlines that apply and are not done yet.

    Args:
        facts: the case's status and dates.
        today: today.

    Returns:
        ``(act_by, rule id)``, or ``(None, None)`` when nothing is due (a closed case).
    """
    open_ones = [d for d in secretariat_deadlines(facts, today) if d.status not in ("met", "late")]
    if not open_ones:
        return None, None
    first = open_ones[0]
    return first.act_by, first.rule
