"""Draw a decision tree as a Mermaid flowchart, which GitHub and many editors render.

Node ids are made from the tree's ids (prefixed, so none is a Mermaid keyword such as
``end``); every label is quoted, with the characters Mermaid or HTML would read as
markup written as entity codes.
"""

from __future__ import annotations

import re

from buyer_guide.render.document import clean, t
from buyer_guide.tree import Tree

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_ENTITIES = str.maketrans(
    {
        "#": "#35;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "&": "#amp;",
        "|": "#124;",
        "`": "#96;",
        "[": "#91;",
        "]": "#93;",
        "{": "#123;",
        "}": "#125;",
    }
)


def quote(text: str) -> str:
    """Return ``text`` as a quoted Mermaid label that shows exactly this text."""
    return '"' + clean(text).strip().translate(_ENTITIES) + '"'


def node_ids(tree: Tree) -> dict[str, str]:
    """Give each question (``q_...``) and outcome (``o_...``) a distinct, safe node id."""
    ids: dict[str, str] = {}
    for prefix, names in (("q", list(tree.questions)), ("o", list(tree.outcomes))):
        for name in names:
            base = f"{prefix}_{_UNSAFE.sub('_', name)}"
            node, count = base, 2
            while node in ids.values():
                node, count = f"{base}_{count}", count + 1
            ids[name] = node
    return ids


def tree_mermaid(tree: Tree, lang: str) -> str:
    """Return the whole tree as a ``flowchart TD``: questions, options, outcomes, ladders."""
    ids = node_ids(tree)
    lines = ["flowchart TD"]
    for qid, question in tree.questions.items():
        lines.append(f"    {ids[qid]}[{quote(question.text.get(lang))}]")
    for oid, outcome in tree.outcomes.items():
        lines.append(f"    {ids[oid]}([{quote(outcome.title.get(lang))}])")
    for qid, question in tree.questions.items():
        for option in question.options:
            label = quote(option.label.get(lang))
            lines.append(f"    {ids[qid]} -->|{label}| {ids[option.next]}")
    fails = quote(t(lang, "if_fails"))
    for oid, outcome in tree.outcomes.items():
        if outcome.escalate_to is not None:
            lines.append(f"    {ids[oid]} -.->|{fails}| {ids[outcome.escalate_to]}")
    lines.append("    classDef question fill:#eef3fb,stroke:#35619c,color:#111")
    lines.append("    classDef outcome fill:#eaf6ea,stroke:#2e7d32,color:#111")
    if tree.questions:
        lines.append(f"    class {','.join(ids[q] for q in tree.questions)} question")
    lines.append(f"    class {','.join(ids[o] for o in tree.outcomes)} outcome")
    return "\n".join(lines) + "\n"
