"""The component schemas of the staff API's OpenAPI document: the JSON it answers and takes.

Tight on purpose (closed objects, required fields, id shapes), so a fuzzer checking responses
against them catches a drift between the desk and the document. Every name gets the prefix
``Staff`` in the document (:func:`schemas`), so they never collide with the filer API's.
"""

from __future__ import annotations

from typing import Any, Final

from console.api import anonymisationpaths, decisionpaths, meetingpaths
from console.api.schemaparts import DAY, STAMP, Schema, closed, nullable
from console.desk.queries import FIELDS, SORTS
from locales import LANGUAGES
from statemachine.errors import ERROR_CODES

CASE_NUMBER: Final = "^[0-9]{3}-[0-9]+$"
"""A case number: the municipality code, a hyphen, the running number."""

ATTACHMENT_ID: Final = "^a_[A-Za-z0-9_-]{22}$"
"""An attachment id."""

_LIST: Final = {"type": "string", "maxLength": 400}

QUEUE_PARAMS: Final[dict[str, tuple[str, Schema]]] = {
    "status": ("Statuses, comma-separated (`submitted,assigned`).", _LIST),
    "case_type": ("Case type ids, comma-separated.", _LIST),
    "tribunal": ("Tribunal codes, comma-separated, within the caller's own.", _LIST),
    "assignee": ("`me`, `none` or a staff id.", {"type": "string", "maxLength": 20}),
    "housing": ("`private` or `social`.", {"type": "string", "maxLength": 20}),
    "filed_from": ("Filed on or after this day.", {"type": "string", "maxLength": 20}),
    "filed_to": ("Filed on or before this day.", {"type": "string", "maxLength": 20}),
    "due": ("`7`: next deadline within 7 days (overdue too); `overdue`.", _LIST),
    "q": ("Words to search for: number, party names, address, the filer's words.", _LIST),
    "sort": ("`deadline` (default), `filed` or `number`.", {"type": "string"}),
    "order": ("`asc` (default) or `desc`.", {"type": "string"}),
    "after": ("The `after` cursor of the previous page.", _LIST),
    "limit": ("Cases per page, 1 to 500 (default 50).", {"type": "string"}),
}
"""The queue's query parameters, as documented; the desk reads them (``FIELDS``)."""


def ref(kind: str, name: str) -> Schema:
    """A reference to a component of the document."""
    return {"$ref": f"#/components/{kind}/{name}"}


def schema(name: str) -> Schema:
    """A reference to the component schema ``Staff<name>``."""
    return ref("schemas", f"Staff{name}")


def _text(min_length: int = 0, max_length: int | None = None) -> Schema:
    schema: Schema = {"type": "string"}
    if min_length:
        schema["minLength"] = min_length
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _list(items: Schema, **more: Any) -> Schema:
    return {"type": "array", "items": items, **more}


