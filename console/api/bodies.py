"""Reading a staff request's JSON body: the object, and each field checked for its kind.

A field of the wrong kind, or one the route does not take, is refused with a sentence that
says what to give (422); a body that is no JSON object is unreadable (400).
"""

from __future__ import annotations

import json
from typing import Any, Final

from aiohttp import web

from console.desk import StaffRef
from statemachine.errors import FileTypeError, InvalidInputError, RequestError
from statemachine.text import N_, t

LARGEST_ID: Final = 2**31 - 1
"""The largest id (or version) the store's integer columns hold."""

NOT_JSON = N_("The request body must be a JSON object, for example {example}.")
COMPRESSED = N_("Send the request as it is, without compressing it (no Content-Encoding).")
BAD_FIELD = N_("{name} must be {kind}.")
NO_FIELD = N_("Give {name}.")
UNKNOWN_FIELD = N_("The request has no field {name}. Give: {valid}.")


async def body_of(request: web.Request, example: str) -> dict[str, Any]:
    """The request's JSON object body.

    Raises:
        FileTypeError: the body is compressed.
        RequestError: it is not a JSON object.
    """
    if request.headers.get("Content-Encoding", "identity").strip().lower() != "identity":
        raise FileTypeError(t(COMPRESSED))
    raw = await request.read()
    try:
        body = json.loads(raw)
        if b"\\u" in raw:
            # A lone surrogate ("\ud800") is no text and could not be stored or shown.
            json.dumps(body, ensure_ascii=False).encode()
    except (ValueError, RecursionError):
        body = None
    if not isinstance(body, dict):
        raise RequestError(t(NOT_JSON, example=example))
    return body


def only(body: dict[str, Any], *names: str) -> None:
    """Refuse a field the route does not take.

    Raises:
        InvalidInputError: one of the body's fields is not in ``names``.
    """
    for name in body:
        if name not in names:
            raise InvalidInputError(
                t(
                    "The request has no field {name}. Give: {valid}.",
                    name=name,
                    valid=", ".join(names),
                )
            )


def text_field(body: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    """The text field ``name`` (None if absent and not required).

    Raises:
        InvalidInputError: missing though required, or not text.
    """
    value = body.get(name)
    if value is None:
        if required:
            raise InvalidInputError(t(NO_FIELD, name=name))
        return None
    if not isinstance(value, str):
        raise InvalidInputError(t(BAD_FIELD, name=name, kind=t("text")))
    return value


def int_field(
    body: dict[str, Any], name: str, *, required: bool = False, least: int = 1
) -> int | None:
    """The whole-number field ``name``, from ``least`` (1, or 0 for a version never saved) to
    :data:`LARGEST_ID`.

    Raises:
        InvalidInputError: missing though required, or not such a number.
    """
    value = body.get(name)
    if value is None:
        if required:
            raise InvalidInputError(t(NO_FIELD, name=name))
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= LARGEST_ID:
        kind = t("a whole number from 0") if least == 0 else t("a whole number from 1")
        raise InvalidInputError(t(BAD_FIELD, name=name, kind=kind))
    return value


def ids_field(body: dict[str, Any], name: str) -> list[str]:
    """The list of document ids ``name`` (empty if absent), each once.

    Raises:
        InvalidInputError: not a list of at most 30 texts.
    """
    value = body.get(name, [])
    if not isinstance(value, list) or len(value) > 30 or not all(isinstance(v, str) for v in value):
        raise InvalidInputError(t(BAD_FIELD, name=name, kind=t("a list of document ids")))
    return list(dict.fromkeys(value))


def staff_ref(value: Any, *, nullable: bool) -> StaffRef:
    """Whom to assign to: a staff id, ``"me"``, or (``nullable``) None.

    Raises:
        InvalidInputError: anything else.
    """
    if value is None and nullable:
        return None
    if value == "me":
        return "me"
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= LARGEST_ID:
        return value
    kind = t("a staff id, me or null") if nullable else t("a staff id or me")
    raise InvalidInputError(t(BAD_FIELD, name="staff", kind=kind))
