"""``buyer-guide validate``: check a tree file and list every problem with its line."""

from __future__ import annotations

import sys
from pathlib import Path

from buyer_guide.loader import check_tree_text, default_tree_text, read_tree_file


def run(path: Path | None) -> int:
    """Print each problem as ``FILE:LINE: message``; return 0 if valid, 1 if not."""
    if path is None:
        text, origin = default_tree_text()
    else:
        text, origin = read_tree_file(path), str(path)
    tree, problems = check_tree_text(text, origin)
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    if tree is None:
        sys.stdout.write(f"{origin}: invalid, {len(problems)} problem(s)\n")
        return 1
    steps = sum(len(o.steps) for o in tree.outcomes.values())
    sys.stdout.write(
        f"{origin}: valid ({len(tree.questions)} questions, {len(tree.outcomes)} outcomes, "
        f"{steps} steps, {len(tree.sources)} sources)\n"
    )
    return 0
