"""The filer slice's typed keys: what the app factory hands the views, and what a view
leaves on a request for the error middleware.

They live in the slice because ``assistant`` must not import ``naevn``; the factory
(``naevn/web/app.py``) fills them in. naevn's own keys are in ``naevn/web/keys.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Final, Protocol, TypeVar

from aiohttp import web

from assistant.service.conversation import Conversation

T = TypeVar("T")


class Offload(Protocol):
    """Runs a blocking store call: on the event loop for SQLite, in a worker thread otherwise."""

    def __call__(self, call: Callable[[], T], /) -> Awaitable[T]:
        """Run ``call`` and give its result."""
        ...


CONVERSATION: Final = web.AppKey("conversation", Conversation)
"""The app's conversation service, over the store the app opened."""
OFFLOAD: Final = web.AppKey("offload", Offload)
"""The app's way to run a blocking store call (see :class:`Offload`)."""

OPENAPI: Final = web.AppKey("openapi", dict[str, Any])
"""The OpenAPI document ``/api/v1/openapi.json`` serves: the factory's, with every slice's
paths (``naevn/web/openapi.py``); without it, the filer API's own."""

LANG: Final = web.RequestKey("lang", str)
"""Request key: the language to answer errors in, once the session's language is known."""
