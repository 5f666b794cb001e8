"""The staff slice's route table, under ``/api/v1/staff``."""

from __future__ import annotations

from typing import Final

from aiohttp import web

from console.api import anonymisation, decisions, meetings, views
from console.api.export import export
from console.api.openapi import PREFIX

ROUTES: Final = (
    web.get(f"{PREFIX}/me", views.me, name="staff_me"),
    web.get(f"{PREFIX}/staff", views.colleagues, name="staff_colleagues"),
    web.get(f"{PREFIX}/cases", views.queue, name="staff_queue"),
    web.get(f"{PREFIX}/cases/{{number}}", views.case, name="staff_case"),
    web.get(
        f"{PREFIX}/cases/{{number}}/attachments/{{attachment}}",
        views.document,
        name="staff_document",
    ),
    web.get(f"{PREFIX}/cases/{{number}}/export", export, name="staff_export"),
    web.get(f"{PREFIX}/cases/{{number}}/decision", decisions.decision, name="staff_decision"),
    web.put(
        f"{PREFIX}/cases/{{number}}/decision", decisions.save_decision, name="staff_save_decision"
    ),
    web.post(
        f"{PREFIX}/cases/{{number}}/decision/register",
        decisions.register_decision,
        name="staff_register_decision",
    ),
    web.get(
        f"{PREFIX}/cases/{{number}}/decision/document",
        decisions.decision_document,
        name="staff_decision_document",
    ),
    web.get(
        f"{PREFIX}/cases/{{number}}/anonymisation",
        anonymisation.anonymisation,
        name="staff_anonymisation",
    ),
    web.put(
        f"{PREFIX}/cases/{{number}}/anonymisation",
        anonymisation.save_anonymisation,
        name="staff_save_anonymisation",
    ),
    web.post(
        f"{PREFIX}/cases/{{number}}/anonymisation/accept",
        anonymisation.accept_anonymisation,
        name="staff_accept_anonymisation",
    ),
    web.post(
        f"{PREFIX}/cases/{{number}}/anonymise", anonymisation.anonymise, name="staff_anonymise"
    ),
    web.post(f"{PREFIX}/cases/{{number}}/steps", views.step, name="staff_step"),
    web.post(f"{PREFIX}/cases/{{number}}/assign", views.assign, name="staff_assign"),
    web.post(f"{PREFIX}/assign", views.bulk_assign, name="staff_bulk_assign"),
    web.post(f"{PREFIX}/cases/{{number}}/notes", views.note, name="staff_note"),
    web.post(f"{PREFIX}/cases/{{number}}/messages", views.message, name="staff_message"),
    web.post(f"{PREFIX}/cases/{{number}}/hearing", views.hearing, name="staff_hearing"),
    web.get(f"{PREFIX}/filters", views.filters, name="staff_filters"),
    web.put(f"{PREFIX}/filters/{{name}}", views.save_filter, name="staff_save_filter"),
    web.delete(f"{PREFIX}/filters/{{name}}", views.delete_filter, name="staff_delete_filter"),
    web.get(f"{PREFIX}/outbox", views.outbox, name="staff_outbox"),
    web.post(f"{PREFIX}/outbox/{{id}}/retry", views.retry, name="staff_retry"),
    # the board's meetings (console/api/meetings.py)
    web.get(f"{PREFIX}/meetings", meetings.meetings, name="staff_meetings"),
    web.post(f"{PREFIX}/meetings", meetings.new_meeting, name="staff_new_meeting"),
    web.get(f"{PREFIX}/meetings/{{id}}", meetings.meeting, name="staff_meeting"),
    web.get(f"{PREFIX}/meetings/{{id}}/ready", meetings.ready, name="staff_meeting_ready"),
    web.post(f"{PREFIX}/meetings/{{id}}/items", meetings.add_item, name="staff_add_agenda_item"),
    web.delete(
        f"{PREFIX}/meetings/{{id}}/items/{{item}}",
        meetings.remove_item,
        name="staff_remove_agenda_item",
    ),
    web.post(
        f"{PREFIX}/meetings/{{id}}/items/{{item}}/move",
        meetings.move_item,
        name="staff_move_agenda_item",
    ),
    web.post(f"{PREFIX}/meetings/{{id}}/summons", meetings.summons, name="staff_meeting_summons"),
    web.get(f"{PREFIX}/meetings/{{id}}/agenda", meetings.agenda, name="staff_meeting_agenda"),
)
"""The staff API (issue 10 §3); every route is also in :func:`console.api.openapi.document`
under the same operation id as its name."""


def setup(app: web.Application) -> None:
    """Mount the staff API on ``app``.

    The views expect :data:`console.api.keys.DESK` and :data:`console.api.keys.STAFF_OFFLOAD`
    on the app by the time it serves (the factory puts them there on start-up).
    """
    app.router.add_routes(ROUTES)
