from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from buyer_guide.cli import app

SCENARIOS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "scenarios.yaml").read_text(encoding="utf-8")
)
runner = CliRunner()


def test_table_covers_every_contract_combination() -> None:
    combos = {tuple(sorted(s["answers"].items())) for s in SCENARIOS}
    assert len(combos) == len(SCENARIOS) == 16


@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: "-".join(s["answers"].values()))
def test_scenario(scenario: dict[str, Any], lang: str) -> None:
    args = ["start", "--format", "json", "--lang", lang]
    for key, value in scenario["answers"].items():
        args += ["--answer", f"{key}={value}"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["lang"] == lang
    assert doc["outcome"]["id"] == scenario["outcome"]
    assert [level["id"] for level in doc["escalation"]] == scenario["escalation"]
    assert {t["key"]: t["value"] for t in doc["trace"]} == scenario["answers"]
    assert doc["answers"] == scenario["answers"]
    assert doc["steps"] and all(step["text"] for step in doc["steps"])
    assert all(level["title"] and level["when"] for level in doc["escalation"])
