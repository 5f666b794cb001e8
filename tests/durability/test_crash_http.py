"""Crash test over HTTP: SIGKILL ``naevn serve`` again and again while filers file through it.

Concurrent scripted filers (``bench/httpfiler.py``) file whole cases through the API, uploads
included. The service is killed at random moments and restarted on the same store and port.
Each client sends a request again, with the same Idempotency-Key, until the service is back.
Afterwards the store must hold every answer a client saw acknowledged. Every case must be
whole, every blob must be there, and sending an acknowledged request again must replay its
turn exactly.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
import socket
import sys
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest

from bench.httpfiler import Ack, Api, Crowd, Tally, client, post_json
from bench.service import Service
from casestore import Store
from casestore.housekeeping import Removed, Retention, housekeep
from statemachine.engine.draft import Draft
from statemachine.flows import intake
from statemachine.flows.intake.filing import filing_from
from tests.durability.test_crash_chat import ORPHANS, check_numbers, check_structure, read_only

TODAY = "2026-11-23"
KILLS = 30
"""SIGKILLs per backend (at least 30)."""
FILERS = 12
"""Filers filing at once."""
UP_FOR = (0.05, 0.6)
"""Seconds the service runs between listening and the next kill, drawn uniformly."""
SETTLE = 1.5
"""Seconds the filers go on after the last restart, so some filings finish undisturbed."""
SETTLE_UNTIL_FILED = 90.0
"""Seconds they may go on beyond :data:`SETTLE` until at least one filing is done: on a slow
or busy machine the short runs between kills may have let none finish."""
RETRY_FOR = 60.0
"""Seconds a client keeps sending a request again while the service is down."""
REPLAYS = 400
"""Acknowledged answers sent again at the end, besides every one that was sent more than once."""
SEED = 20261123
STATUS_ERRORS = ("status_", "refused")
"""Tally error kinds that mean the service answered wrongly (connection errors are expected)."""


@dataclass(frozen=True)
class Run:
    """What the filers saw while the service was being killed."""

    tally: Tally
    """Every acknowledgement, upload and failure."""
    kills: int
    """SIGKILLs sent."""
    mid_request: int
    """Kills that landed while at least one request was in flight."""
    replayed: int
    """Acknowledged answers sent again at the end, all replayed identically."""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def file_through_kills(argv: list[str], env: dict[str, str], log: Path) -> Run:
    """File concurrently while the service is killed :data:`KILLS` times and restarted."""
    rng = random.Random(SEED)
    service = Service(argv, env, log)
    url = await service.ready()
    tally, going = Tally(), True
    kills = mid_request = 0
    try:
        async with client(FILERS) as http:
            api = Api(http, url, tally, retry_for=RETRY_FOR)
            filers = asyncio.create_task(Crowd(api, FILERS).run(lambda: going))
            for _ in range(KILLS):
                await asyncio.sleep(rng.uniform(*UP_FOR))
                assert not filers.done(), filers.exception()
                mid_request += tally.in_flight > 0
                service.kill()
                kills += 1
                service = Service(argv, env, log)
                await service.ready()
            await asyncio.sleep(SETTLE)
            loop = asyncio.get_running_loop()
            settle_until = loop.time() + SETTLE_UNTIL_FILED
            while not tally.filed and loop.time() < settle_until:
                await asyncio.sleep(0.1)
            going = False
            await filers
            replayed = await replay(http, url, tally.acks, rng)
    finally:
        status = service.stop()
    assert status == 0, f"the service did not stop cleanly ({status}); see {log}"
    return Run(tally, kills, mid_request, replayed)


async def replay(http: aiohttp.ClientSession, url: str, acks: list[Ack], rng: random.Random) -> int:
    """Send acknowledged answers again under their keys; each must return the same turn.

    Every answer that was sent more than once is among them, and :data:`REPLAYS` others.
    """
    chosen = [ack for ack in acks if ack.tries > 1]
    rest = [ack for ack in acks if ack.tries == 1]
    chosen += rng.sample(rest, min(REPLAYS, len(rest)))
    for ack in chosen:
        headers = {"Authorization": f"Bearer {ack.token}", "Idempotency-Key": ack.idempotency_key}
        target = f"{url}/api/v1/sessions/{ack.session}/answers"
        status, turn = await post_json(http, target, ack.answer, headers)
        assert (status, turn) == (200, ack.turn), f"replay of {ack.key} at {ack.session} differs"
    return len(chosen)


def check_acknowledged(store: Store, tally: Tally) -> None:
    """Every acknowledged answer is in its draft; every acknowledged receipt is a case."""
    by_session: defaultdict[str, list[Ack]] = defaultdict(list)
    for ack in tally.acks:
        by_session[ack.session].append(ack)
    with store.read() as tx:
        for session, acks in by_session.items():
            row = tx.load_draft(session)
            answers = row.data["answers"]
            lost = [ack.key for ack in acks if ack.stored and ack.key not in answers]
            assert not lost, f"{session} lost the acknowledged answers {lost}"
            # Nothing was in flight at the end, so the store is at the last acknowledged turn.
            assert row.version == acks[-1].version, session
            number = acks[-1].case_number
            assert (row.status, row.case_number) == (
                ("submitted", number) if number else ("open", None)
            ), session
            if number:
                assert tx.get_case(number).number == number
    assert set(tally.filed) <= set(by_session)


def check_cases(store: Store, cases: list[tuple[str, str]]) -> None:
    """Each case is whole: what its draft files, as parties, deadlines, files and one event."""
    engine, today = intake.engine(), date.fromisoformat(TODAY)
    with store.read() as tx:
        for number, draft_id in cases:
            row = tx.load_draft(draft_id)
            assert (row.status, row.case_number) == ("submitted", number)
            draft = Draft.from_data(row.data)
            filing = filing_from(draft, engine.path_answers(draft), today)
            case = tx.get_case(number)
            parties = [(p["role"], p["name"], p["kind"]) for p in case.parties]
            assert parties == [(p.role, p.name, p.kind) for p in filing.parties], number
            assert [d["rule"] for d in case.deadlines] == [d["rule"] for d in filing.deadlines]
            linked = {(a["id"], a["requirement"]) for a in case.attachments}
            assert linked == set(filing.attachments), number
            submitted = [e for e in case.events if e["kind"] == "case.submitted"]
            assert [e["data"]["number"] for e in submitted] == [number]


def check_blobs(attachments: list[tuple[str, str, int]], blob_dir: Path) -> None:
    """Every attachment row's content is on disk under its sha256, whole."""
    for attachment_id, sha256, size in attachments:
        path = blob_dir / sha256[:2] / sha256
        assert path.is_file(), f"{attachment_id}: its content is missing"
        content = path.read_bytes()
        assert (hashlib.sha256(content).hexdigest(), len(content)) == (sha256, size)


