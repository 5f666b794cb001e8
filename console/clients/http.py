"""The staff API over HTTP: :class:`HttpStaffClient` talks to ``/api/v1/staff`` of a service.

Every failure becomes one :class:`StaffApiError` carrying the server's plain message (or, when
the server cannot be reached, a plain sentence saying so), so the console shows it as is.
"""

from __future__ import annotations

from typing import Any, Literal, cast

import httpx

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
from statemachine.errors import NaevnError
from statemachine.text import N_, t

UNREACHABLE = N_("The service at {url} cannot be reached: {reason}")
NOT_JSON = N_("The service answered with something that is not the staff API ({status}).")


class StaffApiError(NaevnError):
    """The staff API refused a request, or could not be reached.

    ``code`` and ``status`` are the server's (``unavailable``/503 when there was no answer).
    """

    title = "Staff API"

    def __init__(self, message: Any, *, code: str = "unavailable", status: int = 503) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class HttpStaffClient:
    """The :class:`console.client.StaffClient` of a running service."""

    def __init__(
        self,
        server: str,
        token: str,
        *,
        lang: str = "da",
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """Args:
        server: the service's base URL, e.g. ``http://127.0.0.1:8080``.
        token: the staff member's bearer token.
        lang: the language labels come back in (``Accept-Language``).
        transport: an httpx transport (tests pass a mock one).
        """
        self.server = server.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=f"{self.server}/api/v1/staff",
            headers={"Authorization": f"Bearer {token}", "Accept-Language": lang},
            timeout=30.0,
            transport=transport,
        )

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
    ) -> httpx.Response:
        try:
            response = await self._http.request(method, path, params=params, json=body)
        except httpx.HTTPError as error:
            raise StaffApiError(t(UNREACHABLE, url=self.server, reason=str(error))) from error
        if response.is_error:
            raise _refusal(response)
        return response

    async def _json(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
    ) -> Any:
        response = await self._call(method, path, params=params, body=body)
        try:
            return response.json()
        except ValueError as error:
            raise StaffApiError(t(NOT_JSON, status=str(response.status_code))) from error

    async def me(self) -> Me:
        """The caller."""
        return cast(Me, await self._json("GET", "/me"))

    async def colleagues(self) -> list[Colleague]:
        """Staff sharing a tribunal with the caller."""
        return cast(list[Colleague], (await self._json("GET", "/staff"))["staff"])

    async def queue(self, params: QueueParams) -> QueuePage:
        """One page of the queue."""
        query = {key: str(value) for key, value in params.items() if value not in ("", None)}
        return cast(QueuePage, await self._json("GET", "/cases", params=query))

    async def case(self, number: str) -> CaseDetail:
        """The whole case."""
        return cast(CaseDetail, await self._json("GET", f"/cases/{number}"))

    async def attachment(self, number: str, attachment_id: str) -> Document:
        """A document's content, type and file name."""
        response = await self._call("GET", f"/cases/{number}/attachments/{attachment_id}")
        disposition = response.headers.get("content-disposition", "")
        filename = disposition.partition("filename=")[2].strip('"') or attachment_id
        media_type = response.headers.get("content-type", "application/octet-stream")
        return Document(response.content, media_type, filename)

    async def step(
        self, number: str, step: str, *, version: int, reason: str | None, text: str | None
    ) -> CaseDetail:
        """Take a lifecycle step."""
        body: dict[str, Any] = {"step": step, "version": version}
        if reason is not None:
            body["reason"] = reason
        if text is not None:
            body["text"] = text
        return cast(CaseDetail, await self._json("POST", f"/cases/{number}/steps", body=body))

    async def assign(self, number: str, staff: StaffRef, *, version: int | None) -> CaseDetail:
        """Assign one case."""
        body: dict[str, Any] = {"staff": staff}
        if version is not None:
            body["version"] = version
        return cast(CaseDetail, await self._json("POST", f"/cases/{number}/assign", body=body))

    async def bulk_assign(self, numbers: list[str], staff: int | Literal["me"]) -> BulkResult:
        """Assign several cases."""
        body = {"cases": numbers, "staff": staff}
        return cast(BulkResult, await self._json("POST", "/assign", body=body))

    async def add_note(self, number: str, text: str) -> Note:
        """Add an internal note."""
        return cast(Note, await self._json("POST", f"/cases/{number}/notes", body={"text": text}))

    async def send_message(
        self, number: str, *, to: str, subject: str, body: str, attachments: list[str]
    ) -> MessageInfo:
        """Send a message to a party or to all."""
        payload = {"to": to, "subject": subject, "body": body, "attachments": attachments}
        return cast(
            MessageInfo, await self._json("POST", f"/cases/{number}/messages", body=payload)
        )

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
        payload: dict[str, Any] = {"version": version, "material": material}
        if party is not None:
            payload["party"] = party
        if reply_days is not None:
            payload["reply_days"] = reply_days
        if note:
            payload["note"] = note
        return cast(CaseDetail, await self._json("POST", f"/cases/{number}/hearing", body=payload))

    async def filters(self) -> list[SavedFilter]:
        """The caller's saved filters."""
        return cast(list[SavedFilter], (await self._json("GET", "/filters"))["filters"])

    async def outbox(self, state: MailState = "dead") -> list[MailInfo]:
        """Queued mail in one state, newest first (leads and admins only)."""
        answer = await self._json("GET", "/outbox", params={"state": state})
        return cast(list[MailInfo], answer["mail"])

    async def resend(self, mail_id: int) -> MailInfo:
        """Send a dead letter again."""
        return cast(MailInfo, await self._json("POST", f"/outbox/{mail_id}/retry"))

    async def save_filter(self, name: str, query: QueueParams) -> SavedFilter:
        """Save or replace a named filter."""
        answer = await self._json("PUT", f"/filters/{name}", body={"query": dict(query)})
        if isinstance(answer, dict) and "name" in answer:
            return cast(SavedFilter, answer)
        return SavedFilter(name=name, query=query)

    async def delete_filter(self, name: str) -> None:
        """Delete a saved filter."""
        await self._call("DELETE", f"/filters/{name}")

    # --- the decision (issue 12) ---------------------------------------------------------------

    async def decision(self, number: str) -> Decision:
        """The case's decision: draft or current, with its document and lists."""
        return cast(Decision, await self._json("GET", f"/cases/{number}/decision"))

    async def save_decision(
        self,
        number: str,
        fields: dict[str, Any],
        *,
        version: int | None,
        correction_reason: str | None,
    ) -> Decision:
        """Save the draft decision."""
        body: dict[str, Any] = {"fields": fields}
        if version is not None:
            body["version"] = version
        if correction_reason:
            body["correction_reason"] = correction_reason
        return cast(Decision, await self._json("PUT", f"/cases/{number}/decision", body=body))

    async def register_decision(self, number: str, *, version: int, case_version: int) -> Decision:
        """Register the draft decision."""
        body = {"version": version, "case_version": case_version}
        path = f"/cases/{number}/decision/register"
        return cast(Decision, await self._json("POST", path, body=body))

    async def decision_document(self, number: str, *, version: int | None = None) -> bytes:
        """The decision as PDF."""
        params = {"version": str(version)} if version is not None else None
        response = await self._call("GET", f"/cases/{number}/decision/document", params=params)
        return response.content

    # --- the anonymisation (issue 12) ---------------------------------------------------------

    async def anonymisation(self, number: str) -> Anonymisation:
        """The anonymisation preview of the case's current decision."""
        return cast(Anonymisation, await self._json("GET", f"/cases/{number}/anonymisation"))

    async def save_anonymisation(
        self, number: str, *, version: int, spans: list[dict[str, Any]]
    ) -> Anonymisation:
        """Save the replacements."""
        body = {"version": version, "spans": spans}
        path = f"/cases/{number}/anonymisation"
        return cast(Anonymisation, await self._json("PUT", path, body=body))

    async def accept_anonymisation(self, number: str, *, version: int) -> Anonymisation:
        """Accept the preview for publication."""
        path = f"/cases/{number}/anonymisation/accept"
        return cast(Anonymisation, await self._json("POST", path, body={"version": version}))

    # --- the board's meetings (issue 12) -----------------------------------------------------

    async def meetings(self) -> list[MeetingSummary]:
        """The meetings of the caller's tribunals."""
        return cast(list[MeetingSummary], (await self._json("GET", "/meetings"))["meetings"])

    async def meeting(self, meeting_id: int) -> Meeting:
        """One meeting with its agenda."""
        return cast(Meeting, await self._json("GET", f"/meetings/{meeting_id}"))

    async def new_meeting(
        self, tribunal: str, *, starts_at: str, place: str, members: list[dict[str, Any]]
    ) -> Meeting:
        """Plan a meeting."""
        body = {"tribunal": tribunal, "starts_at": starts_at, "place": place, "members": members}
        return cast(Meeting, await self._json("POST", "/meetings", body=body))

    async def ready_cases(self, meeting_id: int) -> list[CaseRow]:
        """The cases that can go on the agenda."""
        found = await self._json("GET", f"/meetings/{meeting_id}/ready")
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
        body: dict[str, Any] = {"number": number, "kind": kind}
        if inspection_at:
            body["inspection_at"] = inspection_at
        if place:
            body["place"] = place
        return cast(Meeting, await self._json("POST", f"/meetings/{meeting_id}/items", body=body))

    async def move_agenda_item(self, meeting_id: int, item_id: int, direction: str) -> Meeting:
        """Move an item up or down."""
        path = f"/meetings/{meeting_id}/items/{item_id}/move"
        return cast(Meeting, await self._json("POST", path, body={"direction": direction}))

    async def remove_agenda_item(self, meeting_id: int, item_id: int) -> Meeting:
        """Take an item off the agenda."""
        path = f"/meetings/{meeting_id}/items/{item_id}"
        return cast(Meeting, await self._json("DELETE", path))

    async def send_summons(self, meeting_id: int) -> Summons:
        """Summon the parties."""
        return cast(Summons, await self._json("POST", f"/meetings/{meeting_id}/summons", body={}))

    async def agenda_pdf(self, meeting_id: int) -> bytes:
        """The agenda as PDF."""
        return (await self._call("GET", f"/meetings/{meeting_id}/agenda")).content


def _refusal(response: httpx.Response) -> StaffApiError:
    """The server's JSON error body as a :class:`StaffApiError` with its plain message."""
    try:
        error = response.json()["error"]
        message, code = str(error["message"]), str(error["code"])
    except (ValueError, KeyError, TypeError):
        return StaffApiError(
            t(NOT_JSON, status=str(response.status_code)), status=response.status_code
        )
    return StaffApiError(message, code=code, status=response.status_code)
