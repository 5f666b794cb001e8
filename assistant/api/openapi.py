"""The OpenAPI 3.1 document of the filer API: data only, built once and served as is.

The schemas are tight on purpose (required fields, closed objects, id shapes), so a fuzzer
checking responses against them catches a real drift between the service and its contract.
Only what the protocol leaves open is open: a turn's ``input.current`` and an answer's
``value`` may be any JSON. The turn's and the attachment's fields are those of their types in
:mod:`assistant.protocol`; building the document fails if the two ever differ.
"""

from __future__ import annotations

import functools
from typing import Any, Final

from assistant.filetypes import ACCEPTED
from assistant.protocol import Attachment, Files, Turn, TurnInput, TurnOption, TurnProgress
from locales import LANGUAGES
from statemachine.engine.kinds import INPUT_KINDS
from statemachine.errors import ERROR_CODES

Schema = dict[str, Any]
"""A JSON Schema (OpenAPI 3.1 dialect) or any other part of the document."""

SESSION_ID: Final = "^s_[A-Za-z0-9_-]{22}$"
"""The shape of a session id (``codes.new_session_id``)."""
ATTACHMENT_ID: Final = "^a_[A-Za-z0-9_-]{22}$"
"""The shape of an attachment id."""
RESUME_CODE: Final = "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"
"""A resume code as issued: four groups of four Crockford base-32 characters."""
CASE_NUMBER: Final = "^[0-9]{3}-[0-9]+$"
"""A case number: the municipality code, a hyphen, the running number."""
IDEMPOTENCY_KEY: Final = "^[\\x21-\\x7e]{1,200}$"
"""An Idempotency-Key: 1 to 200 visible ASCII characters."""

ACTIONS: Final = ("back", "help", "save", "restart")
"""The actions an answer may take anywhere in the dialogue (``edit`` is separate)."""

ERROR_DESCRIPTIONS: Final = {
    400: "The request cannot be read: not a JSON object, not multipart, or a bad header.",
    401: "No bearer token, or a malformed `Authorization` header.",
    403: "The bearer token is not this session's.",
    404: "No such session, resume code or route.",
    409: "The answer is for an older version of the turn, the filing was submitted, the "
    "draft was resumed a moment ago, or an answer still names the file; for an answer the "
    "body carries the current turn.",
    413: "The request or file is over a limit (20 MB a file, 100 MB or 30 files a case).",
    415: "The file's content is of a type that is not accepted, or the body is compressed "
    "(send it without `Content-Encoding`).",
    422: "The request is well formed but not acceptable (see the message).",
    429: "Too many requests from this client; try again after `Retry-After` seconds.",
    500: "An unexpected error in the service.",
    503: "The case store cannot be reached.",
}
"""What each error status means, for the document's readers."""

SESSION_ERRORS: Final = (401, 403, 404, 429, 500, 503)
"""The errors of every call on one session."""


def _ref(kind: str, name: str) -> Schema:
    return {"$ref": f"#/components/{kind}/{name}"}


def _schema(name: str) -> Schema:
    return _ref("schemas", name)


