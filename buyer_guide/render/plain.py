"""Write a route's checklist as plain text, for a terminal or a receipt printer.

No colour, no escape codes: every text is cleaned of control characters, and lines
are wrapped by display width, so Chinese (two columns a character) fits as well.
"""

from __future__ import annotations

import unicodedata

from buyer_guide.render.document import FillIn, clean, context, hours, t
from buyer_guide.view import View

# Closing punctuation never starts a line (it takes the character before it along),
# and opening punctuation never ends one.
_NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)]}%")
_NO_LINE_END = set("（《「『【〔“‘([{")


def cell_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _tokens(text: str) -> list[str]:
    """Split into words, spaces and single wide characters (a line may break after each)."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or cell_width(ch) == 2:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` columns; lines start with ``first``, then ``rest``."""
    rest = " " * cell_width(first) if rest is None else rest
    lines: list[list[str]] = [[]]
    prefix = first
    used = cell_width(first)
    for token in _tokens(clean(text).strip()):
        line = lines[-1]
        size = cell_width(token)
        if token == " ":
            if line:
                line.append(token)
                used += 1
            continue
        if used + size > width and line:
            carried: list[str] = []
            if token in _NO_LINE_START:
                while len(line) > 1 and line[-1] in _NO_LINE_START:
                    carried.insert(0, line.pop())
                if len(line) > 1 and line[-1] != " ":
                    carried.insert(0, line.pop())
            while len(line) > 1 and line[-1] in _NO_LINE_END:
                carried.insert(0, line.pop())
            while line and line[-1] == " ":
                line.pop()
            lines[-1] = [prefix, *line]
            prefix = rest
            lines.append(carried)
            line = lines[-1]
            used = cell_width(rest) + sum(cell_width(c) for c in carried)
        while used + size > width and size > 1 and not line:
            # A word longer than the line: cut it.
            cut = token
            while cell_width(cut) > width - used and len(cut) > 1:
                cut = cut[:-1]
            lines[-1] = [prefix, cut]
            prefix = rest
            lines.append([])
            line = lines[-1]
            token = token[len(cut) :]
            size = cell_width(token)
            used = cell_width(rest)
        line.append(token)
        used += size
    lines[-1] = [prefix, *lines[-1]]
    return ["".join(parts).rstrip() for parts in lines]


def _heading(text: str, width: int, mark: str) -> list[str]:
    lines = wrap(text, width)
    return ["", *lines, mark * min(width, max(cell_width(line) for line in lines))]


def checklist_text(view: View, given: FillIn | None = None, width: int = 72) -> str:
    """Return the route's checklist as plain text with ``[ ]`` boxes, ``width`` wide."""
    data = context(view, given)
    lang = data["lang"]
    colon = t(lang, "colon")
    channels = data["channel"]
    deadlines = data["deadline"]
    outcome = view["outcome"]
    out = _heading(t(lang, "checklist") + colon + outcome["title"], width, "=")[1:]
    out += [*wrap(outcome["summary"], width), ""]
    answers = " → ".join(entry["answer_label"] for entry in view["trace"])
    out += wrap(t(lang, "answers") + colon + answers, width)
    meta = view["tree"]["title"]
    if data["as_of"]:
        meta += " · " + t(lang, "as_of", time=data["as_of"])
    out += wrap(meta, width)
    for notice in data["notices"]:
        out += ["", *wrap(notice, width, "! ")]

    out += _heading(t(lang, "fill_in"), width, "-")
    for field in data["fields"]:
        name = field["label"] + colon
        if field["value"]:
            out += wrap(field["value"], width, name)
        else:
            out.append(name + "_" * max(4, width - cell_width(name)))
        if field["tall"] and not field["value"]:
            out.append("_" * width)

    out += _heading(t(lang, "todo"), width, "-")
    for number, step in enumerate(view["steps"], 1):
        text = step["text"]
        if step["unverified"]:
            text += t(lang, "paren", t(lang, "unverified"))
        box = f"[ ] {number}. "
        out += wrap(text, width, box)
        pad = " " * cell_width(box)
        details = []
        if step["where"]:
            details.append(t(lang, "where") + colon + step["where"])
        if step["choose"]:
            details.append(t(lang, "choose") + colon + step["choose"])
        details += [t(lang, "contact") + colon + channels[c]["name"] for c in step["channels"]]
        details += [t(lang, "deadlines") + colon + deadlines[d]["title"] for d in step["deadlines"]]
        if step["warning"]:
            details.append(t(lang, "warning") + colon + step["warning"])
        details.append(t(lang, "sources") + colon + ", ".join(step["sources"]))
        for line in details:
            out += wrap(line, width, pad + "- ", pad + "  ")

    if view["evidence"]:
        out += _heading(t(lang, "evidence_all"), width, "-")
        for item in view["evidence"]:
            out += wrap(item["text"], width, "[ ] ")

    if view["deadlines"]:
        out += _heading(t(lang, "deadlines"), width, "-")
        for item in view["deadlines"]:
            title = item["title"]
            if item["unverified"]:
                title += t(lang, "paren", t(lang, "unverified"))
            out += wrap(title + colon + item["rule"], width, "* ")
            if item.get("status_text"):
                out += wrap(item["status_text"], width, "  -> ", "     ")
            if item.get("after"):
                out += wrap(item["after"], width, "  ")
            out += wrap(t(lang, "sources") + colon + ", ".join(item["sources"]), width, "  ")

    if view["channels"]:
        out += _heading(t(lang, "channels"), width, "-")
        for item in view["channels"]:
            head = item["name"]
            if item["contact"] or item["url"]:
                head += " · " + (item["contact"] or item["url"])
            if item["unverified"]:
                head += t(lang, "paren", t(lang, "unverified"))
            out += wrap(head, width, "* ")
            parts = hours(item, lang)
            if parts["plain"]:
                out += wrap(parts["plain"], width, "  ")
            else:
                spans = t(lang, "list_sep").join(
                    f"{span['text']} [{span['source']}]" for span in parts["spans"]
                )
                if parts["note"]:
                    spans += t(lang, "paren", parts["note"])
                out += wrap(t(lang, "hours") + colon + spans, width, "  ")
            if parts["status"]:
                out += wrap(parts["status"], width, "  -> ", "     ")

    out += _heading(t(lang, "escalation"), width, "-")
    for level in data["levels"][1:]:
        out += wrap(level["title"], width, f"{level['number'] - 1}. ")
        out += wrap(t(lang, "move_up_when") + colon + (level["when"] or ""), width, "   ")
    if len(data["levels"]) == 1:
        out += wrap(t(lang, "top_level"), width)

    out += _heading(t(lang, "sources"), width, "-")
    for src in data["sheet_sources"]:
        text = f"{src['id']}: {src['ref']}"
        if src["url"]:
            text += f" {src['url']}"
        text += t(
            lang, "paren", t(lang, "confidence") + colon + data["confidence"](src["confidence"])
        )
        out += wrap(text, width, "* ")

    out += ["", *wrap(view["disclaimer"], width)]
    return "\n".join(out) + "\n"
