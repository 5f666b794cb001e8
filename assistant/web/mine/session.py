"""Mine sager's sign-in cookie, the client a rate limit counts, and the service of the app.

The cookie holds the sign-in's bearer token only (never in a URL), ``HttpOnly;
SameSite=Strict; Path=/`` and ``Secure`` over HTTPS, as the chat's cookies are.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from aiohttp import web

from assistant.api.keys import CONVERSATION
from assistant.service.mine import Mine

COOKIE: Final = "naevn_mine"
"""The cookie that holds a Mine sager sign-in's token."""
_MINE: Final = web.AppKey("mine", Mine)
"""The app's Mine sager service, over the conversation's store (made at startup)."""


async def start(app: web.Application) -> None:
    """Make the app's Mine sager service once the conversation is on the app (startup)."""
    app[_MINE] = Mine(app[CONVERSATION])


def mine_of(request: web.Request) -> Mine:
    """The app's Mine sager service."""
    return request.app[_MINE]


def token_of(request: web.Request) -> str | None:
    """The sign-in token the browser holds, if any."""
    value = request.cookies.get(COOKIE, "")
    return value if 0 < len(value) <= 100 else None


def sign_in(
    request: web.Request, response: web.StreamResponse, token: str, until: datetime
) -> None:
    """Give the browser its sign-in until ``until``."""
    seconds = max(1, int((until - datetime.now(UTC)).total_seconds()))
    _set(request, response, token, seconds)


def sign_out(request: web.Request, response: web.StreamResponse) -> None:
    """Take the sign-in off the browser."""
    _set(request, response, "", 0)


def client_of(request: web.Request) -> str:
    """Who a rate limit counts: the client's address."""
    return request.remote or "unknown"


def _set(request: web.Request, response: web.StreamResponse, value: str, max_age: int) -> None:
    response.set_cookie(
        COOKIE,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=request.secure or None,
    )
