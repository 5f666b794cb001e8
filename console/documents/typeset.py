"""Typesetting with Typst: a template under ``templates/`` and its data make a PDF (or a PNG
of a page, to look at).

A template reads its data as JSON from ``sys.inputs.data``::

    #let data = json(bytes(sys.inputs.data))

Typst brings its own fonts, so Danish letters need nothing from the system, and a template
cannot read files outside its folder.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, Literal

import typst

from statemachine.errors import NaevnError
from statemachine.text import N_, t

log = logging.getLogger("naevn.documents")

TEMPLATES: Final = Path(__file__).parent / "templates"
"""The documents' Typst templates."""

FAILED = N_("The document could not be typeset. Nothing was changed.")


def typeset(
    template: str, data: Mapping[str, Any], *, output: Literal["pdf", "png"] = "pdf"
) -> bytes:
    """The document ``templates/<template>.typ`` filled in with ``data``.

    Args:
        template: the template's name, without ``.typ``.
        data: what the template shows, as JSON values (dates as ISO strings, amounts as text).
        output: ``pdf``, or ``png`` for the first page as an image.

    Raises:
        NaevnError: Typst refused the template or its data (a bug: logged with its message).
    """
    source = TEMPLATES / f"{template}.typ"
    try:
        made = typst.compile(
            source,
            root=TEMPLATES,
            format=output,
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        )
    except (RuntimeError, ValueError) as err:  # typst's TypstError is a RuntimeError
        log.error("typesetting failed", extra={"template": template, "error": str(err)[:2000]})
        raise NaevnError(t(FAILED)) from err
    if isinstance(made, list):  # a PNG per page: the first
        made = made[0]
    assert isinstance(made, bytes)
    return made
