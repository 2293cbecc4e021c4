"""Show a route in the terminal with rich."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
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
        spans += f" ({label(lang, 'hours_disputed')})"
    return f"{label(lang, 'hours')}: {spans}"


def _channel_text(channel: View, lang: str) -> str:
    parts = [channel["name"]]
    if channel["contact"]:
        parts.append(channel["contact"])
    elif channel["url"]:
        parts.append(channel["url"])
    text = " · ".join(parts) + f" — {hours_line(channel, lang)}"
    if channel["unverified"]:
        text += f" ({label(lang, 'unverified')})"
    return text


def _steps(steps: list[View], view: View, lang: str, indent: str = "") -> Text:
    channels = {c["id"]: c for c in view["channels"]}
    deadlines = {d["id"]: d for d in view["deadlines"]}
    out = Text()
    for number, step in enumerate(steps, 1):
        head = f"{indent}{number}. "
        out.append(head, style="bold")
        out.append(step["text"])
        if step["unverified"]:
            out.append(f" ({label(lang, 'unverified')})", style="yellow")
        out.append("\n")
        pad = indent + " " * len(f"{number}. ")
        details: list[tuple[str, str, str]] = []
        if step["where"]:
            details.append((label(lang, "where"), step["where"], "cyan"))
        if step["choose"]:
            details.append((label(lang, "choose"), step["choose"], "cyan"))
        if step["evidence"]:
            sep = "、" if lang.startswith("zh") else ", "
            details.append(
                (label(lang, "evidence"), sep.join(e["text"] for e in step["evidence"]), "green")
            )
        for cid in step["channels"]:
            details.append((label(lang, "channels"), _channel_text(channels[cid], lang), "blue"))
        for did in step["deadlines"]:
            d = deadlines[did]
            details.append((label(lang, "deadlines"), f"{d['title']}: {d['rule']}", "magenta"))
        if step["warning"]:
            details.append(("⚠ " + label(lang, "warning"), step["warning"], "yellow"))
        details.append((label(lang, "sources"), ", ".join(step["sources"]), "dim"))
        for name, value, style in details:
            out.append(f"{pad}{name}: ", style=f"bold {style}")
            out.append(f"{value}\n", style=style if style == "dim" else "")
    return out


def render_route(view: View, console: Console) -> None:
    """Print the outcome, its steps, evidence, warnings, the ladder, answers and sources."""
    lang = view["lang"]
    outcome = view["outcome"]
    console.print(
        Panel(
            Text(outcome["summary"]),
            title=f"[bold]{escape(label(lang, 'outcome'))}: {escape(outcome['title'])}[/bold]",
            title_align="left",
            border_style="green",
        )
    )
    console.print(Text(label(lang, "steps"), style="bold underline"))
    console.print(_steps(view["steps"], view, lang))
    if view["evidence"]:
        console.print(Text(label(lang, "evidence_all"), style="bold underline"))
        console.print(Text("\n".join(f"• {e['text']}" for e in view["evidence"])))
        console.print()
    if view["warnings"]:
        console.print(Text(label(lang, "warnings"), style="bold underline yellow"))
        console.print(Text("\n".join(f"⚠ {w}" for w in view["warnings"])))
        console.print()
    _ladder(view, console)
    console.print(Text(label(lang, "answers"), style="bold underline"))
    for entry in view["trace"]:
        console.print(
            Text.assemble(
                (f"{entry['question_text']} ", ""),
                ("→ ", "dim"),
                (entry["answer_label"], "bold"),
                (f"  ({entry['key']}={entry['value']})", "dim"),
            )
        )
    console.print()
    console.print(Text(label(lang, "sources"), style="bold underline"))
    for src in view["sources"]:
        confidence = f"{label(lang, 'confidence')}: {src['confidence']}"
        line = f"[{src['id']}] {src['title']}: {src['ref']} ({confidence})"
        if src["url"]:
            line += f" {src['url']}"
        console.print(Text(line, style="dim"))
    console.print()
    console.print(Text(view["disclaimer"], style="italic"))


def _ladder(view: View, console: Console) -> None:
    lang = view["lang"]
    escalation: list[dict[str, Any]] = view["escalation"]
    if not escalation:
        console.print(Text(label(lang, "top_level"), style="italic"))
        console.print()
        return
    parts: list[Text] = []
    for number, level in enumerate(escalation, 1):
        block = Text()
        block.append(f"{number}. {level['title']}\n", style="bold")
        block.append(f"   {label(lang, 'move_up_when')}: ", style="bold")
        block.append(f"{level['when']}\n")
        block.append(f"   {level['summary']}\n", style="dim")
        parts.append(block)
    console.print(
        Panel(
            Group(*parts),
            title=f"[bold]{escape(label(lang, 'escalation'))}[/bold]",
            title_align="left",
            border_style="yellow",
        )
    )
