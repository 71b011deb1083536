"""``check EPISODE``'s verdict, recorded at publish time, and the file stats it stands on.

``check`` of one episode is a function of the files it reads: the config, the episode's
inputs, its published files, the feed, the catalogue index, the templates. Right after a
publish, :func:`record_checks` runs that check for each episode just published (in this
process, on the files as a fresh ``check`` would read them) and writes to
``output_dir/.shownotes-checked.json`` what it printed, with the stat (size, mtime_ns, inode,
ctime_ns) of every file and folder it opened or listed, of every input the episode's state
names, of its published files and of the folders holding them. The files it opened are
found by an audit hook (:func:`sys.addaudithook`, the ``open``/``os.listdir``/``os.scandir``
events), so a file read by code added later is not missed.

:func:`recorded_verdict` replays that verdict while every one of those stats is exactly what
was recorded and none is "racily clean" (changed in the clock tick the record was written,
the catalogue index's rule): then ``check`` reads no YAML, no MP3 and no feed. Any other stat
(a file edited, replaced, touched, added or removed beside it) takes the full check. The
stats are taken before the recorded check runs and again after it, and every file it opened
must be among them: a file that changes while it is recorded, or that was not stat'ed first,
leaves the episode unrecorded. Only the folder holding this file is not keyed (writing it
changes that folder's time): every file ``check`` reads there (the feed, the index) is keyed
on its own. A show with plugins, or with more than :data:`MOST_EPISODES` episodes, is never
recorded.

This module imports only the standard library and :mod:`shownotes.paths` at load;
:func:`record_checks` imports the check itself when it runs.
"""

from __future__ import annotations

import contextvars
import json
import os
import sys
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from shownotes.paths import CONFIG_NAMES as CONFIG_NAMES
from shownotes.paths import config_above

if TYPE_CHECKING:
    from shownotes.models import Episode, Show
    from shownotes.publishing.catalog import Catalog

CHECKED_FILE = ".shownotes-checked.json"
_FORMAT = 1


#: At most this many episodes are recorded per publish (the newest published first).
MOST_RECORDED = 16
#: Above this many episodes, publish records nothing: recording runs ``check``, which loads
#: the whole catalogue (about 0.2 ms an episode), and a republish of one episode of 5,000
#: must stay within 2x a one-episode publish.
MOST_EPISODES = 1000

Stat = list[int] | None


class Verdict(NamedTuple):
    """What ``check EPISODE`` printed: its warnings (stderr), then its problems (stdout)."""

    warnings: tuple[str, ...]
    problems: tuple[str, ...]


