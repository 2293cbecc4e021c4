"""What several commands share: the tree, the language, the answers and the route."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from buyer_guide.answers import load_answers, save_answers
from buyer_guide.clock import Clock, format_moment, parse_clock
from buyer_guide.deadlines import infer_stage, parse_inputs, seven_days_passed
from buyer_guide.engine import Pending, Route, advance, check_answers, parse_answer, route
from buyer_guide.errors import InterviewInterrupted
from buyer_guide.files import check_writable
from buyer_guide.i18n import resolve_language
from buyer_guide.loader import load_default_tree, load_tree_file
from buyer_guide.tree import Text, Tree
from buyer_guide.view import Situation, View, route_view


def load_tree(path: Path | None) -> Tree:
    """Load ``--tree FILE``, or the tree shipped with buyer-guide."""
    return load_tree_file(path) if path is not None else load_default_tree()


def pick_language(tree: Tree, option: str | None) -> str:
    """Resolve ``--lang`` against the environment and the tree's languages."""
    return resolve_language(option, os.environ, tree.languages)


def gather_answers(
    tree: Tree, flags: list[str], answers_file: Path | None, clock: Clock
) -> dict[str, str]:
    """Merge ``--answers FILE`` and ``--answer KEY=VALUE`` (flags win) and check them.

    Dates typed as ``yesterday`` or ``3 days ago`` are kept as the day they mean, so
    saved answers replay the same on another day.
    """
    answers = load_answers(answers_file) if answers_file is not None else {}
    for flag in flags:
        key, value = parse_answer(flag)
        answers[key] = value
    check_answers(tree, answers)
    for key, moment in parse_inputs(tree, answers, clock).items():
        answers[key] = format_moment(moment)
    return answers


@dataclass
class RouteRequest:
    """The options every route-producing command (start, checklist, export...) takes."""

    flags: list[str] = field(default_factory=list)
    answers_file: Path | None = None
    tree_file: Path | None = None
    lang_option: str | None = None
    interactive: bool = False
    save_to: Path | None = None
    force_save: bool = False
    today: str | None = None
    now: str | None = None


def obtain_route(request: RouteRequest) -> View:
    """Load the tree, gather answers (asking in a terminal), save them, return the view."""
    tree = load_tree(request.tree_file)
    lang = pick_language(tree, request.lang_option)
    clock = parse_clock(request.today, request.now)
    given = gather_answers(tree, request.flags, request.answers_file, clock)
    notices: list[tuple[str, dict[str, str | Text]]] = []
    inferred = infer_stage(tree, given, parse_inputs(tree, given, clock), clock)
    if inferred is not None:
        option = tree.questions[tree.start].option(inferred)
        notices.append(
            (
                "notice_inferred",
                {"signed": given["signed_on"], "label": option.label if option else inferred},
            )
        )
    save_to = request.save_to
    if save_to is not None:
        # Refuse before the interview, so nobody answers everything only to lose it.
        check_writable(save_to, force=request.force_save)
    state: Route | Pending = advance(tree, given)
    if request.interactive and _needs_asking(tree, state, given):
        from buyer_guide.interview import run_interview

        try:
            state, given = run_interview(tree, lang, given, clock=clock)
        except InterviewInterrupted as exc:
            if save_to is not None and exc.answers:
                save_answers(save_to, exc.answers, force=request.force_save)
                sys.stderr.write(f"buyer-guide: answers so far saved to {save_to}\n")
            raise
    result = state if isinstance(state, Route) else route(tree, given)
    final = {**given, **result.answers}
    if save_to is not None:
        save_answers(save_to, final, force=request.force_save)
    inputs = parse_inputs(tree, final, clock)
    suggested: dict[str, str] = {}
    ended = seven_days_passed(final, inputs, clock)
    if ended is not None:
        notices.append(
            ("notice_window_passed", {"signed": final["signed_on"], "end": ended.isoformat()})
        )
        suggested["stage"] = "completed_later_fault"
    situation = Situation(clock, inputs, tuple(notices), suggested)
    return route_view(result, lang, final, situation)


def _needs_asking(tree: Tree, state: Route | Pending, given: dict[str, str]) -> bool:
    """Tell whether a question or a date the route uses is still unanswered."""
    if isinstance(state, Pending):
        return True
    return any(spec.id not in given for spec in tree.inputs_for(state.outcome))
