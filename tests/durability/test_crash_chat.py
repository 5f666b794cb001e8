"""Crash test: SIGKILL a real ``naevn chat --json`` around the submission, then check the store.

A filer who confirms the declaration must end up with either a whole case (number, parties,
deadlines, documents and audit event) or an untouched draft they can file again. Never half.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from subprocess import PIPE, Popen
from typing import Any

import pytest

from assistant.protocol import Turn
from assistant.service.conversation import Conversation
from casestore import FIRST_NUMBER
from naevn.embedded import conversation
from naevn.settings import from_env
from tests import samples

TODAY = "2026-11-23"
BATCH = 5
"""Chats started together; they start up in parallel and are then killed one at a time."""
DELAYS = ((3, 0.0, 0.0), (13, 0.5, 2.0), (4, 2.5, 5.0))
"""How the kill delays are drawn: (kills, low, high), in units of the time an undisturbed chat
takes from the declaration to the receipt. A few kills come at once, most around the commit
(the first answer of a fresh process is slow, so the commit comes late), a few well after it."""
KILLS = sum(kills for kills, _, _ in DELAYS)
"""Chats killed around the submission (at least 20)."""
SEED = 20261123
MAX_TURNS = 100
POSTCODES = ("8000", "2300", "5000")
"""Homes in different municipalities, so several case counters are in play."""

BY_STATE: dict[str, str] = {
    "ask_address": "Vestergade 1",
    "ask_counterparty_address": "Nørregade 2",
}
"""Text answers for the questions that need a particular kind of text."""
BY_KIND: dict[str, Any] = {
    "confirm": True,
    "none": None,
    "date": "1/10/2026",
    "money": "7500",
    "number": "75",
    "email": "anna@example.com",
    "phone": "12345678",
    "text": "Anna Jensen",
    "long_text": "Anna Jensen",
}
"""A valid answer for every other question, by its input kind."""

ORPHANS = {
    "parties": "SELECT count(*) FROM parties WHERE case_id NOT IN (SELECT id FROM cases)",
    "deadlines": "SELECT count(*) FROM deadlines WHERE case_id NOT IN (SELECT id FROM cases)",
    "attachments": "SELECT count(*) FROM attachments "
    "WHERE case_id IS NOT NULL AND case_id NOT IN (SELECT id FROM cases)",
    "events": "SELECT count(*) FROM events "
    "WHERE case_id IS NOT NULL AND case_id NOT IN (SELECT id FROM cases)",
    "unnamed submissions": "SELECT count(*) FROM events "
    "WHERE kind = 'case.submitted' AND case_id IS NULL",
    "cases without a submitted draft": "SELECT count(*) FROM cases c JOIN drafts d "
    "ON d.id = c.draft_id WHERE d.status != 'submitted' OR d.case_number IS NOT c.number",
    "submitted drafts without a case": "SELECT count(*) FROM drafts d WHERE d.status = "
    "'submitted' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.number = d.case_number)",
    "cases without parties": "SELECT count(*) FROM cases "
    "WHERE id NOT IN (SELECT case_id FROM parties)",
    "cases without deadlines": "SELECT count(*) FROM cases "
    "WHERE id NOT IN (SELECT case_id FROM deadlines)",
    "cases without one submitted event": "SELECT count(*) FROM cases c WHERE (SELECT count(*) "
    "FROM events e WHERE e.case_id = c.id AND e.kind = 'case.submitted') != 1",
}
"""Counts that must be zero: each names a way a case could be half-written."""


@dataclass(frozen=True)
class Prepared:
    """A draft standing at the declaration."""

    session: str
    """Its session id."""
    code: str
    """Its resume code."""


@dataclass(frozen=True)
class Kill:
    """One chat killed after the declaration was sent."""

    draft: Prepared
    """The draft it was filing."""
    delay: float
    """Seconds between writing the declaration and SIGKILL."""
    printed: str | None
    """The case number the chat printed before it died, if it got that far."""


def auto_answer(turn: Turn, postcode: str, files: Iterator[Path]) -> Any:
    """A valid answer to any intake question, chosen from the turn alone."""
    state, kind = turn["state"], turn["input"]["kind"]
    options = [option["id"] for option in turn["input"]["options"]]
    if state == "ask_language":
        return turn["lang"]
    if state == "ask_municipality":
        return postcode
    if kind == "choice":
        return options[0]
    if kind == "multi_choice":
        return options[:1]
    if kind == "file":
        return {"path": str(next(files))}
    return BY_STATE.get(state, BY_KIND[kind])


def small_pdfs(folder: Path, draft: int) -> Iterator[Path]:
    """Endless small PDF files, each with content no other draft or file has."""
    for n in count(1):
        path = folder / f"draft{draft}-{n}.pdf"
        path.write_bytes(samples.pdf(f"draft {draft}, file {n}"))
        yield path


def prepare(conv: Conversation, index: int, folder: Path) -> Prepared:
    """Answer a new dialogue up to the declaration, uploading a file at every document."""
    postcode = POSTCODES[index % len(POSTCODES)]
    files = small_pdfs(folder, index)
    started = conv.start("en")
    turn = started.turn
    for _ in range(MAX_TURNS):
        assert not turn["errors"], (turn["state"], turn["errors"])
        if turn["state"] == "ask_declaration":
            return Prepared(started.session, started.resume_code)
        answer = auto_answer(turn, postcode, files)
        turn = conv.answer(started.session, {"value": answer})
    pytest.fail(f"the dialogue did not reach the declaration in {MAX_TURNS} turns")


def read_only(db_path: Path) -> sqlite3.Connection:
    """A stdlib connection that cannot change the store."""
    return sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)


def listed_files(db: sqlite3.Connection, session: str) -> list[tuple[str, dict[str, Any]]]:
    """The files a draft's answers list, each with the document it answers."""
    (data,) = db.execute("SELECT data FROM drafts WHERE id = ?", (session,)).fetchone()
    return [
        (key.partition(":")[2], meta)
        for key, value in json.loads(data)["answers"].items()
        if key.startswith("ask_attachment:") and isinstance(value, dict)
        for meta in value.get("files", [])
    ]


