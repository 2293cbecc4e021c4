"""Load a tree: the one entry point for running a tree and for validating it.

``check_tree_text`` parses and checks the YAML and reports every problem (this is
what ``validate`` runs). ``load_tree_text`` does the same, then keeps a JSON copy of
the valid tree so that later runs need neither PyYAML nor the checks.
"""

from __future__ import annotations

from pathlib import Path

from buyer_guide import cache
from buyer_guide.errors import Problem, TreeError, UsageError
from buyer_guide.tree import Tree


def check_tree_text(text: str, origin: str) -> tuple[Tree | None, list[Problem]]:
    """Parse and check a tree; return the tree (if valid) and every problem found."""
    from buyer_guide.reader import read_tree

    return read_tree(text, origin)


def load_tree_text(text: str, origin: str) -> Tree:
    """Load a tree from YAML text, raising TreeError with every problem."""
    cached = cache.load(text, origin)
    if cached is not None:
        return cached
    tree, problems = check_tree_text(text, origin)
    if tree is None:
        raise TreeError(problems)
    cache.store(tree, text)
    return tree


def read_tree_file(path: Path) -> str:
    """Read a tree file's text, turning a missing or unreadable file into a usage error."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"tree file not found: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"tree file is a folder, not a file: {path}") from None
    except UnicodeDecodeError:
        raise TreeError([Problem(str(path), 1, "the file is not UTF-8 text")]) from None
    except OSError as exc:
        raise UsageError(f"cannot read tree file {path}: {exc.strerror}") from None


def load_tree_file(path: Path) -> Tree:
    """Load the tree in ``path``."""
    return load_tree_text(read_tree_file(path), str(path))


def default_tree_text() -> tuple[str, str]:
    """Return the text and display name of the tree that ships with buyer-guide."""
    from buyer_guide.resources import data_file

    ref = data_file("trees", "pdd.yaml")
    return ref.read_text(encoding="utf-8"), "data/trees/pdd.yaml"


def load_default_tree() -> Tree:
    """Load the Pinduoduo tree shipped in the package."""
    text, origin = default_tree_text()
    return load_tree_text(text, origin)
