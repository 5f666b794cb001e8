"""Loading many cases at once (benchmarks, large demos): SQLAlchemy Core executemany; and
back-dating a demo's filings.

:meth:`Tx.submit` files one case the way a filer does, with every check. A bulk load skips
the dialogue and the checks, and writes whole batches of cases with one statement per table:
the draft each case was filed from, the case, its parties, its ``case.submitted`` audit line,
its row of the full-text search index, and the municipalities' case-number counters, so that
the store goes on numbering after the loaded cases.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from casestore import search
from casestore.engine import make_engine
from casestore.models import CASES, COUNTERS, DRAFTS, EVENTS, PARTIES
from statemachine.errors import StoreError

BATCH = 5000
"""Cases written per transaction: big enough to amortise a round trip, small enough to keep
memory flat on a million."""


@dataclass(frozen=True)
class BulkParty:
    """A person or company in a bulk-loaded case."""

    role: str
    """``filer``, ``counterparty``, ``co_party``, ``representative``."""
    name: str
    """Full name, or a company's name."""
    kind: str = "person"
    """``person``, ``company`` or ``organisation``."""
    address: str = ""
    """Postal address; empty when unknown."""
    email: str | None = None
    """E-mail address, if known."""
    phone: str | None = None
    """Phone number, if known."""


@dataclass(frozen=True)
class BulkCase:
    """One case to load, with the queue's columns already worked out by the caller."""

    number: str
    """``<kommunekode>-<running number>``; the running numbers must be new in the store."""
    municipality_code: int
    """The kommunekode of the home."""
    tribunal: str
    """The tribunal's code, e.g. ``hln-101``."""
    case_type: str
    """The main case type id."""
    housing: str
    """``private`` or ``social``."""
    status: str
    """The lifecycle status."""
    filed_at: datetime
    """When it was filed (timezone-aware)."""
    parties: tuple[BulkParty, ...]
    """The filer first, then the others."""
    parties_label: str
    """The queue's parties column, e.g. ``Anna Jensen / Boligselskabet Nord A/S``."""
    address: str
    """The tenancy's address."""
    role: str = "tenant"
    """Who filed."""
    side: str = "tenant"
    """The side the filer is on."""
    lang: str = "da"
    """The filer's language."""
    status_at: datetime | None = None
    """When the status last changed; None while it is the status the case was filed in."""
    next_deadline: date | None = None
    """The earliest open secretariat deadline's act-by day."""
    next_rule: str | None = None
    """Its rule id."""
    assignee_id: int | None = None
    """The staff member the case is assigned to."""
    answers: dict[str, Any] = field(default_factory=dict)
    """The answers the case was filed with; the free-text ones are searched."""
    extra_topics: tuple[str, ...] = ()
    """More case types the filer named."""


def load_cases(url: str, cases: Iterable[BulkCase], *, actor: str, batch: int = BATCH) -> int:
    """Write ``cases`` to the (already migrated) store at ``url``; returns how many.

    Args:
        url: the store's database URL; open it once with ``Store.open`` first, which
            migrates it.
        cases: the cases, in any order; consumed once.
        actor: who loaded them, for their ``case.submitted`` audit lines.
        batch: cases per transaction.

    Raises:
        StoreError: the database is neither SQLite nor PostgreSQL.
        ConflictError: a case number or draft is already in the store.
    """
    engine = make_engine(url)
    try:
        return _load(engine, iter(cases), actor, batch)
    finally:
        engine.dispose()


def backdate(url: str, filed: Mapping[str, datetime]) -> None:
    """Give cases another filing time (a demo's, spread over past months).

    The dialogue stamps a filing with the real time; a demo that plays its filers on past
    days sets the time they filed at afterwards, before anything else happens to the cases.

    Args:
        url: the store's database URL.
        filed: the filing time of each case, by number.
    """
    if not filed:
        return
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                update(CASES)
                .where(CASES.c.number == bindparam("p_number"))
                .values(filed_at=bindparam("p_at")),
                [{"p_number": number, "p_at": at} for number, at in filed.items()],
            )
    finally:
        engine.dispose()


def _load(engine: Engine, cases: Iterator[BulkCase], actor: str, batch: int) -> int:
    dialect = engine.dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise StoreError(f"Bulk loading is not supported on {dialect}.")
    loaded = 0
    last: dict[int, int] = {}
    while chunk := list(islice(cases, batch)):
        with engine.begin() as conn:
            first_id = int(
                conn.execute(select(func.coalesce(func.max(CASES.c.id), 0))).scalar_one()
            )
            _write(conn, chunk, first_id + 1, actor)
        for case in chunk:
            code, running = case.number.rsplit("-", 1)
            last[int(code)] = max(last.get(int(code), 0), int(running))
        loaded += len(chunk)
    if last:
        with engine.begin() as conn:
            _bump_counters(conn, last)
            if dialect == "postgresql":
                # The ids were given, not drawn: move the sequence past them for Tx.submit.
                conn.exec_driver_sql(
                    "SELECT setval(pg_get_serial_sequence('cases', 'id'), max(id)) FROM cases"
                )
    return loaded


