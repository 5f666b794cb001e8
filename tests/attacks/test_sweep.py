"""Orphans and retention on a running service: what a crash or a forgotten draft leaves goes,
on start and then periodically, while drafts in progress and filed cases keep their files."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from casestore import Store
from casestore.engine import make_engine
from statemachine.errors import NotFoundError
from tests.casestore.helpers import submission
from tests.service import Served, service_env, spawn

WAIT = 20.0
"""Seconds to wait at most for the service's housekeeping to have done something."""
LONG_AGO = datetime.now(UTC) - timedelta(days=200)
"""When the forgotten things were last touched: past every retention."""


@pytest.fixture
def served(db_url: str, tmp_path: Path) -> Iterator[Served]:
    """``naevn serve`` housekeeping every 0.2 s, with a 60-second grace and a 30-day retention."""
    env = service_env(
        db_url,
        tmp_path / "data",
        NAEVN_HOUSEKEEPING_SECONDS="0.2",
        NAEVN_ORPHAN_GRACE_SECONDS="60",
        NAEVN_DRAFT_RETENTION_DAYS="30",
    )
    service = spawn(env)
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    """The service's store, opened beside it to plant and to look."""
    opened = Store.open(db_url, tmp_path / "data" / "blobs")
    yield opened
    opened.close()


def start(client: httpx.Client) -> dict[str, Any]:
    response = client.post("/api/v1/sessions", json={"lang": "en"})
    assert response.status_code == 201, response.text
    started: dict[str, Any] = response.json()
    return started


def upload(client: httpx.Client, started: dict[str, Any], content: bytes) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/sessions/{started['session']}/attachments",
        files={"file": ("lejekontrakt.txt", content, "text/plain")},
        headers={"Authorization": f"Bearer {started['token']}"},
    )
    assert response.status_code == 201, response.text
    attachment: dict[str, Any] = response.json()["attachment"]
    return attachment


def age(path: Path) -> None:
    """Make a file look last written long ago."""
    then = LONG_AGO.timestamp()
    os.utime(path, (then, then))


def forget(db_url: str, draft_id: str) -> None:
    """Make a draft and its files look untouched since long ago, straight in the database."""
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            for table, column in (("drafts", "id"), ("attachments", "draft_id")):
                stamp = "updated_at" if table == "drafts" else "created_at"
                connection.execute(
                    text(f"UPDATE {table} SET {stamp} = :then WHERE {column} = :draft"),
                    {"then": LONG_AGO, "draft": draft_id},
                )
    finally:
        engine.dispose()


def file_old_case(store: Store, db_url: str, content: bytes) -> tuple[str, str]:
    """A case filed long ago, with one file; returns its number and the file's digest."""
    past = Store.open(db_url, store.blobs.root, clock=lambda: LONG_AGO)
    try:
        blob = past.blobs.put_chunks([content])
        with past.begin() as tx:
            tx.create_draft(
                draft_id="s_filed_long_ago",
                token_hash="t-filed",
                resume_hash="r-filed",
                lang="da",
                state="ask_declaration",
                data={"answers": {}},
            )
            row = tx.add_attachment(
                "s_filed_long_ago",
                filename="varsel.txt",
                size=blob.size,
                sha256=blob.sha256,
                media_type="text/plain",
            )
            number = tx.submit(
                "s_filed_long_ago", submission(attachments=[(row.id, "rent_increase_notice")])
            )
    finally:
        past.close()
    age(store.blobs.path_of(blob.sha256))
    return number, blob.sha256


def until(done: Callable[[], bool], what: str) -> None:
    """Wait, at most :data:`WAIT` seconds, until ``done()``."""
    deadline = time.monotonic() + WAIT
    while not done():
        assert time.monotonic() < deadline, f"the service's housekeeping did not: {what}"
        time.sleep(0.1)


def removed_by(served: Served, key: str) -> int:
    """What the service's housekeeping log lines say it removed, of one kind, so far."""
    return sum(int(line.get(key, 0)) for line in served.log if line.get("event") == "housekept")


