"""A small in-memory staff client, for developing screens before the desk existed (and for
checks that need a refusal on demand)."""

from __future__ import annotations

from typing import Any, Literal

from console.client import (
    Anonymisation,
    BulkResult,
    CaseDetail,
    CaseRow,
    Colleague,
    Decision,
    Document,
    MailInfo,
    MailState,
    Me,
    Meeting,
    MeetingSummary,
    MessageInfo,
    Note,
    QueuePage,
    QueueParams,
    SavedFilter,
    StaffRef,
    Summons,
)
from statemachine.errors import ConflictError

ME: Me = {"id": 1, "name": "Karen Sagsbehandler", "role": "caseworker", "tribunals": []}


def row(n: int) -> CaseRow:
    """Case number ``101-<1000+n>``."""
    return {
        "number": f"101-{1000 + n}",
        "case_type": "rent_increase",
        "case_type_label": "Rent increase",
        "parties": f"Tenant {n} / Landlord",
        "status": "submitted",
        "status_label": "Submitted",
        "assignee": None,
        "next_deadline": {
            "date": "2026-11-30",
            "days_left": n % 10 - 3,
            "rule": "secretariat.notify",
            "label": "Notify",
            "flag": "overdue" if n % 10 < 3 else "due_soon" if n % 10 < 6 else None,
        },
        "filed": "2026-11-23",
        "tribunal": "hln-101",
        "housing": "private",
        "version": 1,
    }


class FakeClient:
    """``count`` cases, paged by their index; every write is refused with ``refuse``."""

    def __init__(self, count: int = 1000, refuse: str | None = None) -> None:
        self.rows = [row(n) for n in range(count)]
        self.refuse = refuse
        self.calls: list[QueueParams] = []

    async def me(self) -> Me:
        return ME

    async def colleagues(self) -> list[Colleague]:
        return [{"id": 1, "name": ME["name"], "role": "caseworker"}]

    async def queue(self, params: QueueParams) -> QueuePage:
        self.calls.append(params)
        start = int(params.get("after", "0"))
        limit = params.get("limit", 50)
        rows = self.rows[start : start + limit]
        after = str(start + limit) if start + limit < len(self.rows) else None
        return {"cases": rows, "after": after}

    async def case(self, number: str) -> CaseDetail:
        raise ConflictError(self.refuse or "no")

    async def attachment(self, number: str, attachment_id: str) -> Document:
        raise ConflictError(self.refuse or "no")

    async def step(
        self, number: str, step: str, *, version: int, reason: str | None, text: str | None
    ) -> CaseDetail:
        raise ConflictError(self.refuse or "no")

    async def assign(self, number: str, staff: StaffRef, *, version: int | None) -> CaseDetail:
        raise ConflictError(self.refuse or "no")

    async def bulk_assign(self, numbers: list[str], staff: int | Literal["me"]) -> BulkResult:
        raise ConflictError(self.refuse or "no")

    async def add_note(self, number: str, text: str) -> Note:
        raise ConflictError(self.refuse or "no")

    async def send_message(
        self, number: str, *, to: str, subject: str, body: str, attachments: list[str]
    ) -> MessageInfo:
        raise ConflictError(self.refuse or "no")

    async def start_hearing(
        self,
        number: str,
        *,
        version: int,
        party: int | None,
        material: list[str],
        reply_days: int | None,
        note: str | None,
    ) -> CaseDetail:
        raise ConflictError(self.refuse or "no")

    async def filters(self) -> list[SavedFilter]:
        return []

    async def save_filter(self, name: str, query: QueueParams) -> SavedFilter:
        raise ConflictError(self.refuse or "no")

    async def delete_filter(self, name: str) -> None:
        raise ConflictError(self.refuse or "no")

    async def outbox(self, state: MailState = "dead") -> list[MailInfo]:
        return []

    async def resend(self, mail_id: int) -> MailInfo:
        raise ConflictError(self.refuse or "no")

    # --- the decision (issue 12) ---------------------------------------------------------------

    async def decision(self, number: str) -> Decision:
        raise ConflictError(self.refuse or "no")

    async def save_decision(
        self,
        number: str,
        fields: dict[str, Any],
        *,
        version: int | None,
        correction_reason: str | None,
    ) -> Decision:
        raise ConflictError(self.refuse or "no")

    async def register_decision(self, number: str, *, version: int, case_version: int) -> Decision:
        raise ConflictError(self.refuse or "no")

    async def decision_document(self, number: str, *, version: int | None = None) -> bytes:
        raise ConflictError(self.refuse or "no")

    async def anonymisation(self, number: str) -> Anonymisation:
        raise ConflictError(self.refuse or "no")

    async def save_anonymisation(
        self, number: str, *, version: int, spans: list[dict[str, Any]]
    ) -> Anonymisation:
        raise ConflictError(self.refuse or "no")

    async def accept_anonymisation(self, number: str, *, version: int) -> Anonymisation:
        raise ConflictError(self.refuse or "no")

    async def meetings(self) -> list[MeetingSummary]:
        return []

    async def meeting(self, meeting_id: int) -> Meeting:
        raise ConflictError(self.refuse or "no")

    async def new_meeting(
        self, tribunal: str, *, starts_at: str, place: str, members: list[dict[str, Any]]
    ) -> Meeting:
        raise ConflictError(self.refuse or "no")

    async def ready_cases(self, meeting_id: int) -> list[CaseRow]:
        return []

    async def add_agenda_item(
        self,
        meeting_id: int,
        number: str,
        *,
        kind: str = "case",
        inspection_at: str | None = None,
        place: str | None = None,
    ) -> Meeting:
        raise ConflictError(self.refuse or "no")

    async def move_agenda_item(self, meeting_id: int, item_id: int, direction: str) -> Meeting:
        raise ConflictError(self.refuse or "no")

    async def remove_agenda_item(self, meeting_id: int, item_id: int) -> Meeting:
        raise ConflictError(self.refuse or "no")

    async def send_summons(self, meeting_id: int) -> Summons:
        raise ConflictError(self.refuse or "no")

    async def agenda_pdf(self, meeting_id: int) -> bytes:
        raise ConflictError(self.refuse or "no")
