"""Ask the buyer the tree's questions one at a time, with a way back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from buyer_guide.clock import Clock, DateError, format_moment, parse_day, parse_moment, system_clock
from buyer_guide.deadlines import parse_inputs, seven_days_passed
from buyer_guide.engine import Pending, Route, advance
from buyer_guide.errors import InterviewInterrupted
from buyer_guide.i18n import label
from buyer_guide.tree import Input, Question, Tree

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


def _ask_date(spec: Input, lang: str, clock: Clock, input: Any, output: Any) -> str:
    import questionary

    def check(text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            _read_date(spec, text, clock)
        except DateError as exc:
            return label(lang, f"date_{exc.reason}").format(**exc.params)
        return True

    answer = questionary.text(
        spec.text.get(lang),
        instruction=label(lang, "date_hint"),
        validate=check,
        input=input,
        output=output,
    ).unsafe_ask()
    text = str(answer or "").strip()
    return format_moment(_read_date(spec, text, clock)) if text else ""


def _read_date(spec: Input, text: str, clock: Clock) -> Any:
    return parse_moment(text, clock) if spec.kind == "moment" else parse_day(text, clock.today)


def _offer_switch(end: str, lang: str, input: Any, output: Any) -> bool:
    import questionary

    prompt = questionary.select(
        label(lang, "switch_route").format(end=end),
        choices=[
            questionary.Choice(label(lang, "switch_yes"), True),
            questionary.Choice(label(lang, "switch_no"), False),
        ],
        instruction=label(lang, "select_hint"),
        input=input,
        output=output,
    )
    return bool(prompt.unsafe_ask())


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
    clock: Clock | None = None,
    input: Any = None,
    output: Any = None,
    say: Callable[[str], None] = print,
) -> tuple[Route, dict[str, str]]:
    """Ask every question and date the route needs that ``answers`` does not settle.

    Returns the route and all answers, dates included. ``input`` and ``output`` are
    prompt_toolkit's, so tests can drive the prompts; ``say`` prints each question's
    help and its options' help. Ctrl-C raises InterviewInterrupted with the answers
    given so far.
    """
    given = dict(answers or {})
    clock = clock or system_clock()
    skipped: set[str] = set()
    offered = False
    try:
        while True:
            state = advance(tree, given)
            if not isinstance(state, Pending):
                ended = seven_days_passed(given, parse_inputs(tree, given, clock), clock)
                if not offered and ended is not None:
                    offered = True
                    if _offer_switch(ended.isoformat(), lang, input, output):
                        given["stage"] = "completed_later_fault"
                        continue
                missing = [
                    spec
                    for spec in tree.inputs_for(state.outcome)
                    if spec.id not in given and spec.id not in skipped
                ]
                if missing:
                    spec = missing[0]
                    if spec.help is not None:
                        say(spec.help.get(lang))
                    value = _ask_date(spec, lang, clock, input, output)
                    if value:
                        given[spec.id] = value
                    else:
                        skipped.add(spec.id)
                    continue
                return state, given
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
