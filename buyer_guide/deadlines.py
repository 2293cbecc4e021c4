"""Compute deadlines from the buyer's own dates.

Day-based periods do not count the day they start from: a 7-day window for goods
signed for on 20 November runs from the 21st and closes at the end of the 27th (the
Interim Measures, Art. 10, count the 7 days from the day after signing). Hour-based
periods run from the moment itself.
"""

import calendar
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from buyer_guide.clock import CHINA, Clock, DateError, parse_day, parse_moment
from buyer_guide.errors import AnswerError
from buyer_guide.tree import Compute, Deadline, Tree
from buyer_guide.workdays import add_working_days

Moment = date | datetime


class Window(NamedTuple):
    """Where a deadline's period stands on the run's clock."""

    start: Moment
    end_day: date | None = None
    end: datetime | None = None
    days_left: int | None = None
    ended: bool = False
    approximate: bool = False
    elapsed_days: int | None = None


def parse_inputs(tree: Tree, answers: Mapping[str, str], clock: Clock) -> dict[str, Moment]:
    """Read the date answers, raising a usage error that names the key."""
    parsed: dict[str, Moment] = {}
    for key, text in answers.items():
        spec = tree.inputs.get(key)
        if spec is None:
            continue
        try:
            if spec.kind == "moment":
                parsed[key] = parse_moment(text, clock)
            else:
                parsed[key] = parse_day(text, clock.today)
        except DateError as exc:
            raise AnswerError(f"invalid date for '{key}': {exc}") from None
    return parsed


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later, or that month's last day if it has none."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0, 0), CHINA)


def evaluate(deadline: Deadline, inputs: Mapping[str, Moment], clock: Clock) -> Window | None:
    """Return where ``deadline`` stands, or None when it has no rule or its date is missing."""
    if deadline.compute is None:
        return None
    return window(deadline.compute, inputs, clock)


def window(rule: Compute, inputs: Mapping[str, Moment], clock: Clock) -> Window | None:
    """Apply ``rule`` to the buyer's dates; None when its starting date was not given."""
    if rule.start not in inputs:
        return None
    start = inputs[rule.start]
    start_day = start.date() if isinstance(start, datetime) else start
    if rule.length is None:
        return Window(start, elapsed_days=(clock.today - start_day).days)
    approximate = False
    if rule.unit == "hours":
        if isinstance(start, datetime):
            end = start + timedelta(hours=rule.length)
            return Window(
                start,
                end_day=end.date(),
                end=end,
                days_left=(end.date() - clock.today).days,
                ended=clock.now >= end,
            )
        # Only the day is known: the period ends on this day, at the hour of the request.
        latest = datetime.combine(start_day, time(23, 59), CHINA) + timedelta(hours=rule.length)
        end_day = latest.date()
        return Window(
            start,
            end_day=end_day,
            days_left=(end_day - clock.today).days,
            ended=clock.today > end_day,
            approximate=True,
        )
    if rule.unit == "days":
        end_day = start_day + timedelta(days=rule.length)
    elif rule.unit == "months":
        end_day = add_months(start_day, rule.length)
    else:
        end_day, approximate = add_working_days(start_day, rule.length)
    end = _end_of(end_day)
    return Window(
        start,
        end_day=end_day,
        end=end,
        days_left=(end_day - clock.today).days,
        ended=clock.now >= end,
        approximate=approximate,
    )


# The seven-day window that tells "signed within 7 days" from "completed" (public contract).
SEVEN_DAYS = Compute("signed_on", 7, "days")


def infer_stage(
    tree: Tree, answers: dict[str, str], inputs: Mapping[str, Moment], clock: Clock
) -> str | None:
    """Fill in ``stage`` from ``signed_on`` when it was not answered; return the value set."""
    stages = tree.answer_keys().get("stage", [])
    if "stage" in answers or "within_7_days" not in stages or "completed_later_fault" not in stages:
        return None
    seven = window(SEVEN_DAYS, inputs, clock)
    if seven is None:
        return None
    answers["stage"] = "completed_later_fault" if seven.ended else "within_7_days"
    return answers["stage"]


def seven_days_passed(
    answers: Mapping[str, str], inputs: Mapping[str, Moment], clock: Clock
) -> date | None:
    """Return the day the 7 days ended if the buyer chose ``within_7_days`` after them."""
    if answers.get("stage") != "within_7_days":
        return None
    seven = window(SEVEN_DAYS, inputs, clock)
    return seven.end_day if seven is not None and seven.ended else None
