"""The desk's changes to a case: lifecycle steps, assignment, notes, messages and hearings.

Each is one transaction that first checks scope and role (:meth:`DeskBase._scope`), then the
case's version where the change is to the case itself, then what the lifecycle says, and
only then writes: the change, its audit line and its mail together, or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, Literal

from casestore import CaseWork, Tx, access_digest, new_access_code
from console.access import Staff, authorize
from console.desk.base import DeskBase
from console.desk.casefile import Json, facts_of, message_json, secretariat_facts
from console.desk.checks import (
    NOBODY_REACHABLE,
    NOT_A_PARTY,
    STALE,
    at_version,
    check_colleague,
    check_material,
    party_heard,
    written,
)
from console.desk.letters import hearing_letter, message_mails
from console.desk.notices import hearing_news, notices, status_news
from locales import translator
from statemachine.catalog.calendar import add_period
from statemachine.catalog.secretariat import next_deadline
from statemachine.errors import ConflictError, InvalidInputError, NaevnError, StepRefusedError
from statemachine.flows import lifecycle
from statemachine.text import N_, t

StaffRef = int | Literal["me"] | None
"""Whom to assign to: a staff id, the caller (``"me"``), or nobody (None)."""

REPLY_DAYS: Final = 14
"""The counterparty's time to reply to a hearing, in days (domain.md D17b: 2 weeks)."""
MAX_REPLY_DAYS: Final = 90
"""The longest reply time a hearing may give."""
MAX_NOTE: Final = 20000
"""The longest note, in characters."""
MAX_SUBJECT: Final = 400
"""The longest message subject."""
MAX_BODY: Final = 50000
"""The longest message text."""
CODE_DAYS: Final = 30
"""Days after the reply deadline that a hearing code still opens the case page: the party
can read what they were sent, and what came of it, for a while after replying."""

UNKNOWN_STEP = N_("There is no step called {value}. Use one of: {valid}.")
BAD_RECIPIENT = N_("Send the message to all, or to one party by its id.")
BAD_REPLY_DAYS = N_("The reply time is from 1 to {most} days.")


