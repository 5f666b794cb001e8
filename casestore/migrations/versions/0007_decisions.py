"""Decisions: the box's fields, the draft decision's texts, versions kept (issue 12, part 2).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 19:20:00

One row per version of a case's decision: a draft while the caseworker edits it, then
registered; a correction is a later version, and the earlier ones stay.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the decisions table."""
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(64), nullable=False),
        sa.Column("in_favour", sa.String(64), nullable=False),
        sa.Column("fee_imposed", sa.String(64), nullable=False),
        sa.Column("locally_inspected", sa.String(64), nullable=False),
        sa.Column("public_interest", sa.String(64), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("statutes", sa.JSON(), nullable=False),
        sa.Column("rent_method", sa.String(64), nullable=True),
        sa.Column("rent_category", sa.String(64), nullable=True),
        sa.Column("rent_declaration", sa.String(64), nullable=True),
        sa.Column("rent_amount", sa.Numeric(12, 2), nullable=True),
        sa.Column("rent_area", sa.Integer(), nullable=True),
        sa.Column("rent_from", sa.Date(), nullable=True),
        sa.Column("decision_text", sa.Text(), nullable=True),
        sa.Column("facts_text", sa.Text(), nullable=True),
        sa.Column("reasons_text", sa.Text(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("created_by", sa.String(400), nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("registered_at", STAMP, nullable=True),
        sa.Column("registered_by", sa.String(400), nullable=True),
        sa.Column("notified_on", sa.Date(), nullable=True),
        sa.Column("document_id", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_decisions_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["attachments.id"], name=op.f("fk_decisions_document_id_attachments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint("case_id", "version", name=op.f("uq_decisions_case_id_version")),
    )
    op.create_index(op.f("ix_decisions_case_id"), "decisions", ["case_id"])


def downgrade() -> None:
    """Drop the decisions table."""
    op.drop_index(op.f("ix_decisions_case_id"), table_name="decisions")
    op.drop_table("decisions")