@contextmanager
def chats(codes: list[str], env: dict[str, str], cwd: Path) -> Iterator[list[Popen[str]]]:
    """Resume each draft in its own ``naevn chat --json`` process; yields the processes.

    Every process is killed and reaped on the way out, whatever happened.
    """
    argv = [sys.executable, "-m", "naevn.cli", "chat", "--json", "--resume"]
    procs: list[Popen[str]] = []
    try:
        for code in codes:
            proc = Popen([*argv, code], stdin=PIPE, stdout=PIPE, text=True, env=env, cwd=cwd)
            procs.append(proc)
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for stream in filter(None, (proc.stdin, proc.stdout)):
                with suppress(BrokenPipeError):
                    stream.close()


def first_turn(proc: Popen[str]) -> Turn:
    """The turn a resumed chat prints before it waits for input."""
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line, f"the chat exited with {proc.wait()} before its first turn"
    turn: Turn = json.loads(line)
    return turn


def declare(proc: Popen[str]) -> None:
    """Confirm the declaration, which files the case."""
    assert proc.stdin is not None
    proc.stdin.write('{"value": true}\n')
    proc.stdin.flush()


def kill_delays(rng: random.Random, submission: float) -> list[float]:
    """The kill delays in seconds, drawn as :data:`DELAYS` says, in a shuffled order."""
    delays = [
        rng.uniform(low * submission, high * submission)
        for kills, low, high in DELAYS
        for _ in range(kills)
    ]
    rng.shuffle(delays)
    return delays


