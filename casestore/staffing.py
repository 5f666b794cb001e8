"""Staff: who may sign in to the secretariat's side with which token, and for which tribunals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, insert, select, update

from casestore import rows
from casestore.caserecords import StaffRow
from casestore.failures import NO_STAFF, translated
from casestore.models import EVENTS, STAFF, STAFF_TRIBUNALS
from casestore.txbase import TxBase
from statemachine.errors import NotFoundError
from statemachine.text import t

_STAFF = select(STAFF.c.id, STAFF.c.name, STAFF.c.role, STAFF.c.created_at, STAFF.c.revoked_at)


class StaffQueries(TxBase):
    """Adding, finding and revoking staff (methods of :class:`casestore.Tx`)."""

    def add_staff(
        self, name: str, role: str, tribunals: Sequence[str], token_hash: str
    ) -> StaffRow:
        """Add a member of staff who signs in with the token hashing to ``token_hash``.

        The role and the tribunal codes are the caller's to check.

        Raises:
            ConflictError: the token hash is taken.
        """
        self._need_write()
        now = self._now()
        codes = tuple(sorted(set(tribunals)))
        with translated():
            staff_id = self._conn.execute(
                insert(STAFF).returning(STAFF.c.id),
                {"name": name, "role": role, "token_hash": token_hash, "created_at": now},
            ).scalar_one()
        if codes:
            self._conn.execute(
                insert(STAFF_TRIBUNALS), [{"staff_id": staff_id, "tribunal": c} for c in codes]
            )
        return StaffRow(staff_id, name, role, codes, now, None)

    def list_staff(self, *, tribunals: Sequence[str] | None = None) -> list[StaffRow]:
        """Every member of staff (revoked ones too), in the order they were added.

        Args:
            tribunals: only those who belong to at least one of these tribunals.
        """
        stmt = _STAFF.order_by(STAFF.c.id)
        if tribunals is not None:
            member = select(STAFF_TRIBUNALS.c.staff_id).where(
                STAFF_TRIBUNALS.c.tribunal.in_(list(tribunals))
            )
            stmt = stmt.where(STAFF.c.id.in_(member))
        return self._staff_rows(stmt)

    def staff_by_token(self, token_hash: str) -> StaffRow:
        """The member of staff whose token hashes to ``token_hash``, revoked or not.

        Raises:
            NotFoundError: no such token.
        """
        return self._one_staff(STAFF.c.token_hash == token_hash)

    def get_staff(self, staff_id: int) -> StaffRow:
        """The member of staff with this id.

        Raises:
            NotFoundError: no such member of staff.
        """
        return self._one_staff(STAFF.c.id == staff_id)

    def revoke_staff(self, staff_id: int) -> StaffRow:
        """Stop a member of staff's token from working; revoking twice keeps the first time.

        Raises:
            NotFoundError: no such member of staff.
        """
        self._need_write()
        self._conn.execute(
            update(STAFF)
            .where(STAFF.c.id == staff_id, STAFF.c.revoked_at.is_(None))
            .values(revoked_at=self._now())
        )
        return self.get_staff(staff_id)

    def staff_history(self) -> list[dict[str, Any]]:
        """The audit lines of staff being added and revoked (kinds ``staff.*``), oldest first:
        ``kind``, ``actor``, ``at`` and ``data`` (the staff id, role and tribunals)."""
        found = self._conn.execute(
            select(*rows.EVENT_COLUMNS)
            .where(EVENTS.c.case_id.is_(None), EVENTS.c.kind.startswith("staff."))
            .order_by(EVENTS.c.at, EVENTS.c.id)
        )
        return [rows.jsonable(row._mapping) for row in found]

    def _one_staff(self, where: ColumnElement[bool]) -> StaffRow:
        found = self._staff_rows(_STAFF.where(where))
        if not found:
            raise NotFoundError(t(NO_STAFF))
        return found[0]

    def _staff_rows(self, stmt: Any) -> list[StaffRow]:
        people = self._conn.execute(stmt).all()
        if not people:
            return []
        codes: dict[int, list[str]] = {}
        memberships = select(STAFF_TRIBUNALS.c.staff_id, STAFF_TRIBUNALS.c.tribunal).where(
            STAFF_TRIBUNALS.c.staff_id.in_([p.id for p in people])
        )
        for staff_id, code in self._conn.execute(memberships.order_by(STAFF_TRIBUNALS.c.tribunal)):
            codes.setdefault(staff_id, []).append(code)
        return [
            StaffRow(p.id, p.name, p.role, tuple(codes.get(p.id, ())), p.created_at, p.revoked_at)
            for p in people
        ]
