"""A case for the authority's records system (ESDH): ``GET /cases/{number}/export``.

The ZIP is :mod:`casestore.export`'s: ``case.json`` (canonical ids, no labels) and the case's
documents. Reading it is an access to all of a case's personal data, so the caller must be of
the case's tribunal and in a role that may export (not a board member), and each export is a
``case.exported`` line in the case's audit trail, written before any byte is sent.
"""

from __future__ import annotations

from collections.abc import Generator

from casestore.export import Export, zip_chunks
from console.access import Staff
from console.desk.base import DeskBase


class Exports(DeskBase):
    """The desk's export of a case (see :class:`console.desk.Desk`)."""

    def export(self, staff: Staff, number: str) -> Export:
        """The case read for export, its export noted in the audit trail.

        Raises:
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the caller's role may not export (a board member).
        """
        with self._store.begin() as tx:
            self._scope(tx, staff, number, "export")
            found = tx.export_case(number)
            tx.record_export(number, actor=staff.actor, data={"files": len(found.files)})
        return found

    def export_chunks(self, found: Export) -> Generator[bytes, None, None]:
        """The ZIP of an export :meth:`export` gave, in chunks as it is written (the files
        are read from the blob store as the chunks are asked for)."""
        return zip_chunks(found, self._store.blobs)
