"""The staff API's decision calls: read the draft, save it, register it, and the PDF.

``GET /cases/{number}/decision`` gives the draft (or the current decision) with the document
as text, the lists to pick from and what stops registering it; ``PUT`` saves the draft;
``POST …/decision/register`` registers it; ``GET …/decision/document`` is its PDF. The desk
(:mod:`console.desk.decisions`) checks scope and role.
"""

from __future__ import annotations

from typing import Any, Final

from aiohttp import web

from console.api.bodies import LARGEST_ID, body_of, int_field, only, text_field
from console.api.views import _caller, _json, _run, view
from statemachine.errors import InvalidInputError
from statemachine.text import N_, t

BAD_FIELDS = N_("fields must be an object of the decision's fields.")
BAD_VERSION = N_("version must be a whole number from 1.")

EXAMPLE: Final = '{"fields": {"outcome": "IN_FAVOUR", "decided_on": "2026-12-01"}}'


@view
async def decision(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/cases/{number}/decision``: the case's decision as it stands."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    return _json(await _run(request, lambda: desk.decision(staff, number, lang=lang)))


@view
async def save_decision(request: web.Request) -> web.Response:
    """``PUT /api/v1/staff/cases/{number}/decision``: save the draft decision."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, EXAMPLE)
    fields: Any = body.get("fields", {})
    if not isinstance(fields, dict):
        raise InvalidInputError(t(BAD_FIELDS))
    version = int_field(body, "version")
    reason = text_field(body, "correction_reason")
    only(body, "fields", "version", "correction_reason")
    return _json(
        await _run(
            request,
            lambda: desk.save_decision(
                staff, number, fields, version=version, correction_reason=reason, lang=lang
            ),
        )
    )


@view
async def register_decision(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/cases/{number}/decision/register``: register the draft."""
    desk, staff, lang = await _caller(request)
    number = request.match_info["number"]
    body = await body_of(request, '{"version": 1, "case_version": 3}')
    version = int_field(body, "version", required=True) or 0
    case_version = int_field(body, "case_version", required=True) or 0
    only(body, "version", "case_version")
    return _json(
        await _run(
            request,
            lambda: desk.register_decision(
                staff, number, version=version, case_version=case_version, lang=lang
            ),
        )
    )


@view
async def decision_document(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/cases/{number}/decision/document``: the decision as PDF
    (``?version=`` for an earlier one)."""
    desk, staff, _ = await _caller(request)
    number = request.match_info["number"]
    raw = request.query.get("version")
    version = None
    if raw is not None:
        if not raw.isdigit() or not 0 < int(raw) <= LARGEST_ID:
            raise InvalidInputError(t(BAD_VERSION))
        version = int(raw)
    pdf = await _run(request, lambda: desk.decision_document(staff, number, version=version))
    name = f"afgoerelse-{number}.pdf"
    return web.Response(
        body=pdf,
        headers={
            "Content-Type": "application/pdf",
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
