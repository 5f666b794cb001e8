"""The OpenAPI 3.1 paths of the public registers' API, data only; the composition root merges
them into the service's one document (``naevn/web/openapi.py``).

Component names start with ``Public``; the common error responses (400, 429, 500, 503) and
the ``X-Request-Id`` header are the staff API's own components, which the merged document
holds too.
"""

from __future__ import annotations

import functools
from typing import Any, Final

from console.public.labels import CATEGORIES, METHODS, OUTCOMES
from console.public.params import MAX_LIMIT

API: Final = "/api/v1/public"
"""Where the registers' JSON and CSV live (as :data:`console.public.routes.API`)."""

Schema = dict[str, Any]


def _ref(kind: str, name: str) -> Schema:
    return {"$ref": f"#/components/{kind}/{name}"}


def _query(name: str, description: str, schema: Schema) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


_DAY: Final = {"type": "string", "format": "date"}
_TEXT: Final = {"type": "string"}
_OPT_TEXT: Final = {"type": ["string", "null"]}
_INT: Final = {"type": "integer"}
_LABELLED: Final = {
    "type": "object",
    "required": ["id", "label"],
    "properties": {"id": _TEXT, "label": _TEXT},
}

_COMMON: Final[dict[str, tuple[str, Schema]]] = {
    "municipality": (
        "The kommunekode, such as 101.",
        {"type": "integer", "minimum": 100, "maximum": 999},
    ),
    "tribunal": ("The tribunal's code, such as hln-101.", {"type": "string", "maxLength": 160}),
    "from": ("Decided on or after this date.", _DAY),
    "to": ("Decided on or before this date.", _DAY),
    "limit": (
        "Rows per page (50 by default).",
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
    ),
    "after": ("The `next` cursor of the page before.", {"type": "string", "maxLength": 200}),
    "lang": ("The language of the labels.", {"enum": ["da", "en"]}),
}
_DECISION_FILTERS: Final[dict[str, tuple[str, Schema]]] = {
    "subject": (
        "A subject (case type id), such as maintenance.",
        {"type": "string", "maxLength": 160},
    ),
    "outcome": ("The closure reason.", {"enum": list(OUTCOMES)}),
    "statute": ("A statute's id, such as lejeloven:1:1.", {"type": "string", "maxLength": 160}),
}
_RENT_FILTERS: Final[dict[str, tuple[str, Schema]]] = {
    "method": ("The rent-setting method.", {"enum": list(METHODS)}),
    "category": ("The rent's unit.", {"enum": list(CATEGORIES)}),
    "postcode": ("The postal number.", {"type": "integer", "minimum": 1000, "maximum": 9999}),
    "area_min": ("At least this many m².", {"type": "integer", "minimum": 0, "maximum": 100000}),
    "area_max": ("At most this many m².", {"type": "integer", "minimum": 0, "maximum": 100000}),
}
_DECISION_PARAMS: Final = (
    "municipality",
    "tribunal",
    "subject",
    "outcome",
    "statute",
    "from",
    "to",
)
_RENT_PARAMS: Final = (
    "municipality",
    "tribunal",
    "method",
    "category",
    "postcode",
    "area_min",
    "area_max",
    "from",
    "to",
)


def _decision() -> Schema:
    fields: Schema = {
        "id": _INT,
        "case_number": _TEXT,
        "version": _INT,
        "listed": {"type": "boolean"},
        "replaced_by": {"type": ["integer", "null"]},
        "withdrawn_at": _OPT_TEXT,
        "correction_reason": _OPT_TEXT,
        "municipality_code": _INT,
        "municipality_name": _TEXT,
        "tribunal": _TEXT,
        "tribunal_name": _TEXT,
        "board": {"enum": ["hln", "bkn"]},
        "filed_on": _DAY,
        "decided_on": _DAY,
        "published_at": _TEXT,
        "submitter": _TEXT,
        "outcome": _TEXT,
        "outcome_label": _TEXT,
        "in_favour": _TEXT,
        "locally_inspected": _TEXT,
        "public_interest": _TEXT,
        "fee_imposed": _TEXT,
        "subjects": {"type": "array", "items": _LABELLED},
        "statutes": {"type": "array", "items": _LABELLED},
        "document": _OPT_TEXT,
    }
    return {"type": "object", "required": list(fields), "properties": fields}


def _rent() -> Schema:
    fields: Schema = {
        "id": _INT,
        "decision_id": _INT,
        "municipality_code": _INT,
        "municipality_name": _TEXT,
        "tribunal": _TEXT,
        "decided_on": _DAY,
        "street": _TEXT,
        "number": _TEXT,
        "floor": _TEXT,
        "door": _TEXT,
        "postcode": _INT,
        "method": _TEXT,
        "method_label": _TEXT,
        "category": _TEXT,
        "declaration": _TEXT,
        "amount": {"type": "string", "description": "DKK, as a decimal: `7500.00`."},
        "area": _INT,
        "rent_from": {"type": ["string", "null"], "format": "date"},
    }
    return {"type": "object", "required": list(fields), "properties": fields}


