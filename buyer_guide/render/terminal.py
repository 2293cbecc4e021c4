"""Show a route in the terminal with rich."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from buyer_guide.i18n import label
from buyer_guide.view import View


def hours_line(channel: View, lang: str) -> str:
    """Describe a channel's hours, each with its source, flagging disagreement."""
    if channel["always_open"]:
        return label(lang, "always_open")
    if not channel["hours"]:
        return label(lang, "hours_unknown")
    spans = "; ".join(f"{h['start']}-{h['end']} [{h['source']}]" for h in channel["hours"])
    if channel["hours_disputed"]:
        agreed = channel["hours_agreed"]
        safest = f"; {label(lang, 'safest')}: {agreed['start']}-{agreed['end']}" if agreed else ""
        spans += f" ({label(lang, 'hours_disputed')}{safest})"
    return f"{label(lang, 'hours')}: {spans}"


def channel_line(channel: View, lang: str) -> str:
    """Describe a channel in one line: name, number or address, hours."""
    parts = [channel["name"]]
    if channel["contact"]:
        parts.append(channel["contact"])
    elif channel["url"]:
        parts.append(channel["url"])
    text = " · ".join(parts)
    if channel.get("status") in ("open", "closed", "disputed") and not channel["always_open"]:
        text += f" — {channel['status_text']}"
    text += f" — {hours_line(channel, lang)}"
    if channel["unverified"]:
        text += f" ({label(lang, 'unverified')})"
    return text


def channel_brief(channel: View, lang: str) -> str:
    """Name a channel with its number or address and whether it is open now."""
    parts: list[str] = [channel["name"]]
    if channel["contact"] or channel["url"]:
        parts.append(channel["contact"] or channel["url"])
    return " · ".join(parts) + f" — {channel['status_text']}"


def deadline_brief(deadline: View, lang: str) -> str:
    """Name a deadline with where it stands on the clock."""
    text = str(deadline["title"])
    if deadline.get("status_text"):
        text += f" — {deadline['status_text']}"
    if deadline["unverified"]:
        text += f" ({label(lang, 'unverified')})"
    return text


def deadline_line(deadline: View, lang: str) -> str:
    """Describe a deadline: title, where it stands on the clock, its rule, what follows."""
    text = str(deadline["title"])
    if deadline.get("status_text"):
        text += f" — {deadline['status_text']}"
    text += f": {deadline['rule']}"
    if deadline.get("after"):
        text += f" {label(lang, 'dl_after')}: {deadline['after']}"
    if deadline["unverified"]:
        text += f" ({label(lang, 'unverified')})"
    return text


