from __future__ import annotations

from collections.abc import Iterator

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from buyer_guide.clock import parse_clock
from buyer_guide.errors import InterviewInterrupted
from buyer_guide.interview import explain, run_interview
from buyer_guide.loader import load_tree_file
from buyer_guide.tree import Tree
from tests.conftest import FIXTURES

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CTRL_C = "\x03"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


CLOCK = parse_clock("2026-11-26", None)


def interview(
    tree: Tree,
    pipe: PipeInput,
    keys: str,
    lang: str = "en",
    answers: dict[str, str] | None = None,
) -> tuple[str, dict[str, str], list[str]]:
    said: list[str] = []
    pipe.send_text(keys)
    pipe.close()  # a prompt left waiting for keys sees the end of input, not a hang
    route, given = run_interview(
        tree, lang, answers, clock=CLOCK, input=pipe, output=DummyOutput(), say=said.append
    )
    return route.outcome.id, given, said


def test_enter_takes_the_first_option_at_each_question(tree: Tree, pipe: PipeInput) -> None:
    # Three choices, then Enter skips the request date.
    outcome, answers, said = interview(tree, pipe, ENTER * 4)
    assert outcome == "refuse_delivery"
    assert answers == {
        "stage": "unsigned",
        "parcel": "problem_at_inspection",
        "progress": "not_started",
    }
    stage = tree.questions["stage"]
    assert said[0] == explain(stage, "en")
    assert said[0].splitlines()[0] == stage.help.get("en")  # type: ignore[union-attr]
    first = stage.options[0]
    assert f"  · {first.label.get('en')}: {first.help.get('en')}" in said[0]  # type: ignore[union-attr]


def test_arrow_keys_choose_other_options(tree: Tree, pipe: PipeInput) -> None:
    keys = DOWN + DOWN + ENTER + DOWN + DOWN + ENTER + ENTER + ENTER
    outcome, answers, _ = interview(tree, pipe, keys)
    assert answers == {"stage": "completed_later_fault", "progress": "seller_rejected"}
    assert outcome == "platform_intervention"


def test_back_reasks_the_previous_question(tree: Tree, pipe: PipeInput) -> None:
    # stage: unsigned; at parcel go up (wraps to "Back"); stage again: within 7 days.
    keys = ENTER + UP + ENTER + DOWN + ENTER + ENTER + ENTER + ENTER
    outcome, answers, _ = interview(tree, pipe, keys)
    assert answers == {"stage": "within_7_days", "progress": "not_started"}
    assert outcome == "quality_return"


def test_given_answers_are_not_asked_again(tree: Tree, pipe: PipeInput) -> None:
    outcome, answers, _ = interview(
        tree,
        pipe,
        DOWN + ENTER + ENTER,
        answers={"stage": "unsigned", "progress": "not_started"},
    )
    assert answers["parcel"] == "not_arrived"
    assert outcome == "refund_only"


def test_chinese_interview(tree: Tree, pipe: PipeInput) -> None:
    outcome, _, said = interview(tree, pipe, DOWN + ENTER + ENTER + ENTER * 2, lang="zh-Hans")
    assert outcome == "quality_return"
    stage = tree.questions["stage"]
    first = stage.options[0]
    assert f"  · {first.label.get('zh-Hans')}：{first.help.get('zh-Hans')}" in said[0]  # type: ignore[union-attr]


def test_ctrl_c_raises_with_answers_so_far(tree: Tree, pipe: PipeInput) -> None:
    with pytest.raises(InterviewInterrupted) as info:
        interview(tree, pipe, ENTER + CTRL_C)
    assert info.value.answers == {"stage": "unsigned"}
    assert info.value.exit_code == 130


def test_other_tree(pipe: PipeInput) -> None:
    small = load_tree_file(FIXTURES / "valid" / "minimal.yaml")
    outcome, answers, said = interview(small, pipe, DOWN + ENTER)
    assert (outcome, answers, said) == ("complain", {"stage": "late"}, [])


def test_no_back_choice_on_first_question(tree: Tree, pipe: PipeInput) -> None:
    # Up from the first option wraps to the last real option, not to a "Back" entry.
    outcome, answers, _ = interview(tree, pipe, UP + ENTER + ENTER + ENTER * 2)
    assert answers["stage"] == "completed_later_fault"
    assert outcome == "aftersales_claim"


def test_dates_the_route_needs_are_asked_and_kept_as_days(tree: Tree, pipe: PipeInput) -> None:
    # within 7 days -> not started -> quality return: asks signed_on, then requested_on.
    keys = DOWN + ENTER + ENTER + "3 days ago" + ENTER + "2026-11-25 14:30" + ENTER
    outcome, answers, said = interview(tree, pipe, keys)
    assert outcome == "quality_return"
    assert answers["signed_on"] == "2026-11-23"
    assert answers["requested_on"] == "2026-11-25 14:30"
    assert tree.inputs["signed_on"].help.get("en") in said  # type: ignore[union-attr]


def test_bad_dates_are_refused_until_a_good_one(tree: Tree, pipe: PipeInput) -> None:
    keys = (
        DOWN + ENTER + ENTER
        + "nonsense" + ENTER  # refused, asked again
        + "\x7f" * 8 + "2026-12-01" + ENTER  # in the future: refused
        + "\x7f" * 10 + "11-20" + ENTER
        + ENTER  # skip the request date
    )  # fmt: skip
    outcome, answers, _ = interview(tree, pipe, keys)
    assert outcome == "quality_return"
    assert answers["signed_on"] == "2026-11-20"
    assert "requested_on" not in answers


def test_window_passed_offers_the_after_sales_route(tree: Tree, pipe: PipeInput) -> None:
    keys = DOWN + ENTER + ENTER + "2026-11-01" + ENTER + ENTER + ENTER
    outcome, answers, _ = interview(tree, pipe, keys)
    assert answers["stage"] == "completed_later_fault"
    assert outcome == "aftersales_claim"


def test_window_passed_offer_can_be_declined(tree: Tree, pipe: PipeInput) -> None:
    # "j" moves down like the arrow key; an escape sequence right after a text prompt
    # can be split across reads of the pipe.
    keys = DOWN + ENTER + ENTER + "2026-11-01" + ENTER + "j" + ENTER + ENTER
    outcome, answers, _ = interview(tree, pipe, keys)
    assert answers["stage"] == "within_7_days"
    assert outcome == "quality_return"
