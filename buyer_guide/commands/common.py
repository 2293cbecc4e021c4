"""What several commands share: choosing the tree, the language and the answers."""

from __future__ import annotations

import os
from pathlib import Path

from buyer_guide.answers import load_answers
from buyer_guide.engine import check_answers, parse_answer
from buyer_guide.i18n import resolve_language
from buyer_guide.loader import load_default_tree, load_tree_file
from buyer_guide.tree import Tree


def load_tree(path: Path | None) -> Tree:
    """Load ``--tree FILE``, or the tree shipped with buyer-guide."""
    return load_tree_file(path) if path is not None else load_default_tree()


def pick_language(tree: Tree, option: str | None) -> str:
    """Resolve ``--lang`` against the environment and the tree's languages."""
    return resolve_language(option, os.environ, tree.languages)


def gather_answers(tree: Tree, flags: list[str], answers_file: Path | None) -> dict[str, str]:
    """Merge ``--answers FILE`` and ``--answer KEY=VALUE`` (flags win) and check them."""
    answers = load_answers(answers_file) if answers_file is not None else {}
    for flag in flags:
        key, value = parse_answer(flag)
        answers[key] = value
    check_answers(tree, answers)
    return answers
