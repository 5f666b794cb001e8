"""Schema migrations: bring a database to the newest schema with Alembic, no alembic.ini needed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from casestore.engine import READ_ONLY, make_engine
from statemachine.errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")
"""The Alembic script directory, shipped as package data."""

VERSION_TABLE = "alembic_version"
MIGRATION_LOCK = 0x6E6165766E
"""The PostgreSQL advisory lock held while migrating ("naevn" in ASCII)."""


def config(url: str | None = None) -> Config:
    """An Alembic config for the shipped migrations, built in code.

    Args:
        url: the database URL, for Alembic commands run without a shared connection.
    """
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        # configparser interpolation would eat a '%' in a URL-encoded password.
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@cache
def head() -> str:
    """The newest revision id of the shipped migrations."""
    revision = ScriptDirectory.from_config(config()).get_current_head()
    if revision is None:
        raise RuntimeError("the shipped migrations have no head revision")
    return revision


def upgrade(url: str) -> None:
    """Bring the database at ``url`` to the newest schema, creating it from nothing if needed.

    Raises:
        StoreError: the database cannot be reached or migrated.
    """
    with _engine(url) as engine:
        upgrade_engine(engine)


def current(url: str) -> str | None:
    """The revision the database at ``url`` is at, or None if it has no schema yet.

    Raises:
        StoreError: the database cannot be reached.
    """
    with _engine(url) as engine, engine.connect() as connection:
        return current_of(connection.execution_options(**READ_ONLY))


@contextmanager
def _engine(url: str) -> Iterator[Engine]:
    """A short-lived engine for one command; a driver or Alembic failure becomes a StoreError."""
    engine = make_engine(url)
    try:
        yield engine
    except (DBAPIError, CommandError) as exc:
        raise StoreError(f"Cannot open the case store at {engine.url!r}: {exc}") from exc
    finally:
        engine.dispose()


def current_of(connection: Connection) -> str | None:
    """The revision recorded on this connection's database, read cheaply (one small query)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    row = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return None if row is None else str(row[0])


def upgrade_engine(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` over one of its own connections.

    Sharing the engine keeps its connect-time settings (and makes in-memory SQLite work).
    """
    cfg = config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several service processes may start on one new database at once: the first
            # migrates while the others wait here, then find nothing left to do. (SQLite's
            # BEGIN IMMEDIATE already lets one writer in at a time.)
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def ensure_current(engine: Engine) -> None:
    """Upgrade only when the schema is missing or behind the shipped head."""
    with engine.connect() as connection:
        at = current_of(connection.execution_options(**READ_ONLY))
    if at != head():
        upgrade_engine(engine)
