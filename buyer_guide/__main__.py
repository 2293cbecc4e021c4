"""Entry point for the ``buyer-guide`` console script and ``python -m buyer_guide``."""

from __future__ import annotations

import sys

from buyer_guide import __version__


def main() -> None:
    """Run the command line, answering ``--version`` without loading the CLI framework."""
    # The CLI framework costs several times the interpreter's own start-up; a bare
    # --version is asked by scripts and packagers often enough to deserve a fast path.
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"buyer-guide {__version__}\n")
        return
    from buyer_guide.cli import app

    app(prog_name="buyer-guide")


if __name__ == "__main__":
    main()
