"""The decision on the desk: the automatic draft, the caseworker's edits of the box and the free
texts, the PDF, and registering it (a mixin of :class:`console.desk.Desk`).

- ``decision``: the case's draft (or its current decision), the document as text, the lists to
  pick from, and what still stops registering it.
- ``save_decision``: a caseworker or lead saves the draft; each value is checked against its
  list as it is saved. Once a decision is registered, a new draft is a **correction** and
  needs a reason.
- ``register_decision``: a lead registers the draft. The first decision takes the lifecycle
  step ``decide`` (``on_agenda`` → ``decided``, with ``Facts.decision_recorded``); a correction
  of a decided or published case changes no status, keeps the old version, and writes a
  ``case.decision_corrected`` audit line with the reason. Either way, in one transaction: the
  PDF becomes a file of the case, each party gets it through the outbox, and the appeal
  deadline starts on today's notification.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from casestore import CaseWork, DecisionRow, Tx
from console.access import Staff
from console.desk.base import DeskBase
from console.desk.casefile import Json, facts_of, secretariat_facts
from console.desk.checks import at_version, written
from console.desk.decisionletters import decision_letters
from console.desk.decisionpdf import (
    DOCUMENT_LANG,
    box_of,
    box_of_row,
    case_facts,
    decision_pdf,
    draft_of,
    rendered,
)
from locales import Translator, translator
from statemachine.catalog import decisions as catalog
from statemachine.catalog.appeal import appeal_route
from statemachine.catalog.deadlines import Deadline, deadline, rule
from statemachine.catalog.ids import Housing
from statemachine.catalog.secretariat import next_deadline
from statemachine.errors import ConflictError, InvalidInputError, NotFoundError
from statemachine.flows import lifecycle
from statemachine.flows.decision import standard_texts
from statemachine.text import N_, Text, t

CORRECTABLE: Final = ("decided", "published")
"""The statuses in which a registered decision is changed only by a correction."""
MAX_FREE_TEXT: Final = 50000
"""The longest free text of a decision."""
MAX_REASON: Final = 2000
"""The longest reason for a correction."""

BAD_DATE = N_("{field} must be a date such as 2026-12-01.")
BAD_NUMBER = N_("{field} must be a number.")
BAD_LIST = N_("{field} must be a list.")
UNKNOWN_FIELD = N_("A decision has no field {value}.")
NEEDS_REASON = N_(
    "This case's decision is registered, so a change is a correction: say why it is corrected."
)
NOT_DECIDABLE = N_(
    "A decision is registered for a case on a meeting's agenda; case {number} is {status}."
)
NO_DRAFT = N_("Case {number} has no draft decision. Save one first.")
STALE_DRAFT = N_("The draft decision changed since you opened it. Open it again.")
NOT_READY = N_("The decision cannot be registered yet: {problems}")
CORRECTED_MESSAGE = N_("The decision is corrected: {reason}")
NO_DECISION_DOCUMENT = N_("Case {number} has no decision version {version}.")

_DATES: Final = ("decided_on", "rent_from")
_LISTS: Final = ("subjects", "statutes")
_TEXTS: Final = ("decision_text", "facts_text", "reasons_text")
_FIELDS: Final = frozenset(
    (*catalog.BOX_FIELDS, *_DATES, *_LISTS, *_TEXTS, "rent_amount", "rent_area")
)


class Decisions(DeskBase):
    """The desk methods of a case's decision (see :class:`console.desk.Desk`)."""

    def decision(self, staff: Staff, number: str, *, lang: str = "da") -> Json:
        """``GET /cases/{number}/decision``: the draft (else the current decision, else a
        new one from the case), the document as Danish text, its versions, the lists to pick
        from, and the problems that stop registering it (in ``lang``).

        Raises:
            NotFoundError: no such case in the caller's tribunals.
        """
        with self._store.read() as tx:
            case_id = self._scope(tx, staff, number, "read")[0]
            return self._decision_json(tx, tx.casework(number), case_id, lang)

    def save_decision(
        self,
        staff: Staff,
        number: str,
        fields: Mapping[str, Any],
        *,
        version: int | None = None,
        correction_reason: str | None = None,
        lang: str = "da",
    ) -> Json:
        """``PUT /cases/{number}/decision``: save the draft decision; the decision after it.

        Args:
            fields: the box fields and free texts (as JSON: dates ISO, the rent as text or a
                number); those left out are NOT_SET or empty.
            version: the draft's version the caller edited (None: a new draft).
            correction_reason: why, when a registered decision is corrected.

        Raises:
            InvalidInputError: an unknown field, or a value not on its list (422).
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not draft decisions (caseworkers and leads may).
            ConflictError: the draft changed since ``version``.
        """
        values = parse_fields(fields)
        box = catalog.BoxValues(**{k: v for k, v in values.items() if k not in _TEXTS})
        with self._store.begin() as tx:
            case_id = self._scope(tx, staff, number, "message")[0]
            work = tx.casework(number)
            problems = catalog.check_choices(box)
            if box.decided_on is not None:
                problems += catalog.check_dates(box, work.filed_at.date())
            _refuse(problems, translator(lang))
            reason = None
            if tx.current_decision(case_id) is not None:
                if not (correction_reason and correction_reason.strip()):
                    draft = tx.decision_draft(case_id)
                    if draft is None or not draft.correction_reason:
                        raise InvalidInputError(t(NEEDS_REASON))
                else:
                    reason = written(correction_reason, N_("reason"), MAX_REASON)
            tx.save_decision_draft(
                case_id,
                values,
                actor=staff.actor,
                expected_version=version,
                correction_reason=reason,
            )
            return self._decision_json(tx, tx.casework(number), case_id, lang)

    def decision_document(
        self, staff: Staff, number: str, *, version: int | None = None, output: str = "pdf"
    ) -> bytes:
        """``GET /cases/{number}/decision.pdf``: a decision version as PDF: a registered one
        as it was sent, the draft (or a new decision) typeset now, marked UDKAST.

        Args:
            version: the version; None: the draft, else the current decision.
            output: ``pdf``, or ``png`` for its first page.

        Raises:
            NotFoundError: no such case in the caller's tribunals, or no such version.
        """
        today = self._clock()
        with self._store.read() as tx:
            case_id = self._scope(tx, staff, number, "read")[0]
            work = tx.casework(number)
            if version is not None:
                try:
                    row: DecisionRow | None = tx.decision_version(case_id, version)
                except NotFoundError:
                    raise NotFoundError(
                        t(NO_DECISION_DOCUMENT, number=number, version=version)
                    ) from None
            else:
                row = tx.decision_draft(case_id) or tx.current_decision(case_id)
        if row is not None and row.registered and row.document_id and output == "pdf":
            for found in work.attachments:
                if found["id"] == row.document_id:
                    return self._store.blobs.path_of(found["sha256"]).read_bytes()
        is_draft = row is None or not row.registered
        return decision_pdf(work, row, today, is_draft=is_draft, output=output)

    def register_decision(
        self,
        staff: Staff,
        number: str,
        *,
        version: int,
        case_version: int,
        lang: str = "da",
    ) -> Json:
        """``POST /cases/{number}/decision/register``: register the draft as the case's
        decision; the decision after it.

        Args:
            version: the draft's version the caller read.
            case_version: the case's version the caller read.

        Raises:
            InvalidInputError: the draft is not complete or not valid; every problem is in
                the error's ``problems`` (422).
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not register decisions (a lead may).
            ConflictError: a stale version, no draft, or the case not on an agenda (409).
        """
        today = self._clock()
        with self._store.begin() as tx:
            case_id = self._scope(tx, staff, number, "step", step="decide")[0]
            work = at_version(tx.casework(number), case_version)
            draft = tx.decision_draft(case_id)
            if draft is None:
                raise ConflictError(t(NO_DRAFT, number=number))
            if draft.version != version:
                raise ConflictError(t(STALE_DRAFT))
            box = box_of(draft, work)
            _refuse(catalog.check_decision(box, work.filed_at.date()), translator(lang))
            earlier = tx.current_decision(case_id)
            change = None
            if earlier is None:
                facts = replace(facts_of(work, staff, today), decision_recorded=True)
                if work.status != "on_agenda":
                    raise ConflictError(
                        t(NOT_DECIDABLE, number=number, status=lifecycle.status_label(work.status))
                    )
                change = lifecycle.apply(facts, lifecycle.Request("decide"))
            elif work.status not in CORRECTABLE:
                raise ConflictError(
                    t(NOT_DECIDABLE, number=number, status=lifecycle.status_label(work.status))
                )
            appeal = appeal_deadline(work, today)
            pdf = decision_pdf(work, draft, today, is_draft=False, appeal_ends=appeal.ends)
            ref = self._store.blobs.put_chunks([pdf])
            document = tx.add_case_attachment(
                case_id,
                filename=f"afgoerelse-{number}-v{draft.version}.pdf",
                size=ref.size,
                sha256=ref.sha256,
                media_type="application/pdf",
            )
            correction = draft.correction_reason if earlier is not None else None
            mails = decision_letters(
                work, document.id, appeal.ends, self._public_url, correction=correction
            )
            tx.record_decision(
                case_id,
                version=draft.version,
                actor=staff.actor,
                notified_on=today,
                document_id=document.id,
                deadline=appeal.as_json(),
            )
            if change is not None:
                due, next_rule = next_deadline(secretariat_facts(work, change.dest), today)
                tx.change_status(
                    number,
                    expected_version=case_version,
                    to=change.dest,
                    actor=staff.actor,
                    data={**change.data, "decision": draft.version},
                    next_deadline=due,
                    next_rule=next_rule,
                    mail=mails,
                )
            elif mails:
                words = translator(work.lang or "da")
                tx.add_message(
                    number,
                    staff_id=staff.id,
                    recipient="all",
                    subject=mails[0].subject,
                    body=words.render(t(CORRECTED_MESSAGE, reason=correction or "")),
                    attachments=[document.id],
                    actor=staff.actor,
                    mail=mails,
                )
            return self._decision_json(tx, tx.casework(number), case_id, lang)

    # --- helpers ------------------------------------------------------------------------------

    def _decision_json(self, tx: Tx, work: CaseWork, case_id: int, lang: str) -> Json:
        today = self._clock()
        words = translator(lang)
        versions = tx.decision_versions(case_id)
        draft = tx.decision_draft(case_id)
        current = tx.current_decision(case_id)
        shown = draft or current
        box = box_of(shown, work)
        standard = standard_texts(case_facts(work), box)
        danish = translator(DOCUMENT_LANG)
        problems = catalog.check_decision(box, work.filed_at.date())
        return {
            "number": work.number,
            "status": work.status,
            "case_version": work.version,
            "draft": _row_json(draft, words) if draft else None,
            "current": _row_json(current, words) if current else None,
            "versions": [_version_json(v) for v in versions],
            "box": _box_json(box),
            "document": rendered(draft_of(work, shown, today), DOCUMENT_LANG),
            "standard": {
                key: "\n\n".join(danish.render(p) for p in paragraphs)
                for key, paragraphs in standard.items()
            },
            "decides_rent": catalog.decides_rent(box.outcome, box.subjects),
            "problems": [words.render(p) for p in problems],
            "choices": choices_json(words),
            "correction": current is not None,
        }


