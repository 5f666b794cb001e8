"""The browser's cookies: the draft sign-in, the CSRF value and the language, set one way.

Every cookie is ``HttpOnly; SameSite=Strict; Path=/``, and ``Secure`` when the request came
over HTTPS. The bearer token lives only in the draft cookie, never in a URL or a page.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from aiohttp import web

from locales import LANGUAGES

DRAFT: Final = "naevn_draft"
"""The cookie that holds the session id, its token and its resume code."""
CSRF: Final = "naevn_csrf"
"""The cookie every form's ``csrf`` field must equal (double submit)."""
LANG: Final = "naevn_lang"
"""The language the filer chose for the pages (``da`` or ``en``)."""
ACCESS: Final = "naevn_access"
"""The filed case's access code for Mine sager, from the answer that filed it to the receipt
page after the redirect (the store keeps only its digest, so no later turn carries it)."""

SIGN_IN: Final = timedelta(minutes=30)
"""How long the draft cookie lasts without activity; every request renews it."""
LANG_DAYS: Final = 365
"""How long the language choice is remembered."""

_SEPARATOR: Final = "."
"""Between the draft cookie's parts: none of session ids, tokens or resume codes has one."""


@dataclass(frozen=True)
class Draft:
    """What the draft cookie holds."""

    session: str
    """The session id."""
    token: str
    """The session's bearer token."""
    code: str
    """The resume code, to show when the filer saves (empty if unknown)."""


def draft_of(request: web.Request) -> Draft | None:
    """The draft sign-in the request carries, or None (absent, expired or malformed)."""
    raw = request.cookies.get(DRAFT, "")
    parts = raw.split(_SEPARATOR)
    if len(parts) != 3 or not parts[0].startswith("s_") or not parts[1]:
        return None
    return Draft(*parts)


def set_draft(request: web.Request, response: web.StreamResponse, draft: Draft) -> datetime:
    """Sign the browser in to ``draft`` for :data:`SIGN_IN` from now; returns when it ends."""
    value = _SEPARATOR.join((draft.session, draft.token, draft.code))
    _set(request, response, DRAFT, value, int(SIGN_IN.total_seconds()))
    return expiry()


def renew(request: web.Request, response: web.StreamResponse) -> datetime | None:
    """Renew the draft sign-in the request carries, if any; returns when it now ends."""
    draft = draft_of(request)
    if draft is None:
        return None
    return set_draft(request, response, draft)


def expiry() -> datetime:
    """When a sign-in renewed now ends."""
    return datetime.now(UTC) + SIGN_IN


def clear_draft(request: web.Request, response: web.StreamResponse) -> None:
    """Sign the browser out of its draft."""
    _set(request, response, DRAFT, "", 0)


def set_access(request: web.Request, response: web.StreamResponse, session: str, code: str) -> None:
    """Keep the access code of the case ``session`` filed, for its receipt page, as long as
    a sign-in lasts."""
    _set(request, response, ACCESS, f"{session}{_SEPARATOR}{code}", int(SIGN_IN.total_seconds()))


def access_of(request: web.Request, session: str) -> str | None:
    """The access code kept for the case ``session`` filed, if any."""
    owner, _, code = request.cookies.get(ACCESS, "").partition(_SEPARATOR)
    return code if owner == session and code else None


def csrf_value(request: web.Request) -> str | None:
    """The CSRF value the browser holds, if any."""
    value = request.cookies.get(CSRF)
    return value if value and len(value) <= 100 else None


def new_csrf() -> str:
    """A fresh random CSRF value."""
    return secrets.token_urlsafe(24)


def set_csrf(request: web.Request, response: web.StreamResponse, value: str) -> None:
    """Give the browser its CSRF value (for as long as the browser runs)."""
    _set(request, response, CSRF, value, None)


def lang_of(request: web.Request) -> str:
    """The pages' language: the filer's choice, else Danish."""
    chosen = request.cookies.get(LANG, "")
    return chosen if chosen in LANGUAGES else "da"


def set_lang(request: web.Request, response: web.StreamResponse, lang: str) -> None:
    """Remember the pages' language."""
    _set(request, response, LANG, lang, LANG_DAYS * 24 * 3600)


def _set(
    request: web.Request,
    response: web.StreamResponse,
    name: str,
    value: str,
    max_age: int | None,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="Strict",
        secure=request.secure or None,
    )
