"""Repair a store migrated while 0006-0009 were empty stubs: create the tables of the board's
meetings, decisions, anonymisation and the public registers where they are missing.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 09:20:00

Revisions 0006 to 0009 first landed empty (their tables came later, in the same files). A
store upgraded then is stamped 0009 without those tables, so their migrations never run on it.
This revision runs each one whose first table is missing; on any other store it does nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Final

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPAIRED: Final = (
    ("0006_meetings", "meetings"),
    ("0007_decisions", "decisions"),
    ("0008_anonymisation", "anonymisations"),
    ("0009_registers", "register_decisions"),
)
"""Each revision that first landed empty, by the table it creates first."""


def upgrade() -> None:
    """Run the migrations whose tables are missing, in order."""
    for name, table in REPAIRED:
        if not sa.inspect(op.get_bind()).has_table(table):
            importlib.import_module(f"casestore.migrations.versions.{name}").upgrade()


def downgrade() -> None:
    """Nothing: the tables belong to the revisions that create them."""
