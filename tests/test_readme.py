"""The README's commands and examples are the real ones."""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

from typer.testing import CliRunner

from buyer_guide.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    commands = quick_start()
    assert len(commands) == 2
    assert commands[0].endswith("buyer-guide start")
    assert commands[1].endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def subset(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and subset(v, actual[k]) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(subset(e, a) for e, a in zip(expected, actual, strict=True))
        )
    return bool(expected == actual)


def test_json_example_is_real_output() -> None:
    match = re.search(r"<!-- json-example: (.+?) -->\n```json\n(.+?)\n```", README, re.S)
    assert match is not None
    result = CliRunner().invoke(app, shlex.split(match.group(1)))
    assert result.exit_code == 0, result.output
    assert subset(json.loads(match.group(2)), json.loads(result.stdout))


def test_validate_example_is_real_output() -> None:
    result = CliRunner().invoke(app, ["validate"])
    assert f"$ buyer-guide validate\n{result.stdout}" in README


def test_deadlines_example_says_what_the_readme_says() -> None:
    match = re.search(
        r"\$ buyer-guide (deadlines [^\n]+)\n```\nshows, for instance, \"([^\"]+)\"", README
    )
    assert match is not None
    result = CliRunner().invoke(app, [*shlex.split(match.group(1)), "--format", "json"])
    assert result.exit_code == 0, result.output
    texts = [d["status_text"] for d in json.loads(result.stdout)["deadlines"]]
    assert match.group(2) in texts
