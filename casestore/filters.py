"""Saved queue filters: each member of staff keeps their own, by name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update

from casestore.caserecords import SavedFilter
from casestore.failures import NO_FILTER, translated
from casestore.models import SAVED_FILTERS
from casestore.txbase import TxBase
from statemachine.errors import NotFoundError
from statemachine.text import t


class SavedFilterQueries(TxBase):
    """Saving, listing and deleting filters (methods of :class:`casestore.Tx`)."""

    def saved_filters(self, staff_id: int) -> list[SavedFilter]:
        """A member of staff's saved filters, by name."""
        stmt = (
            select(SAVED_FILTERS.c.name, SAVED_FILTERS.c.query)
            .where(SAVED_FILTERS.c.staff_id == staff_id)
            .order_by(SAVED_FILTERS.c.name)
        )
        return [SavedFilter(row.name, dict(row.query)) for row in self._conn.execute(stmt)]

    def save_filter(self, staff_id: int, name: str, query: dict[str, Any]) -> SavedFilter:
        """Save a filter under ``name``, replacing the one of that name if there is one.

        Raises:
            ConflictError: a concurrent save of the same name won.
        """
        self._need_write()
        mine = (SAVED_FILTERS.c.staff_id == staff_id, SAVED_FILTERS.c.name == name)
        done = self._conn.execute(update(SAVED_FILTERS).where(*mine).values(query=query))
        if done.rowcount == 0:
            with translated():
                self._conn.execute(
                    insert(SAVED_FILTERS), {"staff_id": staff_id, "name": name, "query": query}
                )
        return SavedFilter(name, dict(query))

    def delete_filter(self, staff_id: int, name: str) -> None:
        """Delete a saved filter.

        Raises:
            NotFoundError: the member of staff has no filter of that name.
        """
        self._need_write()
        done = self._conn.execute(
            delete(SAVED_FILTERS).where(
                SAVED_FILTERS.c.staff_id == staff_id, SAVED_FILTERS.c.name == name
            )
        )
        if done.rowcount == 0:
            raise NotFoundError(t(NO_FILTER, name=name))
