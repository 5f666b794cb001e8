"""Reading a case as the secretariat works it: cheaply for a check, or whole for its screen."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from casestore import rows
from casestore.caserecords import CaseWork, HearingRow, MessageRow, NoteRow
from casestore.failures import NO_CASE
from casestore.models import (
    ATTACHMENTS,
    CASES,
    DEADLINES,
    EVENTS,
    HEARINGS,
    MESSAGES,
    NOTES,
    PARTIES,
    STAFF,
)
from casestore.records import CaseRecord
from casestore.txbase import TxBase
from statemachine.errors import NotFoundError
from statemachine.text import t

_WORK_COLUMNS: tuple[ColumnElement[Any], ...] = (
    CASES.c.tribunal,
    CASES.c.address,
    CASES.c.parties_label,
    CASES.c.version,
    CASES.c.assignee_id,
    STAFF.c.name.label("assignee_name"),
    CASES.c.next_deadline,
    CASES.c.next_rule,
    CASES.c.status_at,
)
_RECORD_FIELDS = tuple(f.name for f in fields(CaseRecord))


class CaseViews(TxBase):
    """A case for the secretariat (methods of :class:`casestore.Tx`)."""

    def case_scope(self, number: str) -> tuple[int, str, str, int]:
        """What an access check needs, in one small read: (case id, tribunal, status, version).

        Raises:
            NotFoundError: no such case.
        """
        found = self._conn.execute(
            select(CASES.c.id, CASES.c.tribunal, CASES.c.status, CASES.c.version).where(
                CASES.c.number == number
            )
        ).first()
        if found is None:
            raise NotFoundError(t(NO_CASE, number=number))
        return int(found.id), str(found.tribunal), str(found.status), int(found.version)

    def casework(self, number: str) -> CaseWork:
        """The whole case: as filed, where the secretariat is with it, its notes, messages,
        hearings and audit trail (oldest first each). Its parties carry their ``id``.

        Raises:
            NotFoundError: no such case.
        """
        row = self._conn.execute(
            select(*rows.SUMMARY_COLUMNS, *rows.DETAIL_COLUMNS, *_WORK_COLUMNS)
            .select_from(CASES.outerjoin(STAFF, STAFF.c.id == CASES.c.assignee_id))
            .where(CASES.c.number == number)
        ).first()
        if row is None:
            raise NotFoundError(t(NO_CASE, number=number))
        case_id = row.id
        parties = self._conn.execute(
            select(PARTIES.c.id, *rows.PARTY_COLUMNS)
            .where(PARTIES.c.case_id == case_id)
            .order_by(PARTIES.c.id)
        ).all()
        attachments = self._conn.execute(
            select(*rows.ATTACHMENT_COLUMNS)
            .where(ATTACHMENTS.c.case_id == case_id)
            .order_by(ATTACHMENTS.c.created_at, ATTACHMENTS.c.id)
        )
        deadlines = self._conn.execute(
            select(*rows.DEADLINE_COLUMNS)
            .where(DEADLINES.c.case_id == case_id)
            .order_by(DEADLINES.c.id)
        )
        events = self._conn.execute(
            select(*rows.EVENT_COLUMNS)
            .where(or_(EVENTS.c.case_id == case_id, EVENTS.c.draft_id == row.draft_id))
            .order_by(EVENTS.c.at, EVENTS.c.id)
        )
        record = rows.case_record(row, [], attachments, deadlines, events)
        filed: dict[str, Any] = {name: getattr(record, name) for name in _RECORD_FIELDS}
        filed["parties"] = [
            {"id": party.id, **dict(zip(rows.PARTY_FIELDS, party[1:], strict=True))}
            for party in parties
        ]
        names = {party.id: party.name for party in parties}
        return CaseWork(
            **filed,
            case_id=case_id,
            tribunal=row.tribunal,
            address=row.address,
            parties_label=row.parties_label,
            version=row.version,
            assignee_id=row.assignee_id,
            assignee_name=row.assignee_name,
            next_deadline=row.next_deadline,
            next_rule=row.next_rule,
            status_at=row.status_at,
            notes=self._notes(case_id),
            messages=self._messages(case_id),
            hearings=[
                HearingRow(
                    h.id,
                    h.party_id,
                    names.get(h.party_id, ""),
                    h.started_at,
                    h.reply_due,
                    list(h.material),
                    h.note,
                    h.replied_at,
                )
                for h in self._conn.execute(
                    select(HEARINGS)
                    .where(HEARINGS.c.case_id == case_id)
                    .order_by(HEARINGS.c.started_at, HEARINGS.c.id)
                )
            ],
        )

    def _notes(self, case_id: int) -> list[NoteRow]:
        stmt = (
            select(NOTES.c.id, NOTES.c.staff_id, STAFF.c.name, NOTES.c.text, NOTES.c.at)
            .join(STAFF, STAFF.c.id == NOTES.c.staff_id)
            .where(NOTES.c.case_id == case_id)
            .order_by(NOTES.c.at, NOTES.c.id)
        )
        return [NoteRow(*note) for note in self._conn.execute(stmt)]

    def _messages(self, case_id: int) -> list[MessageRow]:
        stmt = (
            select(MESSAGES, STAFF.c.name.label("author"))
            .select_from(MESSAGES.outerjoin(STAFF, STAFF.c.id == MESSAGES.c.staff_id))
            .where(MESSAGES.c.case_id == case_id)
            .order_by(MESSAGES.c.at, MESSAGES.c.id)
        )
        return [
            MessageRow(
                m.id,
                m.staff_id,
                m.author,
                m.recipient,
                m.subject,
                m.body,
                list(m.attachments),
                m.at,
                m.direction,
                m.party_id,
                bool(m.late),
            )
            for m in self._conn.execute(stmt)
        ]
