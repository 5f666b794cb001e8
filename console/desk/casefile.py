"""A case as the staff read it: the store's :class:`casestore.CaseWork` made JSON-ready, with
every label in the reader's language.

The filer's answers are read back as the intake's review reads them (its short labels and
its way of showing a value); the deadlines are worked out afresh for today, the filer's by the
same rules as at filing and the secretariat's by :mod:`statemachine.catalog.secretariat`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from casestore import CaseWork, MessageRow, QueueRow
from console.access import Staff
from console.desk import labels
from locales import Translator
from statemachine.catalog.attachments import attachment
from statemachine.catalog.casetypes import case_type
from statemachine.catalog.deadlines import DUE_SOON_DAYS, Deadline
from statemachine.catalog.secretariat import (
    SecretariatFacts,
    next_deadline,
    secretariat_deadlines,
)
from statemachine.catalog.tribunals import tribunal
from statemachine.engine.draft import Draft, split_key
from statemachine.errors import UnknownIdError
from statemachine.flows import intake, lifecycle
from statemachine.flows.intake.review import display, label, reviewed_keys
from statemachine.flows.intake.summaries import case_deadlines
from statemachine.text import N_, Text, t

Json = dict[str, Any]
"""A JSON-ready object."""
Names = Callable[[int], str]
"""Gives a staff member's name by id (for the audit trail)."""

NOBODY = N_("Nobody")
NONE_DUE = N_("None")


DECISION_EVENTS = frozenset({"case.decision", "case.decision_corrected"})
"""The audit lines of a registered decision (:mod:`casestore.decisions`)."""


def facts_of(work: CaseWork, staff: Staff, today: date) -> lifecycle.Facts:
    """What the lifecycle judges a step of ``staff`` on this case by, today."""
    hearing = work.hearings[-1] if work.hearings else None
    return lifecycle.Facts(
        status=work.status,
        role=staff.role,
        today=today,
        has_assignee=work.assignee_id is not None,
        counterparty_reachable=any(reachable(p) for p in counterparties(work)),
        reply_received=hearing is not None and hearing.replied_at is not None,
        reply_due=hearing.reply_due if hearing is not None else None,
        decision_recorded=any(e.get("kind") in DECISION_EVENTS for e in work.events),
        decision_anonymised=anonymised(work.events),
    )


def anonymised(events: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the current decision's anonymisation is accepted, by the audit trail: a
    ``case.anonymised`` line after the last registered decision and the last save of its
    replacements (the publish step itself reads the accepted preview)."""
    accepted = False
    for event in events:
        kind = event.get("kind")
        if kind in DECISION_EVENTS or kind == "case.anonymisation_saved":
            accepted = False
        elif kind == "case.anonymised":
            accepted = True
    return accepted


def secretariat_facts(
    work: CaseWork,
    status: str,
    *,
    hearing_started: date | None = None,
    reply_due: date | None = None,
) -> SecretariatFacts:
    """The dates the secretariat's deadlines run from, for the case in ``status`` (the new
    one, after a step); ``hearing_started`` and ``reply_due`` for a hearing that starts now,
    else the case's latest hearing counts."""
    filed_on = work.filed_at.date()
    if hearing_started is not None:
        return SecretariatFacts(filed_on, status, hearing_started, reply_due)
    hearing = work.hearings[-1] if work.hearings else None
    if hearing is None:
        return SecretariatFacts(filed_on, status)
    replied = hearing.replied_at.date() if hearing.replied_at is not None else None
    return SecretariatFacts(
        filed_on, status, hearing.started_at.date(), hearing.reply_due, last_reply=replied
    )


def counterparties(work: CaseWork) -> list[dict[str, Any]]:
    """The case's counterparties, as the store lists its parties."""
    return [p for p in work.parties if p.get("role") == "counterparty"]


def parties_label(work: CaseWork) -> str:
    """ "Filer / counterparty", as the queue shows the parties."""
    sides = [
        next((str(p.get("name") or "") for p in work.parties if p.get("role") == role), "")
        for role in ("filer", "counterparty")
    ]
    return " / ".join(side for side in sides if side)


