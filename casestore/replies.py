"""Mine sager's reads and a party's reply: the cases of an address, what a party of a case
may read (messages to them, their hearings, deadlines, files), and a reply that lands on the
case for the secretariat, with its audit line, in the caller's one transaction.

Which party may see what the service decides (``assistant/service/mine``); these queries
only narrow by the ids they are given.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update

from casestore import rows
from casestore.failures import FOREIGN_ATTACHMENT, NO_FILE, NO_HEARING, QueryError
from casestore.models import (
    ATTACHMENTS,
    CASES,
    DEADLINES,
    EVENTS,
    HEARINGS,
    MESSAGES,
    PARTIES,
)
from casestore.partyrecords import PartyCase, PartyDeadline, PartyHearing, PartyMessage
from casestore.records import AttachmentRow
from casestore.txbase import TxBase
from statemachine.errors import NotFoundError
from statemachine.text import t

FILER_ROLES = ("filer", "representative")
"""The parties whose address signs in to the cases they filed."""


class ReplyQueries(TxBase):
    """What a party reads and sends in Mine sager (methods of :class:`casestore.Tx`)."""

    def cases_of_email(self, email: str, *, today: date) -> list[PartyCase]:
        """The cases an address filed (as filer or representative), newest first.

        Args:
            email: the address, compared trimmed and in lower case.
            today: deadlines ending before it are not the next one.
        """
        wanted = email.strip().lower()
        found = self._conn.execute(
            select(PARTIES.c.case_id, PARTIES.c.id).where(
                func.lower(PARTIES.c.email) == wanted, PARTIES.c.role.in_(FILER_ROLES)
            )
        ).all()
        by_case: dict[int, list[int]] = {}
        for case_id, party_id in found:
            by_case.setdefault(case_id, []).append(party_id)
        return self._party_cases(by_case, today)

    def party_case(self, case_id: int, party_ids: Sequence[int], *, today: date) -> PartyCase:
        """One case, as its parties ``party_ids`` see it in the list.

        Raises:
            NotFoundError: no such case.
        """
        found = self._party_cases({case_id: list(party_ids)}, today)
        if not found:
            raise NotFoundError(t(NO_FILE))
        return found[0]

    def filer_parties(self, case_id: int) -> list[int]:
        """The ids of the case's filer and representative, in order."""
        stmt = (
            select(PARTIES.c.id)
            .where(PARTIES.c.case_id == case_id, PARTIES.c.role.in_(FILER_ROLES))
            .order_by(PARTIES.c.id)
        )
        return list(self._conn.execute(stmt).scalars())

    def party_names(self, case_id: int) -> dict[int, str]:
        """The names of the case's parties by id."""
        stmt = select(PARTIES.c.id, PARTIES.c.name).where(PARTIES.c.case_id == case_id)
        return {int(i): str(n) for i, n in self._conn.execute(stmt)}

    def party_messages(self, case_id: int, party_ids: Sequence[int]) -> list[PartyMessage]:
        """The messages parties ``party_ids`` may read, oldest first: the secretariat's to
        all or to one of them, and their own replies."""
        ids = list(party_ids)
        stmt = (
            select(
                MESSAGES.c.id,
                MESSAGES.c.direction,
                MESSAGES.c.party_id,
                MESSAGES.c.subject,
                MESSAGES.c.body,
                MESSAGES.c.attachments,
                MESSAGES.c.at,
                MESSAGES.c.late,
            )
            .where(
                MESSAGES.c.case_id == case_id,
                or_(
                    and_(
                        MESSAGES.c.direction == "out",
                        MESSAGES.c.recipient.in_(["all", *(str(i) for i in ids)]),
                    ),
                    and_(MESSAGES.c.direction == "in", MESSAGES.c.party_id.in_(ids)),
                ),
            )
            .order_by(MESSAGES.c.at, MESSAGES.c.id)
        )
        return [
            PartyMessage(
                m.id,
                m.direction,
                m.party_id,
                m.subject,
                m.body,
                list(m.attachments),
                m.at,
                bool(m.late),
            )
            for m in self._conn.execute(stmt)
        ]

    def party_hearings(self, case_id: int, party_ids: Sequence[int]) -> list[PartyHearing]:
        """The hearings of parties ``party_ids`` in a case, oldest first."""
        stmt = (
            select(
                HEARINGS.c.id,
                HEARINGS.c.party_id,
                HEARINGS.c.started_at,
                HEARINGS.c.reply_due,
                HEARINGS.c.material,
                HEARINGS.c.note,
                HEARINGS.c.replied_at,
            )
            .where(HEARINGS.c.case_id == case_id, HEARINGS.c.party_id.in_(list(party_ids)))
            .order_by(HEARINGS.c.started_at, HEARINGS.c.id)
        )
        return [
            PartyHearing(
                h.id, h.party_id, h.started_at, h.reply_due, list(h.material), h.note, h.replied_at
            )
            for h in self._conn.execute(stmt)
        ]

    def case_deadlines(self, case_id: int) -> list[PartyDeadline]:
        """The case's deadlines, soonest first."""
        stmt = (
            select(
                DEADLINES.c.rule,
                DEADLINES.c.event,
                DEADLINES.c.ends,
                DEADLINES.c.status,
                DEADLINES.c.consequence,
            )
            .where(DEADLINES.c.case_id == case_id)
            .order_by(DEADLINES.c.ends, DEADLINES.c.id)
        )
        return [PartyDeadline(*row) for row in self._conn.execute(stmt)]

    def case_attachments(self, case_id: int) -> list[AttachmentRow]:
        """The files of a case: those it was filed with and those sent with messages."""
        stmt = (
            select(*rows.ATTACHMENT_COLUMNS)
            .where(ATTACHMENTS.c.case_id == case_id)
            .order_by(ATTACHMENTS.c.created_at, ATTACHMENTS.c.id)
        )
        return [AttachmentRow(*row) for row in self._conn.execute(stmt)]

    def case_attachment(self, case_id: int, attachment_id: str) -> AttachmentRow:
        """One file of a case.

        Raises:
            NotFoundError: the case has no such file.
        """
        found = self._conn.execute(
            select(*rows.ATTACHMENT_COLUMNS).where(
                ATTACHMENTS.c.id == attachment_id, ATTACHMENTS.c.case_id == case_id
            )
        ).first()
        if found is None:
            raise NotFoundError(t(NO_FILE))
        return AttachmentRow(*found)

    def add_case_attachment(
        self, case_id: int, *, filename: str, size: int, sha256: str, media_type: str
    ) -> AttachmentRow:
        """Record a file (already in the blob store) that a party sent with a reply: a file
        of the case, of no draft."""
        self._need_write()
        row = AttachmentRow(
            "a_" + secrets.token_urlsafe(16),
            None,
            filename,
            size,
            sha256,
            media_type,
            None,
            self._now(),
        )
        values = rows.values_of(row, rows.ATTACHMENT_COLUMNS)
        self._conn.execute(insert(ATTACHMENTS), {**values, "case_id": case_id})
        return row

    def add_party_reply(
        self,
        case_id: int,
        *,
        party_id: int | None,
        body: str,
        attachments: list[str],
        hearing_id: int | None = None,
        late: bool = False,
    ) -> int:
        """A party's reply on the case, for the secretariat: an inbound message with a
        ``case.reply_received`` line; a hearing's reply also sets its ``replied_at`` (a
        second reply keeps the time of the first).

        Args:
            party_id: who replied; None if the case's filer is not known as a party.
            attachments: ids of the case's files sent with it (:meth:`add_case_attachment`).
            hearing_id: the hearing replied to, if any.
            late: the reply came after the hearing's deadline.

        Returns:
            The message id.

        Raises:
            QueryError: an attachment is not one of the case's files, or the hearing is not
                this case's.
        """
        self._need_write()
        if attachments:
            found = self._conn.execute(
                select(ATTACHMENTS.c.id).where(
                    ATTACHMENTS.c.id.in_(attachments), ATTACHMENTS.c.case_id == case_id
                )
            ).scalars()
            if set(found) != set(attachments):
                raise QueryError(t(FOREIGN_ATTACHMENT, number=str(case_id)))
        now = self._now()
        values: dict[str, Any] = {"case_id": case_id, "staff_id": None, "recipient": "secretariat"}
        values |= {"subject": "", "body": body, "attachments": list(attachments), "at": now}
        values |= {"direction": "in", "party_id": party_id, "late": late}
        message_id = int(
            self._conn.execute(insert(MESSAGES).returning(MESSAGES.c.id), values).scalar_one()
        )
        if hearing_id is not None:
            done = self._conn.execute(
                update(HEARINGS)
                .where(HEARINGS.c.id == hearing_id, HEARINGS.c.case_id == case_id)
                .values(replied_at=func.coalesce(HEARINGS.c.replied_at, now))
            )
            if done.rowcount != 1:
                raise QueryError(t(NO_HEARING, number=str(case_id)))
        actor = "filer" if party_id is None else f"party:{party_id}"
        data: dict[str, Any] = {"message": message_id, "hearing": hearing_id, "late": late}
        data |= {"attachments": list(attachments)}
        event = {"case_id": case_id, "draft_id": None, "kind": "case.reply_received"}
        self._conn.execute(insert(EVENTS), {**event, "actor": actor, "at": now, "data": data})
        return message_id

    def _party_cases(self, by_case: dict[int, list[int]], today: date) -> list[PartyCase]:
        if not by_case:
            return []
        next_end = (
            select(func.min(DEADLINES.c.ends))
            .where(DEADLINES.c.case_id == CASES.c.id, DEADLINES.c.ends >= today)
            .scalar_subquery()
        )
        stmt = (
            select(
                CASES.c.id,
                CASES.c.number,
                CASES.c.case_type,
                CASES.c.status,
                CASES.c.filed_at,
                next_end.label("next_end"),
            )
            .where(CASES.c.id.in_(list(by_case)))
            .order_by(CASES.c.filed_at.desc(), CASES.c.id.desc())
        )
        return [
            PartyCase(
                c.id,
                c.number,
                c.case_type,
                c.status,
                c.filed_at,
                tuple(sorted(by_case[c.id])),
                c.next_end,
            )
            for c in self._conn.execute(stmt)
        ]


__all__ = ["FILER_ROLES", "ReplyQueries"]
