"""``buyer-guide export``: the route's escalation steps as a document to follow alone."""

from __future__ import annotations

from pathlib import Path

from buyer_guide.commands.common import RouteRequest
from buyer_guide.commands.output import emit, route_for_output


def run(request: RouteRequest, output: Path | None = None, *, force: bool = False) -> None:
    """Find the route, write every level of its ladder, the trace and the sources."""
    from buyer_guide.render.markdown import export_markdown

    view = route_for_output(request, output, force=force)
    emit(export_markdown(view), output, force=force)
