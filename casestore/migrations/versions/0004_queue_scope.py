"""The queue's scope in its indexes: two indexes per status for the sorts by filing and by
number, and on SQLite the tribunal as a column of the text index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 16:00:00

With a status filter the queue reads each (tribunal, status) as its own ordered range
(``casestore/queue.py``); these indexes hold the order of the filing and number sorts within
one status, as ``ix_cases_tribunal_status_next_deadline_id`` does for the deadline. SQLite's
FTS5 table cannot take a new column in place, so it is made again beside the old one, filled
from it, and put in its place.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from casestore import search

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS_INDEXES = (
    ("tribunal", "status", "filed_at", "id"),
    ("tribunal", "status", "number"),
)
"""The indexes this revision adds on cases."""

_FTS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
"""The text index's options, as revision 0003 made it."""


def upgrade() -> None:
    """Add the indexes; on SQLite, give the text index its tribunal column."""
    for columns in STATUS_INDEXES:
        op.create_index(op.f(f"ix_cases_{'_'.join(columns)}"), "cases", list(columns))
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(search.SEARCH_COLUMNS, "replace(lower(c.tribunal), '-', '')")


def downgrade() -> None:
    """Drop the indexes, and the text index's tribunal column."""
    for columns in STATUS_INDEXES:
        op.drop_index(op.f(f"ix_cases_{'_'.join(columns)}"), "cases")
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(search.TEXT_COLUMNS, None)


def _rebuild(columns: Sequence[str], tribunal: str | None) -> None:
    """Make the text index again with ``columns``, its rows copied from the old one (the
    tribunal, if it is among them, from the case by the SQL expression ``tribunal``)."""
    table, new = search.SEARCH_TABLE, f"{search.SEARCH_TABLE}_new"
    op.execute(f"CREATE VIRTUAL TABLE {new} USING fts5({', '.join(columns)}, {_FTS})")
    copied = [f"s.{name}" for name in search.TEXT_COLUMNS]
    if tribunal is not None:
        copied.append(tribunal)
    op.execute(
        f"INSERT INTO {new} (rowid, {', '.join(columns)}) "
        f"SELECT s.rowid, {', '.join(copied)} FROM {table} AS s JOIN cases AS c ON c.id = s.rowid"
    )
    op.execute(f"DROP TABLE {table}")
    op.execute(f"ALTER TABLE {new} RENAME TO {table}")
