"""Read and write answers files: a YAML mapping of answer keys to values."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from buyer_guide.errors import DataError, UsageError
from buyer_guide.files import write_atomic


def load_answers(path: Path) -> dict[str, str]:
    """Load an answers file; every key and value must be a plain string or number."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"answers file not found: {path}") from None
    except (IsADirectoryError, UnicodeDecodeError):
        raise DataError(f"answers file {path} is not a UTF-8 text file") from None
    except OSError as exc:
        raise UsageError(f"cannot read answers file {path}: {exc.strerror}") from None
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise DataError(f"{path}:{line}: YAML syntax: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: YAML syntax: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping of KEY: VALUE, got {type(data).__name__}")
    out: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str) or isinstance(value, (dict, list, bool)) or value is None:
            raise DataError(f"{path}: '{key}' must map to a single value, like stage: unsigned")
        out[key] = str(value)
    return out


def dump_answers(answers: Mapping[str, str]) -> str:
    """Return answers as YAML text, in the order given."""
    import yaml

    header = "# buyer-guide answers: replay with  buyer-guide start --answers THIS_FILE\n"
    return header + yaml.safe_dump(dict(answers), allow_unicode=True, sort_keys=False)


def save_answers(path: Path, answers: Mapping[str, str], *, force: bool) -> None:
    """Write an answers file atomically."""
    write_atomic(path, dump_answers(answers), force=force)
