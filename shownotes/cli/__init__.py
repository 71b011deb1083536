"""The ``shownotes`` command line: a thin layer over the library, one module per command group.

Every command reports a bad input as one line, ``FILE:LINE: what is wrong (how to fix it)``,
on standard error and exits with status 2; nothing is printed as a traceback.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

import click

from shownotes import __version__
from shownotes.cli.chapters import chapters, eval_command
from shownotes.cli.common import CONTEXT, report_error
from shownotes.cli.learn import learn
from shownotes.cli.outputs import feed, render, tag
from shownotes.cli.retime import retime
from shownotes.cli.review import review
from shownotes.cli.show import check, init, plugins_command, publish
from shownotes.cli.transcripts import episodes, transcript
from shownotes.errors import ShownotesWarning


@click.group(context_settings=CONTEXT)
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


for _command in (
    transcript,
    episodes,
    chapters,
    eval_command,
    learn,
    render,
    feed,
    tag,
    publish,
    check,
    init,
    plugins_command,
    retime,
    review,
):
    cli.add_command(_command)


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
    click.echo(f"shownotes: warning: {message}", err=True)


#: Exit status of a run that hit a bug (an exception shownotes did not expect): EX_SOFTWARE.
INTERNAL_ERROR_EXIT = 70


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status. Never shows a traceback: an unexpected
    exception is reported in one line that asks for a bug report and names a log file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", ShownotesWarning)
            warnings.showwarning = _show_warning
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
        from shownotes.errors import internal_error

        error = internal_error(exc, "running shownotes " + " ".join(argv or sys.argv[1:]))
        report_error(error)
        return INTERNAL_ERROR_EXIT
    return 0
