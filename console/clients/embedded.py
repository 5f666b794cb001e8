"""The staff API on the store in this process: :class:`EmbeddedStaffClient` calls the desk.

Each call runs the desk's (blocking) method in a worker thread, so the console's event loop
never waits on the database. The desk checks scope and role exactly as it does for HTTP.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Literal, ParamSpec, TypeVar, cast

from console.access import Staff
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
from console.desk import Desk

P = ParamSpec("P")
R = TypeVar("R")


class EmbeddedStaffClient:
    """The :class:`console.client.StaffClient` of a :class:`console.desk.desk.Desk`."""

    def __init__(self, desk: Desk, staff: Staff, *, lang: str = "da") -> None:
        """Args:
        desk: the staff service layer over the store.
        staff: the signed-in caller (:meth:`sign_in` finds them by token).
        lang: the language labels come back in.
        """
        self.desk = desk
        self.staff = staff
        self.lang = lang

    @classmethod
    def sign_in(cls, desk: Desk, token: str, *, lang: str = "da") -> EmbeddedStaffClient:
        """The client of the staff member ``token`` belongs to.

        Raises:
            AuthenticationError: nobody's token.
            AccessError: a revoked one.
        """
        return cls(desk, desk.sign_in(token), lang=lang)

    async def _run(self, call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        return await asyncio.to_thread(call, *args, **kwargs)

    async def me(self) -> Me:
        """The caller."""
        return cast(Me, await self._run(self.desk.me, self.staff, lang=self.lang))

    async def colleagues(self) -> list[Colleague]:
        """Staff sharing a tribunal with the caller."""
        return cast(list[Colleague], (await self._run(self.desk.colleagues, self.staff))["staff"])

    async def queue(self, params: QueueParams) -> QueuePage:
        """One page of the queue."""
        query: dict[str, Any] = {k: str(v) for k, v in params.items() if v not in ("", None)}
        return cast(QueuePage, await self._run(self.desk.queue, self.staff, query, lang=self.lang))

    async def case(self, number: str) -> CaseDetail:
        """The whole case."""
        return cast(CaseDetail, await self._run(self.desk.case, self.staff, number, lang=self.lang))

    async def attachment(self, number: str, attachment_id: str) -> Document:
        """A document's content, type and file name."""
        found = await self._run(self.desk.document, self.staff, number, attachment_id)
        content = await asyncio.to_thread(found.path.read_bytes)
        return Document(content, found.media_type, found.filename)

    async def step(
        self, number: str, step: str, *, version: int, reason: str | None, text: str | None
    ) -> CaseDetail:
        """Take a lifecycle step."""
        done = await self._run(
            self.desk.step,
            self.staff,
            number,
            step,
            version=version,
            reason=reason,
            text=text,
            lang=self.lang,
        )
        return cast(CaseDetail, done)

    async def assign(self, number: str, staff: StaffRef, *, version: int | None) -> CaseDetail:
        """Assign one case."""
        done = await self._run(
            self.desk.assign, self.staff, number, staff, version=version, lang=self.lang
        )
        return cast(CaseDetail, done)

    async def bulk_assign(self, numbers: list[str], staff: int | Literal["me"]) -> BulkResult:
        """Assign several cases."""
        done = await self._run(self.desk.bulk_assign, self.staff, numbers, staff, lang=self.lang)
        return cast(BulkResult, done)

    async def add_note(self, number: str, text: str) -> Note:
        """Add an internal note."""
        return cast(Note, await self._run(self.desk.add_note, self.staff, number, text))

    async def send_message(
        self, number: str, *, to: str, subject: str, body: str, attachments: list[str]
    ) -> MessageInfo:
        """Send a message to a party or to all."""
        sent = await self._run(
            self.desk.send_message,
            self.staff,
            number,
            to=to,
            subject=subject,
            body=body,
            attachments=attachments,
            lang=self.lang,
        )
        return cast(MessageInfo, sent)

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
        """Start a hearing of the counterparty."""
        done = await self._run(
            self.desk.start_hearing,
            self.staff,
            number,
            version=version,
            party=party,
            material=material,
            reply_days=reply_days,
            note=note,
            lang=self.lang,
        )
        return cast(CaseDetail, done)

    async def filters(self) -> list[SavedFilter]:
        """The caller's saved filters."""
        return cast(list[SavedFilter], (await self._run(self.desk.filters, self.staff))["filters"])

    async def outbox(self, state: MailState = "dead") -> list[MailInfo]:
        """Queued mail in one state, newest first (leads and admins only)."""
        answer = await self._run(self.desk.outbox, self.staff, state)
        return cast(list[MailInfo], answer["mail"])

    async def resend(self, mail_id: int) -> MailInfo:
        """Send a dead letter again."""
        return cast(MailInfo, await self._run(self.desk.retry, self.staff, mail_id))

    async def save_filter(self, name: str, query: QueueParams) -> SavedFilter:
        """Save or replace a named filter."""
        saved = await self._run(self.desk.save_filter, self.staff, name, dict(query))
        return cast(SavedFilter, saved)

    async def delete_filter(self, name: str) -> None:
        """Delete a saved filter."""
        await self._run(self.desk.delete_filter, self.staff, name)

    # --- the decision (issue 12) ---------------------------------------------------------------

    async def decision(self, number: str) -> Decision:
        """The case's decision: draft or current, with its document and lists."""
        found = await self._run(self.desk.decision, self.staff, number, lang=self.lang)
        return cast(Decision, found)

    async def save_decision(
        self,
        number: str,
        fields: dict[str, Any],
        *,
        version: int | None,
        correction_reason: str | None,
    ) -> Decision:
        """Save the draft decision."""
        saved = await self._run(
            self.desk.save_decision,
            self.staff,
            number,
            fields,
            version=version,
            correction_reason=correction_reason,
            lang=self.lang,
        )
        return cast(Decision, saved)

    async def register_decision(self, number: str, *, version: int, case_version: int) -> Decision:
        """Register the draft decision."""
        done = await self._run(
            self.desk.register_decision,
            self.staff,
            number,
            version=version,
            case_version=case_version,
            lang=self.lang,
        )
        return cast(Decision, done)

    async def decision_document(self, number: str, *, version: int | None = None) -> bytes:
        """The decision as PDF."""
        return await self._run(self.desk.decision_document, self.staff, number, version=version)

    # --- the anonymisation (issue 12) ---------------------------------------------------------

    async def anonymisation(self, number: str) -> Anonymisation:
        """The anonymisation preview of the case's current decision."""
        found = await self._run(self.desk.anonymisation, self.staff, number, lang=self.lang)
        return cast(Anonymisation, found)

    async def save_anonymisation(
        self, number: str, *, version: int, spans: list[dict[str, Any]]
    ) -> Anonymisation:
        """Save the replacements."""
        found = await self._run(
            self.desk.save_anonymisation,
            self.staff,
            number,
            version=version,
            spans=spans,
            lang=self.lang,
        )
        return cast(Anonymisation, found)

    async def accept_anonymisation(self, number: str, *, version: int) -> Anonymisation:
        """Accept the preview for publication."""
        found = await self._run(
            self.desk.accept_anonymisation, self.staff, number, version=version, lang=self.lang
        )
        return cast(Anonymisation, found)

    # --- the board's meetings (issue 12) -----------------------------------------------------

    async def meetings(self) -> list[MeetingSummary]:
        """The meetings of the caller's tribunals."""
        found = await self._run(self.desk.meetings, self.staff, lang=self.lang)
        return cast(list[MeetingSummary], found["meetings"])

    async def meeting(self, meeting_id: int) -> Meeting:
        """One meeting with its agenda."""
        return cast(
            Meeting, await self._run(self.desk.meeting, self.staff, meeting_id, lang=self.lang)
        )

    async def new_meeting(
        self, tribunal: str, *, starts_at: str, place: str, members: list[dict[str, Any]]
    ) -> Meeting:
        """Plan a meeting."""
        made = await self._run(
            self.desk.new_meeting,
            self.staff,
            tribunal,
            starts_at=starts_at,
            place=place,
            members=members,
            lang=self.lang,
        )
        return cast(Meeting, made)

    async def ready_cases(self, meeting_id: int) -> list[CaseRow]:
        """The cases that can go on the agenda."""
        found = await self._run(self.desk.ready_cases, self.staff, meeting_id, lang=self.lang)
        return cast(list[CaseRow], found["cases"])

    async def add_agenda_item(
        self,
        meeting_id: int,
        number: str,
        *,
        kind: str = "case",
        inspection_at: str | None = None,
        place: str | None = None,
    ) -> Meeting:
        """Put an item last on the agenda."""
        found = await self._run(
            self.desk.add_agenda_item,
            self.staff,
            meeting_id,
            number,
            kind=kind,
            inspection_at=inspection_at,
            place=place,
            lang=self.lang,
        )
        return cast(Meeting, found)

    async def move_agenda_item(self, meeting_id: int, item_id: int, direction: str) -> Meeting:
        """Move an item up or down."""
        found = await self._run(
            self.desk.move_agenda_item, self.staff, meeting_id, item_id, direction, lang=self.lang
        )
        return cast(Meeting, found)

    async def remove_agenda_item(self, meeting_id: int, item_id: int) -> Meeting:
        """Take an item off the agenda."""
        found = await self._run(
            self.desk.remove_agenda_item, self.staff, meeting_id, item_id, lang=self.lang
        )
        return cast(Meeting, found)

    async def send_summons(self, meeting_id: int) -> Summons:
        """Summon the parties."""
        return cast(
            Summons, await self._run(self.desk.send_summons, self.staff, meeting_id, lang=self.lang)
        )

    async def agenda_pdf(self, meeting_id: int) -> bytes:
        """The agenda as PDF."""
        return await self._run(self.desk.agenda_pdf, self.staff, meeting_id)
