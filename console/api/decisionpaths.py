"""The OpenAPI paths and schemas of the staff API's decision calls (:mod:`console.api.decisions`),
merged into the staff document by :mod:`console.api.openapi` and :mod:`console.api.schemas`."""

from __future__ import annotations

from typing import Final

from console.api.schemaparts import DAY, STAMP, TEXT, Operation, Schema, closed, nullable, staff
from statemachine.catalog import decisions as catalog

_ID: Final = {"type": "string", "minLength": 1}


def _box(*, request: bool) -> Schema:
    """The box's fields; in a request each is optional and may be null (not given)."""
    enums = {name: {"enum": list(values)} for name, values in catalog.BOX_FIELDS.items()}
    fields: Schema = {
        **enums,
        "decided_on": DAY,
        "subjects": {"type": "array", "items": {"type": "string"}, "maxItems": 40},
        "statutes": {"type": "array", "items": {"type": "string"}, "maxItems": 200},
        "rent_amount": TEXT,
        "rent_area": {"type": "integer", "minimum": 1},
        "rent_from": DAY,
    }
    if request:
        loose = {
            name: nullable({"type": ["string", "number", "integer", "array"]}) for name in fields
        }
        texts = {name: nullable({"type": "string", "maxLength": 50000}) for name in _TEXTS}
        return {"type": "object", "properties": {**loose, **texts}, "additionalProperties": False}
    optional = {"decided_on", "rent_method", "rent_category", "rent_declaration", "rent_amount"}
    optional |= {"rent_area", "rent_from"}
    return closed({k: nullable(v) if k in optional else v for k, v in fields.items()})


_TEXTS: Final = ("decision_text", "facts_text", "reasons_text")

_VERSION: Final = closed(
    {
        "version": {"type": "integer", "minimum": 1},
        "state": {"enum": ["draft", "registered"]},
        "decided_on": nullable(DAY),
        "outcome": {"enum": list(catalog.CLOSING_REASONS)},
        "correction_reason": nullable(TEXT),
        "registered_at": nullable(STAMP),
        "notified_on": nullable(DAY),
        "document_id": nullable(TEXT),
    }
)


def _row() -> Schema:
    box = _box(request=False)["properties"]
    texts = {name: nullable(TEXT) for name in _TEXTS}
    return closed({**_VERSION["properties"], **box, **texts, "outcome_label": {"type": "string"}})


def _document() -> Schema:
    pair = {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}
    section = closed(
        {
            "key": {"enum": ["decision", "facts", "reasons", "appeal"]},
            "heading": _ID,
            "paragraphs": {"type": "array", "items": TEXT},
            "items": {"type": "array", "items": TEXT},
        }
    )
    return closed(
        {
            "header": {"type": "array", "items": pair},
            "box": {"type": "array", "items": pair},
            "standard": TEXT,
            "sections": {"type": "array", "items": section},
        }
    )


def _choices() -> Schema:
    choice = closed({"id": _ID, "label": TEXT})
    lists = {name: {"type": "array", "items": choice} for name in catalog.BOX_FIELDS}
    lists |= {"subjects": {"type": "array", "items": choice}}
    lists |= {"statutes": {"type": "array", "items": choice}}
    lists |= {"labels": {"type": "object", "additionalProperties": {"type": "string"}}}
    return closed(lists)


def schemas() -> dict[str, Schema]:
    """The decision calls' component schemas, by their names without the ``Staff`` prefix."""
    return {
        "Decision": closed(
            {
                "number": {"type": "string", "pattern": "^[0-9]{3}-[0-9]+$"},
                "status": _ID,
                "case_version": {"type": "integer", "minimum": 1},
                "draft": nullable(staff("DecisionVersionFull")),
                "current": nullable(staff("DecisionVersionFull")),
                "versions": {"type": "array", "items": staff("DecisionVersion")},
                "box": _box(request=False),
                "document": _document(),
                "standard": closed({"decision": TEXT, "facts": TEXT, "reasons": TEXT}),
                "decides_rent": {"type": "boolean"},
                "problems": {"type": "array", "items": TEXT},
                "choices": _choices(),
                "correction": {"type": "boolean"},
            }
        ),
        "DecisionVersion": _VERSION,
        "DecisionVersionFull": _row(),
        "DecisionRequest": closed(
            {
                "fields": _box(request=True),
                "version": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                "correction_reason": {"type": "string", "maxLength": 2000},
            },
            required=[],
        ),
        "RegisterRequest": closed(
            {
                "version": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                "case_version": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
            }
        ),
        "DecisionInvalid": closed(
            {
                "error": closed({"code": {"const": "invalid"}, "message": _ID}),
                "problems": {"type": "array", "items": TEXT},
            },
            required=["error"],
        ),
    }


def paths(
    operation: Operation, prefix: str, number: Schema, errors: dict[str, tuple[int, ...]]
) -> dict[str, Schema]:
    """The decision calls' paths, built with the staff document's ``_operation``.

    Args:
        operation: :func:`console.api.openapi._operation`.
        prefix: the staff API's prefix.
        number: the case number path parameter.
        errors: ``on_case`` and ``write``, the staff document's error lists.
    """
    on_case, write = errors["on_case"], errors["write"]
    invalid = {
        "description": "The decision is not acceptable; `problems` lists every reason.",
        "headers": {"X-Request-Id": {"$ref": "#/components/headers/StaffRequestId"}},
        "content": {"application/json": {"schema": staff("DecisionInvalid")}},
    }
    ok = (200, "Decision", "The case's decision: draft, current, versions, document.")
    read = operation("staff_decision", "The case's decision, draft or registered.", ok, on_case)
    save = operation(
        "staff_save_decision",
        "Save the draft decision (a correction needs `correction_reason`).",
        ok,
        (*on_case, *write, 409),
        body="DecisionRequest",
    )
    register = operation(
        "staff_register_decision",
        "Register the draft: the case is decided and the parties are sent the PDF.",
        ok,
        (*on_case, *write, 409),
        body="RegisterRequest",
    )
    for found in (save, register):
        found["responses"]["422"] = invalid
    pdf = operation(
        "staff_decision_document",
        "The decision as PDF: the draft (UDKAST), or a registered version as sent.",
        (200, None, ""),
        on_case,
        parameters=[
            {
                "name": "version",
                "in": "query",
                "required": False,
                "description": "A version of the decision; without it the draft, else the "
                "current decision.",
                "schema": {"type": "string", "maxLength": 12},
            }
        ],
        raw={
            "description": "The decision PDF.",
            "headers": {
                "X-Request-Id": {"$ref": "#/components/headers/StaffRequestId"},
                "Content-Disposition": {
                    "description": "`attachment; filename=...`.",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^attachment;"},
                },
            },
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        },
    )
    return {
        f"{prefix}/cases/{{number}}/decision": {"parameters": [number], "get": read, "put": save},
        f"{prefix}/cases/{{number}}/decision/register": {
            "parameters": [number],
            "post": register,
        },
        f"{prefix}/cases/{{number}}/decision/document": {"parameters": [number], "get": pdf},
    }
