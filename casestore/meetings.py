"""The board's meetings: a meeting with its three seats, and its agenda of cases and
inspections, in order (methods of :class:`casestore.Tx`).

What may be done, and by whom, the caller (the desk) has decided; the store records. Putting
a case on an agenda also takes the lifecycle step ``put_on_agenda``: the desk does both in
one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, exists, func, insert, select, update

from casestore.meetingrecords import AgendaItemRow, MeetingRow, MemberRow
from casestore.models import AGENDA_ITEMS, CASES, MEETING_MEMBERS, MEETINGS
from casestore.txbase import TxBase
from statemachine.errors import NotFoundError
from statemachine.text import N_, t

NO_MEETING = N_("There is no meeting {id}.")
NO_ITEM = N_("The meeting's agenda has no item {id}.")

"""The most cases a board member's list shows."""


class MeetingQueries(TxBase):
    """Meetings and agendas (methods of :class:`casestore.Tx`)."""

    def create_meeting(
        self,
        tribunal: str,
        *,
        starts_at: datetime,
        place: str,
        members: Sequence[MemberRow],
        actor: str,
    ) -> MeetingRow:
        """A new meeting with its seats and an empty agenda."""
        self._need_write()
        meeting_id = self._conn.execute(
            insert(MEETINGS).returning(MEETINGS.c.id),
            {
                "tribunal": tribunal,
                "starts_at": starts_at,
                "place": place,
                "created_at": self._now(),
                "created_by": actor,
            },
        ).scalar_one()
        if members:
            self._conn.execute(
                insert(MEETING_MEMBERS),
                [
                    {
                        "meeting_id": meeting_id,
                        "seat": m.seat,
                        "name": m.name,
                        "staff_id": m.staff_id,
                    }
                    for m in members
                ],
            )
        return self.meeting(meeting_id)

    def meetings(
        self, tribunals: Sequence[str], *, since: datetime | None = None
    ) -> list[MeetingRow]:
        """The meetings of these tribunals, the earliest first (from ``since`` on, if given)."""
        stmt = select(MEETINGS.c.id).where(MEETINGS.c.tribunal.in_(list(tribunals)))
        if since is not None:
            stmt = stmt.where(MEETINGS.c.starts_at >= since)
        ids = self._conn.execute(stmt.order_by(MEETINGS.c.starts_at, MEETINGS.c.id)).scalars()
        return [self.meeting(i) for i in list(ids)]

    def meeting(self, meeting_id: int) -> MeetingRow:
        """One meeting with its members and agenda.

        Raises:
            NotFoundError: no such meeting.
        """
        found = self._conn.execute(select(MEETINGS).where(MEETINGS.c.id == meeting_id)).first()
        if found is None:
            raise NotFoundError(t(NO_MEETING, id=meeting_id))
        members = self._conn.execute(
            select(MEETING_MEMBERS.c.seat, MEETING_MEMBERS.c.name, MEETING_MEMBERS.c.staff_id)
            .where(MEETING_MEMBERS.c.meeting_id == meeting_id)
            .order_by(MEETING_MEMBERS.c.id)
        )
        items = self._conn.execute(
            select(
                AGENDA_ITEMS.c.id,
                AGENDA_ITEMS.c.position,
                AGENDA_ITEMS.c.kind,
                AGENDA_ITEMS.c.case_id,
                CASES.c.number,
                CASES.c.case_type,
                CASES.c.address,
                CASES.c.parties_label,
                CASES.c.status,
                CASES.c.lang,
                AGENDA_ITEMS.c.inspection_at,
                AGENDA_ITEMS.c.place,
                AGENDA_ITEMS.c.summoned_at,
            )
            .join(CASES, CASES.c.id == AGENDA_ITEMS.c.case_id)
            .where(AGENDA_ITEMS.c.meeting_id == meeting_id)
            .order_by(AGENDA_ITEMS.c.position, AGENDA_ITEMS.c.id)
        )
        return MeetingRow(
            id=found.id,
            tribunal=found.tribunal,
            starts_at=found.starts_at,
            place=found.place,
            created_at=found.created_at,
            created_by=found.created_by,
            members=tuple(MemberRow(m.seat, m.name, m.staff_id) for m in members),
            items=tuple(AgendaItemRow(**row._asdict()) for row in items),
        )

    def add_agenda_item(
        self,
        meeting_id: int,
        case_id: int,
        *,
        kind: str,
        inspection_at: datetime | None = None,
        place: str | None = None,
    ) -> int:
        """Put an item last on the meeting's agenda; its id."""
        self._need_write()
        last = self._conn.execute(
            select(func.max(AGENDA_ITEMS.c.position)).where(AGENDA_ITEMS.c.meeting_id == meeting_id)
        ).scalar()
        return int(
            self._conn.execute(
                insert(AGENDA_ITEMS).returning(AGENDA_ITEMS.c.id),
                {
                    "meeting_id": meeting_id,
                    "case_id": case_id,
                    "kind": kind,
                    "position": int(last or 0) + 1,
                    "inspection_at": inspection_at,
                    "place": place,
                },
            ).scalar_one()
        )

    def remove_agenda_item(self, meeting_id: int, item_id: int) -> None:
        """Take an item off the agenda.

        Raises:
            NotFoundError: the meeting has no such item.
        """
        self._need_write()
        gone = self._conn.execute(
            delete(AGENDA_ITEMS).where(
                AGENDA_ITEMS.c.meeting_id == meeting_id, AGENDA_ITEMS.c.id == item_id
            )
        )
        if gone.rowcount != 1:
            raise NotFoundError(t(NO_ITEM, id=item_id))

    def reorder_agenda(self, meeting_id: int, item_ids: Sequence[int]) -> None:
        """Number the meeting's items 1, 2, ... in the order given (all of them)."""
        self._need_write()
        for position, item_id in enumerate(item_ids, start=1):
            self._conn.execute(
                update(AGENDA_ITEMS)
                .where(AGENDA_ITEMS.c.meeting_id == meeting_id, AGENDA_ITEMS.c.id == item_id)
                .values(position=position)
            )

    def mark_summoned(self, item_ids: Sequence[int]) -> None:
        """Note that the parties of these items were summoned now."""
        self._need_write()
        if item_ids:
            self._conn.execute(
                update(AGENDA_ITEMS)
                .where(AGENDA_ITEMS.c.id.in_(list(item_ids)))
                .values(summoned_at=self._now())
            )

    def agenda_meetings(self, case_id: int) -> list[int]:
        """The ids of the meetings whose agenda holds the case."""
        found = self._conn.execute(
            select(AGENDA_ITEMS.c.meeting_id)
            .where(AGENDA_ITEMS.c.case_id == case_id)
            .distinct()
            .order_by(AGENDA_ITEMS.c.meeting_id)
        )
        return [int(i) for i in found.scalars()]

    def on_board_agenda(self, case_id: int, tribunals: Sequence[str]) -> bool:
        """Whether the case is on the agenda of a meeting of one of these tribunals."""
        return bool(
            self._conn.execute(
                select(
                    exists()
                    .where(AGENDA_ITEMS.c.case_id == case_id)
                    .where(AGENDA_ITEMS.c.meeting_id == MEETINGS.c.id)
                    .where(MEETINGS.c.tribunal.in_(list(tribunals)))
                )
            ).scalar()
        )
