"""Drafts by e-mail: a draft keeps the filer's e-mail address, so that Mine sager can list an
address's open drafts (issue 11, part 2).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 22:40:00

Open drafts saved before this change get the address from their answers, if they have one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``drafts.email`` with its index, and fill it for the open drafts."""
    op.add_column("drafts", sa.Column("email", sa.String(400), nullable=True))
    op.create_index(op.f("ix_drafts_email"), "drafts", ["email"])
    drafts = sa.table(
        "drafts", sa.column("id", sa.String), sa.column("data"), sa.column("status", sa.String)
    )
    conn = op.get_bind()
    found = conn.execute(sa.select(drafts.c.id, drafts.c.data).where(drafts.c.status == "open"))
    updates = [{"id": i, "email": e} for i, data in found if (e := _email_of(data))]
    if updates:
        conn.execute(sa.text("UPDATE drafts SET email = :email WHERE id = :id"), updates)


def downgrade() -> None:
    """Drop ``drafts.email``."""
    with op.batch_alter_table("drafts") as batch:
        batch.drop_index(op.f("ix_drafts_email"))
        batch.drop_column("email")


def _email_of(data: Any) -> str | None:
    """The address a stored draft's answers give (the intake flow's ``ask_email``)."""
    if isinstance(data, str):
        data = json.loads(data)
    answers = data.get("answers") if isinstance(data, dict) else None
    email = answers.get("ask_email") if isinstance(answers, dict) else None
    if not isinstance(email, str):
        return None
    return email.strip().lower() or None
