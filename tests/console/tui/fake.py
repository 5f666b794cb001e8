"""A small in-memory staff client, for developing screens before the desk existed (and for
checks that need a refusal on demand)."""

from __future__ import annotations

import copy
from itertools import pairwise
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
    Replacement,
    SavedFilter,
    StaffRef,
    Summons,
)
from statemachine.errors import ConflictError, InvalidInputError

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


DECISION_TEXT = (
    "Karen Jensen klagede over lejen. Ejendomsselskabet Nord ApS svarede Karen Jensen på "
    "karen@example.dk. Naboen Bo Holm skrev, at viceværten havde set det, og viceværten "
    "bekræftede det."
)
"""The registered decision's text of every fake case."""
PROPOSED = (
    ("Karen Jensen", "[person A]", "person", "party"),
    ("Ejendomsselskabet Nord ApS", "[udlejer]", "organisation", "party"),
    ("karen@example.dk", "[e-mail]", "email", "pattern"),
    ("Bo Holm", "[person B]", "person", "name_list"),
)
"""What the fake proposes to replace: the words (every place they stand), what instead, their
kind and who found them."""
KINDS = {
    "person": "Name",
    "organisation": "Organisation",
    "address": "Address",
    "cpr": "CPR number",
    "email": "E-mail address",
    "phone": "Phone number",
    "account": "Account number",
}
SOURCES = {
    "party": "A party of the case",
    "pattern": "Pattern",
    "name_list": "Name recogniser",
    "caseworker": "Added by hand",
}
STATES = {"proposed": "Not accepted yet", "accepted": "Accepted for publication"}


def proposed(text: str) -> list[dict[str, Any]]:
    """The fake's proposal for ``text``: each of :data:`PROPOSED` wherever it stands, kept."""
    spans = []
    for words, instead, kind, source in PROPOSED:
        at = text.find(words)
        while at >= 0:
            end = at + len(words)
            spans.append(
                {"start": at, "end": end, "replacement": instead, "kind": kind, "source": source}
                | {"kept": True}
            )
            at = text.find(words, end)
    return spans


def checked(text: str, spans: list[dict[str, Any]]) -> list[Replacement]:
    """``spans`` as the server keeps them: in the text, the kept ones apart, in text order,
    each with the words it covers and its labels."""
    out: list[Replacement] = []
    for n, span in enumerate(spans, start=1):
        start, end = span["start"], span["end"]
        if not 0 <= start < end <= len(text) or span["kind"] not in KINDS:
            raise InvalidInputError(f"Replacement {n} does not fit the text.")
        out.append(
            {
                "start": start,
                "end": end,
                "original": text[start:end],
                "replacement": span["replacement"],
                "kind": span["kind"],
                "kind_label": KINDS[span["kind"]],
                "source": span["source"],
                "source_label": SOURCES[span["source"]],
                "kept": span["kept"],
            }
        )
    out.sort(key=lambda s: (s["start"], s["end"]))
    kept = [s for s in out if s["kept"]]
    for before, after in pairwise(kept):
        if after["start"] < before["end"]:
            raise InvalidInputError(
                f"Replacements {before['original']!r} and {after['original']!r} cover the "
                "same words. Revert one of them (kept: false)."
            )
    return out


def applied(text: str, spans: list[Replacement]) -> str:
    """``text`` with every kept replacement in place."""
    out, at = [], 0
    for span in spans:
        if span["kept"]:
            out += [text[at : span["start"]], span["replacement"]]
            at = span["end"]
    return "".join([*out, text[at:]])


def stamp(preview: Anonymisation, state: str, *, by: str | None, at: str | None) -> None:
    """``preview`` saved once more, in ``state``, accepted ``by`` someone ``at`` a time."""
    preview["version"] += 1
    preview["state"] = state
    preview["state_label"] = STATES[state]
    preview["accepted_by"] = by
    preview["accepted_at"] = at


class FakeClient:
    """``count`` cases, paged by their index; every write is refused with ``refuse``, except
    the anonymisation's, which the fake keeps (refused only when ``refuse`` is given)."""

    def __init__(self, count: int = 1000, refuse: str | None = None) -> None:
        self.rows = [row(n) for n in range(count)]
        self.refuse = refuse
        self.calls: list[QueueParams] = []
        self.anonymisations: dict[str, Anonymisation] = {}
        """Each case's anonymisation as last saved (made on first sight)."""
        self.saved: list[list[dict[str, Any]]] = []
        """The replacements of every save, as sent."""
        self.undecided: set[str] = set()
        """Cases without a registered decision: their anonymisation is refused."""

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

    # --- the anonymisation (issue 12): kept, so that a screen can change and read it back -------

    async def anonymisation(self, number: str) -> Anonymisation:
        if number in self.undecided:
            raise ConflictError(f"Case {number} has no registered decision to anonymise.")
        return copy.deepcopy(self._anonymisation(number))

    async def save_anonymisation(
        self, number: str, *, version: int, spans: list[dict[str, Any]]
    ) -> Anonymisation:
        if self.refuse:
            raise ConflictError(self.refuse)
        preview = self._anonymisation(number)
        if version != preview["version"]:
            raise ConflictError("Someone else saved the replacements meanwhile. Look again.")
        self.saved.append(copy.deepcopy(spans))
        preview["spans"] = checked(preview["text"], spans)
        preview["result"] = applied(preview["text"], preview["spans"])
        stamp(preview, "proposed", by=None, at=None)
        return copy.deepcopy(preview)

    async def accept_anonymisation(self, number: str, *, version: int) -> Anonymisation:
        if self.refuse:
            raise ConflictError(self.refuse)
        preview = self._anonymisation(number)
        if version != preview["version"]:
            raise ConflictError("Someone else saved the replacements meanwhile. Look again.")
        stamp(preview, "accepted", by=ME["name"], at="2026-11-23T10:00:00+00:00")
        return copy.deepcopy(preview)

    def _anonymisation(self, number: str) -> Anonymisation:
        if number not in self.anonymisations:
            spans = checked(DECISION_TEXT, proposed(DECISION_TEXT))
            self.anonymisations[number] = {
                "number": number,
                "decision_version": 1,
                "version": 0,
                "state": "proposed",
                "state_label": STATES["proposed"],
                "text": DECISION_TEXT,
                "result": applied(DECISION_TEXT, spans),
                "spans": spans,
                "kinds": [{"value": kind, "label": label} for kind, label in KINDS.items()],
                "accepted_by": None,
                "accepted_at": None,
                "can_accept": True,
            }
        return self.anonymisations[number]

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
