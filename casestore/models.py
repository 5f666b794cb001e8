"""The tables of the case store, declared as SQLAlchemy 2.0 models (schema only, no behaviour)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, cast

from sqlalchemy import JSON, Date, DateTime, Dialect, ForeignKey, MetaData, String, Table, Text
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
    created_at: Mapped[Stamp]
    updated_at: Mapped[Stamp]


class Case(Base):
    """A submitted case, with the answers it was filed with."""

    __tablename__ = "cases"

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
    draft_id: Mapped[Code] = mapped_column(ForeignKey("drafts.id"), index=True)
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


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


DRAFTS = _table(Draft)
CASES = _table(Case)
PARTIES = _table(Party)
ATTACHMENTS = _table(Attachment)
DEADLINES = _table(Deadline)
EVENTS = _table(Event)
COUNTERS = _table(Counter)
REPLIES = _table(Reply)

__all__ = [
    "ATTACHMENTS",
    "CASES",
    "COUNTERS",
    "DEADLINES",
    "DRAFTS",
    "EVENTS",
    "PARTIES",
    "REPLIES",
    "Base",
]
