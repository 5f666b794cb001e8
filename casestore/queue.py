"""The secretariat's queue: a page of the caller's cases, filtered and sorted, paged by keyset.

Every query is scoped to the caller's tribunals (``cases.tribunal IN (...)``), and every queue
index on ``cases`` leads with the tribunal and then holds one sort's order, so a page reads
the rows of the caller's tribunals in order instead of sorting the whole table.

A page ends with a cursor: the last row's sort key and id, as url-safe base64 of JSON, with
the sort it belongs to. The next page starts strictly after that row, so cases added or
changed meanwhile never make a page repeat a row or skip one that stayed put. Cases without a
next deadline come after all the others in either direction of the deadline sort; they are
read as a second run, in id order.
"""

from __future__ import annotations

import base64
import binascii
import heapq
import json
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from typing import Any, Final

from sqlalchemy import ColumnElement, Row, Select, and_, bindparam, literal, select, tuple_

from casestore import search
from casestore.caserecords import QueuePage, QueueQuery, QueueRow
from casestore.failures import BAD_CURSOR, BAD_LIMIT, NO_TODAY, QueryError
from casestore.models import AGENDA_ITEMS, CASES, MEETINGS, STAFF
from casestore.txbase import TxBase
from statemachine.text import t

MAX_LIMIT: Final = 500
"""The most rows one page may hold."""
MAX_ARMS: Final = 400
"""The most (tribunal, status) reads one page is merged from; see :func:`_arms`."""

_KEYS: Final = {
    "deadline": CASES.c.next_deadline,
    "filed": CASES.c.filed_at,
    "number": CASES.c.number,
}
"""The column each sort orders by (then by id)."""

_ROW = select(
    CASES.c.number,
    CASES.c.case_type,
    CASES.c.parties_label,
    CASES.c.status,
    CASES.c.assignee_id,
    STAFF.c.name,
    CASES.c.next_deadline,
    CASES.c.next_rule,
    CASES.c.filed_at,
    CASES.c.tribunal,
    CASES.c.housing,
    CASES.c.version,
    CASES.c.id,
).select_from(CASES.outerjoin(STAFF, STAFF.c.id == CASES.c.assignee_id))


class QueueQueries(TxBase):
    """The queue (a method of :class:`casestore.Tx`)."""

    def queue(self, query: QueueQuery) -> QueuePage:
        """One page of the queue.

        The caller's tribunals are always applied: with none, the page is empty.

        Raises:
            QueryError: the cursor is not one this sort handed out, the limit is not 1 to
                500, or a deadline filter came without ``today``.
        """
        if not 1 <= query.limit <= MAX_LIMIT:
            raise QueryError(t(BAD_LIMIT))
        if (query.overdue or query.due_within_days is not None) and query.today is None:
            raise QueryError(t(NO_TODAY))
        cursor = _decode(query) if query.after is not None else None
        scope = set(query.tribunals)
        if query.tribunal:
            scope &= set(query.tribunal)
        if not scope:
            return QueuePage([], None)
        stmt = _ROW.where(*self._filters(query))
        # One read per tribunal (and per status, when the filter names some), each an ordered
        # index range that stops after a page, merged here as they stream: an IN over several
        # would make the database sort all their rows first. A search reads its matches from
        # the text index instead, so it takes the IN.
        # Statuses as reads of their own only for the filing and number sorts: by deadline, a
        # tribunal's deadline index walks its open cases first (closed ones have none).
        statuses = list(query.status) if query.sort != "deadline" else []
        arms = _arms(sorted(scope), statuses, searching=bool(query.text))
        wanted = query.limit + 1
        found: list[Row[Any]] = []
        key = _KEYS[query.sort]
        if query.sort != "deadline":
            found = self._merged(stmt, arms, key, query.descending, cursor, wanted)
        else:
            # The dated cases first, then those without a deadline, whichever the direction.
            in_undated = cursor is not None and cursor[0] is None
            if not in_undated:
                dated = stmt.where(key.is_not(None))
                found = self._merged(dated, arms, key, query.descending, cursor, wanted)
            if len(found) < wanted:
                undated = stmt.where(key.is_(None))
                after = cursor if in_undated else None
                left = wanted - len(found)
                found += self._merged(undated, arms, None, query.descending, after, left)
        more = len(found) > query.limit
        page = found[: query.limit]
        rows = [_queue_row(row) for row in page]
        return QueuePage(rows, _encode(query, page[-1]) if more else None)

    def _filters(self, query: QueueQuery) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if query.status:
            where.append(CASES.c.status.in_(list(query.status)))
        if query.case_type:
            where.append(CASES.c.case_type.in_(list(query.case_type)))
        if query.assignee == "none":
            where.append(CASES.c.assignee_id.is_(None))
        elif query.assignee is not None:
            where.append(CASES.c.assignee_id == query.assignee)
        if query.housing is not None:
            where.append(CASES.c.housing == query.housing)
        if query.filed_from is not None:
            where.append(CASES.c.filed_at >= _midnight(query.filed_from))
        if query.filed_to is not None:
            where.append(CASES.c.filed_at < _midnight(query.filed_to + timedelta(days=1)))
        if query.today is not None and query.due_within_days is not None:
            where.append(CASES.c.next_deadline <= query.today + timedelta(query.due_within_days))
        if query.today is not None and query.overdue:
            where.append(CASES.c.next_deadline < query.today)
        if query.on_board_agenda:
            on_agenda = (
                select(AGENDA_ITEMS.c.case_id)
                .join(MEETINGS, MEETINGS.c.id == AGENDA_ITEMS.c.meeting_id)
                .where(MEETINGS.c.tribunal.in_(list(query.tribunals)))
            )
            where.append(CASES.c.id.in_(on_agenda))
        words = search.terms(query.text or "")
        if words:
            scope = sorted(set(query.tribunals) & set(query.tribunal or query.tribunals))
            where.append(search.matching(self._conn.dialect.name, words, scope))
        return where

    def _merged(
        self,
        stmt: Select[Any],
        arms: Arms,
        key: Any,
        descending: bool,
        cursor: tuple[Any, int] | None,
        limit: int,
    ) -> list[Row[Any]]:
        """The first ``limit`` rows of the arms' reads together, in (key, id) order.

        The arms share one statement and differ in its parameters, so it is built once. Each
        arm's rows arrive in order, so they are merged as they stream and no more are fetched
        than the page takes (with many arms, most give one row or none).
        """
        condition, params = arms
        ordered = self._ordered(stmt.where(condition), key, descending, cursor, limit)
        reads = [iter(self._conn.execute(ordered, values)) for values in params]
        if len(reads) == 1:
            return list(islice(reads[0], limit))
        name = None if key is None else key.name
        merged = heapq.merge(
            *reads,
            key=(lambda row: (row._mapping[name], row.id)) if name else (lambda row: row.id),
            reverse=descending,
        )
        return list(islice(merged, limit))

    def _ordered(
        self,
        stmt: Select[Any],
        key: Any,
        descending: bool,
        cursor: tuple[Any, int] | None,
        limit: int,
    ) -> Select[Any]:
        """``stmt`` read from after ``cursor`` in (key, id) order, ``limit`` rows; a None key:
        id only."""
        order = [key, CASES.c.id] if key is not None else [CASES.c.id]
        if cursor is not None:
            if key is not None:
                mark = tuple_(literal(cursor[0], key.type), literal(cursor[1]))
                row = tuple_(key, CASES.c.id)
                stmt = stmt.where(row < mark if descending else row > mark)
            else:
                stmt = stmt.where(CASES.c.id < cursor[1] if descending else CASES.c.id > cursor[1])
        ordered = [column.desc() if descending else column for column in order]
        return stmt.order_by(*ordered).limit(limit)


