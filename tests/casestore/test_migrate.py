"""The schema: created from nothing by the shipped migration, and not re-run on an existing db."""

from __future__ import annotations

import socket
import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect

import casestore.migrate
from casestore import Store, current, upgrade
from casestore.engine import make_engine
from casestore.models import Base
from casestore.search import include_name
from statemachine.errors import StoreError
from tests.pgserver import SQLITE_ONLY

TABLES = {"drafts", "cases", "parties", "attachments", "deadlines", "events", "counters"}


def tables_of(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def tables_at(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "pg"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no schema: a SQLite file not yet created, or an empty PostgreSQL db."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    url: str = request.getfixturevalue("pg_empty_url")
    return url


def test_upgrade_creates_every_table_from_nothing(empty_url: str) -> None:
    assert current(empty_url) is None

    upgrade(empty_url)

    assert tables_at(empty_url) >= TABLES
    assert current(empty_url) == casestore.migrate.head()


def test_open_migrates_an_empty_postgresql_database(pg_empty_url: str, tmp_path: Path) -> None:
    store = Store.open(pg_empty_url.replace("postgresql+psycopg://", "postgresql://"), tmp_path)
    store.close()
    assert tables_at(pg_empty_url) >= TABLES
    assert current(pg_empty_url) == casestore.migrate.head()


def test_an_unreachable_database_is_a_store_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]  # bound but not listening: connecting is refused
        url = f"postgresql://naevn@127.0.0.1:{closed}/naevn"
        for command in (current, upgrade):
            with pytest.raises(StoreError, match="Cannot open the case store"):
                command(url)


def test_open_creates_the_folder_and_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "var" / "naevn.db"
    store = Store.open(f"sqlite:///{path}", tmp_path / "blobs")
    store.close()
    assert tables_of(path) >= TABLES
    assert (tmp_path / "blobs" / "tmp").is_dir()


def test_open_migrates_a_new_db_once_and_a_current_one_never(
    empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrated: list[str] = []
    real = casestore.migrate.upgrade_engine

    def counting(engine: Engine) -> None:
        migrated.append(str(engine.url))
        real(engine)

    monkeypatch.setattr(casestore.migrate, "upgrade_engine", counting)
    Store.open(empty_url, tmp_path / "blobs").close()
    assert len(migrated) == 1, "a new database is migrated when the store opens it"
    Store.open(empty_url, tmp_path / "blobs").close()
    assert len(migrated) == 1, "an up-to-date database is not migrated again"
    assert current(empty_url) == casestore.migrate.head()


def test_migration_matches_the_models(db_url: str) -> None:
    upgrade(db_url)
    engine = create_engine(db_url)
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"include_name": include_name}),
            Base.metadata,
        )
    engine.dispose()
    assert diff == []


@SQLITE_ONLY  # PRAGMAs are SQLite's own settings
@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("synchronous", 1), ("foreign_keys", 1), ("busy_timeout", 5000)],
)
def test_sqlite_connections_run_in_wal_mode_with_safe_settings(
    db_url: str, pragma: str, expected: object
) -> None:
    """Every connection the store's engine hands out (``make_engine``, as ``Store.open``
    builds it) carries the settings; they are per connection, so a fresh one is asked."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            value = connection.exec_driver_sql(f"PRAGMA {pragma}").scalar()
    finally:
        engine.dispose()
    assert value == expected


@SQLITE_ONLY  # the WAL journal is a property of the SQLite file
def test_wal_mode_is_persistent_in_the_file(store: Store, db_url: str) -> None:
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_processes_starting_together_on_a_new_postgresql_database_all_open_it(
    pg_empty_url: str, tmp_path: Path
) -> None:
    errors: list[BaseException] = []
    together = threading.Barrier(8)

    def open_store(n: int) -> None:
        together.wait()
        try:
            Store.open(pg_empty_url, tmp_path / f"blobs{n}").close()
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_store, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "the migrations deadlocked"
    assert errors == []
    assert current(pg_empty_url) == casestore.migrate.head()


def test_a_store_migrated_while_0006_to_0009_were_stubs_gets_their_tables(
    empty_url: str,
) -> None:
    """A store upgraded when revisions 0006-0009 were empty is stamped 0009 without their
    tables; upgrading it creates them (0011), and its schema then matches the models."""
    cfg = casestore.migrate.config(empty_url)
    command.upgrade(cfg, "0005")
    command.stamp(cfg, "0009")
    assert "meetings" not in tables_at(empty_url)
    upgrade(empty_url)
    assert {"meetings", "decisions", "anonymisations", "register_decisions"} <= tables_at(empty_url)
    engine = create_engine(empty_url)
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"include_name": include_name}),
            Base.metadata,
        )
    engine.dispose()
    assert diff == []