def file_undisturbed(proc: Popen[str]) -> float:
    """Let a chat file its case; returns the seconds from the declaration to the receipt."""
    assert proc.stdin is not None and proc.stdout is not None
    declare(proc)
    started = time.perf_counter()
    receipt = json.loads(proc.stdout.readline())
    took = time.perf_counter() - started
    assert receipt["done"] and receipt["case_number"], receipt
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0
    return took


def kill_after_declaration(proc: Popen[str], delay: float) -> str | None:
    """Declare, wait ``delay`` seconds, SIGKILL; returns any case number printed before."""
    assert proc.stdout is not None
    declare(proc)
    if delay:
        time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    # With its input still open the chat never ends by itself: any other status is a crash.
    assert proc.wait() == -signal.SIGKILL
    numbers = [json.loads(line)["case_number"] for line in proc.stdout.read().splitlines()]
    return next((number for number in reversed(numbers) if number), None)


def check_case(db: sqlite3.Connection, session: str, number: str, blobs: Path) -> None:
    """Assert the draft was filed whole as case ``number``, documents and all."""
    assert db.execute(
        "SELECT state, status, case_number FROM drafts WHERE id = ?", (session,)
    ).fetchone() == ("receipt", "submitted", number)
    cases = db.execute("SELECT id, number FROM cases WHERE draft_id = ?", (session,)).fetchall()
    assert [found for _, found in cases] == [number]
    case_id = cases[0][0]
    roles = {
        role for (role,) in db.execute("SELECT role FROM parties WHERE case_id = ?", (case_id,))
    }
    assert {"filer", "counterparty"} <= roles
    assert db.execute("SELECT count(*) FROM deadlines WHERE case_id = ?", (case_id,)).fetchone()[0]
    events = db.execute(
        "SELECT data FROM events WHERE kind = 'case.submitted' AND case_id = ? AND draft_id = ?",
        (case_id, session),
    ).fetchall()
    assert [json.loads(data)["number"] for (data,) in events] == [number]
    listed = listed_files(db, session)
    assert len(listed) >= 2
    links = db.execute(
        "SELECT id, draft_id, requirement, sha256, size FROM attachments WHERE case_id = ?",
        (case_id,),
    )
    assert {row[0]: row[1:] for row in links} == {
        meta["id"]: (session, requirement, meta["sha256"], meta["size"])
        for requirement, meta in listed
    }
    for _, meta in listed:
        content = (blobs / meta["sha256"][:2] / meta["sha256"]).read_bytes()
        assert (hashlib.sha256(content).hexdigest(), len(content)) == (meta["sha256"], meta["size"])


def check_structure(db: sqlite3.Connection) -> None:
    """Assert no case anywhere is half-written and every counter matches its cases."""
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for what, query in ORPHANS.items():
        assert db.execute(query).fetchone() == (0,), what
    check_numbers(db)


def check_numbers(db: Any) -> None:
    """Case numbers are unique, follow their municipality's counter, and leave no gaps.

    ``db`` is a DB-API connection: sqlite3 here, psycopg in the HTTP crash test.
    """
    numbers = [number for (number,) in db.execute("SELECT number FROM cases")]
    assert len(numbers) == len(set(numbers))
    running: defaultdict[int, list[int]] = defaultdict(list)
    for code, number in db.execute("SELECT municipality_code, number FROM cases"):
        prefix, _, running_number = number.partition("-")
        assert prefix == str(code), number
        running[code].append(int(running_number))
    counters = dict(db.execute("SELECT municipality_code, last FROM counters").fetchall())
    assert counters == {code: max(taken) for code, taken in running.items()}
    # No number was handed out for a case that was then lost.
    for code, taken in running.items():
        assert sorted(taken) == list(range(FIRST_NUMBER, counters[code] + 1)), code


