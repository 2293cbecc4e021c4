"""Drive the real program in a pseudo-terminal, pressing real keys."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from buyer_guide.tree import Question, Tree
from tests.conftest import ROOT, subprocess_env

DOWN = "\x1b[B"


def after(tree: Tree, stage: str) -> Question:
    """Return the question that follows ``stage=...``."""
    option = tree.questions["stage"].option(stage)
    assert option is not None
    return tree.questions[option.next]


def spawn(*args: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "buyer_guide", "start", *args],
        cwd=str(ROOT),
        # pexpect does not answer cursor-position requests; without this each prompt
        # waits a second for the reply.
        env=subprocess_env(TERM="xterm", COLUMNS="200", LINES="50", PROMPT_TOOLKIT_NO_CPR="1"),
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 200),
    )
    return child


def test_real_keys_reach_the_route(tree: Tree) -> None:
    child = spawn("--lang", "en", "--now", "2026-11-26T10:00")
    child.expect_exact(tree.questions["stage"].text.get("en"))
    child.send(DOWN)
    child.send("\r")
    child.expect_exact(after(tree, "within_7_days").text.get("en"))
    child.send("\r")
    child.expect_exact(tree.inputs["signed_on"].text.get("en"))
    child.send("next week\r")  # refused, with the reason, and asked again
    child.expect_exact("Cannot read 'next week'")
    child.send("\x15")  # Ctrl-U clears the line
    child.send("3 days ago\r")
    child.expect_exact(tree.inputs["requested_on"].text.get("en"))
    child.send("\r")  # skipped
    child.expect_exact(tree.outcomes["quality_return"].title.get("en")[:30])
    child.expect_exact("4 days left, ends 2026-11-30")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_exits_130_without_traceback(tree: Tree) -> None:
    child = spawn("--lang", "zh-Hans")
    child.expect_exact(tree.questions["stage"].text.get("zh-Hans"))
    child.sendintr()
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 130, output
    assert "Traceback" not in output
    assert "buyer-guide: interrupted" in output


@pytest.mark.parametrize("lang", ["en", "zh-Hans"])
def test_back_in_a_real_terminal(tree: Tree, lang: str) -> None:
    child = spawn("--lang", lang)
    child.expect_exact(tree.questions["stage"].text.get(lang))
    child.send("\r")
    child.expect_exact(tree.questions["parcel"].text.get(lang))
    child.send("\x1b[A")  # up from the first option wraps to "Back"
    child.send("\r")
    child.expect_exact(tree.questions["stage"].text.get(lang))
    child.send(DOWN + DOWN + "\r")
    child.expect_exact(after(tree, "completed_later_fault").text.get(lang))
    child.send("\r")
    child.expect_exact(tree.inputs["signed_on"].text.get(lang))
    child.send("\r")
    child.expect_exact(tree.inputs["requested_on"].text.get(lang))
    child.send("\r")
    child.expect_exact(tree.outcomes["aftersales_claim"].title.get(lang)[:12])
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_keeps_the_answers_given_so_far(tree: Tree, tmp_path: Path) -> None:
    saved = tmp_path / "case.yaml"
    child = spawn("--lang", "en", "--save-answers", str(saved))
    child.expect_exact(tree.questions["stage"].text.get("en"))
    child.send("\r")
    child.expect_exact(tree.questions["parcel"].text.get("en"))
    child.sendintr()
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 130, output
    assert f"answers so far saved to {saved}" in output
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {"stage": "unsigned"}
