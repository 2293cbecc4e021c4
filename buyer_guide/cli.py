"""The command line: parse options, call one core function, map errors to exit codes."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from buyer_guide import __version__
from buyer_guide.errors import BuyerGuideError, InterviewInterrupted

if TYPE_CHECKING:
    from buyer_guide.commands.common import RouteRequest

app = typer.Typer(
    name="buyer-guide",
    help=(
        "Find the right after-sales path for a purchase gone wrong on Pinduoduo: "
        "what to press, by when, what to keep, and where to go next.\n\n"
        "Example: buyer-guide start"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    """Formats of ``start``."""

    text = "text"
    json = "json"


def fail(message: str, code: int) -> typer.Exit:
    """Print a one-line error on stderr and return the Exit to raise."""
    sys.stderr.write(f"buyer-guide: error: {message}\n")
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn domain errors into a one-line message and their exit code; Ctrl-C into 130."""
    try:
        yield
    except InterviewInterrupted:
        sys.stderr.write("\nbuyer-guide: interrupted\n")
        raise typer.Exit(130) from None
    except KeyboardInterrupt:
        sys.stderr.write("\nbuyer-guide: interrupted\n")
        raise typer.Exit(130) from None
    except BuyerGuideError as exc:
        raise fail(str(exc), exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"buyer-guide {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Find the right after-sales path for a purchase gone wrong."""


def route_request(
    answer: list[str] | None,
    answers: Path | None,
    tree: Path | None,
    lang: str | None,
    today: str | None,
    now: str | None,
    **extra: Any,
) -> "RouteRequest":
    """Bundle the options every route-producing command shares."""
    from buyer_guide.commands.common import RouteRequest

    return RouteRequest(
        flags=answer or [],
        answers_file=answers,
        tree_file=tree,
        lang_option=lang,
        interactive=stdin_is_terminal(),
        today=today,
        now=now,
        **extra,
    )


def stdin_is_terminal() -> bool:
    """Tell whether a person can answer prompts here."""
    return sys.stdin.isatty() and sys.stdout.isatty()


TreeOption = Annotated[
    Optional[Path],  # noqa: UP045 (typer reads the annotation at run time)
    typer.Option("--tree", metavar="FILE", help="Use this tree file instead of the shipped one."),
]
LangOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--lang",
        metavar="LANG",
        help="zh-Hans or en (default: BUYER_GUIDE_LANG, then the locale, else zh-Hans).",
    ),
]
TodayOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--today", metavar="DATE", help="Treat this day as today (YYYY-MM-DD), for replays."
    ),
]
NowOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--now",
        metavar="DATETIME",
        help="Treat this moment as now, e.g. 2026-11-26T14:30 (China time unless an offset).",
    ),
]
AnswerOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--answer",
        "-a",
        metavar="KEY=VALUE",
        help="Answer a question in advance, e.g. stage=unsigned (repeatable).",
    ),
]
AnswersFileOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--answers", metavar="FILE", help="Read answers from a YAML file; --answer wins."),
]


@app.command()
def start(
    answer: AnswerOption = None,
    answers: AnswersFileOption = None,
    save_answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--save-answers", metavar="FILE", help="Write the answers given, for replay."),
    ] = None,
    tree: TreeOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = (
        OutputFormat.text
    ),
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the --save-answers file.")
    ] = False,
    today: TodayOption = None,
    now: NowOption = None,
) -> None:
    """Interview the buyer and show the path to take.

    Asks one question at a time in a terminal; answers given with --answer or
    --answers are not asked again. Without a terminal every answer must be given.

    Example: buyer-guide start --lang en

    Scripted: buyer-guide start -a stage=within_7_days -a progress=not_started --format json
    """
    from buyer_guide.commands import start as command

    request = route_request(
        answer, answers, tree, lang, today, now, save_to=save_answers, force_save=force
    )
    with user_errors():
        command.run(request, fmt.value)


@app.command()
def validate(
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(metavar="[FILE]", help="Tree file to check (default: the shipped tree)."),
    ] = None,
) -> None:
    """Check a tree file and list every problem as FILE:LINE: message.

    Exit status 0 when the tree is valid, 1 when it is not.

    Example: buyer-guide validate my-tree.yaml
    """
    from buyer_guide.commands import validate as command

    with user_errors():
        code = command.run(file)
    raise typer.Exit(code)


# Time: channels and deadlines (issue 4).


