"""checklist and export: the structure of every format, parsed, for every outcome."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin
from typer.testing import CliRunner, Result

from buyer_guide.cli import app
from buyer_guide.i18n import label
from buyer_guide.render.document import clean
from buyer_guide.render.markdown import escape
from buyer_guide.render.plain import cell_width, wrap
from tests.conftest import ROOT, subprocess_env

runner = CliRunner()
LANGS = ["zh-Hans", "en"]
SCENARIOS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "scenarios.yaml").read_text(encoding="utf-8")
)
# One answer set per outcome: the first scenario that reaches it.
ANSWERS: dict[str, dict[str, str]] = {}
for _scenario in SCENARIOS:
    ANSWERS.setdefault(_scenario["outcome"], _scenario["answers"])
CASES = [(outcome, lang) for outcome in ANSWERS for lang in LANGS]
HOSTILE_ORDER = "<script>alert(1)</script>"
HOSTILE_NOTE = "# Title | a | b [x](javascript:alert(1)) <img src=x onerror=alert(1)>"


def flags(answers: dict[str, str]) -> list[str]:
    return [part for key, value in answers.items() for part in ("-a", f"{key}={value}")]


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def route(outcome: str, lang: str) -> dict[str, Any]:
    result = invoke("start", *flags(ANSWERS[outcome]), "--format", "json", "--lang", lang)
    assert result.exit_code == 0, result.output
    view: dict[str, Any] = json.loads(result.stdout)
    assert view["outcome"]["id"] == outcome
    return view


def document(command: str, outcome: str, lang: str, *extra: str) -> str:
    result = invoke(command, *flags(ANSWERS[outcome]), "--lang", lang, *extra)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def t(lang: str, key: str, *args: object, **values: object) -> str:
    return label(lang, key).format(*args, **values)


# --- Markdown -------------------------------------------------------------------------


def parse_markdown(text: str, *, tasks: bool = True) -> list[Token]:
    md = MarkdownIt("commonmark").enable("table")
    if tasks:
        md.use(tasklists_plugin)
    return md.parse(text)


def inline_text(token: Token) -> str:
    """Return the text an inline token shows, with markup removed."""
    return "".join(
        child.content for child in token.children or [] if child.type in ("text", "code_inline")
    )


def sections(tokens: list[Token], level: str) -> list[tuple[str, list[Token]]]:
    """Split tokens at the headings of ``level`` (h2, h3): (heading text, tokens)."""
    result: list[tuple[str, list[Token]]] = []
    depth = int(level[1])
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and int(token.tag[1]) == depth:
            result.append((inline_text(tokens[i + 1]), []))
            i += 3
            continue
        if result:
            result[-1][1].append(token)
        i += 1
    return result


def top_items(tokens: list[Token], list_type: str) -> list[list[Token]]:
    """Return the items of the first list of ``list_type`` in ``tokens``, each as tokens."""
    items: list[list[Token]] = []
    depth = 0
    inside = False
    for token in tokens:
        if not inside:
            inside = token.type == f"{list_type}_open"
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            if depth == 0:
                break
            depth -= 1
        if token.type == "list_item_open" and depth == 0:
            items.append([token])
        elif items:
            items[-1].append(token)
    return items


def first_inline(item: list[Token]) -> Token:
    return next(token for token in item if token.type == "inline")


def is_task(item: list[Token]) -> bool:
    return "task-list-item" in str(item[0].attrs.get("class", ""))


@pytest.mark.parametrize(("outcome", "lang"), CASES)
def test_checklist_markdown_structure(outcome: str, lang: str) -> None:
    view = route(outcome, lang)
    tokens = parse_markdown(document("checklist", outcome, lang))
    headings = [
        inline_text(tokens[i + 1])
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag == "h1"
    ]
    assert headings == [t(lang, "checklist") + t(lang, "colon") + view["outcome"]["title"]]
    parts = dict(sections(tokens, "h2"))
    expected = ["fill_in", "todo", "evidence_all", "deadlines", "channels", "escalation"]
    assert list(parts) == [t(lang, key) for key in [*expected, "sources"]]

    steps = top_items(parts[t(lang, "todo")], "bullet_list")
    assert len(steps) == len(view["steps"]) and all(is_task(item) for item in steps)
    for number, (item, step) in enumerate(zip(steps, view["steps"], strict=True), 1):
        assert inline_text(first_inline(item)).strip().startswith(f"{number}. {step['text']}")
        # Details are plain sub-items, never more boxes.
        assert sum("task-list-item" in str(tok.attrs.get("class", "")) for tok in item) == 1
    evidence = top_items(parts[t(lang, "evidence_all")], "bullet_list")
    assert [inline_text(first_inline(item)).strip() for item in evidence] == [
        e["text"] for e in view["evidence"]
    ]
    assert all(is_task(item) for item in evidence)
    all_tasks = [tok for tok in tokens if "task-list-item" in str(tok.attrs.get("class", ""))]
    assert len(all_tasks) == len(view["steps"]) + len(view["evidence"])

    fields = top_items(parts[t(lang, "fill_in")], "bullet_list")
    names = ["order_no", "date_signed", "date_applied", "seller_reply", "note"]
    assert [inline_text(first_inline(item)) for item in fields] == [
        t(lang, key) + t(lang, "colon") + "________________" for key in names
    ]
    deadlines = top_items(parts[t(lang, "deadlines")], "bullet_list")
    assert len(deadlines) == len(view["deadlines"])
    channels = top_items(parts[t(lang, "channels")], "bullet_list")
    assert [inline_text(first_inline(item)).split(" · ")[0] for item in channels] == [
        c["name"] for c in view["channels"]
    ]
    ladder = parts[t(lang, "escalation")]
    if view["escalation"]:
        assert len(top_items(ladder, "ordered_list")) == len(view["escalation"])
    else:
        assert inline_text(ladder[1]) == t(lang, "top_level")
    paragraphs = [inline_text(tok) for tok in parts[t(lang, "sources")] if tok.type == "inline"]
    assert view["disclaimer"] in paragraphs
    # The sheet cites the sources of what it shows: its steps, deadlines and channels.
    cited = {s for step in view["steps"] for s in step["sources"]}
    cited |= {s for item in view["deadlines"] + view["channels"] for s in item["sources"]}
    cited |= {h["source"] for item in view["channels"] for h in item["hours"]}
    listed = top_items(parts[t(lang, "sources")], "bullet_list")
    assert [inline_text(first_inline(item)).split(t(lang, "colon"))[0] for item in listed] == [
        s["id"] for s in view["sources"] if s["id"] in cited
    ]


@pytest.mark.parametrize(("outcome", "lang"), CASES)
def test_export_markdown_structure(outcome: str, lang: str) -> None:
    view = route(outcome, lang)
    text = document("export", outcome, lang, "--format", "markdown")
    tokens = parse_markdown(text, tasks=False)
    assert not [tok for tok in tokens if tok.type in ("html_block", "table_open")]
    levels = [view["outcome"], *view["escalation"]]
    level_steps = [view["steps"], *[level["steps"] for level in view["escalation"]]]
    parts = sections(tokens, "h2")
    assert [name for name, _ in parts] == [
        *[t(lang, "level", n=n) + t(lang, "colon") + lv["title"] for n, lv in enumerate(levels, 1)],
        t(lang, "trace"),
        t(lang, "sources"),
    ]
    anchor = "#" + t(lang, "sources").lower()
    for number, ((_, body), level, steps) in enumerate(
        zip(parts, levels, level_steps, strict=False), 1
    ):
        subsections = dict(sections(body, "h3"))
        items = top_items(subsections[t(lang, "steps")], "ordered_list")
        assert len(items) == len(steps)
        for item, step in zip(items, steps, strict=True):
            assert inline_text(first_inline(item)).startswith(step["text"])
            cited = [
                tok
                for inline in item
                if inline.type == "inline"
                for tok in inline.children or []
                if tok.type == "link_open"
            ]
            assert len(cited) == len(step["sources"])
            # Each citation links to the sources section.
            assert {unquote(str(tok.attrs["href"])) for tok in cited} == {anchor}
        intro = [inline_text(tok) for tok in body if tok.type == "inline"]
        if number > 1:
            assert t(lang, "enter_when") + t(lang, "colon") + level["when"] in intro
        if number < len(levels):
            assert t(lang, "next_level", n=number + 1) in intro
        else:
            assert t(lang, "top_level") in intro

    trace = top_items(parts[-2][1], "ordered_list")
    assert len(trace) == len(view["trace"])
    for item, entry in zip(trace, view["trace"], strict=True):
        children = first_inline(item).children or []
        assert f"{entry['key']}={entry['value']}" in [c.content for c in children]
        assert entry["answer_label"] in inline_text(first_inline(item))

    sources = top_items(parts[-1][1], "bullet_list")
    assert len(sources) == len(view["sources"])
    for item, src in zip(sources, view["sources"], strict=True):
        links = [c for c in first_inline(item).children or [] if c.type == "link_open"]
        assert [c.attrs["href"] for c in links] == ([src["url"]] if src["url"] else [])
        assert src["ref"] in inline_text(first_inline(item))
    # Raw, the citations read as [id] and their targets are defined once each.
    assert re.search(r"\[guide_p\d+\]", text)
    assert len(re.findall(r"^\[[a-z0-9_]+\]: <#", text, re.M)) == len(view["sources"])


# --- HTML -----------------------------------------------------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node] = []
        self.text = ""

    def walk(self) -> list[Node]:
        return [self, *(node for child in self.children for node in child.walk())]

    def find(self, tag: str, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.walk()
            if n.tag == tag and all(attrs[k] in (n.attrs.get(k) or "").split() for k in attrs)
        ]

    def content(self) -> str:
        return self.text + "".join(child.content() for child in self.children)


VOID = {"meta", "input", "br", "img", "link", "hr", "source", "wbr", "area", "base", "col"}


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        text = Node("#text", {}, self.current)
        text.text = data
        self.current.children.append(text)


def parse_html(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def squash(text: str) -> str:
    return " ".join(text.split())


def assert_self_contained(root: Node, text: str) -> None:
    for tag in ("script", "img", "link", "iframe", "object", "embed", "svg", "video", "audio"):
        assert root.find(tag) == [], tag
    for node in root.walk():
        assert "src" not in node.attrs
        assert not str(node.attrs.get("href") or "").startswith(("http", "//"))
        assert not any(name.startswith("on") for name in node.attrs)
    style = "".join(node.content() for node in root.find("style"))
    assert "@import" not in style and "url(" not in style
    assert "http" not in style


@pytest.mark.parametrize(("outcome", "lang"), CASES)
def test_checklist_html_structure(outcome: str, lang: str) -> None:
    view = route(outcome, lang)
    text = document("checklist", outcome, lang, "--format", "html")
    assert text.startswith("<!DOCTYPE html>")
    root = parse_html(text)
    (html,) = root.find("html")
    assert html.attrs["lang"] == lang
    assert_self_contained(root, text)
    style = "".join(node.content() for node in root.find("style"))
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", style)
    assert '"Noto Sans CJK SC"' in style and "sans-serif" in style

    (steps,) = root.find("section", **{"class": "steps"})
    boxes = steps.find("input", type="checkbox")
    assert len(boxes) == len(view["steps"])
    labels = {node.attrs["for"]: squash(node.content()) for node in steps.find("label")}
    for number, (box, step) in enumerate(zip(boxes, view["steps"], strict=True), 1):
        assert labels[str(box.attrs["id"])] == squash(f"{number}. {step['text']}")
    all_boxes = root.find("input", type="checkbox")
    assert len(all_boxes) == len(view["steps"]) + len(view["evidence"])
    fields = [node.attrs["data-field"] for node in root.find("span", **{"class": "line"})]
    assert fields == ["order_no", "date_signed", "date_applied", "seller_reply", "note"]
    (disclaimer,) = root.find("p", **{"class": "disclaimer"})
    assert squash(disclaimer.content()) == squash(view["disclaimer"])
    assert view["outcome"]["title"] in squash(root.find("h1")[0].content())


# --- Plain text -----------------------------------------------------------------------

ANSI = re.compile(r"\x1b|\x9b")


@pytest.mark.parametrize(("outcome", "lang"), CASES)
def test_checklist_text_structure(outcome: str, lang: str) -> None:
    view = route(outcome, lang)
    for width in (72, 32):
        text = document("checklist", outcome, lang, "--format", "text", "--width", str(width))
        assert not ANSI.search(text)
        lines = text.splitlines()
        assert max(cell_width(line) for line in lines) <= width
        boxes = [line for line in lines if re.match(r"\[ \] \d+\. ", line)]
        assert len(boxes) == len(view["steps"])
        for number, (line, step) in enumerate(zip(boxes, view["steps"], strict=True), 1):
            assert line.startswith(f"[ ] {number}. ")
            assert line[len(f"[ ] {number}. ") :][:8] == step["text"][:8]
        plain_boxes = [line for line in lines if line.startswith("[ ] ")]
        assert len(plain_boxes) == len(view["steps"]) + len(view["evidence"])
        flat = "".join(text.split())
        assert "".join(view["disclaimer"].split()) in flat
        assert t(lang, "order_no") + t(lang, "colon") + "_" in text


def test_wrap_keeps_width_and_punctuation() -> None:
    text = "卖家处理售后申请的时限（约48小时）：来源指南说，拼多多售后申请一般在48小时内处理。"
    for width in range(12, 40):
        lines = wrap(text, width, "- ", "  ")
        assert all(cell_width(line) <= width for line in lines)
        assert "".join(line[2:] for line in lines) == text
        assert not any(line[2:3] in "，。）：" for line in lines[1:])
        assert not any(line.endswith("（") for line in lines)
    assert wrap("averyveryverylongword", 10) == ["averyveryv", "erylongwor", "d"]
    assert wrap("two words", 20, "[ ] ") == ["[ ] two words"]


# --- Hostile input --------------------------------------------------------------------


def hostile(command: str, fmt: str, lang: str = "en") -> str:
    result = invoke(
        command,
        *flags(ANSWERS["refuse_delivery"]),
        "--lang",
        lang,
        "--format",
        fmt,
        "--order",
        HOSTILE_ORDER,
        "--note",
        HOSTILE_NOTE,
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_input_stays_text_in_html(lang: str) -> None:
    text = hostile("checklist", "html", lang)
    root = parse_html(text)
    assert_self_contained(root, text)
    fields = {n.attrs["data-field"]: n.content() for n in root.find("span", **{"class": "line"})}
    assert fields["order_no"] == HOSTILE_ORDER
    assert fields["note"] == HOSTILE_NOTE
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_input_stays_text_in_markdown(lang: str) -> None:
    text = hostile("checklist", "markdown", lang)
    tokens = parse_markdown(text, tasks=False)
    kinds = {tok.type for tok in tokens} | {
        child.type for tok in tokens for child in tok.children or []
    }
    assert not kinds & {"html_inline", "html_block", "table_open", "image", "code_block"}
    headings = [
        inline_text(tokens[i + 1]) for i, tok in enumerate(tokens) if tok.type == "heading_open"
    ]
    assert not any("Title" in heading for heading in headings)
    hrefs = [str(c.attrs["href"]) for tok in tokens for c in tok.children or [] if c.attrs]
    assert not any("javascript" in href for href in hrefs)
    fields = top_items(dict(sections(tokens, "h2"))[t(lang, "fill_in")], "bullet_list")
    shown = [inline_text(first_inline(item)) for item in fields]
    assert shown[0] == t(lang, "order_no") + t(lang, "colon") + HOSTILE_ORDER
    assert shown[-1] == t(lang, "note") + t(lang, "colon") + HOSTILE_NOTE


def test_hostile_input_in_text_is_printed_as_typed_without_escape_codes() -> None:
    result = invoke(
        "checklist",
        *flags(ANSWERS["refuse_delivery"]),
        "--format",
        "text",
        "--width",
        "200",
        "--order",
        "A1\x1b[2J\x1b]0;pwned\x07\u202e",
        "--note",
        HOSTILE_NOTE,
    )
    assert result.exit_code == 0, result.output
    assert not ANSI.search(result.stdout) and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    assert HOSTILE_NOTE in result.stdout


@pytest.mark.parametrize(
    "text",
    [
        "# heading",
        "  ## indented heading",
        "1. list",
        "2) list",
        "- item",
        "+ item",
        "> quote",
        "===",
        "---",
        "***",
        "a | b\n--|--\nc | d",
        "[x](javascript:alert(1))",
        "![img](http://x/y.png)",
        "<b>bold</b> &amp; &#60;",
        "`code` *em* _em_ **strong** ~~strike~~",
        "<http://example.com>",
        "line\n# second line",
        "ends with backslash \\",
        "[guide_p1]",
    ],
)
def test_markdown_escape_round_trips(text: str) -> None:
    tokens = parse_markdown(f"- x: {escape(text)}\n\n{escape(text)}\n", tasks=False)
    types = {tok.type for tok in tokens} | {c.type for tok in tokens for c in tok.children or []}
    assert types <= {
        "bullet_list_open",
        "bullet_list_close",
        "list_item_open",
        "list_item_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
        "text",
    }
    expected = " ".join(clean(text).split())
    inlines = [" ".join(inline_text(tok).split()) for tok in tokens if tok.type == "inline"]
    assert inlines == ["x: " + expected, expected]


def hostile_tree(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    bad = '"<script>alert(1)</script> # | [a](javascript:alert(1)) *b* `c` \\e[31m\\nnext"'
    path.write_text(
        f"""schema: 1