def _write(conn: Connection, chunk: list[BulkCase], first_id: int, actor: str) -> None:
    drafts: list[dict[str, Any]] = []
    cases: list[dict[str, Any]] = []
    parties: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for offset, case in enumerate(chunk):
        case_id = first_id + offset
        draft_id = f"bulk-{case.number}"
        seed = hashlib.sha256(draft_id.encode()).hexdigest()
        drafts.append(
            {
                "id": draft_id,
                "token_hash": seed,
                "resume_hash": hashlib.sha256(seed.encode()).hexdigest(),
                "lang": case.lang,
                "state": "receipt",
                "data": {},
                "version": 2,
                "status": "submitted",
                "case_number": case.number,
                "created_at": case.filed_at,
                "updated_at": case.filed_at,
            }
        )
        cases.append(
            {
                "id": case_id,
                "number": case.number,
                "draft_id": draft_id,
                "case_type": case.case_type,
                "extra_topics": list(case.extra_topics),
                "role": case.role,
                "side": case.side,
                "housing": case.housing,
                "municipality_code": case.municipality_code,
                "lang": case.lang,
                "status": case.status,
                "answers": case.answers,
                "filed_at": case.filed_at,
                "tribunal": case.tribunal,
                "version": 1,
                "assignee_id": case.assignee_id,
                "next_deadline": case.next_deadline,
                "next_rule": case.next_rule,
                "parties_label": case.parties_label,
                "address": case.address,
                "status_at": case.status_at,
            }
        )
        parties.extend(
            {
                "case_id": case_id,
                "role": p.role,
                "name": p.name,
                "kind": p.kind,
                "address": p.address,
                "email": p.email,
                "phone": p.phone,
            }
            for p in case.parties
        )
        events.append(
            {
                "case_id": case_id,
                "draft_id": draft_id,
                "kind": "case.submitted",
                "actor": actor,
                "at": case.filed_at,
                "data": {"number": case.number, "attachments": 0},
            }
        )
    conn.execute(insert(DRAFTS), drafts)
    conn.execute(insert(CASES), cases)
    conn.execute(insert(PARTIES), parties)
    conn.execute(insert(EVENTS), events)
    _index(conn, chunk, first_id)


def _index(conn: Connection, chunk: list[BulkCase], first_id: int) -> None:
    """Fill the full-text search index for the new cases, with the same documents
    ``Tx.submit`` indexes one case under."""
    docs = [
        search.document(
            case.number, [p.name for p in case.parties], case.address, case.answers, case.tribunal
        )
        for case in chunk
    ]
    ids = list(range(first_id, first_id + len(chunk)))
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                f"INSERT INTO {search.SEARCH_TABLE} (rowid, {', '.join(search.SEARCH_COLUMNS)}) "
                f"VALUES (:id, {', '.join(':' + name for name in search.SEARCH_COLUMNS)})"
            ),
            [{"id": i, **search.fields(d)} for i, d in zip(ids, docs, strict=True)],
        )
        return
    # One statement a batch: the ids and documents as two arrays, unnested side by side.
    conn.execute(
        text(
            f"UPDATE cases SET {search.SEARCH_VECTOR} = to_tsvector('simple', u.doc) "
            "FROM unnest(CAST(:ids AS integer[]), CAST(:docs AS text[])) AS u(id, doc) "
            "WHERE cases.id = u.id"
        ),
        {"ids": ids, "docs": [d.text for d in docs]},
    )


def _bump_counters(conn: Connection, last: dict[int, int]) -> None:
    """Raise each municipality's counter to at least its highest loaded running number."""
    backend = postgresql if conn.dialect.name == "postgresql" else sqlite
    upsert = backend.insert(COUNTERS)
    upsert = upsert.on_conflict_do_update(
        index_elements=[COUNTERS.c.municipality_code],
        set_={"last": func.max(COUNTERS.c.last, upsert.excluded.last)}
        if conn.dialect.name == "sqlite"
        else {"last": func.greatest(COUNTERS.c.last, upsert.excluded.last)},
    )
    conn.execute(upsert, [{"municipality_code": c, "last": n} for c, n in last.items()])
