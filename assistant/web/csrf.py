"""The one CSRF check of every form post (double submit: the form's ``csrf`` equals the cookie)."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from assistant.web.cookies import csrf_value
from statemachine.errors import AccessError
from statemachine.text import N_, t

REFUSED = N_(
    "This form could not be accepted, because it did not come from this page. Nothing was "
    "changed. Go back, reload the page and try again."
)


def check(request: web.Request, form: Mapping[str, Any]) -> None:
    """Refuse a post whose ``csrf`` field is missing or not the browser's CSRF cookie.

    Raises:
        AccessError: the post did not come from one of our pages (a 403 page).
    """
    expected = csrf_value(request)
    given = form.get("csrf", "")
    if not expected or not isinstance(given, str) or not hmac.compare_digest(expected, given):
        raise AccessError(t(REFUSED))
