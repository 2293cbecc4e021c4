"""Write deadlines as an iCalendar file, one event each with a reminder the day before."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from buyer_guide import __version__
from buyer_guide.clock import Clock
from buyer_guide.view import View


def deadlines_ics(view: View, clock: Clock) -> tuple[bytes, int]:
    """Return the calendar for the route's dated, still open deadlines, and how many."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//buyer-guide//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", view["tree"]["title"])
    count = 0
    for deadline in view["deadlines"]:
        if deadline["date"] is None or deadline["ended"]:
            continue
        event = Event()
        event.add("uid", f"{view['tree']['id']}-{deadline['id']}-{deadline['date']}@buyer-guide")
        event.add("dtstamp", clock.now.astimezone(timezone.utc))
        event.add("summary", deadline["title"])
        sources = ", ".join(deadline["sources"])
        event.add("description", f"{deadline['rule']}\n\n[{sources}] (buyer-guide)")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", deadline["title"])
        if deadline["datetime"] is not None:
            end = datetime.fromisoformat(deadline["datetime"]).astimezone(timezone.utc)
            event.add("dtstart", end - timedelta(minutes=30))
            event.add("dtend", end)
            alarm.add("trigger", timedelta(days=-1))
        else:
            day = date.fromisoformat(deadline["date"])
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            # All-day events start at midnight: remind at 09:00 the day before.
            alarm.add("trigger", timedelta(hours=-15))
        event.add_component(alarm)
        cal.add_component(event)
        count += 1
    return cal.to_ical(), count
