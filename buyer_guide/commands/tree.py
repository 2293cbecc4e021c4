"""``buyer-guide tree``: the whole decision tree, in the terminal or as a Mermaid chart."""

from __future__ import annotations

import sys
from pathlib import Path

from buyer_guide.commands.common import load_tree, pick_language


def run(tree_file: Path | None, lang_option: str | None, fmt: str) -> None:
    """Print every question, option and outcome, and each outcome's ladder."""
    tree = load_tree(tree_file)
    lang = pick_language(tree, lang_option)
    if fmt == "mermaid":
        from buyer_guide.render.mermaid import tree_mermaid

        sys.stdout.write(tree_mermaid(tree, lang))
        return
    from rich.console import Console

    from buyer_guide.render.tree_view import tree_view

    Console(highlight=False).print(tree_view(tree, lang))
