"""Benchmark: in-process dialogue turns on SQLite, against a bare sqlite3 read and update."""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant.protocol import Turn
from assistant.service import codes
from assistant.service.conversation import Conversation
from casestore import Store
from casestore.engine import make_engine
from statemachine.flows import intake

TODAY = date(2026, 11, 23)
"""The frozen "today" of every dialogue, so the deadline texts are the same in every run."""

TARGETS = {"ratio": 0.25, "p99_ms": 5.0, "kib_per_active_session": 20.0}
"""The issue's targets: the ratio at least, the p99 and the disk size at most."""

SYNCHRONOUS = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
"""SQLite's ``PRAGMA synchronous`` values by name."""

# Four filers who differ where real ones do: role, housing, municipality (two of the postcodes
# span municipalities, so they get one more question), case type, language, co-parties.
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
    "confirm": True, "date": "1/10/2026", "money": "7.500 kr", "number": 68, "none": None,
    "multi_choice": [], "text": "Søndergade 14, 8000 Aarhus C",
    "long_text": "The increase is not explained. I ask the tribunal to decide it is not valid.",
}  # fmt: skip
"""Answers by input kind, where a profile names none (a choice takes its first option)."""

BACK_AT = "ask_counterparty_address"
"""Where each filer goes back once per round, to answer the previous question again."""


@dataclass
class Filer:
    """One scripted filer: picks the answer to each turn, keeping only what a client would."""

    profile: dict[str, Any]
    """The answers that differ between filers."""
    session: str = ""
    """The session id."""
    went_back: bool = False
    """Whether this round through the dialogue already went back once."""

    def answer(self, turn: Turn) -> dict[str, Any]:
        """The answer to ``turn``. At the attachments it restarts, so a session never ends."""
        state, kind = turn["state"], turn["input"]["kind"]
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
        if kind == "choice":
            return {"value": turn["input"]["options"][0]["id"]}
        return {"value": FALLBACK[kind]}


@dataclass
class Timings:
    """Per-turn latencies of one benchmark, in nanoseconds."""

    ns: list[int] = field(default_factory=list)
    """Wall-clock time of each timed turn."""
    cpu_ns: list[int] = field(default_factory=list)
    """CPU time of this thread in each turn: the turn's cost with no other process running."""

    def add(self, began_cpu: int, began: int, ended: int) -> None:
        """Record one turn; the CPU clock is read last, outside the wall-clock span."""
        self.cpu_ns.append(time.thread_time_ns() - began_cpu)
        self.ns.append(ended - began)

    def per_s(self, *, cpu: bool = False) -> float:
        """Turns per second of wall-clock (or CPU) time spent inside the turns."""
        return len(self.ns) / (sum(self.cpu_ns if cpu else self.ns) / 1e9)

    def ms(self, quantile: float, *, cpu: bool = False) -> float:
        """The latency at ``quantile`` (nearest rank), in milliseconds."""
        ranked = sorted(self.cpu_ns if cpu else self.ns)
        return ranked[min(len(ranked) - 1, int(quantile * len(ranked)))] / 1e6


def filers(count: int) -> list[Filer]:
    """``count`` filers, taking the profiles in turn."""
    return [Filer(PROFILES[i % len(PROFILES)]) for i in range(count)]


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
    hashes (with the address varied), 500 drafts and their audit events per transaction.
    """
    samples = []
    for filer, turn in start(conversation, filers(len(PROFILES))):
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


def run_turns(
    conversation: Conversation, live: list[tuple[Filer, Turn]], count: int, timings: Timings
) -> None:
    """Run ``count`` turns round-robin over the live sessions (updated in place)."""
    clock, cpu = time.perf_counter_ns, time.thread_time_ns
    for i in range(count):
        filer, turn = live[i % len(live)]
        answer = filer.answer(turn)
        began_cpu = cpu()
        began = clock()
        turn = conversation.answer(filer.session, answer)
        timings.add(began_cpu, began, clock())
        live[i % len(live)] = (filer, turn)


def heap_kib_per_session(conversation: Conversation, sessions: int) -> float:
    """The Python heap's growth per session left open mid-dialogue, by tracemalloc.

    Two batches of ``sessions`` sessions are each played to a dozen answers, one session after
    the other, and left open. Only the second batch counts, so one-off growth (pools, caches)
    drops out; the session ids the bench itself keeps are subtracted.
    """

    def batch() -> list[str]:
        kept = []
        for filer, turn in start(conversation, filers(sessions)):
            play(conversation, filer, turn, 13)
            kept.append(filer.session)
        gc.collect()
        return kept

    tracemalloc.start()
    batch()
    before = tracemalloc.get_traced_memory()[0]
    kept = batch()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    own = sys.getsizeof(kept) + sum(sys.getsizeof(s) for s in kept)
    return (after - before - own) / sessions / 1024


def sqlite_settings(db: Path) -> tuple[str, str]:
    """The journal mode and synchronous setting the store's connections run with."""
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        mode = str(connection.exec_driver_sql("PRAGMA journal_mode").scalar())
        sync = int(connection.exec_driver_sql("PRAGMA synchronous").scalar() or 0)
    engine.dispose()
    return mode.upper(), SYNCHRONOUS[sync]


