"""The two commands run most often, without click: ``tag`` from a chapters file and ``check``
of one episode, plus what every command shares without needing click (output, errors).

Importing click costs about 30 ms, two to three times a bare ``python -c pass``, and
podcasters run these two commands on their own and often: after an edit, from a script, as a
pre-publish hook. :func:`shownotes.cli.main` hands every command line to :func:`run_fast`
first, which takes it only when it has exactly one of these shapes::

    shownotes tag AUDIO --chapters FILE [--id3v2.4] [--toc-title TITLE] [-c/--config CONFIG]
    shownotes check EPISODE [-c/--config CONFIG]

where FILE is a chapters file (``.json``, a ``.chapters.yaml`` sidecar, a tagged MP3: not an
episode folder, episode.yaml or a transcript), long options may be written ``--opt=value``,
no option comes twice, every value is non-empty and does not start with ``-``, and click
would accept each path (one that exists is readable; AUDIO and CONFIG are not folders).
Anything else (``--help``, ``--all``, ``--apps``, a transcript to detect from, a typo) goes to
click as before. Both ways run the same code (:func:`write_tag`, :func:`check_run`) and write
through :func:`echo`, which does what ``click.echo`` does with text; ``tests/test_fast.py``
checks that click parses every command line taken here to the same values.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shownotes.errors import ShownotesError, ShownotesWarning, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shownotes.models import Chapter, Episode
    from shownotes.publishing.catalog import Catalog

#: click's pattern for the ANSI styles it strips when the output is not a terminal.
_ANSI = r"\033\[[;?0-9]*[a-zA-Z]"

#: Per command: its options that take a value (every spelling → the parameter's name), its
#: flags, the options it needs, and its default values.
_TAG_OPTIONS = {"--chapters": "chapters_path", "--toc-title": "toc_title"}
_CONFIG = {"-c": "config", "--config": "config"}
_SHAPES: dict[str, tuple[dict[str, str], dict[str, str], set[str], dict[str, Any]]] = {
    "tag": (
        {**_TAG_OPTIONS, **_CONFIG},
        {"--id3v2.4": "v24"},
        {"chapters_path"},
        {"v24": False, "toc_title": "Chapters", "config": None},
    ),
    "check": (dict(_CONFIG), {}, set(), {"config": None, "every": False, "apps": False}),
}
#: The parameter each command's one argument fills.
_ARGUMENT = {"tag": "audio", "check": "target"}
#: Click would refuse a folder for these (``click.Path(dir_okay=False)``).
_FILES_ONLY = {"audio", "config"}


def echo(message: str = "", *, err: bool = False) -> None:
    """Print one line as ``click.echo`` prints text: to stdout (or stderr), ANSI styles
    stripped unless it is a terminal, flushed."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    text = message + "\n"
    if "\033" in text and not _is_terminal(stream):
        text = re.sub(_ANSI, "", text)
    stream.write(text)
    stream.flush()


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:
        return False


