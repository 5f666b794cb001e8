"""Reading the dates people type, in Danish or English, and checking that they make sense."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Final

from statemachine.errors import InvalidInputError
from statemachine.text import t

MIN_YEAR: Final = 1900
"""The earliest year accepted; anything before is almost surely a typing mistake."""
MAX_YEAR: Final = 2100
"""The latest year accepted."""

MONTHS: Final[Mapping[str, int]] = {
    # Danish full names.
    "januar": 1,
    "februar": 2,
    "marts": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    # English full names (april, august, september, november, december are shared).
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "october": 10,
    # Abbreviations in both languages.
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
"""Month names and abbreviations, lower case, to month numbers."""

_SUFFIX: Final = r"(?:\.|st|nd|rd|th)?"
"""What may follow a day number: a Danish full stop ("1.") or an English ordinal ("1st")."""
_WORD: Final = r"([^\W\d_]+)\.?"
"""A month name or abbreviation, perhaps with a full stop ("okt.")."""

# Numeric forms are read day first (the Danish convention), unless the first number is a year.
_NUMERIC = re.compile(r"(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,4})\.?")
_DAY_MONTH_YEAR = re.compile(rf"(?:den\s+)?(\d{{1,2}}){_SUFFIX}\s*{_WORD},?\s+(\d{{1,4}})")
_MONTH_DAY_YEAR = re.compile(rf"{_WORD}\s+(\d{{1,2}}){_SUFFIX},?\s+(\d{{1,4}})")
# A day and a month with no year get their own hint, since the year is easy to forget.
_NUMERIC_NO_YEAR = re.compile(r"(?:den\s+)?\d{1,2}\s*[./-]\s*\d{1,2}\.?")
_NAMED_NO_YEAR = re.compile(
    rf"(?:den\s+)?\d{{1,2}}{_SUFFIX}\s*{_WORD}|{_WORD}\s+\d{{1,2}}{_SUFFIX}"
)


def parse_date(text: str) -> date:
    """Read a date as a person would type it, in Danish or English.

    Accepted: ``2026-10-01``, ``1/10/2026``, ``01-10-2026``, ``1.10.2026``,
    ``1. oktober 2026``, ``1 oktober 2026``, ``1 October 2026``, ``October 1, 2026``, and
    three-letter month abbreviations (``1 okt 2026``, ``Oct 1, 2026``). Case and surrounding
    whitespace do not matter. Numbers are read day first, as in Denmark.

    Args:
        text: what the person typed.

    Returns:
        The date.

    Raises:
        InvalidInputError: it is not a date, the year has two digits or lies outside 1900-2100,
            or the day does not exist in that month. The message says what to type instead.
    """
    cleaned = " ".join(text.split()).casefold()
    numeric = _NUMERIC.fullmatch(cleaned)
    if numeric:
        first, month, last = numeric.groups()
        if len(first) >= 3 and len(last) <= 2:
            return _build(year=int(first), month=int(month), day=int(last))
        if len(first) <= 2:
            return _build(year=_year(last), month=int(month), day=int(first))
        raise _not_a_date()
    day_first = _DAY_MONTH_YEAR.fullmatch(cleaned)
    if day_first and day_first.group(2) in MONTHS:
        day, name, year = day_first.groups()
        return _build(year=_year(year), month=MONTHS[name], day=int(day))
    month_first = _MONTH_DAY_YEAR.fullmatch(cleaned)
    if month_first and month_first.group(1) in MONTHS:
        name, day, year = month_first.groups()
        return _build(year=_year(year), month=MONTHS[name], day=int(day))
    named = _NAMED_NO_YEAR.fullmatch(cleaned)
    if _NUMERIC_NO_YEAR.fullmatch(cleaned) or (
        named and (named.group(1) or named.group(2)) in MONTHS
    ):
        raise InvalidInputError(t("Please add the year, for example 1/10/2026."))
    raise _not_a_date()


def _year(digits: str) -> int:
    """Read a year, refusing two digits: 26 could mean 1926 or 2026."""
    if len(digits) <= 2:
        raise InvalidInputError(
            t("Please write the year with four digits, for example 1/10/2026 instead of 1/10/26.")
        )
    return int(digits)


def _build(year: int, month: int, day: int) -> date:
    """Make the date, or explain which part is wrong."""
    # Numbers go into messages as strings, so that no locale adds a thousands separator to a year.
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInputError(
            t(
                "The year {year} looks wrong. Please write a year between 1900 and 2100.",
                year=str(year),
            )
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInputError(
            t(
                "There is no {day}/{month}/{year}. Please check the day and the month.",
                day=str(day),
                month=str(month),
                year=str(year),
            )
        ) from None


def _not_a_date() -> InvalidInputError:
    """The error for text that is not a date at all."""
    return InvalidInputError(t("Please write a date, for example 1/10/2026."))


def check_not_future(d: date, today: date) -> None:
    """Refuse a date after today, for questions about something that has already happened.

    Args:
        d: the date given.
        today: today's date.

    Raises:
        InvalidInputError: ``d`` is after ``today``.
    """
    if d > today:
        raise InvalidInputError(
            t(
                "That date is in the future. This question asks for a date that has already"
                " happened. Please check the day, the month and the year."
            )
        )
