"""The board's meetings on the desk (nævnsmodul): plan a meeting with its three seats, build
its agenda from the tribunal's cases that are ready for one, order it, summon the parties
and print it.

A lead plans (:data:`console.access.ACTIONS` ``meeting``); everyone of the tribunal reads its
meetings, and a board member reads only their own tribunals' meetings and, through
:meth:`DeskBase._scope`, only the cases on their agendas. Putting a case on an agenda takes
the lifecycle step ``put_on_agenda`` in the same transaction. Taking an item off leaves the
case ``on_agenda`` (the lifecycle has no step back): it can go on another meeting's agenda.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from casestore import AgendaItemRow, MeetingRow, MemberRow, QueueQuery, Tx
from casestore.meetingrecords import SEATS
from console.access import NO_MEETING_HERE, Action, Staff, authorize, authorize_meeting
from console.desk.casefile import Json, case_type_label, facts_of, row_json
from console.desk.changes import Changes
from console.desk.meetingdocs import (
    LOCAL,
    agenda_data,
    kind_label,
    local,
    seat_label,
    summons,
    tribunal_name,
)
from console.documents.typeset import typeset
from locales import Translator, translator
from statemachine.errors import ConflictError, InvalidInputError, NotFoundError
from statemachine.flows import lifecycle
from statemachine.text import N_, t

SUMMONS_DAYS: Final = 7
"""The least notice of a meeting or an inspection, in days (domain.md D17c: 1 week)."""
READY: Final = ("ready_for_meeting", "inspection")
"""The statuses a case goes on an agenda from."""
MAX_PLACE: Final = 400
"""The longest place or name."""
FIRST_YEAR: Final = 2000
LAST_YEAR: Final = 2100
"""The years a meeting or an inspection may be planned in."""
READY_LISTED: Final = 500
"""The most ready cases one listing shows."""

BAD_TIME = N_("{name} must be a date and time such as 2026-12-15T09:30.")
BAD_PLACE = N_("Say where the meeting is held (1 to 400 characters).")
BAD_MEMBERS = N_(
    "A meeting has three members: the chair, a member from the tenants' side and one from "
    "the landlords' side, each with a name."
)
NOT_A_BOARD_MEMBER = N_("Staff member {id} is not a board member of this tribunal.")
NOT_THIS_TRIBUNAL = N_("Case {number} belongs to another tribunal than the meeting's.")
NOT_READY = N_(
    "Case {number} is not ready for a meeting (its status is: {status}). Only cases that are "
    "ready for a meeting, or waiting for an inspection, go on an agenda."
)
ON_OTHER_AGENDA = N_("Case {number} is already on the agenda of another meeting.")
ALREADY_ON = N_("Case {number} is already on this agenda as that kind of item.")
BAD_KIND = N_("An agenda item is a case or an inspection.")
NO_INSPECTION_TIME = N_("An inspection needs the date and time the tribunal comes to the home.")
BAD_DIRECTION = N_("Move an item up or down.")
NOT_AN_ITEM = N_("The meeting's agenda has no item {id}.")
TOO_LATE = N_(
    "The summons must reach the parties at least {days} days before the meeting or the "
    "inspection (on {date}). Move the meeting, or the inspection, later."
)
ALL_SUMMONED = N_("The parties of every item on the agenda have already been summoned.")
NOTHING_TO_SUMMON = N_("The agenda has no items: there is nobody to summon.")


class Meetings(Changes):
    """The desk methods of the board's meetings (see :class:`console.desk.Desk`)."""

    def meetings(self, staff: Staff, *, lang: str = "da") -> Json:
        """``GET /meetings``: the meetings of the caller's tribunals, the earliest first."""
        authorize(staff, "read")
        with self._store.read() as tx:
            found = tx.meetings(staff.tribunals)
        words = translator(lang)
        return {"meetings": [_summary(m, words) for m in found]}

    def meeting(self, staff: Staff, meeting_id: int, *, lang: str = "da") -> Json:
        """``GET /meetings/{id}``: one meeting with its members and agenda.

        Raises:
            NotFoundError: no such meeting in the caller's tribunals.
        """
        with self._store.read() as tx:
            found = self._meeting(tx, staff, meeting_id, "read")
        return meeting_json(found, translator(lang))

    def new_meeting(
        self,
        staff: Staff,
        tribunal: str,
        *,
        starts_at: str,
        place: str,
        members: Sequence[Mapping[str, Any]],
        lang: str = "da",
    ) -> Json:
        """``POST /meetings``: plan a meeting of one of the caller's tribunals.

        Args:
            starts_at: ISO date and time; without an offset it is the tribunals' own time.
            members: ``{"seat", "name", "staff_id"?}`` for each of the three seats.

        Raises:
            NotFoundError: not one of the caller's tribunals.
            AccessError: not a lead.
            InvalidInputError: a bad time, place or members.
        """
        if tribunal not in staff.tribunals:
            raise NotFoundError(t(N_("You do not work for the tribunal {code}."), code=tribunal))
        authorize(staff, "meeting")
        when = parse_time("starts_at", starts_at)
        where = _place(place)
        with self._store.begin() as tx:
            seats = _members(tx, tribunal, members)
            made = tx.create_meeting(
                tribunal, starts_at=when, place=where, members=seats, actor=staff.actor
            )
            return meeting_json(made, translator(lang))

    def ready_cases(self, staff: Staff, meeting_id: int, *, lang: str = "da") -> Json:
        """``GET /meetings/{id}/ready``: the meeting's tribunal's cases that can go on its
        agenda (ready for a meeting, or waiting for an inspection), by number."""
        with self._store.read() as tx:
            found = self._meeting(tx, staff, meeting_id, "meeting")
            page = tx.queue(
                QueueQuery(
                    tribunals=(found.tribunal,), status=READY, sort="number", limit=READY_LISTED
                )
            )
        words = translator(lang)
        today = self._clock()
        return {"cases": [row_json(row, today, words) for row in page.rows]}

    def add_agenda_item(
        self,
        staff: Staff,
        meeting_id: int,
        number: str,
        *,
        kind: str = "case",
        inspection_at: str | None = None,
        place: str | None = None,
        lang: str = "da",
    ) -> Json:
        """``POST /meetings/{id}/items``: put a case, or an inspection of its home, last on
        the agenda. A case ready for a meeting (or waiting for an inspection) takes the step
        ``put_on_agenda`` in the same transaction; one already ``on_agenda`` and on no other
        meeting's agenda is simply added.

        Raises:
            NotFoundError: no such meeting or case in the caller's tribunals.
            AccessError: not a lead.
            InvalidInputError: a bad kind, or an inspection without its time.
            ConflictError: the case is not ready, of another tribunal, or already there.
        """
        if kind not in ("case", "inspection"):
            raise InvalidInputError(t(BAD_KIND))
        at = None
        if kind == "inspection":
            if not inspection_at:
                raise InvalidInputError(t(NO_INSPECTION_TIME))
            at = parse_time("inspection_at", inspection_at)
        where = _place(place) if place else None
        today = self._clock()
        with self._store.begin() as tx:
            found = self._meeting(tx, staff, meeting_id, "meeting")
            case_id, court, status, version = self._scope(tx, staff, number, "read")
            if court != found.tribunal:
                raise ConflictError(t(NOT_THIS_TRIBUNAL, number=number))
            if any(i.case_id == case_id and i.kind == kind for i in found.items):
                raise ConflictError(t(ALREADY_ON, number=number))
            if status in READY:
                self._scope(tx, staff, number, "step", step="put_on_agenda")
                work = tx.casework(number)
                change = lifecycle.apply(
                    facts_of(work, staff, today), lifecycle.Request("put_on_agenda")
                )
                self._move(tx, staff, work, change, version, today)
            elif status == "on_agenda":
                if set(tx.agenda_meetings(case_id)) - {meeting_id}:
                    raise ConflictError(t(ON_OTHER_AGENDA, number=number))
            else:
                label = translator(lang).render(lifecycle.status_label(status))
                raise ConflictError(t(NOT_READY, number=number, status=label))
            item = tx.add_agenda_item(meeting_id, case_id, kind=kind, inspection_at=at, place=where)
            tx.record_event(
                "case.agenda_added",
                case_id=case_id,
                actor=staff.actor,
                data={"meeting": meeting_id, "item": item, "kind": kind},
            )
            return meeting_json(tx.meeting(meeting_id), translator(lang))

    def move_agenda_item(
        self, staff: Staff, meeting_id: int, item_id: int, direction: str, *, lang: str = "da"
    ) -> Json:
        """``POST /meetings/{id}/items/{item}/move``: move an item one place ``up`` or
        ``down`` (at either end it stays)."""
        if direction not in ("up", "down"):
            raise InvalidInputError(t(BAD_DIRECTION))
        with self._store.begin() as tx:
            found = self._meeting(tx, staff, meeting_id, "meeting")
            order = [i.id for i in found.items]
            if item_id not in order:
                raise NotFoundError(t(NOT_AN_ITEM, id=item_id))
            at = order.index(item_id)
            to = at - 1 if direction == "up" else at + 1
            if 0 <= to < len(order):
                order[at], order[to] = order[to], order[at]
                moved = next(i for i in found.items if i.id == item_id)
                tx.record_event(
                    "case.agenda_moved",
                    case_id=moved.case_id,
                    actor=staff.actor,
                    data={
                        "meeting": meeting_id,
                        "item": item_id,
                        "direction": direction,
                        "position": to + 1,
                    },
                )
            tx.reorder_agenda(meeting_id, order)
            return meeting_json(tx.meeting(meeting_id), translator(lang))

    def remove_agenda_item(
        self, staff: Staff, meeting_id: int, item_id: int, *, lang: str = "da"
    ) -> Json:
        """``DELETE /meetings/{id}/items/{item}``: take an item off the agenda."""
        with self._store.begin() as tx:
            found = self._meeting(tx, staff, meeting_id, "meeting")
            gone = next((i for i in found.items if i.id == item_id), None)
            if gone is None:
                raise NotFoundError(t(NOT_AN_ITEM, id=item_id))
            tx.remove_agenda_item(meeting_id, item_id)
            tx.record_event(
                "case.agenda_removed",
                case_id=gone.case_id,
                actor=staff.actor,
                data={"meeting": meeting_id, "item": item_id, "kind": gone.kind},
            )
            return meeting_json(tx.meeting(meeting_id), translator(lang))

    def send_summons(self, staff: Staff, meeting_id: int, *, lang: str = "da") -> Json:
        """``POST /meetings/{id}/summons``: summon the parties of every item not yet
        summoned, each reachable party by e-mail (or post) through the outbox.

        Raises:
            ConflictError: the meeting or an inspection is less than :data:`SUMMONS_DAYS`
                days away, or everyone has been summoned.
        """
        today = self._clock()
        with self._store.begin() as tx:
            found = self._meeting(tx, staff, meeting_id, "meeting")
            if not found.items:
                raise ConflictError(t(NOTHING_TO_SUMMON))
            due = [i for i in found.items if i.summoned_at is None]
            if not due:
                raise ConflictError(t(ALL_SUMMONED))
            for item in due:
                at = item.inspection_at if item.kind == "inspection" else found.starts_at
                day = local(at or found.starts_at).date()
                if day - today < timedelta(days=SUMMONS_DAYS):
                    raise ConflictError(t(TOO_LATE, days=SUMMONS_DAYS, date=day))
            sent = 0
            for item in due:
                letters = summons(tx.casework(item.number), found, item)
                for mail in letters:
                    tx.queue_mail(mail, case_id=item.case_id)
                tx.record_event(
                    "case.summoned",
                    case_id=item.case_id,
                    actor=staff.actor,
                    data={
                        "meeting": meeting_id,
                        "item": item.id,
                        "kind": item.kind,
                        "letters": len(letters),
                    },
                )
                sent += len(letters)
            tx.mark_summoned([i.id for i in due])
            return {"sent": sent, "meeting": meeting_json(tx.meeting(meeting_id), translator(lang))}

    def agenda_pdf(self, staff: Staff, meeting_id: int) -> bytes:
        """``GET /meetings/{id}/agenda.pdf``: the agenda on the tribunal's letterhead, in
        Danish."""
        with self._store.read() as tx:
            found = self._meeting(tx, staff, meeting_id, "read")
        return typeset("agenda", agenda_data(found))

    def _meeting(self, tx: Tx, staff: Staff, meeting_id: int, action: Action) -> MeetingRow:
        """The meeting, once the caller may do ``action`` (``read`` or ``meeting``) on it."""
        try:
            found = tx.meeting(meeting_id)
        except NotFoundError:
            raise NotFoundError(t(NO_MEETING_HERE, id=meeting_id)) from None
        authorize_meeting(staff, action, found.tribunal, meeting_id)
        return found


