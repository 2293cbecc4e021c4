"""Tell whether a contact channel is open at a given moment, source by source."""

from datetime import datetime, time, timedelta
from typing import NamedTuple

from buyer_guide.clock import CHINA
from buyer_guide.tree import Channel, Hours

OPEN = "open"
CLOSED = "closed"
DISPUTED = "disputed"
UNKNOWN = "unknown"


class ChannelStatus(NamedTuple):
    """A channel's state at one moment: open, closed, disputed (sources differ) or unknown."""

    status: str
    open_per_source: tuple[tuple[str, bool], ...] = ()
    closes_at: datetime | None = None
    opens_at: datetime | None = None
    agreed: tuple[str, str] | None = None


def _at(day: datetime, hhmm: str) -> datetime:
    hour, minute = int(hhmm[:2]), int(hhmm[3:])
    base = datetime.combine(day.date(), time(0, 0), CHINA)
    return base + timedelta(hours=hour, minutes=minute)


def agreed_window(hours: tuple[Hours, ...]) -> tuple[str, str] | None:
    """Return the daily window every source's hours cover, if there is one."""
    if not hours:
        return None
    start = max(h.start for h in hours)
    end = min(h.end for h in hours)
    return (start, end) if start < end else None


def status_at(channel: Channel, now: datetime) -> ChannelStatus:
    """Return the channel's status at ``now`` (any time zone; hours are China time)."""
    if channel.always_open:
        return ChannelStatus(OPEN)
    if not channel.hours:
        return ChannelStatus(UNKNOWN)
    local = now.astimezone(CHINA)
    clock = local.strftime("%H:%M")
    per_source = tuple((h.source, h.start <= clock < h.end) for h in channel.hours)
    agreed = agreed_window(channel.hours)
    states = {is_open for _, is_open in per_source}
    if states == {True}:
        end = min(h.end for h in channel.hours)
        return ChannelStatus(OPEN, per_source, closes_at=_at(local, end), agreed=agreed)
    if states == {False}:
        start = agreed[0] if agreed else min(h.start for h in channel.hours)
        opens = _at(local, start)
        if opens <= local:
            opens = _at(local + timedelta(days=1), start)
        return ChannelStatus(CLOSED, per_source, opens_at=opens, agreed=agreed)
    return ChannelStatus(DISPUTED, per_source, agreed=agreed)
