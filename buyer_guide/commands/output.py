"""What the document commands share: refuse early, then print or write atomically."""

from __future__ import annotations

import sys
from pathlib import Path

from buyer_guide.commands.common import RouteRequest, obtain_route
from buyer_guide.files import check_writable, write_atomic
from buyer_guide.view import View


def route_for_output(request: RouteRequest, output: Path | None, *, force: bool) -> View:
    """Return the route's view, refusing an existing output file before any question."""
    if output is not None:
        check_writable(output, force=force)
    return obtain_route(request)


def emit(text: str, output: Path | None, *, force: bool) -> None:
    """Print ``text``, or write it to ``output`` atomically, never over a file unasked."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text, force=force)
