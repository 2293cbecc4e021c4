"""``buyer-guide start``: interview the buyer, or replay answers, and show the route."""

from __future__ import annotations

import json
import sys

from buyer_guide.commands.common import RouteRequest, obtain_route


def run(request: RouteRequest, fmt: str) -> None:
    """Find the route for the answers, asking for missing ones when a terminal is there."""
    view = obtain_route(request)
    if fmt == "json":
        sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console

    from buyer_guide.render.terminal import render_route

    render_route(view, Console())
