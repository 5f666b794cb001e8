"""Alembic's environment: run migrations on the connection casestore.migrate hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from casestore.engine import make_engine
from casestore.models import Base
from casestore.search import include_name


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate over the shared connection, or over a fresh engine for ``sqlalchemy.url``."""
    config = context.config
    shared = config.attributes.get("connection")
    if isinstance(shared, Connection):
        _run(shared)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url given to the migrations")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported; use casestore.migrate")
run_online()
