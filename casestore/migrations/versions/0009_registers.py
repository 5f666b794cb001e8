"""The public registers: published decisions and their rents, for the filters (issue 12, part 4).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 19:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: the tables come with the change that uses them."""


def downgrade() -> None:
    """Nothing yet."""
