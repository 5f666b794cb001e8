"""The service's one OpenAPI document: the filer API's and the staff API's, merged.

The slices may not import each other, so each keeps its own document
(:func:`assistant.api.openapi.document`, :func:`console.api.openapi.document`) and the
composition root joins them here; ``/api/v1/openapi.json`` serves the result.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from assistant.api import openapi as filer
from console.api import openapi as staff
from console.public import openapi as public


@functools.cache
def document() -> dict[str, Any]:
    """The filer API's document with the staff API's paths and components added.

    Built on the first call and shared afterwards: callers must not change it.

    Raises:
        AssertionError: the two documents name the same path or component differently.
    """
    merged = copy.deepcopy(filer.document())
    other = staff.document()
    merged["info"] = {
        **merged["info"],
        "title": "naevn API",
        "summary": "File a case with the Danish rent tribunals, and work the cases (staff).",
    }
    merged["tags"] = [
        {"name": "staff", "description": other["info"]["description"]},
    ]
    _join(merged["paths"], other["paths"], "path")
    for kind, parts in other["components"].items():
        _join(merged["components"].setdefault(kind, {}), parts, kind)
    registers = public.document()
    merged["tags"].append({"name": "public", "description": registers["description"]})
    _join(merged["paths"], registers["paths"], "path")
    for kind, parts in registers["components"].items():
        _join(merged["components"].setdefault(kind, {}), parts, kind)
    return merged


def _join(into: dict[str, Any], more: dict[str, Any], kind: str) -> None:
    for name, part in more.items():
        if name in into and into[name] != part:
            raise AssertionError(f"the filer and staff documents both define the {kind} {name}")
        into[name] = part