def _page(item: str) -> Schema:
    return {
        "type": "object",
        "required": ["items", "next"],
        "properties": {
            "items": {"type": "array", "items": _ref("schemas", item)},
            "next": {"type": ["string", "null"], "description": "The next page's cursor."},
        },
    }


def _errors(*statuses: int) -> dict[str, Schema]:
    own = {404, 422}
    return {
        str(code): _ref("responses", f"Public{code}" if code in own else f"Staff{code}")
        for code in statuses
    }


def _ok(description: str, content: Schema) -> Schema:
    return {
        "description": description,
        "headers": {"X-Request-Id": _ref("headers", "StaffRequestId")},
        "content": content,
    }


def _operation(op_id: str, summary: str, ok: Schema, params: list[Schema], *errors: int) -> Schema:
    return {
        "operationId": op_id,
        "summary": summary,
        "tags": ["public"],
        "parameters": params,
        "responses": {"200": ok} | _errors(400, *errors, 429, 500, 503),
        "security": [],
    }


def _json(name: str) -> Schema:
    return {"application/json": {"schema": _ref("schemas", name)}}


def _csv() -> Schema:
    return {"text/csv": {"schema": {"type": "string"}}}


def _paths() -> dict[str, Schema]:
    def params(
        names: tuple[str, ...], extra: tuple[str, ...] = ("limit", "after", "lang")
    ) -> list[Schema]:
        return [_ref("parameters", f"Public_{name}") for name in (*names, *extra)]

    decision_id = {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "The decision's register id.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    }
    return {
        f"{API}/decisions": {
            "get": _operation(
                "public_decisions",
                "A page of the Afgørelsesregister, newest decision first, filtered.",
                _ok(
                    "The page, and the next page's cursor (null on the last).",
                    _json("PublicDecisionPage"),
                ),
                params(_DECISION_PARAMS),
                422,
            )
        },
        f"{API}/decisions.csv": {
            "get": _operation(
                "public_decisions_csv",
                "Every decision the filter matches as CSV, streamed.",
                _ok("The CSV (a header line, then one line per decision).", _csv()),
                params(_DECISION_PARAMS, ()),
                422,
            )
        },
        f"{API}/decisions/{{id}}": {
            "parameters": [decision_id],
            "get": _operation(
                "public_decision",
                "One decision (a withdrawn version too), with the rents it set.",
                _ok("The decision.", _json("PublicDecisionDetail")),
                [_ref("parameters", "Public_lang")],
                404,
                422,
            ),
        },
        f"{API}/decisions/{{id}}/document": {
            "parameters": [decision_id],
            "get": _operation(
                "public_document",
                "The anonymised decision as PDF.",
                _ok(
                    "The PDF.",
                    {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                ),
                [],
                404,
            ),
        },
        f"{API}/rents": {
            "get": _operation(
                "public_rents",
                "A page of the Huslejeregister, newest decision first, filtered.",
                _ok(
                    "The page, and the next page's cursor (null on the last).",
                    _json("PublicRentPage"),
                ),
                params(_RENT_PARAMS),
                422,
            )
        },
        f"{API}/rents.csv": {
            "get": _operation(
                "public_rents_csv",
                "Every rent the filter matches as CSV, streamed.",
                _ok("The CSV (a header line, then one line per rent).", _csv()),
                params(_RENT_PARAMS, ()),
                422,
            )
        },
    }


def _responses() -> dict[str, Schema]:
    def error(description: str) -> Schema:
        return {
            "description": description,
            "headers": {"X-Request-Id": _ref("headers", "StaffRequestId")},
            "content": {"application/json": {"schema": _ref("schemas", "StaffError")}},
        }

    return {
        "Public404": error("No published decision with that id, or it has no document."),
        "Public422": error(
            "A filter's value does not fit (the message names it), or a stale cursor."
        ),
    }


@functools.cache
def document() -> dict[str, Any]:
    """The registers' paths and components (not a whole document: see the module's note).

    Built on the first call and shared afterwards: callers must not change it.
    """
    parameters = {
        f"Public_{name}": _query(name, description, schema)
        for name, (description, schema) in (_COMMON | _DECISION_FILTERS | _RENT_FILTERS).items()
    }
    decision = _decision()
    detail = {
        **decision,
        "required": [*decision["required"], "rents"],
        "properties": {
            **decision["properties"],
            "rents": {"type": "array", "items": _ref("schemas", "PublicRent")},
        },
    }
    return {
        "description": (
            "The public Afgørelsesregister and Huslejeregister: no login, no party's name. "
            "Pages are read by keyset: pass a page's `next` as `after`."
        ),
        "paths": _paths(),
        "components": {
            "schemas": {
                "PublicDecision": decision,
                "PublicDecisionDetail": detail,
                "PublicDecisionPage": _page("PublicDecision"),
                "PublicRent": _rent(),
                "PublicRentPage": _page("PublicRent"),
            },
            "responses": _responses(),
            "parameters": parameters,
        },
    }
