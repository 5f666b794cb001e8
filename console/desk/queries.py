"""The queue's filters as the staff API names them, read into the store's query.

``GET /cases?status=submitted,assigned&assignee=me&due=7&sort=filed`` and a saved filter are
the same mapping of names to text; :func:`queue_query` reads one, checks every value, and
gives the store's :class:`casestore.QueueQuery`, always scoped to the caller's tribunals.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final, Literal, cast

from casestore import QueueQuery
from console.access import Staff, scoped
from statemachine.catalog.ids import CASE_TYPES
from statemachine.catalog.tribunals import tribunal as tribunal_named
from statemachine.errors import InvalidInputError, UnknownIdError
from statemachine.flows import lifecycle
from statemachine.text import N_, t

FIELDS: Final = (
    "status",
    "case_type",
    "tribunal",
    "assignee",
    "housing",
    "filed_from",
    "filed_to",
    "due",
    "q",
    "sort",
    "order",
    "after",
    "limit",
)
"""The queue's query parameters, in the order the document lists them."""

SORTS: Final = ("deadline", "filed", "number")
"""What the queue sorts by."""
HOUSINGS: Final = ("private", "social")
"""The housing a case may be about."""
MAX_LIMIT: Final = 500
"""The most cases one page holds."""
DEFAULT_LIMIT: Final = 50
"""Cases per page when none is asked for."""
MAX_DUE_DAYS: Final = 3660
"""The widest deadline window (about ten years)."""

UNKNOWN_FIELD = N_("The queue has no filter called {name}. Use: {valid}.")
BAD_VALUE = N_("{name} can be one of: {valid}.")
BAD_LIMIT = N_("limit must be a whole number from 1 to {most}.")
BAD_DATE = N_("{name} must be a date such as 2026-11-23.")
BAD_DUE = N_("due must be a number of days from 0 to {most}, or overdue.")
BAD_ASSIGNEE = N_("assignee must be me, none or a staff id.")


def queue_query(staff: Staff, params: Mapping[str, Any], today: date) -> QueueQuery | None:
    """The store's query for a queue request of ``staff``.

    Args:
        staff: the caller; the query never reaches beyond their tribunals.
        params: the query parameters (text, or an int for ``limit``).
        today: for the deadline window.

    Returns:
        The query, or None when the tribunal filter leaves none of the caller's (the page
        is empty).

    Raises:
        InvalidInputError: an unknown parameter or value; the message says what to give.
    """
    for name in params:
        if name not in FIELDS:
            raise InvalidInputError(t(UNKNOWN_FIELD, name=name, valid=", ".join(FIELDS)))
    get = {name: _text(name, value) for name, value in params.items()}
    tribunals = _tribunals(get.get("tribunal"))
    allowed = scoped(staff, tribunals)
    if not allowed:
        return None
    due, overdue = _due(get.get("due"))
    return QueueQuery(
        tribunals=allowed,
        status=_ids("status", get.get("status"), lifecycle.STATUSES),
        case_type=_ids("case_type", get.get("case_type"), CASE_TYPES),
        assignee=_assignee(staff, get.get("assignee")),
        housing=_one("housing", get.get("housing"), HOUSINGS),
        filed_from=_date("filed_from", get.get("filed_from")),
        filed_to=_date("filed_to", get.get("filed_to")),
        due_within_days=due,
        overdue=overdue,
        today=today,
        text=_search(get.get("q")),
        sort=cast(
            Literal["deadline", "filed", "number"],
            _one("sort", get.get("sort"), SORTS) or "deadline",
        ),
        descending=_one("order", get.get("order"), ("asc", "desc")) == "desc",
        after=get.get("after") or None,
        limit=_limit(params.get("limit")),
    )


def saved_query(params: Mapping[str, Any]) -> dict[str, Any]:
    """A filter's query as it is saved: the known names, values as given (checked first by
    the caller with :func:`queue_query`), empty ones and the page cursor left out."""
    return {
        name: value
        for name, value in params.items()
        if name in FIELDS and name != "after" and value not in ("", None)
    }


def _text(name: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidInputError(t(BAD_VALUE, name=name, valid="text"))
    return str(value).strip()


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


def _ids(name: str, value: str | None, valid: tuple[str, ...] | frozenset[str]) -> tuple[str, ...]:
    given = _split(value)
    for one in given:
        if one not in valid:
            raise InvalidInputError(t(BAD_VALUE, name=name, valid=", ".join(sorted(valid))))
    return given


def _one(name: str, value: str | None, valid: tuple[str, ...]) -> str | None:
    if not value:
        return None
    if value not in valid:
        raise InvalidInputError(t(BAD_VALUE, name=name, valid=", ".join(valid)))
    return value


def _tribunals(value: str | None) -> tuple[str, ...]:
    codes = []
    for code in _split(value):
        try:
            codes.append(tribunal_named(code).code)
        except UnknownIdError as err:
            raise InvalidInputError(err.message) from None
    return tuple(codes)


def _assignee(staff: Staff, value: str | None) -> int | Literal["none"] | None:
    if not value:
        return None
    if value == "me":
        return staff.id
    if value == "none":
        return "none"
    if value.isascii() and value.isdigit() and 0 < len(value) < 10:
        return int(value)
    raise InvalidInputError(t(BAD_ASSIGNEE))


def _date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else _no_date(name)
    except ValueError:
        return _no_date(name)


def _no_date(name: str) -> date:
    raise InvalidInputError(t(BAD_DATE, name=name))


def _due(value: str | None) -> tuple[int | None, bool]:
    if not value:
        return None, False
    if value == "overdue":
        return None, True
    if value.isascii() and value.isdigit() and int(value) <= MAX_DUE_DAYS:
        return int(value), False
    raise InvalidInputError(t(BAD_DUE, most=MAX_DUE_DAYS))


def _search(value: str | None) -> str | None:
    return value or None


def _limit(value: Any) -> int:
    if value is None or value == "":
        return DEFAULT_LIMIT
    text = str(value).strip()
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()) or len(text) > 4:
        raise InvalidInputError(t(BAD_LIMIT, most=MAX_LIMIT))
    limit = int(text)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInputError(t(BAD_LIMIT, most=MAX_LIMIT))
    return limit
