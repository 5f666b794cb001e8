"""Benchmark: the staff console's queue and case screen on a store of a million cases.

See bench/README.md for what is measured and what limits the numbers. Run it with
``.venv/bin/python -m bench.console [--cases N] [--db URL]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from bench.caseload import STAFF_PER_MUNICIPALITY, Caseload
from casestore import Store
from casestore.bulk import load_cases
from casestore.engine import make_engine
from casestore.models import CASES
from naevn.commands.staff import token_hash

TODAY = date(2026, 11, 23)
"""The frozen "today" of the caseload and of every deadline the console shows."""

ACTOR = "bench"
"""The audit actor of the loaded cases."""

TOKENS = {"caseworker": "bench-101-1", "lead": "bench-lead"}
"""Who the bench signs in as: the first caseworker of Copenhagen's secretariat (hln-101 and
bkn-101, the biggest caseload, a share of it assigned to them), and a lead of every tribunal.
A bench store is a throwaway, so its tokens are fixed words, and a store kept with ``--db``
can be measured again."""


def fill(store: Store, cases: int) -> float:
    """Give an empty store its staff (see :data:`TOKENS`) and ``cases`` cases, then its
    planner statistics; returns the seconds it took."""
    load = Caseload(cases, TODAY)
    everywhere = sorted({c for code in load.municipalities() for c in load.secretariat(code)})
    started = time.perf_counter()
    with store.begin() as tx:
        ids = [
            tx.add_staff(f"Sagsbehandler {code}-{n}", "caseworker", load.secretariat(code),
                         token_hash(f"bench-{code}-{n}")).id
            for code in load.municipalities()
            for n in range(1, STAFF_PER_MUNICIPALITY + 1)
        ]  # fmt: skip
        tx.add_staff("Bench Lead", "lead", everywhere, token_hash(TOKENS["lead"]))
    load_cases(store.url, load.stream(load.staff_ids(ids[0])), actor=ACTOR)
    _run(store.url, "ANALYZE")
    return time.perf_counter() - started


def count(url: str) -> int:
    """How many cases the store holds."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(CASES)).scalar_one())
    finally:
        engine.dispose()


def _run(url: str, sql: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Fill a store (or reuse one of the same size), then measure; prints a report and, last,
    one line of JSON."""
    parser = argparse.ArgumentParser(prog="bench/console.py", description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the store")
    parser.add_argument(
        "--db", metavar="URL", help="the store (default: a temporary SQLite file); one that "
        "already holds --cases cases from an earlier run is reused"
    )  # fmt: skip
    parser.add_argument("--rounds", type=int, default=40, help="timed calls of each request")
    parser.add_argument(
        "--pg", action="store_true", help="on a throwaway PostgreSQL cluster instead of SQLite"
    )
    parser.add_argument(
        "--explain", action="store_true", help="print each queue request's query plan too"
    )
    args = parser.parse_args(argv)
    if args.pg and not args.db:
        from bench.http_turns import throwaway_postgres

        with throwaway_postgres() as url:
            return _bench(args, url)
    return _bench(args, args.db)


def _bench(args: argparse.Namespace, db: str | None) -> int:
    from bench.queue_timing import explain, measure

    with tempfile.TemporaryDirectory(prefix="naevn-bench-") as folder:
        url = db or f"sqlite:///{Path(folder) / 'console.db'}"
        store = Store.open(url, Path(folder) / "blobs")
        try:
            held = count(url)
            if held not in (0, args.cases):
                raise SystemExit(f"bench: the store holds {held:,} cases, not {args.cases:,}")
            if held == 0:
                seconds = fill(store, args.cases)
                print(f"filled {args.cases:,} cases in {seconds:.0f} s")
            print(f"store: {args.cases:,} cases ({store.url.split(':')[0]})")
            tokens = TOKENS
            if args.explain:
                for name, plan in explain(store, tokens["caseworker"], TODAY):
                    print(f"plan of {name}:", *(f"    {line}" for line in plan), sep="\n")
            result = measure(store, tokens, TODAY, rounds=args.rounds)
        finally:
            store.close()
    print(json.dumps({"cases": args.cases, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
