"""The OpenAPI paths and schemas of the staff API's anonymisation calls
(:mod:`console.api.anonymisation`), merged into the staff document by :mod:`console.api.openapi`
and :mod:`console.api.schemas`."""

from __future__ import annotations

from typing import Final

from console.api.schemaparts import TEXT, Operation, Schema, closed
from statemachine.anonymisation import KINDS

_VERSION: Final = {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}
_SOURCES: Final = ["party", "pattern", "name_list", "caseworker"]


def _span(*, request: bool) -> Schema:
    """A replacement: the span of the text it covers, what stands instead, and whether it is
    kept; in a request the words it covers are not sent (the server reads them)."""
    fields: Schema = {
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 1},
        "replacement": {"type": "string", "minLength": 1, "maxLength": 200},
        "kind": {"enum": list(KINDS)},
        "source": {"enum": _SOURCES},
        "kept": {"type": "boolean"},
    }
    if request:
        return closed(fields, required=["start", "end", "replacement", "kind", "kept"])
    labels = {"kind_label": TEXT, "source_label": TEXT}
    return closed({**fields, "original": TEXT, **labels})


def schemas() -> dict[str, Schema]:
    """The anonymisation calls' component schemas, by their names without ``Staff``."""
    number = {"type": "string", "pattern": "^[0-9]{3}-[0-9]+$"}
    return {
        "Anonymisation": closed(
            {
                "number": number,
                "decision_version": {"type": "integer", "minimum": 1},
                "version": _VERSION,
                "state": {"enum": ["proposed", "accepted"]},
                "state_label": TEXT,
                "text": TEXT,
                "result": TEXT,
                "spans": {"type": "array", "items": _span(request=False)},
                "kinds": {
                    "type": "array",
                    "items": closed({"value": {"enum": list(KINDS)}, "label": TEXT}),
                },
                "accepted_by": {"anyOf": [TEXT, {"type": "null"}]},
                "accepted_at": {
                    "anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]
                },
                "can_accept": {"type": "boolean"},
            }
        ),
        "AnonymisationRequest": closed(
            {
                "version": _VERSION,
                "spans": {"type": "array", "items": _span(request=True), "maxItems": 5000},
            }
        ),
        "AcceptRequest": closed({"version": _VERSION}),
        "AnonymiseRequest": closed({"text": {"type": "string", "minLength": 1}}),
        "Anonymised": closed(
            {
                "number": number,
                "text": TEXT,
                "result": TEXT,
                "spans": {"type": "array", "items": _span(request=False)},
            }
        ),
    }


def paths(
    operation: Operation, prefix: str, number: Schema, errors: dict[str, tuple[int, ...]]
) -> dict[str, Schema]:
    """The anonymisation calls' paths, built with the staff document's ``_operation``.

    Args:
        operation: :func:`console.api.openapi._operation`.
        prefix: the staff API's prefix.
        number: the case number path parameter.
        errors: ``on_case`` and ``write``, the staff document's error lists.
    """
    on_case, write = errors["on_case"], errors["write"]
    ok = (200, "Anonymisation", "The preview: the text, every replacement, and the result.")
    read = operation(
        "staff_anonymisation",
        "The anonymisation preview of the case's current decision (a fresh proposal, version "
        "0, until one is saved).",
        ok,
        (*on_case, 409),
    )
    save = operation(
        "staff_save_anonymisation",
        "Save the replacements, kept or reverted, and those added by hand.",
        ok,
        (*on_case, *write, 409),
        body="AnonymisationRequest",
    )
    accept = operation(
        "staff_accept_anonymisation",
        "Accept the preview: its result is what the registers publish.",
        ok,
        (*on_case, *write, 409),
        body="AcceptRequest",
    )
    anonymise = operation(
        "staff_anonymise",
        "Any text of the case (for a hearing or an access request) with its replacements; "
        "nothing is kept.",
        (200, "Anonymised", "The text, its replacements and the result."),
        (*on_case, *write),
        body="AnonymiseRequest",
    )
    return {
        f"{prefix}/cases/{{number}}/anonymisation": {
            "parameters": [number],
            "get": read,
            "put": save,
        },
        f"{prefix}/cases/{{number}}/anonymisation/accept": {
            "parameters": [number],
            "post": accept,
        },
        f"{prefix}/cases/{{number}}/anonymise": {"parameters": [number], "post": anonymise},
    }
