"""The tables of the case store, declared as SQLAlchemy 2.0 models (schema only, no behaviour)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, cast

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Deterministic constraint names, so later migrations (and SQLite batch mode) can find them."""


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware.

    SQLite keeps no offset, so values are normalised to UTC on the way in and tagged UTC on the
    way out; PostgreSQL's ``timestamptz`` gets the same aware values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes and convert aware ones to UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass a timezone-aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Tag naive (SQLite) values as UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


JsonType = JSON()
"""JSON text on SQLite, ``json`` on PostgreSQL: kept as written, so answers keep the order the
filer gave them in (``jsonb`` would sort keys by length)."""

IntPk = Annotated[int, mapped_column(primary_key=True, autoincrement=True)]
"""A surrogate integer key."""
Code = Annotated[str, mapped_column(String(64))]
"""A short machine id: a state, role, case type, status, language code or case number."""
Name = Annotated[str, mapped_column(String(400))]
"""A person's text: a name, address, filename or media type."""
OptName = Annotated[str | None, mapped_column(String(400))]
"""Like Name, but may be unknown."""
Hash = Annotated[str, mapped_column(String(64))]
"""A hex sha256 digest."""
Json = Annotated[Any, mapped_column(JsonType)]
"""A JSON document (dict or list)."""
Stamp = Annotated[datetime, mapped_column(UTCDateTime())]
"""A timezone-aware UTC timestamp."""
Day = Annotated[date, mapped_column(Date())]
"""A calendar date."""


class Base(DeclarativeBase):
    """The declarative base: one metadata with the naming convention."""

    metadata = MetaData(naming_convention=NAMING)


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


class Draft(Base):
    """A dialogue in progress (or finished): its state and answers, under optimistic locking."""

    __tablename__ = "drafts"

    id: Mapped[Code] = mapped_column(primary_key=True)
    token_hash: Mapped[Hash] = mapped_column(index=True, unique=True)
    resume_hash: Mapped[Hash] = mapped_column(index=True, unique=True)
    lang: Mapped[Code]
    state: Mapped[Code]
    data: Mapped[Json]
    version: Mapped[int]
    status: Mapped[Code]
    case_number: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[OptName] = mapped_column(index=True)
    """The filer's e-mail address once given (trimmed, lower case): Mine sager lists the
    address's open drafts."""
    created_at: Mapped[Stamp]
    updated_at: Mapped[Stamp]


class Case(Base):
    """A submitted case, with the answers it was filed with, and where the secretariat is with it.

    The queue always filters by ``tribunal`` (staff see their own tribunals' cases), so every
    queue index leads with it and then gives the order of one sort.
    """

    __tablename__ = "cases"
    __table_args__ = (
        Index(None, "tribunal", "next_deadline", "id"),
        Index(None, "tribunal", "filed_at", "id"),
        Index(None, "tribunal", "number"),
        Index(None, "tribunal", "status", "next_deadline", "id"),
        Index(None, "tribunal", "status", "filed_at", "id"),
        Index(None, "tribunal", "status", "number"),
        Index(None, "assignee_id", "next_deadline", "id"),
    )

    id: Mapped[IntPk]
    number: Mapped[Code] = mapped_column(unique=True)
    draft_id: Mapped[Code] = mapped_column(ForeignKey("drafts.id"), unique=True)
    case_type: Mapped[Code]
    extra_topics: Mapped[Json]
    role: Mapped[Code]
    side: Mapped[Code]
    housing: Mapped[Code]
    municipality_code: Mapped[int]
    lang: Mapped[Code]
    status: Mapped[Code]
    answers: Mapped[Json]
    filed_at: Mapped[Stamp] = mapped_column(index=True)
    tribunal: Mapped[Code]
    """``hln-<kommunekode>`` or ``bkn-<kommunekode>``: the tribunal that takes the case."""
    version: Mapped[int] = mapped_column(server_default="1")
    """Bumped by every change the secretariat makes; optimistic locking."""
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    """The caseworker the case is assigned to, if any."""
    next_deadline: Mapped[date | None] = mapped_column(Date())
    """The act-by date of the earliest open secretariat deadline."""
    next_rule: Mapped[str | None] = mapped_column(String(120))
    """The rule id of that deadline."""
    parties_label: Mapped[Name] = mapped_column(server_default="")
    """"Filer / counterparty", for the queue."""
    address: Mapped[Name] = mapped_column(server_default="")
    """The address of the home the case is about."""
    status_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """When the status last changed; None while it is the status the case was filed in."""


