"""The secretariat's work on a case: reading it whole, and each change with its audit line and
its mail, in the caller's one transaction.

A change to the case's own row (its status, assignee or next deadline) is made only if the
case is still at the version the caller read (optimistic locking), and bumps it; a stale
version is refused before anything is written. Notes and messages are added to the case
without changing its version, so writing one never makes a colleague's step stale.

Who may do what, and what the next deadline is, the caller has decided: the store records.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update

from casestore import rows
from casestore.caserecords import CaseWork, HearingRow, MessageRow, NoteRow, OutboxMail
from casestore.caseviews import CaseViews
from casestore.failures import (
    FOREIGN_ATTACHMENT,
    NO_CASE,
    NO_HEARING,
    NO_PARTY,
    NO_STAFF,
    STALE_CASE,
    QueryError,
)
from casestore.models import (
    ATTACHMENTS,
    CASES,
    EVENTS,
    HEARINGS,
    MESSAGES,
    NOTES,
    OUTBOX,
    PARTIES,
    STAFF,
)
from statemachine.errors import ConflictError, NotFoundError
from statemachine.text import t


class CaseworkQueries(CaseViews):
    """Changing a case (methods of :class:`casestore.Tx`)."""

    def change_status(
        self,
        number: str,
        *,
        expected_version: int,
        to: str,
        actor: str,
        data: dict[str, Any],
        next_deadline: date | None,
        next_rule: str | None,
        mail: Sequence[OutboxMail] = (),
    ) -> int:
        """Move a case to status ``to``, with a ``case.step`` audit line and its mail.

        Args:
            expected_version: the version the caller read the case at.
            actor: who did it, e.g. ``staff:7``.
            data: the step and what came with it (``step``, ``reason``, ``text``); the event
                gets ``from`` and ``to`` added.
            next_deadline: the case's next secretariat deadline in the new status, if any.
            next_rule: that deadline's rule id.
            mail: notices to the parties, queued in the outbox.

        Returns:
            The case's new version.

        Raises:
            NotFoundError: no such case.
            ConflictError: the case changed since ``expected_version``; nothing is written.
        """
        self._need_write()
        case_id, _, status, _ = self._locked(number, expected_version)
        new = self._bump(
            number,
            case_id,
            expected_version,
            status=to,
            status_at=self._now(),
            next_deadline=next_deadline,
            next_rule=next_rule,
        )
        self._event(case_id, "case.step", actor, {**data, "from": status, "to": to})
        self._queue(case_id, mail)
        return new

    def assign(
        self,
        number: str,
        *,
        staff_id: int | None,
        expected_version: int | None,
        actor: str,
        mail: Sequence[OutboxMail] = (),
    ) -> int:
        """Assign a case to a member of staff (None: to nobody), with a ``case.assigned`` line.

        Args:
            expected_version: the version the caller read the case at; None to assign
                whatever the case's version (bulk assignment from the queue).

        Returns:
            The case's new version.

        Raises:
            NotFoundError: no such case, or no such member of staff.
            ConflictError: the case changed since ``expected_version``; nothing is written.
        """
        self._need_write()
        case_id, _, _, version = self._locked(number, expected_version)
        if staff_id is not None and self._staff_name(staff_id) is None:
            raise NotFoundError(t(NO_STAFF))
        previous = self._conn.execute(
            select(CASES.c.assignee_id).where(CASES.c.id == case_id)
        ).scalar_one()
        new = self._bump(number, case_id, version, assignee_id=staff_id)
        self._event(case_id, "case.assigned", actor, {"staff": staff_id, "previous": previous})
        self._queue(case_id, mail)
        return new

    def add_note(self, number: str, *, staff_id: int, text: str, actor: str) -> NoteRow:
        """Add an internal note, which parties never see, with a ``case.note`` line.

        Raises:
            NotFoundError: no such case, or no such member of staff.
        """
        self._need_write()
        case_id = self.case_scope(number)[0]
        author = self._staff_name(staff_id)
        if author is None:
            raise NotFoundError(t(NO_STAFF))
        now = self._now()
        note_id = self._conn.execute(
            insert(NOTES).returning(NOTES.c.id),
            {"case_id": case_id, "staff_id": staff_id, "text": text, "at": now},
        ).scalar_one()
        self._event(case_id, "case.note", actor, {"note": note_id})
        return NoteRow(note_id, staff_id, author, text, now)

    def add_message(
        self,
        number: str,
        *,
        staff_id: int | None,
        recipient: str,
        subject: str,
        body: str,
        attachments: Sequence[str],
        actor: str,
        mail: Sequence[OutboxMail],
    ) -> MessageRow:
        """Record a message to one party (``recipient`` = their id as text) or ``all``, and
        queue its mail, with a ``case.message`` line.

        Raises:
            NotFoundError: no such case, or no such member of staff.
            QueryError: the recipient is not a party of the case, or an attachment is not
                one of its documents.
        """
        self._need_write()
        case_id = self.case_scope(number)[0]
        if recipient != "all":
            self._check_party(number, case_id, recipient)
        self._check_attachments(number, case_id, attachments)
        author = None if staff_id is None else self._staff_name(staff_id)
        if staff_id is not None and author is None:
            raise NotFoundError(t(NO_STAFF))
        now = self._now()
        values: dict[str, Any] = {"case_id": case_id, "staff_id": staff_id, "recipient": recipient}
        values |= {"subject": subject, "body": body, "attachments": list(attachments), "at": now}
        message_id = self._conn.execute(
            insert(MESSAGES).returning(MESSAGES.c.id), values
        ).scalar_one()
        data = {"message": message_id, "recipient": recipient, "subject": subject}
        self._event(case_id, "case.message", actor, data)
        self._queue(case_id, mail)
        return MessageRow(
            message_id, staff_id, author, recipient, subject, body, list(attachments), now
        )

    def start_hearing(
        self,
        number: str,
        *,
        expected_version: int,
        party_id: int,
        reply_due: date,
        material: Sequence[str],
        note: str,
        actor: str,
        next_deadline: date | None,
        next_rule: str | None,
        mail: Sequence[OutboxMail],
    ) -> HearingRow:
        """Send material to a party for their reply (partshøring) and set status ``hearing``:
        a ``case.hearing`` line, a ``case.step`` line (``start_hearing``) and the letter.

        Raises:
            NotFoundError: no such case.
            ConflictError: the case changed since ``expected_version``; nothing is written.
            QueryError: the party is not one of the case's, or the material is not its
                documents.
        """
        self._need_write()
        case_id, _, status, _ = self._locked(number, expected_version)
        party_name = self._check_party(number, case_id, str(party_id))
        self._check_attachments(number, case_id, material)
        now = self._now()
        self._bump(
            number,
            case_id,
            expected_version,
            status="hearing",
            status_at=now,
            next_deadline=next_deadline,
            next_rule=next_rule,
        )
        values: dict[str, Any] = {"case_id": case_id, "party_id": party_id, "started_at": now}
        values |= {"reply_due": reply_due, "material": list(material), "note": note}
        hearing_id = self._conn.execute(
            insert(HEARINGS).returning(HEARINGS.c.id), values
        ).scalar_one()
        data = {"hearing": hearing_id, "party": party_id, "reply_due": reply_due.isoformat()}
        self._event(case_id, "case.hearing", actor, data)
        step = {"step": "start_hearing", "from": status, "to": "hearing"}
        self._event(case_id, "case.step", actor, step)
        self._queue(case_id, mail)
        return HearingRow(
            hearing_id, party_id, party_name, now, reply_due, list(material), note, None
        )

    def record_reply(self, number: str, hearing_id: int) -> None:
        """Record that the party of a hearing replied (now), with a ``case.reply`` line; a
        second reply keeps the time of the first.

        Raises:
            NotFoundError: no such case, or the hearing is not this case's.
        """
        self._need_write()
        case_id = self.case_scope(number)[0]
        party_id = self._conn.execute(
            select(HEARINGS.c.party_id).where(
                HEARINGS.c.id == hearing_id, HEARINGS.c.case_id == case_id
            )
        ).scalar()
        if party_id is None:
            raise NotFoundError(t(NO_HEARING, number=number))
        self._conn.execute(
            update(HEARINGS)
            .where(HEARINGS.c.id == hearing_id, HEARINGS.c.replied_at.is_(None))
            .values(replied_at=self._now())
        )
        self._event(case_id, "case.reply", f"party:{party_id}", {"hearing": hearing_id})

    # --- helpers ------------------------------------------------------------------------------

    def _locked(self, number: str, expected_version: int | None) -> tuple[int, str, str, int]:
        """The case's scope, its row locked (PostgreSQL), checked to be at the version."""
        found = self._conn.execute(
            select(CASES.c.id, CASES.c.tribunal, CASES.c.status, CASES.c.version)
            .where(CASES.c.number == number)
            .with_for_update()
        ).first()
        if found is None:
            raise NotFoundError(t(NO_CASE, number=number))
        if expected_version is not None and found.version != expected_version:
            raise ConflictError(t(STALE_CASE, number=number))
        return found.id, found.tribunal, found.status, found.version

    def _bump(self, number: str, case_id: int, version: int, **values: Any) -> int:
        done = self._conn.execute(
            update(CASES)
            .where(CASES.c.id == case_id, CASES.c.version == version)
            .values(version=CASES.c.version + 1, **values)
        )
        if done.rowcount != 1:
            raise ConflictError(t(STALE_CASE, number=number))
        return version + 1

    def _event(self, case_id: int, kind: str, actor: str, data: dict[str, Any]) -> None:
        values = {"case_id": case_id, "draft_id": None, "kind": kind, "actor": actor}
        self._conn.execute(insert(EVENTS), {**values, "at": self._now(), "data": data})

    def _queue(self, case_id: int, mail: Sequence[OutboxMail]) -> None:
        if not mail:
            return
        self._mailed = True
        now = self._now()
        pending = {"state": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}
        self._conn.execute(
            insert(OUTBOX), [{"case_id": case_id, **rows.mail_values(m), **pending} for m in mail]
        )

    def _staff_name(self, staff_id: int) -> str | None:
        found = self._conn.execute(select(STAFF.c.name).where(STAFF.c.id == staff_id)).scalar()
        return None if found is None else str(found)

    def _check_party(self, number: str, case_id: int, party: str) -> str:
        """The name of the case's party with this id (as text)."""
        name = None
        if party.isdigit():
            name = self._conn.execute(
                select(PARTIES.c.name).where(
                    PARTIES.c.id == int(party), PARTIES.c.case_id == case_id
                )
            ).scalar()
        if name is None:
            raise QueryError(t(NO_PARTY, number=number))
        return str(name)

    def _check_attachments(self, number: str, case_id: int, ids: Sequence[str]) -> None:
        if not ids:
            return
        found = self._conn.execute(
            select(ATTACHMENTS.c.id).where(
                ATTACHMENTS.c.id.in_(list(ids)), ATTACHMENTS.c.case_id == case_id
            )
        ).scalars()
        if set(found) != set(ids):
            raise QueryError(t(FOREIGN_ATTACHMENT, number=number))


__all__ = ["CaseWork", "CaseworkQueries"]
