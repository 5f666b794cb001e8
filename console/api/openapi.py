"""The OpenAPI 3.1 paths of the staff API, and its document: data only, built once.

The service serves it merged with the filer API's (``naevn/web/openapi.py``): every component
name here starts with ``Staff``, so the two never collide. The schemas are in
:mod:`console.api.schemas`.
"""

from __future__ import annotations

import functools
from typing import Any, Final

from console.api.schemaparts import Schema
from console.api.schemas import (
    ATTACHMENT_ID,
    CASE_NUMBER,
    QUEUE_PARAMS,
    ref,
    schema,
    schemas,
)
from locales import LANGUAGES

PREFIX: Final = "/api/v1/staff"
"""Where the staff API lives."""

FILTER_NAME: Final = "^[^/\\x00-\\x1f\\x7f]{1,80}$"
"""A saved filter's name: 1 to 80 characters, no slash and no control characters."""
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


def _json(schema_name: str, description: str, *, headers: Schema | None = None) -> Schema:
    """A JSON response whose every header set includes ``X-Request-Id``."""
    return {
        "description": description,
        "headers": {"X-Request-Id": ref("headers", "StaffRequestId"), **(headers or {})},
        "content": {"application/json": {"schema": schema(schema_name)}},
    }


def _responses() -> dict[str, Schema]:
    """One reusable error response per status."""
    responses: dict[str, Schema] = {}
    for status, description in ERROR_DESCRIPTIONS.items():
        extra = {"Retry-After": ref("headers", "StaffRetryAfter")} if status == 429 else None
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
            "headers": {"X-Request-Id": ref("headers", "StaffRequestId")},
        }
    else:
        success = _json(schema_name, description)
    responses: dict[int, Schema] = {status: success}
    for code in errors:
        responses[code] = ref("responses", f"Staff{code}")
    operation: Schema = {
        "operationId": operation_id,
        "summary": summary,
        "tags": ["staff"],
        "parameters": [ref("parameters", "StaffLang"), *(parameters or [])],
        "responses": {str(code): responses[code] for code in sorted(responses)},
        "security": [{"staffBearer": []}],
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema(body)}},
        }
    return operation


def _download() -> Schema:
    return {
        "description": "The document's bytes, with the media type it was stored with.",
        "headers": {
            "X-Request-Id": ref("headers", "StaffRequestId"),
            "Content-Disposition": {
                "description": "`attachment; filename=...`: save it, do not show it inline.",
                "required": True,
                "schema": {"type": "string", "pattern": "^attachment;"},
            },
        },
        "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
    }


def _export() -> Schema:
    return {
        "description": "A ZIP, streamed: `case.json` (the case with canonical ids: answers, "
        "parties, documents, deadlines, events, notes, messages, hearings, decision) and each "
        "document under `files/<id>/<name>`. Each export is noted in the case's audit trail.",
        "headers": {
            "X-Request-Id": ref("headers", "StaffRequestId"),
            "Content-Disposition": {
                "description": '`attachment; filename="sag-<number>.zip"`.',
                "required": True,
                "schema": {"type": "string", "pattern": "^attachment;"},
            },
        },
        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
    }


def _paths() -> dict[str, Schema]:
    from console.api import (  # here: they build on this module's _operation
        anonymisationpaths,
        decisionpaths,
        meetingpaths,
    )

    number = ref("parameters", "StaffCaseNumber")
    case_ok = (200, "Case", "The whole case, after the change.")
    queue_params = [ref("parameters", f"StaffQuery_{name}") for name in QUEUE_PARAMS]
    errors = {"on_case": ON_CASE, "write": WRITE}
    return {
        **decisionpaths.paths(_operation, PREFIX, number, errors),
        **anonymisationpaths.paths(_operation, PREFIX, number, errors),
        **meetingpaths.paths(_operation, PREFIX, {**errors, "read": READ}),
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
            "parameters": [number, ref("parameters", "StaffAttachmentId")],
            "get": _operation(
                "staff_document",
                "One document of the case, to open or save.",
                (200, None, ""),
                ON_CASE,
                raw=_download(),
            ),
        },
        f"{PREFIX}/cases/{{number}}/export": {
            "parameters": [number],
            "get": _operation(
                "staff_export",
                "The case for the records system (ESDH): a ZIP of `case.json` and its files.",
                (200, None, ""),
                ON_CASE,
                raw=_export(),
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
            "parameters": [ref("parameters", "StaffFilterName")],
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
                parameters=[ref("parameters", "StaffOutboxState")],
            )
        },
        f"{PREFIX}/outbox/{{id}}/retry": {
            "parameters": [ref("parameters", "StaffMailId")],
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
            "schemas": schemas(),
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
