"""The staff API's calls on the board's meetings (nævnsmodul): list and plan meetings, read
one, its ready cases, its agenda (add, move, remove an item), the summons and the agenda as
PDF. The desk (:mod:`console.desk.meetings`) checks scope and role.
"""

from __future__ import annotations

from typing import Any, Final

from aiohttp import web

from console.access import NO_MEETING_HERE
from console.api.bodies import LARGEST_ID, body_of, only, text_field
from console.api.views import _caller, _json, _run, view
from statemachine.errors import InvalidInputError, NotFoundError
from statemachine.text import N_, t

BAD_MEMBERS = N_("members must be a list of objects with seat, name and staff_id.")

NEW_EXAMPLE: Final = (
    '{"tribunal": "hln-101", "starts_at": "2026-12-15T09:30", "place": "Rådhuset", '
    '"members": [{"seat": "chair", "name": "Ida Lund"}, ...]}'
)


def _id(request: web.Request, name: str) -> int:
    """A path's whole-number id; one that cannot be is answered as not found."""
    raw = request.match_info[name]
    if not raw.isdigit() or not 0 < int(raw) <= LARGEST_ID:
        raise NotFoundError(t(NO_MEETING_HERE, id=raw[:20]))
    return int(raw)


@view
async def meetings(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/meetings``: the caller's tribunals' meetings."""
    desk, staff, lang = await _caller(request)
    return _json(await _run(request, lambda: desk.meetings(staff, lang=lang)))


@view
async def new_meeting(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/meetings``: plan a meeting (a lead)."""
    desk, staff, lang = await _caller(request)
    body = await body_of(request, NEW_EXAMPLE)
    only(body, "tribunal", "starts_at", "place", "members")
    tribunal = text_field(body, "tribunal", required=True) or ""
    starts_at = text_field(body, "starts_at", required=True) or ""
    place = text_field(body, "place", required=True) or ""
    members: Any = body.get("members")
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        raise InvalidInputError(t(BAD_MEMBERS))
    made = await _run(
        request,
        lambda: desk.new_meeting(
            staff, tribunal, starts_at=starts_at, place=place, members=members, lang=lang
        ),
    )
    return _json(made, status=201)


@view
async def meeting(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/meetings/{id}``: one meeting and its agenda."""
    desk, staff, lang = await _caller(request)
    meeting_id = _id(request, "id")
    return _json(await _run(request, lambda: desk.meeting(staff, meeting_id, lang=lang)))


@view
async def ready(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/meetings/{id}/ready``: the cases that can go on its agenda."""
    desk, staff, lang = await _caller(request)
    meeting_id = _id(request, "id")
    return _json(await _run(request, lambda: desk.ready_cases(staff, meeting_id, lang=lang)))


@view
async def add_item(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/meetings/{id}/items``: put a case or an inspection on the agenda."""
    desk, staff, lang = await _caller(request)
    meeting_id = _id(request, "id")
    body = await body_of(request, '{"number": "101-10001", "kind": "case"}')
    only(body, "number", "kind", "inspection_at", "place")
    number = text_field(body, "number", required=True) or ""
    kind = text_field(body, "kind") or "case"
    at = text_field(body, "inspection_at")
    place = text_field(body, "place")
    return _json(
        await _run(
            request,
            lambda: desk.add_agenda_item(
                staff, meeting_id, number, kind=kind, inspection_at=at, place=place, lang=lang
            ),
        )
    )


@view
async def move_item(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/meetings/{id}/items/{item}/move``: one place up or down."""
    desk, staff, lang = await _caller(request)
    meeting_id, item_id = _id(request, "id"), _id(request, "item")
    body = await body_of(request, '{"direction": "up"}')
    only(body, "direction")
    direction = text_field(body, "direction", required=True) or ""
    return _json(
        await _run(
            request,
            lambda: desk.move_agenda_item(staff, meeting_id, item_id, direction, lang=lang),
        )
    )


@view
async def remove_item(request: web.Request) -> web.Response:
    """``DELETE /api/v1/staff/meetings/{id}/items/{item}``: take an item off the agenda."""
    desk, staff, lang = await _caller(request)
    meeting_id, item_id = _id(request, "id"), _id(request, "item")
    return _json(
        await _run(request, lambda: desk.remove_agenda_item(staff, meeting_id, item_id, lang=lang))
    )


@view
async def summons(request: web.Request) -> web.Response:
    """``POST /api/v1/staff/meetings/{id}/summons``: summon the parties not yet summoned."""
    desk, staff, lang = await _caller(request)
    meeting_id = _id(request, "id")
    return _json(await _run(request, lambda: desk.send_summons(staff, meeting_id, lang=lang)))


@view
async def agenda(request: web.Request) -> web.Response:
    """``GET /api/v1/staff/meetings/{id}/agenda``: the agenda as PDF, in Danish."""
    desk, staff, _ = await _caller(request)
    meeting_id = _id(request, "id")
    pdf = await _run(request, lambda: desk.agenda_pdf(staff, meeting_id))
    return web.Response(
        body=pdf,
        headers={
            "Content-Type": "application/pdf",
            "Content-Disposition": f'attachment; filename="dagsorden-{meeting_id}.pdf"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
