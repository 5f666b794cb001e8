"""The staff API on the store in this process: :class:`EmbeddedStaffClient` calls the desk.

Each call runs the desk's (blocking) method in a worker thread, so the console's event loop
never waits on the database. The desk checks scope and role exactly as it does for HTTP.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

from console.access import Staff
from console.client import (
    CaseDetail,
    Colleague,
    Document,
    Me,
    QueuePage,
    QueueParams,
    SavedFilter,
)
from console.desk.desk import Desk

P = ParamSpec("P")
R = TypeVar("R")


class EmbeddedStaffClient:
    """The :class:`console.client.StaffClient` of a :class:`console.desk.desk.Desk`."""

    def __init__(self, desk: Desk, staff: Staff, *, lang: str = "da") -> None:
        """Args:
        desk: the staff service layer over the store.
        staff: the signed-in caller (:meth:`sign_in` finds them by token).
        lang: the language labels come back in.
        """
        self.desk = desk
        self.staff = staff
        self.lang = lang

    @classmethod
    def sign_in(cls, desk: Desk, token: str, *, lang: str = "da") -> EmbeddedStaffClient:
        """The client of the staff member ``token`` belongs to.

        Raises:
            AuthenticationError: nobody's token.
            AccessError: a revoked one.
        """
        return cls(desk, desk.sign_in(token), lang=lang)

    async def _run(self, call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        return await asyncio.to_thread(call, *args, **kwargs)

    async def me(self) -> Me:
        """The caller."""
        return cast(Me, await self._run(self.desk.me, self.staff, lang=self.lang))

    async def colleagues(self) -> list[Colleague]:
        """Staff sharing a tribunal with the caller."""
        return cast(list[Colleague], (await self._run(self.desk.colleagues, self.staff))["staff"])

    async def queue(self, params: QueueParams) -> QueuePage:
        """One page of the queue."""
        query: dict[str, Any] = {k: str(v) for k, v in params.items() if v not in ("", None)}
        return cast(QueuePage, await self._run(self.desk.queue, self.staff, query, lang=self.lang))

    async def case(self, number: str) -> CaseDetail:
        """The whole case."""
        return cast(CaseDetail, await self._run(self.desk.case, self.staff, number, lang=self.lang))

    async def attachment(self, number: str, attachment_id: str) -> Document:
        """A document's content, type and file name."""
        found = await self._run(self.desk.document, self.staff, number, attachment_id)
        content = await asyncio.to_thread(found.path.read_bytes)
        return Document(content, found.media_type, found.filename)

    async def filters(self) -> list[SavedFilter]:
        """The caller's saved filters."""
        return cast(list[SavedFilter], (await self._run(self.desk.filters, self.staff))["filters"])

    async def save_filter(self, name: str, query: QueueParams) -> SavedFilter:
        """Save or replace a named filter."""
        saved = await self._run(self.desk.save_filter, self.staff, name, dict(query))
        return cast(SavedFilter, saved)

    async def delete_filter(self, name: str) -> None:
        """Delete a saved filter."""
        await self._run(self.desk.delete_filter, self.staff, name)
