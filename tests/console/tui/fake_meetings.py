"""An in-memory board meeting for the meeting screens: one planned meeting whose agenda the
fake changes as the desk would, refusing what the desk refuses (a role other than lead, a
summons under 7 days ahead) with the desk's own sentences."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from typing import Any, Final

from console.client import AgendaItem, CaseRow, Me, Meeting, MeetingSummary, Summons
from statemachine.errors import AccessError, ConflictError, InvalidInputError
from tests.console.tui.fake import FakeClient

TODAY: Final = date(2026, 11, 23)
"""The fake's today."""
ROLES: Final = {"lead": "Lead", "caseworker": "Caseworker", "board_member": "Board member"}
NOT_YOUR_ROLE: Final = "Your role ({role}) may not do this."
TOO_LATE: Final = (
    "The summons must reach the parties at least 7 days before the meeting or the "
    "inspection (on {date}). Move the meeting, or the inspection, later."
)
PDF: Final = b"%PDF-1.7\n% agenda\n"
BAD_TIME: Final = "starts_at must be a date and time such as 2026-12-15T09:30."


def me(role: str) -> Me:
    """A caller of ``role`` in hln-101."""
    return {
        "id": 2,
        "name": "Ole Leder",
        "role": role,
        "tribunals": [{"code": "hln-101", "name": "Huslejenævnet i København"}],
    }


class MeetingFake(FakeClient):
    """Ten cases in the queue, the first four ready for a meeting, and meeting 1 on
    ``starts_at`` with an empty agenda; the caller has ``role``."""

    def __init__(self, role: str = "lead", *, starts_at: str = "2026-12-10T10:00") -> None:
        super().__init__(count=10)
        self.role = role
        self.next_id = 1
        self.ready = [dict(r, status="ready_for_meeting") for r in self.rows[:4]]
        self.plan: dict[int, Meeting] = {}
        self._new(starts_at, "Rådhuset, lokale 3")

    def _new(self, starts_at: str, place: str) -> Meeting:
        made: Meeting = {
            "id": len(self.plan) + 1,
            "tribunal": "hln-101",
            "tribunal_name": "Huslejenævnet i København",
            "starts_at": starts_at,
            "place": place,
            "items": 0,
            "summoned": False,
            "members": [
                {"seat": "chair", "seat_label": "Chair", "name": "Birgitte Holm", "staff_id": None},
                {
                    "seat": "tenant_member",
                    "seat_label": "Tenants' member",
                    "name": "Ole Sand",
                    "staff_id": None,
                },
                {
                    "seat": "landlord_member",
                    "seat_label": "Landlords' member",
                    "name": "Sara Dahl",
                    "staff_id": None,
                },
            ],
            "agenda": [],
        }
        self.plan[made["id"]] = made
        return made

    def _lead(self) -> None:
        if self.role != "lead":
            raise AccessError(NOT_YOUR_ROLE.format(role=ROLES[self.role]))

    def _answer(self, meeting: Meeting) -> Meeting:
        for n, item in enumerate(meeting["agenda"], start=1):
            item["position"] = n
        meeting["items"] = len(meeting["agenda"])
        meeting["summoned"] = bool(meeting["agenda"]) and all(
            i["summoned_at"] for i in meeting["agenda"]
        )
        return copy.deepcopy(meeting)

    async def me(self) -> Me:
        return me(self.role)

    async def meetings(self) -> list[MeetingSummary]:
        keys = MeetingSummary.__annotations__
        found = [self._answer(m) for m in self.plan.values()]
        return [MeetingSummary(**{k: v for k, v in m.items() if k in keys}) for m in found]  # type: ignore[typeddict-item]

    async def meeting(self, meeting_id: int) -> Meeting:
        return self._answer(self.plan[meeting_id])

    async def new_meeting(
        self, tribunal: str, *, starts_at: str, place: str, members: list[dict[str, Any]]
    ) -> Meeting:
        self._lead()
        try:
            datetime.fromisoformat(starts_at)
        except ValueError:
            raise InvalidInputError(BAD_TIME) from None
        return self._answer(self._new(starts_at, place))

    async def ready_cases(self, meeting_id: int) -> list[CaseRow]:
        self._lead()
        on = {i["number"] for m in self.plan.values() for i in m["agenda"]}
        return [CaseRow(**r) for r in self.ready if r["number"] not in on]  # type: ignore[typeddict-item]

    async def add_agenda_item(
        self,
        meeting_id: int,
        number: str,
        *,
        kind: str = "case",
        inspection_at: str | None = None,
        place: str | None = None,
    ) -> Meeting:
        self._lead()
        meeting = self.plan[meeting_id]
        n = int(number.split("-")[1]) - 1000
        item: AgendaItem = {
            "id": self.next_id,
            "position": 0,
            "kind": kind,
            "kind_label": "Inspection" if kind == "inspection" else "Case",
            "number": number,
            "case_type": "rent_increase",
            "case_type_label": "Rent increase",
            "address": f"Nørregade {n}, 1165 København K",
            "parties": f"Lejer {n} / Boligselskabet Nord",
            "status": "on_agenda",
            "status_label": "On an agenda",
            "inspection_at": inspection_at,
            "place": place,
            "summoned_at": None,
        }
        self.next_id += 1
        meeting["agenda"].append(item)
        return self._answer(meeting)

    async def move_agenda_item(self, meeting_id: int, item_id: int, direction: str) -> Meeting:
        self._lead()
        agenda = self.plan[meeting_id]["agenda"]
        at = next(n for n, i in enumerate(agenda) if i["id"] == item_id)
        to = at - 1 if direction == "up" else at + 1
        if 0 <= to < len(agenda):
            agenda[at], agenda[to] = agenda[to], agenda[at]
        return self._answer(self.plan[meeting_id])

    async def remove_agenda_item(self, meeting_id: int, item_id: int) -> Meeting:
        self._lead()
        meeting = self.plan[meeting_id]
        meeting["agenda"] = [i for i in meeting["agenda"] if i["id"] != item_id]
        return self._answer(meeting)

    async def send_summons(self, meeting_id: int) -> Summons:
        self._lead()
        meeting = self.plan[meeting_id]
        when = datetime.fromisoformat(meeting["starts_at"]).date()
        if when - TODAY < timedelta(days=7):
            raise ConflictError(TOO_LATE.format(date=f"{when.day} {when:%B %Y}"))
        waiting = [i for i in meeting["agenda"] if not i["summoned_at"]]
        for item in waiting:
            item["summoned_at"] = "2026-11-23T10:00:00+01:00"
        return {"sent": 2 * len(waiting), "meeting": self._answer(meeting)}

    async def agenda_pdf(self, meeting_id: int) -> bytes:
        return PDF