id: bad
platform: pdd
title: {{zh-Hans: {bad}, en: {bad}}}
languages: [zh-Hans, en]
start: end
disclaimer: {{zh-Hans: {bad}, en: {bad}}}
sources:
  src:
    kind: guide
    title: {{zh-Hans: {bad}, en: {bad}}}
    ref: {bad}
    confidence: low
    url: "javascript:alert(1)"
evidence:
  photo: {{zh-Hans: {bad}, en: {bad}}}
channels:
  line:
    kind: phone
    name: {{zh-Hans: {bad}, en: {bad}}}
    how: {{zh-Hans: {bad}, en: {bad}}}
    contact: {bad}
    url: "javascript:alert(1)"
    hours: [{{time: "09:00-18:00", source: src}}]
    sources: [src]
deadlines:
  soon:
    title: {{zh-Hans: {bad}, en: {bad}}}
    rule: {{zh-Hans: {bad}, en: {bad}}}
    sources: [src]
questions:
  end:
    text: {{zh-Hans: {bad}, en: {bad}}}
    options:
      - value: early
        label: {{zh-Hans: {bad}, en: {bad}}}
        next: graph
      - value: late
        label: {{zh-Hans: {bad}, en: {bad}}}
        next: subgraph
outcomes:
  graph:
    title: {{zh-Hans: {bad}, en: {bad}}}
    summary: {{zh-Hans: {bad}, en: {bad}}}
    steps:
      - id: ask
        text: {{zh-Hans: {bad}, en: {bad}}}
        where: {{zh-Hans: {bad}, en: {bad}}}
        warning: {{zh-Hans: {bad}, en: {bad}}}
        evidence: [photo]
        channels: [line]
        deadlines: [soon]
        sources: [src]
    escalate_to: subgraph
    escalate_when: {{zh-Hans: {bad}, en: {bad}}}
  subgraph:
    title: {{zh-Hans: {bad}, en: {bad}}}
    summary: {{zh-Hans: {bad}, en: {bad}}}
    steps:
      - id: file
        text: {{zh-Hans: {bad}, en: {bad}}}
        sources: [src]