@pytest.mark.timeout(120)
def test_a_running_service_sweeps_orphans_and_forgotten_drafts_and_keeps_the_rest(
    served: Served, store: Store, db_url: str
) -> None:
    blobs = store.blobs
    with httpx.Client(base_url=served.url, timeout=30) as client:
        # A filer at work, whose file is old (an upload of content stored long ago, say).
        working = start(client)
        kept = upload(client, working, b"Lejekontrakt\nLejer: Anna Jensen\n")
        age(blobs.path_of(kept["sha256"]))
        # A filer who never came back.
        gone = start(client)
        lost = upload(client, gone, "Varsel om lejeforhøjelse\nNy leje: 8.200 kr.\n".encode())
        forget(db_url, gone["session"])
        age(blobs.path_of(lost["sha256"]))
        # A case filed long ago.
        number, filed_sha = file_old_case(store, db_url, b"Varsel\nsendt 1. oktober 2026\n")
        # What a killed process leaves: a file stored before its row, and half an upload.
        orphan = blobs.put_chunks([b"stored, then the process was killed before the row"])
        age(blobs.path_of(orphan.sha256))
        partial = blobs.root / "tmp" / "put-killed-mid-upload"
        partial.write_bytes(b"the first megabyte of a 20 MB upload")
        age(partial)
        # Young leftovers may belong to an upload in flight: they stay.
        young = blobs.put_chunks([b"an upload whose row is being written right now"])
        young_partial = blobs.root / "tmp" / "put-being-written"
        young_partial.write_bytes(b"being written")

        until(lambda: not blobs.exists(orphan.sha256), "remove a file no row names")
        until(lambda: not partial.exists(), "remove a stale partial upload")
        until(lambda: not blobs.exists(lost["sha256"]), "remove a forgotten draft's file")

        with store.read() as tx:
            with pytest.raises(NotFoundError):
                tx.load_draft(gone["session"])
            assert tx.get_case(number).attachments[0]["sha256"] == filed_sha
            assert [a.sha256 for a in tx.attachments_of_draft(working["session"])] == [
                kept["sha256"]
            ]
        assert blobs.exists(kept["sha256"]) and blobs.exists(filed_sha)
        assert blobs.exists(young.sha256) and young_partial.exists()
        bearer = {"Authorization": f"Bearer {gone['token']}"}
        assert client.get(f"/api/v1/sessions/{gone['session']}", headers=bearer).status_code == 404
        assert (
            client.post(
                "/api/v1/sessions/resume", json={"resume_code": gone["resume_code"]}
            ).status_code
            == 404
        )

        # The filer at work goes on, and is told how long a saved draft is kept.
        bearer = {"Authorization": f"Bearer {working['token']}"}
        saved = client.post(
            f"/api/v1/sessions/{working['session']}/answers",
            json={"action": "save"},
            headers=bearer,
        )
        assert saved.status_code == 200, saved.text
        messages = saved.json()["messages"]
        assert "A draft that nobody continues for 30 days is deleted, together with its files." in (
            messages
        )

    until(lambda: removed_by(served, "orphan_files") >= 2, "log what it removed")
    assert removed_by(served, "orphan_files") == 2
    assert removed_by(served, "drafts") == 1
    assert removed_by(served, "partial_files") == 1
    assert not [line for line in served.log if line.get("level") in ("warning", "error")]


def test_a_service_sweeps_what_a_crash_left_as_soon_as_it_starts(
    db_url: str, tmp_path: Path, store: Store
) -> None:
    orphan = store.blobs.put_chunks([b"stored by a process killed before it wrote the row"])
    age(store.blobs.path_of(orphan.sha256))
    partial = store.blobs.root / "tmp" / "put-killed"
    partial.write_bytes(b"half an upload")
    age(partial)
    env = service_env(db_url, tmp_path / "data", NAEVN_HOUSEKEEPING_SECONDS="3600")
    service = spawn(env)
    try:
        until(lambda: removed_by(service, "orphan_files") == 1, "sweep on start")
        assert not store.blobs.exists(orphan.sha256) and not partial.exists()
        assert removed_by(service, "partial_files") == 1
    finally:
        service.stop()


def test_a_failing_run_is_a_warning_and_the_next_one_goes_on(
    db_url: str, tmp_path: Path, store: Store
) -> None:
    tmp = store.blobs.root / "tmp"
    env = service_env(db_url, tmp_path / "data", NAEVN_HOUSEKEEPING_SECONDS="0.2")
    service = spawn(env)
    try:
        tmp.rmdir()
        tmp.write_bytes(b"not a folder: every sweep of it fails")
        until(
            lambda: any(
                line.get("event", "").startswith("housekeeping failed") for line in service.log
            ),
            "warn of a failed run",
        )
        assert httpx.get(f"{service.url}/healthz", timeout=30).status_code == 200
        tmp.unlink()
        tmp.mkdir()
        orphan = store.blobs.put_chunks([b"left by a crash while the sweep was failing"])
        age(store.blobs.path_of(orphan.sha256))
        until(lambda: not store.blobs.exists(orphan.sha256), "sweep again once it can")
        assert service.proc.poll() is None
    finally:
        service.stop()
    assert service.proc.returncode == 0, "the service stopped cleanly"
