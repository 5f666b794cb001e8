"""Benchmark: the public registers on a million decisions, over HTTP against bare SQL.

Run it from the project folder as a module::

    .venv/bin/python -m bench.registers [--decisions 1000000] [--rounds 200] [--pg] [--db URL]

It loads the decisions by the bulk path (:func:`casestore.registers.load_register`), starts
``naevn serve`` on the store as its own process, and times every filter of both registers and
pages deep into the results through HTTP (one client, keep-alive, a page of 50), each against
the same page's SQL replayed on a bare driver connection in the same run. Then it exports every
decision as CSV over HTTP and samples the service's resident memory while it streams. See
bench/README.md for the numbers.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import httpx
from sqlalchemy import Select, create_engine, select, true

from bench.http_turns import throwaway_postgres
from casestore import Store
from casestore.engine import normalize_url
from casestore.registerrecords import DecisionQuery, PublicDecision, PublicRent, Statute
from casestore.registers import (
    D,
    R,
    _after,
    _decision_select,
    _encode,
    load_register,
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
}
RENT_CASES: Final[dict[str, dict[str, str]]] = {
    "rents: no filter": {},
    "rents: municipality": {"municipality": "147"},
    "rents: tribunal": {"tribunal": "hln-101"},
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
DEPTHS: Final = (1_000, 100_000, 500_000)
"""How many rows in the deep pages start (a cursor taken from the store)."""


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

    def time(self, sql: str, rounds: int) -> list[float]:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            cursor = self._conn.execute(sql)
            cursor.fetchall()
            times.append(time.perf_counter() - started)
        return times

    def close(self) -> None:
        self._conn.close()
        self._engine.dispose()


def _decision_sql(bare: Bare, params: dict[str, str], cursor: tuple[date, int] | None) -> str:
    query = DecisionQuery(
        municipality=int(params["municipality"]) if "municipality" in params else None,
        tribunal=params.get("tribunal"),
        subject=params.get("subject"),
        outcome=params.get("outcome"),
        statute=params.get("statute"),
        decided_from=date.fromisoformat(params["from"]) if "from" in params else None,
        decided_to=date.fromisoformat(params["to"]) if "to" in params else None,
    )
    stmt, day, key = _decision_select(query)
    return bare.sql(_after(stmt, day, key, cursor, PAGE + 1))


def _rent_sql(bare: Bare, params: dict[str, str]) -> str:
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
    return bare.sql(_after(select(*R.c).where(*where), R.c.decided_on, R.c.id, None, PAGE + 1))


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


def _cursor_at(store: Store, depth: int, municipality: int | None) -> tuple[date, int]:
    """The (decided_on, id) of the ``depth``-th listed decision, newest first."""
    with store.read() as tx:
        conn = tx._conn  # a bench may look behind the store's methods
        stmt = select(D.c.decided_on, D.c.id).where(D.c.listed.is_(True))
        if municipality is not None:
            stmt = stmt.where(D.c.municipality_code == municipality)
        stmt = stmt.order_by(D.c.decided_on.desc(), D.c.id.desc()).offset(depth - 1).limit(1)
        row = conn.execute(stmt).one()
        return row.decided_on, row.id


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
    """Stream ``path`` to nowhere, sampling the service's memory every 20 ms."""
    before, _ = _rss(pid)
    samples: list[int] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append(_rss(pid)[0])
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    lines = size = 0
    with client.stream("GET", path, timeout=None) as reply:
        for chunk in reply.iter_bytes():
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return {
        "rows": lines - 1,
        "mb": round(size / 1e6, 1),
        "seconds": round(seconds, 1),
        "rows_per_s": round((lines - 1) / seconds),
        "rss_before_mb": round(before / 1024, 1),
        "rss_peak_during_mb": round(max(samples, default=before) / 1024, 1),
    }


def run_backend(args: argparse.Namespace, db: str | None, folder: Path) -> dict[str, Any]:
    """Load, serve, measure one backend."""
    url = db or f"sqlite:///{folder / 'naevn.db'}"
    store = Store.open(url, folder / "blobs")
    result: dict[str, Any] = {"decisions": args.decisions}
    started = time.perf_counter()
    load_register(url, decisions(args.decisions), published_at=datetime(2026, 11, 1, tzinfo=UTC))
    result["load_s"] = round(time.perf_counter() - started, 1)
    engine = create_engine(normalize_url(url))
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    print(f"loaded {args.decisions} decisions in {result['load_s']} s", file=sys.stderr)
    bare = Bare(url)
    served = spawn(service_env(url, folder / "data"))
    timings: dict[str, Any] = {}
    try:
        with httpx.Client(base_url=served.url, timeout=60) as client:
            cases: list[tuple[str, str, dict[str, str], Callable[[], str]]] = []
            for name, params in DECISION_CASES.items():
                cases.append(
                    (
                        name,
                        "/api/v1/public/decisions",
                        params,
                        lambda p=params: _decision_sql(bare, p, None),  # type: ignore[misc]
                    )
                )
            for name, params in RENT_CASES.items():
                cases.append(
                    (name, "/api/v1/public/rents", params, lambda p=params: _rent_sql(bare, p))  # type: ignore[misc]
                )
            for municipality in (None, 147):
                share = args.decisions if municipality is None else args.decisions // 20
                for depth in (d for d in DEPTHS if d < share):
                    mark = _cursor_at(store, depth, municipality)
                    params = {"after": _encode("d", *mark)}
                    label = "all" if municipality is None else "municipality"
                    if municipality is not None:
                        params["municipality"] = str(municipality)
                    where = {} if municipality is None else {"municipality": str(municipality)}
                    cases.append(
                        (
                            f"deep page at row {depth:,} ({label})",
                            "/api/v1/public/decisions",
                            params,
                            lambda w=where, m=mark: _decision_sql(bare, w, m),  # type: ignore[misc]
                        )
                    )
            for name, path, params, sql_of in cases:
                _http(client, path, params, 5)  # warm the caches and the plan
                http = _http(client, path, params, args.rounds)
                sql = sql_of()
                bare.time(sql, 5)
                base = bare.time(sql, args.rounds)
                timings[name] = {"http": _stats(http), "sql": _stats(base)}
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
            result["csv_export"] = _export(client, served.proc.pid, "/api/v1/public/decisions.csv")
            print(f"csv: {result['csv_export']}", file=sys.stderr)
    finally:
        served.stop()
        bare.close()
        store.close()
    result["timings"] = timings
    result["worst_http_p99_ms"] = max(t["http"]["p99_ms"] for t in timings.values())
    return result


def report(name: str, result: dict[str, Any], *, target: bool) -> None:
    """Print one backend's figures as a plain table."""
    print(f"{name}: {result['decisions']:,} decisions, loaded in {result['load_s']} s")
    print(f"  {'query':48} {'HTTP p50':>9} {'p99':>7} {'SQL p50':>8} {'p99':>7}")
    for query, t in result["timings"].items():
        sql = t.get("sql", {"p50_ms": "", "p99_ms": ""})
        print(
            f"  {query:48} {t['http']['p50_ms']:>9} {t['http']['p99_ms']:>7} "
            f"{sql['p50_ms']:>8} {sql['p99_ms']:>7}"
        )
    csv = result["csv_export"]
    print(
        f"  CSV export: {csv['rows']:,} rows, {csv['mb']} MB in {csv['seconds']} s; service RSS "
        f"{csv['rss_before_mb']} MB before, at most {csv['rss_peak_during_mb']} MB while streaming"
    )
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
