"""tree: the whole decision tree as a terminal tree and as a Mermaid flowchart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from buyer_guide.loader import load_tree_file
from buyer_guide.render.document import clean
from buyer_guide.render.mermaid import quote
from buyer_guide.tree import Tree
from tests.conftest import ROOT
from tests.test_documents import hostile_tree

runner = CliRunner()
LANGS = ["zh-Hans", "en"]
NODE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
NODE = re.compile(r'^    ([^\s\[(]+)(\[|\(\[)"([^"]*)"(\]|\]\))$')
EDGE = re.compile(r'^    (\S+) (-->|-\.->)\|"([^"]*)"\| (\S+)$')
CLASS_DEF = re.compile(r"^    classDef (question|outcome) [a-z:#0-9,-]+$")
CLASS = re.compile(r"^    class (\S+) (question|outcome)$")
ENTITY = re.compile(r"#(quot|lt|gt|amp|\d+);")


def tree_output(*args: str) -> str:
    from buyer_guide.cli import app

    result = runner.invoke(app, ["tree", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def decode(label: str) -> str:
    named = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
    return ENTITY.sub(lambda m: named.get(m.group(1)) or chr(int(m.group(1))), label)


def check_mermaid(text: str, tree: Tree, lang: str) -> None:
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str, str]] = []
    for line in lines[1:]:
        node, edge = NODE.match(line), EDGE.match(line)
        if node:
            assert node.group(1) not in nodes, line
            nodes[node.group(1)] = decode(node.group(3))
        elif edge:
            edges.append((edge.group(1), edge.group(2), decode(edge.group(3)), edge.group(4)))
        else:
            assert CLASS_DEF.match(line) or CLASS.match(line), f"not well-formed: {line!r}"
    assert all(NODE_ID.match(node) for node in nodes)
    for source, _, _, target in edges:
        assert source in nodes and target in nodes
    # Every question and every outcome is a node, shown with its own text.
    texts = sorted(nodes.values())
    expected = [q.text.get(lang) for q in tree.questions.values()]
    expected += [o.title.get(lang) for o in tree.outcomes.values()]
    assert texts == sorted(" ".join(clean(text).split()) for text in expected)
    options = [o.label.get(lang) for q in tree.questions.values() for o in q.options]
    assert sorted(label for _, kind, label, _ in edges if kind == "-->") == sorted(
        " ".join(clean(label).split()) for label in options
    )
    ladders = sum(o.escalate_to is not None for o in tree.outcomes.values())
    assert sum(kind == "-.->" for _, kind, _, _ in edges) == ladders


@pytest.mark.parametrize("lang", LANGS)
def test_mermaid_is_well_formed_for_the_shipped_tree(tree: Tree, lang: str) -> None:
    check_mermaid(tree_output("--format", "mermaid", "--lang", lang), tree, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_mermaid_of_a_hostile_tree_stays_well_formed(tmp_path: Path, lang: str) -> None:
    path = hostile_tree(tmp_path)
    text = tree_output("--tree", str(path), "--format", "mermaid", "--lang", lang)
    # The ids 'end', 'graph', 'subgraph' are Mermaid keywords: the prefix defuses them.
    assert "q_end[" in text and "o_graph(" in text and "o_subgraph(" in text
    assert "<script>" not in text and "\x1b" not in text
    check_mermaid(text, load_tree_file(path), lang)


def test_quote_escapes_what_mermaid_would_read() -> None:
    assert quote('a "b" <c> [d] {e} | f # g & h `i`') == (
        '"a #quot;b#quot; #lt;c#gt; #91;d#93; #123;e#125; #124; f #35; g #amp; h #96;i#96;"'
    )
    assert decode(quote("x #quot; y")[1:-1]) == "x #quot; y"


@pytest.mark.parametrize("lang", LANGS)
def test_text_tree_shows_every_question_option_and_ladder(tree: Tree, lang: str) -> None:
    out = tree_output("--lang", lang)
    assert "\x1b" not in out
    assert out.splitlines()[0] == tree.title.get(lang)
    flat = "".join(out.split())
    for question in tree.questions.values():
        assert "".join(question.text.get(lang).split()) in flat
        for option in question.options:
            assert f"{question.key}={option.value}" in out
    for outcome_id, outcome in tree.outcomes.items():
        assert f"[{outcome_id}]" in out
        assert "".join(outcome.title.get(lang).split()) in flat
    ladder = out.split("\n", 1)[1].split(label_for(lang), 1)[1]
    assert ladder.count("↑") == sum(len(tree.escalation(o)) for o in tree.outcomes.values())


def label_for(lang: str) -> str:
    from buyer_guide.i18n import label

    return label(lang, "outcomes_ladder")


def test_text_tree_of_a_hostile_tree_has_no_escape_codes(tmp_path: Path) -> None:
    out = tree_output("--tree", str(hostile_tree(tmp_path)), "--lang", "en")
    assert "\x1b" not in out and "<script>alert(1)</script>" in out


def test_tree_errors_and_help() -> None:
    from buyer_guide.cli import app

    result = runner.invoke(app, ["tree", "--tree", "no-such.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "buyer-guide: error: tree file not found: no-such.yaml\n"
    result = runner.invoke(app, ["tree", "--format", "dot"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["tree", "--help"], env={"COLUMNS": "200"})
    assert "Example: buyer-guide tree " in result.output


def test_readme_flowchart_is_real_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- mermaid-example: (.+?) -->\n```mermaid\n(.+?\n)```", readme, re.S)
    assert match is not None
    assert tree_output(*match.group(1).split()[1:]) == match.group(2)