def recover(conv: Conversation, draft: Prepared, filed: bool, printed: str | None) -> str:
    """Check what the filer sees of a draft after the crash, filing it again if it was not.

    Returns:
        The draft's case number.
    """
    turn = conv.current(draft.session)
    if filed:
        assert turn["state"] == "receipt" and turn["case_number"]
        assert printed in (None, turn["case_number"])
        return str(turn["case_number"])
    assert printed is None, f"the chat printed {printed}, but the store has no such case"
    assert turn["state"] == "ask_declaration"
    resumed = conv.resume(draft.code)
    assert (resumed.session, resumed.turn["state"]) == (draft.session, "ask_declaration")
    receipt = conv.answer(draft.session, {"value": True}, resume_code=draft.code)
    assert receipt["done"] and receipt["case_number"], receipt
    return str(receipt["case_number"])


@pytest.mark.timeout(180)
def test_a_killed_chat_leaves_a_whole_case_or_a_draft_that_can_still_be_filed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "naevn.db"
    monkeypatch.setenv("NAEVN_TODAY", TODAY)
    monkeypatch.setenv("NAEVN_DB", f"sqlite:///{db_path}")
    monkeypatch.setenv("NAEVN_DATA_DIR", str(tmp_path / "data"))
    settings = from_env()
    env = dict(os.environ)
    uploads = tmp_path / "uploads"
    uploads.mkdir()

    conv = conversation(settings)
    try:
        drafts = [prepare(conv, index, uploads) for index in range(1 + KILLS)]
    finally:
        conv.store.close()
    with closing(read_only(db_path)) as db:
        shas = [meta["sha256"] for d in drafts for _, meta in listed_files(db, d.session)]
    assert len(shas) == len(set(shas)) >= 2 * len(drafts)

    control, targets = drafts[0], drafts[1:]
    with chats([control.code], env, tmp_path) as procs:
        assert first_turn(procs[0])["state"] == "ask_declaration"
        submission = file_undisturbed(procs[0])
    plan = list(zip(targets, kill_delays(random.Random(SEED), submission), strict=True))

    kills: list[Kill] = []
    for start in range(0, len(plan), BATCH):
        batch = plan[start : start + BATCH]
        with chats([d.code for d, _ in batch], env, tmp_path) as procs:
            assert all(first_turn(p)["state"] == "ask_declaration" for p in procs)
            for proc, (draft, delay) in zip(procs, batch, strict=True):
                kills.append(Kill(draft, delay, kill_after_declaration(proc, delay)))

    # Before anything opens the store again: what the crashes left on disk.
    with closing(read_only(db_path)) as db:
        check_structure(db)
        filed = {
            k.draft.session
            for k in kills
            if db.execute("SELECT status FROM drafts WHERE id = ?", (k.draft.session,)).fetchone()
            == ("submitted",)
        }

    conv = conversation(settings)
    try:
        seen: list[tuple[Prepared, bool, str | None]] = [(control, True, None)]
        seen += [(k.draft, k.draft.session in filed, k.printed) for k in kills]
        for draft, was_filed, printed in seen:
            number = recover(conv, draft, was_filed, printed)
            with closing(read_only(db_path)) as db:
                check_case(db, draft.session, number, settings.blob_dir)
            with conv.store.read() as tx:
                assert len(tx.get_case(number).attachments) >= 2
    finally:
        conv.store.close()

    with closing(read_only(db_path)) as db:
        check_structure(db)
        assert db.execute("SELECT count(*) FROM cases").fetchone() == (len(drafts),)
    before, after = len(kills) - len(filed), len(filed)
    acknowledged = sum(k.printed is not None for k in kills)
    print(
        f"\ncrash test: {len(kills)} kills {min(k.delay for k in kills) * 1000:.0f}-"
        f"{max(k.delay for k in kills) * 1000:.0f} ms after the declaration "
        f"(an undisturbed chat took {submission * 1000:.0f} ms to print the receipt): "
        f"{before} before the commit, {after} after it "
        f"({acknowledged} of them after the receipt was printed)"
    )
    assert before >= 1, "no kill landed before the commit; change DELAYS"
    assert after >= 1, "no kill landed after the commit; widen DELAYS"