def parse_time(name: str, value: str) -> datetime:
    """An ISO date and time; without an offset, in the tribunals' own time.

    Raises:
        InvalidInputError: not a date and time.
    """
    try:
        at = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInputError(t(BAD_TIME, name=name)) from None
    if not FIRST_YEAR <= at.year <= LAST_YEAR:
        raise InvalidInputError(t(BAD_TIME, name=name))
    if at.tzinfo is None:
        at = at.replace(tzinfo=LOCAL)
    return at


def _place(value: str | None) -> str:
    text = " ".join(str(value or "").split())
    if not text or len(text) > MAX_PLACE or not text.isprintable():
        raise InvalidInputError(t(BAD_PLACE))
    return text


def _members(tx: Tx, tribunal: str, given: Sequence[Mapping[str, Any]]) -> list[MemberRow]:
    """The three seats, checked: each seat once, a name each, a staff account only of a board
    member of the tribunal."""
    if not isinstance(given, Sequence) or len(given) != len(SEATS):
        raise InvalidInputError(t(BAD_MEMBERS))
    seats: dict[str, MemberRow] = {}
    for member in given:
        if not isinstance(member, Mapping):
            raise InvalidInputError(t(BAD_MEMBERS))
        seat = member.get("seat")
        name = " ".join(str(member.get("name") or "").split())
        bad_name = not name or len(name) > MAX_PLACE or not name.isprintable()
        if seat not in SEATS or seat in seats or bad_name:
            raise InvalidInputError(t(BAD_MEMBERS))
        staff_id = member.get("staff_id")
        if staff_id is not None:
            if (
                isinstance(staff_id, bool)
                or not isinstance(staff_id, int)
                or not 0 < staff_id < 2**31
            ):
                raise InvalidInputError(t(NOT_A_BOARD_MEMBER, id=str(staff_id)))
            try:
                account = tx.get_staff(staff_id)
            except NotFoundError:
                raise InvalidInputError(t(NOT_A_BOARD_MEMBER, id=staff_id)) from None
            if account.role != "board_member" or tribunal not in account.tribunals:
                raise InvalidInputError(t(NOT_A_BOARD_MEMBER, id=staff_id))
        seats[str(seat)] = MemberRow(str(seat), name, staff_id)
    return [seats[seat] for seat in SEATS]


