"""Tests for reading typed dates and refusing ones that make no sense."""

from __future__ import annotations

from datetime import date

import pytest

from statemachine.engine.dates import MONTHS, check_not_future, parse_date
from statemachine.errors import InvalidInputError
from statemachine.text import Param, Text

OCT_1 = date(2026, 10, 1)
NOT_A_DATE = "Please write a date, for example 1/10/2026."
NO_SUCH_DAY = "There is no {day}/{month}/{year}. Please check the day and the month."
BAD_YEAR = "The year {year} looks wrong. Please write a year between 1900 and 2100."
TWO_DIGIT_YEAR = "Please write the year with four digits, for example 1/10/2026 instead of 1/10/26."
NO_YEAR = "Please add the year, for example 1/10/2026."


@pytest.mark.parametrize(
    "text",
    [
        # Numeric, day first, with every separator.
        "2026-10-01",
        "2026-10-1",
        "1/10/2026",
        "01/10/2026",
        "01-10-2026",
        "1-10-2026",
        "1.10.2026",
        "01.10.2026",
        "1 / 10 / 2026",
        # Danish.
        "1. oktober 2026",
        "1 oktober 2026",
        "1. okt. 2026",
        "1 okt 2026",
        "den 1. oktober 2026",
        "1.oktober 2026",
        # English.
        "1 October 2026",
        "October 1, 2026",
        "October 1 2026",
        "Oct 1, 2026",
        "Oct. 1, 2026",
        "1 Oct 2026",
        "1st October 2026",
        # Case and surrounding whitespace do not matter.
        "  1. OKTOBER 2026\n",
        "\t1/10/2026 ",
        "OCTOBER   1,   2026",
    ],
)
def test_accepted_forms(text: str) -> None:
    assert parse_date(text) == OCT_1


def test_numbers_are_read_day_first() -> None:
    assert parse_date("2/3/2026") == date(2026, 3, 2)
    assert parse_date("12.11.2026") == date(2026, 11, 12)


@pytest.mark.parametrize(
    ("danish", "english", "month"),
    [
        ("januar", "january", 1),
        ("februar", "february", 2),
        ("marts", "march", 3),
        ("april", "april", 4),
        ("maj", "may", 5),
        ("juni", "june", 6),
        ("juli", "july", 7),
        ("august", "august", 8),
        ("september", "september", 9),
        ("oktober", "october", 10),
        ("november", "november", 11),
        ("december", "december", 12),
    ],
)
def test_every_month_name_in_both_languages(danish: str, english: str, month: int) -> None:
    expected = date(2026, month, 3)
    assert parse_date(f"3. {danish} 2026") == expected
    assert parse_date(f"3 {danish.capitalize()} 2026") == expected
    assert parse_date(f"3 {english} 2026") == expected
    assert parse_date(f"{english.capitalize()} 3, 2026") == expected
    assert parse_date(f"3 {english[:3]} 2026") == expected
    assert parse_date(f"3. {danish[:3]}. 2026") == expected


@pytest.mark.parametrize(
    ("abbreviation", "month"),
    [("mar", 3), ("maj", 5), ("may", 5), ("okt", 10), ("oct", 10), ("dec", 12), ("sept", 9)],
)
def test_abbreviations(abbreviation: str, month: int) -> None:
    assert MONTHS[abbreviation] == month
    assert parse_date(f"15 {abbreviation} 2026") == date(2026, month, 15)


def test_29_february_only_in_leap_years() -> None:
    assert parse_date("29/2/2024") == date(2024, 2, 29)
    assert parse_date("29. februar 2028") == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("text", "msgid", "params"),
    [
        ("", NOT_A_DATE, {}),
        ("   ", NOT_A_DATE, {}),
        ("yesterday", NOT_A_DATE, {}),
        ("i går", NOT_A_DATE, {}),
        ("3 days", NOT_A_DATE, {}),
        ("1 smarch 2026", NOT_A_DATE, {}),
        ("2026-10-01T10:00", NOT_A_DATE, {}),
        ("1/10/2026/5", NOT_A_DATE, {}),
        ("31/2/2026", NO_SUCH_DAY, {"day": "31", "month": "2", "year": "2026"}),
        ("29/2/2026", NO_SUCH_DAY, {"day": "29", "month": "2", "year": "2026"}),
        ("31 April 2026", NO_SUCH_DAY, {"day": "31", "month": "4", "year": "2026"}),
        ("30. februar 2026", NO_SUCH_DAY, {"day": "30", "month": "2", "year": "2026"}),
        ("2026-13-01", NO_SUCH_DAY, {"day": "1", "month": "13", "year": "2026"}),
        ("0/10/2026", NO_SUCH_DAY, {"day": "0", "month": "10", "year": "2026"}),
        ("1/1/1899", BAD_YEAR, {"year": "1899"}),
        ("1 October 2101", BAD_YEAR, {"year": "2101"}),
        ("1/10/202", BAD_YEAR, {"year": "202"}),
        ("1/10/26", TWO_DIGIT_YEAR, {}),
        ("01-10-26", TWO_DIGIT_YEAR, {}),
        ("1. oktober 26", TWO_DIGIT_YEAR, {}),
        ("October 1, 26", TWO_DIGIT_YEAR, {}),
        ("1/10", NO_YEAR, {}),
        ("1. oktober", NO_YEAR, {}),
        ("October 1", NO_YEAR, {}),
    ],
)
def test_refused_with_a_message_that_says_what_to_type(
    text: str, msgid: str, params: dict[str, Param]
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_date(text)
    assert caught.value.message == Text(msgid, params)


@pytest.mark.parametrize(
    ("given", "today", "refused"),
    [
        (date(2026, 11, 22), date(2026, 11, 23), False),
        (date(2026, 11, 23), date(2026, 11, 23), False),
        (date(2026, 11, 24), date(2026, 11, 23), True),
        (date(2027, 1, 1), date(2026, 12, 31), True),
    ],
)
def test_check_not_future(given: date, today: date, refused: bool) -> None:
    if refused:
        with pytest.raises(InvalidInputError, match="in the future"):
            check_not_future(given, today)
    else:
        check_not_future(given, today)