def _pairs(rows: list[tuple[str, str, str]]) -> Table:
    """Lay out label/value rows so long values wrap under themselves."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for name, value, style in rows:
        grid.add_row(
            Text(name, style=f"bold {style}"), Text(value, style="dim" if style == "dim" else "")
        )
    return grid


def _step_rows(step: View, view: View, lang: str) -> list[tuple[str, str, str]]:
    channels = {c["id"]: c for c in view["channels"]}
    deadlines = {d["id"]: d for d in view["deadlines"]}
    rows: list[tuple[str, str, str]] = []
    if step["where"]:
        rows.append((label(lang, "where"), step["where"], "cyan"))
    if step["choose"]:
        rows.append((label(lang, "choose"), step["choose"], "cyan"))
    if step["evidence"]:
        sep = "；" if lang.startswith("zh") else "; "
        rows.append(
            (label(lang, "evidence"), sep.join(e["text"] for e in step["evidence"]), "green")
        )
    for cid in step["channels"]:
        rows.append((label(lang, "channels"), channel_brief(channels[cid], lang), "blue"))
    for did in step["deadlines"]:
        rows.append((label(lang, "deadlines"), deadline_brief(deadlines[did], lang), "magenta"))
    if step["warning"]:
        rows.append(("⚠ " + label(lang, "warning"), step["warning"], "yellow"))
    rows.append((label(lang, "sources"), ", ".join(step["sources"]), "dim"))
    return rows


def _steps(steps: list[View], view: View, lang: str) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1, overflow="fold")
    for number, step in enumerate(steps, 1):
        head = Text(step["text"], style="bold")
        if step["unverified"]:
            head.append(f" ({label(lang, 'unverified')})", style="yellow")
        grid.add_row(
            Text(f"{number}.", style="bold"), Group(head, _pairs(_step_rows(step, view, lang)))
        )
        grid.add_row("", "")
    return grid


def _bullets(items: list[str], mark: str, style: str = "") -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for item in items:
        grid.add_row(Text(mark, style=style), Text(item))
    return grid


def _heading(text: str, style: str = "") -> Text:
    return Text(text, style=f"bold underline {style}".strip())


def render_route(view: View, console: Console) -> None:
    """Print the outcome, its steps, evidence, warnings, the ladder, answers and sources."""
    lang = view["lang"]
    outcome = view["outcome"]
    if view.get("notices"):
        console.print(
            Panel(
                _bullets(view["notices"], "!", "bold yellow"),
                title=f"[bold]{escape(label(lang, 'notices'))}[/bold]",
                title_align="left",
                border_style="yellow",
            )
        )
    console.print(
        Panel(
            Text(outcome["summary"]),
            title=f"[bold]{escape(label(lang, 'outcome'))}: {escape(outcome['title'])}[/bold]",
            title_align="left",
            border_style="green",
        )
    )
    console.print(_heading(label(lang, "steps")))
    console.print(_steps(view["steps"], view, lang))
    if view["evidence"]:
        console.print(_heading(label(lang, "evidence_all")))
        console.print(_bullets([e["text"] for e in view["evidence"]], "☐"))
        console.print()
    if view["deadlines"]:
        console.print(_heading(label(lang, "deadlines")))
        console.print(
            _pairs(
                [
                    (d["id"], f"{deadline_line(d, lang)} [{', '.join(d['sources'])}]", "magenta")
                    for d in view["deadlines"]
                ]
            )
        )
        console.print()
    if view["channels"]:
        console.print(_heading(label(lang, "channels")))
        rows = []
        for c in view["channels"]:
            text = channel_line(c, lang)
            if c["prepare"]:
                text += f" {label(lang, 'prepare')}: {c['prepare']}"
            rows.append((c["id"], text, "blue"))
        console.print(_pairs(rows))
        console.print()
    if view["warnings"]:
        console.print(_heading(label(lang, "warnings"), "yellow"))
        console.print(_bullets(view["warnings"], "⚠", "yellow"))
        console.print()
    console.print(_ladder(view))
    console.print(_heading(label(lang, "answers")))
    console.print(
        _pairs(
            [
                (
                    f"{entry['question_text']}",
                    f"{entry['answer_label']}  ({entry['key']}={entry['value']})",
                    "",
                )
                for entry in view["trace"]
            ]
        )
    )
    console.print()
    console.print(_heading(label(lang, "sources")))
    rows = []
    for src in view["sources"]:
        text = f"{src['title']} — {src['ref']} ({label(lang, 'confidence')}: {src['confidence']})"
        if src["url"]:
            text += f" {src['url']}"
        rows.append((src["id"], text, "dim"))
    console.print(_pairs(rows))
    console.print()
    console.print(Text(view["disclaimer"], style="italic"))


def _ladder(view: View) -> RenderableType:
    lang = view["lang"]
    escalation: list[View] = view["escalation"]
    if not escalation:
        return Text(label(lang, "top_level") + "\n", style="italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1, overflow="fold")
    for number, level in enumerate(escalation, 1):
        body = Group(
            Text(level["title"], style="bold"),
            _pairs([(label(lang, "move_up_when"), level["when"] or "", "yellow")]),
            Text(level["summary"], style="dim"),
        )
        grid.add_row(Text(f"{number}.", style="bold"), body)
    return Panel(
        grid,
        title=f"[bold]{escape(label(lang, 'escalation'))}[/bold]",
        title_align="left",
        border_style="yellow",
    )
