"""Write a route as Markdown: the checklist and the escalation steps.

Every value a template prints is escaped (see ``escape``) unless our own code built it
as ``Markdown``; so a ``#``, ``|``, ``[link](...)`` or ``<script>`` in a tree text, an
order number or a note stays text, rendered and raw.
"""

from __future__ import annotations

import re
from functools import partial

import jinja2

from buyer_guide.render.document import FillIn, clean, context, hours, t, web_url
from buyer_guide.render.templates import environment
from buyer_guide.view import View

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE = re.compile(r"^[A-Za-z0-9_=.:+-]+$")
# Characters that open markup anywhere in a line: emphasis, code, links, raw HTML,
# autolinks, table cells, strikethrough, and the backslash itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An entity reference would be shown as the character it names.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What makes a block when it starts a line: heading, quote, list item, setext underline.
_BLOCK_START = re.compile(r"^( ?)([#>+=-]|\d+(?=[.)]))")


class Markdown(str):
    """Markdown our own code built from escaped parts; printed as it is."""


def _escape_marker(match: re.Match[str]) -> str:
    space, marker = match.groups()
    # "1." stays text as "1\.", and "#", ">", "-"... as "\#", "\>", "\-".
    return space + (marker + "\\" if marker[0].isdigit() else "\\" + marker)


def escape(value: object) -> str:
    """Escape a text so that Markdown shows it as written, on one line."""
    text = _INLINE.sub(r"\\\1", clean(str(value)))
    text = _ENTITY.sub(r"\\&", text)
    return _BLOCK_START.sub(_escape_marker, text, count=1)


def _finalize(value: object) -> object:
    if isinstance(value, Markdown):
        return value
    if value is None:
        return ""
    return escape(value)


def refs(ids: list[str]) -> Markdown:
    """Cite sources as ``[id]`` links to the sources section (see ``definitions``)."""
    return Markdown(", ".join(f"[{i}]" if _ID.match(i) else escape(i) for i in ids))


def ident(value: str) -> Markdown:
    """Print an id (lower case, digits, ``_``) as it is; escape anything else."""
    return Markdown(value if _ID.match(value) else escape(value))


def code(value: str) -> Markdown:
    """Print ``key=value`` or a date as inline code; escape anything unusual."""
    return Markdown(f"`{value}`" if _CODE.match(value) else escape(value))


def link(text: str | None, url: str | None) -> Markdown:
    """Link ``text`` to a web address; without a plain http(s) address, show the text."""
    shown = escape(text or url or "")
    target = web_url(url)
    return Markdown(f"[{shown}](<{target}>)" if target else shown)


def hours_md(channel: View, lang: str) -> Markdown:
    """Describe a channel's hours, each span citing its source."""
    parts = hours(channel, lang)
    if parts["plain"]:
        text = escape(parts["plain"])
    else:
        text = escape(t(lang, "hours") + t(lang, "colon")) + t(lang, "list_sep").join(
            f"{escape(s['text'])} {refs([s['source']])}" for s in parts["spans"]
        )
        if parts["note"]:
            text += escape(t(lang, "paren", parts["note"]))
    if parts["status"]:
        text += escape(t(lang, "list_sep") + parts["status"])
    return Markdown(text)


def definitions(sources: list[View], anchor: str) -> Markdown:
    """Define each source id as a link to the sources section, its citation as title."""
    lines = []
    for src in sources:
        if _ID.match(src["id"]):
            title = clean(src["ref"]).replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'[{src["id"]}]: <{anchor}> "{title}"')
    return Markdown("\n".join(lines))


def _environment() -> jinja2.Environment:
    env = environment(autoescape=False, finalize=_finalize)
    env.filters.update(refs=refs, ident=ident, code=code)
    env.globals.update(link=link, hours=hours_md, definitions=definitions)
    return env


def _render(name: str, view: View, given: FillIn | None = None) -> str:
    data = context(view, given)
    text = _environment().get_template(name).render(**data, t=partial(t, view["lang"]))
    # Templates lay out blocks with blank lines; never more than one in a row.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def checklist_markdown(view: View, given: FillIn | None = None) -> str:
    """Return the route's checklist as GitHub-flavoured Markdown with task lists."""
    return _render("checklist.md.j2", view, given)


def export_markdown(view: View) -> str:
    """Return the route's escalation steps as a Markdown document to follow alone."""
    return _render("export.md.j2", view)