def check_structure_pg(db: psycopg.Connection[tuple[Any, ...]]) -> None:
    """:func:`check_structure` without SQLite's PRAGMAs: no half-written case, counters right."""
    for what, query in ORPHANS.items():
        # SQLite's null-safe "IS NOT" is spelled "IS DISTINCT FROM" in PostgreSQL.
        query = query.replace(" IS NOT c.number", " IS DISTINCT FROM c.number")
        assert db.execute(query).fetchone() == (0,), what
    check_numbers(db)


def rows(db: Any, query: str) -> list[tuple[Any, ...]]:
    """All rows of ``query`` on a stdlib sqlite3 or a psycopg connection."""
    return [tuple(row) for row in db.execute(query).fetchall()]


def sweep(db_url: str, blob_dir: Path) -> Removed:
    """Sweep the blob folder with no grace (nothing runs now); afterwards every blob on disk is
    named by a row, and no partial upload is left."""
    store = Store.open(db_url, blob_dir)
    try:
        swept = housekeep(store, Retention(grace=timedelta(0)), datetime.now(UTC))
        with store.read() as tx:
            named = tx.referenced_blobs()
    finally:
        store.close()
    on_disk = {path.name for path in blob_dir.glob("??/*")}
    assert on_disk == named, f"blobs without a row after the sweep: {sorted(on_disk - named)}"
    assert list((blob_dir / "tmp").iterdir()) == [], "partial uploads left after the sweep"
    return swept


@pytest.mark.timeout(330)
def test_a_service_killed_under_load_keeps_every_acknowledged_answer_and_whole_cases(
    db_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    argv = [sys.executable, "-m", "naevn.cli", "serve", "--port", str(free_port())]
    argv += ["--db", db_url, "--data-dir", str(data)]
    env = dict(os.environ, NAEVN_RATE_LIMIT="0", NAEVN_TODAY=TODAY, PYTHONUNBUFFERED="1")
    log = tmp_path / "serve.log"

    run = asyncio.run(file_through_kills(argv, env, log))

    tally = run.tally
    wrong = {kind: n for kind, n in tally.errors.items() if kind.startswith(STATUS_ERRORS)}
    assert not wrong, (wrong, tally.refusals[:5])
    assert b'"unexpected error"' not in log.read_bytes(), f"the service logged a 500; see {log}"

    sqlite = db_url.startswith("sqlite:///")
    # The structure first, through each database's own driver (and SQLite's PRAGMAs).
    if sqlite:
        with closing(read_only(Path(db_url.removeprefix("sqlite:///")))) as lite:
            check_structure(lite)
            cases = rows(lite, "SELECT number, draft_id FROM cases")
            files = rows(lite, "SELECT id, sha256, size FROM attachments")
    else:
        with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://")) as pg:
            check_structure_pg(pg)
            cases = rows(pg, "SELECT number, draft_id FROM cases")
            files = rows(pg, "SELECT id, sha256, size FROM attachments")
    store = Store.open(db_url, data / "blobs")
    try:
        check_acknowledged(store, tally)
        check_cases(store, cases)
    finally:
        store.close()
    check_blobs(files, data / "blobs")
    swept = sweep(db_url, data / "blobs")
    check_blobs(files, data / "blobs")

    assert run.kills >= 30 and run.mid_request >= 1
    assert cases and tally.filed and tally.retried, "the run filed nothing, or nothing was retried"
    print(
        f"\nHTTP crash test ({'sqlite' if sqlite else 'pg'}): {run.kills} kills, "
        f"{run.mid_request} of them mid-request ({tally.broken} requests broke after they "
        f"were sent, {tally.retried} sent again); {len(tally.acks)} acknowledged answers, "
        f"{len(tally.uploads)} uploads, {len(cases)} cases ({len(tally.filed)} receipts seen); "
        f"{run.replayed} answers replayed identically; the sweep then removed "
        f"{swept.orphans.files} files no row named and {swept.partials.files} partial uploads"
    )
