"""Board meetings: meetings, their members and their agenda items (issue 12, part 1).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing yet: the tables come with the change that uses them."""


def downgrade() -> None:
    """Nothing yet."""
