"""Board meetings: meetings, their members and their agenda items (issue 12, part 1).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the meetings, meeting_members and agenda_items tables."""
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tribunal", sa.String(64), nullable=False),
        sa.Column("starts_at", STAMP, nullable=False),
        sa.Column("place", sa.String(400), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("created_by", sa.String(400), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_index(
        op.f("ix_meetings_tribunal_starts_at_id"), "meetings", ["tribunal", "starts_at", "id"]
    )
    op.create_table(
        "meeting_members",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("seat", sa.String(64), nullable=False),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_members_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_meeting_members_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_members")),
        sa.UniqueConstraint("meeting_id", "seat", name=op.f("uq_meeting_members_meeting_id_seat")),
    )
    op.create_table(
        "agenda_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("inspection_at", STAMP, nullable=True),
        sa.Column("place", sa.String(400), nullable=True),
        sa.Column("summoned_at", STAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_agenda_items_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_agenda_items_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
    )
    op.create_index(op.f("ix_agenda_items_case_id"), "agenda_items", ["case_id"])
    op.create_index(
        op.f("ix_agenda_items_meeting_id_position"), "agenda_items", ["meeting_id", "position"]
    )


def downgrade() -> None:
    """Drop the meetings tables."""
    op.drop_index(op.f("ix_agenda_items_meeting_id_position"), table_name="agenda_items")
    op.drop_index(op.f("ix_agenda_items_case_id"), table_name="agenda_items")
    op.drop_table("agenda_items")
    op.drop_table("meeting_members")
    op.drop_index(op.f("ix_meetings_tribunal_starts_at_id"), table_name="meetings")
    op.drop_table("meetings")