def _closed(properties: Schema, required: list[str] | None = None) -> Schema:
    """An object with exactly these properties (all required unless listed otherwise)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _typed(typed: Any, properties: Schema) -> Schema:
    """A closed object with exactly the fields of the TypedDict ``typed``, in its order, and
    its required keys as required.

    Raises:
        AssertionError: ``properties`` names other fields than ``typed`` has.
    """
    fields = list(typed.__annotations__)
    if set(properties) != set(fields):
        raise AssertionError(
            f"the schema of {typed.__name__} has {sorted(properties)}, the type {sorted(fields)}"
        )
    required = [name for name in fields if name in typed.__required_keys__]
    return _closed({name: properties[name] for name in fields}, required=required)


def _text(max_length: int | None = None) -> Schema:
    schema: Schema = {"type": "string"}
    if max_length is not None:
        schema["maxLength"] = max_length
    return schema


def _schemas() -> dict[str, Schema]:
    """The document's component schemas."""
    version = {
        "type": "integer",
        "minimum": 0,
        "description": "The `version` of the turn being answered; a stale one gives 409.",
    }
    option = _typed(
        TurnOption, {"id": {"type": "string", "minLength": 1}, "label": {"type": "string"}}
    )
    turn_input = _typed(
        TurnInput,
        {
            "kind": {"enum": list(INPUT_KINDS)},
            "required": {"type": "boolean"},
            "options": {"type": "array", "items": option},
            "current": {"description": "The answer already given here, for display: any JSON."},
        },
    )
    turn = _typed(
        Turn,
        {
            "session": {"type": "string", "pattern": SESSION_ID},
            "lang": {"enum": list(LANGUAGES)},
            "state": {"type": "string", "minLength": 1},
            "messages": {"type": "array", "items": {"type": "string"}},
            "prompt": {"type": "string"},
            "help": {"type": ["string", "null"]},
            "input": turn_input,
            "errors": {"type": "array", "items": {"type": "string"}},
            "progress": _typed(
                TurnProgress,
                {
                    "step": {"type": "integer", "minimum": 0},
                    "total": {"type": "integer", "minimum": 1},
                    "title": {"type": "string", "minLength": 1},
                },
            ),
            "actions": {
                "type": "array",
                "items": {"enum": list(ACTIONS)},
                "uniqueItems": True,
            },
            "done": {"type": "boolean"},
            "case_number": {"type": ["string", "null"], "pattern": CASE_NUMBER},
            "version": {"type": "integer", "minimum": 0},
            "item": {"type": "string", "minLength": 1},
            "access_code": {
                "type": "string",
                "minLength": 1,
                "description": "Only on the turn that filed the case: the filer's access code "
                "for Mine sager, shown this once.",
            },
        },
    )
    turn["description"] = "What the assistant says and what it asks for (the turn protocol)."
    value_answer = _closed(
        {"value": {"description": "The answer to the question: any JSON."}, "version": version},
        required=["value"],
    )
    action_answer = _closed({"action": {"enum": list(ACTIONS)}, "version": version}, ["action"])
    edit_answer = _closed(
        {
            "action": {"const": "edit"},
            "target": {"type": "string", "minLength": 1, "maxLength": 200},
            "version": version,
        },
        required=["action", "target"],
    )
    error = _closed(
        {
            "error": _closed(
                {"code": {"enum": list(ERROR_CODES)}, "message": {"type": "string", "minLength": 1}}
            ),
            "turn": _schema("Turn"),
        },
        required=["error"],
    )
    error["description"] = "An error; a 409 on an answer also carries the current turn."
    attachment = _typed(
        Attachment,
        {
            "id": {"type": "string", "pattern": ATTACHMENT_ID},
            "filename": {"type": "string", "minLength": 1, "maxLength": 200},
            "size": {"type": "integer", "minimum": 1},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "media_type": {"enum": sorted(ACCEPTED)},
        },
    )
    secrets = {
        "session": {"type": "string", "pattern": SESSION_ID},
        "token": {"type": "string", "pattern": "^[A-Za-z0-9_-]{32,200}$"},
    }
    return {
        "Turn": turn,
        "Answer": {
            "description": "A value, an action, or an edit of an earlier answer.",
            "oneOf": [value_answer, action_answer, edit_answer],
        },
        "Error": error,
        "Attachment": attachment,
        "Uploaded": _closed({"attachment": _schema("Attachment")}),
        "Files": _typed(
            Files,
            {
                "attachments": {"type": "array", "items": _schema("Attachment"), "maxItems": 30},
                "in_use": {
                    "type": "array",
                    "items": {"type": "string", "pattern": ATTACHMENT_ID},
                    "uniqueItems": True,
                },
            },
        ),
        "Started": _closed(
            {
                **secrets,
                "resume_code": {"type": "string", "pattern": RESUME_CODE},
                "turn": _schema("Turn"),
            }
        ),
        "Resumed": _closed({**secrets, "turn": _schema("Turn")}),
        "Health": _closed(
            {"status": {"enum": ["ok", "unavailable"]}, "store": {"enum": ["ok", "unreachable"]}}
        ),
        "StartRequest": _closed({"lang": {"enum": list(LANGUAGES)}}, required=[]),
        "ResumeRequest": _closed(
            {"resume_code": {"type": "string", "minLength": 1, "maxLength": 100}}
        ),
        "Upload": {
            "type": "object",
            "properties": {
                "file": {"type": "string", "contentMediaType": "application/octet-stream"}
            },
            "required": ["file"],
        },
    }


def _headers() -> dict[str, Schema]:
    return {
        "RequestId": {
            "description": "An id for this request, to quote when reporting a problem.",
            "required": True,
            "schema": {"type": "string", "minLength": 1},
        },
        "RetryAfter": {
            "description": "Whole seconds until a new request will be accepted.",
            "required": True,
            "schema": {"type": "integer", "minimum": 1},
        },
    }


def _json(schema_name: str, description: str, *, headers: Schema | None = None) -> Schema:
    """A JSON response whose every header set includes ``X-Request-Id``."""
    return {
        "description": description,
        "headers": {"X-Request-Id": _ref("headers", "RequestId"), **(headers or {})},
        "content": {"application/json": {"schema": _schema(schema_name)}},
    }


def _responses() -> dict[str, Schema]:
    """One reusable error response per status."""
    responses: dict[str, Schema] = {}
    for status, description in ERROR_DESCRIPTIONS.items():
        extra = {"Retry-After": _ref("headers", "RetryAfter")} if status == 429 else None
        responses[str(status)] = _json("Error", description, headers=extra)
    return responses


