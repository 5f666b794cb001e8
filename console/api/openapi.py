"""The OpenAPI 3.1 paths and components of the staff API: data only, built once.

The schemas are tight on purpose (closed objects, required fields, id shapes), so a fuzzer
checking responses against them catches a drift between the desk and this document. The
service serves it merged with the filer API's (``naevn/web/openapi.py``): every component
name here starts with ``Staff``, so the two never collide.
"""

from __future__ import annotations

import functools
from typing import Any, Final

from console.desk.queries import FIELDS, SORTS
from locales import LANGUAGES

Schema = dict[str, Any]
"""A JSON Schema (OpenAPI 3.1 dialect) or any other part of the document."""

PREFIX: Final = "/api/v1/staff"
"""Where the staff API lives."""

CASE_NUMBER: Final = "^[0-9]{3}-[0-9]+$"
"""A case number: the municipality code, a hyphen, the running number."""
ATTACHMENT_ID: Final = "^a_[A-Za-z0-9_-]{22}$"
"""An attachment id."""
FILTER_NAME: Final = "^[^/\\x00-\\x1f\\x7f]{1,80}$"
"""A saved filter's name: 1 to 80 characters, no slash and no control characters."""
DAY: Final = {"type": "string", "format": "date"}
"""A calendar date, ``YYYY-MM-DD``."""
STAMP: Final = {"type": "string", "format": "date-time"}
"""A moment, ISO 8601 with offset."""

ERROR_CODES: Final = (
    "bad_request",
    "unauthorized",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "conflict",
    "too_large",
    "unsupported_media_type",
    "invalid",
    "too_many_requests",
    "unavailable",
    "internal",
)
"""Every ``error.code`` the staff API answers with."""

ERROR_DESCRIPTIONS: Final = {
    400: "The request cannot be read: its address or headers are too long, or its body is "
    "not a JSON object.",
    401: "No staff bearer token, or one that is nobody's.",
    403: "The token was revoked, or the caller's role may not do this.",
    404: "No such case in the caller's tribunals, no such document of the case, filter or mail.",
    409: "The case changed since it was read (a stale `version`), or the step is not "
    "possible now (the message says why); nothing was changed.",
    413: "The request body is too large.",
    415: "The body is compressed; send it without `Content-Encoding`.",
    422: "The request is well formed but not acceptable (the message says what to give).",
    429: "Too many requests from this client; try again after `Retry-After` seconds.",
    500: "An unexpected error in the service.",
    503: "The case store cannot be reached.",
}
"""What each error status means on the staff side."""

READ: Final = (400, 401, 403, 422, 429, 500, 503)
"""The errors of every call (422: a ``lang`` other than da or en)."""
ON_CASE: Final = (*READ, 404)
"""The errors of every call on one case."""
WRITE: Final = (413, 415, 422)
"""The further errors of a call with a JSON body."""

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


def _ref(kind: str, name: str) -> Schema:
    return {"$ref": f"#/components/{kind}/{name}"}


def _schema(name: str) -> Schema:
    return _ref("schemas", f"Staff{name}")


