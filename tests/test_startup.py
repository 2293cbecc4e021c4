"""Start-up stays cheap: what a scripted run imports, and its peak memory.

Wall-time ratios are measured by bench/startup.py (timings are too noisy for CI);
these checks hold the causes steady instead.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, subprocess_env

PROBE = """
import io, json, sys, contextlib
sys.argv = ["buyer-guide", *json.loads(sys.argv[1])]
from buyer_guide.__main__ import main
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = ["typer", "rich", "questionary", "prompt_toolkit", "jinja2", "yaml", "icalendar",
         "chinese_calendar", "markdown_it", "hashlib"]
print(json.dumps([m for m in heavy if m in sys.modules]))
"""

JSON_RUN = ["start", "-a", "stage=unsigned", "-a", "parcel=problem_at_inspection",
            "-a", "progress=seller_rejected", "--format", "json"]  # fmt: skip


def imported(args: list[str]) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True, text=True, cwd=ROOT, env=subprocess_env(), check=True,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    result: list[str] = json.loads(proc.stdout.splitlines()[-1])
    return result


def test_version_loads_no_framework() -> None:
    assert imported(["--version"]) == []


def test_scripted_json_run_loads_only_the_cli_framework() -> None:
    imported(JSON_RUN)  # the first run fills the tree cache
    assert imported(JSON_RUN) == ["typer"]


PEAK = """
import io, json, sys, contextlib
sys.argv = ["buyer-guide", *json.loads(sys.argv[1])]
from buyer_guide.__main__ import main
try:
    with contextlib.redirect_stdout(io.StringIO()):
        main()
except SystemExit as exc:
    assert not exc.code, exc.code
status = open("/proc/self/status").read()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
"""


def test_json_run_peak_memory_under_45_mib() -> None:
    # VmHWM is the peak of this process image alone (a child's rusage would also count
    # the pages it shared with the forked pytest process).
    proc = subprocess.run(
        [sys.executable, "-c", PEAK, json.dumps(JSON_RUN)],
        capture_output=True, text=True, cwd=ROOT, env=subprocess_env(), check=True,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    peak_kib = int(proc.stdout.split()[-1])
    assert peak_kib / 1024 < 45