def address(work: CaseWork) -> str:
    """The address of the home the case is about, as the filer gave it."""
    return str(work.answers.get("ask_address") or "")


def reachable(party: Mapping[str, Any]) -> bool:
    """Whether a letter can reach the party: it has an e-mail or a postal address."""
    return bool(party.get("email") or party.get("address"))


def case_json(work: CaseWork, staff: Staff, today: date, words: Translator, names: Names) -> Json:
    """The whole case, as ``GET /cases/{number}`` answers."""
    r = words.render
    court = tribunal(work.tribunal)
    assignee = _assignee(work.assignee_id, work.assignee_name)
    return {
        "number": work.number,
        "version": work.version,
        "status": work.status,
        "status_label": r(lifecycle.status_label(work.status)),
        "case_type": work.case_type,
        "case_type_label": r(case_type_label(work.case_type)),
        "tribunal": {"code": court.code, "name": r(court.name)},
        "housing": work.housing,
        "filed": work.filed_at.date().isoformat(),
        "lang": work.lang or "da",
        "assignee": assignee,
        "summary": _summary(work, today, words),
        "answers": answers(work, words),
        "parties": [_party(p, words) for p in work.parties],
        "attachments": [_attachment(a, words) for a in work.attachments],
        "deadlines": deadlines(work, today, words),
        "steps": steps(facts_of(work, staff, today), words),
        "notes": [
            {"id": n.id, "author": n.author, "at": _stamp(n.at), "text": n.text} for n in work.notes
        ],
        "messages": messages(work, words),
        "hearings": [
            {
                "id": h.id,
                "party": h.party_name,
                "started": _stamp(h.started_at),
                "reply_due": h.reply_due.isoformat(),
                "replied": _stamp(h.replied_at) if h.replied_at else None,
            }
            for h in work.hearings
        ],
        "history": [_history(e, words, _who(work, names)) for e in work.events],
    }


def messages(work: CaseWork, words: Translator) -> list[Json]:
    """The case's messages both ways, oldest first (see :func:`message_json`)."""
    answered = hearings_answered(work)
    return [message_json(work, m, words, answered) for m in work.messages]


def message_json(
    work: CaseWork,
    message: MessageRow,
    words: Translator,
    answered: Mapping[int, int] | None = None,
) -> Json:
    """A message on the case: one staff sent (``out``, to one party or to all) or a party's
    reply (``in``, from the party who wrote it, with the hearing it answers, if any).

    Args:
        answered: the hearing each reply answers, by message id (:func:`hearings_answered`).
    """
    inbound = message.direction == "in"
    party_id = message.party_id
    if party_id is None and not inbound and message.recipient.isdigit():
        party_id = int(message.recipient)
    party = next((p for p in work.parties if p["id"] == party_id), None)
    return {
        "id": message.id,
        "direction": "in" if inbound else "out",
        "author": message.author,
        "at": _stamp(message.at),
        "recipient": message.recipient,
        "party": _party_ref(party, words) if party is not None else None,
        "subject": message.subject,
        "body": message.body,
        "attachments": list(message.attachments),
        "hearing": (answered or {}).get(message.id) if inbound else None,
        "late": bool(message.late),
    }


def hearings_answered(work: CaseWork) -> dict[int, int]:
    """The hearing each party's reply answers, by the reply's message id, as the audit line
    of its arrival (``case.reply_received``) recorded it."""
    found: dict[int, int] = {}
    for entry in work.events:
        data = entry.get("data") or {}
        if entry.get("kind") != "case.reply_received" or not isinstance(data, Mapping):
            continue
        message, hearing = data.get("message"), data.get("hearing")
        if isinstance(message, int) and isinstance(hearing, int):
            found[message] = hearing
    return found


