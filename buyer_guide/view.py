"""Turn a route into plain, localized data: the one shape every renderer reads.

The JSON output is this shape as it is (see docs/json.md); the terminal and document
renderers only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from buyer_guide import __version__
from buyer_guide.clock import CHINA, Clock, system_clock
from buyer_guide.deadlines import Moment, Window, evaluate
from buyer_guide.engine import Route
from buyer_guide.hours import CLOSED, DISPUTED, OPEN, agreed_window, status_at
from buyer_guide.i18n import label
from buyer_guide.tree import SCHEMA_VERSION, Channel, Deadline, Outcome, Step, Text, Tree

View = dict[str, Any]


def _t(text: Text | None, lang: str) -> str | None:
    return text.get(lang) if text is not None else None


@dataclass(frozen=True)
class Situation:
    """What the run knows beyond the answers: the clock, the dates given, notices."""

    clock: Clock = field(default_factory=system_clock)
    inputs: Mapping[str, Moment] = field(default_factory=dict)
    notices: tuple[tuple[str, Mapping[str, str | Text]], ...] = ()
    suggested: Mapping[str, str] = field(default_factory=dict)


def _local_suffix(moment: datetime, clock: Clock, lang: str) -> str:
    """Return ' (your time HH:MM)' when the machine's zone differs from China's."""
    local = moment.astimezone()
    if local.utcoffset() == moment.astimezone(CHINA).utcoffset():
        return ""
    shown = local.strftime(
        "%H:%M" if local.date() == moment.astimezone(CHINA).date() else "%m-%d %H:%M"
    )
    return label(lang, "your_time").format(time=shown)


def _hhmm(moment: datetime, clock: Clock, lang: str) -> str:
    china = moment.astimezone(CHINA)
    text = china.strftime("%H:%M")
    if china.date() != clock.today:
        key = "tomorrow_at" if china.date() == clock.today + timedelta(days=1) else None
        text = label(lang, key).format(time=text) if key else china.strftime("%m-%d %H:%M")
    return text + _local_suffix(moment, clock, lang)


def channel_status_view(channel: Channel, clock: Clock, lang: str) -> View:
    """Say whether the channel is open at the run's clock, and until or from when."""
    state = status_at(channel, clock.now)
    if channel.always_open:
        text = label(lang, "ch_always")
    elif state.status == OPEN and state.closes_at is not None:
        text = label(lang, "ch_open").format(time=_hhmm(state.closes_at, clock, lang))
    elif state.status == CLOSED and state.opens_at is not None:
        opens = state.opens_at
        when = _hhmm(opens, clock, lang)
        if opens.astimezone(CHINA).date() == clock.today:
            when = label(lang, "today_at").format(time=when)
        text = label(lang, "ch_closed").format(when=when)
    elif state.status == DISPUTED:
        sep = "、" if lang.startswith("zh") else ", "
        text = label(lang, "ch_disputed").format(
            open=sep.join(src for src, on in state.open_per_source if on),
            closed=sep.join(src for src, on in state.open_per_source if not on),
        )
    else:
        text = label(lang, "ch_unknown")
    if state.status == DISPUTED and state.agreed:
        text += f"; {label(lang, 'safest')} {state.agreed[0]}-{state.agreed[1]}"
    return {
        "status": state.status,
        "status_text": text,
        "closes_at": state.closes_at.isoformat() if state.closes_at else None,
        "opens_at": state.opens_at.isoformat() if state.opens_at else None,
        "open_per_source": {src: on for src, on in state.open_per_source},
    }


def channel_view(channel: Channel, lang: str, clock: Clock | None = None) -> View:
    """Describe a channel, its hours per source, whether they disagree, and its status."""
    spans = {(h.start, h.end) for h in channel.hours}
    common = agreed_window(channel.hours)
    status = channel_status_view(channel, clock or system_clock(), lang)
    return {
        "id": channel.id,
        "kind": channel.kind,
        "name": channel.name.get(lang),
        "how": channel.how.get(lang),
        "contact": channel.contact,
        "url": channel.url,
        "always_open": channel.always_open,
        "hours": [{"start": h.start, "end": h.end, "source": h.source} for h in channel.hours],
        "hours_disputed": len(spans) > 1,
        "hours_agreed": {"start": common[0], "end": common[1]} if common else None,
        "prepare": _t(channel.prepare, lang),
        "sources": list(channel.sources),
        "unverified": channel.unverified,
        **status,
    }


