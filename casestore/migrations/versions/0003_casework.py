"""Casework: staff and their tribunals, the queue's columns and search, notes, messages,
hearings, saved filters and the outbox.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 07:00:00

Existing cases are back-filled with their tribunal, "filer / counterparty", address and search
document, derived the same way ``Tx.submit`` derives them for new cases. SQLite cannot add a
foreign key or a NOT NULL column to a table in place except as ``ADD COLUMN`` with a default,
and copying ``cases`` (batch mode) would trip the foreign keys of its children, so on SQLite
the columns are added with plain ``ALTER TABLE ... ADD COLUMN``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from casestore import rows, search

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON()  # json, not jsonb, on PostgreSQL: as the earlier revisions
STAMP = sa.DateTime(timezone=True)

QUEUE_INDEXES = (
    ("tribunal", "next_deadline", "id"),
    ("tribunal", "filed_at", "id"),
    ("tribunal", "number"),
    ("tribunal", "status", "next_deadline", "id"),
    ("assignee_id", "next_deadline", "id"),
)
"""The queue's indexes on cases: the scoping column first, then one sort's order."""


def _code(name: str, length: int = 64, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    """Create the new tables, add and back-fill the queue's columns, build the search."""
    _create_tables()
    _add_case_columns()
    _backfill()
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("cases", "tribunal", nullable=False)
    for columns in QUEUE_INDEXES:
        op.create_index(op.f(f"ix_cases_{'_'.join(columns)}"), "cases", list(columns))


