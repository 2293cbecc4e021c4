"""Load the document templates that ship inside the package.

Templates are our own files under ``buyer_guide/templates``; data reaches them only as
variables, never as template text, so nothing in a tree or typed by a user runs.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

import jinja2


def _load(name: str) -> tuple[str, None, Callable[[], bool]] | None:
    ref = files("buyer_guide").joinpath("templates").joinpath(name)
    if not ref.is_file():
        return None
    return ref.read_text(encoding="utf-8"), None, lambda: True


def environment(*, autoescape: bool, finalize: Callable[[object], object]) -> jinja2.Environment:
    """Return a template environment that fails on undefined names."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
