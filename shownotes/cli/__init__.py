"""The ``shownotes`` command line: a thin layer over the library, one module per command group.

Every command reports a bad input as one line, ``FILE:LINE: what is wrong (how to fix it)``,
on standard error and exits with status 2; nothing is printed as a traceback.

This module imports nothing: :func:`main` runs the plainest command lines of ``tag`` and
``check`` without click (:mod:`.fast`), and everything else through the click group
(:mod:`.group`; ``cli``, ``LazyGroup`` and ``HelpContext`` are importable from here too).
"""

from __future__ import annotations

import sys
from typing import Any

from shownotes.cli.context import COMMANDS as COMMANDS
from shownotes.cli.context import INTERNAL_ERROR_EXIT as INTERNAL_ERROR_EXIT


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status. Never shows a traceback: an unexpected
    exception is reported in one line that asks for a bug report and names a log file."""
    if (sys.argv[1:] if argv is None else argv)[:1] in (["tag"], ["check"]):
        from shownotes.cli.fast import run_fast

        code = run_fast(argv)
        if code is not None:
            return code
    from shownotes.cli.group import run

    return run(argv)


def __getattr__(name: str) -> Any:
    if name in ("cli", "LazyGroup", "HelpContext"):
        from shownotes.cli import group

        return getattr(group, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
