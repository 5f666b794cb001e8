"""Tests for deadline date arithmetic and Danish working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from statemachine.catalog.calendar import Unit, act_by, add_period, is_working_day


@pytest.mark.parametrize(
    ("start", "amount", "unit", "end"),
    [
        # Month ends clamp to the last day of the shorter month.
        (date(2026, 1, 31), 1, "months", date(2026, 2, 28)),
        (date(2028, 1, 31), 1, "months", date(2028, 2, 29)),
        (date(2026, 3, 31), 1, "months", date(2026, 4, 30)),
        (date(2026, 8, 31), 1, "months", date(2026, 9, 30)),
        (date(2026, 12, 31), 2, "months", date(2027, 2, 28)),
        (date(2026, 11, 15), 1, "months", date(2026, 12, 15)),
        (date(2026, 12, 15), 1, "months", date(2027, 1, 15)),
        # 29 February.
        (date(2024, 2, 29), 1, "years", date(2025, 2, 28)),
        (date(2024, 2, 29), 4, "years", date(2028, 2, 29)),
        (date(2024, 2, 29), 1, "months", date(2024, 3, 29)),
        (date(2024, 1, 29), 1, "months", date(2024, 2, 29)),
        (date(2023, 3, 1), 1, "years", date(2024, 3, 1)),
        (date(2026, 10, 1), 3, "years", date(2029, 10, 1)),
        # Weeks end on the same weekday, across month and year ends.
        (date(2026, 8, 31), 6, "weeks", date(2026, 10, 12)),
        (date(2026, 10, 1), 6, "weeks", date(2026, 11, 12)),
        (date(2026, 11, 12), 6, "weeks", date(2026, 12, 24)),
        (date(2026, 12, 10), 4, "weeks", date(2027, 1, 7)),
        (date(2024, 2, 1), 4, "weeks", date(2024, 2, 29)),
        # Days are calendar days.
        (date(2026, 2, 20), 14, "days", date(2026, 3, 6)),
        (date(2024, 2, 20), 14, "days", date(2024, 3, 5)),
        (date(2026, 12, 25), 14, "days", date(2027, 1, 8)),
        (date(2026, 5, 5), 0, "days", date(2026, 5, 5)),
    ],
)
def test_add_period(start: date, amount: int, unit: Unit, end: date) -> None:
    assert add_period(start, amount, unit) == end


def test_add_period_weeks_keep_the_weekday() -> None:
    start = date(2026, 1, 1)
    for offset in range(366):
        day = start + timedelta(days=offset)
        assert add_period(day, 6, "weeks").weekday() == day.weekday()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 12), True),  # an ordinary Thursday
        (date(2026, 11, 14), False),  # Saturday
        (date(2026, 11, 15), False),  # Sunday
        # Easter 2026: Skærtorsdag, Langfredag, Påskedag, 2. påskedag.
        (date(2026, 4, 1), True),
        (date(2026, 4, 2), False),
        (date(2026, 4, 3), False),
        (date(2026, 4, 6), False),
        (date(2026, 4, 7), True),
        # Kristi himmelfartsdag and 2. pinsedag 2026.
        (date(2026, 5, 14), False),
        (date(2026, 5, 25), False),
        # 1 May is not named in retsplejeloven § 148 and is a working day.
        (date(2026, 5, 1), True),
        # Store bededag: a helligdag until 2023, abolished from 2024.
        (date(2023, 5, 5), False),
        (date(2024, 4, 26), True),
        # Grundlovsdag, also on a weekday in other years.
        (date(2026, 6, 5), False),
        (date(2025, 6, 5), False),
        (date(2026, 6, 4), True),
        # Christmas and New Year.
        (date(2026, 12, 23), True),
        (date(2026, 12, 24), False),
        (date(2026, 12, 25), False),
        (date(2025, 12, 26), False),
        (date(2025, 12, 29), True),
        (date(2025, 12, 31), False),
        (date(2026, 1, 1), False),
        (date(2026, 1, 2), True),
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_non_working_weekdays_of_2026_are_exactly_the_danish_list() -> None:
    """Pins the library's holiday list, so a change in `holidays` cannot slip past silently."""
    day, weekdays_off = date(2026, 1, 1), []
    while day.year == 2026:
        if day.weekday() < 5 and not is_working_day(day):
            weekdays_off.append(day)
        day += timedelta(days=1)
    assert weekdays_off == [
        date(2026, 1, 1),  # Nytårsdag
        date(2026, 4, 2),  # Skærtorsdag
        date(2026, 4, 3),  # Langfredag
        date(2026, 4, 6),  # 2. påskedag
        date(2026, 5, 14),  # Kristi himmelfartsdag
        date(2026, 5, 25),  # 2. pinsedag
        date(2026, 6, 5),  # Grundlovsdag
        date(2026, 12, 24),  # Juleaftensdag
        date(2026, 12, 25),  # Juledag
        date(2026, 12, 31),  # Nytårsaftensdag
    ]


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2026, 11, 12), date(2026, 11, 12)),  # a working day stays
        (date(2026, 11, 14), date(2026, 11, 13)),  # Saturday → Friday
        (date(2026, 11, 15), date(2026, 11, 13)),  # Sunday → Friday
        # Easter: from 2. påskedag back over Påskedag, Langfredag and Skærtorsdag.
        (date(2026, 4, 6), date(2026, 4, 1)),
        (date(2026, 4, 5), date(2026, 4, 1)),
        (date(2026, 4, 3), date(2026, 4, 1)),
        (date(2026, 4, 2), date(2026, 4, 1)),
        (date(2026, 4, 7), date(2026, 4, 7)),
        # Grundlovsdag 2026 is a Friday.
        (date(2026, 6, 5), date(2026, 6, 4)),
        (date(2026, 6, 7), date(2026, 6, 4)),
        # Christmas and New Year.
        (date(2026, 12, 24), date(2026, 12, 23)),
        (date(2026, 12, 25), date(2026, 12, 23)),
        (date(2026, 12, 26), date(2026, 12, 23)),
        (date(2026, 12, 27), date(2026, 12, 23)),
        (date(2026, 12, 31), date(2026, 12, 30)),
        (date(2027, 1, 1), date(2026, 12, 30)),
        (date(2027, 1, 3), date(2026, 12, 30)),
        (date(2027, 1, 4), date(2027, 1, 4)),
        # Christmas 2027 falls on a weekend: 24 Dec Friday, 25-26 Dec Saturday-Sunday.
        (date(2027, 12, 27), date(2027, 12, 27)),
        (date(2027, 12, 26), date(2027, 12, 23)),
    ],
)
def test_act_by_is_the_last_working_day_on_or_before_the_end(end: date, expected: date) -> None:
    assert act_by(end) == expected


def test_days_outside_july_skip_every_day_of_july() -> None:
    from statemachine.catalog.calendar import add_days_outside_july

    assert add_days_outside_july(date(2026, 6, 20), 28) == date(2026, 8, 18)
    assert add_days_outside_july(date(2026, 6, 30), 1) == date(2026, 8, 1)
    assert add_days_outside_july(date(2026, 5, 1), 28) == date(2026, 5, 29)
    assert add_days_outside_july(date(2026, 7, 31), 0) == date(2026, 7, 31)
