"""The exceptions buyer-guide raises; the command layer maps them to exit codes."""

from typing import NamedTuple


class BuyerGuideError(Exception):
    """Base of every error buyer-guide reports to the user."""

    exit_code = 1


class UsageError(BuyerGuideError):
    """The command was called wrongly: a bad option, answer or path."""

    exit_code = 2


class DataError(BuyerGuideError):
    """A file the user or the package supplied holds invalid data."""

    exit_code = 1


class AnswerError(UsageError):
    """An answer names an unknown key, an unknown value, or one is missing."""


class MissingAnswerError(AnswerError):
    """The walk needs an answer that was not given and cannot be asked."""

    def __init__(self, key: str, allowed: list[str]) -> None:
        self.key = key
        self.allowed = allowed
        super().__init__(
            f"missing answer for '{key}' (allowed: {', '.join(allowed)}); pass --answer {key}=VALUE"
        )


class LanguageError(UsageError):
    """A language was asked for that the tree does not carry."""


class OutputExistsError(UsageError):
    """An output file exists and --force was not given."""


class Problem(NamedTuple):
    """One problem found in a tree file, with the line it is on."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        """Render as ``FILE:LINE: message``."""
        return f"{self.file}:{self.line}: {self.message}"


class TreeError(DataError):
    """A tree file could not be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        first = str(problems[0]) if problems else "invalid tree"
        more = ""
        if count > 1:
            more = f" (and {count - 1} more; run 'buyer-guide validate' to list them)"
        super().__init__(first + more)


class InterviewInterrupted(BuyerGuideError):
    """The user pressed Ctrl-C; ``answers`` holds what was answered so far."""

    exit_code = 130

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        super().__init__("interrupted")
