"""The staff API as a typed Protocol, and the JSON shapes it answers with.

Two clients implement :class:`StaffClient`: :mod:`console.clients.http` talks to a running
service, :mod:`console.clients.embedded` to the store in this process. The console's screens
know only this Protocol, so they work the same on both.

Errors: every method raises :class:`statemachine.errors.NaevnError` (a subclass) with a plain
message for the caseworker; nothing else is meant to leave a client.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypedDict


class TribunalRef(TypedDict):
    """A tribunal, as code and name."""

    code: str
    name: str


class Me(TypedDict):
    """The signed-in staff member (``GET /me``)."""

    id: int
    name: str
    role: str
    tribunals: list[TribunalRef]


class Colleague(TypedDict):
    """A staff member sharing a tribunal with the caller, for the assign picker."""

    id: int
    name: str
    role: str


class Assignee(TypedDict):
    """Who a case is assigned to."""

    id: int
    name: str


class NextDeadline(TypedDict):
    """The earliest open secretariat deadline of a case, with days left from today."""

    date: str
    days_left: int
    rule: str
    label: str
    flag: Literal["overdue", "due_soon"] | None


class CaseRow(TypedDict):
    """One line of the queue."""

    number: str
    case_type: str
    case_type_label: str
    parties: str
    status: str
    status_label: str
    assignee: Assignee | None
    next_deadline: NextDeadline | None
    filed: str
    tribunal: str
    housing: str
    version: int


class QueuePage(TypedDict):
    """One keyset page of the queue; ``after`` is None on the last page."""

    cases: list[CaseRow]
    after: str | None


class QueueParams(TypedDict, total=False):
    """The queue's filters, sort and page, as the ``GET /cases`` query names them."""

    status: str
    """Comma-separated status ids."""
    case_type: str
    tribunal: str
    assignee: str
    """``me``, ``none`` or a staff id."""
    housing: str
    filed_from: str
    filed_to: str
    due: str
    """``7`` (due within 7 days, overdue included) or ``overdue``."""
    q: str
    """Full-text search."""
    sort: Literal["deadline", "filed", "number"]
    order: Literal["asc", "desc"]
    after: str
    limit: int


class LabelValue(TypedDict):
    """One line of a case's summary."""

    label: str
    value: str


class Answer(TypedDict):
    """One of the filer's answers, as question and answer."""

    question: str
    answer: str


class Party(TypedDict):
    """A party to the case."""

    id: int
    role: str
    role_label: str
    name: str
    kind: str
    address: str | None
    email: str | None
    phone: str | None


class AttachmentInfo(TypedDict):
    """A document of the case."""

    id: str
    filename: str
    media_type: str
    size: int
    requirement_label: str | None


class Deadline(TypedDict):
    """A deadline of the case, the filer's or the secretariat's, recomputed for today."""

    rule: str
    label: str
    ends: str
    act_by: str
    days_left: int
    status: str
    status_label: str
    consequence: str | None
    side: Literal["filer", "secretariat"]


class Reason(TypedDict):
    """A reason a closing step may give."""

    id: str
    label: str


class Step(TypedDict):
    """A lifecycle step the caller may take now."""

    step: str
    label: str
    needs_reason: bool
    reasons: list[Reason]
    needs_text: bool


class Note(TypedDict):
    """An internal note."""

    id: int
    author: str
    at: str
    text: str


class MessagePartyInfo(TypedDict):
    """Who a message is from (a reply) or to (one party)."""

    id: int
    name: str
    role: str
    role_label: str


class MessageInfo(TypedDict):
    """A message on the case: sent to parties (``out``), or a party's reply (``in``)."""

    id: int
    direction: Literal["in", "out"]
    author: str | None
    at: str
    recipient: str
    party: MessagePartyInfo | None
    """The party it is from or to; None for a message to all."""
    subject: str
    body: str
    attachments: list[str]
    hearing: int | None
    """The hearing a reply answers, if any."""
    late: bool
    """Whether a hearing reply came after its reply date."""


class HearingInfo(TypedDict):
    """A hearing (partshøring) of a party."""

    id: int
    party: str
    started: str
    reply_due: str
    replied: str | None


HistoryEntry = TypedDict(
    "HistoryEntry",
    {
        "at": str,
        "actor": str,
        "kind": str,
        "label": str,
        "from": str | None,
        "to": str | None,
        "reason": str | None,
        "text": str | None,
    },
)
"""A line of the audit trail (functional form: ``from`` is a keyword)."""


