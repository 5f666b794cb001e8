"""The initial schema: drafts, cases, parties, attachments, deadlines, events, counters.

Revision ID: 0001
Revises:
Create Date: 2026-11-21 00:00:00

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON()  # json, not jsonb, on PostgreSQL: key order is the answering order
STAMP = sa.DateTime(timezone=True)


def _code(name: str, length: int = 64, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def upgrade() -> None:
    """Create every table and index from nothing."""
    op.create_table(
        "counters",
        sa.Column("municipality_code", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("municipality_code", name=op.f("pk_counters")),
    )
    op.create_table(
        "drafts",
        _code("id"),
        _code("token_hash", 64),
        _code("resume_hash", 64),
        _code("lang"),
        _code("state"),
        sa.Column("data", JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _code("status"),
        _code("case_number", nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    op.create_index(op.f("ix_drafts_resume_hash"), "drafts", ["resume_hash"], unique=True)
    op.create_index(op.f("ix_drafts_token_hash"), "drafts", ["token_hash"], unique=True)
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _code("number"),
        _code("draft_id"),
        _code("case_type"),
        sa.Column("extra_topics", JSON, nullable=False),
        _code("role"),
        _code("side"),
        _code("housing"),
        sa.Column("municipality_code", sa.Integer(), nullable=False),
        _code("lang"),
        _code("status"),
        sa.Column("answers", JSON, nullable=False),
        sa.Column("filed_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], name=op.f("fk_cases_draft_id_drafts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("draft_id", name=op.f("uq_cases_draft_id")),
        sa.UniqueConstraint("number", name=op.f("uq_cases_number")),
    )
    op.create_index(op.f("ix_cases_filed_at"), "cases", ["filed_at"], unique=False)
    op.create_table(
        "attachments",
        _code("id"),
        _code("draft_id"),
        sa.Column("case_id", sa.Integer(), nullable=True),
        _code("filename", 400),
        sa.Column("size", sa.Integer(), nullable=False),
        _code("sha256", 64),
        _code("media_type", 400),
        _code("requirement", 80, nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_attachments_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["drafts.id"], name=op.f("fk_attachments_draft_id_drafts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index(op.f("ix_attachments_case_id"), "attachments", ["case_id"], unique=False)
    op.create_index(op.f("ix_attachments_draft_id"), "attachments", ["draft_id"], unique=False)
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        _code("rule", 120),
        _code("event"),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("act_by", sa.Date(), nullable=False),
        sa.Column("days_left", sa.Integer(), nullable=False),
        _code("status"),
        sa.Column("consequence", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_deadlines_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadlines")),
    )
    op.create_index(op.f("ix_deadlines_case_id"), "deadlines", ["case_id"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        _code("draft_id", nullable=True),
        _code("kind", 80),
        _code("actor", 400),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("data", JSON, nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_events_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_case_id"), "events", ["case_id"], unique=False)
    op.create_index(op.f("ix_events_draft_id"), "events", ["draft_id"], unique=False)
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        _code("role"),
        _code("name", 400),
        _code("kind"),
        _code("address", 400),
        _code("email", 400, nullable=True),
        _code("phone", 40, nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_parties_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parties")),
    )
    op.create_index(op.f("ix_parties_case_id"), "parties", ["case_id"], unique=False)


def downgrade() -> None:
    """Drop everything, children first."""
    for table in ("parties", "events", "deadlines", "attachments", "cases", "drafts", "counters"):
        op.drop_table(table)
