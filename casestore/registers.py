"""The public registers: publishing a decision (and its rents), and pages of either register.

A page is read newest decision first, by keyset: the cursor is the last row's decision date and
id, and the next page starts strictly after it. Each filter has an index that leads with
``listed`` and the filter's column and holds that order (migration 0009), so a page is one
index range however deep it is; a subject or statute filter walks its side table's index and
joins the decision to each entry. Combined with a municipality or tribunal, whose range is
narrower, the page walks the decisions' index instead and looks each one's subject or statute up,
unless the subject's (statute's) range is short (:data:`SHORT_SIDE`). A correction publishes a
new version and unlists the old one, which stays readable by its id.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    FromClause,
    Row,
    Select,
    exists,
    func,
    insert,
    literal,
    select,
    true,
    tuple_,
    update,
)

from casestore.engine import make_engine
from casestore.failures import BAD_CURSOR, QueryError
from casestore.models import (
    REGISTER_DECISIONS,
    REGISTER_DOCUMENTS,
    REGISTER_RENTS,
    REGISTER_STATUTES,
    REGISTER_SUBJECTS,
)
from casestore.registerrecords import (
    DecisionPage,
    DecisionQuery,
    PublicDecision,
    Published,
    RegisterDecisionRow,
    RegisterRentRow,
    RentPage,
    RentQuery,
    Statute,
)
from casestore.txbase import TxBase
from statemachine.errors import NotFoundError, StoreError
from statemachine.text import N_, t

MAX_LIMIT: Final = 1000
"""The most rows one page may hold (the CSV export reads pages this size)."""
BATCH: Final = 5000
"""Decisions written per transaction by :func:`load_register`."""
SHORT_SIDE: Final = 5000
"""A subject's (or statute's) listed entries, within the page's dates, fewer than this are read
from the side table even when a municipality or tribunal is given: a page then costs at most
this many look-ups however few decisions match (counting them costs at most this many index
entries, a fraction of a millisecond)."""

BAD_REGISTER_LIMIT = N_("A page of the register can hold from 1 to {most} rows.")
NO_DECISION = N_("There is no published decision {id}.")

D = REGISTER_DECISIONS
S = REGISTER_SUBJECTS
L = REGISTER_STATUTES
R = REGISTER_RENTS

_DECISION = select(*D.c)
_RENT = select(*R.c)


class RegisterQueries(TxBase):
    """Publishing and reading the registers (methods of :class:`casestore.Tx`)."""

    def publish_decision(
        self,
        decision: PublicDecision,
        *,
        case_id: int | None,
        document: bytes | None,
        reason: str | None = None,
    ) -> Published:
        """Put a decision (and its rents) in the registers as the case's listed version.

        A case that already has a listed version is corrected: that version is unlisted
        (``replaced_by`` the new one, ``withdrawn_at`` now) and kept.

        Args:
            decision: the public fields.
            case_id: the case it is published from (None for an import).
            document: the anonymised decision as PDF bytes, or None.
            reason: why this version corrects the one before (public text, no names).
        """
        self._need_write()
        now = self._now()
        before = [
            row.id
            for row in self._conn.execute(
                select(D.c.id).where(D.c.case_number == decision.case_number, D.c.listed)
            )
        ]
        version = 1 + int(
            self._conn.execute(
                select(func.coalesce(func.max(D.c.version), 0)).where(
                    D.c.case_number == decision.case_number
                )
            ).scalar_one()
        )
        values = _decision_values(decision, now) | {
            "case_id": case_id,
            "version": version,
            "correction_reason": reason if before else None,
            "document_sha256": hashlib.sha256(document).hexdigest() if document else None,
            "document_size": len(document) if document else None,
        }
        new_id = int(self._conn.execute(insert(D).values(values).returning(D.c.id)).scalar_one())
        _write_parts(self._conn, [(new_id, decision)])
        if document is not None:
            self._conn.execute(
                insert(REGISTER_DOCUMENTS).values(decision_id=new_id, content=document)
            )
        if before:
            self._conn.execute(
                update(D)
                .where(D.c.id.in_(before))
                .values(listed=False, replaced_by=new_id, withdrawn_at=now)
            )
            for table in (S, L, R):
                self._conn.execute(
                    update(table).where(table.c.decision_id.in_(before)).values(listed=False)
                )
        return Published(self.register_decision(new_id), before)

    def register_decision(self, decision_id: int) -> RegisterDecisionRow:
        """One decision of the register, listed or withdrawn.

        Raises:
            NotFoundError: there is none with that id.
        """
        row = self._conn.execute(_DECISION.where(D.c.id == decision_id)).first()
        if row is None:
            raise NotFoundError(t(NO_DECISION, id=str(decision_id)))
        return self._decorated([row])[0]

    def listed_decision_of(self, case_number: str) -> RegisterDecisionRow | None:
        """The listed version of a case's decision, if it is published."""
        row = self._conn.execute(
            _DECISION.where(D.c.case_number == case_number, D.c.listed)
        ).first()
        return None if row is None else self._decorated([row])[0]

    def rents_of_decision(self, decision_id: int) -> list[RegisterRentRow]:
        """The rents a register decision set (listed or not), in the order published."""
        stmt = _RENT.where(R.c.decision_id == decision_id).order_by(R.c.id)
        return [_rent_row(row) for row in self._conn.execute(stmt)]

    def register_document(self, decision_id: int) -> bytes | None:
        """The anonymised PDF a register decision publishes, or None without one."""
        content = self._conn.execute(
            select(REGISTER_DOCUMENTS.c.content).where(
                REGISTER_DOCUMENTS.c.decision_id == decision_id
            )
        ).scalar_one_or_none()
        return None if content is None else bytes(content)

    def decisions_page(self, query: DecisionQuery) -> DecisionPage:
        """One page of the Afgørelsesregister's listed decisions, newest decision first.

        Raises:
            QueryError: the limit is out of range, or the cursor is not one it handed out.
        """
        _check_limit(query.limit)
        cursor = _decode("d", query.after)
        stmt, day, key = _decision_select(query, side_first=reads_side_first(self._conn, query))
        rows = list(self._conn.execute(_after(stmt, day, key, cursor, query.limit + 1)))
        more = len(rows) > query.limit
        page = self._decorated(rows[: query.limit])
        last = page[-1] if more else None
        return DecisionPage(page, _encode("d", last.decided_on, last.id) if last else None)

    def rents_page(self, query: RentQuery) -> RentPage:
        """One page of the Huslejeregister's listed rents, newest decision first.

        Raises:
            QueryError: the limit is out of range, or the cursor is not one it handed out.
        """
        _check_limit(query.limit)
        cursor = _decode("r", query.after)
        where: list[ColumnElement[bool]] = [R.c.listed == true()]
        if query.municipality is not None:
            where.append(R.c.municipality_code == query.municipality)
        if query.tribunal is not None:
            where.append(R.c.tribunal == query.tribunal)
        if query.method is not None:
            where.append(R.c.method == query.method)
        if query.category is not None:
            where.append(R.c.category == query.category)
        if query.postcode is not None:
            where.append(R.c.postcode == query.postcode)
        if query.area_min is not None:
            where.append(R.c.area >= query.area_min)
        if query.area_max is not None:
            where.append(R.c.area <= query.area_max)
        where += _dates(R.c.decided_on, query.decided_from, query.decided_to)
        stmt = _after(_RENT.where(*where), R.c.decided_on, R.c.id, cursor, query.limit + 1)
        rows = [_rent_row(row) for row in self._conn.execute(stmt)]
        more = len(rows) > query.limit
        page = rows[: query.limit]
        last = page[-1] if more else None
        return RentPage(page, _encode("r", last.decided_on, last.id) if last else None)

    def _decorated(self, rows: list[Row[Any]]) -> list[RegisterDecisionRow]:
        """The decisions of ``rows`` with their subjects and statutes (two reads per page)."""
        ids = [row.id for row in rows]
        subjects: dict[int, list[str]] = defaultdict(list)
        statutes: dict[int, list[Statute]] = defaultdict(list)
        if ids:
            for decision_id, subject in self._conn.execute(
                select(S.c.decision_id, S.c.subject)
                .where(S.c.decision_id.in_(ids))
                .order_by(S.c.decision_id, S.c.subject)
            ):
                subjects[decision_id].append(subject)
            for decision_id, statute, label in self._conn.execute(
                select(L.c.decision_id, L.c.statute, L.c.label)
                .where(L.c.decision_id.in_(ids))
                .order_by(L.c.decision_id, L.c.statute)
            ):
                statutes[decision_id].append(Statute(statute, label))
        return [
            RegisterDecisionRow(
                **_decision_fields(row),
                subjects=tuple(subjects[row.id]),
                statutes=tuple(statutes[row.id]),
            )
            for row in rows
        ]


