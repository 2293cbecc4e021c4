"""Deadlines from real dates, working days, channel hours and calendars (issue 4)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from buyer_guide.cli import app
from buyer_guide.clock import CHINA, Clock, DateError, parse_clock, parse_day, parse_moment
from buyer_guide.deadlines import add_months, window
from buyer_guide.hours import status_at
from buyer_guide.tree import Compute, Tree
from buyer_guide.workdays import add_working_days
from tests.conftest import ROOT, subprocess_env

runner = CliRunner()
TODAY = date(2026, 11, 26)


def at(day: str, hhmm: str = "12:00") -> Clock:
    return parse_clock(None, f"{day}T{hhmm}")


# --- typed dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        (" 2026-1-5 ", date(2026, 1, 5)),
        ("11-20", date(2026, 11, 20)),
        ("12-30", date(2025, 12, 30)),  # no year and not yet this year: last year
        ("today", TODAY),
        ("Today", TODAY),
        ("yesterday", date(2026, 11, 25)),
        ("3 days ago", date(2026, 11, 23)),
        ("1 day ago", date(2026, 11, 25)),
        ("今天", TODAY),
        ("昨天", date(2026, 11, 25)),
        ("前天", date(2026, 11, 24)),
        ("3天前", date(2026, 11, 23)),
        ("30 days ago", date(2026, 10, 27)),
    ],
)
def test_day_forms(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


def test_month_day_across_the_new_year() -> None:
    assert parse_day("12-31", date(2027, 1, 2)) == date(2026, 12, 31)
    assert parse_day("01-01", date(2027, 1, 2)) == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("text", "reason", "message"),
    [
        ("2026-12-01", "future", "2026-12-01 is in the future (today is 2026-11-26)"),
        ("2026-02-30", "not_real", "'2026-02-30' is not a real date"),
        ("2026-13-45", "not_real", "'2026-13-45' is not a real date"),
        ("02-29", "not_real", "'02-29' is not a real date"),  # neither 2026 nor 2025 has one
        (
            "next week",
            "not_a_date",
            "'next week' is not a date; use YYYY-MM-DD, MM-DD, today, yesterday or N days ago",
        ),
        (
            "1 day ago; rm -rf /",
            "not_a_date",
            "'1 day ago; rm -rf /' is not a date; "
            "use YYYY-MM-DD, MM-DD, today, yesterday or N days ago",
        ),
        (
            "",
            "not_a_date",
            "'' is not a date; use YYYY-MM-DD, MM-DD, today, yesterday or N days ago",
        ),
    ],
)
def test_bad_days(text: str, reason: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        parse_day(text, TODAY)
    assert (info.value.reason, str(info.value)) == (reason, message)


def test_moments() -> None:
    clock = at("2026-11-26", "14:00")
    assert parse_moment("2026-11-25 14:30", clock) == datetime(2026, 11, 25, 14, 30, tzinfo=CHINA)
    assert parse_moment("2026-11-25T09:05", clock) == datetime(2026, 11, 25, 9, 5, tzinfo=CHINA)
    assert parse_moment("yesterday 08:00", clock) == datetime(2026, 11, 25, 8, 0, tzinfo=CHINA)
    assert parse_moment("2026-11-25", clock) == date(2026, 11, 25)
    with pytest.raises(DateError, match="is in the future"):
        parse_moment("today 14:01", clock)
    with pytest.raises(DateError, match="'25:00' is not a time of day"):
        parse_moment("2026-11-25 25:00", clock)


def test_clock_options() -> None:
    assert at("2026-11-26", "08:59").now == datetime(2026, 11, 26, 8, 59, tzinfo=CHINA)
    utc = parse_clock(None, "2026-11-26T00:59+00:00")
    assert utc.now.astimezone(CHINA).strftime("%H:%M") == "08:59"
    assert parse_clock("2026-11-26", None).today == TODAY


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "2026-02-30"], "--today expects a date like 2026-11-26, got '2026-02-30'"),
        (
            ["--now", "soon"],
            "--now expects a date and time like 2026-11-26T14:30 or 2026-11-26T14:30+08:00, "
            "got 'soon'",
        ),
        (["--today", "2026-11-26", "--now", "2026-11-26T10:00"], "give --today or --now, not both"),
    ],
)
def test_bad_clock_options(args: list[str], message: str) -> None:
    result = runner.invoke(
        app, ["start", "-a", "stage=within_7_days", "-a", "progress=not_started", *args]
    )
    assert result.exit_code == 2
    assert result.stderr == f"buyer-guide: error: {message}\n"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-13-45", "'2026-13-45' is not a real date"),
        (
            "tomorrow",
            "'tomorrow' is not a date; use YYYY-MM-DD, MM-DD, today, yesterday or N days ago",
        ),
        ("9999-01-01", "9999-01-01 is in the future (today is 2026-11-26)"),
        (
            "<script>",
            "'<script>' is not a date; use YYYY-MM-DD, MM-DD, today, yesterday or N days ago",
        ),
    ],
)
def test_bad_date_answer_names_the_key(value: str, message: str) -> None:
    result = runner.invoke(
        app,
        ["start", "-a", "stage=within_7_days", "-a", "progress=not_started",
         "-a", f"signed_on={value}", "--today", "2026-11-26"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == f"buyer-guide: error: invalid date for 'signed_on': {message}\n"


# --- windows -----------------------------------------------------------------

SEVEN = Compute("signed_on", 7, "days")


def seven(signed: date, clock: Clock) -> Any:
    result = window(SEVEN, {"signed_on": signed}, clock)
    assert result is not None
    return result


@pytest.mark.parametrize(
    ("signed", "end"),
    [
        (date(2026, 11, 20), date(2026, 11, 27)),
        (date(2026, 1, 28), date(2026, 2, 4)),  # month end
        (date(2026, 12, 28), date(2027, 1, 4)),  # year end
        (date(2028, 2, 25), date(2028, 3, 3)),  # over a leap day
        (date(2028, 2, 29), date(2028, 3, 7)),  # from a leap day
        (date(2027, 2, 25), date(2027, 3, 4)),  # no leap day
    ],
)
def test_seven_days_start_the_day_after_signing(signed: date, end: date) -> None:
    result = seven(signed, at(signed.isoformat()))
    assert result.end_day == end
    assert result.end == datetime.combine(end + timedelta(days=1), datetime.min.time(), CHINA)


def test_days_left_then_ended() -> None:
    signed = date(2026, 11, 20)
    assert seven(signed, at("2026-11-23")).days_left == 4
    last = seven(signed, at("2026-11-27", "23:59"))
    assert (last.days_left, last.ended) == (0, False)
    after = seven(signed, at("2026-11-28", "00:00"))
    assert (after.days_left, after.ended) == (-1, True)
    assert seven(signed, at("2026-11-30")).days_left == -3


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 11, 26), 6, date(2027, 5, 26)),
        (date(2026, 7, 15), 6, date(2027, 1, 15)),
    ],
)
def test_months_end_on_the_matching_day_or_month_end(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


def test_hours_from_a_moment_and_from_a_day() -> None:
    rule = Compute("requested_on", 48, "hours")
    applied = datetime(2026, 11, 25, 10, 0, tzinfo=CHINA)
    before = window(rule, {"requested_on": applied}, at("2026-11-27", "09:59"))
    assert before is not None and not before.ended
    assert before.end == datetime(2026, 11, 27, 10, 0, tzinfo=CHINA)
    on_time = window(rule, {"requested_on": applied}, at("2026-11-27", "10:00"))
    assert on_time is not None and on_time.ended
    day_only = window(rule, {"requested_on": date(2026, 11, 25)}, at("2026-11-26"))
    assert day_only is not None
    assert (day_only.end_day, day_only.end, day_only.approximate) == (
        date(2026, 11, 27),
        None,
        True,
    )


# --- working days --------------------------------------------------------------


@pytest.mark.parametrize(
    ("complained", "decision", "approximate"),
    [
        # National Day 2025: 1-8 October off, Sunday 28 September and Saturday 11 October worked.
        (date(2025, 9, 30), date(2025, 10, 16), False),
        (date(2025, 9, 26), date(2025, 10, 13), False),  # counts both make-up days
        # Spring Festival 2025: 28 Jan - 4 Feb off; Sunday 26 Jan and Saturday 8 Feb worked.
        (date(2025, 1, 24), date(2025, 2, 10), False),
        # 2027 is not in the calendar yet: Monday to Friday, marked approximate.
        (date(2027, 3, 1), date(2027, 3, 10), True),
        (date(2026, 12, 28), date(2027, 1, 6), True),
        # An ordinary week.
        (date(2026, 11, 2), date(2026, 11, 11), False),
    ],
)
def test_seven_working_days(complained: date, decision: date, approximate: bool) -> None:
    assert add_working_days(complained, 7) == (decision, approximate)


# --- channel hours -------------------------------------------------------------


@pytest.mark.parametrize(
    ("hhmm", "line_021", "line_400"),
    [
        ("08:59", "disputed", "closed"),  # only the site footer says 08:00
        ("09:00", "open", "open"),
        ("19:59", "open", "open"),
        ("20:00", "disputed", "disputed"),  # part 10 says 20:00
        ("21:30", "disputed", "disputed"),  # the footer closes, part 4 says open till midnight
        ("23:59", "disputed", "disputed"),
        ("00:00", "closed", "closed"),
    ],
)
def test_phone_hours_at_the_edges(tree: Tree, hhmm: str, line_021: str, line_400: str) -> None:
    now = datetime.fromisoformat(f"2026-11-26T{hhmm}").replace(tzinfo=CHINA)
    assert status_at(tree.channels["pdd_phone_021"], now).status == line_021
    assert status_at(tree.channels["pdd_phone_400"], now).status == line_400


def test_open_channel_closes_at_the_earliest_end(tree: Tree) -> None:
    state = status_at(tree.channels["pdd_phone_021"], datetime(2026, 11, 26, 10, 0, tzinfo=CHINA))
    assert state.closes_at == datetime(2026, 11, 26, 20, 0, tzinfo=CHINA)
    assert state.agreed == ("09:00", "20:00")


def test_closed_channel_opens_when_all_sources_agree(tree: Tree) -> None:
    midnight = datetime(2026, 11, 26, 0, 0, tzinfo=CHINA)
    assert status_at(tree.channels["pdd_phone_021"], midnight).opens_at == midnight + timedelta(
        hours=9
    )


def test_web_forms_are_always_open_and_unknown_hours_say_so(tree: Tree) -> None:
    night = datetime(2026, 11, 26, 3, 0, tzinfo=CHINA)
    assert status_at(tree.channels["samr_12315_web"], night).status == "open"
    assert status_at(tree.channels["samr_12315_phone"], night).status == "unknown"


def channels_json(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = runner.invoke(app, ["channels", "--format", "json", *args], env=env)
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_channels_json(tree: Tree) -> None:
    doc = channels_json("--now", "2026-11-26T08:59", "--lang", "en")
    by_id = {c["id"]: c for c in doc["channels"]}
    assert set(by_id) == set(tree.channels)
    line = by_id["pdd_phone_021"]
    assert line["status"] == "disputed"
    assert line["open_per_source"] == {
        "guide_p4": False,
        "guide_p10": False,
        "pdd_site_footer": True,
    }
    assert line["hours"] == [
        {"start": "09:00", "end": "24:00", "source": "guide_p4"},
        {"start": "09:00", "end": "20:00", "source": "guide_p10"},
        {"start": "08:00", "end": "21:30", "source": "pdd_site_footer"},
    ]
    assert line["hours_agreed"] == {"start": "09:00", "end": "20:00"}
    assert line["status_text"].endswith("safest 09:00-20:00")
    assert by_id["pdd_phone_400"]["status"] == "closed"
    assert by_id["pdd_phone_400"]["opens_at"] == "2026-11-26T09:00:00+08:00"
    assert doc["now"] == "2026-11-26T08:59:00+08:00"


def test_now_with_an_offset_is_converted_to_china_time() -> None:
    doc = channels_json("--now", "2026-11-26T01:00:00+00:00")
    by_id = {c["id"]: c for c in doc["channels"]}
    assert by_id["pdd_phone_021"]["status"] == "open"  # 09:00 in China


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york")
def test_machine_in_another_zone_sees_china_hours_and_its_own_time() -> None:
    doc = channels_json("--now", "2026-11-26T08:59", "--lang", "en")
    by_id = {c["id"]: c for c in doc["channels"]}
    assert by_id["pdd_phone_021"]["status"] == "disputed"
    # 09:00 in China is 20:00 the evening before in New York.
    assert (
        by_id["pdd_phone_400"]["status_text"]
        == "closed now, opens today 09:00 (your time 11-25 20:00)"
    )


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("UTC", "closed now, opens today 09:00 (your time 01:00)"),
        ("Europe/Berlin", "closed now, opens today 09:00 (your time 02:00)"),
        ("Asia/Shanghai", "closed now, opens today 09:00"),  # same zone: no second time
    ],
)
def test_machine_zone_from_tz_in_a_real_process(zone: str, expected: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "buyer_guide", "channels", "--format", "json",
         "--now", "2026-11-26T08:59", "--lang", "en"],
        capture_output=True, text=True, cwd=ROOT, env=subprocess_env(TZ=zone), check=True,
    )  # fmt: skip
    line = {c["id"]: c for c in json.loads(proc.stdout)["channels"]}["pdd_phone_400"]
    assert line["status_text"] == expected


def test_unknown_platform() -> None:
    result = runner.invoke(app, ["channels", "--platform", "jd"])
    assert result.exit_code == 2
    assert result.stderr == "buyer-guide: error: unknown platform 'jd' (available: pdd)\n"


def test_channels_text_shows_every_source() -> None:
    result = runner.invoke(app, ["channels", "--now", "2026-11-26T22:00", "--lang", "zh-Hans"],
                           env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "[guide_p4]" in result.stdout and "[pdd_site_footer]" in result.stdout
    assert "最稳妥" in result.stdout and "021-53395288" in result.stdout


# --- deadlines on the route ------------------------------------------------------


def start_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["start", "--format", "json", "--lang", "en", *args])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_route_deadlines_from_the_buyers_dates() -> None:
    doc = start_json(
        "-a", "stage=within_7_days", "-a", "progress=not_started",
        "-a", "signed_on=2026-11-20", "-a", "requested_on=2026-11-25 10:00",
        "--now", "2026-11-25T12:00",
    )  # fmt: skip
    by_id = {d["id"]: d for d in doc["deadlines"]}
    window_7 = by_id["no_reason_7d"]
    assert (window_7["date"], window_7["days_left"], window_7["ended"]) == ("2026-11-27", 2, False)
    assert window_7["status_text"] == "2 days left, ends 2026-11-27 (end of day)"
    assert window_7["source"] == "crpl_art25"
    reply = by_id["seller_reply_48h"]
    assert reply["datetime"] == "2026-11-27T10:00:00+08:00"
    assert reply["unverified"] is True
    assert by_id["samr_accept_7_working_days"]["date"] is None
    assert doc["inputs"] == {"signed_on": "2026-11-20", "requested_on": "2026-11-25T10:00:00+08:00"}


def test_ended_window_says_what_that_changes() -> None:
    doc = start_json(
        "-a", "stage=within_7_days", "-a", "progress=not_started", "-a", "signed_on=2026-11-20",
        "--today", "2026-11-30",
    )  # fmt: skip
    window_7 = {d["id"]: d for d in doc["deadlines"]}["quality_return_7d"]
    assert window_7["status_text"] == "ended 3 days ago (2026-11-27)"
    assert window_7["after"].startswith("More than 7 days have passed")
    assert doc["suggested_answers"] == {"stage": "completed_later_fault"}
    assert doc["notices"][0].startswith("You signed for the parcel on 2026-11-20; the 7 days")


@pytest.mark.parametrize(
    ("signed", "stage", "outcome"),
    [("2026-11-20", "within_7_days", "quality_return"),
     ("2026-11-01", "completed_later_fault", "aftersales_claim")],
)  # fmt: skip
def test_stage_inferred_from_signed_on(signed: str, stage: str, outcome: str) -> None:
    doc = start_json(
        "-a", f"signed_on={signed}", "-a", "progress=not_started", "--today", "2026-11-26"
    )
    assert doc["answers"]["stage"] == stage
    assert doc["outcome"]["id"] == outcome
    assert doc["notices"][0].startswith(f"Worked out from the signed-for date {signed}")


def test_relative_dates_are_saved_as_days(tmp_path: Path) -> None:
    saved = tmp_path / "case.yaml"
    result = runner.invoke(
        app,
        ["start", "-a", "stage=within_7_days", "-a", "progress=not_started",
         "-a", "signed_on=3 days ago", "--today", "2026-11-26", "--save-answers", str(saved)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "signed_on: '2026-11-23'" in saved.read_text(encoding="utf-8")


def test_deadlines_command_and_calendar(tmp_path: Path) -> None:
    ics = tmp_path / "case.ics"
    args = [
        "deadlines", "-a", "stage=within_7_days", "-a", "progress=not_started",
        "-a", "signed_on=2026-11-20", "-a", "requested_on=2026-11-25 10:00",
        "--now", "2026-11-25T12:00", "--ics", str(ics), "--format", "json", "--lang", "en",
    ]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"buyer-guide: wrote 4 event(s) to {ics}\n"
    doc = json.loads(result.stdout)
    dated = [d for d in doc["deadlines"] if d["date"] and not d["ended"]]
    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(dated) == 4
    by_summary = {str(e.get("summary")): e for e in events}
    window_7 = by_summary["7-day no-reason return"]
    assert window_7.decoded("dtstart") == date(2026, 11, 27)
    alarm = next(iter(window_7.walk("VALARM")))
    assert alarm.decoded("trigger") == timedelta(hours=-15)
    reply = by_summary["Time for the seller to handle an after-sales request (about 48 hours)"]
    assert reply.decoded("dtend") == datetime(2026, 11, 27, 2, 0, tzinfo=timezone.utc)
    assert next(iter(reply.walk("VALARM"))).decoded("trigger") == timedelta(days=-1)
    assert len({str(e.get("uid")) for e in events}) == 4

    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert (
        again.stderr == f"buyer-guide: error: {ics} already exists; pass --force to overwrite it\n"
    )
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_deadlines_text_in_chinese() -> None:
    result = runner.invoke(
        app,
        ["deadlines", "-a", "stage=completed_later_fault", "-a", "progress=not_started",
         "-a", "signed_on=2026-11-20", "--today", "2026-11-26", "--lang", "zh-Hans"],
        env={"COLUMNS": "200"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "还剩" in result.stdout and "2027-05-20" in result.stdout


def test_route_without_dates_still_works() -> None:
    doc = start_json("-a", "stage=within_7_days", "-a", "progress=not_started")
    assert doc["outcome"]["id"] == "quality_return"
    assert all(d["date"] is None for d in doc["deadlines"])
    texts = {d["id"]: d["status_text"] for d in doc["deadlines"]}
    assert (
        texts["no_reason_7d"]
        == "not computed: needs signed_on (On what date did you sign for the parcel?)"
    )