def show_warning(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
    """How a command shows a warning: one line, ``shownotes: warning: …``."""
    echo(f"shownotes: warning: {message}", err=True)


def report_error(error: ShownotesError) -> None:
    """Print each problem of ``error`` as one line on standard error."""
    for problem in error.problems:
        echo(str(problem) if problem.path else f"shownotes: {problem}", err=True)


# -- the plain command lines -----------------------------------------------------------------


def parse_plain(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The command and its parameters when ``argv`` has one of the plain shapes (see the
    module's docstring), exactly as click would give them; None for anything else."""
    if not argv or argv[0] not in _SHAPES:
        return None
    command, rest = argv[0], argv[1:]
    options, flags, required, defaults = _SHAPES[command]
    values: dict[str, Any] = {}
    argument: str | None = None
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if "\033" in token or token == "":
            return None
        name, eq, value = token.partition("=")
        if token in flags:
            key, found = flags[token], True
        elif token in options:
            if i >= len(rest):
                return None
            key, found = options[token], rest[i]
            i += 1
        elif eq and name.startswith("--") and name in options:
            key, found = options[name], value
        elif token.startswith("-") or argument is not None:
            return None
        else:
            argument = token
            continue
        if key in values or (isinstance(found, str) and (not found or found.startswith("-"))):
            return None
        values[key] = found
    if argument is None or not required <= values.keys():
        return None
    values[_ARGUMENT[command]] = argument
    for key in ("audio", "target", "chapters_path", "config"):
        if key in values:
            if not _click_accepts(values[key], key in _FILES_ONLY):
                return None
            values[key] = Path(values[key])
    return command, {**defaults, **values}


def _click_accepts(value: str, files_only: bool) -> bool:
    """Whether ``click.Path(dir_okay=not files_only)`` (readable, need not exist) takes it."""
    try:
        mode = os.stat(value).st_mode
    except (OSError, ValueError):
        return True  # click lets the command say what is wrong with a missing file
    return not (files_only and stat.S_ISDIR(mode)) and os.access(value, os.R_OK)


def run_fast(argv: list[str] | None) -> int | None:
    """Run ``argv`` here when it is a plain ``tag`` or ``check`` command line and return the
    exit status, as :func:`shownotes.cli.main` would; None to leave it to click."""
    args = sys.argv[1:] if argv is None else list(argv)
    parsed = parse_plain(args)
    if parsed is None:
        return None
    command, params = parsed
    if command == "tag":
        from shownotes.chapters.files import is_chapters_file

        chapters = params["chapters_path"]
        if chapters.is_dir() or chapters.name == "episode.yaml":
            return None
        if not is_chapters_file(chapters):
            return None
    try:
        with warnings.catch_warnings():
            warnings.showwarning = show_warning
            warnings.simplefilter("always", ShownotesWarning)
            try:
                if command == "tag":
                    tag_chapters_file(**params)
                    return 0
                return check_run(**params)
            except ShownotesError as error:
                report_error(error)
                return error.exit_code
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    except (EOFError, KeyboardInterrupt):
        echo(err=True)  # as click: the blank line closes the terminal's ^C echo
        echo("shownotes: aborted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from shownotes.cli.context import INTERNAL_ERROR_EXIT
        from shownotes.errors import internal_error

        report_error(internal_error(exc, "running shownotes " + " ".join(args)))
        return INTERNAL_ERROR_EXIT


# -- the commands' bodies, shared with their click commands ----------------------------------


def tag_chapters_file(
    audio: Path, chapters_path: Path, v24: bool, toc_title: str, config: Path | None
) -> None:
    """``shownotes tag AUDIO --chapters FILE`` for a chapters file (the config is not read)."""
    from shownotes.audio.duration import audio_duration
    from shownotes.chapters.files import read_chapters_file

    duration = audio_duration(audio)
    write_tag(audio, read_chapters_file(chapters_path, duration), v24, toc_title)


def write_tag(audio: Path, found: tuple[Chapter, ...] | list[Chapter], v24: bool, toc: str) -> None:
    """Write ``found`` into the MP3's tag and say how."""
    from shownotes.audio.tagfile import write_chapters

    report = write_chapters(audio, found, version=4 if v24 else 3, toc_title=toc)
    how = "in place" if report.method == "in-place" else "via a new copy"
    echo(
        f"tagged {audio}: {report.chapters} chapters, ID3v2.{report.version}, {how} "
        f"({report.bytes_written:,} bytes written)"
    )
    for image in report.skipped_images:
        echo(
            f"shownotes: warning: image {image} is a web URL; ID3 embeds only local "
            "images, so this chapter has none",
            err=True,
        )


def check_run(target: Path | None, every: bool, config: Path | None, apps: bool) -> int:
    """``shownotes check``: print the problems (and with ``apps`` the apps' view); the exit
    status, 1 when there are problems."""
    if target is not None and not every and not apps:
        from shownotes.publishing.checked import recorded_verdict

        verdict = recorded_verdict(target, config)  # unchanged since publish: its verdict
        if verdict is not None:
            for line in verdict.warnings:
                echo(line, err=True)
            for line in verdict.problems:
                echo(line)
            if verdict.problems:
                return 1
            echo("ok: 1 episode ready")
            return 0
    from shownotes.publishing.check import check_catalog

    catalog, chosen = episodes_to_run(target, every, config)
    problems = [p for e in catalog.errors for p in e.problems] if every else []
    report: dict[Path, list[str]] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ShownotesWarning)
        problems += check_catalog(
            catalog.show, chosen, apps=report if apps else None, index=catalog.index
        )
    for warning in caught:  # chapters to review first, and other legal-but-unwise input
        if issubclass(warning.category, ShownotesWarning):
            echo(f"shownotes: warning: {warning.message}", err=True)
    if apps:
        from shownotes.publishing.apps_report import report_header

        echo(report_header(catalog.show))
        for episode in chosen:
            name = episode.folder.name if episode.folder else episode.title
            lines = report.get(episode.source) if episode.source else None
            echo("\n" + "\n".join(lines or [f"{name}: cannot tell (see the problems below)"]))
        echo()
    for problem in problems:
        echo(str(problem))
    if problems:
        return 1
    echo(f"ok: {len(chosen)} episode{'s' if len(chosen) != 1 else ''} ready")
    return 0


def episodes_to_run(
    target: Path | None, every: bool, config: Path | None
) -> tuple[Catalog, Sequence[Episode]]:
    """The show's catalogue and the episodes a command should run on (one, or --all: the
    catalogue's own sequence)."""

    from shownotes.config import load_episode
    from shownotes.paths import config_above
    from shownotes.publishing.catalog import load_catalog

    if every == (target is not None):
        raise UsageError("name one EPISODE or pass --all", "see --help")
    if target is not None and config is None:
        # an episode folder sits in the show's episodes folder: find the config above it
        config = config_above(target)
    catalog = load_catalog(config)
    if every:  # as the catalogue keeps them (an unchanged one is built when read)
        return catalog, catalog.episodes
    # the catalogue has loaded it (or taken it from the index, unchanged): no second parse
    source = target / "episode.yaml" if target.is_dir() else target  # type: ignore[union-attr]
    with contextlib.suppress(OSError, RuntimeError):
        source = source.resolve()
    loaded = next((e for e in catalog.episodes if e.source == source), None)
    return catalog, [loaded or load_episode(target)]  # type: ignore[arg-type]
