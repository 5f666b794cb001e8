"""The staff API's anonymisation calls: the preview of a decision's replacements, saving the
caseworker's choices, accepting the preview for publication, and anonymising any text of a
case (for a hearing or an access request).

``GET /cases/{number}/anonymisation`` gives the preview; ``PUT`` saves the replacements;
``POST …/anonymisation/accept`` accepts it; ``POST …/anonymise`` anonymises a text and keeps
nothing. The desk (:mod:`console.desk.anonymisation`) checks scope and role.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from console.api.bodies import body_of, int_field, only, text_field
from console.api.views import _caller, _json, _run, view


@view
async def anonymisation(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/cases/{number}/anonymisation``: the preview as it stands."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    return _json(await _run(request, lambda: desk.anonymisation(staff, number, lang=lang)))


@view
async def save_anonymisation(request: web.Request) -> web.Response:
    """``PUT /api/v1/staff/cases/{number}/anonymisation``: save the replacements."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"version": 0, "spans": []}')
    version = int_field(body, "version", required=True, least=0) or 0
    spans: Any = body.get("spans")
    only(body, "version", "spans")
    return _json(
        await _run(
            request,
            lambda: desk.save_anonymisation(staff, number, version=version, spans=spans, lang=lang),
        )
    )


@view
async def accept_anonymisation(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/cases/{number}/anonymisation/accept``: accept the preview."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"version": 1}')
    version = int_field(body, "version", required=True, least=0) or 0
    only(body, "version")
    return _json(
        await _run(
            request,
            lambda: desk.accept_anonymisation(staff, number, version=version, lang=lang),
        )
    )


@view
async def anonymise(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/cases/{number}/anonymise``: a text with its replacements."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"text": "..."}')
    text = text_field(body, "text", required=True) or ""
    only(body, "text")
    return _json(await _run(request, lambda: desk.anonymise_text(staff, number, text, lang=lang)))
