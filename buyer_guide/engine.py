"""Walk a tree with a set of answers to an outcome, recording which answer led where."""

from collections.abc import Mapping
from typing import NamedTuple

from buyer_guide.errors import AnswerError, MissingAnswerError
from buyer_guide.tree import Outcome, Question, Tree


class TraceEntry(NamedTuple):
    """One answered question on the way to the outcome."""

    question: str
    key: str
    value: str
    next: str


class Route(NamedTuple):
    """The outcome reached, how it was reached and the levels above it."""

    tree: Tree
    outcome: Outcome
    trace: tuple[TraceEntry, ...]
    answers: Mapping[str, str]
    escalation: tuple[Outcome, ...]


class Pending(NamedTuple):
    """The walk stopped at a question that has no answer yet."""

    question: Question
    trace: tuple[TraceEntry, ...]


def check_answers(tree: Tree, answers: Mapping[str, str]) -> None:
    """Reject answers whose key or value the tree does not know.

    Date inputs (``signed_on``...) are only checked for their key here; their values are
    read against the run's clock by ``deadlines.parse_inputs``.
    """
    keys = tree.answer_keys()
    for key, value in answers.items():
        if key in tree.inputs:
            continue
        if key not in keys:
            known = ", ".join([*keys, *tree.inputs])
            raise AnswerError(f"unknown answer key '{key}' (known keys: {known})")
        if value not in keys[key]:
            raise AnswerError(
                f"unknown value '{value}' for '{key}' (allowed: {', '.join(keys[key])})"
            )


def advance(tree: Tree, answers: Mapping[str, str]) -> Route | Pending:
    """Follow the answers from the start until an outcome or an unanswered question."""
    check_answers(tree, answers)
    trace: list[TraceEntry] = []
    node = tree.start
    # The loader rejects cycles, so this walk ends within len(questions) steps.
    while node in tree.questions:
        question = tree.questions[node]
        value = answers.get(question.key)
        if value is None:
            return Pending(question, tuple(trace))
        option = question.option(value)
        if option is None:
            allowed = ", ".join(opt.value for opt in question.options)
            raise AnswerError(
                f"answer {question.key}={value} does not apply here (allowed: {allowed})"
            )
        trace.append(TraceEntry(question.id, question.key, value, option.next))
        node = option.next
    outcome = tree.outcomes[node]
    used = {entry.key: entry.value for entry in trace}
    return Route(tree, outcome, tuple(trace), used, tuple(tree.escalation(outcome)))


def route(tree: Tree, answers: Mapping[str, str]) -> Route:
    """Return the route for ``answers``; raise MissingAnswerError if one is needed."""
    result = advance(tree, answers)
    if isinstance(result, Pending):
        question = result.question
        raise MissingAnswerError(question.key, [opt.value for opt in question.options])
    return result


def parse_answer(text: str) -> tuple[str, str]:
    """Split a ``KEY=VALUE`` option into its parts."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise AnswerError(f"--answer expects KEY=VALUE, got '{text}'")
    return key.strip(), value.strip()
