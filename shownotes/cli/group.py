"""The click group behind ``shownotes``: its help lists the commands from
:data:`shownotes.cli.COMMANDS` and imports a command's module only when that command runs.

:func:`shownotes.cli.main` comes here for every command line :mod:`.fast` does not take.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from typing import Any

import click

from shownotes import __version__
from shownotes.cli.context import COMMANDS, CONTEXT, INTERNAL_ERROR_EXIT


def _terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it ($COLUMNS, then the
    terminal, else 80), without importing shutil: that costs ``shownotes --help`` a tenth
    of its start-up."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpContext(click.Context):
    """click's context, whose help formatter is as wide as click would make it."""

    def make_formatter(self) -> click.HelpFormatter:
        width = self.terminal_width
        if width is None and click.formatting.FORCED_WIDTH is None:
            width = max(min(_terminal_columns(), self.max_content_width or 80) - 2, 50)
        return self.formatter_class(width=width, max_width=self.max_content_width)


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is used (click's
    documented lazy-loading pattern); its help lists the commands from :data:`COMMANDS`."""

    context_class = HelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS or cmd_name in self.commands:
            # a command runs: its ShownotesWarnings are shown as one line each (main() set up
            # how), never raised; listing the commands for --help does not come here
            from shownotes.errors import ShownotesWarning

            warnings.simplefilter("always", ShownotesWarning)
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        module, attribute, _ = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), attribute)
        self.commands[cmd_name] = command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # the summaries come from the table: listing commands imports none of their modules
        stubs = [
            self.commands.get(name) or click.Command(name, help=COMMANDS[name][2])
            for name in self.list_commands(ctx)
        ]
        if not stubs:
            return
        limit = formatter.width - 6 - max(len(c.name or "") for c in stubs)
        rows = [(c.name or "", c.get_short_help_str(limit)) for c in stubs if not c.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="shownotes")
def cli() -> None:
    """Turn a podcast episode's timestamped transcript into chapters, show notes, a
    Podcasting 2.0 chapters file, an RSS feed and ID3 chapters.

    \b
    Examples:
      shownotes init my-show && cd my-show && shownotes publish --all
      shownotes check --all
      shownotes chapters episodes/2026-06-07/transcript.txt
    Run 'shownotes COMMAND --help' for one command's options and examples.
    """


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
    click.echo(f"shownotes: warning: {message}", err=True)


def run(argv: list[str] | None) -> int:
    """Run a command line through click; returns the exit status (see :func:`.main`)."""
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning  # see LazyGroup.get_command
            cli.main(args=argv, prog_name="shownotes", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("shownotes: aborted", err=True)
        return 130
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from shownotes.cli.fast import report_error
        from shownotes.errors import internal_error

        error = internal_error(exc, "running shownotes " + " ".join(argv or sys.argv[1:]))
        report_error(error)
        return INTERNAL_ERROR_EXIT
    return 0
