"""`naevn db gc`: the housekeeping, once, from the command line, saying what it removed."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from casestore import Reply, Store
from casestore.housekeeping import Retention
from naevn.settings import Settings
from tests.conftest import Naevn

ORPHAN = b"%PDF-1.7 stored by a process that died before it wrote the row"
PARTIAL = b"the first half of an upload"
OLD_FILE = b"%PDF-1.7 the only file of a draft nobody came back to"


def plant(db: str, data_dir: Path) -> str:
    """A store with one of everything the housekeeping removes, and a draft it keeps; returns
    the kept draft's id."""
    long_ago = datetime.now(UTC) - timedelta(days=100)
    old = Store.open(db, data_dir / "blobs", clock=lambda: long_ago)
    new = Store.open(db, data_dir / "blobs")
    try:
        with old.begin() as tx:
            tx.create_draft(
                draft_id="s_old",
                token_hash="t1",
                resume_hash="r1",
                lang="da",
                state="ask_role",
                data={"answers": {}},
            )
            blob = old.blobs.put_chunks([OLD_FILE])
            tx.add_attachment(
                "s_old",
                filename="a.pdf",
                size=blob.size,
                sha256=blob.sha256,
                media_type="application/pdf",
            )
        with new.begin() as tx:
            tx.create_draft(
                draft_id="s_new",
                token_hash="t2",
                resume_hash="r2",
                lang="da",
                state="ask_role",
                data={"answers": {}},
            )
        with old.begin() as tx:
            tx.remember_reply("s_new", "k", Reply("h", {"state": "ask_role"}))
        orphan = new.blobs.put_chunks([ORPHAN])
        partial = data_dir / "blobs" / "tmp" / "put-left-by-a-crash"
        partial.write_bytes(PARTIAL)
        then = time.time() - 100 * 86400
        for path in (new.blobs.path_of(orphan.sha256), new.blobs.path_of(blob.sha256), partial):
            os.utime(path, (then, then))
    finally:
        old.close()
        new.close()
    return "s_new"


def test_gc_says_what_it_removed_and_a_second_run_finds_nothing(
    naevn: Naevn, naevn_env: dict[str, str]
) -> None:
    data_dir = Path(naevn_env["NAEVN_DATA_DIR"])
    kept = plant(naevn_env["NAEVN_DB"], data_dir)

    first = naevn("db", "gc")
    second = naevn("db", "gc")

    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        f"Removed 2 files without a case or draft ({len(ORPHAN) + len(OLD_FILE)} bytes), "
        f"1 stale partial upload ({len(PARTIAL)} bytes), 1 draft untouched for 90 days, "
        "1 kept reply older than a day.\n"
    )
    assert second.stdout == (
        "Removed 0 files without a case or draft (0 bytes), 0 stale partial uploads (0 bytes), "
        "0 drafts untouched for 90 days, 0 kept replies older than a day.\n"
    )
    store = Store.open(naevn_env["NAEVN_DB"], data_dir / "blobs")
    try:
        with store.read() as tx:
            assert tx.load_draft(kept).status == "open"
            assert tx.referenced_blobs() == set()
    finally:
        store.close()
    left = [p.name for p in (data_dir / "blobs").rglob("*") if p.is_file()]
    assert left == []


def test_gc_json_on_each_backend(naevn: Naevn, db_url: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "elsewhere"
    plant(db_url, data_dir)

    result = naevn("db", "gc", "--json", "--db", db_url, "--data-dir", str(data_dir))

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "drafts": 1,
        "replies": 1,
        "orphan_files": 2,
        "orphan_bytes": len(ORPHAN) + len(OLD_FILE),
        "partial_files": 1,
        "partial_bytes": len(PARTIAL),
    }


def test_a_retention_set_in_the_environment_is_the_one_said_and_kept(
    naevn: Naevn, naevn_env: dict[str, str]
) -> None:
    plant(naevn_env["NAEVN_DB"], Path(naevn_env["NAEVN_DATA_DIR"]))
    naevn_env["NAEVN_DRAFT_RETENTION_DAYS"] = "365"

    result = naevn("db", "gc")

    assert "0 drafts untouched for 365 days" in result.stdout
    # The draft stayed, so its file did too: only the orphan went.
    assert result.stdout.startswith(f"Removed 1 file without a case or draft ({len(ORPHAN)} ")


def test_a_retention_under_a_day_is_refused_with_one_line(
    naevn: Naevn, naevn_env: dict[str, str]
) -> None:
    naevn_env["NAEVN_DRAFT_RETENTION_DAYS"] = "0"

    result = naevn("db", "gc")

    assert result.returncode == 2
    assert result.stderr == "naevn: NAEVN_DRAFT_RETENTION_DAYS must be at least 1.\n"


def test_the_service_and_the_store_agree_on_the_default_retention() -> None:
    assert timedelta(days=Settings().draft_retention_days) == Retention().drafts
