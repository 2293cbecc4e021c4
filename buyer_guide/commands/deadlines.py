"""``buyer-guide deadlines``: the route's deadlines from the buyer's dates, or a calendar."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from buyer_guide.clock import parse_clock
from buyer_guide.commands.common import RouteRequest
from buyer_guide.commands.output import route_for_output
from buyer_guide.files import write_atomic_bytes
from buyer_guide.i18n import label


def run(request: RouteRequest, fmt: str, ics: Path | None, force: bool) -> None:
    """Print the deadlines of the route; with ``ics``, also write them as a calendar."""
    view = route_for_output(request, ics, force=force)
    if ics is not None:
        from buyer_guide.calendar import deadlines_ics

        data, count = deadlines_ics(view, parse_clock(request.today, request.now))
        write_atomic_bytes(ics, data, force=force)
        sys.stderr.write(f"buyer-guide: wrote {count} event(s) to {ics}\n")
    if fmt == "json":
        doc = {
            "lang": view["lang"],
            "clock": view["clock"],
            "outcome": view["outcome"],
            "inputs": view["inputs"],
            "notices": view["notices"],
            "deadlines": view["deadlines"],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    lang = view["lang"]
    table = Table(title=view["outcome"]["title"], show_lines=True)
    table.add_column(label(lang, "deadlines"), overflow="fold")
    table.add_column(label(lang, "status"), overflow="fold")
    table.add_column(label(lang, "sources"), overflow="fold")
    for d in view["deadlines"]:
        title = d["title"] + (f" ({label(lang, 'unverified')})" if d["unverified"] else "")
        status = d["status_text"] or ""
        if d["after"]:
            status += f"\n{label(lang, 'dl_after')}: {d['after']}"
        table.add_row(Text(title), Text(status), Text(", ".join(d["sources"])))
    console = Console()
    for notice in view["notices"]:
        console.print(Text.assemble(("! ", "bold yellow"), notice))
    console.print(table)