def _summary(meeting: MeetingRow, words: Translator) -> Json:
    at = local(meeting.starts_at)
    return {
        "id": meeting.id,
        "tribunal": meeting.tribunal,
        "tribunal_name": tribunal_name(meeting.tribunal, words),
        "starts_at": at.isoformat(),
        "place": meeting.place,
        "items": len(meeting.items),
        "summoned": bool(meeting.items) and all(i.summoned_at for i in meeting.items),
    }


def _item_json(item: AgendaItemRow, words: Translator) -> Json:
    r = words.render
    return {
        "id": item.id,
        "position": item.position,
        "kind": item.kind,
        "kind_label": r(kind_label(item.kind)),
        "number": item.number,
        "case_type": item.case_type,
        "case_type_label": r(case_type_label(item.case_type)),
        "address": item.address,
        "parties": item.parties_label,
        "status": item.status,
        "status_label": r(lifecycle.status_label(item.status)),
        "inspection_at": local(item.inspection_at).isoformat() if item.inspection_at else None,
        "place": item.place or (item.address if item.kind == "inspection" else None),
        "summoned_at": item.summoned_at.isoformat() if item.summoned_at else None,
    }


def meeting_json(meeting: MeetingRow, words: Translator) -> Json:
    """A meeting as the staff API gives it."""
    return {
        **_summary(meeting, words),
        "members": [
            {
                "seat": m.seat,
                "seat_label": words.render(seat_label(m.seat)),
                "name": m.name,
                "staff_id": m.staff_id,
            }
            for m in meeting.members
        ],
        "agenda": [_item_json(item, words) for item in meeting.items],
    }
