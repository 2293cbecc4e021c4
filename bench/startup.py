"""Start-up benchmark: wall time relative to ``python -c pass``, and peak memory.

Run from the project's virtual environment:

    .venv/bin/python bench/startup.py            # print the figures
    .venv/bin/python bench/startup.py --check    # also fail if a target is missed

Targets (issue 2): ``--version`` at most 6x ``python -c pass``; a scripted JSON run at
most 9x; peak memory of that JSON run under 45 MiB. Each figure is the median of
several runs, interleaved so that a burst of load hits every command alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
JSON_ARGS = [
    "start",
    "-a",
    "stage=unsigned",
    "-a",
    "parcel=problem_at_inspection",
    "-a",
    "progress=seller_rejected",
    "--format",
    "json",
]
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "buyer-guide --version": [str(BIN / "buyer-guide"), "--version"],
    "buyer-guide start ... --format json": [str(BIN / "buyer-guide"), *JSON_ARGS],
}
TARGETS = {"buyer-guide --version": 6.0, "buyer-guide start ... --format json": 9.0}
MEMORY_TARGET_MIB = 45.0


# A user's installed copy has its bytecode compiled; a shell that sets
# PYTHONDONTWRITEBYTECODE would instead measure compiling the sources on every run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(argv: list[str]) -> tuple[float, float]:
    """Run ``argv`` once; return wall seconds and peak resident memory in MiB."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed with exit code {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(rounds: int) -> dict[str, tuple[float, float]]:
    """Return the median wall time and the peak memory of each command."""
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    peaks: dict[str, float] = dict.fromkeys(COMMANDS, 0.0)
    for argv in COMMANDS.values():  # warm the caches once
        run_once(argv)
    for _ in range(rounds):
        for name, argv in COMMANDS.items():
            elapsed, peak = run_once(argv)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(times[name]), peaks[name]) for name in COMMANDS}


def main() -> int:
    """Print the figures; with --check, exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    results = measure(args.rounds)
    base = results["python -c pass"][0]
    missed = []
    print(f"{'command':40} {'median ms':>10} {'x pass':>7} {'target':>7} {'peak MiB':>9}")
    for name, (median, peak) in results.items():
        ratio = median / base
        target = TARGETS.get(name)
        print(
            f"{name:40} {median * 1000:10.1f} {ratio:7.2f} "
            f"{(f'{target:.0f}x' if target else ''):>7} {peak:9.1f}"
        )
        if target is not None and ratio > target:
            missed.append(f"{name}: {ratio:.2f}x > {target:.0f}x")
    json_peak = results["buyer-guide start ... --format json"][1]
    if json_peak >= MEMORY_TARGET_MIB:
        missed.append(f"JSON run peak memory {json_peak:.1f} MiB >= {MEMORY_TARGET_MIB} MiB")
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