# --- building a page --------------------------------------------------------------------------


def reads_side_first(conn: Connection, query: DecisionQuery) -> bool:
    """Whether a page of ``query`` should walk its subject's (statute's) index rather than the
    decisions' own: yes without a municipality or tribunal, or when the side's range within the
    dates is shorter than :data:`SHORT_SIDE` (counted up to it)."""
    if query.municipality is None and query.tribunal is None:
        return True
    count = side_count(query)
    return count is not None and int(conn.execute(count).scalar_one()) < SHORT_SIDE


def side_count(query: DecisionQuery) -> Select[Any] | None:
    """The statement counting the subject's (or statute's) listed entries within the dates, up
    to :data:`SHORT_SIDE`; None without either filter."""
    if query.subject is not None:
        table, match = S, S.c.subject == query.subject
    elif query.statute is not None:
        table, match = L, L.c.statute == query.statute
    else:
        return None
    entries = (
        select(literal(1))
        .where(table.c.listed == true(), match)
        .where(*_dates(table.c.decided_on, query.decided_from, query.decided_to))
        .limit(SHORT_SIDE)
    )
    return select(func.count()).select_from(entries.subquery())


def _decision_select(query: DecisionQuery, *, side_first: bool) -> tuple[Select[Any], Any, Any]:
    """The page's statement before its cursor and limit, and the two columns it is ordered by.

    With ``side_first``, a subject (or, without one, a statute) filter drives the read from its
    side table's index, whose rows carry the decision date; otherwise, and for every other
    filter, the read walks the decisions' own index (municipality, tribunal or outcome, as the
    database picks) and looks the subject and statute up by the side tables' keys. Both orders
    are the same (decision date, id), so a cursor holds for either.
    """
    where: list[ColumnElement[bool]] = []
    if query.municipality is not None:
        where.append(D.c.municipality_code == query.municipality)
    if query.tribunal is not None:
        where.append(D.c.tribunal == query.tribunal)
    if query.outcome is not None:
        where.append(D.c.outcome == query.outcome)
    side: FromClause | None = None
    if not side_first:
        day, key = D.c.decided_on, D.c.id
        where.append(D.c.listed == true())
        if query.subject is not None:
            where.append(exists().where(S.c.decision_id == D.c.id, S.c.subject == query.subject))
        if query.statute is not None:
            where.append(exists().where(L.c.decision_id == D.c.id, L.c.statute == query.statute))
    elif query.subject is not None:
        side = S
        day, key = S.c.decided_on, S.c.decision_id
        where += [S.c.listed == true(), S.c.subject == query.subject]
        if query.statute is not None:
            where.append(exists().where(L.c.decision_id == D.c.id, L.c.statute == query.statute))
    elif query.statute is not None:
        side = L
        day, key = L.c.decided_on, L.c.decision_id
        where += [L.c.listed == true(), L.c.statute == query.statute]
    else:
        day, key = D.c.decided_on, D.c.id
        where.append(D.c.listed == true())
    where += _dates(day, query.decided_from, query.decided_to)
    source = D if side is None else side.join(D, D.c.id == side.c.decision_id)
    return _DECISION.select_from(source).where(*where), day, key


