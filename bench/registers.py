"""Benchmark: the public registers on a million decisions, over HTTP against bare SQL.

Run it from the project folder as a module::

    .venv/bin/python -m bench.registers [--decisions 1000000] [--rounds 200] [--walk 200]
                                        [--pg] [--db URL] [--no-sqlite] [--explain]

It loads the decisions by the bulk path (:func:`casestore.registers.load_register`), starts
``naevn serve`` on the store as its own process, and times every filter of both registers and
pages deep into the results through HTTP (one client, keep-alive, a page of 50), each against
the same page's SQL replayed on a bare driver connection in the same run (for a decision page,
its rows and the two reads of their subjects and statutes); a few of them again as the HTML page
a browser gets (``/registre/…``). Then it exports every decision and every rent as CSV over
HTTP and samples the service's resident memory while each streams. See bench/README.md for
the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import httpx
from sqlalchemy import ColumnElement, Select, create_engine, select, true

from bench.http_turns import throwaway_postgres
from casestore import Store
from casestore.engine import normalize_url
from casestore.registerrecords import DecisionQuery, PublicDecision, PublicRent, Statute
from casestore.registers import (
    D,
    R,
    S,
    _after,
    _decision_select,
    _encode,
    load_register,
    reads_side_first,
    side_count,
)
from tests.service import service_env, spawn

TARGET_P99_MS: Final = 50.0
"""The target on SQLite: a page of 50 in under 50 ms at the 99th percentile."""
PAGE: Final = 50
"""Rows a page."""

MUNICIPALITIES: Final = (101, 147, 151, 153, 157, 159, 161, 163, 167, 169, 173, 175, 183, 185)
SUBJECTS: Final = (
    "rent_level",
    "rent_increase",
    "utility_accounts",
    "maintenance",
    "move_in_defects",
    "move_out",
    "deposit_prepaid_rent",
    "improvements",
    "house_rules",
    "antenna_internet",
)
STATUTES: Final = (
    *(
        Statute(f"lejeloven:{chapter}:{section}", f"Lov om leje, Kap. {chapter}, § {section}")
        for chapter, section in ((1, 1), (1, 2), (4, 19), (7, 40), (8, 46), (11, 77), (24, 187))
    ),
    Statute("almenlejeloven:2:5", "Almenlejeloven, Kap. 2, § 5"),
)
OUTCOMES: Final = ("IN_FAVOUR", "IN_PARTIAL_FAVOUR", "REJECTED", "SETTLEMENT", "DISMISSED")
METHODS: Final = ("BASED_ON_EXPENSES", "BASED_ON_COMPARABLE_RENTS", "BASED_ON_FREE_MARKET_PRICE")
FIRST_DAY: Final = date(2019, 1, 1)
DAYS: Final = 8 * 365


def decisions(count: int, seed: int = 12) -> Iterator[PublicDecision]:
    """``count`` plausible decisions, the same every run."""
    rng = random.Random(seed)
    for n in range(count):
        code = rng.choice(MUNICIPALITIES)
        board = "bkn" if rng.random() < 0.25 else "hln"
        decided = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        rents: tuple[PublicRent, ...] = ()
        if rng.random() < 0.6:
            rents = (
                PublicRent(
                    street=f"Vej {rng.randrange(400)}",
                    number=str(1 + rng.randrange(120)),
                    floor=str(rng.randrange(6)),
                    door=rng.choice(("tv", "th", "mf")),
                    postcode=1000 + rng.randrange(1500),
                    method=rng.choice(METHODS),
                    category="MONTHLY_RENT"
                    if rng.random() < 0.8
                    else "ANNUAL_RENT_PER_SQUARE_METERS",
                    declaration="TENANCY_SPECIFIC_RENT",
                    amount=Decimal(3000 + rng.randrange(12000)),
                    area=20 + rng.randrange(140),
                    rent_from=decided,
                ),
            )
        yield PublicDecision(
            case_number=f"{code}-{100000 + n}",
            municipality_code=code,
            tribunal=f"{board}-{code}",
            board=board,
            filed_on=decided - timedelta(days=90 + rng.randrange(200)),
            decided_on=decided,
            submitter=rng.choice(("tenant", "landlord", "tenant_board")),
            outcome=rng.choice(OUTCOMES),
            in_favour=rng.choice(("TENANT", "LANDLORD", "SHARED")),
            subjects=tuple(rng.sample(SUBJECTS, 1 + (rng.random() < 0.4))),
            statutes=tuple(rng.sample(STATUTES, 1 + (rng.random() < 0.5))),
            rents=rents,
        )


DECISION_CASES: Final[dict[str, dict[str, str]]] = {
    "decisions: no filter": {},
    "decisions: municipality": {"municipality": "147"},
    "decisions: tribunal": {"tribunal": "bkn-101"},
    "decisions: subject": {"subject": "improvements"},
    "decisions: outcome": {"outcome": "REJECTED"},
    "decisions: statute": {"statute": "lejeloven:8:46"},
    "decisions: date range": {"from": "2022-03-01", "to": "2022-03-31"},
    "decisions: subject+statute+municipality": {
        "subject": "maintenance",
        "statute": "lejeloven:1:1",
        "municipality": "101",
    },
    "decisions: municipality+outcome+dates": {
        "municipality": "151",
        "outcome": "SETTLEMENT",
        "from": "2021-01-01",
        "to": "2023-12-31",
    },
    "decisions: subject+municipality": {"subject": "rent_increase", "municipality": "185"},
    "decisions: subject+tribunal": {"subject": "improvements", "tribunal": "bkn-185"},
    "decisions: subject+statute+municipality+outcome": {
        "subject": "antenna_internet",
        "statute": "almenlejeloven:2:5",
        "municipality": "173",
        "outcome": "DISMISSED",
    },
    "decisions: unknown subject+municipality (none)": {
        "subject": "no_such_subject",
        "municipality": "147",
    },
    "decisions: tribunal of another municipality (none)": {
        "tribunal": "bkn-101",
        "municipality": "147",
    },
}
RENT_CASES: Final[dict[str, dict[str, str]]] = {
    "rents: no filter": {},
    "rents: municipality": {"municipality": "147"},
    "rents: tribunal": {"tribunal": "hln-101"},
    "rents: a tribunal with no rents (none)": {"tribunal": "hln-999"},
    "rents: method": {"method": "BASED_ON_COMPARABLE_RENTS"},
    "rents: category": {"category": "ANNUAL_RENT_PER_SQUARE_METERS"},
    "rents: postcode": {"postcode": "2100"},
    "rents: area range": {"area_min": "60", "area_max": "70"},
    "rents: date range": {"from": "2024-06-01", "to": "2024-06-30"},
    "rents: municipality+method+area": {
        "municipality": "101",
        "method": "BASED_ON_EXPENSES",
        "area_min": "40",
        "area_max": "80",
    },
}
HTML_CASES: Final = (
    "decisions: no filter",
    "decisions: municipality",
    "decisions: subject+statute+municipality+outcome",
    "rents: municipality+method+area",
    "deep page at row 100,000 (decisions)",
)
"""The queries timed again as the register's HTML page, the one a citizen's browser gets."""
DEPTHS: Final = (1_000, 100_000, 500_000)
"""How many rows in the deep pages start (a cursor taken from the store)."""
DEEP_SUBJECT: Final = "improvements"
"""The subject whose list is paged deep too (a side table's index)."""


def _pct(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)


def _stats(times: list[float]) -> dict[str, float]:
    return {"p50_ms": _pct(times, 0.5), "p99_ms": _pct(times, 0.99)}


class Bare:
    """The page's SQL on a bare driver connection (sqlite3 or psycopg), literal binds."""

    def __init__(self, url: str) -> None:
        self._engine = create_engine(normalize_url(url))
        self._dialect = self._engine.dialect
        if self._dialect.name == "sqlite":
            self._conn: Any = sqlite3.connect(self._engine.url.database or "")
        else:
            import psycopg

            parts = self._engine.url
            self._conn = psycopg.connect(
                host=parts.host, port=parts.port, user=parts.username, dbname=parts.database
            )
            self._conn.autocommit = True

    def sql(self, stmt: Select[Any]) -> str:
        return str(stmt.compile(dialect=self._dialect, compile_kwargs={"literal_binds": True}))

    def time(self, sqls: list[str], rounds: int, *, decorate: bool = False) -> list[float]:
        """``rounds`` timings of the statements ``sqls`` in turn; with ``decorate``, and of the
        page's two reads of the last one's rows' subjects and statutes (the first column is the
        decision's id), as the store does."""
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            for sql in sqls:
                rows = self._conn.execute(sql).fetchall()
            if decorate and rows:
                ids = ", ".join(str(row[0]) for row in rows[:PAGE])
                for table, column in (
                    ("register_subjects", "subject"),
                    ("register_statutes", "statute, label"),
                ):
                    self._conn.execute(
                        f"SELECT decision_id, {column} FROM {table} WHERE decision_id IN ({ids}) "
                        f"ORDER BY decision_id, {column.split(',')[0]}"
                    ).fetchall()
            times.append(time.perf_counter() - started)
        return times

    def plan(self, sqls: list[str]) -> list[str]:
        """The statements' query plans: SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN
        (ANALYZE, BUFFERS)."""
        lines = []
        for sql in sqls:
            if self._dialect.name == "sqlite":
                lines += [str(row[3]) for row in self._conn.execute("EXPLAIN QUERY PLAN " + sql)]
            else:
                explain = "EXPLAIN (ANALYZE, BUFFERS) " + sql
                lines += [str(row[0]) for row in self._conn.execute(explain)]
        return lines

    def close(self) -> None:
        self._conn.close()
        self._engine.dispose()


def _decision_sql(
    bare: Bare, store: Store, params: dict[str, str], cursor: tuple[date, int] | None
) -> list[str]:
    """The statements the store runs for the page: the count that picks its index, if it
    counts, and the page itself."""
    query = DecisionQuery(
        municipality=int(params["municipality"]) if "municipality" in params else None,
        tribunal=params.get("tribunal"),
        subject=params.get("subject"),
        outcome=params.get("outcome"),
        statute=params.get("statute"),
        decided_from=date.fromisoformat(params["from"]) if "from" in params else None,
        decided_to=date.fromisoformat(params["to"]) if "to" in params else None,
    )
    with store.read() as tx:
        first = reads_side_first(tx._conn, query)  # a bench may look behind the store's methods
    count = side_count(query)
    counted = (
        [] if count is None or (query.municipality is None and query.tribunal is None) else [count]
    )
    stmt, day, key = _decision_select(query, side_first=first)
    return [bare.sql(stmt) for stmt in counted] + [
        bare.sql(_after(stmt, day, key, cursor, PAGE + 1))
    ]


def _rent_sql(bare: Bare, params: dict[str, str], cursor: tuple[date, int] | None) -> list[str]:
    where = [R.c.listed == true()]
    for name, column in (
        ("municipality", R.c.municipality_code),
        ("postcode", R.c.postcode),
    ):
        if name in params:
            where.append(column == int(params[name]))
    for name, column in (
        ("tribunal", R.c.tribunal),
        ("method", R.c.method),
        ("category", R.c.category),
    ):
        if name in params:
            where.append(column == params[name])
    if "area_min" in params:
        where.append(R.c.area >= int(params["area_min"]))
    if "area_max" in params:
        where.append(R.c.area <= int(params["area_max"]))
    if "from" in params:
        where.append(R.c.decided_on >= date.fromisoformat(params["from"]))
    if "to" in params:
        where.append(R.c.decided_on <= date.fromisoformat(params["to"]))
    return [bare.sql(_after(select(*R.c).where(*where), R.c.decided_on, R.c.id, cursor, PAGE + 1))]


def _http(client: httpx.Client, path: str, params: dict[str, str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        reply = client.get(path, params=params)
        reply.read()
        times.append(time.perf_counter() - started)
        if reply.status_code != 200:
            raise AssertionError(f"{path} {params}: {reply.status_code} {reply.text[:200]}")
    return times


def _cursor_at(store: Store, kind: str, params: dict[str, str], depth: int) -> tuple[date, int]:
    """The (decided_on, id) of the ``depth``-th row of a list (``kind`` d or r), newest first,
    as its page's cursor holds it: a municipality's decisions, a subject's, or all."""
    where: list[ColumnElement[bool]]
    if kind == "r":
        day, key, where = R.c.decided_on, R.c.id, [R.c.listed.is_(True)]
    elif "subject" in params:
        day, key = S.c.decided_on, S.c.decision_id
        where = [S.c.listed.is_(True), S.c.subject == params["subject"]]
    else:
        day, key, where = D.c.decided_on, D.c.id, [D.c.listed.is_(True)]
        if "municipality" in params:
            where.append(D.c.municipality_code == int(params["municipality"]))
    stmt = select(day, key).where(*where).order_by(day.desc(), key.desc())
    with store.read() as tx:
        conn = tx._conn  # a bench may look behind the store's methods
        row = conn.execute(stmt.offset(depth - 1).limit(1)).one()
        return row[0], row[1]


def _share(kind: str, params: dict[str, str], decisions: int) -> int:
    """About how many rows a deep page's list holds (so that it is paged only within them)."""
    if kind == "r":
        return decisions // 2
    if "subject" in params:
        return decisions // 8
    return decisions // 20 if "municipality" in params else decisions


def _rss(pid: int) -> tuple[int, int]:
    """The process's resident and peak resident memory in KiB (from /proc)."""
    rss = peak = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    return rss, peak


def _export(client: httpx.Client, pid: int, path: str) -> dict[str, Any]:
    """Stream ``path`` to nowhere, sampling the service's memory every 20 ms.

    Memory that stays flat while the rows go by is the point: it reports the resident size
    before, after the first tenth of the bytes, at the half, at the end, and the most while
    streaming, with the process's peak (VmHWM) before and after.
    """
    before, peak_before = _rss(pid)
    samples: list[tuple[int, int]] = []
    done = threading.Event()
    received = [0]

    def sample() -> None:
        while not done.is_set():
            samples.append((received[0], _rss(pid)[0]))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    lines = size = 0
    with client.stream("GET", path, timeout=None) as reply:
        for chunk in reply.iter_bytes():
            size += len(chunk)
            received[0] = size
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after, peak_after = _rss(pid)

    def at(share: float) -> float:
        """The resident size (MB) at the first sample past ``share`` of the bytes."""
        found = next((rss for got, rss in samples if got >= share * size), after)
        return round(found / 1024, 1)

    return {
        "rows": lines - 1,
        "mb": round(size / 1e6, 1),
        "seconds": round(seconds, 1),
        "rows_per_s": round((lines - 1) / seconds),
        "rss_before_mb": round(before / 1024, 1),
        "rss_at_10pct_mb": at(0.1),
        "rss_at_50pct_mb": at(0.5),
        "rss_at_end_mb": round(after / 1024, 1),
        "rss_peak_during_mb": round(max((rss for _, rss in samples), default=before) / 1024, 1),
        "hwm_before_mb": round(peak_before / 1024, 1),
        "hwm_after_mb": round(peak_after / 1024, 1),
        "samples": len(samples),
    }


def _load_avg() -> float:
    return round(os.getloadavg()[0], 2)


def run_backend(args: argparse.Namespace, db: str | None, folder: Path) -> dict[str, Any]:
    """Load, serve, measure one backend."""
    url = db or f"sqlite:///{folder / 'naevn.db'}"
    store = Store.open(url, folder / "blobs")
    result: dict[str, Any] = {
        "decisions": args.decisions,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    started = time.perf_counter()
    load_register(url, decisions(args.decisions), published_at=datetime(2026, 11, 1, tzinfo=UTC))
    result["load_s"] = round(time.perf_counter() - started, 1)
    engine = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        # PostgreSQL: VACUUM too, as autovacuum would soon after a load, so that index-only
        # scans need no heap fetches (the visibility map is set).
        pg = engine.dialect.name == "postgresql"
        conn.exec_driver_sql("VACUUM ANALYZE" if pg else "ANALYZE")
    engine.dispose()
    print(f"loaded {args.decisions} decisions in {result['load_s']} s", file=sys.stderr)
    bare = Bare(url)
    served = spawn(service_env(url, folder / "data"))
    timings: dict[str, Any] = {}
    plans: dict[str, list[str]] = {}
    result["load_avg_before"] = _load_avg()
    try:
        with httpx.Client(base_url=served.url, timeout=60) as client:
            cases = _cases(args, store, bare)
            _http(client, "/healthz", {}, 20)
            floor = _http(client, "/healthz", {}, args.rounds)
            timings["floor: GET /healthz"] = {"http": _stats(floor)}
            for name, path, params, sql in cases:
                decorate = path.endswith(("/decisions", "/afgoerelser"))
                _http(client, path, params, 5)  # warm the caches and the plan
                http = _http(client, path, params, args.rounds)
                bare.time(sql, 5, decorate=decorate)
                base = bare.time(sql, args.rounds, decorate=decorate)
                timings[name] = {"http": _stats(http), "sql": _stats(base)}
                timings[name]["ratio"] = round(
                    timings[name]["http"]["p50_ms"] / max(timings[name]["sql"]["p50_ms"], 0.01), 1
                )
                if args.explain:
                    plans[name] = bare.plan(sql)
                print(f"{name}: {timings[name]}", file=sys.stderr)
            walk = []
            after = None
            for _ in range(args.walk):
                params = {"after": after} if after else {}
                began = time.perf_counter()
                body = client.get("/api/v1/public/decisions", params=params).json()
                walk.append(time.perf_counter() - began)
                after = body["next"]
            timings[f"walk: {args.walk} pages in a row from the top"] = {"http": _stats(walk)}
            result["load_avg_queries"] = _load_avg()
            for register in ("decisions", "rents"):
                path = f"/api/v1/public/{register}.csv"
                result[f"csv_{register}"] = _export(client, served.proc.pid, path)
                print(f"csv {register}: {result[f'csv_{register}']}", file=sys.stderr)
    finally:
        served.stop()
        bare.close()
        store.close()
    result["load_avg_after"] = _load_avg()
    result["timings"] = timings
    if plans:
        result["plans"] = plans
    result["worst_http_p99_ms"] = max(
        t["http"]["p99_ms"] for name, t in timings.items() if not name.startswith("floor")
    )
    return result


def _cases(
    args: argparse.Namespace, store: Store, bare: Bare
) -> list[tuple[str, str, dict[str, str], list[str]]]:
    """Every query timed: (name, path, its query parameters, the same page's SQL)."""
    decisions, rents = "/api/v1/public/decisions", "/api/v1/public/rents"
    cases = [
        (name, decisions, p, _decision_sql(bare, store, p, None))
        for name, p in DECISION_CASES.items()
    ]
    cases += [(name, rents, p, _rent_sql(bare, p, None)) for name, p in RENT_CASES.items()]
    for kind, label, where in (
        ("d", "decisions", {}),
        ("d", "decisions, municipality", {"municipality": "147"}),
        ("d", "decisions, subject", {"subject": DEEP_SUBJECT}),
        ("r", "rents", {}),
    ):
        for depth in (d for d in DEPTHS if d < _share(kind, where, args.decisions)):
            mark = _cursor_at(store, kind, where, depth)
            params = where | {"after": _encode(kind, *mark)}
            sql = (
                _decision_sql(bare, store, where, mark)
                if kind == "d"
                else _rent_sql(bare, where, mark)
            )
            path = decisions if kind == "d" else rents
            cases.append((f"deep page at row {depth:,} ({label})", path, params, sql))
    pages = {decisions: "/registre/afgoerelser", rents: "/registre/huslejer"}
    cases += [
        (f"{name} (HTML page)", pages[path], params, sql)
        for name, path, params, sql in cases
        if name in HTML_CASES
    ]
    return cases


def report(name: str, result: dict[str, Any], *, target: bool) -> None:
    """Print one backend's figures as a plain table."""
    print(
        f"{name}: {result['decisions']:,} decisions, loaded in {result['load_s']} s; load average "
        f"{result['load_avg_before']} before, {result['load_avg_queries']} after the queries, "
        f"{result['load_avg_after']} at the end"
    )
    print(f"  {'query':60} {'HTTP p50':>9} {'p99':>7} {'SQL p50':>8} {'p99':>7} {'ratio':>6}")
    for query, t in result["timings"].items():
        sql = t.get("sql", {"p50_ms": "", "p99_ms": ""})
        print(
            f"  {query:60} {t['http']['p50_ms']:>9} {t['http']['p99_ms']:>7} "
            f"{sql['p50_ms']:>8} {sql['p99_ms']:>7} {t.get('ratio', ''):>6}"
        )
    for register in ("decisions", "rents"):
        csv = result[f"csv_{register}"]
        print(
            f"  CSV of the {register}: {csv['rows']:,} rows, {csv['mb']} MB in {csv['seconds']} s; "
            f"service RSS {csv['rss_before_mb']} MB before, {csv['rss_at_10pct_mb']} at 10%, "
            f"{csv['rss_at_50pct_mb']} at 50%, {csv['rss_at_end_mb']} at the end, at most "
            f"{csv['rss_peak_during_mb']} ({csv['samples']} samples); peak RSS "
            f"{csv['hwm_before_mb']} MB before, {csv['hwm_after_mb']} after"
        )
    for query, plan in result.get("plans", {}).items():
        print(f"  plan of {query}:")
        for line in plan:
            print(f"    {line}")
    if target:
        worst = result["worst_http_p99_ms"]
        met = "met" if worst < TARGET_P99_MS else "MISSED"
        print(f"  target p99 < {TARGET_P99_MS} ms for a page of {PAGE}: {met} (worst {worst} ms)")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the last line printed is one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--decisions", type=int, default=1_000_000, help="decisions loaded (1000000)")
    add("--rounds", type=int, default=200, help="requests timed per query (200)")
    add("--walk", type=int, default=200, help="pages walked in a row from the top (200)")
    add("--db", metavar="URL", help="also measure on this PostgreSQL database (empty)")
    add("--pg", action="store_true", help="also measure on a throwaway PostgreSQL cluster")
    add("--no-sqlite", action="store_true", help="skip SQLite")
    add("--explain", action="store_true", help="print each query's plan too")
    args = parser.parse_args(argv)
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="naevn-bench-registers-") as tmp:
        if not args.no_sqlite:
            (Path(tmp) / "sqlite").mkdir()
            out["sqlite"] = run_backend(args, None, Path(tmp) / "sqlite")
            report("SQLite", out["sqlite"], target=True)
            out["targets_met"] = out["sqlite"]["worst_http_p99_ms"] < TARGET_P99_MS
        if args.db or args.pg:
            (Path(tmp) / "pg").mkdir()
            if args.db:
                out["postgresql"] = run_backend(args, args.db, Path(tmp) / "pg")
            else:
                with throwaway_postgres() as url:
                    out["postgresql"] = run_backend(args, url, Path(tmp) / "pg")
            report("PostgreSQL", out["postgresql"], target=False)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
