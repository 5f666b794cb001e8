"""Replies kept under idempotency keys, so that a retried answer replays its turn.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 12:00:00

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON()  # json, not jsonb, on PostgreSQL: key order is the answering order


def upgrade() -> None:
    """Add the replies table."""
    op.create_table(
        "replies",
        sa.Column("draft_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("turn", JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name=op.f("fk_replies_draft_id_drafts")
        ),
        sa.PrimaryKeyConstraint("draft_id", "key", name=op.f("pk_replies")),
    )


def downgrade() -> None:
    """Drop the replies table."""
    op.drop_table("replies")
