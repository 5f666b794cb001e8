"""Benchmark: the answer that files a case, in process on SQLite, against a bare sqlite3 write.

The last answer of a filing (the declaration) is the one turn that writes more than the draft:
the case, its parties, documents, deadlines, the case number and the audit trail, in one
transaction. This times that answer alone. Each filing is one of the three demo cases
(``naevn/commands/demo_filings.py``), played up to the declaration untimed. The baseline, in
the same run and alternating with it, is one bare ``sqlite3`` transaction that reads a row and
inserts six.

    .venv/bin/python -m bench.submissions [--filings 300] [--rounds 5]

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from assistant.service.conversation import Conversation
from casestore import Store
from naevn.commands import demo_filings as demo
from statemachine.flows import intake

TODAY = date(2026, 11, 23)


def ready_to_file(conversation: Conversation, folder: Path, n: int) -> str:
    """A session of demo filing ``n % 3`` answered up to its declaration; returns its id."""
    lang, answers = demo.FILINGS[n % len(demo.FILINGS)]
    started = conversation.start(lang)
    for value in answers[:-1]:
        is_document = isinstance(value, str) and value in demo.DOCUMENTS
        answer = {"path": str(folder / value)} if is_document else value
        turn = conversation.answer(started.session, {"value": answer})
        if turn["errors"]:
            raise SystemExit(f"filing {n} stopped at {turn['state']}: {turn['errors']}")
    return started.session


class Baseline:
    """A bare sqlite3 file: one read and six inserts in one transaction per filing."""

    def __init__(self, db: Path) -> None:
        """Create the tables with the store's journal mode and synchronous setting."""
        self.db = sqlite3.connect(db, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE d (id INTEGER PRIMARY KEY, data TEXT)")
        self.db.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, d INT, data TEXT)")
        self.db.execute("INSERT INTO d VALUES (1, ?)", ("x" * 2000,))
        self.row = "y" * 300

    def file(self) -> None:
        """One filing's worth of bare writes."""
        execute = self.db.execute
        execute("BEGIN IMMEDIATE")
        execute("SELECT data FROM d WHERE id = 1").fetchone()
        for _ in range(6):
            execute("INSERT INTO r (d, data) VALUES (1, ?)", (self.row,))
        execute("COMMIT")


def measure(filings: int, rounds: int) -> dict[str, Any]:
    """Play the filings, then time their last answers and the baseline in alternating rounds."""
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="naevn-bench-") as tmp:
        folder = Path(tmp)
        for name, content in demo.DOCUMENTS.items():
            (folder / name).write_bytes(content)
        store = Store.open(f"sqlite:///{folder / 'naevn.db'}", folder / "blobs")
        conversation = Conversation(store, intake.engine(), lambda: TODAY)
        baseline = Baseline(folder / "baseline.db")
        sessions = [ready_to_file(conversation, folder, n) for n in range(filings)]
        timed: list[int] = []
        bare: list[int] = []
        per_round = -(-filings // rounds)
        for start in range(0, filings, per_round):
            for session in sessions[start : start + per_round]:
                began = time.perf_counter_ns()
                turn = conversation.answer(session, {"value": True})
                timed.append(time.perf_counter_ns() - began)
                if not turn["case_number"]:
                    raise SystemExit(f"{session} did not file: {turn['errors']}")
            for _ in range(per_round):
                began = time.perf_counter_ns()
                baseline.file()
                bare.append(time.perf_counter_ns() - began)
        store.close()
    return {
        "filings": filings,
        "submissions_per_s": round(1e9 / statistics.mean(timed), 1),
        "baseline_per_s": round(1e9 / statistics.mean(bare), 1),
        "ratio": round(statistics.mean(bare) / statistics.mean(timed), 4),
        "p50_ms": round(statistics.median(timed) / 1e6, 3),
        "p99_ms": round(sorted(timed)[int(len(timed) * 0.99) - 1] / 1e6, 3),
        "baseline_p50_ms": round(statistics.median(bare) / 1e6, 3),
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the last line printed is one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--filings", type=int, default=300, help="filings timed (300)")
    parser.add_argument("--rounds", type=int, default=5, help="alternations with the baseline")
    args = parser.parse_args(argv)
    if min(args.filings, args.rounds) < 1:
        parser.error("the counts must be at least 1")
    r = measure(args.filings, args.rounds)
    print(
        f"submissions: {r['submissions_per_s']}/s  p50 {r['p50_ms']} ms  p99 {r['p99_ms']} ms; "
        f"baseline {r['baseline_per_s']}/s (p50 {r['baseline_p50_ms']} ms); "
        f"ratio {r['ratio']}; load average {r['load_avg']}"
    )
    print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
