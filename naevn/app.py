"""The aiohttp application: the slices' routes mounted behind request ids, errors and limits.

Middlewares, outermost first:

1. request id: every response carries ``X-Request-Id`` and every log line written while
   handling the request names it;
2. errors: a :class:`NaevnError` becomes ``{"error": {"code", "message"}}`` with its status, in
   the filer's language; anything unexpected is logged and becomes a plain 500;
3. rate limit: per client address, 429 with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import re
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final, TypeVar

from aiohttp import web
from aiohttp.typedefs import Middleware

from assistant import api
from assistant.conversation import Conversation
from locales import LANGUAGES, translator
from naevn.limits import Rate, RateLimiter
from naevn.weblog import REQUEST_ID
from statemachine.errors import NaevnError, RateLimitError, StoreError
from statemachine.text import N_, Text, t

T = TypeVar("T")

log = logging.getLogger("naevn.service")

MAX_JSON_BODY: Final = 256 * 1024
"""The largest JSON request body (256 KiB): many pages of typed text. Files go to the
attachments endpoint, which streams them under its own limits."""

WORKERS: Final = 4
"""Worker threads for store calls on a database server (PostgreSQL). More only contend for the
GIL: 2–4 measured 20–35% faster than 16 (bench/README.md)."""

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

UNEXPECTED = N_(
    "Something went wrong on our side, and nothing was changed. Please try again in a moment."
)
SLOW_DOWN = N_("Too many requests in a short time. Please wait {seconds} seconds and try again.")


def make_app(
    conversation: Conversation, *, rates: dict[str, Rate] | None = None
) -> web.Application:
    """The service's aiohttp application over one conversation service.

    Args:
        conversation: the dialogue over the store this process serves from.
        rates: per-client rate limits by kind of request (see :mod:`naevn.limits`); none if
            omitted.
    """
    limiter = RateLimiter(rates or {})
    app = web.Application(
        client_max_size=MAX_JSON_BODY,
        middlewares=[_request_ids, _errors, _rate_limit(limiter)],
    )
    offload = _offloader(app, conversation)
    app[api.CONVERSATION] = conversation
    app[api.OFFLOAD] = offload
    app.router.add_routes(api.routes())
    app.router.add_get("/healthz", _healthz, name="healthz")

    async def close_store(_app: web.Application) -> None:
        conversation.store.close()

    app.on_cleanup.append(close_store)
    return app


def _offloader(app: web.Application, conversation: Conversation) -> api.Offload:
    """How handlers run blocking store calls: inline on SQLite, in threads on a server."""
    if conversation.store.embedded:
        # A turn on SQLite is a few hundred microseconds of CPU; a thread hop would cost more
        # than it saves (design.md, "Performance").
        async def inline(call: Callable[[], T]) -> T:
            return call()

        return inline

    pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="naevn-store")

    async def threaded(call: Callable[[], T]) -> T:
        context = contextvars.copy_context()
        return await asyncio.get_running_loop().run_in_executor(pool, context.run, call)

    async def stop_pool(_app: web.Application) -> None:
        pool.shutdown(wait=True)

    app.on_cleanup.append(stop_pool)
    return threaded


async def _healthz(request: web.Request) -> web.Response:
    """``GET /healthz``: the process is up, and whether the store answers."""
    conversation = request.app[api.CONVERSATION]
    try:
        await request.app[api.OFFLOAD](conversation.store.ping)
    except StoreError:
        log.warning("store unreachable")
        return web.json_response({"status": "unavailable", "store": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "store": "ok"})


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _request_ids(request: web.Request, handler: Handler) -> web.StreamResponse:
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
async def _errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except NaevnError as err:
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
        return _error_response(request, exc.status, code, t(message), None)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("unexpected error", extra={"method": request.method, "path": request.path})
        return _error_response(request, 500, "internal", t(UNEXPECTED), None)


def _rate_limit(limiter: RateLimiter) -> Middleware:
    """A middleware answering 429 once a client has used up its bucket for the route."""

    @web.middleware
    async def limit(request: web.Request, handler: Handler) -> web.StreamResponse:
        route = request.match_info.route.name
        kind = route if route in ("start", "resume") else "api"
        wait = limiter.wait(kind, request.remote or "unknown")
        if wait:
            raise RateLimitError(t(SLOW_DOWN, seconds=wait), retry_after=wait)
        return await handler(request)

    return limit


def _error_response(
    request: web.Request,
    status: int,
    code: str,
    message: Text | str,
    details: dict[str, Any] | None,
) -> web.Response:
    lang = request.get(api.LANG) or _accepted_language(request)
    body: dict[str, Any] = {"error": {"code": code, "message": translator(lang).render(message)}}
    if details:
        body.update(details)
    return web.json_response(body, status=status, dumps=api.dumps)


def _accepted_language(request: web.Request) -> str:
    """The first of our languages the client's Accept-Language names; Danish otherwise."""
    for item in request.headers.get("Accept-Language", "").split(","):
        tag = item.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "da"