def row_json(row: QueueRow, today: date, words: Translator) -> Json:
    """One line of the queue."""
    r = words.render
    return {
        "number": row.number,
        "case_type": row.case_type,
        "case_type_label": r(case_type_label(row.case_type)),
        "parties": row.parties_label,
        "status": row.status,
        "status_label": r(lifecycle.status_label(row.status)),
        "assignee": _assignee(row.assignee_id, row.assignee_name),
        "next_deadline": next_deadline_json(row.next_deadline, row.next_rule, today, words),
        "filed": row.filed_at.date().isoformat(),
        "tribunal": row.tribunal,
        "housing": row.housing,
        "version": row.version,
    }


def next_deadline_json(
    act_by: date | None, rule: str | None, today: date, words: Translator
) -> Json | None:
    """A case's next deadline with the days left and a flag a reader sees without colour."""
    if act_by is None or rule is None:
        return None
    days_left = (act_by - today).days
    flag = "overdue" if days_left < 0 else "due_soon" if days_left <= DUE_SOON_DAYS else None
    return {
        "date": act_by.isoformat(),
        "days_left": days_left,
        "rule": rule,
        "label": words.render(labels.rule_label(rule)),
        "flag": flag,
    }


def case_type_label(case_type_id: str) -> Text:
    """A case type's label; its id for one the catalog no longer has."""
    try:
        return t(case_type(case_type_id).label)
    except UnknownIdError:
        return Text(case_type_id)


def draft_of(work: CaseWork) -> Draft:
    """The filer's answers as a finished draft, for the intake's own readers of answers."""
    return Draft(
        state="review",
        lang=work.lang or "da",
        answers=dict(work.answers),
        history=list(work.answers),
    )


def answers(work: CaseWork, words: Translator) -> list[Json]:
    """The filer's answers as question and answer, in the order they were given, worded as
    the review read them back to the filer."""
    run = intake.engine()
    draft = draft_of(work)
    lines = []
    for key in reviewed_keys(draft, run.states):
        state, item = split_key(key)
        spec = run.states[state]
        question = label(spec, run.params_of(spec, draft, item))
        value = display(draft, spec, item, draft.answers[key])
        lines.append({"question": words.render(question), "answer": words.param(value)})
    return lines


def deadlines(work: CaseWork, today: date, words: Translator) -> list[Json]:
    """The filer's deadlines and the secretariat's, worked out for today, earliest first."""
    r = words.render
    found: list[tuple[Deadline, str]] = [
        (d, "filer") for d in case_deadlines(draft_of(work), today, for_staff=True)
    ]
    found.extend(
        (d, "secretariat")
        for d in secretariat_deadlines(secretariat_facts(work, work.status), today)
    )
    found.sort(key=lambda pair: (pair[0].act_by, pair[0].rule))
    return [
        {
            "rule": d.rule,
            "label": r(labels.rule_label(d.rule)),
            "ends": d.ends.isoformat(),
            "act_by": d.act_by.isoformat(),
            "days_left": d.days_left,
            "status": d.status,
            "status_label": r(labels.deadline_state(d.status)),
            "consequence": r(Text(d.consequence)) if d.consequence else None,
            "side": side,
        }
        for d, side in found
    ]


def steps(facts: lifecycle.Facts, words: Translator) -> list[Json]:
    """The steps the caller may take now, with what each asks for."""
    r = words.render
    offered = []
    for name in lifecycle.allowed(facts):
        spec = lifecycle.STEPS[name]
        offered.append(
            {
                "step": name,
                "label": r(lifecycle.step_label(name)),
                "needs_reason": spec.needs_reason,
                "reasons": [
                    {"id": reason, "label": r(lifecycle.reason_label(name, reason))}
                    for reason in spec.reasons
                ],
                "needs_text": spec.needs_text,
            }
        )
    return offered


