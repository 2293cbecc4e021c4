"""Typed model of a decision tree: questions, outcomes and the facts they cite.

The models are named tuples: immutable, compared by value, and several times cheaper
to define at start-up than dataclasses.
"""

from collections.abc import Mapping
from typing import NamedTuple

SCHEMA_VERSION = 1
CONFIDENCE_LEVELS = ("high", "medium", "low")
SOURCE_KINDS = ("guide", "law", "regulation", "platform_rule", "platform_page", "third_party")
CHANNEL_KINDS = ("app", "phone", "web", "wechat")
INPUT_KINDS = ("date", "moment")
COMPUTE_UNITS = ("days", "working_days", "months", "hours")


class Text(NamedTuple):
    """A user-facing string in every language the tree declares."""

    values: Mapping[str, str]

    def get(self, lang: str) -> str:
        """Return the string in ``lang``."""
        return self.values[lang]


class Source(NamedTuple):
    """Where a fact comes from: a guide part, a law article, a platform rule."""

    id: str
    kind: str
    title: Text
    ref: str
    confidence: str
    url: str | None = None


class Evidence(NamedTuple):
    """A piece of evidence a buyer should keep."""

    id: str
    text: Text


class Hours(NamedTuple):
    """A daily service window (China time) as one source gives it."""

    start: str
    end: str
    source: str


class Channel(NamedTuple):
    """A way to reach a seller, a platform or an outside body."""

    id: str
    kind: str
    name: Text
    how: Text
    sources: tuple[str, ...]
    contact: str | None = None
    url: str | None = None
    always_open: bool = False
    hours: tuple[Hours, ...] = ()
    prepare: Text | None = None
    unverified: bool = False


class Input(NamedTuple):
    """A date the buyer may give (``signed_on``...), asked when a route's deadline needs it.

    ``date`` inputs take a day; ``moment`` inputs also take a time of day.
    """

    id: str
    kind: str
    text: Text
    help: Text | None = None


class Compute(NamedTuple):
    """How to turn an input date into a deadline.

    Day-based lengths start counting the day after the input date and end at the end
    of the last day; ``hours`` run from the moment itself. Without a length the
    deadline only tells how long ago the input date was.
    """

    start: str
    length: int | None = None
    unit: str = "days"


class Deadline(NamedTuple):
    """A time limit that applies on a route, with its rule and source."""

    id: str
    title: Text
    rule: Text
    sources: tuple[str, ...]
    unverified: bool = False
    compute: Compute | None = None
    after: Text | None = None


class Option(NamedTuple):
    """One answer to a question and the node it leads to."""

    value: str
    label: Text
    next: str
    help: Text | None = None


class Question(NamedTuple):
    """A question of the interview; its answer is stored under ``key``."""

    id: str
    key: str
    text: Text
    options: tuple[Option, ...]
    help: Text | None = None

    def option(self, value: str) -> Option | None:
        """Return the option with ``value``, if any."""
        for opt in self.options:
            if opt.value == value:
                return opt
        return None


class Step(NamedTuple):
    """One concrete action on a route."""

    id: str
    text: Text
    sources: tuple[str, ...]
    where: Text | None = None
    choose: Text | None = None
    warning: Text | None = None
    evidence: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    deadlines: tuple[str, ...] = ()
    unverified: bool = False


class Outcome(NamedTuple):
    """Where the interview ends: a remedy with its steps and the level above it."""

    id: str
    title: Text
    summary: Text
    steps: tuple[Step, ...]
    warnings: tuple[Text, ...] = ()
    escalate_to: str | None = None
    escalate_when: Text | None = None


class Tree(NamedTuple):
    """A whole decision tree as loaded from one YAML file."""

    schema: int
    id: str
    platform: str
    title: Text
    languages: tuple[str, ...]
    start: str
    disclaimer: Text
    sources: Mapping[str, Source]
    evidence: Mapping[str, Evidence]
    channels: Mapping[str, Channel]
    deadlines: Mapping[str, Deadline]
    questions: Mapping[str, Question]
    outcomes: Mapping[str, Outcome]
    inputs: Mapping[str, Input] = {}  # shared default: never mutated
    origin: str = "<tree>"

    def answer_keys(self) -> dict[str, list[str]]:
        """Map each answer key to its allowed values, in tree order."""
        keys: dict[str, list[str]] = {}
        for question in self.questions.values():
            values = keys.setdefault(question.key, [])
            for opt in question.options:
                if opt.value not in values:
                    values.append(opt.value)
        return keys

    def inputs_for(self, outcome: Outcome) -> list[Input]:
        """Return the inputs the deadlines on ``outcome``'s steps are computed from."""
        found: dict[str, Input] = {}
        for step in outcome.steps:
            for did in step.deadlines:
                compute = self.deadlines[did].compute
                if compute is not None:
                    found.setdefault(compute.start, self.inputs[compute.start])
        return list(found.values())

    def escalation(self, outcome: Outcome) -> list[Outcome]:
        """Return the levels above ``outcome``, nearest first."""
        ladder: list[Outcome] = []
        current = outcome
        while current.escalate_to is not None:
            current = self.outcomes[current.escalate_to]
            ladder.append(current)
        return ladder

    def evidence_for(self, outcome: Outcome) -> list[Evidence]:
        """Return the evidence the steps of ``outcome`` ask for, without repeats."""
        seen: dict[str, Evidence] = {}
        for step in outcome.steps:
            for ev in step.evidence:
                seen.setdefault(ev, self.evidence[ev])
        return list(seen.values())
