"""Benchmark: in-process dialogue turns on SQLite, against a bare sqlite3 read and update."""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import pstats
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant import codes
from assistant.conversation import Conversation, Turn
from casestore import Store
from casestore.engine import make_engine
from statemachine.engine import Engine

TODAY = date(2026, 11, 23)
"""The frozen "today" of every dialogue, so the deadline texts are the same in every run."""

TARGETS = {"ratio": 0.25, "p99_ms": 5.0, "kib_per_active_session": 20.0}
"""The issue's targets: ratio at least, p99 and disk size at most."""

SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
"""SQLite's numeric ``PRAGMA synchronous`` values by name."""

# Four realistic filers. A state not listed is answered by the kind of its input (FALLBACK).
PROFILES: tuple[dict[str, Any], ...] = (
    {"ask_language": "en", "ask_role": "tenant", "ask_housing": "private",
     "ask_address": "Vestergade 1, 2. th.", "ask_municipality": "8000",
     "ask_case_type": "rent_increase", "ask_current_rent": "7500", "ask_new_rent": "8.150 kr",
     "ask_counterparty_kind": "person", "ask_counterparty_name": "Hans Hansen",
     "ask_has_co_parties": False},
    {"ask_language": "da", "ask_role": "landlord", "ask_housing": "private",
     "ask_address": "Nørrebrogade 20, 3. tv.", "ask_municipality": "2200",
     "ask_case_type": "utility_accounts", "ask_more_topics": ["maintenance"],
     "ask_counterparty_kind": "person", "ask_counterparty_name": "Mette Jensen",
     "ask_has_co_parties": False},
    {"ask_language": "en", "ask_role": "tenant", "ask_housing": "social",
     "ask_address": "Rosenvænget 5, st.", "ask_municipality": "Odense",
     "ask_case_type": "move_out", "ask_counterparty_kind": "company",
     "ask_counterparty_name": "Boligselskabet Fyn", "ask_has_co_parties": True,
     "ask_co_parties": "Peter Nielsen\nAnne Nielsen"},
    {"ask_language": "da", "ask_role": "representative", "ask_represents": "tenant",
     "ask_client_name": "Sofie Larsen", "ask_power_of_attorney": True, "ask_housing": "private",
     "ask_address": "Algade 3, 1.", "ask_municipality": "4000", "ask_case_type": "rent_level",
     "ask_counterparty_kind": "company", "ask_counterparty_name": "Ejendomsselskabet Algade ApS",
     "ask_has_co_parties": False},
)  # fmt: skip

FALLBACK: dict[str, Any] = {
    "confirm": True,
    "date": "1/10/2026",
    "money": "7.500 kr",
    "number": 68,
    "text": "Søndergade 14, 8000 Aarhus C",
    "long_text": "The increase is not explained in the notice, and the rent is already above "
    "that of similar homes nearby. I ask the tribunal to decide that it is not valid.",
    "none": None,
    "multi_choice": [],
}
"""Answers by input kind, for the case type's own questions."""

BACK_AT = "ask_counterparty_address"
"""Where each filer once goes back, to correct the previous answer (as filers do)."""


@dataclass
class Filer:
    """One scripted filer: picks the answer to a turn; keeps only what a client would."""

    profile: dict[str, Any]
    """The answers that differ between filers."""
    session: str = ""
    """The session id."""
    went_back: bool = False
    """Whether this round through the dialogue already went back once."""

    def answer(self, turn: Turn) -> dict[str, Any]:
        """The answer to ``turn``. At the attachments it restarts, so sessions never end."""
        state = turn["state"]
        if turn["errors"]:
            raise RuntimeError(f"the script was refused at {state}: {turn['errors']}")
        if state == "ask_attachment":
            self.went_back = False
            return {"action": "restart"}
        if state == BACK_AT and not self.went_back:
            self.went_back = True
            return {"action": "back"}
        if state in self.profile:
            return {"value": self.profile[state]}
        if turn["input"]["kind"] == "choice":
            return {"value": turn["input"]["options"][0]["id"]}
        return {"value": FALLBACK[turn["input"]["kind"]]}