def file_stat(path: str) -> Stat:
    """``[size, mtime_ns, inode, ctime_ns]`` of a file or folder; None when it is absent."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


# -- replaying ------------------------------------------------------------------------------


def recorded_verdict(target: Path, config: Path | None) -> Verdict | None:
    """The verdict the last publish recorded for ``check target``, when every file it stands
    on has the recorded stat; None when the check has to run."""
    try:
        config = config if config is not None else config_above(target)
        if config is None:
            return None  # $SHOWNOTES_CONFIG or the current folder: the full check
        config = config.resolve()
        source = (target / "episode.yaml" if target.is_dir() else target).resolve()
        record = _load(_output_dir(config) / CHECKED_FILE)
    except (OSError, RuntimeError, ValueError):
        return None
    if record is None:
        return None
    from shownotes import __version__

    written, data = record
    if data.get("version") != __version__ or data.get("config") != str(config):
        return None
    entry = (data.get("episodes") or {}).get(str(source))
    if not isinstance(entry, dict) or not entry.get("newest", written) < written:
        return None
    stats = entry.get("stats")
    if not isinstance(stats, dict) or str(config) not in stats:
        return None
    for path, stat in stats.items():
        if file_stat(path) != stat:
            return None
    return Verdict(tuple(entry["warnings"]), tuple(entry["problems"]))


def _load(path: Path) -> tuple[int, dict[str, Any]] | None:
    try:
        written = os.stat(path).st_mtime_ns
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return None
    return written, data


def _output_dir(config: Path) -> Path:
    """Where the show's output folder most likely is, read from the config's text without
    a YAML parser: a top-level ``output_dir:`` with a plain value, else the default
    ``public``. (A wrong guess only means no record is found: a record names its config.)"""
    value = "public"
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("output_dir:"):
            value = line.partition(":")[2].split(" #")[0].strip().strip("'\"")
    return config.parent / Path(value).expanduser()


# -- recording ------------------------------------------------------------------------------

#: The paths opened or listed while a check is being recorded (None: not recording).
_opened: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "shownotes_check_opened", default=None
)
_HOOKED: list[bool] = []
#: Modules a check may import as it runs (from a user site-packages, say): code, not input.
_CODE = (".py", ".pyc", ".so", ".pyd", ".pth")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event not in ("open", "os.listdir", "os.scandir"):
        return
    opened = _opened.get()
    if opened is None or not args:
        return
    path = args[0]
    if path is None:
        path = "."
    if isinstance(path, str | bytes | os.PathLike):
        opened.add(os.path.abspath(os.fsdecode(path)))


def _install_hook() -> None:
    if not _HOOKED:  # an audit hook cannot be removed: one per process, idle unless recording
        sys.addaudithook(_audit)
        _HOOKED.append(True)


def record_checks(catalog: Catalog, published: Sequence[Episode]) -> None:
    """After a publish: record ``check``'s verdict on each of ``published`` (the episodes
    that run wrote). Never fails the publish: anything unexpected records nothing."""
    show = catalog.show
    if show.source is None or show.plugins or not published:
        return  # a plugin's code is an input no stat covers: the full check, every time
    if len(catalog.episodes) > MOST_EPISODES:
        return  # recording would load the catalogue again: see MOST_EPISODES
    path = show.output_dir / CHECKED_FILE
    try:
        _install_hook()
        old = _load(path)
        episodes = dict(old[1].get("episodes") or {}) if old is not None else {}
        if old is not None and old[1].get("config") != str(show.source):
            episodes = {}
        for episode in list(published)[:MOST_RECORDED]:
            if episode.source is None:
                continue
            entry = _record_one(show, episode)
            if entry is None:
                episodes.pop(str(episode.source), None)
            else:
                episodes[str(episode.source)] = entry
        episodes = {s: e for s, e in episodes.items() if os.path.isfile(s)}
        _write(path, show.source, episodes)
    except Exception:  # the record is an optimisation: without it, check reads the files
        return


def _write(path: Path, config: Path, episodes: dict[str, Any]) -> None:
    from shownotes import __version__
    from shownotes.atomic import write_atomic

    if not path.parent.is_dir():
        return
    data = {"format": _FORMAT, "version": __version__, "config": str(config)}
    data["episodes"] = episodes  # type: ignore[assignment]
    write_atomic(path, json.dumps(data, separators=(",", ":"), ensure_ascii=False))


def _record_one(show: Show, episode: Episode) -> dict[str, Any] | None:
    assert episode.source is not None and show.source is not None
    paths = _keyed(_known(show, episode), show.output_dir)
    before = {p: file_stat(p) for p in paths}
    checked = _run_check(show.source, episode.source)
    if checked is None or not set(_keyed(checked[1], show.output_dir)) <= set(paths):
        return None  # it read a file not stat'ed before: its verdict is not recorded
    after = {p: file_stat(p) for p in paths}
    if after != before:
        return None  # a file changed while it was being checked
    stamps = [s[3] for s in after.values() if s is not None]
    verdict = checked[0]
    return {
        "stats": after,
        "newest": max(stamps, default=0),
        "warnings": list(verdict.warnings),
        "problems": list(verdict.problems),
    }


def _run_check(config: Path, source: Path) -> tuple[Verdict, set[str]] | None:
    """``check EPISODE --config CONFIG`` as :func:`shownotes.cli.fast.check_run` runs it, on
    the files as they are now: its verdict and every path it opened or listed; None when it
    stopped with an error (that is printed, not recorded)."""
    from shownotes.errors import ShownotesError, ShownotesWarning
    from shownotes.publishing.catalog import load_catalog
    from shownotes.publishing.check import check_catalog

    opened: set[str] = set()
    token = _opened.set(opened)
    try:
        with warnings.catch_warnings(record=True) as loading:
            warnings.simplefilter("always", ShownotesWarning)
            catalog = load_catalog(config)
        if any(not issubclass(w.category, ShownotesWarning) for w in loading):
            return None
        episode = next((e for e in catalog.episodes if e.source == source), None)
        if episode is None:
            return None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ShownotesWarning)
            problems = check_catalog(catalog.show, [episode], apps=None, index=catalog.index)
    except ShownotesError:
        return None
    finally:
        _opened.reset(token)
    said = [f"shownotes: warning: {w.message}" for w in loading]
    said += [
        f"shownotes: warning: {w.message}"
        for w in caught
        if issubclass(w.category, ShownotesWarning)
    ]
    lines = [str(p) for p in problems]
    if any("\033" in line for line in [*said, *lines]):
        return None  # printed differently on a terminal: not replayed
    return Verdict(tuple(said), tuple(lines)), opened


def _known(show: Show, episode: Episode) -> set[str]:
    """Paths a check of ``episode`` may only stat (so the audit hook does not see them): the
    config, the episode's folder and inputs, its published folder and files, the feed."""
    from shownotes.publishing.folders import output_folder
    from shownotes.publishing.index import INDEX_FILE
    from shownotes.publishing.state import load_state

    folder = episode.folder
    assert folder is not None
    published = output_folder(show, episode)
    paths = {show.source, folder, episode.audio, episode.transcript, published}
    paths |= {show.output_dir / INDEX_FILE, show.output_dir / "feed.xml", show.episodes_dir}
    if show.external_feed is not None:
        paths.add(show.external_feed)
    from shownotes.outputs.published import BUILTIN_TEMPLATES

    for templates in (show.templates_dir, BUILTIN_TEMPLATES, show.detection.rules_file):
        if templates is not None:
            paths.add(templates)
            for top, _, files in os.walk(templates):
                paths |= {Path(top), *(Path(top) / name for name in files)}
    paths |= {folder / name for name in (load_state(published).stats or {})}
    with os.scandir(folder) as entries:
        paths |= {Path(e.path) for e in entries}
    if published.is_dir():
        with os.scandir(published) as entries:
            paths |= {Path(e.path) for e in entries}
    with os.scandir(show.episodes_dir) as entries:  # the catalogue: every episode.yaml
        for entry in entries:
            if entry.is_dir():
                paths |= {Path(entry.path), Path(entry.path) / "episode.yaml"}
    return {os.path.abspath(p) for p in paths}


def _keyed(paths: Iterable[str], output_dir: Path) -> list[str]:
    """``paths`` and the folders holding the files among them (a listed folder's own stat
    says when an entry is added or removed), but not ``output_dir``, which holds the record;
    leaving out shownotes' own files, Python's and modules imported on the way (code, keyed
    by the version)."""
    skip = (str(Path(__file__).parents[1]), sys.prefix, sys.base_prefix)
    skip = tuple(s + os.sep for s in skip)
    mine = os.path.abspath(output_dir)
    keyed: set[str] = set()
    for path in paths:
        if path.startswith(skip) or path.endswith(_CODE):
            continue
        keyed.add(path)
        if os.path.dirname(path) != mine and not os.path.isdir(path):
            keyed.add(os.path.dirname(path))  # a file added or removed beside it
    keyed.discard(mine)
    return sorted(keyed)
