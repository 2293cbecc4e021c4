"""Locate the data files shipped with buyer-guide."""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:
    from importlib.abc import Traversable


def data_file(*parts: str) -> Traversable:
    """Return a file under ``data/``, from the installed package or a source checkout."""
    installed = files("buyer_guide").joinpath("data", *parts)
    if installed.is_file():
        return installed
    # A source checkout (or an editable install) keeps data/ beside the package;
    # the wheel build copies it into buyer_guide/data.
    return Path(__file__).resolve().parent.parent.joinpath("data", *parts)
