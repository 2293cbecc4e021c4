from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from buyer_guide.cli import app
from buyer_guide.loader import check_tree_text
from tests.conftest import FIXTURES

runner = CliRunner()

# Each invalid fixture and the exact problems `validate` must report, in order.
EXPECTED = {
    "bad_compute": [
        "23: deadlines.week.compute.unit: 'fortnights' is not one of: "
        "days, working_days, months, hours",
    ],
    "unknown_input": [
        "23: deadlines.week.compute.from: 'bought_on' is not an input (inputs: signed_on)",
    ],
    "bad_reference": [
        "22: questions.stage: option 'early' leads to 'fixx', "
        "which is neither a question nor an outcome",
    ],
    "cycle": ["31: questions.again: cycle stage -> again -> stage"],
    "duplicate_key": ["3: tree: duplicate key 'id'"],
    "duplicate_option": ["23: questions.stage: duplicate option value 'early'"],
    "empty": ["1: the file is empty"],
    "escalation_cycle": ["35: outcomes.fix: escalation cycle fix -> complain -> fix"],
    "missing_key": ["38: outcomes.complain: missing key 'summary'"],
    "missing_language": ["32: outcomes.fix.steps[0].text: missing language 'en'"],
    "no_steps": ["40: outcomes.complain: outcome has no steps"],
    "schema_version": [
        "1: schema: version 2 is not supported (this buyer-guide reads schema 1)",
    ],
    "several": [
        "22: questions.stage: option 'early' leads to 'fixx', "
        "which is neither a question nor an outcome",
        "36: outcomes.fix: unknown key 'colour' "
        "(allowed: title, summary, steps, warnings, escalate_to, escalate_when)",
        "43: outcomes.complain.steps[0].text: unknown language 'fr' (tree languages: zh-Hans, en)",
        "43: outcomes.complain.steps[0].text: missing language 'en'",
    ],
    "syntax": ["7: YAML syntax: did not find expected ',' or ']'"],
    "unknown_key": [
        "36: outcomes.fix: unknown key 'colour' "
        "(allowed: title, summary, steps, warnings, escalate_to, escalate_when)",
    ],
    "unknown_source": ["34: outcomes.fix.steps[0].sources: unknown source id 'law_99'"],
    "unreachable": ["27: questions.orphan: no path from 'stage' reaches it"],
    "wrong_type": ["40: outcomes.complain.steps: expected a list, got a string"],
}


def test_every_invalid_fixture_has_expectations() -> None:
    names = {p.stem for p in (FIXTURES / "invalid").glob("*.yaml")}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_reports_exact_problems(name: str) -> None:
    path = FIXTURES / "invalid" / f"{name}.yaml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[:-1] == [f"{path}:{msg}" for msg in EXPECTED[name]]
    assert lines[-1] == f"{path}: invalid, {len(EXPECTED[name])} problem(s)"


def test_valid_fixture_passes() -> None:
    path = FIXTURES / "valid" / "minimal.yaml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{path}: valid (1 questions, 2 outcomes, 2 steps, 1 sources)\n"


def test_shipped_tree_is_valid() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("data/trees/pdd.yaml: valid (")


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"buyer-guide: error: tree file not found: {tmp_path / 'nope.yaml'}\n"


def test_start_with_invalid_tree_names_first_problem_and_count() -> None:
    path = FIXTURES / "invalid" / "several.yaml"
    result = runner.invoke(app, ["start", "--tree", str(path), "-a", "stage=early"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"buyer-guide: error: {path}:22: questions.stage: option 'early' leads to 'fixx', "
        "which is neither a question nor an outcome (and 3 more; "
        "run 'buyer-guide validate' to list them)\n"
    )


def test_tree_file_is_never_executed(tmp_path: Path) -> None:
    # A Python tag must not construct anything: the safe loader refuses it.
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    hostile = text.replace("id: mini", "id: !!python/object/apply:os.system ['touch pwned']")
    tree, problems = check_tree_text(hostile, "hostile.yaml")
    assert tree is None
    assert [str(p) for p in problems] == [
        "hostile.yaml:2: YAML tag '!!python/object/apply:os.system' is not allowed: "
        "a tree holds plain data only",
    ]
    assert not Path("pwned").exists()


def test_non_utf8_file_is_invalid_data(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"schema: 1\nid: caf\xe9\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"buyer-guide: error: {path}:1: the file is not UTF-8 text\n"