def _create_tables() -> None:
    op.create_table(
        "staff",
        _id(),
        _code("name", 400),
        _code("role"),
        _code("token_hash"),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("revoked_at", STAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_token_hash")),
    )
    op.create_table(
        "staff_tribunals",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        _code("tribunal"),
        _fk("staff_id", "staff_tribunals", "staff"),
        sa.PrimaryKeyConstraint("staff_id", "tribunal", name=op.f("pk_staff_tribunals")),
    )
    op.create_table(
        "notes",
        _id(),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        _fk("case_id", "notes", "cases"),
        _fk("staff_id", "notes", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    op.create_table(
        "messages",
        _id(),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        _code("recipient"),
        _code("subject", 400),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachments", JSON, nullable=False),
        sa.Column("at", STAMP, nullable=False),
        _fk("case_id", "messages", "cases"),
        _fk("staff_id", "messages", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    op.create_table(
        "hearings",
        _id(),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("started_at", STAMP, nullable=False),
        sa.Column("reply_due", sa.Date(), nullable=False),
        sa.Column("material", JSON, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("replied_at", STAMP, nullable=True),
        _fk("case_id", "hearings", "cases"),
        _fk("party_id", "hearings", "parties"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hearings")),
    )
    op.create_table(
        "outbox",
        _id(),
        sa.Column("case_id", sa.Integer(), nullable=True),
        _code("kind"),
        _code("recipient", 400),
        _code("recipient_name", 400),
        _code("subject", 400),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachments", JSON, nullable=False),
        _code("lang"),
        _code("state"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", STAMP, nullable=False),
        _code("claimed_by", 120, nullable=True),
        sa.Column("claimed_until", STAMP, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("sent_at", STAMP, nullable=True),
        _fk("case_id", "outbox", "cases"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_table(
        "saved_filters",
        _id(),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        _code("name", 400),
        sa.Column("query", JSON, nullable=False),
        _fk("staff_id", "saved_filters", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_filters")),
        sa.UniqueConstraint("staff_id", "name", name=op.f("uq_saved_filters_staff_id_name")),
    )
    for table in ("notes", "messages", "hearings", "outbox"):
        op.create_index(op.f(f"ix_{table}_case_id"), table, ["case_id"])
    op.create_index(op.f("ix_outbox_state_next_attempt_at"), "outbox", ["state", "next_attempt_at"])


def _add_case_columns() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for ddl in (
            "tribunal VARCHAR(64) NOT NULL DEFAULT ''",
            "version INTEGER NOT NULL DEFAULT 1",
            "assignee_id INTEGER CONSTRAINT fk_cases_assignee_id_staff REFERENCES staff (id)",
            "next_deadline DATE",
            "next_rule VARCHAR(120)",
            "parties_label VARCHAR(400) NOT NULL DEFAULT ''",
            "address VARCHAR(400) NOT NULL DEFAULT ''",
            "status_at DATETIME",
        ):
            op.execute(f"ALTER TABLE cases ADD COLUMN {ddl}")
        op.execute(
            f"CREATE VIRTUAL TABLE {search.SEARCH_TABLE} USING fts5("
            "number, parties, address, words, "
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
        )
        return
    op.add_column("cases", _code("tribunal", nullable=True))
    op.add_column("cases", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.add_column("cases", sa.Column("assignee_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        op.f("fk_cases_assignee_id_staff"), "cases", "staff", ["assignee_id"], ["id"]
    )
    op.add_column("cases", sa.Column("next_deadline", sa.Date(), nullable=True))
    op.add_column("cases", _code("next_rule", 120, nullable=True))
    op.add_column(
        "cases", sa.Column("parties_label", sa.String(400), server_default="", nullable=False)
    )
    op.add_column("cases", sa.Column("address", sa.String(400), server_default="", nullable=False))
    op.add_column("cases", sa.Column("status_at", STAMP, nullable=True))
    op.execute(f"ALTER TABLE cases ADD COLUMN {search.SEARCH_VECTOR} tsvector")
    op.execute(f"CREATE INDEX {search.SEARCH_INDEX} ON cases USING gin ({search.SEARCH_VECTOR})")


def _backfill() -> None:
    """Give every existing case its derived columns and search document."""
    connection = op.get_bind()
    cases = sa.table(
        "cases",
        sa.column("id", sa.Integer()),
        sa.column("number", sa.String()),
        sa.column("housing", sa.String()),
        sa.column("municipality_code", sa.Integer()),
        sa.column("answers", JSON),
        sa.column("tribunal", sa.String()),
        sa.column("parties_label", sa.String()),
        sa.column("address", sa.String()),
    )
    parties = sa.table(
        "parties",
        sa.column("case_id", sa.Integer()),
        sa.column("id", sa.Integer()),
        sa.column("role", sa.String()),
        sa.column("name", sa.String()),
    )
    named: dict[int, list[tuple[str, str]]] = {}
    for party in connection.execute(sa.select(parties).order_by(parties.c.case_id, parties.c.id)):
        named.setdefault(party.case_id, []).append((party.role, party.name))
    select = sa.select(cases.c.id, cases.c.number, cases.c.housing, cases.c.municipality_code,
                       cases.c.answers)  # fmt: skip
    fill = (
        sa.update(cases)
        .where(cases.c.id == sa.bindparam("p_id"))
        .values(
            tribunal=sa.bindparam("tribunal"),
            parties_label=sa.bindparam("parties_label"),
            address=sa.bindparam("address"),
        )
    )
    for case in connection.execute(select).all():
        who = named.get(case.id, [])
        facts = rows.case_facts(case.housing, case.municipality_code, case.answers or {}, who)
        connection.execute(fill, {"p_id": case.id, **facts})
        doc = search.document(
            case.number, [name for _, name in who], facts["address"], case.answers or {}
        )
        if connection.dialect.name == "sqlite":
            # The text index as this revision makes it (0004 adds the tribunal column).
            connection.execute(
                sa.text(
                    f"INSERT INTO {search.SEARCH_TABLE} (rowid, number, parties, address, words) "
                    "VALUES (:id, :number, :parties, :address, :words)"
                ),
                {
                    "id": case.id,
                    "number": doc.number,
                    "parties": doc.parties,
                    "address": doc.address,
                    "words": doc.words,
                },
            )
        else:
            search.index(connection, case.id, doc)


def downgrade() -> None:
    """Drop what the upgrade made; the secretariat's work on cases is lost."""
    for columns in QUEUE_INDEXES:
        op.drop_index(op.f(f"ix_cases_{'_'.join(columns)}"), "cases")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE {search.SEARCH_TABLE}")
    else:
        op.drop_index(search.SEARCH_INDEX, "cases")
        op.drop_column("cases", search.SEARCH_VECTOR)
        op.drop_constraint(op.f("fk_cases_assignee_id_staff"), "cases", type_="foreignkey")
    with op.batch_alter_table("cases") as batch:
        for column in ("status_at", "address", "parties_label", "next_rule", "next_deadline",
                       "assignee_id", "version", "tribunal"):  # fmt: skip
            batch.drop_column(column)
    for table in ("saved_filters", "outbox", "hearings", "messages", "notes", "staff_tribunals",
                  "staff"):  # fmt: skip
        op.drop_table(table)
