"""Write output files atomically, never clobbering an existing file unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from buyer_guide.errors import OutputExistsError, UsageError


def check_writable(path: Path, *, force: bool = False) -> Path:
    """Fail early if ``path`` cannot be written; return its folder."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists; pass --force to overwrite it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"folder {folder} does not exist")
    return folder


def write_atomic(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename.

    An interrupted write leaves either the old file or none, never half a file.
    """
    write_atomic_bytes(path, text.encode("utf-8"), force=force)


def write_atomic_bytes(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically, like ``write_atomic``."""
    folder = check_writable(path, force=force)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
