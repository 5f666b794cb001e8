"""What every group of the transaction's queries shares: the connection, the clock, the mode."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection

from statemachine.errors import StoreError


class TxBase:
    """The state of one transaction; :class:`casestore.repository.Tx` sets it, and the query
    mixins (staffing, queue, casework, outbox) use it."""

    _conn: Connection
    _now: Callable[[], datetime]
    _writable: bool
    _mailed: bool = False
    """Whether this transaction queued mail, so the store tells its listeners once it commits
    (:meth:`casestore.store.Store.on_mail_queued`)."""

    @property
    def queued_mail(self) -> bool:
        """Whether this transaction queued mail, or made a dead letter due again."""
        return self._mailed

    def _need_write(self) -> None:
        if not self._writable:
            raise StoreError("A read-only transaction cannot write; use Store.begin().")
