"""The console bench's measuring half: the staff API over HTTP against the bare SQL.

Each request of :data:`REQUESTS` is sent by the console's own HTTP client to a ``naevn serve``
subprocess on the filled store, and timed end to end (token check, query, labels, JSON, the
socket both ways). In the same run, the SQL statements that request executes for its page are
captured once from the desk in this process (the code the server runs), and replayed on a bare
driver connection to the same database: the baseline. The first screen is the console app
itself, built by ``make_console`` and run headless, from start until the queue table holds
its first page.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine, event

from bench.service import Service
from casestore import Store
from console.client import QueueParams
from console.clients.http import HttpStaffClient
from console.desk import Desk
from console.factory import make_console
from console.screens.filter import OPEN_FILTER
from console.widgets.case_table import CaseTable

PAGE: Final = 100
"""Cases a page, as the console asks for."""

OPEN: Final[QueueParams] = {"status": OPEN_FILTER, "sort": "deadline", "order": "asc"}
"""The queue the console opens with: the open cases, by next deadline."""

REQUESTS: Final[tuple[tuple[str, str, QueueParams], ...]] = (
    ("open", "open cases by deadline (the first screen)", OPEN),
    ("filter", "status hearing", {**OPEN, "status": "hearing"}),
    ("filter", "assigned to me", {**OPEN, "assignee": "me"}),
    ("filter", "unassigned", {**OPEN, "assignee": "none"}),
    ("filter", "due within 7 days", {**OPEN, "due": "7"}),
    ("filter", "overdue", {**OPEN, "due": "overdue"}),
    ("filter", "case type rent_increase", {**OPEN, "case_type": "rent_increase"}),
    ("filter", "social housing", {**OPEN, "housing": "social"}),
    ("filter", "tribunal bkn-101", {**OPEN, "tribunal": "bkn-101"}),
    ("filter", "filed in October, any status",
     {"filed_from": "2026-10-01", "filed_to": "2026-10-31", "sort": "filed", "order": "asc"}),
    ("filter", "published (a closed status)", {"status": "published", "sort": "deadline"}),
    ("sort", "open by deadline, latest first", {**OPEN, "order": "desc"}),
    ("sort", "open by filing, newest first", {**OPEN, "sort": "filed", "order": "desc"}),
    ("sort", "open by number", {**OPEN, "sort": "number"}),
    ("sort", "all cases by filing, newest first", {"sort": "filed", "order": "desc"}),
    ("sort", "all cases by number", {"sort": "number", "order": "asc"}),
    ("sort", "all cases by deadline", {"sort": "deadline", "order": "asc"}),
    ("search", "open cases: a common surname", {**OPEN, "q": "jensen"}),
    ("search", "all cases: a common surname", {"sort": "deadline", "q": "jensen"}),
    ("search", "all cases: street and number", {"sort": "deadline", "q": "vestergade 12"}),
    ("search", "all cases: a case number", {"sort": "deadline", "q": "101-10500"}),
    ("search", "all cases: a word of the claim", {"sort": "deadline", "q": "fugtskaden"}),
)  # fmt: skip
"""What is timed: (kind, name, the query). A ``page`` request follows each first page that
has a next one; ``case`` opens cases of the first screen."""

LEAD: Final = ("open", "filter", "search")
"""The kinds also timed for a lead of every tribunal (190 tribunal codes in scope)."""


def measure(store: Store, tokens: dict[str, str], today: date, *, rounds: int) -> dict[str, Any]:
    """Time every request and its SQL, and the first screen; print a table of them; returns
    the figures for the last line's JSON."""
    with tempfile.TemporaryDirectory(prefix="naevn-serve-") as folder:
        env = dict(os.environ, NAEVN_DB=store.url, NAEVN_TODAY=today.isoformat(),
                   NAEVN_RATE_LIMIT="0", NAEVN_DATA_DIR=str(store.blobs.root.parent))  # fmt: skip
        argv = [sys.executable, "-m", "naevn.cli", "serve", "--port", "0"]
        service = Service(argv, env, Path(folder) / "serve.log")
        try:
            url = service.wait()
            return asyncio.run(_measure(store, url, tokens, today, rounds))
        finally:
            service.stop()


async def _measure(
    store: Store, url: str, tokens: dict[str, str], today: date, rounds: int
) -> dict[str, Any]:
    desk = Desk(store, lambda: today)
    screens = [await _first_screen(url, tokens["caseworker"]) for _ in range(5)]
    rows: list[tuple[str, str, str, list[float], list[float]]] = []
    for who in ("caseworker", "lead"):
        client = HttpStaffClient(url, tokens[who], lang="da")
        staff = desk.sign_in(tokens[who])
        try:
            numbers: list[str] = []
            for kind, name, params in REQUESTS:
                if who == "lead" and kind not in LEAD:
                    continue
                query: QueueParams = {**params, "limit": PAGE}
                page = await client.queue(query)
                numbers += [c["number"] for c in page["cases"]] if kind == "open" else []
                api = await _times(partial(client.queue, query), rounds)
                sql = _sql_times(store, partial(desk.queue, staff, query), rounds)
                rows.append((who, kind, name, api, sql))
                if page["after"] and kind in ("open", "sort"):
                    after: QueueParams = {**query, "after": page["after"]}
                    api = await _times(partial(client.queue, after), rounds)
                    sql = _sql_times(store, partial(desk.queue, staff, after), rounds)
                    rows.append((who, "page", f"next page of {name}", api, sql))
            if who == "caseworker":
                api, sql = [], []
                for number in (numbers * rounds)[:rounds]:
                    api += await _times(partial(client.case, number), 1)
                    sql += _sql_times(store, partial(desk.case, staff, number), 1)
                rows.append((who, "case", "open a case (each a different one)", api, sql))
        finally:
            await client.aclose()
    return _report(rows, screens)


