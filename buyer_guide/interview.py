"""Ask the buyer the tree's questions one at a time, with a way back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from buyer_guide.engine import Pending, Route, advance
from buyer_guide.errors import InterviewInterrupted
from buyer_guide.i18n import label
from buyer_guide.tree import Question, Tree

_BACK = "__back__"


def _ask(question: Question, lang: str, can_go_back: bool, input: Any, output: Any) -> str:
    import questionary

    choices: list[Any] = [
        questionary.Choice(title=opt.label.get(lang), value=opt.value) for opt in question.options
    ]
    if can_go_back:
        choices += [questionary.Separator(), questionary.Choice(label(lang, "back"), _BACK)]
    answer = questionary.select(
        question.text.get(lang),
        choices=choices,
        instruction=label(lang, "select_hint"),
        input=input,
        output=output,
    ).unsafe_ask()
    return str(answer)


def explain(question: Question, lang: str) -> str:
    """Return the help shown above a question: its own, then each option's."""
    colon = "：" if lang.startswith("zh") else ": "
    lines = [question.help.get(lang)] if question.help is not None else []
    lines += [
        f"  · {opt.label.get(lang)}{colon}{opt.help.get(lang)}"
        for opt in question.options
        if opt.help is not None
    ]
    return "\n".join(lines)


def run_interview(
    tree: Tree,
    lang: str,
    answers: Mapping[str, str] | None = None,
    *,
    input: Any = None,
    output: Any = None,
    say: Callable[[str], None] = print,
) -> Route:
    """Ask every question the route needs that ``answers`` does not settle.

    ``input`` and ``output`` are prompt_toolkit's, so tests can drive the prompts;
    ``say`` prints each question's help and its options' help. Ctrl-C raises
    InterviewInterrupted with the answers given so far.
    """
    given = dict(answers or {})
    try:
        while True:
            state = advance(tree, given)
            if not isinstance(state, Pending):
                return state
            question = state.question
            text = explain(question, lang)
            if text:
                say(text)
            value = _ask(question, lang, bool(state.trace), input, output)
            if value == _BACK:
                del given[state.trace[-1].key]
                continue
            given[question.key] = value
    except (KeyboardInterrupt, EOFError):
        raise InterviewInterrupted(given) from None