def query(db: Path, sql: str) -> Any:
    """The first column of the first row of ``sql``, on a connection of its own."""
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        return connection.execute(sql).fetchone()[0]


def disk_bytes(db: Path) -> int:
    """Checkpoint the WAL into the database, then the size of the database and the WAL."""
    if query(db, "PRAGMA wal_checkpoint(TRUNCATE)"):
        raise RuntimeError("a reader blocked the WAL checkpoint")
    wal = db.with_name(db.name + "-wal")
    return db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


class Baseline:
    """A bare sqlite3 table of ``rows`` rows: one read and one update of a row per turn."""

    def __init__(self, db: Path, rows: int, payload_bytes: int, mode: str, sync: str) -> None:
        """Create the table with the store's journal mode and synchronous setting."""
        self.db = sqlite3.connect(db, isolation_level=None)
        self.db.execute(f"PRAGMA journal_mode={mode}")
        self.db.execute(f"PRAGMA synchronous={sync}")
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, data TEXT NOT NULL, version INT)")
        pad = payload_bytes - len(json.dumps({"answers": {}, "pad": ""}))
        # Two payloads of the draft's size, written in turn, so every update changes the row.
        self.payloads = [json.dumps({"answers": {}, "pad": ch * pad}) for ch in "ab"]
        self.ids = [codes.new_session_id() for _ in range(rows)]
        self.db.execute("BEGIN IMMEDIATE")
        self.db.executemany(
            "INSERT INTO t VALUES (?, ?, 1)", [(i, self.payloads[0]) for i in self.ids]
        )
        self.db.execute("COMMIT")
        self.settings = (
            str(self.db.execute("PRAGMA journal_mode").fetchone()[0]).upper(),
            SYNCHRONOUS[int(self.db.execute("PRAGMA synchronous").fetchone()[0])],
        )
        """The journal mode and synchronous setting in force."""

    def run(self, count: int, active: int, offset: int, timings: Timings) -> None:
        """``count`` turns, round-robin over the first ``active`` rows."""
        clock, cpu, execute = time.perf_counter_ns, time.thread_time_ns, self.db.execute
        for i in range(offset, offset + count):
            row = self.ids[i % active]
            began_cpu = cpu()
            began = clock()
            execute("BEGIN IMMEDIATE")
            execute("SELECT data FROM t WHERE id=?", (row,)).fetchone()
            execute(
                "UPDATE t SET data=?, version=version+1 WHERE id=?", (self.payloads[i & 1], row)
            )
            execute("COMMIT")
            timings.add(began_cpu, began, clock())