def _closed(properties: Schema, required: list[str] | None = None) -> Schema:
    """An object with exactly these properties (all required unless listed otherwise)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _text(min_length: int = 0, max_length: int | None = None) -> Schema:
    schema: Schema = {"type": "string"}
    if min_length:
        schema["minLength"] = min_length
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _list(items: Schema, **more: Any) -> Schema:
    return {"type": "array", "items": items, **more}


def _case_parts() -> dict[str, Schema]:
    """The parts of a whole case (``GET /cases/{number}``)."""
    label = _text(1)
    return {
        "LabelValue": _closed({"label": label, "value": _text()}),
        "Answer": _closed({"question": label, "answer": _text()}),
        "Party": _closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "role": {"enum": ["filer", "representative", "co_party", "counterparty"]},
                "role_label": label,
                "name": _text(),
                "kind": {"enum": ["person", "company"]},
                "address": _nullable(_text()),
                "email": _nullable(_text()),
                "phone": _nullable(_text()),
            }
        ),
        "Attachment": _closed(
            {
                "id": {"type": "string", "pattern": ATTACHMENT_ID},
                "filename": _text(1),
                "media_type": _text(1),
                "size": {"type": "integer", "minimum": 0},
                "requirement_label": _nullable(_text()),
            }
        ),
        "Deadline": _closed(
            {
                "rule": _text(1),
                "label": label,
                "ends": DAY,
                "act_by": DAY,
                "days_left": {"type": "integer"},
                "status": {"enum": ["met", "late", "expired", "due_soon", "open"]},
                "status_label": label,
                "consequence": _nullable(_text()),
                "side": {"enum": ["filer", "secretariat"]},
            }
        ),
        "Step": _closed(
            {
                "step": _text(1),
                "label": label,
                "needs_reason": {"type": "boolean"},
                "reasons": _list(_closed({"id": _text(1), "label": label})),
                "needs_text": {"type": "boolean"},
            }
        ),
        "Note": _closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "author": _text(),
                "at": STAMP,
                "text": _text(),
            }
        ),
        "Message": _closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "author": _nullable(_text()),
                "at": STAMP,
                "recipient": _text(1),
                "subject": _text(),
                "body": _text(),
                "attachments": _list({"type": "string", "pattern": ATTACHMENT_ID}),
            }
        ),
        "Hearing": _closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "party": _text(),
                "started": STAMP,
                "reply_due": DAY,
                "replied": _nullable(STAMP),
            }
        ),
        "HistoryEntry": _closed(
            {
                "at": STAMP,
                "actor": _text(),
                "kind": _text(1),
                "label": label,
                "from": _nullable(_text()),
                "to": _nullable(_text()),
                "reason": _nullable(_text()),
                "text": _nullable(_text()),
            }
        ),
    }


def _case() -> Schema:
    return _closed(
        {
            "number": {"type": "string", "pattern": CASE_NUMBER},
            "version": {"type": "integer", "minimum": 1},
            "status": _text(1),
            "status_label": _text(1),
            "case_type": _text(1),
            "case_type_label": _text(1),
            "tribunal": _schema("Tribunal"),
            "housing": _text(1),
            "filed": DAY,
            "lang": {"enum": list(LANGUAGES)},
            "assignee": _nullable(_schema("Assignee")),
            "summary": _list(_schema("LabelValue")),
            "answers": _list(_schema("Answer")),
            "parties": _list(_schema("Party")),
            "attachments": _list(_schema("Attachment")),
            "deadlines": _list(_schema("Deadline")),
            "steps": _list(_schema("Step")),
            "notes": _list(_schema("Note")),
            "messages": _list(_schema("Message")),
            "hearings": _list(_schema("Hearing")),
            "history": _list(_schema("HistoryEntry")),
        }
    )


def _queue() -> dict[str, Schema]:
    return {
        "NextDeadline": _closed(
            {
                "date": DAY,
                "days_left": {"type": "integer"},
                "rule": _text(1),
                "label": _text(1),
                "flag": {"enum": ["overdue", "due_soon", None]},
            }
        ),
        "CaseRow": _closed(
            {
                "number": {"type": "string", "pattern": CASE_NUMBER},
                "case_type": _text(1),
                "case_type_label": _text(1),
                "parties": _text(),
                "status": _text(1),
                "status_label": _text(1),
                "assignee": _nullable(_schema("Assignee")),
                "next_deadline": _nullable(_schema("NextDeadline")),
                "filed": DAY,
                "tribunal": _text(1),
                "housing": _text(1),
                "version": {"type": "integer", "minimum": 1},
            }
        ),
        "Queue": _closed(
            {"cases": _list(_schema("CaseRow")), "after": _nullable(_text(1))},
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
        "StepRequest": _closed(
            {
                "step": _text(1, 64),
                "version": version,
                "reason": _text(1, 64),
                "text": _text(0, 4000),
            },
            required=["step", "version"],
        ),
        "AssignRequest": _closed(
            {"staff": {"anyOf": [staff_ref, {"type": "null"}]}, "version": version},
            required=["staff"],
        ),
        "BulkAssignRequest": _closed(
            {
                "cases": _list(
                    {"type": "string", "pattern": CASE_NUMBER}, minItems=1, maxItems=500
                ),
                "staff": staff_ref,
            }
        ),
        "NoteRequest": _closed({"text": _text(1, 20000)}),
        "MessageRequest": _closed(
            {
                "to": {"anyOf": [{"const": "all"}, {"type": "string", "pattern": "^[1-9][0-9]*$"}]},
                "subject": _text(1, 400),
                "body": _text(1, 50000),
                "attachments": attachments,
            },
            required=["to", "subject", "body"],
        ),
        "HearingRequest": _closed(
            {
                "party": {"type": "integer", "minimum": 1},
                "material": attachments,
                "reply_days": {"type": "integer", "minimum": 1, "maximum": 90},
                "note": _text(0, 20000),
                "version": version,
            },
            required=["version"],
        ),
        "FilterRequest": _closed({"query": _schema("Query")}),
    }


def _schemas() -> dict[str, Schema]:
    """The component schemas, without their ``Staff`` prefix."""
    tribunal = _closed({"code": _text(1), "name": _text(1)})
    colleague = _closed(
        {"id": {"type": "integer", "minimum": 1}, "name": _text(), "role": _text(1)}
    )
    mail = _closed(
        {
            "id": {"type": "integer", "minimum": 1},
            "case": _nullable({"type": "string", "pattern": CASE_NUMBER}),
            "kind": _text(1),
            "recipient": _text(),
            "recipient_name": _text(),
            "subject": _text(),
            "state": {"enum": ["pending", "sent", "dead"]},
            "attempts": {"type": "integer", "minimum": 0},
            "last_error": _nullable(_text()),
            "created_at": STAMP,
            "sent_at": _nullable(STAMP),
        }
    )
    saved = _closed({"name": _text(1, 80), "query": _schema("Query")})
    error = _closed(
        {
            "error": _closed(
                {"code": {"enum": list(ERROR_CODES)}, "message": {"type": "string", "minLength": 1}}
            )
        }
    )
    return {
        "Error": error,
        "Tribunal": tribunal,
        "Me": _closed(
            {
                "id": {"type": "integer", "minimum": 1},
                "name": _text(),
                "role": _text(1),
                "tribunals": _list(tribunal),
            }
        ),
        "Colleagues": _closed({"staff": _list(colleague)}),
        "Assignee": _closed({"id": {"type": "integer", "minimum": 1}, "name": _text()}),
        **_queue(),
        **_case_parts(),
        "Case": _case(),
        "BulkResult": _closed(
            {
                "assigned": _list({"type": "string", "pattern": CASE_NUMBER}),
                "refused": _list(
                    _closed({"number": _text(1), "message": {"type": "string", "minLength": 1}})
                ),
            }
        ),
        "Query": _query(),
        "SavedFilter": saved,
        "Filters": _closed({"filters": _list(saved)}),
        "Mail": mail,
        "Outbox": _closed({"mail": _list(mail)}),
        **_requests(),
    }


def _json(schema_name: str, description: str, *, headers: Schema | None = None) -> Schema:
    """A JSON response whose every header set includes ``X-Request-Id``."""
    return {
        "description": description,
        "headers": {"X-Request-Id": _ref("headers", "StaffRequestId"), **(headers or {})},
        "content": {"application/json": {"schema": _schema(schema_name)}},
    }


def _responses() -> dict[str, Schema]:
    """One reusable error response per status."""
    responses: dict[str, Schema] = {}
    for status, description in ERROR_DESCRIPTIONS.items():
        extra = {"Retry-After": _ref("headers", "StaffRetryAfter")} if status == 429 else None
        responses[f"Staff{status}"] = _json("Error", description, headers=extra)
    return responses


def _operation(
    operation_id: str,
    summary: str,
    ok: tuple[int, str | None, str],
    errors: tuple[int, ...],
    *,
    body: str | None = None,
    parameters: list[Schema] | None = None,
    raw: Schema | None = None,
) -> Schema:
    """One operation: its success response, its error responses, and what it takes."""
    status, schema_name, description = ok
    if raw is not None:
        success: Schema = raw
    elif schema_name is None:
        success = {
            "description": description,
            "headers": {"X-Request-Id": _ref("headers", "StaffRequestId")},
        }
    else:
        success = _json(schema_name, description)
    responses: dict[int, Schema] = {status: success}
    for code in errors:
        responses[code] = _ref("responses", f"Staff{code}")
    operation: Schema = {
        "operationId": operation_id,
        "summary": summary,
        "tags": ["staff"],
        "parameters": [_ref("parameters", "StaffLang"), *(parameters or [])],
        "responses": {str(code): responses[code] for code in sorted(responses)},
        "security": [{"staffBearer": []}],
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _schema(body)}},
        }
    return operation


def _download() -> Schema:
    return {
        "description": "The document's bytes, with the media type it was stored with.",
        "headers": {
            "X-Request-Id": _ref("headers", "StaffRequestId"),
            "Content-Disposition": {
                "description": "`attachment; filename=...`: save it, do not show it inline.",
                "required": True,
                "schema": {"type": "string", "pattern": "^attachment;"},
            },
        },
        "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
    }


def _paths() -> dict[str, Schema]:
    number = _ref("parameters", "StaffCaseNumber")
    case_ok = (200, "Case", "The whole case, after the change.")
    queue_params = [_ref("parameters", f"StaffQuery_{name}") for name in QUEUE_PARAMS]
    return {
        f"{PREFIX}/me": {
            "get": _operation("staff_me", "Who the token is.", (200, "Me", "The caller."), READ)
        },
        f"{PREFIX}/staff": {
            "get": _operation(
                "staff_colleagues",
                "The staff sharing a tribunal with the caller, for assigning.",
                (200, "Colleagues", "The colleagues, the caller included."),
                READ,
            )
        },
        f"{PREFIX}/cases": {
            "get": _operation(
                "staff_queue",
                "One page of the caller's tribunals' cases, filtered and sorted.",
                (200, "Queue", "The page, and the cursor of the next (null on the last)."),
                READ,
                parameters=queue_params,
            )
        },
        f"{PREFIX}/cases/{{number}}": {
            "parameters": [number],
            "get": _operation("staff_case", "The whole case.", (200, "Case", "The case."), ON_CASE),
        },
        f"{PREFIX}/cases/{{number}}/attachments/{{attachment}}": {
            "parameters": [number, _ref("parameters", "StaffAttachmentId")],
            "get": _operation(
                "staff_document",
                "One document of the case, to open or save.",
                (200, None, ""),
                ON_CASE,
                raw=_download(),
            ),
        },
        f"{PREFIX}/cases/{{number}}/steps": {
            "parameters": [number],
            "post": _operation(
                "staff_step",
                "Take a lifecycle step (optimistic locking on `version`).",
                case_ok,
                (*ON_CASE, *WRITE, 409),
                body="StepRequest",
            ),
        },
        f"{PREFIX}/cases/{{number}}/assign": {
            "parameters": [number],
            "post": _operation(
                "staff_assign",
                "Assign the case to a colleague, to the caller (`me`), or to nobody (null).",
                case_ok,
                (*ON_CASE, *WRITE, 409),
                body="AssignRequest",
            ),
        },
        f"{PREFIX}/assign": {
            "post": _operation(
                "staff_bulk_assign",
                "Assign several cases at once; each is assigned or refused on its own.",
                (200, "BulkResult", "Which were assigned, and why the others were not."),
                (*READ, *WRITE),
                body="BulkAssignRequest",
            )
        },
        f"{PREFIX}/cases/{{number}}/notes": {
            "parameters": [number],
            "post": _operation(
                "staff_note",
                "Add an internal note, which parties never see.",
                (201, "Note", "The note."),
                (*ON_CASE, *WRITE),
                body="NoteRequest",
            ),
        },
        f"{PREFIX}/cases/{{number}}/messages": {
            "parameters": [number],
            "post": _operation(
                "staff_message",
                "Send a message to one party or all; it is queued for delivery.",
                (201, "Message", "The message, stored and queued."),
                (*ON_CASE, *WRITE),
                body="MessageRequest",
            ),
        },
        f"{PREFIX}/cases/{{number}}/hearing": {
            "parameters": [number],
            "post": _operation(
                "staff_hearing",
                "Start a hearing (partshøring) of a counterparty; the case goes to `hearing`.",
                (200, "Case", "The case, in hearing; the hearing letter is queued."),
                (*ON_CASE, *WRITE, 409),
                body="HearingRequest",
            ),
        },
        f"{PREFIX}/filters": {
            "get": _operation(
                "staff_filters",
                "The caller's saved queue filters.",
                (200, "Filters", "The filters, by name."),
                READ,
            )
        },
        f"{PREFIX}/filters/{{name}}": {
            "parameters": [_ref("parameters", "StaffFilterName")],
            "put": _operation(
                "staff_save_filter",
                "Save a queue filter under a name, replacing one of the same name.",
                (200, "SavedFilter", "The filter as saved."),
                (*READ, *WRITE),
                body="FilterRequest",
            ),
            "delete": _operation(
                "staff_delete_filter",
                "Delete a saved filter.",
                (204, None, "Deleted."),
                (*READ, 404),
            ),
        },
        f"{PREFIX}/outbox": {
            "get": _operation(
                "staff_outbox",
                "Queued mail by state, newest first (dead letters by default).",
                (200, "Outbox", "The mail."),
                READ,
                parameters=[_ref("parameters", "StaffOutboxState")],
            )
        },
        f"{PREFIX}/outbox/{{id}}/retry": {
            "parameters": [_ref("parameters", "StaffMailId")],
            "post": _operation(
                "staff_retry",
                "Send a dead letter again.",
                (200, "Mail", "The mail, pending again."),
                (*READ, 404, 409),
            ),
        },
    }


def _parameters() -> dict[str, Schema]:
    def query(name: str, description: str, schema: Schema) -> Schema:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
        }

    found: dict[str, Schema] = {
        f"StaffQuery_{name}": query(name, description, schema)
        for name, (description, schema) in QUEUE_PARAMS.items()
    }
    found.update(
        {
            "StaffLang": query(
                "lang", "The language of labels and errors.", {"enum": list(LANGUAGES)}
            ),
            "StaffOutboxState": query(
                "state",
                "Which mail: `dead` (default), `pending` or `sent`.",
                {"enum": ["pending", "sent", "dead"]},
            ),
            "StaffCaseNumber": {
                "name": "number",
                "in": "path",
                "required": True,
                "description": "The case number, such as `101-10001`.",
                "schema": {"type": "string", "pattern": CASE_NUMBER},
            },
            "StaffAttachmentId": {
                "name": "attachment",
                "in": "path",
                "required": True,
                "description": "A document's id, from the case's `attachments`.",
                "schema": {"type": "string", "pattern": ATTACHMENT_ID},
            },
            "StaffFilterName": {
                "name": "name",
                "in": "path",
                "required": True,
                "description": "The filter's name.",
                "schema": {"type": "string", "pattern": FILTER_NAME},
            },
            "StaffMailId": {
                "name": "id",
                "in": "path",
                "required": True,
                "description": "The mail's id, from the outbox listing.",
                "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
            },
        }
    )
    return found


@functools.cache
def document() -> dict[str, Any]:
    """The staff API as an OpenAPI 3.1 document of its own (paths and components).

    Built on the first call and shared afterwards: callers must not change it.
    """
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "naevn staff API",
            "version": "1.0.0",
            "summary": "Work the tribunals' cases: the queue, a case, its steps and messages.",
            "description": (
                "Every call needs a staff token (`Authorization: Bearer <token>`) and sees only "
                "the cases of the caller's tribunals. Labels and errors are in Danish unless "
                "`?lang=en` or `Accept-Language: en` asks for English."
            ),
        },
        "paths": _paths(),
        "components": {
            "schemas": {f"Staff{name}": schema for name, schema in _schemas().items()},
            "responses": _responses(),
            "headers": {
                "StaffRequestId": {
                    "description": "An id for this request, to quote when reporting a problem.",
                    "required": True,
                    "schema": {"type": "string", "minLength": 1},
                },
                "StaffRetryAfter": {
                    "description": "Whole seconds until a new request will be accepted.",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                },
            },
            "parameters": _parameters(),
            "securitySchemes": {
                "staffBearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A staff token, from `naevn staff add`.",
                }
            },
        },
    }
