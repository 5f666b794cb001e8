"""The OpenAPI paths and schemas of the staff API's meeting calls (:mod:`console.api.meetings`),
merged into the staff document by :mod:`console.api.openapi` and :mod:`console.api.schemas`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from casestore.meetingrecords import ITEM_KINDS, SEATS

Schema = dict[str, Any]

_STAMP: Final = {"type": "string", "format": "date-time"}
_TEXT: Final = {"type": "string"}
_ID: Final = {"type": "integer", "minimum": 1}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/Staff{name}"}


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _closed(properties: Schema, required: list[str] | None = None) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


_SUMMARY: Final = {
    "id": _ID,
    "tribunal": _TEXT,
    "tribunal_name": _TEXT,
    "starts_at": _STAMP,
    "place": _TEXT,
    "items": {"type": "integer", "minimum": 0},
    "summoned": {"type": "boolean"},
}


def schemas() -> dict[str, Schema]:
    """The meeting calls' component schemas, by their names without the ``Staff`` prefix."""
    member = _closed(
        {
            "seat": {"enum": list(SEATS)},
            "seat_label": _TEXT,
            "name": _TEXT,
            "staff_id": _nullable(_ID),
        }
    )
    item = _closed(
        {
            "id": _ID,
            "position": {"type": "integer"},
            "kind": {"enum": list(ITEM_KINDS)},
            "kind_label": _TEXT,
            "number": _TEXT,
            "case_type": _TEXT,
            "case_type_label": _TEXT,
            "address": _TEXT,
            "status": _TEXT,
            "status_label": _TEXT,
            "inspection_at": _nullable(_STAMP),
            "place": _nullable(_TEXT),
            "summoned_at": _nullable(_STAMP),
        }
    )
    meeting = _closed(
        {
            **_SUMMARY,
            "members": {"type": "array", "items": member},
            "agenda": {"type": "array", "items": item},
        }
    )
    member_request = _closed(
        {
            "seat": {"enum": list(SEATS)},
            "name": {"type": "string", "minLength": 1, "maxLength": 400},
            "staff_id": _nullable({"type": "integer", "minimum": 1, "maximum": 2**31 - 1}),
        },
        required=["seat", "name"],
    )
    return {
        "MeetingSummary": _closed(_SUMMARY),
        "Meetings": _closed({"meetings": {"type": "array", "items": _ref("MeetingSummary")}}),
        "Meeting": meeting,
        "ReadyCases": _closed({"cases": {"type": "array", "items": _ref("CaseRow")}}),
        "Summons": _closed({"sent": {"type": "integer", "minimum": 0}, "meeting": _ref("Meeting")}),
        "MeetingRequest": _closed(
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
        "AgendaItemRequest": _closed(
            {
                "number": {"type": "string", "minLength": 1, "maxLength": 64},
                "kind": {"enum": list(ITEM_KINDS)},
                "inspection_at": {"type": "string", "maxLength": 40},
                "place": {"type": "string", "minLength": 1, "maxLength": 400},
            },
            required=["number"],
        ),
        "MoveRequest": _closed({"direction": {"enum": ["up", "down"]}}),
    }


Operation = Callable[..., Schema]


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
