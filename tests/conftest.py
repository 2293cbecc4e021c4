from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from buyer_guide.loader import load_default_tree
from buyer_guide.tree import Tree

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def tree() -> Tree:
    return load_default_tree()


@pytest.fixture(autouse=True)
def _clean_language_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The developer's own locale must not decide what a test sees.
    for var in ("BUYER_GUIDE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    yield


def subprocess_env(**extra: str) -> dict[str, str]:
    """Return an environment for child processes with no language settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BUYER_GUIDE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
    }
    env.update(extra)
    return env
