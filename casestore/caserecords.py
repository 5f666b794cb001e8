"""Plain records of the secretariat's work: staff, the queue, a case as worked, and its mail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from casestore.records import CaseRecord

QueueSort = Literal["deadline", "filed", "number"]
"""What the queue is sorted by: next deadline (cases without one last), filing, case number."""


@dataclass(frozen=True, slots=True)
class StaffRow:
    """A member of staff, as the store knows them (never their token)."""

    id: int
    """The staff id."""
    name: str
    """Their name, as colleagues see it."""
    role: str
    """``caseworker``, ``lead``, ``board_member`` or ``admin``."""
    tribunals: tuple[str, ...]
    """The codes of the tribunals they belong to, sorted."""
    created_at: datetime
    """When they were added (UTC)."""
    revoked_at: datetime | None
    """When their token was revoked; None while it works."""


@dataclass(frozen=True, slots=True)
class QueueQuery:
    """One page of the queue: which cases, in which order, from where."""

    tribunals: tuple[str, ...]
    """The caller's tribunals; always applied, so an empty tuple finds nothing."""
    status: tuple[str, ...] = ()
    """Only these statuses; empty: any."""
    case_type: tuple[str, ...] = ()
    """Only these main case types; empty: any."""
    tribunal: tuple[str, ...] = ()
    """Only these tribunals (within ``tribunals``); empty: all of the caller's."""
    assignee: int | Literal["none"] | None = None
    """A staff id, ``"none"`` for unassigned cases, or None for anyone's."""
    housing: str | None = None
    """``private`` or ``social``; None: both."""
    filed_from: date | None = None
    """Filed on or after this day (UTC)."""
    filed_to: date | None = None
    """Filed on or before this day (UTC)."""
    due_within_days: int | None = None
    """Only cases whose next deadline is at most this many days after ``today`` (overdue
    included)."""
    overdue: bool = False
    """Only cases whose next deadline is before ``today``."""
    today: date | None = None
    """Today, for ``due_within_days`` and ``overdue`` (required with either)."""
    text: str | None = None
    """Full-text search: every word must start a word of the number, a party's name, the
    address or the filer's own words."""
    sort: QueueSort = "deadline"
    """The order of the rows."""
    descending: bool = False
    """Latest (or highest) first; cases without a deadline stay last either way."""
    after: str | None = None
    """The cursor of the previous page (:attr:`QueuePage.after`); None for the first page."""
    limit: int = 50
    """Rows per page, 1 to 500."""
    on_board_agenda: bool = False
    """Only the cases on the agenda of a meeting of ``tribunals`` (a board member's queue)."""


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the queue."""

    number: str
    """The case number."""
    case_type: str
    """The main case type id."""
    parties_label: str
    """"Filer / counterparty"."""
    status: str
    """The lifecycle status."""
    assignee_id: int | None
    """Who the case is assigned to, if anyone."""
    assignee_name: str | None
    """Their name."""
    next_deadline: date | None
    """The act-by date of the earliest open secretariat deadline."""
    next_rule: str | None
    """That deadline's rule id."""
    filed_at: datetime
    """When the case was filed (UTC)."""
    tribunal: str
    """The tribunal's code."""
    housing: str
    """``private`` or ``social``."""
    version: int
    """The case's version, for an assignment straight from the queue."""


@dataclass(frozen=True, slots=True)
class QueuePage:
    """A page of the queue and where the next one starts."""

    rows: list[QueueRow]
    """The cases, in the query's order."""
    after: str | None
    """The cursor for the next page; None when this is the last."""


@dataclass(frozen=True, slots=True)
class NoteRow:
    """An internal note on a case."""

    id: int
    """The note id."""
    staff_id: int
    """Who wrote it."""
    author: str
    """Their name."""
    text: str
    """The note."""
    at: datetime
    """When it was written (UTC)."""


@dataclass(frozen=True, slots=True)
class MessageRow:
    """A message the secretariat sent to parties of a case."""

    id: int
    """The message id."""
    staff_id: int | None
    """Who sent it; None for one the system sent."""
    author: str | None
    """Their name."""
    recipient: str
    """``all``, or the id of the party it went to (as text)."""
    subject: str
    """The subject line."""
    body: str
    """The text."""
    attachments: list[str]
    """The ids of the case's attachments sent with it."""
    at: datetime
    """When it was sent (UTC)."""
    direction: str = "out"
    """``out`` (the secretariat's) or ``in`` (a party's reply from Mine sager)."""
    party_id: int | None = None
    """For a reply, the party who sent it."""
    late: bool = False
    """For a hearing reply, whether it came after the reply deadline."""


@dataclass(frozen=True, slots=True)
class HearingRow:
    """A partshøring: material sent to a party for their reply."""

    id: int
    """The hearing id."""
    party_id: int
    """The party heard."""
    party_name: str
    """Their name."""
    started_at: datetime
    """When the material was sent (UTC)."""
    reply_due: date
    """The last day for a reply."""
    material: list[str]
    """The ids of the attachments sent."""
    note: str
    """The covering text."""
    replied_at: datetime | None
    """When the party replied; None until they do."""


@dataclass(frozen=True, slots=True)
class CaseWork(CaseRecord):
    """A whole case as the secretariat works it. Its parties carry their ``id`` too."""

    case_id: int = 0
    """The internal case id."""
    tribunal: str = ""
    """The tribunal's code."""
    address: str = ""
    """The address of the home the case is about."""
    parties_label: str = ""
    """"Filer / counterparty", as the queue shows it."""
    version: int = 1
    """Pass it back as ``expected_version`` to change the case."""
    assignee_id: int | None = None
    """Who the case is assigned to, if anyone."""
    assignee_name: str | None = None
    """Their name."""
    next_deadline: date | None = None
    """The act-by date of the earliest open secretariat deadline."""
    next_rule: str | None = None
    """That deadline's rule id."""
    status_at: datetime | None = None
    """When the status last changed; None while it is the one the case was filed in."""
    notes: list[NoteRow] = field(default_factory=list)
    """Internal notes, oldest first."""
    messages: list[MessageRow] = field(default_factory=list)
    """Messages sent, oldest first."""
    hearings: list[HearingRow] = field(default_factory=list)
    """Hearings, oldest first."""


@dataclass(frozen=True, slots=True)
class SavedFilter:
    """A queue filter a staff member saved under a name."""

    name: str
    """The name they gave it."""
    query: dict[str, Any]
    """The queue's query parameters, as the API takes them."""


@dataclass(frozen=True, slots=True)
class OutboxMail:
    """A mail to queue for a party, in the same transaction as what it tells of."""

    kind: str
    """``message``, ``hearing`` or ``status``."""
    recipient: str
    """An e-mail address, or a postal address as text."""
    recipient_name: str
    """Who it is for."""
    subject: str
    """The subject line, in the recipient's language."""
    body: str
    """The text, in the recipient's language."""
    attachments: tuple[str, ...] = ()
    """The ids of the case's attachments to send with it."""
    lang: str = "da"
    """The recipient's language code."""
