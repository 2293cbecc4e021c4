"""``buyer-guide checklist``: a sheet to tick off for the route, as Markdown, HTML or text."""

from __future__ import annotations

from pathlib import Path

from buyer_guide.commands.common import RouteRequest
from buyer_guide.commands.output import emit, route_for_output
from buyer_guide.render.document import FillIn


def run(
    request: RouteRequest,
    fmt: str,
    given: FillIn,
    output: Path | None = None,
    *,
    force: bool = False,
    width: int = 72,
) -> None:
    """Find the route, render its checklist in ``fmt`` and print or write it."""
    view = route_for_output(request, output, force=force)
    if fmt == "html":
        from buyer_guide.render.html import checklist_html

        text = checklist_html(view, given)
    elif fmt == "text":
        from buyer_guide.render.plain import checklist_text

        text = checklist_text(view, given, width)
    else:
        from buyer_guide.render.markdown import checklist_markdown

        text = checklist_markdown(view, given)
    emit(text, output, force=force)
