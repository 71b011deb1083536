"""The ``shownotes`` command line: a thin layer over the library, one module per command group.

Every command reports a bad input as one line, ``FILE:LINE: what is wrong (how to fix it)``,
on standard error and exits with status 2; nothing is printed as a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from typing import Any

import click

from shownotes import __version__
from shownotes.cli.context import CONTEXT

#: Every command: its module, the function there, and its help's first paragraph (what
#: ``shownotes --help`` lists). A command's module is imported only when the command runs
#: or its own help is asked for, so ``shownotes --help`` imports none of them;
#: ``tests/test_startup.py`` checks this table against the commands themselves.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "chapters": (
        "shownotes.cli.chapters",
        "chapters",
        "Detect an episode's chapters from its transcript and print or write them.",
    ),
    "check": (
        "shownotes.cli.show",
        "check",
        "Pre-publish hook: validate an episode (or --all) without writing anything.",
    ),
    "episodes": (
        "shownotes.cli.transcripts",
        "episodes",
        "List the show's episodes, newest first, validating the config and every episode.yaml.",
    ),
    "eval": (
        "shownotes.cli.chapters",
        "eval_command",
        "Score chapter detection against episodes whose true chapters are known.",
    ),
    "feed": (
        "shownotes.cli.outputs",
        "feed",
        "Regenerate the show's RSS feed, or update a feed another tool made.",
    ),
    "init": (
        "shownotes.cli.show",
        "init",
        "Create a starter show: config.yaml and one episode (transcript, silent audio).",
    ),
    "learn": (
        "shownotes.cli.learn",
        "learn",
        "Learn a show's chapter style from episodes it already chaptered, as a rules file.",
    ),
    "retime": (
        "shownotes.cli.retime",
        "retime",
        "Move an episode's chapters and transcript onto its edited audio, then publish it.",
    ),
    "review": (
        "shownotes.cli.review",
        "review",
        "Check and fix an episode's chapters in a local web page, with its audio and transcript.",
    ),
    "plugins": (
        "shownotes.cli.show",
        "plugins_command",
        "List the plugins shownotes loads (installed ones and the config's) and their hooks.",
    ),
    "publish": (
        "shownotes.cli.show",
        "publish",
        "The whole job: chapters, show notes, chapter files, tagged MP3 and the feed.",
    ),
    "render": (
        "shownotes.cli.outputs",
        "render",
        "Write an episode's show notes and chapter files from the templates.",
    ),
    "tag": (
        "shownotes.cli.tag",
        "tag",
        "Write chapters into an MP3 as ID3 CHAP and CTOC frames, keeping every other tag.",
    ),
    "transcript": (
        "shownotes.cli.transcripts",
        "transcript",
        "Print a transcript as shownotes reads it, one segment per line.",
    ),
}


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


#: Exit status of a run that hit a bug (an exception shownotes did not expect): EX_SOFTWARE.
INTERNAL_ERROR_EXIT = 70


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status. Never shows a traceback: an unexpected
    exception is reported in one line that asks for a bug report and names a log file."""
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
        from shownotes.cli.common import report_error
        from shownotes.errors import internal_error

        error = internal_error(exc, "running shownotes " + " ".join(argv or sys.argv[1:]))
        report_error(error)
        return INTERNAL_ERROR_EXIT
    return 0