class CaseDetail(TypedDict):
    """The whole case (``GET /cases/{number}``), labels in the caller's language."""

    number: str
    version: int
    status: str
    status_label: str
    case_type: str
    case_type_label: str
    tribunal: TribunalRef
    housing: str
    filed: str
    lang: str
    assignee: Assignee | None
    summary: list[LabelValue]
    answers: list[Answer]
    parties: list[Party]
    attachments: list[AttachmentInfo]
    deadlines: list[Deadline]
    steps: list[Step]
    notes: list[Note]
    messages: list[MessageInfo]
    hearings: list[HearingInfo]
    history: list[HistoryEntry]


class Refusal(TypedDict):
    """A case a bulk assignment could not assign, and why."""

    number: str
    message: str


class BulkResult(TypedDict):
    """What a bulk assignment did."""

    assigned: list[str]
    refused: list[Refusal]


class SavedFilter(TypedDict):
    """A named queue filter of the caller's."""

    name: str
    query: QueueParams


MailState = Literal["pending", "sent", "dead"]
"""Where a queued letter is: waiting to go, delivered, or given up on (a dead letter)."""


class MailInfo(TypedDict):
    """A letter in the outbox (``GET /outbox``), as leads and admins see it."""

    id: int
    case: str | None
    """The number of the case it is about, if any."""
    kind: str
    """``message``, ``hearing`` or ``status``."""
    recipient: str
    """An e-mail address, or ``post:`` and a postal address."""
    recipient_name: str
    subject: str
    state: MailState
    attempts: int
    last_error: str | None
    created_at: str
    sent_at: str | None


@dataclass(frozen=True)
class Document:
    """The content of a case's document, with its stored type."""

    content: bytes
    """The file's bytes."""
    media_type: str
    """Its stored Content-Type."""
    filename: str
    """The name the filer gave it."""


StaffRef = int | Literal["me"] | None
"""Whom to assign to: a staff id, the caller (``"me"``), or nobody (None)."""


class DecisionDoc(TypedDict):
    """A decision as Danish text: header and box as label/value pairs, the standard sentence,
    and the sections (``key``, ``heading``, ``paragraphs``, ``items``)."""

    header: list[list[str]]
    box: list[list[str]]
    standard: str
    sections: list[dict[str, Any]]


class Decision(TypedDict):
    """A case's decision (``GET /cases/{number}/decision``): the draft and the current
    version (each the box fields and texts, or None), every version, the box shown, the
    document as text, the standard texts, the lists to pick from, and the problems that stop
    registering it."""

    number: str
    status: str
    case_version: int
    draft: dict[str, Any] | None
    current: dict[str, Any] | None
    versions: list[dict[str, Any]]
    box: dict[str, Any]
    document: DecisionDoc
    standard: dict[str, str]
    decides_rent: bool
    problems: list[str]
    choices: dict[str, Any]
    correction: bool


class Replacement(TypedDict):
    """One replacement in a decision's text: the span it covers, what stands there instead,
    what it is, who found it, and whether the caseworker keeps it."""

    start: int
    end: int
    original: str
    replacement: str
    kind: str
    kind_label: str
    source: str
    source_label: str
    kept: bool


class Anonymisation(TypedDict):
    """The anonymisation preview of a case's current decision
    (``GET /cases/{number}/anonymisation``): its text, every replacement, and the result that
    the registers publish once it is accepted; ``version`` 0 until it is saved."""

    number: str
    decision_version: int
    version: int
    state: str
    state_label: str
    text: str
    result: str
    spans: list[Replacement]
    kinds: list[dict[str, str]]
    accepted_by: str | None
    accepted_at: str | None
    can_accept: bool


class MeetingMember(TypedDict):
    """One seat at a meeting: ``chair``, ``tenant_member`` or ``landlord_member``."""

    seat: str
    seat_label: str
    name: str
    staff_id: int | None


class AgendaItem(TypedDict):
    """One item of an agenda: a case, or an inspection of its home."""

    id: int
    position: int
    kind: str
    kind_label: str
    number: str
    case_type: str
    case_type_label: str
    address: str
    parties: str
    """The filers, then the other side, as the queue shows them."""
    status: str
    status_label: str
    inspection_at: str | None
    place: str | None
    summoned_at: str | None


class MeetingSummary(TypedDict):
    """A meeting in the list: when (ISO, the tribunals' own time), where, how many items,
    and whether every item's parties have been summoned."""

    id: int
    tribunal: str
    tribunal_name: str
    starts_at: str
    place: str
    items: int
    summoned: bool


class Meeting(MeetingSummary):
    """A meeting with its members and its agenda in order."""

    members: list[MeetingMember]
    agenda: list[AgendaItem]


class Summons(TypedDict):
    """How many summons were queued, and the meeting after it."""

    sent: int
    meeting: Meeting


