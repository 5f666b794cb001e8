"""Decisions: the box's fields, the draft decision's texts, versions kept (issue 12, part 2).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 19:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: the tables come with the change that uses them."""


def downgrade() -> None:
    """Nothing yet."""
