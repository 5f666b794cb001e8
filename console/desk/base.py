"""What every desk method shares: the store, today, the scope check and the case's JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from casestore import CaseWork, Store, Tx
from console.access import OUT_OF_SCOPE, Action, Staff, authorize
from console.desk.casefile import Json, case_json
from console.desk.notices import DEFAULT_PUBLIC_URL
from locales import translator
from statemachine.errors import NotFoundError
from statemachine.text import t


class DeskBase:
    """The desk's store and clock, and the checks its methods start with.

    Args:
        store: the case store.
        clock: gives today (tests freeze it).
        public_url: where parties reach the service (``NAEVN_PUBLIC_URL``): the letters and
            notices send them to its case page, ``<public_url>/mine``.
    """

    def __init__(
        self,
        store: Store,
        clock: Callable[[], date],
        *,
        public_url: str = DEFAULT_PUBLIC_URL,
    ) -> None:
        self._store = store
        self._clock = clock
        self._public_url = public_url.rstrip("/")

    def _scope(
        self, tx: Tx, staff: Staff, number: str, action: Action, *, step: str | None = None
    ) -> tuple[int, str, str, int]:
        """The case's (id, tribunal, status, version), once the caller may do ``action``.

        Raises:
            NotFoundError: no such case, or not in the caller's tribunals (the same answer).
            AccessError: the role may not.
        """
        try:
            scope = tx.case_scope(number)
        except NotFoundError:
            raise NotFoundError(t(OUT_OF_SCOPE, number=number)) from None
        # A board member reaches only the cases on their tribunals' meetings' agendas.
        board = staff.role == "board_member" and tx.on_board_agenda(scope[0], staff.tribunals)
        authorize(staff, action, scope[1], number=number, step=step, on_agenda=board)
        return scope

    def _case_json(self, tx: Tx, staff: Staff, work: CaseWork, lang: str) -> Json:
        """The whole case for ``staff``, its audit trail's staff named from ``tx``."""
        names: dict[int, str] = {}

        def name_of(staff_id: int) -> str:
            if staff_id not in names:
                try:
                    names[staff_id] = tx.get_staff(staff_id).name
                except NotFoundError:
                    names[staff_id] = f"#{staff_id}"
            return names[staff_id]

        return case_json(work, staff, self._clock(), translator(lang), name_of)
