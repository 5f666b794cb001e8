"""The registers' filters as a request gives them (``?municipality=101&outcome=REJECTED``).

The same names serve the pages, the JSON API and the CSV export. A value that does not fit is
an :class:`InvalidInputError` (422) naming the parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Final

from casestore.failures import BAD_CURSOR
from casestore.registerrecords import DecisionQuery, RentQuery
from console.public.labels import CATEGORIES, METHODS, OUTCOMES
from statemachine.errors import InvalidInputError
from statemachine.text import N_, t

DEFAULT_LIMIT: Final = 50
"""Rows per page unless ``limit`` says otherwise."""
MAX_LIMIT: Final = 200
"""The most rows a page of the API may hold."""

BAD_NUMBER = N_("{name} must be a whole number.")
BAD_RANGE = N_("{name} must be from {low} to {high}.")
BAD_DATE = N_("{name} must be a date such as 2025-05-12.")
BAD_CHOICE = N_("{name} can be one of: {valid}.")
BAD_CODE = N_("{name} must be a code such as {example}.")

_CODE: Final = re.compile(r"[a-z0-9_:.\-]{1,160}")
"""A subject, statute or tribunal code."""
_CURSOR: Final = re.compile(r"[A-Za-z0-9_\-]{1,200}")

DECISION_FILTERS: Final = (
    "municipality",
    "tribunal",
    "subject",
    "outcome",
    "statute",
    "from",
    "to",
)
"""The decision register's filters, in the order the forms show them."""
RENT_FILTERS: Final = (
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
"""The rent register's filters."""


def decision_query(params: Mapping[str, str], *, limit: int = DEFAULT_LIMIT) -> DecisionQuery:
    """The decision register's filters from request parameters (empty ones ignored).

    Raises:
        InvalidInputError: a value does not fit its parameter.
    """
    given = _given(params)
    return DecisionQuery(
        municipality=_int(given, "municipality", 100, 999),
        tribunal=_code(given, "tribunal", "hln-101"),
        subject=_code(given, "subject", "maintenance"),
        outcome=_choice(given, "outcome", OUTCOMES),
        statute=_code(given, "statute", "lejeloven:1:1"),
        decided_from=_date(given, "from"),
        decided_to=_date(given, "to"),
        limit=_int(given, "limit", 1, MAX_LIMIT) or limit,
        after=_cursor(given),
    )


def rent_query(params: Mapping[str, str], *, limit: int = DEFAULT_LIMIT) -> RentQuery:
    """The rent register's filters from request parameters (empty ones ignored).

    Raises:
        InvalidInputError: a value does not fit its parameter.
    """
    given = _given(params)
    return RentQuery(
        municipality=_int(given, "municipality", 100, 999),
        tribunal=_code(given, "tribunal", "hln-101"),
        method=_choice(given, "method", METHODS),
        category=_choice(given, "category", CATEGORIES),
        postcode=_int(given, "postcode", 1000, 9999),
        area_min=_int(given, "area_min", 0, 100000),
        area_max=_int(given, "area_max", 0, 100000),
        decided_from=_date(given, "from"),
        decided_to=_date(given, "to"),
        limit=_int(given, "limit", 1, MAX_LIMIT) or limit,
        after=_cursor(given),
    )


def _given(params: Mapping[str, str]) -> dict[str, str]:
    return {name: value.strip() for name, value in params.items() if value.strip()}


def _int(given: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    raw = given.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise InvalidInputError(t(BAD_NUMBER, name=name))
    value = int(raw)
    if not low <= value <= high:
        raise InvalidInputError(t(BAD_RANGE, name=name, low=str(low), high=str(high)))
    return value


def _code(given: Mapping[str, str], name: str, example: str) -> str | None:
    raw = given.get(name)
    if raw is None:
        return None
    if not _CODE.fullmatch(raw):
        raise InvalidInputError(t(BAD_CODE, name=name, example=example))
    return raw


def _choice(given: Mapping[str, str], name: str, valid: Mapping[str, str]) -> str | None:
    raw = given.get(name)
    if raw is None:
        return None
    if raw not in valid:
        raise InvalidInputError(t(BAD_CHOICE, name=name, valid=", ".join(valid)))
    return raw


def _date(given: Mapping[str, str], name: str) -> date | None:
    raw = given.get(name)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw) if len(raw) == 10 else _bad_date(name)
    except ValueError:
        return _bad_date(name)


def _bad_date(name: str) -> date:
    raise InvalidInputError(t(BAD_DATE, name=name))


def _cursor(given: Mapping[str, str]) -> str | None:
    raw = given.get("after")
    if raw is not None and not _CURSOR.fullmatch(raw):
        raise InvalidInputError(t(BAD_CURSOR))
    return raw