def _remaining(delta: timedelta, lang: str) -> str:
    hours = int(delta.total_seconds() // 3600)
    days, hours = divmod(hours, 24)
    if days:
        return label(lang, "days_hours").format(days=days, hours=hours)
    return label(lang, "hours_only").format(hours=hours)


def window_text(
    tree: Tree, deadline: Deadline, window: Window | None, clock: Clock, lang: str
) -> str | None:
    """Say where the deadline stands: days left and end, or how long ago it ended."""
    if window is None:
        if deadline.compute is None:
            return None
        spec = tree.inputs.get(deadline.compute.start)
        name = spec.text.get(lang) if spec else deadline.compute.start
        return label(lang, "dl_missing").format(key=deadline.compute.start, input=name)
    if window.elapsed_days is not None:
        start = window.start.date() if isinstance(window.start, datetime) else window.start
        return label(lang, "dl_elapsed").format(days=window.elapsed_days, date=start.isoformat())
    assert window.end_day is not None and window.days_left is not None
    day = window.end_day.isoformat()
    if window.end is not None and isinstance(window.start, datetime):
        moment = f"{window.end:%Y-%m-%d %H:%M} {label(lang, 'china_time')}" + _local_suffix(
            window.end, clock, lang
        )
        if window.ended:
            return label(lang, "dl_moment_ended").format(moment=moment)
        remaining = _remaining(window.end - clock.now, lang)
        return label(lang, "dl_moment_left").format(moment=moment, remaining=remaining)
    if window.end is None:
        key = "dl_approx_ended" if window.ended else "dl_approx"
        return label(lang, key).format(date=day)
    if window.ended:
        key = "dl_ended_one" if window.days_left == -1 else "dl_ended"
        text = label(lang, key).format(days=-window.days_left, date=day)
    elif window.days_left == 0:
        text = label(lang, "dl_today").format(date=day)
    else:
        key = "dl_left_one" if window.days_left == 1 else "dl_left"
        text = label(lang, key).format(days=window.days_left, date=day)
    if window.approximate:
        guess = label(lang, "dl_working_guess").format(year=window.end_day.year)
        text += f" ({guess})"
    return text


def deadline_view(
    tree: Tree, deadline: Deadline, lang: str, situation: Situation | None = None
) -> View:
    """Describe a deadline's rule and sources, and where it stands when its date is known."""
    situation = situation or Situation()
    window = evaluate(deadline, situation.inputs, situation.clock)
    exact = window is not None and window.end is not None and isinstance(window.start, datetime)
    return {
        "id": deadline.id,
        "title": deadline.title.get(lang),
        "rule": deadline.rule.get(lang),
        "sources": list(deadline.sources),
        "source": deadline.sources[0] if deadline.sources else None,
        "unverified": deadline.unverified,
        "from": deadline.compute.start if deadline.compute else None,
        "date": window.end_day.isoformat() if window and window.end_day else None,
        "datetime": window.end.isoformat() if window and window.end and exact else None,
        "days_left": window.days_left if window else None,
        "ended": window.ended if window and window.end_day else None,
        "approximate": window.approximate if window else False,
        "elapsed_days": window.elapsed_days if window else None,
        "status_text": window_text(tree, deadline, window, situation.clock, lang),
        "after": _t(deadline.after, lang) if window and window.ended else None,
    }


def step_view(tree: Tree, step: Step, lang: str) -> View:
    """Describe one step with its references resolved."""
    return {
        "id": step.id,
        "text": step.text.get(lang),
        "where": _t(step.where, lang),
        "choose": _t(step.choose, lang),
        "warning": _t(step.warning, lang),
        "evidence": [{"id": ev, "text": tree.evidence[ev].text.get(lang)} for ev in step.evidence],
        "channels": list(step.channels),
        "deadlines": list(step.deadlines),
        "sources": list(step.sources),
        "unverified": step.unverified,
    }


def outcome_view(tree: Tree, outcome: Outcome, lang: str) -> View:
    """Describe an outcome with its steps, evidence and warnings."""
    return {
        "id": outcome.id,
        "title": outcome.title.get(lang),
        "summary": outcome.summary.get(lang),
        "steps": [step_view(tree, step, lang) for step in outcome.steps],
        "evidence": [{"id": ev.id, "text": ev.text.get(lang)} for ev in tree.evidence_for(outcome)],
        "warnings": [w.get(lang) for w in outcome.warnings],
        "escalate_when": _t(outcome.escalate_when, lang),
    }


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def route_view(
    route: Route,
    lang: str,
    answers: Mapping[str, str] | None = None,
    situation: Situation | None = None,
) -> View:
    """Describe a route for rendering: outcome, steps, ladder, deadlines, trace, sources."""
    situation = situation or Situation()
    clock = situation.clock
    tree = route.tree
    outcome = route.outcome
    levels = [outcome, *route.escalation]
    steps = [step for level in levels for step in level.steps]
    channel_ids = _unique(c for step in steps for c in step.channels)
    deadline_ids = _unique(d for step in steps for d in step.deadlines)
    source_ids = _unique(
        [s for step in steps for s in step.sources]
        + [s for c in channel_ids for s in tree.channels[c].sources]
        + [h.source for c in channel_ids for h in tree.channels[c].hours]
        + [s for d in deadline_ids for s in tree.deadlines[d].sources]
    )
    main = outcome_view(tree, outcome, lang)
    escalation = []
    below = outcome
    for level in route.escalation:
        entry = outcome_view(tree, level, lang)
        # Moving up to this level needs what the level below names.
        entry["when"] = _t(below.escalate_when, lang)
        escalation.append(entry)
        below = level
    return {
        "schema": SCHEMA_VERSION,
        "version": __version__,
        "lang": lang,
        "tree": {"id": tree.id, "platform": tree.platform, "title": tree.title.get(lang)},
        "answers": dict(answers if answers is not None else route.answers),
        "trace": [
            {
                "question": entry.question,
                "key": entry.key,
                "value": entry.value,
                "question_text": tree.questions[entry.question].text.get(lang),
                "answer_label": _option_label(tree, entry.question, entry.value, lang),
                "next": entry.next,
            }
            for entry in route.trace
        ],
        "outcome": {
            "id": outcome.id,
            "title": main["title"],
            "summary": main["summary"],
            "escalate_when": main["escalate_when"],
        },
        "steps": main["steps"],
        "evidence": main["evidence"],
        "warnings": main["warnings"],
        "escalation": escalation,
        "channels": [channel_view(tree.channels[c], lang, clock) for c in channel_ids],
        "deadlines": [
            deadline_view(tree, tree.deadlines[d], lang, situation) for d in deadline_ids
        ],
        "clock": {
            "now": clock.now.isoformat(),
            "today": clock.today.isoformat(),
            "timezone": "UTC+08:00 (China)",
        },
        "inputs": {key: _moment(value) for key, value in situation.inputs.items()},
        "notices": [
            label(lang, key).format(
                **{k: v if isinstance(v, str) else v.get(lang) for k, v in params.items()}
            )
            for key, params in situation.notices
        ],
        "suggested_answers": dict(situation.suggested),
        "sources": [
            {
                "id": s,
                "kind": tree.sources[s].kind,
                "title": tree.sources[s].title.get(lang),
                "ref": tree.sources[s].ref,
                "confidence": tree.sources[s].confidence,
                "url": tree.sources[s].url,
            }
            for s in source_ids
        ],
        "disclaimer": tree.disclaimer.get(lang),
    }


def _moment(value: date | datetime) -> str:
    return value.isoformat()


def _option_label(tree: Tree, question_id: str, value: str, lang: str) -> str:
    option = tree.questions[question_id].option(value)
    return option.label.get(lang) if option is not None else value