@app.command()
def channels(
    platform: Annotated[
        str, typer.Option("--platform", metavar="ID", help="Platform whose channels to list.")
    ] = "pdd",
    now: NowOption = None,
    lang: LangOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = (
        OutputFormat.text
    ),
) -> None:
    """List every contact channel: open now, closes at or opens at, hours per source.

    Hours are China time; where sources disagree, each is shown with its source and
    the window they all agree on.

    Example: buyer-guide channels --now 2026-11-26T21:30
    """
    from buyer_guide.commands import channels as command

    with user_errors():
        command.run(platform, now, lang, fmt.value)


@app.command()
def deadlines(
    answer: AnswerOption = None,
    answers: AnswersFileOption = None,
    tree: TreeOption = None,
    lang: LangOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = (
        OutputFormat.text
    ),
    ics: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--ics", metavar="FILE", help="Also write the deadlines as a calendar."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --ics file.")] = False,
    today: TodayOption = None,
    now: NowOption = None,
) -> None:
    """Compute your route's deadlines from your dates; optionally as a calendar file.

    Dates are answers: signed_on, requested_on (may include a time), rejected_on,
    complained_on. Each calendar event has a reminder the day before.

    Example: buyer-guide deadlines -a stage=within_7_days -a progress=not_started -a signed_on=2026-11-20 --ics deadlines.ics
    """  # noqa: E501
    from buyer_guide.commands import deadlines as command

    request = route_request(answer, answers, tree, lang, today, now)
    with user_errors():
        command.run(request, fmt.value, ics, force)


# Documents: checklist, export, tree (issue 3).


class ChecklistFormat(str, Enum):
    """Formats of ``checklist``."""

    markdown = "markdown"
    html = "html"
    text = "text"


class ExportFormat(str, Enum):
    """Formats of ``export``."""

    markdown = "markdown"


class TreeFormat(str, Enum):
    """Formats of ``tree``."""

    text = "text"
    mermaid = "mermaid"


OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of printing."),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the --output file if it exists.")
]


@app.command()
def checklist(
    answer: AnswerOption = None,
    answers: AnswersFileOption = None,
    tree: TreeOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        ChecklistFormat, typer.Option("--format", help="markdown, html (print it) or text.")
    ] = ChecklistFormat.markdown,
    output: OutputOption = None,
    force: ForceOption = False,
    order: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--order", metavar="ORDER_NO", help="Print this order number on the sheet."),
    ] = None,
    note: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--note", metavar="TEXT", help="Print this note on the sheet."),
    ] = None,
    width: Annotated[
        int, typer.Option("--width", min=20, max=200, help="Line width of --format text.")
    ] = 72,
    today: TodayOption = None,
    now: NowOption = None,
) -> None:
    """Write a checklist for your route: steps, evidence, deadlines, contacts.

    Takes the same answers as start. --format html gives one page to print
    (one or two A4 sheets); --format text suits a receipt printer (--width 32).

    Example: buyer-guide checklist --format html -o checklist.html
    """
    from buyer_guide.commands import checklist as command
    from buyer_guide.render.document import FillIn

    request = route_request(answer, answers, tree, lang, today, now)
    with user_errors():
        command.run(request, fmt.value, FillIn(order, note), output, force=force, width=width)


@app.command()
def export(
    answer: AnswerOption = None,
    answers: AnswersFileOption = None,
    tree: TreeOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="markdown.")
    ] = ExportFormat.markdown,
    output: OutputOption = None,
    force: ForceOption = False,
    today: TodayOption = None,
    now: NowOption = None,
) -> None:
    """Write the escalation steps for your route as a document to follow alone.

    Every level from the first remedy up to the external complaint, each with
    its steps, when to move up, evidence and whom to contact; then your answers
    and the source behind each rule.

    Example: buyer-guide export --format markdown -o my-case.md
    """
    from buyer_guide.commands import export as command

    request = route_request(answer, answers, tree, lang, today, now)
    with user_errors():
        command.run(request, output, force=force)


@app.command("tree")
def tree_command(
    tree: TreeOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        TreeFormat, typer.Option("--format", help="text (a tree) or mermaid (a flowchart).")
    ] = TreeFormat.text,
) -> None:
    """Show the whole decision tree: questions, options, outcomes and their ladders.

    Example: buyer-guide tree --format mermaid > tree.mmd
    """
    from buyer_guide.commands import tree as command

    with user_errors():
        command.run(tree, lang, fmt.value)


def command_names() -> list[str]:
    """Return the names of the registered commands."""
    names = []
    for info in app.registered_commands:
        callback: Callable[..., object] | None = info.callback
        names.append(info.name or (callback.__name__ if callback else ""))
    return names
