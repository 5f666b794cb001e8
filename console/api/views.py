"""The staff API's handlers: read the request, sign the caller in, hand the work to the desk.

Each view checks the request's shape (the bearer token, the JSON body's fields), signs the
caller in with :meth:`console.desk.Desk.sign_in` and calls one desk method, which checks scope
and role (:mod:`console.access`) before it changes anything. Errors are
:class:`statemachine.errors.NaevnError`; the service's middleware writes them as
``{"error": {"code", "message"}}`` in the caller's language, which every view names on the
error it lets through.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any, Final, TypeVar
from urllib.parse import quote

from aiohttp import web

from console.access import Staff
from console.api.bodies import (
    BAD_FIELD,
    LARGEST_ID,
    NO_FIELD,
    body_of,
    ids_field,
    int_field,
    only,
    staff_ref,
    text_field,
)
from console.api.keys import DESK, STAFF_OFFLOAD
from console.desk import Desk
from locales import LANGUAGES
from statemachine.errors import (
    AuthenticationError,
    InvalidInputError,
    NaevnError,
    NotFoundError,
)
from statemachine.text import N_, t

T = TypeVar("T")
View = Callable[[web.Request], Awaitable[web.StreamResponse]]

_TOKEN: Final = re.compile(r"[\x21-\x7e]{1,200}")
"""A bearer token as a client may send it: visible ASCII (ours are url-safe base64)."""
_ATTACHMENT: Final = re.compile(r"a_[A-Za-z0-9_-]{1,64}")
"""An attachment id as the service makes them."""
_MAIL_ID: Final = re.compile(r"[1-9][0-9]{0,9}")
"""A mail's id in the outbox."""

NO_TOKEN = N_(
    "This request needs a staff token, sent as 'Authorization: Bearer <token>'. Ask your "
    "administrator for one (naevn staff add)."
)
BAD_LANG = N_("Choose the language da (Danish) or en (English).")
TWICE = N_("Give each filter once.")
NO_DOCUMENT = N_("This case has no document {id}.")
NO_MAIL = N_("There is no queued mail with the number {id}.")