def appeal_deadline(work: CaseWork, today: date) -> Deadline:
    """The appeal deadline, counted from today's notification of the parties."""
    housing: Housing = "social" if work.housing == "social" else "private"
    route = appeal_route(housing, work.municipality_code, work.case_type)
    return deadline(rule(route.rule), today, today, housing=housing, event="decision_notified")


def parse_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A decision's fields from JSON: dates from ISO text, the rent as a Decimal, the area as
    a whole number, lists as tuples; empty text as None.

    Raises:
        InvalidInputError: an unknown field, or a value of the wrong kind.
    """
    values: dict[str, Any] = {}
    for name, raw in fields.items():
        if name not in _FIELDS:
            raise InvalidInputError(t(UNKNOWN_FIELD, value=name))
        label = Text(catalog.BOX_LABELS.get(name, name))
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            values[name] = None
        elif name in _DATES:
            try:
                values[name] = date.fromisoformat(str(raw).strip())
            except ValueError:
                raise InvalidInputError(t(BAD_DATE, field=label)) from None
        elif name in _LISTS:
            if not isinstance(raw, list | tuple) or not all(isinstance(v, str) for v in raw):
                raise InvalidInputError(t(BAD_LIST, field=label))
            values[name] = tuple(raw)
        elif name == "rent_amount":
            try:
                values[name] = Decimal(str(raw).strip().replace(",", "."))
            except InvalidOperation:
                raise InvalidInputError(t(BAD_NUMBER, field=label)) from None
        elif name == "rent_area":
            if isinstance(raw, bool) or not str(raw).strip().isdigit():
                raise InvalidInputError(t(catalog.BAD_AREA))
            values[name] = int(str(raw).strip())
        elif name in _TEXTS:
            values[name] = written(str(raw), N_("text"), MAX_FREE_TEXT)
        else:
            values[name] = str(raw).strip()
    for name in ("outcome", "in_favour", "fee_imposed", "locally_inspected", "public_interest"):
        if values.get(name) is None:
            values[name] = catalog.NOT_SET
    for name in _LISTS:
        values.setdefault(name, ())
        if values[name] is None:
            values[name] = ()
    return values


def choices_json(words: Translator) -> Json:
    """The lists to pick from, with their labels in ``words``' language."""
    r = words.render
    lists: dict[str, Any] = {
        name: [{"id": value, "label": r(label)} for value, label in choices.items()]
        for name, choices in catalog.BOX_FIELDS.items()
    }
    lists["subjects"] = [{"id": k, "label": r(v)} for k, v in catalog.SUBJECTS.items()]
    lists["statutes"] = [{"id": k, "label": s.label} for k, s in catalog.STATUTES.items()]
    lists["labels"] = {name: r(label) for name, label in catalog.BOX_LABELS.items()}
    return lists


