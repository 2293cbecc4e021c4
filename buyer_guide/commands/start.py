"""``buyer-guide start``: interview the buyer, or replay answers, and show the route."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from buyer_guide.answers import save_answers
from buyer_guide.commands.common import gather_answers, load_tree, pick_language
from buyer_guide.engine import Pending, Route, advance, route
from buyer_guide.errors import InterviewInterrupted
from buyer_guide.files import check_writable
from buyer_guide.view import route_view


def run(
    *,
    flags: list[str],
    answers_file: Path | None,
    save_to: Path | None,
    tree_file: Path | None,
    fmt: str,
    lang_option: str | None,
    force: bool,
    interactive: bool,
) -> None:
    """Find the route for the answers, asking for missing ones when a terminal is there."""
    tree = load_tree(tree_file)
    lang = pick_language(tree, lang_option)
    given = gather_answers(tree, flags, answers_file)
    if save_to is not None:
        # Refuse before the interview, so nobody answers everything only to lose it.
        check_writable(save_to, force=force)
    state: Route | Pending = advance(tree, given)
    if isinstance(state, Pending) and interactive:
        from buyer_guide.interview import run_interview

        try:
            state = run_interview(tree, lang, given)
        except InterviewInterrupted as exc:
            if save_to is not None and exc.answers:
                save_answers(save_to, exc.answers, force=force)
                sys.stderr.write(f"buyer-guide: answers so far saved to {save_to}\n")
            raise
    result = state if isinstance(state, Route) else route(tree, given)
    final = {**given, **result.answers}
    if save_to is not None:
        save_answers(save_to, final, force=force)
    view = route_view(result, lang, final)
    if fmt == "json":
        sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console

    from buyer_guide.render.terminal import render_route

    render_route(view, Console())