Arms = tuple[ColumnElement[bool], list[dict[str, str]]]
"""The reads a page is merged from: one condition, and the parameters of each read."""


def _arms(tribunals: list[str], statuses: list[str], *, searching: bool) -> Arms:
    """The reads a page is merged from.

    One per tribunal; with ``statuses``, one per tribunal and status, so that each read walks
    an index that holds its order (``tribunal, status, key, id``) instead of sorting every
    row of its statuses (open cases by number read from the oldest number on would otherwise
    pass every closed case first); past :data:`MAX_ARMS` reads, one per tribunal again, each
    sorting its own tribunal's rows of those statuses. A search: one read over them all.
    """
    if searching:
        return CASES.c.tribunal.in_(tribunals), [{}]
    tribunal = CASES.c.tribunal == bindparam("arm_tribunal")
    if statuses and len(tribunals) * len(statuses) <= MAX_ARMS:
        both = and_(tribunal, CASES.c.status == bindparam("arm_status"))
        return both, [
            {"arm_tribunal": code, "arm_status": status}
            for code in tribunals
            for status in statuses
        ]
    return tribunal, [{"arm_tribunal": code} for code in tribunals]


def _queue_row(row: Row[Any]) -> QueueRow:
    return QueueRow(
        number=row.number,
        case_type=row.case_type,
        parties_label=row.parties_label,
        status=row.status,
        assignee_id=row.assignee_id,
        assignee_name=row.name,
        next_deadline=row.next_deadline,
        next_rule=row.next_rule,
        filed_at=row.filed_at,
        tribunal=row.tribunal,
        housing=row.housing,
        version=row.version,
    )


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _encode(query: QueueQuery, last: Row[Any]) -> str:
    value = last._mapping[_KEYS[query.sort]]
    key = value.isoformat() if isinstance(value, date | datetime) else value
    raw = json.dumps([query.sort, query.descending, key, last.id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(query: QueueQuery) -> tuple[Any, int]:
    """The (sort key, id) a cursor holds.

    Raises:
        QueryError: it is not a cursor this sort and direction handed out.
    """
    text = query.after or ""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        sort, descending, key, case_id = json.loads(raw)
        if sort != query.sort or descending is not query.descending:
            raise ValueError("a cursor of another order")
        if type(case_id) is not int:
            raise ValueError("no id")
        return _key(sort, key), case_id
    except (ValueError, TypeError, binascii.Error) as exc:
        raise QueryError(t(BAD_CURSOR)) from exc


def _key(sort: str, key: Any) -> Any:
    if sort == "number":
        if not isinstance(key, str):
            raise ValueError("a number is text")
        return key
    if key is None and sort == "deadline":
        return None
    if not isinstance(key, str):
        raise ValueError("a date is text")
    if sort == "deadline":
        return date.fromisoformat(key)
    stamp = datetime.fromisoformat(key)
    if stamp.tzinfo is None:
        raise ValueError("a filing time is aware")
    return stamp
