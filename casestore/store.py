"""The store: one engine and one blob directory, handing out one transaction at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic.util import CommandError
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from casestore.blobs import BlobStore
from casestore.drafting import DraftTransaction
from casestore.engine import READ_ONLY, make_engine
from casestore.failures import translated
from casestore.migrate import ensure_current
from casestore.records import DraftRow
from casestore.repository import Tx
from casestore.sqlite_drafts import SqliteDrafts
from statemachine.errors import NotFoundError, StoreError

Clock = Callable[[], datetime]
"""Gives the current time, timezone-aware."""

Listener = Callable[[], None]
"""Called after a commit that queued mail, in the thread that committed; it must not block."""


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


class Store:
    """The case store: open it once per process, then do all work inside :meth:`begin`."""

    def __init__(self, engine: Engine, blobs: BlobStore, url: str, clock: Clock) -> None:
        """Wrap an engine; use :meth:`open` instead, which also migrates."""
        self._engine = engine
        self.blobs = blobs
        """The attachment content, addressed by sha256."""
        self.url = url
        """The database URL the store was opened with."""
        self._clock = clock
        database = engine.url.database
        on_file = (
            engine.url.get_backend_name() == "sqlite"
            and bool(database)
            and database != ":memory:"
            and not str(database).startswith("file:")
        )
        self._drafts = SqliteDrafts(str(database), clock) if on_file else None
        # Replaced whole, never changed in place: a commit in a worker thread reads it while
        # the event loop may be adding or removing one.
        self._mail_listeners: tuple[Listener, ...] = ()

    @classmethod
    def open(cls, url: str, blob_dir: Path, *, clock: Clock = utc_now) -> Store:
        """Open the store at ``url``, creating and migrating the database if needed.

        Args:
            url: a SQLAlchemy URL, e.g. ``sqlite:///var/naevn.db``.
            blob_dir: where attachment content is kept.
            clock: the time source for created/updated stamps (tests pass a fixed one).

        Raises:
            StoreError: the database cannot be reached or migrated.
        """
        engine = make_engine(url)
        try:
            ensure_current(engine)
        except (DBAPIError, CommandError) as exc:
            engine.dispose()
            raise StoreError(f"Cannot open the case store at {engine.url!r}: {exc}") from exc
        return cls(engine, BlobStore(blob_dir), url, clock)

    @contextmanager
    def begin(self) -> Iterator[Tx]:
        """One read-write transaction: committed on normal exit, rolled back on an exception.

        Raises:
            ConflictError: a uniqueness rule was broken.
            StoreError: the database failed (e.g. stayed locked past the busy timeout).
        """
        with translated(), self._engine.begin() as connection:
            tx = Tx(connection, self.blobs, self._clock, writable=True)
            yield tx
        if tx.queued_mail:
            for listener in self._mail_listeners:
                listener()

    def on_mail_queued(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after each transaction of this store that queued mail commits.

        This is how the delivery worker of the same process sends new mail at once instead
        of at its next poll; mail queued by another process is found by the poll only.

        Args:
            listener: called in the committing thread, after the commit; it must not block
                or raise (a worker on an event loop hands itself the news thread-safely).

        Returns:
            A function that stops the calls.
        """
        self._mail_listeners = (*self._mail_listeners, listener)

        def stop() -> None:
            self._mail_listeners = tuple(x for x in self._mail_listeners if x is not listener)

        return stop

    @contextmanager
    def read(self) -> Iterator[Tx]:
        """One read-only transaction; on SQLite it does not take the write lock.

        Raises:
            StoreError: the database failed, or a write was attempted.
        """
        with translated(), self._engine.connect() as connection:
            connection.execution_options(**READ_ONLY)
            with connection.begin():
                yield Tx(connection, self.blobs, self._clock, writable=False)

    def draft_transaction(self) -> AbstractContextManager[DraftTransaction]:
        """One read-write transaction for a dialogue turn that only moves its draft.

        On a SQLite file this is the driver-level fast path (``casestore/sqlite_drafts.py``);
        elsewhere it is an ordinary :meth:`begin`. A turn that records files or files the
        case uses :meth:`begin` instead, chosen before either opens.

        Raises:
            StoreError: the database failed or stayed locked.
        """
        if self._drafts is None:
            return self.begin()
        return self._drafts.transaction()

    @property
    def fast_drafts(self) -> bool:
        """Whether :meth:`draft_transaction` is a faster path of its own (a SQLite file), so
        choosing it over :meth:`begin` is worth a look at the draft (:meth:`draft_state`)."""
        return self._drafts is not None

    def draft_state(self, draft_id: str) -> str | None:
        """The state a draft is at now, or None if there is no such draft.

        Read outside any transaction (on a SQLite file, one statement on the driver): a hint
        for choosing between :meth:`draft_transaction` and :meth:`begin`, which may be out of
        date by the time either opens.

        Raises:
            StoreError: the database failed.
        """
        if self._drafts is not None:
            return self._drafts.state_of(draft_id)
        try:
            with self.read() as tx:
                return tx.load_draft(draft_id).state
        except NotFoundError:
            return None

    def draft(self, draft_id: str) -> DraftRow:
        """A draft as it is now, read alone (on a SQLite file, one statement on the driver;
        elsewhere a read transaction).

        Raises:
            NotFoundError: no such draft.
            StoreError: the database failed.
        """
        if self._drafts is not None:
            return self._drafts.draft(draft_id)
        with self.read() as tx:
            return tx.load_draft(draft_id)

    @property
    def embedded(self) -> bool:
        """Whether the database is SQLite, in this process (else a server such as PostgreSQL).

        Work on an embedded store is a few hundred microseconds of CPU with nothing to wait
        for, so the service runs it on its event loop; on a server it waits on the network,
        so the service runs it in worker threads.
        """
        return self._engine.url.get_backend_name() == "sqlite"

    def ping(self) -> None:
        """Check that the database answers.

        Raises:
            StoreError: it does not.
        """
        with translated(), self._engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def close(self) -> None:
        """Close every pooled connection. The store cannot be used afterwards."""
        if self._drafts is not None:
            self._drafts.close()
        self._engine.dispose()