def _operation(
    operation_id: str,
    summary: str,
    ok: tuple[int, str, str],
    errors: tuple[int, ...],
    *,
    secured: bool = False,
    body: Schema | None = None,
    parameters: list[Schema] | None = None,
    extra: dict[int, Schema] | None = None,
) -> Schema:
    """One operation: its success response, its error responses, and what it takes."""
    status, schema_name, description = ok
    responses = {status: _json(schema_name, description), **(extra or {})}
    for code in errors:
        responses[code] = _ref("responses", str(code))
    operation: Schema = {
        "operationId": operation_id,
        "summary": summary,
        "responses": {str(code): responses[code] for code in sorted(responses)},
    }
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        operation["requestBody"] = body
    operation["security"] = [{"bearer": []}] if secured else []
    return operation


def _json_body(schema_name: str, *, required: bool = True) -> Schema:
    return {
        "required": required,
        "content": {"application/json": {"schema": _schema(schema_name)}},
    }


def _paths() -> dict[str, Schema]:
    session_id = _ref("parameters", "SessionId")
    return {
        "/api/v1/sessions": {
            "post": _operation(
                "start",
                "Start a dialogue in Danish (the default) or English.",
                (201, "Started", "The session, its secrets and its first turn."),
                (400, 413, 422, 429, 500, 503),
                body=_json_body("StartRequest", required=False),
            )
        },
        "/api/v1/sessions/resume": {
            "post": _operation(
                "resume",
                "Continue a saved draft by its resume code; the new token replaces the old.",
                (200, "Resumed", "The session, a new token and its current turn."),
                (400, 404, 409, 413, 422, 429, 500, 503),
                body=_json_body("ResumeRequest"),
            )
        },
        "/api/v1/sessions/{id}": {
            "parameters": [session_id],
            "get": _operation(
                "current",
                "The session's current turn.",
                (200, "Turn", "The current turn."),
                SESSION_ERRORS,
                secured=True,
            ),
        },
        "/api/v1/sessions/{id}/answers": {
            "parameters": [session_id],
            "post": _operation(
                "answer",
                "Answer the current turn; bad input comes back as the same turn with errors.",
                (200, "Turn", "The next turn, or the same one with `errors` filled in."),
                (*SESSION_ERRORS, 400, 409, 413, 422),
                secured=True,
                body=_json_body("Answer"),
                parameters=[_ref("parameters", "IdempotencyKey")],
            ),
        },
        "/api/v1/sessions/{id}/attachments": {
            "parameters": [session_id],
            "post": _operation(
                "attach",
                "Upload one file as the multipart field `file`.",
                (201, "Uploaded", "The file is kept; answer a file question with its id."),
                (*SESSION_ERRORS, 400, 409, 413, 415, 422),
                secured=True,
                body={
                    "required": True,
                    "content": {"multipart/form-data": {"schema": _schema("Upload")}},
                },
            ),
            "get": _operation(
                "files",
                "The files uploaded to this draft, oldest first.",
                (200, "Files", "The draft's files."),
                SESSION_ERRORS,
                secured=True,
            ),
        },
        "/api/v1/sessions/{id}/attachments/{attachment}": {
            "parameters": [session_id, _ref("parameters", "AttachmentId")],
            "delete": _operation(
                "remove_file",
                "Remove an uploaded file that no answer names, before the case is filed.",
                (200, "Uploaded", "The file is removed; this is what it was."),
                (*SESSION_ERRORS, 409),
                secured=True,
            ),
        },
        "/api/v1/openapi.json": {
            "get": _operation(
                "openapi",
                "This document.",
                (200, "OpenApi", "The OpenAPI 3.1 document of the filer API."),
                (429, 500),
            )
        },
        "/healthz": {
            "get": _operation(
                "health",
                "Liveness, and whether the case store can be reached.",
                (200, "Health", "The service and its store are up."),
                (429, 500),
                extra={503: _json("Health", "The service is up but its store is unreachable.")},
            )
        },
    }


@functools.cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the filer API.

    Built on the first call and shared afterwards: callers must not change it.
    """
    schemas = _schemas()
    schemas["OpenApi"] = {
        "type": "object",
        "required": ["openapi", "info", "paths"],
        "properties": {"openapi": {"type": "string", "pattern": "^3\\.1\\."}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "naevn filer API",
            "version": "1.0.0",
            "summary": "File a case with the Danish rent tribunals by answering an assistant.",
            "description": (
                "Every response carries an `X-Request-Id` header. Errors are "
                '`{"error": {"code", "message"}}`, the message in the filer\'s language.'
            ),
        },
        "paths": _paths(),
        "components": {
            "schemas": schemas,
            "responses": _responses(),
            "headers": _headers(),
            "parameters": {
                "SessionId": {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "description": "The session id, as returned when the session started.",
                    "schema": {"type": "string", "pattern": SESSION_ID},
                },
                "AttachmentId": {
                    "name": "attachment",
                    "in": "path",
                    "required": True,
                    "description": "The file's id, as returned when it was uploaded.",
                    "schema": {"type": "string", "pattern": ATTACHMENT_ID},
                },
                "IdempotencyKey": {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": False,
                    "description": "Makes a retry safe: the same key and body replay the "
                    "same turn; the same key with another body is refused (422).",
                    "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY},
                },
            },
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The session's token, from starting or resuming it.",
                }
            },
        },
    }
