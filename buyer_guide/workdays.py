"""Working days on China's official calendar, holidays and make-up working days included."""

from __future__ import annotations

from datetime import date, timedelta


def is_working_day(day: date) -> tuple[bool, bool]:
    """Return whether ``day`` is a working day, and whether that is only a weekday guess.

    The chinese-calendar package knows each year once the State Council has published
    its holidays; for a year it does not know yet, Monday to Friday is the guess.
    """
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day)), False
    except NotImplementedError:
        return day.weekday() < 5, True


def add_working_days(start: date, count: int) -> tuple[date, bool]:
    """Return the ``count``-th working day after ``start``, and whether it is approximate."""
    day = start
    approximate = False
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        working, guessed = is_working_day(day)
        approximate = approximate or guessed
        if working:
            remaining -= 1
    return day, approximate
