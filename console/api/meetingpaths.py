"""The OpenAPI paths and schemas of the staff API's meeting calls (:mod:`console.api.meetings`),
merged into the staff document by :mod:`console.api.openapi` and :mod:`console.api.schemas`."""

from __future__ import annotations

from typing import Final

from casestore.meetingrecords import ITEM_KINDS, SEATS
from console.api.schemaparts import STAMP, TEXT, Operation, Schema, closed, nullable, staff

_ID: Final = {"type": "integer", "minimum": 1}


_SUMMARY: Final = {
    "id": _ID,
    "tribunal": TEXT,
    "tribunal_name": TEXT,
    "starts_at": STAMP,
    "place": TEXT,
    "items": {"type": "integer", "minimum": 0},
    "summoned": {"type": "boolean"},
}


def schemas() -> dict[str, Schema]:
    """The meeting calls' component schemas, by their names without the ``Staff`` prefix."""
    member = closed(
        {
            "seat": {"enum": list(SEATS)},
            "seat_label": TEXT,
            "name": TEXT,
            "staff_id": nullable(_ID),
        }
    )
    item = closed(
        {
            "id": _ID,
            "position": {"type": "integer"},
            "kind": {"enum": list(ITEM_KINDS)},
            "kind_label": TEXT,
            "number": TEXT,
            "case_type": TEXT,
            "case_type_label": TEXT,
            "address": TEXT,
            "parties": TEXT,
            "status": TEXT,
            "status_label": TEXT,
            "inspection_at": nullable(STAMP),
            "place": nullable(TEXT),
            "summoned_at": nullable(STAMP),
        }
    )
    meeting = closed(
        {
            **_SUMMARY,
            "members": {"type": "array", "items": member},
            "agenda": {"type": "array", "items": item},
        }
    )
    member_request = closed(
        {
            "seat": {"enum": list(SEATS)},
            "name": {"type": "string", "minLength": 1, "maxLength": 400},
            "staff_id": nullable({"type": "integer", "minimum": 1, "maximum": 2**31 - 1}),
        },
        required=["seat", "name"],
    )
    return {
        "MeetingSummary": closed(_SUMMARY),
        "Meetings": closed({"meetings": {"type": "array", "items": staff("MeetingSummary")}}),
        "Meeting": meeting,
        "ReadyCases": closed({"cases": {"type": "array", "items": staff("CaseRow")}}),
        "Summons": closed({"sent": {"type": "integer", "minimum": 0}, "meeting": staff("Meeting")}),
        "MeetingRequest": closed(
            {
                "tribunal": {"type": "string", "minLength": 1, "maxLength": 64},
                "starts_at": {
                    "type": "string",
                    "description": "ISO date and time; without an offset, Copenhagen time.",
                    "maxLength": 40,
                },
                "place": {"type": "string", "minLength": 1, "maxLength": 400},
                "members": {"type": "array", "items": member_request, "minItems": 3, "maxItems": 3},
            }
        ),
        "AgendaItemRequest": closed(
            {
                "number": {"type": "string", "minLength": 1, "maxLength": 64},
                "kind": {"enum": list(ITEM_KINDS)},
                "inspection_at": {"type": "string", "maxLength": 40},
                "place": {"type": "string", "minLength": 1, "maxLength": 400},
            },
            required=["number"],
        ),
        "MoveRequest": closed({"direction": {"enum": ["up", "down"]}}),
    }


def paths(
    operation: Operation, prefix: str, errors: dict[str, tuple[int, ...]]
) -> dict[str, Schema]:
    """The meeting calls' paths, built with the staff document's ``_operation``.

    Args:
        operation: :func:`console.api.openapi._operation`.
        prefix: the staff API's prefix.
        errors: ``read``, ``on_case`` and ``write``, the staff document's error lists.
    """
    read, on_one, write = errors["read"], errors["on_case"], errors["write"]
    ident = {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "The meeting's id.",
        "schema": {"type": "string", "pattern": "^[0-9]{1,10}$"},
    }
    item = {**ident, "name": "item", "description": "The agenda item's id."}
    ok = (200, "Meeting", "The meeting with its members and agenda.")
    changed = (*on_one, *write, 409)
    return {
        f"{prefix}/meetings": {
            "get": operation(
                "staff_meetings",
                "The meetings of the caller's tribunals, the earliest first.",
                (200, "Meetings", "The meetings."),
                read,
            ),
            "post": operation(
                "staff_new_meeting",
                "Plan a meeting of one of the caller's tribunals (a lead).",
                (201, "Meeting", "The new meeting, with an empty agenda."),
                (*on_one, *write),
                body="MeetingRequest",
            ),
        },
        f"{prefix}/meetings/{{id}}": {
            "parameters": [ident],
            "get": operation("staff_meeting", "One meeting and its agenda.", ok, on_one),
        },
        f"{prefix}/meetings/{{id}}/ready": {
            "parameters": [ident],
            "get": operation(
                "staff_meeting_ready",
                "The tribunal's cases that can go on the agenda (a lead).",
                (200, "ReadyCases", "The cases ready for a meeting or waiting for an inspection."),
                on_one,
            ),
        },
        f"{prefix}/meetings/{{id}}/items": {
            "parameters": [ident],
            "post": operation(
                "staff_add_agenda_item",
                "Put a case, or an inspection of its home, last on the agenda; the case takes "
                "the step put_on_agenda.",
                ok,
                changed,
                body="AgendaItemRequest",
            ),
        },
        f"{prefix}/meetings/{{id}}/items/{{item}}": {
            "parameters": [ident, item],
            "delete": operation(
                "staff_remove_agenda_item", "Take an item off the agenda.", ok, on_one
            ),
        },
        f"{prefix}/meetings/{{id}}/items/{{item}}/move": {
            "parameters": [ident, item],
            "post": operation(
                "staff_move_agenda_item",
                "Move an item one place up or down.",
                ok,
                changed,
                body="MoveRequest",
            ),
        },
        f"{prefix}/meetings/{{id}}/summons": {
            "parameters": [ident],
            "post": operation(
                "staff_meeting_summons",
                "Summon the parties of the items not yet summoned, through the outbox; refused "
                "under 7 days before the meeting or an inspection.",
                (200, "Summons", "How many letters were queued, and the meeting."),
                (*on_one, 409),
            ),
        },
        f"{prefix}/meetings/{{id}}/agenda": {
            "parameters": [ident],
            "get": operation(
                "staff_meeting_agenda",
                "The agenda as PDF, in Danish.",
                (200, None, ""),
                on_one,
                raw={
                    "description": "The agenda PDF.",
                    "headers": {
                        "X-Request-Id": {"$ref": "#/components/headers/StaffRequestId"},
                        "Content-Disposition": {
                            "description": "`attachment; filename=...`.",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^attachment;"},
                        },
                    },
                    "content": {
                        "application/pdf": {"schema": {"type": "string", "format": "binary"}}
                    },
                },
            ),
        },
    }
