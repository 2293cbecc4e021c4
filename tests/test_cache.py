from __future__ import annotations

from pathlib import Path

import pytest

from buyer_guide import cache
from buyer_guide.errors import TreeError
from buyer_guide.loader import check_tree_text, default_tree_text, load_tree_text
from tests.conftest import FIXTURES


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BUYER_GUIDE_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_cached_tree_equals_the_parsed_one(cache_dir: Path) -> None:
    text, origin = default_tree_text()
    parsed, problems = check_tree_text(text, origin)
    assert parsed is not None and not problems
    first = load_tree_text(text, origin)
    assert [p.name for p in cache_dir.iterdir()] == [f"tree-{cache._key(text)}.json"]
    again = cache.load(text, origin)
    assert again == parsed == first


def test_edited_tree_is_parsed_again(cache_dir: Path) -> None:
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    load_tree_text(text, "mini.yaml")
    edited = text.replace("Ask the seller first.", "Ask the seller today.")
    tree = load_tree_text(edited, "mini.yaml")
    assert tree.outcomes["fix"].summary.get("en") == "Ask the seller today."
    assert len(list(cache_dir.iterdir())) == 2


def test_invalid_tree_is_never_cached(cache_dir: Path) -> None:
    text = (FIXTURES / "invalid" / "cycle.yaml").read_text(encoding="utf-8")
    with pytest.raises(TreeError):
        load_tree_text(text, "cycle.yaml")
    assert list(cache_dir.iterdir()) == []


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"id": 1}', "null"])
def test_damaged_copy_is_ignored(cache_dir: Path, garbage: str) -> None:
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    (cache_dir / f"tree-{cache._key(text)}.json").write_text(garbage, encoding="utf-8")
    assert cache.load(text, "mini.yaml") is None
    tree = load_tree_text(text, "mini.yaml")
    assert tree.id == "mini"


def test_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUYER_GUIDE_NO_CACHE", "1")
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    load_tree_text(text, "mini.yaml")
    assert list(cache_dir.iterdir()) == []


def test_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("BUYER_GUIDE_CACHE_DIR", str(blocker / "sub"))
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    assert load_tree_text(text, "mini.yaml").id == "mini"


def test_copy_of_another_text_with_the_same_name_is_ignored(cache_dir: Path) -> None:
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    load_tree_text(text, "mini.yaml")
    path = cache_dir / f"tree-{cache._key(text)}.json"
    other = text.replace("Small tree", "Other tree")
    payload = path.read_text(encoding="utf-8").replace("Small tree", "Other tree", 1)
    path.write_text(payload, encoding="utf-8")  # the stored text no longer matches
    assert cache.load(text, "mini.yaml") is None
    assert load_tree_text(text, "mini.yaml").title.get("en") == "Small tree"
    assert other != text