def _dates(column: Any, first: date | None, last: date | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if first is not None:
        where.append(column >= first)
    if last is not None:
        where.append(column <= last)
    return where


def _after(
    stmt: Select[Any], day: Any, key: Any, cursor: tuple[date, int] | None, limit: int
) -> Select[Any]:
    """``stmt`` from strictly after ``cursor`` in (day, key) descending order, ``limit`` rows."""
    if cursor is not None:
        mark = tuple_(literal(cursor[0], day.type), literal(cursor[1]))
        stmt = stmt.where(tuple_(day, key) < mark)
    return stmt.order_by(day.desc(), key.desc()).limit(limit)


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(t(BAD_REGISTER_LIMIT, most=MAX_LIMIT))


def _encode(kind: str, day: date, row_id: int) -> str:
    raw = json.dumps([kind, day.isoformat(), row_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(kind: str, text: str | None) -> tuple[date, int] | None:
    """The (decision date, id) a cursor holds.

    Raises:
        QueryError: it is not a cursor of this register.
    """
    if text is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        found, day, row_id = json.loads(raw)
        if found != kind or type(row_id) is not int or not isinstance(day, str):
            raise ValueError("a cursor of another list")
        return date.fromisoformat(day), row_id
    except (ValueError, TypeError, binascii.Error) as exc:
        raise QueryError(t(BAD_CURSOR)) from exc


def _decision_fields(row: Row[Any]) -> dict[str, Any]:
    fields = row._asdict()
    fields.pop("case_id", None)
    fields["listed"] = bool(fields["listed"])
    return fields


def _rent_row(row: Row[Any]) -> RegisterRentRow:
    fields = row._asdict()
    fields.pop("listed", None)
    return RegisterRentRow(**fields)


# --- writing ----------------------------------------------------------------------------------


def _decision_values(decision: PublicDecision, now: datetime) -> dict[str, Any]:
    return {
        "case_number": decision.case_number,
        "listed": True,
        "municipality_code": decision.municipality_code,
        "tribunal": decision.tribunal,
        "board": decision.board,
        "filed_on": decision.filed_on,
        "decided_on": decision.decided_on,
        "published_at": now,
        "submitter": decision.submitter,
        "outcome": decision.outcome,
        "in_favour": decision.in_favour,
        "locally_inspected": decision.locally_inspected,
        "public_interest": decision.public_interest,
        "fee_imposed": decision.fee_imposed,
    }


def _write_parts(conn: Connection, decisions: list[tuple[int, PublicDecision]]) -> None:
    """The subjects, statutes and rents of newly written (listed) decisions."""
    subjects: list[dict[str, Any]] = []
    statutes: list[dict[str, Any]] = []
    rents: list[dict[str, Any]] = []
    for decision_id, decision in decisions:
        order = {"decision_id": decision_id, "listed": True, "decided_on": decision.decided_on}
        subjects += [order | {"subject": subject} for subject in sorted(set(decision.subjects))]
        seen: set[str] = set()
        for statute in decision.statutes:
            if statute.id not in seen:
                seen.add(statute.id)
                statutes.append(order | {"statute": statute.id, "label": statute.label})
        for rent in decision.rents:
            rents.append(
                order
                | {
                    "municipality_code": decision.municipality_code,
                    "tribunal": decision.tribunal,
                    "street": rent.street,
                    "number": rent.number,
                    "floor": rent.floor,
                    "door": rent.door,
                    "postcode": rent.postcode,
                    "method": rent.method,
                    "category": rent.category,
                    "declaration": rent.declaration,
                    "amount": rent.amount,
                    "area": rent.area,
                    "rent_from": rent.rent_from,
                }
            )
    for table, values in ((S, subjects), (L, statutes), (R, rents)):
        if values:
            conn.execute(insert(table), values)


# --- the bulk path ----------------------------------------------------------------------------


def load_register(
    url: str, decisions: Iterable[PublicDecision], *, published_at: datetime, batch: int = BATCH
) -> int:
    """Write many decisions to the registers of the (already migrated) store at ``url``.

    For benchmarks and imports: no case, no document, one executemany per table and batch.

    Args:
        url: the store's database URL (open it once with ``Store.open`` first).
        decisions: the decisions, consumed once; their case numbers must be new.
        published_at: their publication time.
        batch: decisions per transaction.

    Returns:
        How many were written.

    Raises:
        StoreError: the database is neither SQLite nor PostgreSQL.
    """
    engine = make_engine(url)
    try:
        return _load(engine, iter(decisions), published_at, batch)
    finally:
        engine.dispose()


def _load(engine: Engine, decisions: Iterator[PublicDecision], now: datetime, batch: int) -> int:
    dialect = engine.dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise StoreError(f"Bulk loading is not supported on {dialect}.")
    loaded = 0
    while chunk := list(islice(decisions, batch)):
        with engine.begin() as conn:
            first = 1 + int(conn.execute(select(func.coalesce(func.max(D.c.id), 0))).scalar_one())
            numbered = list(enumerate(chunk, start=first))
            conn.execute(
                insert(D),
                [
                    _decision_values(decision, now)
                    | {
                        "id": decision_id,
                        "case_id": None,
                        "version": 1,
                        "replaced_by": None,
                        "withdrawn_at": None,
                        "correction_reason": None,
                        "document_sha256": None,
                        "document_size": None,
                    }
                    for decision_id, decision in numbered
                ],
            )
            _write_parts(conn, numbered)
        loaded += len(chunk)
    if loaded and dialect == "postgresql":
        with engine.begin() as conn:
            # The ids were given, not drawn: move the sequence past them for publish_decision.
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('register_decisions', 'id'), max(id)) "
                "FROM register_decisions"
            )
    return loaded
