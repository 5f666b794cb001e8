"""The public registers: published decisions and their rents, for the filters (issue 12, part 4).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 19:20:00

Every list index leads with ``listed``, then one filter's column, then the lists' order
(``decided_on, id``), so a page of one filter is one index range; the decisions' filter indexes
end with the other filters' columns, so that a combination is checked in the index. Subjects and
statutes are side tables carrying their decision's order columns for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)
ORDER = ("decided_on", "id")


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    """Create the register tables and their indexes."""
    op.create_table(
        "register_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("case_number", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("replaced_by", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", STAMP, nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("municipality_code", sa.Integer(), nullable=False),
        sa.Column("tribunal", sa.String(64), nullable=False),
        sa.Column("board", sa.String(64), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("published_at", STAMP, nullable=False),
        sa.Column("submitter", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(64), nullable=False),
        sa.Column("in_favour", sa.String(64), nullable=False),
        sa.Column("locally_inspected", sa.String(64), nullable=False),
        sa.Column("public_interest", sa.String(64), nullable=False),
        sa.Column("fee_imposed", sa.String(64), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=True),
        sa.Column("document_size", sa.Integer(), nullable=True),
        _fk("register_decisions", "case_id", "cases"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_decisions")),
    )
    _index("register_decisions", "case_id")
    _index("register_decisions", "listed", *ORDER)
    filters = ("municipality_code", "tribunal", "outcome")
    for name, column in zip(("municipality", "tribunal", "outcome"), filters, strict=True):
        # The other filters' columns at the end: a combination is checked in the index.
        rest = [other for other in filters if other != column]
        op.create_index(
            op.f(f"ix_register_decisions_by_{name}"),
            "register_decisions",
            ["listed", column, *ORDER, *rest],
        )
    for table, column, size in (
        ("register_subjects", "subject", 64),
        ("register_statutes", "statute", 160),
    ):
        extra = [sa.Column("label", sa.Text(), nullable=False)] if column == "statute" else []
        op.create_table(
            table,
            sa.Column("decision_id", sa.Integer(), nullable=False),
            sa.Column(column, sa.String(size), nullable=False),
            *extra,
            sa.Column("listed", sa.Boolean(), nullable=False),
            sa.Column("decided_on", sa.Date(), nullable=False),
            _fk(table, "decision_id", "register_decisions"),
            sa.PrimaryKeyConstraint("decision_id", column, name=op.f(f"pk_{table}")),
        )
        _index(table, "listed", column, "decided_on", "decision_id")
    op.create_table(
        "register_documents",
        sa.Column("decision_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        _fk("register_documents", "decision_id", "register_decisions"),
        sa.PrimaryKeyConstraint("decision_id", name=op.f("pk_register_documents")),
    )
    op.create_table(
        "register_rents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("municipality_code", sa.Integer(), nullable=False),
        sa.Column("tribunal", sa.String(64), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("street", sa.String(400), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("floor", sa.String(16), nullable=False),
        sa.Column("door", sa.String(16), nullable=False),
        sa.Column("postcode", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("declaration", sa.String(64), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("area", sa.Integer(), nullable=False),
        sa.Column("rent_from", sa.Date(), nullable=True),
        _fk("register_rents", "decision_id", "register_decisions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_rents")),
    )
    _index("register_rents", "decision_id")
    _index("register_rents", "listed", *ORDER)
    for column in ("municipality_code", "tribunal", "postcode", "method", "category"):
        _index("register_rents", "listed", column, *ORDER)


def downgrade() -> None:
    """Drop the register tables (their indexes go with them)."""
    for table in (
        "register_rents",
        "register_documents",
        "register_statutes",
        "register_subjects",
    ):
        op.drop_table(table)
    op.drop_table("register_decisions")
