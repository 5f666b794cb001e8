"""The staff slice's typed app keys, which the app factory (``naevn/web/app.py``) fills in.

They live in the slice because ``console`` must not import ``naevn`` (nor ``assistant``,
whose keys are its own).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final, Protocol, TypeVar

from aiohttp import web

from console.desk import Desk

T = TypeVar("T")


class Offload(Protocol):
    """Runs a blocking store call: on the event loop for SQLite, in a worker thread otherwise."""

    def __call__(self, call: Callable[[], T], /) -> Awaitable[T]:
        """Run ``call`` and give its result."""
        ...


DESK: Final = web.AppKey("staff_desk", Desk)
"""The staff service layer, over the store the app opened."""
STAFF_OFFLOAD: Final = web.AppKey("staff_offload", Offload)
"""How the staff views run a blocking desk call (see :class:`Offload`)."""
PUBLIC_URL: Final = web.AppKey("staff_public_url", str)
"""Where parties reach the service (``NAEVN_PUBLIC_URL``): the desk's letters and notices send
them to ``<public_url>/mine``."""
