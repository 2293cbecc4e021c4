"""Build the wheel, install it into a fresh virtual environment, run it elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT, subprocess_env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        env=subprocess_env(),
    )
    wheels = list(dist.glob("buyer_guide-*.whl"))
    assert len(wheels) == 1
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run(
        [str(env_dir / "bin" / "pip"), "install", "-q", str(wheels[0])],
        check=True,
        capture_output=True,
        env=subprocess_env(),
    )
    return env_dir


def test_wheel_ships_the_data(installed: Path) -> None:
    found = list((installed / "lib").glob("python3*/site-packages/buyer_guide/data/trees/pdd.yaml"))
    assert len(found) == 1


def test_installed_command_runs_from_any_folder(installed: Path, tmp_path: Path) -> None:
    exe = installed / "bin" / "buyer-guide"
    proc = subprocess.run(
        [
            str(exe),
            "start",
            "-a",
            "stage=completed_later_fault",
            "-a",
            "progress=not_started",
            "--format",
            "json",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(),
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outcome"]["id"] == "aftersales_claim"
    proc = subprocess.run(
        [str(exe), "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stdout
    # The document templates ship in the wheel too.
    sheet = tmp_path / "sheet.html"
    proc = subprocess.run(
        [str(exe), "checklist", "-a", "stage=unsigned", "-a", "parcel=not_arrived",
         "-a", "progress=not_started", "--format", "html", "-o", str(sheet)],
        capture_output=True, text=True, cwd=tmp_path, env=subprocess_env(), check=False,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert '<input type="checkbox"' in sheet.read_text(encoding="utf-8")
    # The module must come from the venv, not from the source checkout.
    proc = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import buyer_guide; print(buyer_guide.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(),
        check=True,
    )
    assert str(installed) in proc.stdout