def profile_turns(conversation: Conversation, live: list[tuple[Filer, Turn]], count: int) -> str:
    """cProfile's top functions, by own and by cumulative time, over ``count`` more turns."""
    profiler = cProfile.Profile()
    profiler.runcall(run_turns, conversation, live, count, Timings())
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    return out.getvalue()


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Fill, warm up, time both benchmarks in alternating rounds, then size the store."""
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="naevn-bench-") as tmp:
        folder, began = Path(tmp), time.perf_counter()
        db = folder / "naevn.db"
        conversation = Conversation(
            Store.open(f"sqlite:///{db}", folder / "blobs"), intake.engine(), lambda: TODAY
        )
        live = start(conversation, filers(args.sessions))
        fill(conversation, args.drafts - args.sessions - len(PROFILES))
        mode, sync = sqlite_settings(db)
        payload = round(query(db, "SELECT avg(length(CAST(data AS BLOB))) FROM drafts"))
        baseline = Baseline(folder / "baseline.db", args.drafts, payload, mode, sync)
        if baseline.settings != (mode, sync):
            raise RuntimeError(f"baseline runs {baseline.settings}, the store {(mode, sync)}")
        print(f"filled {args.drafts} drafts in {time.perf_counter() - began:.1f} s")
        run_turns(conversation, live, args.warmup, Timings())
        baseline.run(args.warmup, args.sessions, 0, Timings())
        # Alternating rounds give both the same share of whatever else the machine is doing.
        turns, bare, step = Timings(), Timings(), -(-args.turns // args.rounds)
        for done in range(0, args.turns, step):
            run_turns(conversation, live, min(step, args.turns - done), turns)
            baseline.run(min(step, args.turns - done), args.sessions, done, bare)
        baseline.db.close()
        drafts = int(query(db, "SELECT count(*) FROM drafts"))
        size = disk_bytes(db)
        heap = heap_kib_per_session(conversation, args.heap_sessions)
        if args.profile:
            print(profile_turns(conversation, live, args.profile))
        conversation.store.close()
    return {
        "turns_per_s": round(turns.per_s()),
        "baseline_per_s": round(bare.per_s()),
        "ratio": round(turns.per_s() / bare.per_s(), 3),
        "cpu_ratio": round(turns.per_s(cpu=True) / bare.per_s(cpu=True), 3),
        "p50_ms": round(turns.ms(0.50), 3),
        "p99_ms": round(turns.ms(0.99), 3),
        "cpu_p50_ms": round(turns.ms(0.50, cpu=True), 3),
        "cpu_p99_ms": round(turns.ms(0.99, cpu=True), 3),
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
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def report(result: dict[str, Any]) -> None:
    """Print the human-readable lines, and a line for each target missed."""
    r = result
    print(
        f"store: {r['drafts']} drafts, {r['store_bytes'] / 2**20:.1f} MiB after a checkpoint, "
        f"journal_mode={r['journal_mode']}, synchronous={r['sqlite_synchronous']}"
    )
    print(
        f"turns:    {r['turns_per_s']:>6}/s  p50 {r['p50_ms']:.3f} ms  p99 {r['p99_ms']:.3f} ms"
        f"  (CPU p50 {r['cpu_p50_ms']:.3f}, p99 {r['cpu_p99_ms']:.3f})"
        f"  {r['turns']} turns over {r['sessions']} sessions"
    )
    print(
        f"baseline: {r['baseline_per_s']:>6}/s  p50 {r['baseline_p50_ms']:.3f} ms  "
        f"p99 {r['baseline_p99_ms']:.3f} ms  bare sqlite3, {r['payload_bytes']} B rows"
    )
    print(
        f"ratio {r['ratio']:.3f} (CPU time {r['cpu_ratio']:.3f}); per session "
        f"{r['kib_per_active_session']:.2f} KiB on disk, {r['heap_kib_per_session']:.3f} KiB "
        f"of heap; load average {r['load_avg']}"
    )
    for name, bound in TARGETS.items():
        if r[name] < bound if name == "ratio" else r[name] > bound:
            print(f"MISSED: {name} = {r[name]} (target {bound})")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the last line printed is one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    add = parser.add_argument
    add("--turns", type=int, default=10_000, help="timed turns of each benchmark (10000)")
    add("--drafts", type=int, default=10_000, help="drafts in the store, active ones too (10000)")
    add("--sessions", type=int, default=200, help="active sessions, answered round-robin (200)")
    add("--warmup", type=int, default=2_000, help="untimed turns of each benchmark first (2000)")
    add("--rounds", type=int, default=5, help="alternations of the two benchmarks (5)")
    add("--heap-sessions", type=int, default=150, help="sessions per heap batch (150)")
    add("--profile", type=int, default=0, help="then cProfile this many more turns (0: off)")
    args = parser.parse_args(argv)
    if min(args.turns, args.rounds, args.heap_sessions, args.drafts - args.sessions - 4) < 1:
        parser.error("the counts must be at least 1, and --drafts at least --sessions + 5")
    result = measure(args)
    report(result)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
