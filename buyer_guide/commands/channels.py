"""``buyer-guide channels``: every contact channel, open now or not, hours per source."""

from __future__ import annotations

import json
import sys

from buyer_guide.clock import parse_clock
from buyer_guide.commands.common import load_tree, pick_language
from buyer_guide.errors import UsageError
from buyer_guide.i18n import label
from buyer_guide.view import channel_view

PLATFORMS = {"pdd": None}  # platform id -> tree file (None: the shipped tree)


def run(platform: str, now: str | None, lang_option: str | None, fmt: str) -> None:
    """Print the channels of ``platform``'s tree with their status at ``now``."""
    if platform not in PLATFORMS:
        raise UsageError(f"unknown platform '{platform}' (available: {', '.join(PLATFORMS)})")
    tree = load_tree(PLATFORMS[platform])
    lang = pick_language(tree, lang_option)
    clock = parse_clock(None, now)
    channels = [channel_view(c, lang, clock) for c in tree.channels.values()]
    if fmt == "json":
        doc = {
            "platform": platform,
            "lang": lang,
            "now": clock.now.isoformat(),
            "timezone": "UTC+08:00 (China)",
            "channels": channels,
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from buyer_guide.render.terminal import hours_line

    table = Table(
        title=f"{tree.title.get(lang)} — {label(lang, 'now_label')} {clock.now:%Y-%m-%d %H:%M} "
        f"({label(lang, 'china_time')})",
        show_lines=True,
    )
    table.add_column(label(lang, "channels"), overflow="fold")
    table.add_column(label(lang, "status"), overflow="fold")
    table.add_column(label(lang, "hours"), overflow="fold")
    styles = {"open": "green", "closed": "red", "disputed": "yellow"}
    for c in channels:
        name = c["name"] + (f"\n{c['contact'] or c['url']}" if c["contact"] or c["url"] else "")
        if c["unverified"]:
            name += f" ({label(lang, 'unverified')})"
        table.add_row(
            Text(name),
            Text(c["status_text"], style=styles.get(c["status"], "dim")),
            Text(hours_line(c, lang)),
        )
    Console().print(table)
