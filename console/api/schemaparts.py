"""The pieces every part of the staff API's OpenAPI document builds its schemas from: a
reference to a ``Staff`` component, a closed object, a nullable value, and the common
string formats. :mod:`console.api.schemas` and the ``*paths`` modules share them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

Schema = dict[str, Any]
"""A JSON Schema (OpenAPI 3.1 dialect) or any other part of the document."""

Operation = Callable[..., Schema]
"""The staff document's operation builder (:func:`console.api.openapi._operation`)."""

DAY: Final = {"type": "string", "format": "date"}
"""A calendar date, ``YYYY-MM-DD``."""

STAMP: Final = {"type": "string", "format": "date-time"}
"""A moment, ISO 8601 with offset."""

TEXT: Final = {"type": "string"}
"""Any text."""


def staff(name: str) -> Schema:
    """A reference to the component schema ``Staff<name>``."""
    return {"$ref": f"#/components/schemas/Staff{name}"}


def nullable(schema: Schema) -> Schema:
    """``schema`` or ``null``."""
    return {"anyOf": [schema, {"type": "null"}]}


def closed(properties: Schema, required: list[str] | None = None) -> Schema:
    """An object with exactly these properties (all required unless listed otherwise)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }
