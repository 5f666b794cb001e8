"""The schema: created from nothing by the shipped migration, and not re-run on an existing db."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

import casestore.migrate
from casestore import Store, current, upgrade
from casestore.models import Base

TABLES = {"drafts", "cases", "parties", "attachments", "deadlines", "events", "counters"}


def tables_of(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def test_upgrade_creates_every_table_from_nothing(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    url = f"sqlite:///{path}"
    assert current(url) is None

    upgrade(url)

    assert tables_of(path) >= TABLES
    assert current(url) == casestore.migrate.head()


def test_open_creates_the_folder_and_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "var" / "naevn.db"
    store = Store.open(f"sqlite:///{path}", tmp_path / "blobs")
    store.close()
    assert tables_of(path) >= TABLES
    assert (tmp_path / "blobs" / "tmp").is_dir()


def test_open_on_a_current_db_does_not_migrate_again(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(db_url)

    def refuse(*_: object) -> None:
        raise AssertionError("migrations ran on an up-to-date database")

    monkeypatch.setattr(casestore.migrate, "upgrade_engine", refuse)
    store = Store.open(db_url, tmp_path / "blobs")
    store.close()


def test_migration_matches_the_models(db_url: str) -> None:
    upgrade(db_url)
    engine = create_engine(db_url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("synchronous", 1), ("foreign_keys", 1), ("busy_timeout", 5000)],
)
def test_sqlite_runs_in_wal_mode_with_safe_settings(
    store: Store, pragma: str, expected: object
) -> None:
    with store.begin() as tx:
        value = tx._conn.exec_driver_sql(f"PRAGMA {pragma}").scalar()
    assert value == expected


def test_wal_mode_is_persistent_in_the_file(store: Store, db_url: str) -> None:
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