class Party(Base):
    """A person or company in a case: the filer, a representative, co-parties, counterparties."""

    __tablename__ = "parties"

    id: Mapped[IntPk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    role: Mapped[Code]
    name: Mapped[Name]
    kind: Mapped[Code]
    address: Mapped[Name]
    email: Mapped[OptName]
    phone: Mapped[str | None] = mapped_column(String(40))


class Attachment(Base):
    """An uploaded file: metadata here, content in the blob store under its sha256."""

    __tablename__ = "attachments"

    id: Mapped[Code] = mapped_column(primary_key=True)
    draft_id: Mapped[str | None] = mapped_column(String(64), ForeignKey("drafts.id"), index=True)
    """The draft it was uploaded to; None for a file a party sent with a reply to the case."""
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    filename: Mapped[Name]
    size: Mapped[int]
    sha256: Mapped[Hash]
    media_type: Mapped[Name]
    requirement: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[Stamp]


class Deadline(Base):
    """A legal deadline of a case, as computed when it was submitted."""

    __tablename__ = "deadlines"

    id: Mapped[IntPk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    rule: Mapped[str] = mapped_column(String(120))
    event: Mapped[Code]
    starts: Mapped[Day]
    ends: Mapped[Day]
    act_by: Mapped[Day]
    days_left: Mapped[int]
    status: Mapped[Code]
    consequence: Mapped[str] = mapped_column(Text())
    legal_basis: Mapped[str] = mapped_column(Text())


class Event(Base):
    """One line of the audit trail: who did what, when, to which draft or case."""

    __tablename__ = "events"

    id: Mapped[IntPk]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    draft_id: Mapped[str | None] = mapped_column(String(64), index=True)
    kind: Mapped[Code] = mapped_column(String(80))
    actor: Mapped[Name]
    at: Mapped[Stamp]
    data: Mapped[Json]


class Reply(Base):
    """The turn returned for a client's idempotency key, so that a retried request replays it."""

    __tablename__ = "replies"

    draft_id: Mapped[Code] = mapped_column(ForeignKey("drafts.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[Hash]
    turn: Mapped[Json]
    created_at: Mapped[Stamp]


class Counter(Base):
    """The last running case number handed out per municipality."""

    __tablename__ = "counters"

    municipality_code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int]


class Staff(Base):
    """A member of a tribunal's secretariat or board, signing in with a bearer token."""

    __tablename__ = "staff"

    id: Mapped[IntPk]
    name: Mapped[Name]
    role: Mapped[Code]
    token_hash: Mapped[Hash] = mapped_column(unique=True)
    created_at: Mapped[Stamp]
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class StaffTribunal(Base):
    """One tribunal a staff member belongs to (and so sees the cases of)."""

    __tablename__ = "staff_tribunals"
    __table_args__ = (PrimaryKeyConstraint("staff_id", "tribunal"),)

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    tribunal: Mapped[Code]


class Note(Base):
    """An internal note on a case; parties never see it."""

    __tablename__ = "notes"

    id: Mapped[IntPk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    text: Mapped[str] = mapped_column(Text())
    at: Mapped[Stamp]


class Message(Base):
    """A message from the secretariat to one party or all parties of a case."""

    __tablename__ = "messages"

    id: Mapped[IntPk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recipient: Mapped[Code]
    subject: Mapped[Name]
    body: Mapped[str] = mapped_column(Text())
    attachments: Mapped[Json]
    at: Mapped[Stamp]
    direction: Mapped[str] = mapped_column(String(8), server_default="out")
    """``out`` for the secretariat's messages, ``in`` for a party's reply from Mine sager."""
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    """The party who replied (``in``); None for the secretariat's messages."""
    late: Mapped[bool] = mapped_column(server_default=false())
    """A hearing reply sent after its ``reply_due``: kept, but the tribunal may decide
    without it."""


class Hearing(Base):
    """A partshøring: material sent to a party, who may reply until ``reply_due``."""

    __tablename__ = "hearings"

    id: Mapped[IntPk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    started_at: Mapped[Stamp]
    reply_due: Mapped[Day]
    material: Mapped[Json]
    note: Mapped[str] = mapped_column(Text())
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Outbox(Base):
    """A mail to a party waiting to be sent (or sent, or given up on), written in the same
    transaction as what it tells of."""

    __tablename__ = "outbox"
    __table_args__ = (Index(None, "state", "next_attempt_at"),)

    id: Mapped[IntPk]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[Code]
    recipient: Mapped[Name]
    recipient_name: Mapped[Name]
    subject: Mapped[Name]
    body: Mapped[str] = mapped_column(Text())
    attachments: Mapped[Json]
    lang: Mapped[Code]
    state: Mapped[Code]
    attempts: Mapped[int] = mapped_column(Integer())
    next_attempt_at: Mapped[Stamp]
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text())
    created_at: Mapped[Stamp]
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SavedFilter(Base):
    """A queue filter a staff member saved under a name."""

    __tablename__ = "saved_filters"
    __table_args__ = (UniqueConstraint("staff_id", "name"),)

    id: Mapped[IntPk]
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    name: Mapped[Name]
    query: Mapped[Json]


class AccessCode(Base):
    """A code that opens one case in Mine sager: the filer's (``case``, on the receipt) or a
    counterparty's for one hearing (``hearing``, in the hearing letter). Stored hashed."""

    __tablename__ = "access_codes"

    id: Mapped[IntPk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[Code]
    code_hash: Mapped[Hash] = mapped_column(unique=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    hearing_id: Mapped[int | None] = mapped_column(ForeignKey("hearings.id"))
    created_at: Mapped[Stamp]
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SigninCode(Base):
    """A one-time code mailed to an address for signing in to Mine sager. Stored hashed."""

    __tablename__ = "signin_codes"
    __table_args__ = (Index(None, "email", "created_at"),)

    id: Mapped[IntPk]
    email: Mapped[Name]
    code_hash: Mapped[Hash]
    client: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[Stamp]
    expires_at: Mapped[Stamp]
    tries: Mapped[int] = mapped_column(Integer())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PartySession(Base):
    """A browser signed in to Mine sager: by e-mail (all that address's cases) or by an
    access code (one case, or one hearing's material). The cookie holds the token only."""

    __tablename__ = "party_sessions"

    id: Mapped[IntPk]
    token_hash: Mapped[Hash] = mapped_column(unique=True)
    email: Mapped[OptName]
    access_code_id: Mapped[int | None] = mapped_column(ForeignKey("access_codes.id"))
    created_at: Mapped[Stamp]
    expires_at: Mapped[Stamp]
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AccessAttempt(Base):
    """One try at signing in (a mailed code asked for, a code typed), for rate limits."""

    __tablename__ = "access_attempts"
    __table_args__ = (Index(None, "client", "kind", "at"),)

    id: Mapped[IntPk]
    client: Mapped[str] = mapped_column(String(120))
    kind: Mapped[Code]
    at: Mapped[Stamp]


DRAFTS = _table(Draft)
CASES = _table(Case)
PARTIES = _table(Party)
ATTACHMENTS = _table(Attachment)
DEADLINES = _table(Deadline)
EVENTS = _table(Event)
COUNTERS = _table(Counter)
REPLIES = _table(Reply)
STAFF = _table(Staff)
STAFF_TRIBUNALS = _table(StaffTribunal)
NOTES = _table(Note)
MESSAGES = _table(Message)
HEARINGS = _table(Hearing)
OUTBOX = _table(Outbox)
SAVED_FILTERS = _table(SavedFilter)
ACCESS_CODES = _table(AccessCode)
SIGNIN_CODES = _table(SigninCode)
PARTY_SESSIONS = _table(PartySession)
ACCESS_ATTEMPTS = _table(AccessAttempt)

__all__ = [
    "ACCESS_ATTEMPTS",
    "ACCESS_CODES",
    "ATTACHMENTS",
    "CASES",
    "COUNTERS",
    "DEADLINES",
    "DRAFTS",
    "EVENTS",
    "HEARINGS",
    "MESSAGES",
    "NOTES",
    "OUTBOX",
    "PARTIES",
    "PARTY_SESSIONS",
    "REPLIES",
    "SAVED_FILTERS",
    "SIGNIN_CODES",
    "STAFF",
    "STAFF_TRIBUNALS",
    "Base",
]

# --- board meetings (migration 0006) -------------------------------------------------------


class Meeting(Base):
    """A meeting of a tribunal (nævnsmøde): when, where, and whether its summons went out."""

    __tablename__ = "meetings"
    __table_args__ = (Index(None, "tribunal", "starts_at", "id"),)

    id: Mapped[IntPk]
    tribunal: Mapped[Code]
    """The tribunal that meets (``hln-101``)."""
    starts_at: Mapped[Stamp]
    """When the meeting starts."""
    place: Mapped[Name]
    """Where it is held."""
    created_at: Mapped[Stamp]
    created_by: Mapped[Name]


class MeetingMember(Base):
    """One seat at a meeting: the chair (formand) or one of the two members."""

    __tablename__ = "meeting_members"
    __table_args__ = (UniqueConstraint("meeting_id", "seat"),)

    id: Mapped[IntPk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    seat: Mapped[Code]
    """``chair``, ``tenant_member`` or ``landlord_member``."""
    name: Mapped[Name]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    """The member's ``board_member`` staff account, if they have one."""


class AgendaItem(Base):
    """One item of a meeting's agenda: a case, or an inspection of a case's home."""

    __tablename__ = "agenda_items"
    __table_args__ = (Index(None, "meeting_id", "position"),)

    id: Mapped[IntPk]
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[Code]
    """``case`` or ``inspection``."""
    position: Mapped[int]
    """Its place in the agenda, 1 first (gaps allowed)."""
    inspection_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """For an inspection: when the tribunal comes to the home."""
    place: Mapped[OptName]
    """For an inspection: the address inspected."""
    summoned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """When the parties were summoned to this item; None until then."""


MEETINGS = _table(Meeting)
MEETING_MEMBERS = _table(MeetingMember)
AGENDA_ITEMS = _table(AgendaItem)
__all__ += ["AGENDA_ITEMS", "MEETINGS", "MEETING_MEMBERS"]


# --- decisions (migration 0007) ------------------------------------------------------------


from decimal import Decimal as _Decimal  # noqa: E402  (the decisions' own types, in their region)

from sqlalchemy import Numeric as _Numeric  # noqa: E402


class Decision(Base):
    """One version of a case's decision: the box's fields with their canonical values
    (statemachine/catalog/decisions.py), the caseworker's free texts, and whether it is a
    draft or registered. A case's versions count 1, 2, ...; registering a later version (a
    correction) keeps every earlier one, and the current decision is the highest registered
    version."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: Mapped[IntPk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    version: Mapped[int]
    state: Mapped[Code]
    """``draft`` while the caseworker edits it, ``registered`` once decided."""
    outcome: Mapped[Code]
    """The closing reason (reasonForClosing)."""
    in_favour: Mapped[Code]
    fee_imposed: Mapped[Code]
    locally_inspected: Mapped[Code]
    public_interest: Mapped[Code]
    decided_on: Mapped[date | None] = mapped_column(Date())
    subjects: Mapped[Json]
    """The subjects, as case type ids (a list)."""
    statutes: Mapped[Json]
    """The provisions, as statute ids ``law:chapter:section`` (a list)."""
    rent_method: Mapped[str | None] = mapped_column(String(64))
    rent_category: Mapped[str | None] = mapped_column(String(64))
    rent_declaration: Mapped[str | None] = mapped_column(String(64))
    rent_amount: Mapped[_Decimal | None] = mapped_column(_Numeric(12, 2))
    rent_area: Mapped[int | None] = mapped_column(Integer())
    rent_from: Mapped[date | None] = mapped_column(Date())
    decision_text: Mapped[str | None] = mapped_column(Text())
    """AFGØRELSE as the caseworker wrote it; None: the standard text."""
    facts_text: Mapped[str | None] = mapped_column(Text())
    """SAGSFREMSTILLING as the caseworker wrote it; None: the standard text."""
    reasons_text: Mapped[str | None] = mapped_column(Text())
    """The begrundelse as the caseworker wrote it; None: the standard text."""
    correction_reason: Mapped[str | None] = mapped_column(Text())
    """Why this version corrects a registered one; None for the first decision."""
    created_at: Mapped[Stamp]
    created_by: Mapped[Name]
    updated_at: Mapped[Stamp]
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    registered_by: Mapped[OptName]
    notified_on: Mapped[date | None] = mapped_column(Date())
    """The day the parties were sent it: the appeal period runs from here."""
    document_id: Mapped[str | None] = mapped_column(String(64), ForeignKey("attachments.id"))
    """The decision PDF sent to the parties (a file of the case)."""


DECISIONS = _table(Decision)
__all__ += ["DECISIONS"]

# --- anonymisation (migration 0008) --------------------------------------------------------


class Anonymisation(Base):
    """The replacements of one decision version's text, as previewed in the console: each one
    kept or reverted by the caseworker, and the preview accepted before the registers may
    publish it. Its text is kept with it, so what was reviewed is what gets published."""

    __tablename__ = "anonymisations"
    __table_args__ = (UniqueConstraint("case_id", "decision_version"),)

    id: Mapped[IntPk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    decision_version: Mapped[int]
    version: Mapped[int]
    """1 once saved, one more at each change; a stale one is refused."""
    state: Mapped[Code]
    """``proposed`` or ``accepted``."""
    text: Mapped[str] = mapped_column(Text())
    """The decision's text that was anonymised."""
    spans: Mapped[Json]
    """The replacements: start, end, original, replacement, kind, source and kept."""
    created_at: Mapped[Stamp]
    updated_at: Mapped[Stamp]
    updated_by: Mapped[Name]
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by: Mapped[OptName]


ANONYMISATIONS = _table(Anonymisation)
__all__ += ["ANONYMISATIONS"]


# --- the public registers (migration 0009) -------------------------------------------------


from decimal import Decimal  # noqa: E402  (the registers' own types, kept in their region)

from sqlalchemy import Boolean, LargeBinary, Numeric  # noqa: E402


class RegisterDecision(Base):
    """A decision in the public Afgørelsesregister: only the public fields of domain.md §6, never
    a party's name. A correction adds a new version and withdraws (unlists) the old one.

    Every list reads the listed rows newest decision first (``decided_on, id`` descending), so
    every index leads with ``listed``, then one filter's column, then that order: a page of a
    filter is one index range read from its cursor on. The filters' indexes end with the other
    filters' columns, so a combination of them is checked in the index, before any row is read.
    """

    __tablename__ = "register_decisions"
    __table_args__ = (
        Index(None, "listed", "decided_on", "id"),
        Index(
            "ix_register_decisions_by_municipality",
            *("listed", "municipality_code", "decided_on", "id", "tribunal", "outcome"),
        ),
        Index(
            "ix_register_decisions_by_tribunal",
            *("listed", "tribunal", "decided_on", "id", "municipality_code", "outcome"),
        ),
        Index(
            "ix_register_decisions_by_outcome",
            *("listed", "outcome", "decided_on", "id", "municipality_code", "tribunal"),
        ),
    )

    id: Mapped[IntPk]
    """The public id (the register's serial number)."""
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    """The case it was published from; None for a decision loaded in bulk (an import)."""
    case_number: Mapped[Code]
    version: Mapped[int]
    """1 for the first publication, then one more for each correction."""
    listed: Mapped[bool] = mapped_column(Boolean())
    """Whether this is the version the register shows (False once a correction replaced it)."""
    replaced_by: Mapped[int | None] = mapped_column(Integer())
    """The id of the version that replaced this one, once withdrawn."""
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    correction_reason: Mapped[str | None] = mapped_column(Text())
    """Why this version corrects the one before (public: no names)."""
    municipality_code: Mapped[int]
    tribunal: Mapped[Code]
    board: Mapped[Code]
    """``hln`` or ``bkn``."""
    filed_on: Mapped[Day]
    decided_on: Mapped[Day]
    published_at: Mapped[Stamp]
    submitter: Mapped[Code]
    """The filer's role: ``tenant``, ``landlord``, ``tenant_board`` or ``representative``."""
    outcome: Mapped[Code]
    """The closure reason (reasonForClosing): IN_FAVOUR, REJECTED, SETTLEMENT and so on."""
    in_favour: Mapped[Code]
    locally_inspected: Mapped[Code]
    public_interest: Mapped[Code]
    fee_imposed: Mapped[Code]
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    """The anonymised decision PDF in the blob store; None when it has none (an import)."""
    document_size: Mapped[int | None] = mapped_column(Integer())


class RegisterSubject(Base):
    """One subject (sagsområde) of a register decision, with its decision's order columns, so a
    subject's page reads one index range."""

    __tablename__ = "register_subjects"
    __table_args__ = (
        PrimaryKeyConstraint("decision_id", "subject"),
        Index(None, "listed", "subject", "decided_on", "decision_id"),
    )

    decision_id: Mapped[int] = mapped_column(ForeignKey("register_decisions.id"))
    subject: Mapped[Code]
    listed: Mapped[bool] = mapped_column(Boolean())
    decided_on: Mapped[Day]


class RegisterStatute(Base):
    """One statute (law, chapter, section) a register decision was made under, for its filter."""

    __tablename__ = "register_statutes"
    __table_args__ = (
        PrimaryKeyConstraint("decision_id", "statute"),
        Index(None, "listed", "statute", "decided_on", "decision_id"),
    )

    decision_id: Mapped[int] = mapped_column(ForeignKey("register_decisions.id"))
    statute: Mapped[str] = mapped_column(String(160))
    """The statute's id, such as ``lejeloven:1:1`` (law, chapter, section)."""
    label: Mapped[str] = mapped_column(Text())
    """How the decision names it (public text)."""
    listed: Mapped[bool] = mapped_column(Boolean())
    decided_on: Mapped[Day]


class RegisterRent(Base):
    """A rent the tribunal set, in the public Huslejeregister: the home at unit level (street,
    number, floor, door, postcode) and the rent, never a name. Listed like its decision."""

    __tablename__ = "register_rents"
    __table_args__ = (
        Index(None, "listed", "decided_on", "id"),
        Index(None, "listed", "municipality_code", "decided_on", "id"),
        Index(None, "listed", "tribunal", "decided_on", "id"),
        Index(None, "listed", "postcode", "decided_on", "id"),
        Index(None, "listed", "method", "decided_on", "id"),
        Index(None, "listed", "category", "decided_on", "id"),
    )

    id: Mapped[IntPk]
    decision_id: Mapped[int] = mapped_column(ForeignKey("register_decisions.id"), index=True)
    listed: Mapped[bool] = mapped_column(Boolean())
    municipality_code: Mapped[int]
    tribunal: Mapped[Code]
    decided_on: Mapped[Day]
    street: Mapped[Name]
    number: Mapped[str] = mapped_column(String(16))
    floor: Mapped[str] = mapped_column(String(16))
    door: Mapped[str] = mapped_column(String(16))
    postcode: Mapped[int]
    method: Mapped[Code]
    """BASED_ON_EXPENSES, BASED_ON_COMPARABLE_RENTS, BASED_ON_FREE_MARKET_PRICE or NOT_SET."""
    category: Mapped[Code]
    """MONTHLY_RENT or ANNUAL_RENT_PER_SQUARE_METERS."""
    declaration: Mapped[Code]
    """EXAMPLE_RENT or TENANCY_SPECIFIC_RENT."""
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    """The rent in DKK, in the category's unit."""
    area: Mapped[int]
    """The gross area in m²."""
    rent_from: Mapped[date | None] = mapped_column(Date())
    """The date from which the rent is set."""


class RegisterDocument(Base):
    """The anonymised decision PDF a register decision publishes, kept in the row so that it is
    written in the publishing transaction and never swept as an unnamed blob."""

    __tablename__ = "register_documents"

    decision_id: Mapped[int] = mapped_column(
        ForeignKey("register_decisions.id"), primary_key=True, autoincrement=False
    )
    content: Mapped[bytes] = mapped_column(LargeBinary())


REGISTER_DECISIONS = _table(RegisterDecision)
REGISTER_DOCUMENTS = _table(RegisterDocument)
REGISTER_SUBJECTS = _table(RegisterSubject)
REGISTER_STATUTES = _table(RegisterStatute)
REGISTER_RENTS = _table(RegisterRent)
__all__ += [
    "REGISTER_DECISIONS",
    "REGISTER_DOCUMENTS",
    "REGISTER_RENTS",
    "REGISTER_STATUTES",
    "REGISTER_SUBJECTS",
]
