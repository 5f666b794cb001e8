"""Mine sager: access codes, mailed sign-in codes, party sessions, sign-in attempts, and
replies from parties (messages with a direction; files of a case without a draft).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 16:20:00

SQLite cannot add a foreign key or a NOT NULL column in place except as ``ADD COLUMN`` with a
default, so the messages' new columns are added that way there; making ``attachments.draft_id``
nullable copies that table (batch mode), which nothing refers to by foreign key.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def upgrade() -> None:
    """Create the sign-in tables, give messages a direction, let a file have no draft."""
    op.create_table(
        "access_codes",
        _id(),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("hearing_id", sa.Integer(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=True),
        sa.Column("revoked_at", STAMP, nullable=True),
        _fk("case_id", "access_codes", "cases"),
        _fk("party_id", "access_codes", "parties"),
        _fk("hearing_id", "access_codes", "hearings"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_access_codes_code_hash")),
    )
    op.create_index(op.f("ix_access_codes_case_id"), "access_codes", ["case_id"])
    op.create_table(
        "signin_codes",
        _id(),
        sa.Column("email", sa.String(400), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("client", sa.String(120), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("used_at", STAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signin_codes")),
    )
    op.create_index(
        op.f("ix_signin_codes_email_created_at"), "signin_codes", ["email", "created_at"]
    )
    op.create_table(
        "party_sessions",
        _id(),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("email", sa.String(400), nullable=True),
        sa.Column("access_code_id", sa.Integer(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("ended_at", STAMP, nullable=True),
        _fk("access_code_id", "party_sessions", "access_codes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_party_sessions_token_hash")),
    )
    op.create_table(
        "access_attempts",
        _id(),
        sa.Column("client", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_attempts")),
    )
    op.create_index(
        op.f("ix_access_attempts_client_kind_at"), "access_attempts", ["client", "kind", "at"]
    )
    _message_columns()
    with op.batch_alter_table("attachments") as batch:
        batch.alter_column("draft_id", existing_type=sa.String(64), nullable=True)


def _message_columns() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for ddl in (
            "direction VARCHAR(8) NOT NULL DEFAULT 'out'",
            "party_id INTEGER CONSTRAINT fk_messages_party_id_parties REFERENCES parties (id)",
            "late BOOLEAN NOT NULL DEFAULT 0",
        ):
            op.execute(f"ALTER TABLE messages ADD COLUMN {ddl}")
        return
    op.add_column(
        "messages", sa.Column("direction", sa.String(8), server_default="out", nullable=False)
    )
    op.add_column("messages", sa.Column("party_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        op.f("fk_messages_party_id_parties"), "messages", "parties", ["party_id"], ["id"]
    )
    op.add_column(
        "messages", sa.Column("late", sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade() -> None:
    """Drop the sign-in tables and the messages' new columns; files need a draft again."""
    with op.batch_alter_table("attachments") as batch:
        batch.alter_column("draft_id", existing_type=sa.String(64), nullable=False)
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("late")
        batch.drop_constraint(op.f("fk_messages_party_id_parties"), type_="foreignkey")
        batch.drop_column("party_id")
        batch.drop_column("direction")
    op.drop_table("access_attempts")
    op.drop_table("party_sessions")
    op.drop_index(op.f("ix_signin_codes_email_created_at"), "signin_codes")
    op.drop_table("signin_codes")
    op.drop_index(op.f("ix_access_codes_case_id"), "access_codes")
    op.drop_table("access_codes")