class Changes(DeskBase):
    """The desk methods that change a case (see :class:`console.desk.Desk`)."""

    def step(
        self,
        staff: Staff,
        number: str,
        step: str,
        *,
        version: int,
        reason: str | None = None,
        text: str | None = None,
        lang: str = "da",
    ) -> Json:
        """``POST /cases/{number}/steps``: take one lifecycle step; the case after it.

        ``start_hearing`` starts a hearing of the first counterparty with no material, as
        :meth:`start_hearing` does with its defaults.

        Raises:
            InvalidInputError: an unknown step, or a reason or text missing (422).
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not take the step.
            ConflictError: a stale version, or the step not possible now (409).
        """
        if step not in lifecycle.STEPS:
            raise InvalidInputError(t(UNKNOWN_STEP, value=step, valid=", ".join(lifecycle.STEPS)))
        if step == "start_hearing":
            return self.start_hearing(staff, number, version=version, lang=lang)
        today = self._clock()
        with self._store.begin() as tx:
            self._scope(tx, staff, number, "step", step=step)
            work = at_version(tx.casework(number), version)
            change = lifecycle.apply(
                facts_of(work, staff, today), lifecycle.Request(step, reason, text)
            )
            self._move(tx, staff, work, change, version, today)
            return self._case_json(tx, staff, tx.casework(number), lang)

    def assign(
        self,
        staff: Staff,
        number: str,
        target: StaffRef,
        *,
        version: int | None = None,
        lang: str = "da",
    ) -> Json:
        """``POST /cases/{number}/assign``: assign the case (to nobody: None). A submitted
        case becomes ``assigned`` in the same transaction.

        A caseworker assigns only to themselves (and unassigns only themselves); a lead to
        anyone of the case's tribunal.

        Raises:
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not assign to that colleague.
            InvalidInputError: the colleague does not work for the case's tribunal.
            ConflictError: a stale version.
        """
        with self._store.begin() as tx:
            self._assign(tx, staff, number, target, version)
            return self._case_json(tx, staff, tx.casework(number), lang)

    def bulk_assign(
        self,
        staff: Staff,
        numbers: Sequence[str],
        target: int | Literal["me"],
        *,
        lang: str = "da",
    ) -> Json:
        """``POST /assign``: assign several cases, each in a transaction of its own; those
        that cannot be assigned are listed with why.

        Raises:
            AccessError: a role other than lead assigning to someone else (nothing changes).
        """
        mine = target == "me" or target == staff.id
        authorize(staff, "assign" if mine else "bulk_assign")
        words = translator(lang)
        assigned: list[str] = []
        refused: list[dict[str, str]] = []
        for number in dict.fromkeys(numbers):
            try:
                with self._store.begin() as tx:
                    self._assign(tx, staff, number, target, None)
            except NaevnError as err:
                refused.append({"number": number, "message": words.render(err.message)})
                continue
            assigned.append(number)
        return {"assigned": assigned, "refused": refused}

    def add_note(self, staff: Staff, number: str, text: str) -> Json:
        """``POST /cases/{number}/notes``: an internal note, which parties never see.

        Raises:
            InvalidInputError: an empty or too long note.
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not add notes.
        """
        with self._store.begin() as tx:
            self._scope(tx, staff, number, "note")
            note = tx.add_note(
                number,
                staff_id=staff.id,
                text=written(text, N_("note"), MAX_NOTE),
                actor=staff.actor,
            )
        return {"id": note.id, "author": note.author, "at": note.at.isoformat(), "text": note.text}

    def send_message(
        self,
        staff: Staff,
        number: str,
        *,
        to: str,
        subject: str,
        body: str,
        attachments: Sequence[str] = (),
        lang: str = "da",
    ) -> Json:
        """``POST /cases/{number}/messages``: a message to one party (its id) or ``all``,
        stored and queued for each reachable recipient in the same transaction; the message
        as the case lists it (labels in ``lang``).

        Raises:
            InvalidInputError: empty text, an unknown party, another case's document, or
                nobody to send it to.
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not write to parties.
        """
        subject = written(subject, N_("subject"), MAX_SUBJECT)
        body = written(body, N_("message"), MAX_BODY)
        with self._store.begin() as tx:
            self._scope(tx, staff, number, "message")
            work = tx.casework(number)
            check_material(work, attachments)
            if to == "all":
                parties = work.parties
            else:
                parties = [p for p in work.parties if str(p["id"]) == to]
                if not to.isdigit():
                    raise InvalidInputError(t(BAD_RECIPIENT))
                if not parties:
                    raise InvalidInputError(t(NOT_A_PARTY, number=number, party=to))
            # The message's own mail tells each recipient where to read and answer it, so
            # it is their notice: nobody gets a second one for it.
            mails = message_mails(
                work,
                parties,
                subject=subject,
                body=body,
                attachments=attachments,
                public_url=self._public_url,
            )
            if not mails:
                raise InvalidInputError(t(NOBODY_REACHABLE))
            sent = tx.add_message(
                number,
                staff_id=staff.id,
                recipient=to,
                subject=subject,
                body=body,
                attachments=list(attachments),
                actor=staff.actor,
                mail=mails,
            )
        return message_json(work, sent, translator(lang))

    def start_hearing(
        self,
        staff: Staff,
        number: str,
        *,
        version: int,
        party: int | None = None,
        material: Sequence[str] = (),
        reply_days: int | None = None,
        note: str | None = None,
        lang: str = "da",
    ) -> Json:
        """``POST /cases/{number}/hearing``: send material to a party (the first
        counterparty unless one is named) with a reply deadline, and set status ``hearing``;
        the hearing letter is queued in the case's language.

        Raises:
            InvalidInputError: an unknown party, another case's document, a reply time out of
                range.
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not start hearings.
            ConflictError: a stale version, or a hearing not possible now (409).
        """
        days = REPLY_DAYS if reply_days is None else reply_days
        if not 0 < days <= MAX_REPLY_DAYS:
            raise InvalidInputError(t(BAD_REPLY_DAYS, most=MAX_REPLY_DAYS))
        today = self._clock()
        with self._store.begin() as tx:
            self._scope(tx, staff, number, "hearing")
            self._scope(tx, staff, number, "step", step="start_hearing")
            work = at_version(tx.casework(number), version)
            lifecycle.apply(facts_of(work, staff, today), lifecycle.Request("start_hearing"))
            heard = party_heard(work, party)
            check_material(work, material)
            reply_due = add_period(today, days, "days")
            due, rule = next_deadline(
                secretariat_facts(work, "hearing", hearing_started=today, reply_due=reply_due),
                today,
            )
            words = written(note, N_("note"), MAX_NOTE) if note and note.strip() else ""
            code = new_access_code()
            letter = hearing_letter(
                work, heard, reply_due, material, words, code=code, public_url=self._public_url
            )
            # The heard party's news is the letter itself; the other parties are told of it.
            news = hearing_news(str(heard.get("name") or ""), reply_due)
            others = notices(work, news, self._public_url, skip=[int(heard["id"])])
            hearing = tx.start_hearing(
                number,
                expected_version=version,
                party_id=int(heard["id"]),
                reply_due=reply_due,
                material=list(material),
                note=words,
                actor=staff.actor,
                next_deadline=due,
                next_rule=rule,
                mail=[letter, *others],
            )
            # Only the hash is kept: the code itself is in the letter and nowhere else.
            tx.add_access_code(
                work.case_id,
                kind="hearing",
                code_hash=access_digest(code),
                party_id=int(heard["id"]),
                hearing_id=hearing.id,
                expires_at=code_expiry(reply_due),
            )
            return self._case_json(tx, staff, tx.casework(number), lang)

    # --- helpers ------------------------------------------------------------------------------

    def _move(
        self,
        tx: Tx,
        staff: Staff,
        work: CaseWork,
        change: lifecycle.Change,
        version: int,
        today: date,
    ) -> int:
        """Store a lifecycle change with the case's next deadline in its new status, and a
        notice to each party with an e-mail address if the status changes."""
        due, rule = next_deadline(secretariat_facts(work, change.dest), today)
        moved = change.dest != work.status
        return tx.change_status(
            work.number,
            expected_version=version,
            to=change.dest,
            actor=staff.actor,
            data=change.data,
            next_deadline=due,
            next_rule=rule,
            mail=notices(work, status_news(change.dest), self._public_url) if moved else (),
        )

    def _assign(
        self, tx: Tx, staff: Staff, number: str, target: StaffRef, version: int | None
    ) -> None:
        """Assign one case in ``tx``; a submitted case takes the ``assign`` step too."""
        _, court, status, current = self._scope(tx, staff, number, "read")
        if version is not None and version != current:
            raise ConflictError(t(STALE, number=number))
        wanted = staff.id if target == "me" else target
        work = tx.casework(number)
        mine = wanted == staff.id or (wanted is None and work.assignee_id == staff.id)
        self._scope(tx, staff, number, "assign" if mine else "assign_other")
        if wanted is not None and wanted != staff.id:
            check_colleague(tx, staff, wanted, court)
        new = tx.assign(number, staff_id=wanted, expected_version=current, actor=staff.actor)
        if wanted is None or status != "submitted" or "assign" not in lifecycle.STEPS:
            return
        assigned = tx.casework(number)
        facts = facts_of(assigned, staff, self._clock())
        if "assign" not in lifecycle.allowed(facts):
            return
        try:
            change = lifecycle.apply(facts, lifecycle.Request("assign"))
        except StepRefusedError:
            return
        self._move(tx, staff, assigned, change, new, self._clock())


def code_expiry(reply_due: date) -> datetime:
    """When a hearing code stops working: :data:`CODE_DAYS` whole days after the reply
    deadline (the start of the next day, UTC)."""
    last = reply_due + timedelta(days=CODE_DAYS + 1)
    return datetime.combine(last, time.min, tzinfo=UTC)
