"""Building the SQLAlchemy engine for a store URL, with the SQLite settings in one marked place."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL

BEGIN_OPTION: Final = "naevn_begin"
"""Execution option naming the SQLite BEGIN statement for one connection's transactions."""

READ_ONLY: Final = {BEGIN_OPTION: "BEGIN"}
"""Execution options for a read-only transaction: on SQLite it takes no write lock up front."""


PG_POOL: Final = {"pool_size": 10, "max_overflow": 10, "pool_pre_ping": True}
"""Connection pool for PostgreSQL: the service calls the store from a pool of up to 16 threads.

Pre-ping drops connections the server closed (a restart, an idle timeout) before they are used.
"""

PG_DRIVER: Final = "postgresql+psycopg"
"""The driver a plain ``postgresql://`` (or ``postgres://``) URL is given."""


def normalize_url(url: str) -> URL:
    """``url`` parsed, with a PostgreSQL URL that names no driver given psycopg (version 3).

    Args:
        url: a SQLAlchemy URL, e.g. ``sqlite:///var/naevn.db`` or ``postgresql://naevn@db/naevn``.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername=PG_DRIVER)
    return parsed


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for a SQLite file, its folder is created and its pragmas set.

    Args:
        url: a SQLAlchemy URL, e.g. ``sqlite:///var/naevn.db`` or
            ``postgresql+psycopg://naevn@localhost:5432/naevn``.
    """
    parsed = normalize_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        _make_parent(parsed)
    pool: dict[str, Any] = PG_POOL if backend == "postgresql" else {}
    engine = create_engine(
        parsed,
        json_serializer=partial(json.dumps, ensure_ascii=False, separators=(",", ":")),
        **pool,
    )
    if backend == "sqlite":
        _setup_sqlite(engine, in_memory=_is_memory(parsed))
    return engine


# --- SQLite only ------------------------------------------------------------------------------


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or "mode=memory" in str(url.database)


def _make_parent(url: URL) -> None:
    if not _is_memory(url) and url.database and not url.database.startswith("file:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def _setup_sqlite(engine: Engine, *, in_memory: bool) -> None:
    """Per-connection pragmas, and SQLAlchemy (not pysqlite) in charge of BEGIN.

    This is the recipe from SQLAlchemy's SQLite docs ("Enabling non-legacy SQLite transactional
    modes"). Write transactions start with BEGIN IMMEDIATE: taking the write lock up front means
    two writers queue on ``busy_timeout`` instead of deadlocking when both try to upgrade a read
    lock. WAL with synchronous=NORMAL survives a crash of the process (the WAL is in the OS);
    only a power cut can lose the last commits.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop pysqlite from emitting its own (deferred) BEGIN; ours comes from "begin" below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        begin = connection.get_execution_options().get(BEGIN_OPTION, "BEGIN IMMEDIATE")
        connection.exec_driver_sql(begin)