def view(handler: View) -> View:
    """Name the caller's language on any error the handler lets through, so the middleware
    answers in it (``?lang=`` counts as well as ``Accept-Language``)."""

    @functools.wraps(handler)
    async def answered(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except NaevnError as err:
            if err.lang is None:
                err.lang = language(request, strict=False)
            raise

    return answered


@view
async def me(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/me``: who the token is."""
    desk, staff, lang = await _caller(request)
    return _json(await _run(request, lambda: desk.me(staff, lang=lang)))


@view
async def colleagues(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/staff``: the staff sharing a tribunal with the caller."""
    desk, staff, _ = await _caller(request)
    return _json(await _run(request, lambda: desk.colleagues(staff)))


@view
async def queue(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/cases``: one page of the queue."""
    desk, staff, lang = await _caller(request)
    params = {k: v for k, v in request.query.items() if k != "lang"}
    if len(params) != len([k for k in request.query if k != "lang"]):
        raise InvalidInputError(t(TWICE))
    return _json(await _run(request, lambda: desk.queue(staff, params, lang=lang)))


@view
async def case(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/cases/{number}``: the whole case."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    return _json(await _run(request, lambda: desk.case(staff, number, lang=lang)))


@view
async def document(request: web.Request) -> web.StreamResponse:
    """``GET /api/v1/staff/cases/{number}/attachments/{attachment}``: a document's bytes."""
    desk, staff, _ = await _caller(request)
    number, attachment = request.match_info["number"], request.match_info["attachment"]
    if not _ATTACHMENT.fullmatch(attachment):
        raise NotFoundError(t(NO_DOCUMENT, id=attachment))
    found = await _run(request, lambda: desk.document(staff, number, attachment))
    ascii_name = (
        "".join(
            c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in found.filename
        )
        or "document"
    )
    headers = {
        "Content-Type": found.media_type,
        "Content-Disposition": (
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(found.filename)}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
    return web.FileResponse(found.path, headers=headers)


@view
async def step(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/cases/{number}/steps``: a lifecycle step."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"step": "request_fee", "version": 1}')
    name = text_field(body, "step", required=True)
    version = int_field(body, "version", required=True)
    reason, text = text_field(body, "reason"), text_field(body, "text")
    only(body, "step", "version", "reason", "text")
    return _json(
        await _run(
            request,
            lambda: desk.step(
                staff,
                number,
                name or "",
                version=version or 0,
                reason=reason,
                text=text,
                lang=lang,
            ),
        )
    )


@view
async def assign(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/cases/{number}/assign``: assign one case."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"staff": "me", "version": 1}')
    if "staff" not in body:
        raise InvalidInputError(t(NO_FIELD, name="staff"))
    target = staff_ref(body["staff"], nullable=True)
    version = int_field(body, "version")
    only(body, "staff", "version")
    return _json(
        await _run(request, lambda: desk.assign(staff, number, target, version=version, lang=lang))
    )


@view
async def bulk_assign(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/assign``: assign several cases."""
    desk, staff, lang = await _caller(request)
    body = await body_of(request, '{"cases": ["101-10001"], "staff": "me"}')
    numbers = body.get("cases")
    if (
        not isinstance(numbers, list)
        or not 0 < len(numbers) <= 500
        or not all(isinstance(n, str) for n in numbers)
    ):
        raise InvalidInputError(t(BAD_FIELD, name="cases", kind=t("a list of 1 to 500 numbers")))
    target = staff_ref(body.get("staff"), nullable=False)
    only(body, "cases", "staff")
    assert target is not None
    return _json(await _run(request, lambda: desk.bulk_assign(staff, numbers, target, lang=lang)))


@view
async def note(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/cases/{number}/notes``: an internal note."""
    desk, staff, _ = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"text": "Called the landlord."}')
    text = text_field(body, "text", required=True) or ""
    only(body, "text")
    return _json(await _run(request, lambda: desk.add_note(staff, number, text)), status=201)


@view
async def message(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/cases/{number}/messages``: a message to one party or all."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"to": "all", "subject": "...", "body": "..."}')
    to = text_field(body, "to", required=True) or ""
    subject = text_field(body, "subject", required=True) or ""
    text = text_field(body, "body", required=True) or ""
    attachments = ids_field(body, "attachments")
    only(body, "to", "subject", "body", "attachments")
    sent = await _run(
        request,
        lambda: desk.send_message(
            staff, number, to=to, subject=subject, body=text, attachments=attachments, lang=lang
        ),
    )
    return _json(sent, status=201)


@view
async def hearing(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/cases/{number}/hearing``: start a hearing."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"material": [], "version": 1}')
    version = int_field(body, "version", required=True) or 0
    party = int_field(body, "party")
    reply_days = int_field(body, "reply_days")
    note_text = text_field(body, "note")
    material = ids_field(body, "material")
    only(body, "party", "material", "reply_days", "note", "version")
    return _json(
        await _run(
            request,
            lambda: desk.start_hearing(
                staff,
                number,
                version=version,
                party=party,
                material=material,
                reply_days=reply_days,
                note=note_text,
                lang=lang,
            ),
        )
    )


@view
async def filters(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/filters``: the caller's saved filters."""
    desk, staff, _ = await _caller(request)
    return _json(await _run(request, lambda: desk.filters(staff)))


@view
async def save_filter(request: web.Request) -> web.Response:
    """``PUT /api/v1/staff/filters/{name}``: save a filter under a name."""
    desk, staff, _ = await _caller(request)
    name = request.match_info["name"]
    body = await body_of(request, '{"query": {"status": "submitted"}}')
    query = body.get("query")
    if not isinstance(query, dict):
        raise InvalidInputError(t(BAD_FIELD, name="query", kind=t("an object of queue filters")))
    only(body, "query")
    return _json(await _run(request, lambda: desk.save_filter(staff, name, query)))


@view
async def delete_filter(request: web.Request) -> web.Response:
    """``DELETE /api/v1/staff/filters/{name}``: delete a saved filter."""
    desk, staff, _ = await _caller(request)
    name = request.match_info["name"]
    await _run(request, lambda: desk.delete_filter(staff, name))
    return web.Response(status=204)


@view
async def outbox(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/outbox``: queued mail by state (dead letters by default)."""
    desk, staff, _ = await _caller(request)
    state = request.query.get("state", "dead")
    return _json(await _run(request, lambda: desk.outbox(staff, state)))


@view
async def retry(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/outbox/{id}/retry``: send a dead letter again."""
    desk, staff, _ = await _caller(request)
    raw = request.match_info["id"]
    if not _MAIL_ID.fullmatch(raw) or int(raw) > LARGEST_ID:
        raise NotFoundError(t(NO_MAIL, id=raw))
    return _json(await _run(request, lambda: desk.retry(staff, int(raw))))


# --- helpers ----------------------------------------------------------------------------------


def language(request: web.Request, *, strict: bool = True) -> str:
    """The caller's language: ``?lang=``, else the first of ours ``Accept-Language`` names,
    else Danish.

    Raises:
        InvalidInputError: ``?lang=`` names another language (only when ``strict``).
    """
    asked = request.query.get("lang")
    if asked is not None:
        if asked in LANGUAGES:
            return asked
        if strict:
            raise InvalidInputError(t(BAD_LANG))
    for item in request.headers.get("Accept-Language", "").split(","):
        tag = item.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "da"


async def _caller(request: web.Request) -> tuple[Desk, Staff, str]:
    """The desk, the signed-in caller and their language.

    Raises:
        AuthenticationError: no bearer token (401), or one that is nobody's.
        AccessError: a revoked token.
    """
    lang = language(request)
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not _TOKEN.fullmatch(token):
        raise AuthenticationError(t(NO_TOKEN))
    desk = request.app[DESK]
    staff = await request.app[STAFF_OFFLOAD](lambda: desk.sign_in(token))
    return desk, staff, lang


async def _run(request: web.Request, call: Callable[[], T]) -> T:
    return await request.app[STAFF_OFFLOAD](call)


def _json(payload: Any, *, status: int = 200) -> web.Response:
    return web.json_response(payload, status=status, dumps=dumps)


def dumps(payload: Any) -> str:
    """JSON as the API writes it: UTF-8 text, no padding."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