def _case_parts() -> dict[str, Schema]:
    """The parts of a whole case (``GET /cases/{number}``)."""
    label = _text(1)
    return {
        "LabelValue": closed({"label": label, "value": _text()}),
        "Answer": closed({"question": label, "answer": _text()}),
        "Party": closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "role": {"enum": ["filer", "representative", "co_party", "counterparty"]},
                "role_label": label,
                "name": _text(),
                "kind": {"enum": ["person", "company"]},
                "address": nullable(_text()),
                "email": nullable(_text()),
                "phone": nullable(_text()),
            }
        ),
        "Attachment": closed(
            {
                "id": {"type": "string", "pattern": ATTACHMENT_ID},
                "filename": _text(1),
                "media_type": _text(1),
                "size": {"type": "integer", "minimum": 0},
                "requirement_label": nullable(_text()),
            }
        ),
        "Deadline": closed(
            {
                "rule": _text(1),
                "label": label,
                "ends": DAY,
                "act_by": DAY,
                "days_left": {"type": "integer"},
                "status": {"enum": ["met", "late", "expired", "due_soon", "open"]},
                "status_label": label,
                "consequence": nullable(_text()),
                "side": {"enum": ["filer", "secretariat"]},
            }
        ),
        "Step": closed(
            {
                "step": _text(1),
                "label": label,
                "needs_reason": {"type": "boolean"},
                "reasons": _list(closed({"id": _text(1), "label": label})),
                "needs_text": {"type": "boolean"},
            }
        ),
        "Note": closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "author": _text(),
                "at": STAMP,
                "text": _text(),
            }
        ),
        "MessageParty": closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "name": _text(),
                "role": {"enum": ["filer", "representative", "co_party", "counterparty"]},
                "role_label": label,
            }
        ),
        "Message": {
            **closed(
                {
                    "id": {"type": "integer", "minimum": 1},
                    "direction": {
                        "enum": ["out", "in"],
                        "description": "`out`: staff wrote to parties; `in`: a party replied.",
                    },
                    "author": {
                        **nullable(_text()),
                        "description": "The staff member who wrote it; null for a reply.",
                    },
                    "at": STAMP,
                    "recipient": {
                        **_text(),
                        "description": "`all` or a party's id for a message out; as stored "
                        "for a reply.",
                    },
                    "party": {
                        **nullable(schema("MessageParty")),
                        "description": "The party a reply is from, or the one party a message "
                        "went to; null for a message to all.",
                    },
                    "subject": _text(),
                    "body": _text(),
                    "attachments": _list({"type": "string", "pattern": ATTACHMENT_ID}),
                    "hearing": {
                        **nullable({"type": "integer", "minimum": 1}),
                        "description": "The hearing a reply answers (its id); null otherwise.",
                    },
                    "late": {
                        "type": "boolean",
                        "description": "A hearing reply that came after its reply date.",
                    },
                }
            ),
            "description": "A message on the case, either way: staff's to parties and the "
            "parties' replies, oldest first.",
        },
        "Hearing": closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "party": _text(),
                "started": STAMP,
                "reply_due": DAY,
                "replied": nullable(STAMP),
            }
        ),
        "HistoryEntry": closed(
            {
                "at": STAMP,
                "actor": _text(),
                "kind": _text(1),
                "label": label,
                "from": nullable(_text()),
                "to": nullable(_text()),
                "reason": nullable(_text()),
                "text": nullable(_text()),
            }
        ),
    }


def _case() -> Schema:
    return closed(
        {
            "number": {"type": "string", "pattern": CASE_NUMBER},
            "version": {"type": "integer", "minimum": 1},
            "status": _text(1),
            "status_label": _text(1),
            "case_type": _text(1),
            "case_type_label": _text(1),
            "tribunal": schema("Tribunal"),
            "housing": _text(1),
            "filed": DAY,
            "lang": {"enum": list(LANGUAGES)},
            "assignee": nullable(schema("Assignee")),
            "summary": _list(schema("LabelValue")),
            "answers": _list(schema("Answer")),
            "parties": _list(schema("Party")),
            "attachments": _list(schema("Attachment")),
            "deadlines": _list(schema("Deadline")),
            "steps": _list(schema("Step")),
            "notes": _list(schema("Note")),
            "messages": _list(schema("Message")),
            "hearings": _list(schema("Hearing")),
            "history": _list(schema("HistoryEntry")),
        }
    )


def _queue() -> dict[str, Schema]:
    return {
        "NextDeadline": closed(
            {
                "date": DAY,
                "days_left": {"type": "integer"},
                "rule": _text(1),
                "label": _text(1),
                "flag": {"enum": ["overdue", "due_soon", None]},
            }
        ),
        "CaseRow": closed(
            {
                "number": {"type": "string", "pattern": CASE_NUMBER},
                "case_type": _text(1),
                "case_type_label": _text(1),
                "parties": _text(),
                "status": _text(1),
                "status_label": _text(1),
                "assignee": nullable(schema("Assignee")),
                "next_deadline": nullable(schema("NextDeadline")),
                "filed": DAY,
                "tribunal": _text(1),
                "housing": _text(1),
                "version": {"type": "integer", "minimum": 1},
            }
        ),
        "Queue": closed(
            {"cases": _list(schema("CaseRow")), "after": nullable(_text(1))},
        ),
    }


