from __future__ import annotations

import os
import tempfile
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


CACHE_DIR = Path(tempfile.mkdtemp(prefix="buyer-guide-test-cache-"))


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The developer's own locale must not decide what a test sees, and tests must
    # not write into the developer's cache.
    for var in ("BUYER_GUIDE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "BUYER_GUIDE_NO_CACHE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BUYER_GUIDE_CACHE_DIR", str(CACHE_DIR))
    yield


def subprocess_env(**extra: str) -> dict[str, str]:
    """Return an environment for child processes with no language settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BUYER_GUIDE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "BUYER_GUIDE_NO_CACHE")
    }
    env["BUYER_GUIDE_CACHE_DIR"] = str(CACHE_DIR)
    env.update(extra)
    return env
