"""The service's middlewares, outermost first: security headers, request ids, errors, rate limits.

0. :func:`security_headers`: every response, error pages included, carries the
   Content-Security-Policy (no inline script or style, no other hosts, no framing),
   ``X-Content-Type-Options`` and ``Referrer-Policy``;
1. :func:`request_ids`: every response carries ``X-Request-Id`` and every log line written
   while handling the request names it;
2. :func:`errors`: a :class:`NaevnError` becomes ``{"error": {"code", "message"}}`` with its
   status, in the filer's language; a client that hung up mid-request is logged as a
   disconnect; anything else unexpected is logged and becomes a plain 500;
3. :func:`rate_limit`: per client address, 429 with ``Retry-After``.

Outside them all, :func:`naevn.web.forwarded.real_client` gives a request that came through a
trusted reverse proxy its client's own address and scheme.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Final

from aiohttp import web

from assistant.api.keys import LANG
from assistant.api.views import dumps
from assistant.web.keys import PAGE_ERROR
from locales import LANGUAGES, translator
from naevn.web.keys import LIMITER
from naevn.web.weblog import REQUEST_ID
from statemachine.errors import NaevnError, RateLimitError
from statemachine.text import N_, Text, t

log = logging.getLogger("naevn.service")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
"""A request id a client (or proxy) may choose; anything else is replaced by our own."""

_HTTP_ERRORS: Final[dict[int, tuple[str, str]]] = {
    400: ("bad_request", N_("The request could not be read.")),
    404: ("not_found", N_("There is nothing at this address.")),
    405: ("method_not_allowed", N_("This address does not accept that kind of request.")),
    413: (
        "too_large",
        N_("The request is too large. Send files one at a time to the attachments address."),
    ),
}
"""aiohttp's own refusals, as our error codes and plain messages."""

_LIMITED_APART: Final = {
    "start": "start",
    "resume": "resume",
    "web_start": "start",
    "web_resume": "resume",
}
"""Routes with a rate of their own (see :func:`naevn.web.limits.default_rates`), the pages'
start and resume counted with the API's; every other route counts as ``api``."""

SECURITY_HEADERS: Final[dict[str, str]] = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
"""The headers every response carries (issue 11, "Security in the browser")."""

UNEXPECTED = N_(
    "Something went wrong on our side, and nothing was changed. Please try again in a moment."
)
SLOW_DOWN = N_("Too many requests in a short time. Please wait {seconds} seconds and try again.")


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Put :data:`SECURITY_HEADERS` on every response, and on redirects and refusals too."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        exc.headers.update(SECURITY_HEADERS)
        raise
    response.headers.update(SECURITY_HEADERS)
    return response


@web.middleware
async def request_ids(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Tag the request and its log lines with an id (the client's, if it is sane)."""
    given = request.headers.get("X-Request-Id", "")
    request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    token = REQUEST_ID.set(request_id)
    try:
        response = await handler(request)
    finally:
        REQUEST_ID.reset(token)
    response.headers["X-Request-Id"] = request_id
    return response


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn what a handler raises into a JSON error body with the right status."""
    try:
        return await handler(request)
    except NaevnError as err:
        if err.lang is not None:
            request[LANG] = err.lang
        response = _error_response(request, err.status, err.code, err.message, err.details)
        if isinstance(err, RateLimitError):
            response.headers["Retry-After"] = str(err.retry_after)
        if err.status >= 500:
            log.warning("store failed", extra={"error": str(err), "status": err.status})
        return response
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code, message = _HTTP_ERRORS.get(exc.status, _HTTP_ERRORS[400])
        page = request.app.get(PAGE_ERROR)
        if page is not None and _wants_page(request):
            shown: web.StreamResponse = page(request, exc.status, t(message))
            return shown
        return _error_response(request, exc.status, code, t(message), None)
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        where = {"method": request.method, "path": request.path}
        if isinstance(exc, ConnectionError) and _hung_up(request):
            # aiohttp fails the body's read with ConnectionResetError when the client hangs up
            # mid-request: nobody is left to answer, and nothing on our side went wrong.
            log.info("client disconnected", extra=where)
            return web.Response(status=499, reason="Client Closed Request")
        log.exception("unexpected error", extra=where)
        return _error_response(request, 500, "internal", t(UNEXPECTED), None)


def _wants_page(request: web.Request) -> bool:
    """Whether a browser asked for a page (not the API, not a script): a refusal is then
    shown as a page."""
    if request.path.startswith("/api/") or request.path == "/healthz":
        return False
    return "text/html" in request.headers.get("Accept", "")


@web.middleware
async def rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer 429 once a client has used up its bucket for the route.

    Raises:
        RateLimitError: the client must wait (the error middleware writes the 429).
    """
    route = request.match_info.route.name
    kind = _LIMITED_APART.get(route or "", "api")
    wait = request.config_dict[LIMITER].wait(kind, request.remote or "unknown")
    if wait:
        raise RateLimitError(t(SLOW_DOWN, seconds=wait), retry_after=wait)
    return await handler(request)


def _hung_up(request: web.Request) -> bool:
    """Whether the client's connection is gone."""
    transport = request.transport
    return transport is None or transport.is_closing()


def _error_response(
    request: web.Request,
    status: int,
    code: str,
    message: Text | str,
    details: dict[str, Any] | None,
) -> web.Response:
    lang = request.get(LANG) or _accepted_language(request)
    body: dict[str, Any] = {"error": {"code": code, "message": translator(lang).render(message)}}
    if details:
        body.update(details)
    return web.json_response(body, status=status, dumps=dumps)


def _accepted_language(request: web.Request) -> str:
    """The first of our languages the client's Accept-Language names; Danish otherwise."""
    for item in request.headers.get("Accept-Language", "").split(","):
        tag = item.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "da"
