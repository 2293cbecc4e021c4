from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from buyer_guide import __version__
from buyer_guide.cli import app, command_names
from buyer_guide.tree import Tree
from tests.conftest import ROOT, subprocess_env

runner = CliRunner()
UNSIGNED = [
    "-a",
    "stage=unsigned",
    "-a",
    "parcel=problem_at_inspection",
    "-a",
    "progress=not_started",
]


def start(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["start", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_json_has_the_documented_shape(tree: Tree) -> None:
    code, out, err = start(*UNSIGNED, "--format", "json", "--lang", "en")
    assert code == 0, err
    doc = json.loads(out)
    outcome = tree.outcomes["refuse_delivery"]
    assert doc["lang"] == "en"
    assert doc["outcome"]["id"] == "refuse_delivery"
    assert doc["outcome"]["title"] == outcome.title.get("en")
    assert doc["answers"] == {
        "stage": "unsigned",
        "parcel": "problem_at_inspection",
        "progress": "not_started",
    }
    assert [t["question"] for t in doc["trace"]][:2] == ["stage", "parcel"]
    assert doc["trace"][0]["next"] == "parcel"
    assert [s["text"] for s in doc["steps"]] == [s.text.get("en") for s in outcome.steps]
    assert [(e["id"], e["title"]) for e in doc["escalation"]] == [
        ("platform_intervention", tree.outcomes["platform_intervention"].title.get("en")),
        ("external_complaint", tree.outcomes["external_complaint"].title.get("en")),
    ]
    assert doc["disclaimer"] == tree.disclaimer.get("en")
    cited = {s["id"] for s in doc["sources"]}
    assert {src for step in doc["steps"] for src in step["sources"]} <= cited


def test_text_output_in_chinese_shows_steps_ladder_and_sources(tree: Tree) -> None:
    code, out, err = start(*UNSIGNED, "--lang", "zh-Hans")
    assert code == 0, err
    outcome = tree.outcomes["refuse_delivery"]
    assert f"建议路径: {outcome.title.get('zh-Hans')}" in out
    assert "1. " + outcome.steps[0].text.get("zh-Hans")[:10] in out
    assert "如果这一步不成功：升级路线" in out
    assert tree.outcomes["external_complaint"].title.get("zh-Hans") in out
    assert "来源" in out and tree.disclaimer.get("zh-Hans")[:8] in out


def test_missing_answer_without_terminal_names_key_and_values() -> None:
    code, out, err = start()
    assert code == 2
    assert out == ""
    assert err == (
        "buyer-guide: error: missing answer for 'stage' "
        "(allowed: unsigned, within_7_days, completed_later_fault); "
        "pass --answer stage=VALUE\n"
    )


def test_missing_follow_up_answer_is_the_one_named() -> None:
    code, _, err = start("-a", "stage=unsigned")
    assert code == 2
    assert err == (
        "buyer-guide: error: missing answer for 'parcel' "
        "(allowed: problem_at_inspection, not_arrived); pass --answer parcel=VALUE\n"
    )


def test_unknown_key_and_value_are_usage_errors() -> None:
    code, _, err = start("-a", "colour=red")
    assert code == 2
    assert err == (
        "buyer-guide: error: unknown answer key 'colour' (known keys: stage, parcel, progress, "
        "signed_on, requested_on, rejected_on, complained_on)\n"
    )
    code, _, err = start("-a", "stage=yesterday")
    assert code == 2
    assert err == (
        "buyer-guide: error: unknown value 'yesterday' for 'stage' "
        "(allowed: unsigned, within_7_days, completed_later_fault)\n"
    )


def test_malformed_answer_flag() -> None:
    code, _, err = start("-a", "stage")
    assert code == 2
    assert err == "buyer-guide: error: --answer expects KEY=VALUE, got 'stage'\n"


def test_answers_file_and_flags_win(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("stage: within_7_days\nprogress: seller_rejected\n", encoding="utf-8")
    code, out, err = start("--answers", str(answers), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["outcome"]["id"] == "platform_intervention"
    code, out, err = start(
        "--answers", str(answers), "-a", "progress=not_started", "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["outcome"]["id"] == "quality_return"


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (None, 2, "answers file not found: {path}"),
        ("stage: [unsigned\n", 1, "{path}:2: YAML syntax: did not find expected ',' or ']'"),
        ("- stage\n", 1, "{path}: expected a mapping of KEY: VALUE, got list"),
        ("stage:\n  a: b\n", 1, "{path}: 'stage' must map to a single value, like stage: unsigned"),
    ],
)
def test_bad_answers_file(tmp_path: Path, content: str | None, code: int, message: str) -> None:
    path = tmp_path / "answers.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result_code, _, err = start("--answers", str(path))
    assert result_code == code
    assert err == "buyer-guide: error: " + message.format(path=path) + "\n"


def test_save_answers_round_trip_and_refuses_overwrite(tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    code, _, err = start(*UNSIGNED, "--save-answers", str(saved))
    assert code == 0, err
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {
        "stage": "unsigned",
        "parcel": "problem_at_inspection",
        "progress": "not_started",
    }
    code, out, err = start("--answers", str(saved), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["outcome"]["id"] == "refuse_delivery"

    before = saved.read_text(encoding="utf-8")
    code, _, err = start(
        "-a", "stage=within_7_days", "-a", "progress=not_started", "--save-answers", str(saved)
    )
    assert code == 2
    assert err == f"buyer-guide: error: {saved} already exists; pass --force to overwrite it\n"
    assert saved.read_text(encoding="utf-8") == before

    code, _, err = start(
        "-a",
        "stage=within_7_days",
        "-a",
        "progress=not_started",
        "--save-answers",
        str(saved),
        "--force",
    )
    assert code == 0, err
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["stage"] == "within_7_days"
    assert [p.name for p in tmp_path.iterdir()] == ["saved.yaml"]


def test_save_answers_into_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such.yaml"
    code, _, err = start(*UNSIGNED, "--save-answers", str(target))
    assert code == 2
    assert err == f"buyer-guide: error: folder {target.parent} does not exist\n"


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({}, [], "zh-Hans"),
        ({"LANG": "en_US.UTF-8"}, [], "en"),
        ({"LANG": "zh_CN.UTF-8"}, [], "zh-Hans"),
        ({"LANG": "zh_TW.UTF-8"}, [], "zh-Hans"),
        ({"LANG": "de_DE.UTF-8"}, [], "zh-Hans"),
        ({"LANG": "C.UTF-8"}, [], "zh-Hans"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, [], "en"),
        ({"BUYER_GUIDE_LANG": "en", "LANG": "zh_CN.UTF-8"}, [], "en"),
        ({"BUYER_GUIDE_LANG": "en"}, ["--lang", "zh-Hans"], "zh-Hans"),
        ({}, ["--lang", "zh-CN"], "zh-Hans"),
        ({}, ["--lang", "EN"], "en"),
    ],
)
def test_language_choice(env: dict[str, str], args: list[str], expected: str) -> None:
    code, out, err = start(*UNSIGNED, "--format", "json", *args, env=env)
    assert code == 0, err
    assert json.loads(out)["lang"] == expected


def test_unknown_language() -> None:
    code, _, err = start(*UNSIGNED, "--lang", "fr")
    assert code == 2
    assert err == "buyer-guide: error: unknown language 'fr' for --lang (allowed: zh-Hans, en)\n"
    code, _, err = start(*UNSIGNED, env={"BUYER_GUIDE_LANG": "klingon"})
    assert code == 2
    assert err == (
        "buyer-guide: error: unknown language 'klingon' in BUYER_GUIDE_LANG "
        "(allowed: zh-Hans, en)\n"
    )


def test_bad_format_is_a_usage_error() -> None:
    code, _, err = start(*UNSIGNED, "--format", "pdf")
    assert code == 2
    assert "pdf" in err and "text" in err and "json" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Example: buyer-guide " + name in result.output


def test_version_in_process_and_fast_path() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"buyer-guide {__version__}\n"
    proc = subprocess.run(
        [sys.executable, "-m", "buyer_guide", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=subprocess_env(),
        check=False,
    )
    assert (proc.returncode, proc.stdout) == (0, f"buyer-guide {__version__}\n")


def test_module_entry_point_runs_a_route() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "buyer_guide", "start", *UNSIGNED, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=subprocess_env(),
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outcome"]["id"] == "refuse_delivery"


def test_errors_never_show_a_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "buyer_guide", "start", "-a", "stage=nope"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=subprocess_env(),
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