def _summary(work: CaseWork, today: date, words: Translator) -> list[Json]:
    r = words.render
    # Worked out for today, as the deadlines are: a case filed before the store kept its next
    # deadline has none stored.
    act_by, rule = next_deadline(secretariat_facts(work, work.status), today)
    due = f"{r(labels.rule_label(rule))}: {words.date(act_by)}" if act_by and rule else ""
    lines: list[tuple[str, str]] = [
        (N_("Case type"), r(case_type_label(work.case_type))),
        (N_("Status"), r(lifecycle.status_label(work.status))),
        (N_("Tribunal"), r(tribunal(work.tribunal).name)),
        (N_("Filed"), words.date(work.filed_at.date())),
        (N_("Parties"), parties_label(work)),
        (N_("Address"), address(work)),
        (N_("Assigned to"), work.assignee_name or r(t(NOBODY))),
        (N_("Next deadline"), due or r(t(NONE_DUE))),
    ]
    return [{"label": r(t(name)), "value": value} for name, value in lines]


def _party(party: Mapping[str, Any], words: Translator) -> Json:
    return {
        "id": party["id"],
        "role": party["role"],
        "role_label": words.render(labels.party_role(party["role"])),
        "name": party.get("name") or "",
        "kind": party.get("kind") or "person",
        "address": party.get("address"),
        "email": party.get("email"),
        "phone": party.get("phone"),
    }


def _party_ref(party: Mapping[str, Any], words: Translator) -> Json:
    """Who a message is from or to: the party's id, name and role."""
    return {
        "id": party["id"],
        "name": party.get("name") or "",
        "role": party["role"],
        "role_label": words.render(labels.party_role(party["role"])),
    }


def _attachment(found: Mapping[str, Any], words: Translator) -> Json:
    requirement = found.get("requirement")
    label_text: str | None = None
    if requirement:
        try:
            label_text = words.render(t(attachment(requirement).label))
        except UnknownIdError:
            label_text = requirement
    return {
        "id": found["id"],
        "filename": found["filename"],
        "media_type": found["media_type"],
        "size": found["size"],
        "requirement_label": label_text,
    }


def _who(work: CaseWork, staff_names: Names) -> Callable[[str, str], str | None]:
    """Names the staff member or party an audit line's actor (``staff:7``, ``party:3``) is."""
    parties = {str(p["id"]): str(p.get("name") or "") for p in work.parties}

    def name(kind: str, who: str) -> str | None:
        if kind == "staff" and who.isdigit():
            return staff_names(int(who))
        if kind == "party":
            return parties.get(who)
        return None

    return name


def _history(
    entry: Mapping[str, Any], words: Translator, names: Callable[[str, str], str | None]
) -> Json:
    r = words.render
    data = entry.get("data") or {}
    kind = entry["kind"]
    step, reason = str(data.get("step") or ""), data.get("reason")
    shown = r(lifecycle.step_label(step)) if kind == "case.step" and step in lifecycle.STEPS else ""
    reason_text = None
    if isinstance(reason, str) and step in lifecycle.STEPS:
        try:
            reason_text = r(lifecycle.reason_label(step, reason))
        except UnknownIdError:
            reason_text = reason
    return {
        "at": entry["at"] if isinstance(entry["at"], str) else _stamp(entry["at"]),
        "actor": _actor(str(entry.get("actor", "")), words, names),
        "kind": kind,
        "label": shown or r(labels.event(kind)),
        "from": _status(data.get("from"), words),
        "to": _status(data.get("to"), words),
        "reason": reason_text,
        "text": data.get("text") if isinstance(data.get("text"), str) else None,
    }


def _status(status: Any, words: Translator) -> str | None:
    if not isinstance(status, str) or status not in lifecycle.STATUSES:
        return None
    return words.render(lifecycle.status_label(status))


def _actor(actor: str, words: Translator, names: Callable[[str, str], str | None]) -> str:
    kind, _, who = actor.partition(":")
    named = names(kind, who)
    if named is not None:
        return named
    if kind == "filer":
        return words.render(t(labels.FILER))
    return words.render(t(labels.SYSTEM))


def _assignee(staff_id: int | None, name: str | None) -> Json | None:
    return {"id": staff_id, "name": name or ""} if staff_id is not None else None


def _stamp(at: datetime) -> str:
    return at.isoformat()