def _box_json(box: catalog.BoxValues) -> Json:
    return {
        "outcome": box.outcome,
        "in_favour": box.in_favour,
        "fee_imposed": box.fee_imposed,
        "locally_inspected": box.locally_inspected,
        "public_interest": box.public_interest,
        "decided_on": box.decided_on.isoformat() if box.decided_on else None,
        "subjects": list(box.subjects),
        "statutes": list(box.statutes),
        "rent_method": box.rent_method,
        "rent_category": box.rent_category,
        "rent_declaration": box.rent_declaration,
        "rent_amount": str(box.rent_amount) if box.rent_amount is not None else None,
        "rent_area": box.rent_area,
        "rent_from": box.rent_from.isoformat() if box.rent_from else None,
    }


def _row_json(row: DecisionRow, words: Translator) -> Json:
    box = box_of_row(row)
    return {
        **_version_json(row),
        **_box_json(box),
        "decision_text": row.decision_text,
        "facts_text": row.facts_text,
        "reasons_text": row.reasons_text,
        "outcome_label": words.render(catalog.value_label("outcome", row.outcome)),
    }


def _version_json(row: DecisionRow) -> Json:
    return {
        "version": row.version,
        "state": row.state,
        "decided_on": row.decided_on.isoformat() if row.decided_on else None,
        "outcome": row.outcome,
        "correction_reason": row.correction_reason,
        "registered_at": row.registered_at.isoformat() if row.registered_at else None,
        "notified_on": row.notified_on.isoformat() if row.notified_on else None,
        "document_id": row.document_id,
    }


def _refuse(problems: list[Text], words: Translator) -> None:
    """Raise one error holding every problem, the first as its message."""
    if not problems:
        return
    error = InvalidInputError(t(NOT_READY, problems=tuple(problems)))
    error.details = {"problems": [words.render(p) for p in problems]}
    raise error
