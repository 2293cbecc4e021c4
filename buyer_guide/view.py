"""Turn a route into plain, localized data: the one shape every renderer reads.

The JSON output is this shape as it is (see docs/json.md); the terminal and document
renderers only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from buyer_guide import __version__
from buyer_guide.engine import Route
from buyer_guide.tree import SCHEMA_VERSION, Channel, Deadline, Outcome, Step, Text, Tree

View = dict[str, Any]


def _t(text: Text | None, lang: str) -> str | None:
    return text.get(lang) if text is not None else None


def common_hours(channel: Channel) -> tuple[str, str] | None:
    """Return the daily window every source's hours agree on, if there is one."""
    if not channel.hours:
        return None
    start = max(h.start for h in channel.hours)
    end = min(h.end for h in channel.hours)
    return (start, end) if start < end else None


def channel_view(tree: Tree, channel: Channel, lang: str) -> View:
    """Describe a channel, its hours per source and whether those sources disagree."""
    spans = {(h.start, h.end) for h in channel.hours}
    common = common_hours(channel)
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
    }


def deadline_view(deadline: Deadline, lang: str) -> View:
    """Describe a deadline's rule and sources."""
    return {
        "id": deadline.id,
        "title": deadline.title.get(lang),
        "rule": deadline.rule.get(lang),
        "sources": list(deadline.sources),
        "unverified": deadline.unverified,
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


def route_view(route: Route, lang: str, answers: Mapping[str, str] | None = None) -> View:
    """Describe a route for rendering: outcome, steps, ladder, trace and sources."""
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
        "channels": [channel_view(tree, tree.channels[c], lang) for c in channel_ids],
        "deadlines": [deadline_view(tree.deadlines[d], lang) for d in deadline_ids],
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


def _option_label(tree: Tree, question_id: str, value: str, lang: str) -> str:
    option = tree.questions[question_id].option(value)
    return option.label.get(lang) if option is not None else value
