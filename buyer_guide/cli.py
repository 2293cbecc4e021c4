"""The command line: parse options, call one core function, map errors to exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from buyer_guide import __version__
from buyer_guide.errors import BuyerGuideError, InterviewInterrupted

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
) -> None:
    """Interview the buyer and show the path to take.

    Asks one question at a time in a terminal; answers given with --answer or
    --answers are not asked again. Without a terminal every answer must be given.

    Example: buyer-guide start --lang en

    Scripted: buyer-guide start -a stage=within_7_days -a progress=not_started --format json
    """
    from buyer_guide.commands import start as command
    from buyer_guide.commands.common import RouteRequest

    request = RouteRequest(
        flags=answer or [],
        answers_file=answers,
        tree_file=tree,
        lang_option=lang,
        interactive=stdin_is_terminal(),
        save_to=save_answers,
        force_save=force,
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


def command_names() -> list[str]:
    """Return the names of the registered commands."""
    names = []
    for info in app.registered_commands:
        callback: Callable[..., object] | None = info.callback
        names.append(info.name or (callback.__name__ if callback else ""))
    return names