@dataclass
class Timings:
    """Per-turn latencies of one benchmark, in nanoseconds."""

    ns: list[int] = field(default_factory=list)
    """Wall-clock time of each timed turn."""
    cpu_ns: list[int] = field(default_factory=list)
    """CPU time of this thread in each turn: what the turn costs when no other process runs."""

    def extend(self, other: Timings) -> None:
        """Add another run's turns."""
        self.ns += other.ns
        self.cpu_ns += other.cpu_ns

    def per_s(self) -> float:
        """Turns per second of wall-clock time spent inside the turns."""
        return len(self.ns) / (sum(self.ns) / 1e9)

    def ms(self, quantile: float, *, cpu: bool = False) -> float:
        """The latency at ``quantile`` (nearest rank), in milliseconds."""
        ranked = sorted(self.cpu_ns if cpu else self.ns)
        return ranked[min(len(ranked) - 1, int(quantile * len(ranked)))] / 1e6


# --- the store under test ----------------------------------------------------------------


def open_conversation(folder: Path) -> tuple[Conversation, Path]:
    """A conversation service on a new SQLite store in ``folder``, and the store's file."""
    db = folder / "naevn.db"
    store = Store.open(f"sqlite:///{db}", folder / "blobs")
    return Conversation(store, Engine(), lambda: TODAY), db


def start(conversation: Conversation, filers: Iterable[Filer]) -> list[tuple[Filer, Turn]]:
    """Start a session for each filer; returns each with its first turn."""
    started = []
    for filer in filers:
        begun = conversation.start("en")
        filer.session = begun.session
        started.append((filer, begun.turn))
    return started


def play(conversation: Conversation, filer: Filer, turn: Turn, answers: int) -> Turn:
    """Answer ``answers`` turns of one session in a row."""
    for _ in range(answers):
        turn = conversation.answer(filer.session, filer.answer(turn))
    return turn


def fill(conversation: Conversation, drafts: int) -> None:
    """Add ``drafts`` open drafts, each a real dialogue's data after a dozen answers.

    One real session per profile is played; its saved data is copied under fresh ids and
    hashes, with the address varied, in transactions of 500 drafts.
    """
    samples = []
    for filer, turn in start(conversation, [Filer(p) for p in PROFILES]):
        play(conversation, filer, turn, 13)
        with conversation.store.read() as tx:
            samples.append(tx.load_draft(filer.session))
    for first in range(0, drafts, 500):
        with conversation.store.begin() as tx:
            for i in range(first, min(first + 500, drafts)):
                row = samples[i % len(samples)]
                data = json.loads(json.dumps(row.data))
                data["answers"]["ask_address"] = f"Vestergade {i % 300 + 1}, {i % 5}. th."
                session = codes.new_session_id()
                tx.create_draft(
                    draft_id=session,
                    token_hash=codes.digest(codes.new_token()),
                    resume_hash=codes.digest(codes.new_resume_code()),
                    lang=row.lang,
                    state=row.state,
                    data=data,
                )
                tx.record_event("draft.started", actor=f"filer:{session}", draft_id=session)


def run_turns(conversation: Conversation, live: list[tuple[Filer, Turn]], count: int) -> Timings:
    """Run ``count`` turns round-robin over the live sessions (updated in place)."""
    timings = Timings()
    clock, cpu = time.perf_counter_ns, time.thread_time_ns
    for i in range(count):
        filer, turn = live[i % len(live)]
        answer = filer.answer(turn)
        cpu_began = cpu()
        began = clock()
        turn = conversation.answer(filer.session, answer)
        ended = clock()
        timings.cpu_ns.append(cpu() - cpu_began)
        timings.ns.append(ended - began)
        live[i % len(live)] = (filer, turn)
    return timings


def heap_kib_per_session(conversation: Conversation, sessions: int) -> float:
    """Python heap growth per extra session left mid-dialogue, measured with tracemalloc.

    Each session is played sequentially to a dozen answers and left open; the bench keeps
    only its id, whose size is subtracted.
    """
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = []
    for filer, turn in start(conversation, [Filer(PROFILES[i % 4]) for i in range(sessions)]):
        play(conversation, filer, turn, 13)
        kept.append(filer.session)
    del filer, turn
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    own = sys.getsizeof(kept) + sum(sys.getsizeof(s) for s in kept)
    return (after - before - own) / sessions / 1024


