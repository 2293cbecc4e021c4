"""Prepare a route view for the documents: the ladder as levels, hours in parts, fill-ins.

Every renderer of a document (Markdown, HTML, plain text) reads what this module
returns, so the documents agree on what they say and differ only in layout. Nothing
here escapes anything: each renderer escapes for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from buyer_guide.i18n import label
from buyer_guide.view import View

# Line breaks (including NEL, U+0085) fold into spaces; other control characters and
# bidirectional overrides are dropped, so no text can move the cursor, colour a
# terminal or reorder what a reader sees.
_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029 ]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_HTTP_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


def clean(text: str) -> str:
    """Fold line breaks and runs of spaces into one space and drop control characters."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def web_url(url: str | None) -> str | None:
    """Return ``url`` if it is a plain http(s) address that is safe to link, else None."""
    return url if url is not None and _HTTP_URL.match(url) else None


def t(lang: str, key: str, *args: object, **values: object) -> str:
    """Return the label ``key`` in ``lang``, with its ``{placeholders}`` filled in."""
    text = label(lang, key)
    return text.format(*args, **values) if args or values else text


@dataclass(frozen=True)
class FillIn:
    """What the buyer typed for the sheet's fill-in fields."""

    order: str | None = None
    note: str | None = None


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def levels(view: View) -> list[View]:
    """Return the ladder from the outcome to the top, each level with its contacts.

    Each level carries ``number``, ``id``, ``title``, ``summary``, ``when`` (what must be
    true to move up to it; None for the first), ``steps``, ``evidence``, ``warnings``,
    ``channels`` and ``deadlines`` (those its steps name, resolved) and ``next`` (the
    number of the level above, or None at the top).
    """
    channels = {c["id"]: c for c in view["channels"]}
    deadlines = {d["id"]: d for d in view["deadlines"]}
    first = {
        **view["outcome"],
        "steps": view["steps"],
        "evidence": view["evidence"],
        "warnings": view["warnings"],
        "when": None,
    }
    ladder = [first, *view["escalation"]]
    result = []
    for number, level in enumerate(ladder, 1):
        steps = level["steps"]
        result.append(
            {
                **level,
                "number": number,
                "channels": [channels[c] for c in _unique(c for s in steps for c in s["channels"])],
                "deadlines": [
                    deadlines[d] for d in _unique(d for s in steps for d in s["deadlines"])
                ],
                "next": number + 1 if number < len(ladder) else None,
            }
        )
    return result


def hours(channel: View, lang: str) -> View:
    """Split a channel's hours into parts each format lays out its own way.

    ``spans`` lists ``{text, source}`` per source; ``note`` says the sources disagree
    (and which window they all cover); ``plain`` replaces the spans for a channel that
    is always open or whose hours nobody verified.
    """
    plain = None
    if channel["always_open"]:
        plain = t(lang, "always_open")
    elif not channel["hours"]:
        plain = t(lang, "hours_unknown")
    note = None
    if channel["hours_disputed"]:
        note = t(lang, "hours_disputed")
        agreed = channel["hours_agreed"]
        if agreed:
            safest = f"{agreed['start']}–{agreed['end']}"
            note += t(lang, "list_sep") + t(lang, "safest") + t(lang, "colon") + safest
    return {
        "spans": [
            {"text": f"{h['start']}–{h['end']}", "source": h["source"]} for h in channel["hours"]
        ],
        "note": note,
        "plain": plain,
        # The channel's state at the run's clock (open now, closes at...), when known.
        "status": channel.get("status_text") if channel["hours"] else None,
    }


def _moment(value: str | None) -> str | None:
    """Show an ISO date as it is, and an ISO date and time as ``YYYY-MM-DD HH:MM``."""
    if value is None or "T" not in value:
        return value
    return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")


def fill_in(view: View, given: FillIn) -> list[View]:
    """Return the sheet's fields to fill in: ``key``, ``label``, ``value``, ``tall``.

    What the buyer gave (``--order``, ``--note``, the dates answered) is printed in
    its field; the others stay blank.
    """
    inputs = view.get("inputs") or {}
    lang = view["lang"]
    fields = [
        ("order_no", given.order, False),
        ("date_signed", _moment(inputs.get("signed_on")), False),
        ("date_applied", _moment(inputs.get("requested_on")), False),
        ("seller_reply", None, True),
        ("note", given.note, True),
    ]
    return [
        {"key": key, "label": t(lang, key), "value": value, "tall": tall}
        for key, value, tall in fields
    ]


def sheet_sources(view: View) -> list[View]:
    """Return the sources the checklist cites: its steps, deadlines and channels."""
    cited = set(
        [s for step in view["steps"] for s in step["sources"]]
        + [s for item in view["deadlines"] for s in item["sources"]]
        + [s for item in view["channels"] for s in item["sources"]]
        + [h["source"] for item in view["channels"] for h in item["hours"]]
    )
    return [src for src in view["sources"] if src["id"] in cited]


def confidence(lang: str, level: str) -> str:
    """Name a source's confidence level in ``lang``."""
    return t(lang, f"confidence_{level}") if level in ("high", "medium", "low") else level


def sources_anchor(lang: str) -> str:
    """Return the anchor of the sources heading, as GitHub and most editors derive it."""
    heading = t(lang, "sources").strip().lower()
    return "#" + re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", heading))


def context(view: View, given: FillIn | None = None) -> View:
    """Return everything a document template needs, beside the view itself."""
    lang = view["lang"]
    now = (view.get("clock") or {}).get("now")
    return {
        "view": view,
        "lang": lang,
        "levels": levels(view),
        "channel": {c["id"]: c for c in view["channels"]},
        "deadline": {d["id"]: d for d in view["deadlines"]},
        "fields": fill_in(view, given or FillIn()),
        "notices": view.get("notices") or [],
        "as_of": datetime.fromisoformat(now).strftime("%Y-%m-%d %H:%M") if now else None,
        "sheet_sources": sheet_sources(view),
        "sources_anchor": sources_anchor(lang),
        "confidence": partial(confidence, lang),
    }