async def _first_screen(url: str, token: str) -> float:
    """Milliseconds from building the console app to its first page of the queue shown."""
    client = HttpStaffClient(url, token, lang="da")
    started = time.perf_counter()
    app = make_console(client, lang="da")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            while not any(t.row_count for t in app.screen.query(CaseTable)):
                await asyncio.sleep(0.001)
            await pilot.pause()
            return (time.perf_counter() - started) * 1000
    finally:
        await client.aclose()


async def _times(call: Callable[[], Awaitable[Any]], rounds: int) -> list[float]:
    """Milliseconds of ``rounds`` awaited calls, after one untimed one."""
    await call()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        await call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _sql_times(store: Store, call: Callable[[], Any], rounds: int) -> list[float]:
    """Milliseconds of replaying, ``rounds`` times on a bare driver connection, the
    statements one ``call`` of the desk executes (its sign-in excluded: it is done)."""
    with _captured() as statements:
        call()
    with _bare(store.url) as run:
        for stmt, params in statements:
            run(stmt, params)
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            for stmt, params in statements:
                run(stmt, params)
            times.append((time.perf_counter() - started) * 1000)
    return times


@contextmanager
def _captured() -> Iterator[list[tuple[str, Any]]]:
    """The statements (with their bound parameters) every engine executes in the block."""
    found: list[tuple[str, Any]] = []

    def seen(conn: Any, cursor: Any, stmt: str, params: Any, context: Any, many: bool) -> None:
        if not many and stmt.lstrip().upper().startswith(("SELECT", "WITH")):
            found.append((stmt, params))

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        yield found
    finally:
        event.remove(Engine, "before_cursor_execute", seen)


@contextmanager
def _bare(url: str) -> Iterator[Callable[[str, Any], None]]:
    """A function that runs one statement on a bare driver connection and reads every row."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split(":///", 1)[1])
        try:

            def run_sqlite(stmt: str, params: Any) -> None:
                conn.execute(stmt, params).fetchall()

            yield run_sqlite
        finally:
            conn.close()
        return
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as pg:

        def run(stmt: str, params: Any) -> None:
            with pg.cursor() as cur:
                cur.execute(stmt, params)
                cur.fetchall()

        yield run


def explain(store: Store, token: str, today: date) -> list[tuple[str, list[str]]]:
    """The query plan of each request's statements (SQLite: EXPLAIN QUERY PLAN; PostgreSQL:
    EXPLAIN), as the caseworker sends them."""
    desk = Desk(store, lambda: today)
    staff = desk.sign_in(token)
    sqlite = store.url.startswith("sqlite")
    plans = []
    for _, name, params in REQUESTS:
        with _captured() as statements:
            desk.queue(staff, {**params, "limit": PAGE})
        lines: list[str] = []
        for stmt, bound in statements:
            lines += _plan(store.url, stmt, bound, sqlite)
        plans.append((name, lines))
    return plans


def _plan(url: str, stmt: str, params: Any, sqlite: bool) -> list[str]:
    if sqlite:
        conn = sqlite3.connect(url.split(":///", 1)[1])
        try:
            return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + stmt, params)]
        finally:
            conn.close()
    import psycopg

    bare = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(bare) as pg, pg.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + stmt, params)
        return [row[0] for row in cur.fetchall()]


def _pct(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _report(
    rows: list[tuple[str, str, str, list[float], list[float]]], screens: list[float]
) -> dict[str, Any]:
    print(f"first screen: median {statistics.median(screens):.0f} ms, "
          f"max {max(screens):.0f} ms ({len(screens)} starts)")  # fmt: skip
    print(f"{'who':<10} {'kind':<7} {'request':<46} {'p50':>7} {'p95':>7} {'sql p50':>8} "
          f"{'sql p95':>8} {'ratio':>6}")  # fmt: skip
    for who, kind, name, api, sql in rows:
        ratio = statistics.median(api) / max(statistics.median(sql), 1e-3)
        print(f"{who:<10} {kind:<7} {name[:46]:<46} {_pct(api, .5):7.1f} {_pct(api, .95):7.1f} "
              f"{_pct(sql, .5):8.2f} {_pct(sql, .95):8.2f} {ratio:6.1f}")  # fmt: skip

    def worst(kinds: tuple[str, ...], who: str = "caseworker") -> float:
        found = [_pct(api, 0.95) for w, k, _, api, _ in rows if k in kinds and w == who]
        return round(max(found), 1) if found else 0.0

    mine = [(api, sql) for w, k, _, api, sql in rows if w == "caseworker" and k != "case"]
    return {
        "first_screen_ms": round(statistics.median(screens), 1),
        "first_screen_max_ms": round(max(screens), 1),
        "open_p95_ms": worst(("open",)),
        "filter_p95_ms": worst(("filter",)),
        "sort_p95_ms": worst(("sort",)),
        "search_p95_ms": worst(("search",)),
        "page_p95_ms": worst(("page",)),
        "open_case_p95_ms": worst(("case",)),
        "lead_p95_ms": worst(LEAD, "lead"),
        "ratio_vs_sql": round(
            sum(statistics.median(a) for a, _ in mine) / sum(statistics.median(s) for _, s in mine),
            1,
        ),
    }