def sqlite_settings(db: Path) -> tuple[str, str]:
    """The journal mode and synchronous setting the store's connections run with."""
    engine = make_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as connection:
            mode = str(connection.exec_driver_sql("PRAGMA journal_mode").scalar())
            sync = int(connection.exec_driver_sql("PRAGMA synchronous").scalar() or 0)
    finally:
        engine.dispose()
    return mode.upper(), SYNCHRONOUS[sync]


def disk_bytes(db: Path) -> tuple[int, int]:
    """Checkpoint the WAL into the database; returns (drafts, bytes of db + wal)."""
    with sqlite3.connect(db, isolation_level=None) as connection:
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        count = int(connection.execute("SELECT count(*) FROM drafts").fetchone()[0])
    connection.close()
    if busy:
        raise RuntimeError("the WAL checkpoint was blocked by a reader")
    wal = db.with_name(db.name + "-wal")
    return count, db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def mean_data_bytes(db: Path) -> int:
    """The average size of a draft's stored JSON data."""
    with sqlite3.connect(db) as connection:
        size = connection.execute("SELECT avg(length(CAST(data AS BLOB))) FROM drafts").fetchone()
    connection.close()
    return round(size[0])


# --- the baseline ------------------------------------------------------------------------


class Baseline:
    """A bare sqlite3 table of ``rows`` rows: one read and one update of a row per turn."""

    def __init__(self, db: Path, rows: int, payload_bytes: int, mode: str, sync: str) -> None:
        """Create the table with the store's journal mode and synchronous setting."""
        self.db = sqlite3.connect(db, isolation_level=None)
        self.db.execute(f"PRAGMA journal_mode={mode}")
        self.db.execute(f"PRAGMA synchronous={sync}")
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, data TEXT NOT NULL, version INT)")
        pad = json.dumps({"answers": {}, "pad": ""})
        self.payloads = [
            json.dumps({"answers": {}, "pad": ch * (payload_bytes - len(pad))}) for ch in "ab"
        ]
        self.ids = [codes.new_session_id() for _ in range(rows)]
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany(
            "INSERT INTO t VALUES (?, ?, 1)", [(i, self.payloads[0]) for i in self.ids]
        )
        self.db.execute("COMMIT")

    def settings(self) -> tuple[str, str]:
        """The journal mode and synchronous setting in force."""
        mode = str(self.db.execute("PRAGMA journal_mode").fetchone()[0]).upper()
        return mode, SYNCHRONOUS[int(self.db.execute("PRAGMA synchronous").fetchone()[0])]

    def run(self, count: int, active: int, offset: int = 0) -> Timings:
        """``count`` turns, round-robin over the first ``active`` rows."""
        timings = Timings()
        clock, execute = time.perf_counter_ns, self.db.execute
        for i in range(offset, offset + count):
            row = self.ids[i % active]
            began = clock()
            execute("BEGIN IMMEDIATE")
            execute("SELECT data FROM t WHERE id=?", (row,)).fetchone()
            execute(
                "UPDATE t SET data=?, version=version+1 WHERE id=?", (self.payloads[i & 1], row)
            )
            execute("COMMIT")
            timings.ns.append(clock() - began)
        return timings

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


# --- the run -----------------------------------------------------------------------------


def profile_turns(conversation: Conversation, live: list[tuple[Filer, Turn]], count: int) -> str:
    """cProfile's top functions by own time over ``count`` extra turns."""
    profiler = cProfile.Profile()
    profiler.runcall(run_turns, conversation, live, count)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    return out.getvalue()


