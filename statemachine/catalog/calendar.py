"""Date arithmetic for deadlines: adding periods and finding the last Danish working day."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import cache
from typing import Final, Literal

import holidays

Unit = Literal["days", "weeks", "months", "years"]
"""The units a deadline period is counted in."""

UNITS: Final[tuple[Unit, ...]] = ("days", "weeks", "months", "years")
"""Every period unit, for validation and tests."""

# Non-working days follow retsplejeloven § 148, stk. 2, which names "lørdag, helligdag,
# grundlovsdag, juleaftensdag eller nytårsaftensdag". In Danish law every Sunday is a helligdag,
# so the list is:
#   * Saturdays and Sundays;
#   * the helligdage of the folkekirke: nytårsdag, skærtorsdag, langfredag, påskedag,
#     2. påskedag, kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag and 2. juledag, plus
#     store bededag up to and including 2023 (it was abolished from 2024). These come from the
#     `holidays` library's default "public" category for DK, which holds exactly these days and
#     already drops store bededag from 2024 on;
#   * grundlovsdag (5 June), juleaftensdag (24 December) and nytårsaftensdag (31 December). They
#     are not helligdage, so the library lists them only in its "optional" category. We add them
#     by hand rather than use that category, because it also holds 1 May, which § 148 does not
#     name and which is an ordinary working day for the courts.
# § 148 moves a deadline that ends on such a day *forward* to the next working day. We move
# `act_by` *backward* instead: it is the conservative date to advise, and it is not confirmed
# that every tribunal deadline gets the same extension (domain.md, "Date arithmetic").
_FIXED_DAYS_OFF: Final[tuple[tuple[int, int], ...]] = ((6, 5), (12, 24), (12, 31))
"""(month, day) of grundlovsdag, juleaftensdag and nytårsaftensdag."""

_SATURDAY: Final = 5
"""``date.weekday()`` of Saturday; Sunday is 6."""


def add_period(start: date, amount: int, unit: Unit) -> date:
    """The end date of a period of ``amount`` units that starts on ``start``.

    Weeks end on the same weekday, months and years on the same day of the month or, where that
    day does not exist, on the last day of the month. Days are calendar days.

    Args:
        start: the date the period runs from (the event date).
        amount: how many units; may be zero or negative.
        unit: ``days``, ``weeks``, ``months`` or ``years``.

    Returns:
        The last day of the period. Acting on it is in time.

    Examples:
        ``add_period(date(2024, 2, 29), 1, "years")`` is 2025-02-28, and
        ``add_period(date(2026, 1, 31), 1, "months")`` is 2026-02-28.
    """
    if unit == "days":
        return start + timedelta(days=amount)
    if unit == "weeks":
        return start + timedelta(weeks=amount)
    if unit == "months":
        return _add_months(start, amount)
    if unit == "years":
        return _add_months(start, 12 * amount)
    raise ValueError(f"unknown period unit {unit!r}; use one of {', '.join(UNITS)}")


def _add_months(start: date, months: int) -> date:
    """Move ``start`` by whole months, keeping the day or clamping to the month's last day."""
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month_index + 1
    day = min(start.day, monthrange(year, month)[1])
    return date(year, month, day)


@cache
def _days_off(year: int) -> frozenset[date]:
    """The weekday holidays of ``year`` that are not working days (weekends are checked apart)."""
    public = holidays.country_holidays("DK", years=year)
    fixed = {date(year, month, day) for month, day in _FIXED_DAYS_OFF}
    return frozenset(public.keys()) | fixed


def is_working_day(d: date) -> bool:
    """Whether ``d`` is a Danish working day under retsplejeloven § 148, stk. 2.

    Args:
        d: the day to check.

    Returns:
        False on Saturdays, Sundays, helligdage, grundlovsdag, 24 December and 31 December;
        True otherwise.
    """
    return d.weekday() < _SATURDAY and d not in _days_off(d.year)


def act_by(end: date) -> date:
    """The last Danish working day on or before ``end``: the safe date to advise acting by.

    Args:
        end: the last day of a deadline.

    Returns:
        ``end`` itself if it is a working day, otherwise the nearest working day before it.
    """
    day = end
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def next_working_day(end: date) -> date:
    """The first Danish working day on or after ``end``, where the law moves a deadline to.

    Args:
        end: the last day of a period, before any move.

    Returns:
        ``end`` itself if it is a working day, otherwise the nearest working day after it
        (forældelsesloven § 27, stk. 2, for the 3-year limitation).
    """
    day = end
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_days_outside_july(start: date, days: int) -> date:
    """The end of a period of ``days`` days that does not count days in July.

    The days are counted one by one from the day after ``start``, skipping every day in July
    (almenlejeloven § 106, for appeals of a beboerklagenævn decision).

    Args:
        start: the event date; it is not counted itself.
        days: how many days outside July the period has; not negative.

    Returns:
        The last day of the period. 28 days from 20 June 2026 end on 18 August 2026.
    """
    day = start
    counted = 0
    # Each year has 334 days outside July, so this ends within days + days // 334 * 31 + 31 steps.
    while counted < days:
        day += timedelta(days=1)
        if day.month != 7:
            counted += 1
    return day