class StaffClient(Protocol):
    """The staff API, one async method per route."""

    async def me(self) -> Me:
        """The caller."""
        ...

    async def colleagues(self) -> list[Colleague]:
        """Staff sharing a tribunal with the caller."""
        ...

    async def queue(self, params: QueueParams) -> QueuePage:
        """One page of the queue."""
        ...

    async def case(self, number: str) -> CaseDetail:
        """The whole case."""
        ...

    async def attachment(self, number: str, attachment_id: str) -> Document:
        """A document's content."""
        ...

    async def step(
        self, number: str, step: str, *, version: int, reason: str | None, text: str | None
    ) -> CaseDetail:
        """Take a lifecycle step; returns the case after it."""
        ...

    async def assign(self, number: str, staff: StaffRef, *, version: int | None) -> CaseDetail:
        """Assign one case; returns the case after it."""
        ...

    async def bulk_assign(self, numbers: list[str], staff: int | Literal["me"]) -> BulkResult:
        """Assign several cases at once."""
        ...

    async def add_note(self, number: str, text: str) -> Note:
        """Add an internal note."""
        ...

    async def send_message(
        self, number: str, *, to: str, subject: str, body: str, attachments: list[str]
    ) -> MessageInfo:
        """Send a message to one party (its id as text) or ``all``."""
        ...

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
        """Start a hearing of the counterparty; returns the case (status hearing)."""
        ...

    async def filters(self) -> list[SavedFilter]:
        """The caller's saved filters."""
        ...

    async def outbox(self, state: MailState = "dead") -> list[MailInfo]:
        """Queued mail about the caller's tribunals' cases in one state, newest first
        (leads and admins only)."""
        ...

    async def resend(self, mail_id: int) -> MailInfo:
        """Send a dead letter again; returns it, pending once more."""
        ...

    async def save_filter(self, name: str, query: QueueParams) -> SavedFilter:
        """Save (or replace) a named filter."""
        ...

    async def delete_filter(self, name: str) -> None:
        """Delete a saved filter."""
        ...

    # --- the decision (issue 12) ---------------------------------------------------------------

    async def decision(self, number: str) -> Decision:
        """The case's decision: draft or current, with its document and lists."""
        ...

    async def save_decision(
        self,
        number: str,
        fields: dict[str, Any],
        *,
        version: int | None,
        correction_reason: str | None,
    ) -> Decision:
        """Save the draft decision (a correction once one is registered needs a reason)."""
        ...

    async def register_decision(self, number: str, *, version: int, case_version: int) -> Decision:
        """Register the draft: the case is decided and the parties are sent it."""
        ...

    async def decision_document(self, number: str, *, version: int | None = None) -> bytes:
        """The decision as PDF (the draft, else the current one, or a given version)."""
        ...

    # --- the anonymisation (issue 12) ---------------------------------------------------------

    async def anonymisation(self, number: str) -> Anonymisation:
        """The anonymisation preview of the case's current decision."""
        ...

    async def save_anonymisation(
        self, number: str, *, version: int, spans: list[dict[str, Any]]
    ) -> Anonymisation:
        """Save the replacements, kept or reverted (``start``, ``end``, ``replacement``,
        ``kind``, ``source``, ``kept`` each)."""
        ...

    async def accept_anonymisation(self, number: str, *, version: int) -> Anonymisation:
        """Accept the preview for publication."""
        ...

    # --- the board's meetings (issue 12) -----------------------------------------------------

    async def meetings(self) -> list[MeetingSummary]:
        """The meetings of the caller's tribunals, the earliest first."""
        ...

    async def meeting(self, meeting_id: int) -> Meeting:
        """One meeting with its members and agenda."""
        ...

    async def new_meeting(
        self, tribunal: str, *, starts_at: str, place: str, members: list[dict[str, Any]]
    ) -> Meeting:
        """Plan a meeting (a lead); ``members``: ``{"seat", "name", "staff_id"?}`` each."""
        ...

    async def ready_cases(self, meeting_id: int) -> list[CaseRow]:
        """The meeting's tribunal's cases that can go on its agenda."""
        ...

    async def add_agenda_item(
        self,
        meeting_id: int,
        number: str,
        *,
        kind: str = "case",
        inspection_at: str | None = None,
        place: str | None = None,
    ) -> Meeting:
        """Put a case (or an inspection of its home) last on the agenda."""
        ...

    async def move_agenda_item(self, meeting_id: int, item_id: int, direction: str) -> Meeting:
        """Move an item one place ``up`` or ``down``."""
        ...

    async def remove_agenda_item(self, meeting_id: int, item_id: int) -> Meeting:
        """Take an item off the agenda."""
        ...

    async def send_summons(self, meeting_id: int) -> Summons:
        """Summon the parties of the items not yet summoned."""
        ...

    async def agenda_pdf(self, meeting_id: int) -> bytes:
        """The agenda as PDF, in Danish."""
        ...