def measure(args: argparse.Namespace, say: Callable[[str], None]) -> dict[str, Any]:
    """Fill, warm up, time both benchmarks interleaved in rounds, and size the store."""
    with tempfile.TemporaryDirectory(prefix="naevn-bench-") as tmp:
        folder = Path(tmp)
        conversation, db = open_conversation(folder)
        began = time.perf_counter()
        filers = [Filer(PROFILES[i % len(PROFILES)]) for i in range(args.sessions)]
        live = start(conversation, filers)
        fill(conversation, args.drafts - args.sessions - len(PROFILES))
        mode, sync = sqlite_settings(db)
        payload = mean_data_bytes(db)
        say(f"filled {args.drafts} drafts in {time.perf_counter() - began:.1f} s")
        baseline = Baseline(folder / "baseline.db", args.drafts, payload, mode, sync)
        if baseline.settings() != (mode, sync):
            raise RuntimeError(f"baseline runs {baseline.settings()}, the store {(mode, sync)}")
        run_turns(conversation, live, args.warmup)
        baseline.run(args.warmup, args.sessions)
        turns, bare = Timings(), Timings()
        step = max(1, args.turns // args.rounds)
        for done in range(0, args.turns, step):
            turns.ns += run_turns(conversation, live, min(step, args.turns - done)).ns
            bare.ns += baseline.run(min(step, args.turns - done), args.sessions, done).ns
        baseline.close()
        drafts, size = disk_bytes(db)
        heap = heap_kib_per_session(conversation, args.heap_sessions)
        profile = profile_turns(conversation, live, args.profile) if args.profile else ""
        conversation.store.close()
    result = {
        "turns_per_s": round(turns.per_s()),
        "baseline_per_s": round(bare.per_s()),
        "ratio": round(turns.per_s() / bare.per_s(), 3),
        "p50_ms": round(turns.ms(0.50), 3),
        "p99_ms": round(turns.ms(0.99), 3),
        "baseline_p50_ms": round(bare.ms(0.50), 3),
        "baseline_p99_ms": round(bare.ms(0.99), 3),
        "kib_per_active_session": round(size / drafts / 1024, 2),
        "heap_kib_per_session": round(heap, 3),
        "store_bytes": size,
        "payload_bytes": payload,
        "drafts": drafts,
        "sessions": args.sessions,
        "turns": len(turns.ns),
        "sqlite_synchronous": sync,
        "journal_mode": mode,
    }
    if profile:
        say(profile)
    return result


def report(result: dict[str, Any], say: Callable[[str], None]) -> list[str]:
    """Print the human-readable lines; returns the targets missed."""
    say(
        f"store: {result['drafts']} drafts, {result['store_bytes'] / 2**20:.1f} MiB, "
        f"{result['journal_mode']}, synchronous={result['sqlite_synchronous']}"
    )
    say(
        f"turns:    {result['turns_per_s']:>7} /s  p50 {result['p50_ms']:.3f} ms  "
        f"p99 {result['p99_ms']:.3f} ms  ({result['turns']} turns, {result['sessions']} sessions)"
    )
    say(
        f"baseline: {result['baseline_per_s']:>7} /s  p50 {result['baseline_p50_ms']:.3f} ms  "
        f"p99 {result['baseline_p99_ms']:.3f} ms  (bare sqlite3, {result['payload_bytes']} B rows)"
    )
    say(
        f"ratio {result['ratio']:.3f}; {result['kib_per_active_session']:.2f} KiB on disk and "
        f"{result['heap_kib_per_session']:.3f} KiB of heap per session"
    )
    missed = [
        name
        for name, bound in TARGETS.items()
        if (result[name] < bound if name == "ratio" else result[name] > bound)
    ]
    for name in missed:
        say(f"MISSED: {name} = {result[name]} (target {TARGETS[name]})")
    return missed


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the last line printed is one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=10_000, help="timed turns (default 10000)")
    parser.add_argument("--drafts", type=int, default=10_000, help="drafts in the store")
    parser.add_argument("--sessions", type=int, default=200, help="active sessions, round-robin")
    parser.add_argument("--warmup", type=int, default=2_000, help="untimed turns first")
    parser.add_argument("--rounds", type=int, default=5, help="alternations of the two benches")
    parser.add_argument("--heap-sessions", type=int, default=200, help="sessions for the heap")
    parser.add_argument("--profile", type=int, default=0, help="cProfile this many extra turns")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if args.drafts < args.sessions + len(PROFILES) or min(args.turns, args.sessions) < 1:
        parser.error("need --turns and --sessions of at least 1, and --drafts ≥ --sessions + 4")
    result = measure(args, print)
    missed = report(result, print)
    print(json.dumps(result))
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
