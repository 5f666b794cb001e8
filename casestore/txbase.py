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

    def _need_write(self) -> None:
        if not self._writable:
            raise StoreError("A read-only transaction cannot write; use Store.begin().")
