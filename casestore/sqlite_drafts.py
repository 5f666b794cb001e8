"""Drafts on a SQLite file straight on the driver: the hot path of a dialogue turn.

A dialogue turn is one read and one update of a draft row. Through SQLAlchemy's execution
layer that costs about 300 µs of bookkeeping around 25 µs of SQLite work (bench/README.md),
so on SQLite a turn that only moves its draft uses its own connection per thread and a few
fixed statements (a :class:`~casestore.drafting.DraftTransaction`). Everything else (uploads,
submission, listings) goes through :class:`casestore.repository.Tx`. The two paths never
nest: the caller picks one before the transaction opens (peeking at the draft's state with
:meth:`SqliteDrafts.state_of` if it must).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from casestore.access import stored_email
from casestore.failures import CONFLICT, NO_DRAFT, NO_FILE, STALE, SUBMITTED, UNAVAILABLE
from casestore.records import AttachmentRow, DraftRow, Reply
from statemachine.errors import ConflictError, NotFoundError, StoreError
from statemachine.text import t

_LOAD = (
    "SELECT id, lang, state, data, version, status, case_number, created_at, updated_at, "
    "token_hash FROM drafts WHERE id = ?"
)
_SAVE = (
    "UPDATE drafts SET state = ?, data = ?, email = ?, version = version + 1, updated_at = ? "
    "WHERE id = ? AND version = ? AND status = 'open'"
)
_STATUS = "SELECT status FROM drafts WHERE id = ?"
_STATE = "SELECT state FROM drafts WHERE id = ?"
_ATTACHMENT = (
    "SELECT id, draft_id, filename, size, sha256, media_type, requirement, created_at "
    "FROM attachments WHERE id = ?"
)
_REPLY = "SELECT request_hash, turn FROM replies WHERE draft_id = ? AND key = ?"
_REMEMBER = (
    "INSERT INTO replies (draft_id, key, request_hash, turn, created_at) VALUES (?, ?, ?, ?, ?)"
)
# Timestamps are stored the way SQLAlchemy's DateTime stores them in SQLite: naive UTC,
# "YYYY-MM-DD HH:MM:SS.ffffff", so both paths read each other's rows.


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""The same JSON text as the store's SQLAlchemy serializer, built once."""


def _dumps(data: Mapping[str, Any]) -> str:
    return _ENCODER.encode(data)


def _stamp(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


class SqliteDraftTransaction:
    """Load and save drafts inside one SQLite transaction (see :meth:`SqliteDrafts.transaction`).

    A :class:`~casestore.drafting.DraftTransaction`.
    """

    def __init__(self, connection: sqlite3.Connection, clock: Callable[[], datetime]) -> None:
        """Wrap a connection whose transaction the caller controls."""
        self._conn = connection
        self._clock = clock

    def load_draft(self, draft_id: str) -> DraftRow:
        """The draft with this id.

        Raises:
            NotFoundError: no such draft.
        """
        row = self._conn.execute(_LOAD, (draft_id,)).fetchone()
        if row is None:
            raise NotFoundError(t(NO_DRAFT))
        return DraftRow(
            row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6],
            _stamp(row[7]), _stamp(row[8]), row[9],
        )  # fmt: skip

    def save_draft(
        self,
        draft_id: str,
        *,
        state: str,
        data: dict[str, Any],
        expected_version: int,
        email: str | None = None,
    ) -> int:
        """Save if nobody saved since ``expected_version``; returns the new version.

        Raises:
            NotFoundError: no such draft.
            ConflictError: the version moved on, or the draft was submitted.
        """
        address = stored_email(email)
        params = (state, _dumps(data), address, self._now(), draft_id, expected_version)
        if self._conn.execute(_SAVE, params).rowcount == 1:
            return expected_version + 1
        status = self._conn.execute(_STATUS, (draft_id,)).fetchone()
        if status is None:
            raise NotFoundError(t(NO_DRAFT))
        message = STALE if status[0] == "open" else SUBMITTED
        raise ConflictError(t(message))

    def attachment(self, attachment_id: str) -> AttachmentRow:
        """The attachment with this id.

        Raises:
            NotFoundError: no such attachment.
        """
        row = self._conn.execute(_ATTACHMENT, (attachment_id,)).fetchone()
        if row is None:
            raise NotFoundError(t(NO_FILE))
        return AttachmentRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6], _stamp(row[7]))

    def find_reply(self, draft_id: str, key: str) -> Reply | None:
        """The reply kept under a client's idempotency key for this draft, if any."""
        row = self._conn.execute(_REPLY, (draft_id, key)).fetchone()
        return None if row is None else Reply(row[0], json.loads(row[1]))

    def remember_reply(self, draft_id: str, key: str, reply: Reply) -> None:
        """Keep a turn's reply under the client's idempotency key.

        Raises:
            ConflictError: a reply is already kept under that key.
        """
        params = (draft_id, key, reply.request_hash, _dumps(reply.turn), self._now())
        try:
            self._conn.execute(_REMEMBER, params)
        except sqlite3.IntegrityError as exc:
            raise ConflictError(t(CONFLICT)) from exc

    def _now(self) -> str:
        return self._clock().astimezone(UTC).isoformat(" ", "microseconds")[:26]


class SqliteDrafts:
    """Draft transactions on a SQLite file, one driver connection per thread."""

    def __init__(self, path: str, clock: Callable[[], datetime]) -> None:
        """Args:
        path: the database file (already created and migrated by the store).
        clock: the time source for ``updated_at``, the store's own.
        """
        self._path = path
        self._clock = clock
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, as the store does.
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=True)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    def transaction(self) -> _Transaction:
        """One write transaction: committed on normal exit, rolled back on an exception.

        Raises:
            StoreError: the database stayed locked past the busy timeout, or failed.
        """
        return _Transaction(self._connection(), self._clock)

    def state_of(self, draft_id: str) -> str | None:
        """The state a draft is at now, or None if there is no such draft.

        Read outside any transaction, so it takes no lock and may be out of date by the time
        a transaction opens: a hint for choosing the path, which the transaction checks.

        Raises:
            StoreError: the database failed.
        """
        try:
            row = self._connection().execute(_STATE, (draft_id,)).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(t(UNAVAILABLE)) from exc
        return None if row is None else str(row[0])

    def draft(self, draft_id: str) -> DraftRow:
        """The draft with this id, read outside any transaction (one statement, which SQLite
        reads in a snapshot of its own).

        Raises:
            NotFoundError: no such draft.
            StoreError: the database failed.
        """
        try:
            return SqliteDraftTransaction(self._connection(), self._clock).load_draft(draft_id)
        except sqlite3.Error as exc:
            raise StoreError(t(UNAVAILABLE)) from exc

    def close(self) -> None:
        """Close this thread's connection, if any."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class _Transaction:
    """The context manager of one draft transaction (a class: it runs on every turn)."""

    __slots__ = ("_clock", "_conn")

    def __init__(self, connection: sqlite3.Connection, clock: Callable[[], datetime]) -> None:
        self._conn = connection
        self._clock = clock

    def __enter__(self) -> SqliteDraftTransaction:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(t(UNAVAILABLE)) from exc
        return SqliteDraftTransaction(self._conn, self._clock)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is not None:
            self._conn.execute("ROLLBACK")
            return
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise StoreError(t(UNAVAILABLE)) from exc
