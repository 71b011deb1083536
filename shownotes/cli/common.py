"""What every command shares: options, one-line error reporting, output, finding the show."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from shownotes.cli.context import CONTEXT as CONTEXT  # (re-exported for the commands)
from shownotes.cli.fast import echo as echo
from shownotes.cli.fast import episodes_to_run as episodes_to_run
from shownotes.cli.fast import report_error as report_error
from shownotes.errors import ShownotesError, UsageError

if TYPE_CHECKING:
    from shownotes.chapters.resolve import ChapterResult
    from shownotes.models import Show

F = TypeVar("F", bound=Callable[..., Any])

OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)


def reports_errors(command: F) -> F:
    """Turn a ShownotesError into its one-line message on stderr and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ShownotesError as error:
            report_error(error)
            sys.exit(error.exit_code)

    return wrapper  # type: ignore[return-value]


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""

    from shownotes.atomic import write_atomic

    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)


CONFIG_OPTION = click.option(
    "-c",
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Show config file [default: $SHOWNOTES_CONFIG, else config.yaml here].",
)


RULES_OPTION = click.option(
    "--rules",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A rules file (from 'shownotes learn') to apply, in place of the config's "
    "detection.rules_file.",
)


def show_config(config: Path | None, rules: Path | None = None) -> Show | None:
    """The show config given or found here, or None when there is none (defaults apply);
    with ``rules``, that rules file applied (to an empty show when there is no config)."""

    from shownotes.config import load_show, with_rules_file
    from shownotes.models import Detection, Show
    from shownotes.publishing.catalog import find_config

    try:
        path = find_config(config)
    except UsageError:
        if rules is None:
            return None
        return Show(title="", detection=with_rules_file(Detection(), rules))
    return load_show(path, rules_file=rules)


def with_chapter_count(show: Show | None, count: int | None) -> Show | None:
    """``show`` (or an empty one) asking detection for ``count`` chapters; as it is without."""
    if count is None:
        return show
    import dataclasses

    from shownotes.models import Show

    show = show or Show(title="")
    try:
        detection = dataclasses.replace(show.detection, chapter_count=count)
    except ValueError as error:
        raise UsageError(
            f"--count {count}: {error}", "ask for fewer, or raise detection.max_chapters"
        ) from None
    return dataclasses.replace(show, detection=detection)


def report_sidecar(result: ChapterResult) -> None:
    if result.action == "kept-edited":
        click.echo(f"{result.sidecar}: edited by hand, kept as it is", err=True)
        if result.pending:
            click.echo("detection would have changed it like this:", err=True)
            click.echo(result.pending, err=True, nl=False)
    elif result.action != "none":
        click.echo(f"{result.sidecar}: {result.action}", err=True)


def progress_reporter(total: int, label: str) -> tuple[Callable[[Any], None], Callable[[], None]]:
    """A progress bar on a terminal; plain numbered lines elsewhere (CI logs)."""

    from shownotes.publishing.results import EpisodeResult
    from shownotes.publishing.unchanged import Unchanged

    if sys.stderr.isatty() and total > 1:
        bar = click.progressbar(length=total, label=label, file=sys.stderr)
        bar.__enter__()
        return (lambda _outcome: bar.update(1)), (lambda: bar.__exit__(None, None, None))
    done = [0]

    def step(outcome: Any) -> None:
        done[0] += 1
        if isinstance(outcome, Unchanged):  # (kept as its index entry: no Episode to ask)
            name = outcome.name
        elif isinstance(outcome, EpisodeResult):
            name = outcome.episode.source.parent.name
        else:
            name = "failed"
        if total > 1:
            # what click.echo writes (stderr is line-buffered), without its per-call cost
            sys.stderr.write(f"[{done[0]}/{total}] {label} {name}\n")

    return step, lambda: None