def _query() -> Schema:
    """A saved filter's query: the queue's own parameters."""
    if tuple(QUEUE_PARAMS) != FIELDS:
        raise AssertionError(f"the document names {list(QUEUE_PARAMS)}, the desk {FIELDS}")
    properties: Schema = {name: _text(0, 400) for name in QUEUE_PARAMS}
    properties["limit"] = {"type": ["integer", "string"]}
    properties["sort"] = {"enum": list(SORTS)}
    properties["order"] = {"enum": ["asc", "desc"]}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _requests() -> dict[str, Schema]:
    """The request bodies."""
    version = {"type": "integer", "minimum": 1, "description": "The case's `version` as read."}
    staff_ref = {"anyOf": [{"type": "integer", "minimum": 1}, {"const": "me"}]}
    attachments = _list({"type": "string", "pattern": ATTACHMENT_ID}, maxItems=30)
    return {
        "StepRequest": closed(
            {
                "step": _text(1, 64),
                "version": version,
                "reason": _text(1, 64),
                "text": _text(0, 4000),
            },
            required=["step", "version"],
        ),
        "AssignRequest": closed(
            {"staff": {"anyOf": [staff_ref, {"type": "null"}]}, "version": version},
            required=["staff"],
        ),
        "BulkAssignRequest": closed(
            {
                "cases": _list(
                    {"type": "string", "pattern": CASE_NUMBER}, minItems=1, maxItems=500
                ),
                "staff": staff_ref,
            }
        ),
        "NoteRequest": closed({"text": _text(1, 20000)}),
        "MessageRequest": closed(
            {
                "to": {"anyOf": [{"const": "all"}, {"type": "string", "pattern": "^[1-9][0-9]*$"}]},
                "subject": _text(1, 400),
                "body": _text(1, 50000),
                "attachments": attachments,
            },
            required=["to", "subject", "body"],
        ),
        "HearingRequest": closed(
            {
                "party": {"type": "integer", "minimum": 1},
                "material": attachments,
                "reply_days": {"type": "integer", "minimum": 1, "maximum": 90},
                "note": _text(0, 20000),
                "version": version,
            },
            required=["version"],
        ),
        "FilterRequest": closed({"query": schema("Query")}),
    }


def schemas() -> dict[str, Schema]:
    """The component schemas, by their names with the ``Staff`` prefix."""
    return {f"Staff{name}": found for name, found in _schemas().items()}


def _schemas() -> dict[str, Schema]:
    tribunal = closed({"code": _text(1), "name": _text(1)})
    colleague = closed({"id": {"type": "integer", "minimum": 1}, "name": _text(), "role": _text(1)})
    mail = closed(
        {
            "id": {"type": "integer", "minimum": 1},
            "case": nullable({"type": "string", "pattern": CASE_NUMBER}),
            "kind": _text(1),
            "recipient": _text(),
            "recipient_name": _text(),
            "subject": _text(),
            "state": {"enum": ["pending", "sent", "dead"]},
            "attempts": {"type": "integer", "minimum": 0},
            "last_error": nullable(_text()),
            "created_at": STAMP,
            "sent_at": nullable(STAMP),
        }
    )
    saved = closed({"name": _text(1, 80), "query": schema("Query")})
    error = closed(
        {
            "error": closed(
                {"code": {"enum": list(ERROR_CODES)}, "message": {"type": "string", "minLength": 1}}
            )
        }
    )
    return {
        "Error": error,
        "Tribunal": tribunal,
        "Me": closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "name": _text(),
                "role": _text(1),
                "tribunals": _list(tribunal),
            }
        ),
        "Colleagues": closed({"staff": _list(colleague)}),
        "Assignee": closed({"id": {"type": "integer", "minimum": 1}, "name": _text()}),
        **_queue(),
        **_case_parts(),
        "Case": _case(),
        "BulkResult": closed(
            {
                "assigned": _list({"type": "string", "pattern": CASE_NUMBER}),
                "refused": _list(
                    closed({"number": _text(1), "message": {"type": "string", "minLength": 1}})
                ),
            }
        ),
        "Query": _query(),
        "SavedFilter": saved,
        "Filters": closed({"filters": _list(saved)}),
        "Mail": mail,
        "Outbox": closed({"mail": _list(mail)}),
        **_requests(),
        **decisionpaths.schemas(),
        **anonymisationpaths.schemas(),
        **meetingpaths.schemas(),
    }