""",
        encoding="utf-8",
    )
    result = invoke("validate", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_a_hostile_tree_stays_text_in_every_document(tmp_path: Path) -> None:
    tree = str(hostile_tree(tmp_path))
    args = ["--tree", tree, "-a", "end=early", "--lang", "en"]
    result = invoke("checklist", *args, "--format", "html")
    assert result.exit_code == 0, result.output
    root = parse_html(result.stdout)
    assert_self_contained(root, result.stdout)
    assert "\x1b" not in result.stdout
    for command, fmt in (("checklist", "markdown"), ("export", "markdown")):
        result = invoke(command, *args, "--format", fmt)
        assert result.exit_code == 0, result.output
        tokens = parse_markdown(result.stdout, tasks=False)
        types = {tok.type for tok in tokens} | {
            c.type for tok in tokens for c in tok.children or []
        }
        assert not types & {"html_inline", "html_block", "table_open", "em"}
        codes = [c.content for tok in tokens for c in tok.children or [] if c.type == "code_inline"]
        assert codes == ["end=early"] * (command == "export")
        hrefs = [str(c.attrs.get("href")) for tok in tokens for c in tok.children or []]
        assert not any("javascript" in href for href in hrefs)
        assert "\x1b" not in result.stdout
    result = invoke("checklist", *args, "--format", "text")
    assert result.exit_code == 0, result.output
    assert not ANSI.search(result.stdout)


# --- Files, errors, help --------------------------------------------------------------

REFUSE = flags(ANSWERS["refuse_delivery"])


@pytest.mark.parametrize(
    ("command", "fmt"), [("checklist", "markdown"), ("checklist", "html"), ("export", "markdown")]
)
def test_output_file_refuses_to_overwrite_unless_forced(
    tmp_path: Path, command: str, fmt: str
) -> None:
    target = tmp_path / "out.doc"
    result = invoke(command, *REFUSE, "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>" if fmt == "html" else "# ")

    target.write_text("mine", encoding="utf-8")
    result = invoke(command, *REFUSE, "--format", fmt, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"buyer-guide: error: {target} already exists; pass --force to overwrite it\n"
    )
    assert target.read_text(encoding="utf-8") == "mine"

    result = invoke(command, *REFUSE, "--format", fmt, "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(first[:20])
    assert [p.name for p in tmp_path.iterdir()] == ["out.doc"]


def test_existing_output_is_refused_before_any_question(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("mine", encoding="utf-8")
    # No answers at all: the file is refused first, not the missing answer.
    result = invoke("checklist", "-o", str(target))
    assert result.exit_code == 2
    assert "already exists" in result.stderr


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()])
def test_interrupted_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    target = tmp_path / "checklist.html"
    target.write_text("old sheet", encoding="utf-8")
    written: list[str] = []

    def interrupted(src: str, dst: str) -> None:
        written.append(Path(src).read_text(encoding="utf-8"))
        raise failure

    monkeypatch.setattr(os, "replace", interrupted)
    result = invoke("checklist", *REFUSE, "--format", "html", "-o", str(target), "--force")
    assert result.exit_code == (130 if isinstance(failure, KeyboardInterrupt) else 1)
    # The whole document had been written to the temporary file before the rename.
    assert written and written[0].rstrip().endswith("</html>")
    assert target.read_text(encoding="utf-8") == "old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["checklist.html"]


def test_output_into_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such.md"
    result = invoke("export", *REFUSE, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"buyer-guide: error: folder {target.parent} does not exist\n"


@pytest.mark.parametrize("command", ["checklist", "export"])
def test_missing_answer_without_terminal_is_the_start_error(command: str) -> None:
    expected = invoke("start", "-a", "stage=unsigned")
    assert expected.exit_code == 2
    result = invoke(command, "-a", "stage=unsigned")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == expected.stderr
    assert result.stderr.startswith("buyer-guide: error: missing answer for 'parcel'")


def test_answers_file_works_like_start(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("stage: within_7_days\nprogress: not_started\n", encoding="utf-8")
    result = invoke("export", "--answers", str(answers), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "# Escalation steps: " in result.stdout
    assert route("quality_return", "en")["outcome"]["title"] in result.stdout.splitlines()[0]


def test_bad_format_is_a_usage_error() -> None:
    result = invoke("checklist", *REFUSE, "--format", "pdf")
    assert result.exit_code == 2
    assert "pdf" in result.stderr and "Traceback" not in result.stderr
    result = invoke("export", *REFUSE, "--format", "html")
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["checklist", "export"])
def test_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"Example: buyer-guide {command} " in result.output


def test_templates_ship_inside_the_package() -> None:
    from importlib.resources import files

    folder = files("buyer_guide").joinpath("templates")
    names = {entry.name for entry in folder.iterdir()}
    assert {"checklist.md.j2", "checklist.html.j2", "export.md.j2"} <= names


# --- Printed pages --------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdfinfo") is None,
    reason="needs chromium and pdfinfo (apt-get install chromium poppler-utils)",
)
def test_html_checklist_prints_on_at_most_two_a4_pages(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    for outcome in ANSWERS:
        page = tmp_path / f"{outcome}.html"
        pdf = tmp_path / f"{outcome}.pdf"
        page.write_text(document("checklist", outcome, "zh-Hans", "--format", "html"), "utf-8")
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp_path / 'profile'}",
                f"--print-to-pdf={pdf}",
                "--no-pdf-header-footer",
                page.as_uri(),
            ],
            capture_output=True,
            check=True,
            timeout=60,
        )
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
        size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
        assert size is not None
        assert (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)  # A4
        assert 1 <= pages <= 2, f"{outcome}: {pages} pages"


def test_scripted_json_run_loads_no_template_engine() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "buyer_guide",
            "start",
            *REFUSE,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=subprocess_env(),
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines()}
    assert not {name for name in imported if name.split(".")[0] in ("jinja2", "markupsafe")}
