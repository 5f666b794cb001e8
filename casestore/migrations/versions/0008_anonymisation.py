"""Anonymisation: each decision version's replacements, as previewed and accepted (issue 12,
part 3).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 19:20:00

One row per decision version that was anonymised: its text, the replacements (kept or
reverted), and whether the preview is accepted for publication.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the anonymisations table."""
    op.create_table(
        "anonymisations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("decision_version", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.Column("updated_by", sa.String(400), nullable=False),
        sa.Column("accepted_at", STAMP, nullable=True),
        sa.Column("accepted_by", sa.String(400), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_anonymisations_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymisations")),
        sa.UniqueConstraint(
            "case_id",
            "decision_version",
            name=op.f("uq_anonymisations_case_id_decision_version"),
        ),
    )
    op.create_index(op.f("ix_anonymisations_case_id"), "anonymisations", ["case_id"])


def downgrade() -> None:
    """Drop the anonymisations table."""
    op.drop_index(op.f("ix_anonymisations_case_id"), table_name="anonymisations")
    op.drop_table("anonymisations")
