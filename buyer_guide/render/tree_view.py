"""Show a whole decision tree in the terminal as a rich tree."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree as RichTree

from buyer_guide.render.document import clean, t
from buyer_guide.tree import Tree


def _outcome(tree: Tree, outcome_id: str, lang: str) -> Text:
    return Text.assemble(
        ("■ ", "green"),
        (clean(tree.outcomes[outcome_id].title.get(lang)), "bold green"),
        (f"  [{outcome_id}]", "dim"),
    )


def tree_view(tree: Tree, lang: str) -> RichTree:
    """Return the questions with their options and outcomes, then each outcome's ladder."""
    root = RichTree(Text(clean(tree.title.get(lang)), style="bold"))
    shown: set[str] = set()

    def add(parent: RichTree, node_id: str) -> None:
        if node_id in tree.outcomes:
            parent.add(_outcome(tree, node_id, lang))
            return
        question = tree.questions[node_id]
        head = Text.assemble(
            ("? ", "cyan"),
            (clean(question.text.get(lang)), "bold"),
            (f"  [{node_id}]", "dim"),
        )
        if node_id in shown:
            # Several options may lead to one question: draw its branches once.
            parent.add(head.append(" " + t(lang, "see_above"), style="dim"))
            return
        shown.add(node_id)
        branch = parent.add(head)
        for option in question.options:
            answer = Text.assemble(
                clean(option.label.get(lang)), (f"  {question.key}={option.value}", "dim")
            )
            add(branch.add(answer), option.next)

    add(root, tree.start)
    ladders = root.add(Text(t(lang, "outcomes_ladder"), style="bold"))
    for outcome_id, outcome in tree.outcomes.items():
        node = ladders.add(_outcome(tree, outcome_id, lang))
        for level in tree.escalation(outcome):
            # Each level hangs under the one below it: the ladder reads as a staircase.
            node = node.add(
                Text.assemble(
                    ("↑ ", "yellow"),
                    t(lang, "if_fails") + t(lang, "colon"),
                    clean(level.title.get(lang)),
                    (f"  [{level.id}]", "dim"),
                )
            )
    return root
