"""The clock of a run, and the dates and times a buyer types.

All deadlines and service hours are China time. Mainland China has kept UTC+8 with
no daylight saving since 1991, so a fixed offset is exact for every date a buyer can
give, and needs no time-zone database on the machine.
"""

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple

from buyer_guide.errors import UsageError

CHINA = timezone(timedelta(hours=8), "China")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_DAYS_AGO = re.compile(r"^(\d{1,3})\s*(?:days?\s+ago|天前)$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_WORDS = {
    "today": 0,
    "今天": 0,
    "yesterday": 1,
    "昨天": 1,
    "前天": 2,
}

DATE_FORMS = "YYYY-MM-DD, MM-DD, today, yesterday or N days ago"


class Clock(NamedTuple):
    """The moment a run treats as now, in China time."""

    now: datetime

    @property
    def today(self) -> date:
        """Return today's date in China."""
        return self.now.date()


class DateError(ValueError):
    """A typed date could not be read; ``reason`` names why, ``params`` fill the message."""

    def __init__(self, reason: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params


def system_clock() -> Clock:
    """Return the real clock."""
    return Clock(datetime.now(CHINA))


def parse_clock(today: str | None, now: str | None) -> Clock:
    """Build the clock from ``--today DATE`` and ``--now DATETIME`` (China time if no offset)."""
    if today is not None and now is not None:
        raise UsageError("give --today or --now, not both")
    if now is not None:
        try:
            moment = datetime.fromisoformat(now.strip().replace(" ", "T", 1))
        except ValueError:
            raise UsageError(
                f"--now expects a date and time like 2026-11-26T14:30 or "
                f"2026-11-26T14:30+08:00, got '{now}'"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=CHINA)
        return Clock(moment.astimezone(CHINA))
    if today is not None:
        try:
            day = date.fromisoformat(today.strip())
        except ValueError:
            raise UsageError(f"--today expects a date like 2026-11-26, got '{today}'") from None
        # Noon: a fixed day with no hour given should not sit on a service-hour edge.
        return Clock(datetime.combine(day, time(12, 0), CHINA))
    return system_clock()


def parse_day(text: str, today: date) -> date:
    """Read a past or present day typed as 2026-11-20, 11-20, today, yesterday, 3 days ago."""
    value = text.strip().lower()
    if value in _WORDS:
        return today - timedelta(days=_WORDS[value])
    if m := _DAYS_AGO.match(value):
        return today - timedelta(days=int(m.group(1)))
    if m := _ISO_DATE.match(value):
        day = _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    elif m := _MONTH_DAY.match(value):
        # A month and day without a year means the latest such day not after today.
        day = _make_date(today.year, int(m.group(1)), int(m.group(2)), text)
        if day > today:
            day = _make_date(today.year - 1, int(m.group(1)), int(m.group(2)), text)
    else:
        raise DateError("not_a_date", f"'{text}' is not a date; use {DATE_FORMS}", text=text)
    if day > today:
        raise DateError(
            "future",
            f"{day.isoformat()} is in the future (today is {today.isoformat()})",
            date=day.isoformat(),
            today=today.isoformat(),
        )
    return day


def _make_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("not_real", f"'{text}' is not a real date", text=text) from None


def parse_moment(text: str, clock: Clock) -> date | datetime:
    """Read a day, optionally followed by a time (``2026-11-20 14:30``), not in the future."""
    value = text.strip().replace("T", " ")
    head, _, tail = value.rpartition(" ")
    if head and (m := _TIME.match(tail)):
        day = parse_day(head, clock.today)
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour > 23 or minute > 59:
            raise DateError("not_a_time", f"'{tail}' is not a time of day", text=tail)
        moment = datetime.combine(day, time(hour, minute), CHINA)
        if moment > clock.now:
            raise DateError(
                "future",
                f"{moment:%Y-%m-%d %H:%M} is in the future (now is {clock.now:%Y-%m-%d %H:%M})",
                date=f"{moment:%Y-%m-%d %H:%M}",
                today=f"{clock.now:%Y-%m-%d %H:%M}",
            )
        return moment
    return parse_day(value, clock.today)


def format_moment(value: date | datetime) -> str:
    """Write a parsed day or moment the way answers files keep it."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
