"""Anonymisation: each decision's replacements, as previewed and accepted (issue 12, part 3).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 19:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: the tables come with the change that uses them."""


def downgrade() -> None:
    """Nothing yet."""
