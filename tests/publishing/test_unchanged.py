"""Episodes the catalogue index vouches for whole are kept as their entries (no Episode is built
for them), and a run that keeps them gives byte for byte what the full path gives: the same
feed.xml, the same index, the same report. The full path is the same code with
``CatalogIndex.vouched_entry`` answering None: every episode is then built from the index or
its episode.yaml and checked by :func:`~shownotes.publishing.pipeline.skipped_if_unchanged`."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import edit_yaml, published_show

import shownotes
from shownotes.config import load_episode
from shownotes.publishing.catalog import load_catalog
from shownotes.publishing.index import INDEX_FILE, CatalogIndex
from shownotes.publishing.pipeline import publish_catalog
from shownotes.publishing.results import PublishReport, PublishResults
from shownotes.publishing.state import STATE_FILE
from shownotes.publishing.unchanged import CatalogEpisodes, Unchanged


def settled(show: Path) -> None:
    """As if the index was written a second after everything else (no stat is racy)."""
    path = show / "public" / INDEX_FILE
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def show(tmp_path: Path) -> Path:
    """A starter show of 5 episodes, published once, its index settled."""
    root = published_show(tmp_path, 5)
    settled(root)
    return root


def kept(show: Path) -> list[str]:
    """The episodes a fresh load of the catalogue keeps as their index entries."""
    episodes = load_catalog(show / "config.yaml").episodes
    assert isinstance(episodes, CatalogEpisodes)
    return sorted(i.name for i in episodes.items() if isinstance(i, Unchanged))


def bump(path: Path) -> None:
    """A newer time stamp, same content."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def edit_one(show: Path) -> None:
    edit_yaml(show / "episodes" / "ep3", description="Changed.")


def touch_one(show: Path) -> None:
    bump(show / "episodes" / "ep2" / "transcript.txt")


def add_one(show: Path) -> None:
    shutil.copytree(show / "episodes" / "ep5", show / "episodes" / "ep6")
    edit_yaml(show / "episodes" / "ep6", title="Episode 6", guid="", date="2026-01-06T06:00:00Z")


def remove_one(show: Path) -> None:
    shutil.rmtree(show / "episodes" / "ep4")


def break_one(show: Path) -> None:
    (show / "episodes" / "ep2" / "episode.yaml").write_text("title: [unclosed\n")


def unpublish_one(show: Path) -> None:
    edit_yaml(show / "episodes" / "ep5", unpublished=True)


def clone(show: Path) -> None:
    """A fresh clone: every file has a new time stamp, the same content."""
    for folder, _, files in os.walk(show):
        for name in files:
            if name != INDEX_FILE:
                bump(Path(folder) / name)


def touch_state(show: Path) -> None:
    bump(show / "public" / "ep4" / STATE_FILE)


def nothing(show: Path) -> None:
    pass


CHANGES: dict[str, Callable[[Path], None]] = {
    "nothing": nothing,
    "one edited": edit_one,
    "one touched": touch_one,
    "a state file touched": touch_state,
    "one added": add_one,
    "one removed": remove_one,
    "one broken": break_one,
    "one unpublished": unpublish_one,
    "fresh clone": clone,
}


def described(report: PublishReport) -> list[object]:
    """Everything a report says, each result read in full (kept ones built)."""
    results = [
        (r.episode, r.folder, r.skipped, r.written, r.chapters, r.item, r.notes, r.removed)
        for r in report.episodes
    ]
    return [results, report.errors, report.feed, report.feed_changed, report.kept, report.lines()]


def outputs(show: Path, mark: int) -> dict[str, object]:
    """The files in the output folder and the index as written, each time stamp of a file
    written since ``mark`` (which two runs cannot share) as "new"."""
    public = show / "public"
    index = json.loads((public / INDEX_FILE).read_bytes())

    def plain(stat: list[int] | None) -> object:
        return stat if stat is None or stat[1] < mark else [stat[0], "new"]

    index["feed"]["stat"] = plain(index["feed"].get("stat"))
    for entry in index["episodes"].values():
        entry["stats"] = {name: plain(stat) for name, stat in entry["stats"].items()}
        entry["state"] = plain(entry["state"])
        entry["newest"] = "new" if entry["newest"] >= mark else entry["newest"]
    files = {p.name: p.read_bytes() for p in public.iterdir() if p.is_file()}
    files.pop(INDEX_FILE)
    return {"files": files, "index": index}


def run_both(show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """Publish a copy of ``show`` (its time stamps kept) with and without the kept entries:
    (what each run said and wrote)."""
    full = tmp_path / "full"
    shutil.copytree(show, full, symlinks=True)  # copy2: the same time stamps
    mark = time.time_ns() - 1_000_000  # (coarse file system clocks lag)
    fast = shownotes.publish(show / "config.yaml")
    with monkeypatch.context() as patch:
        patch.setattr(CatalogIndex, "vouched_entry", lambda *args: None)
        slow = shownotes.publish(full / "config.yaml")
    return (
        _relocated({"report": described(fast), **outputs(show, mark)}, show, show),
        _relocated({"report": described(slow), **outputs(full, mark)}, full, show),
    )


def _relocated(value: object, old: Path, new: Path) -> object:
    """``value`` as JSON (anything else by its repr), every path under ``old`` moved to
    ``new`` (the copy's results)."""
    text = json.dumps(value, default=repr).replace(str(old), str(new))
    return json.loads(text)


@pytest.mark.parametrize("change", CHANGES)
def test_a_run_with_kept_entries_writes_and_says_what_the_full_path_does(
    show: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    CHANGES[change](show)
    before = kept(show)
    if change == "nothing":
        assert before == ["2026-01-01", "ep2", "ep3", "ep4", "ep5"]
    fast, slow = run_both(show, tmp_path, monkeypatch)
    assert fast == slow
    # the second run of each also agrees (the index each wrote is the one the other would)
    settled(show)
    settled(tmp_path / "full")
    fast, slow = run_both(show, tmp_path / "again", monkeypatch)
    assert fast == slow


def test_kept_entries_are_the_episodes_the_index_would_build(show: Path) -> None:
    catalog = load_catalog(show / "config.yaml")
    assert isinstance(catalog.episodes, CatalogEpisodes)
    assert all(isinstance(i, Unchanged) for i in catalog.episodes.items())
    for episode in catalog.episodes:
        assert episode.source is not None
        assert episode == load_episode(episode.source)
        assert catalog.episodes[catalog.episodes.index(episode)] is episode  # built once
    assert catalog.episodes == tuple(catalog.episodes)


def test_an_edited_episode_is_not_kept(show: Path) -> None:
    edit_one(show)
    touch_one(show)
    assert kept(show) == ["2026-01-01", "ep4", "ep5"]


def test_a_racy_index_keeps_nothing(show: Path) -> None:
    path = show / "public" / INDEX_FILE
    entries = json.loads(path.read_bytes())["episodes"].values()
    oldest = min(entry["newest"] for entry in entries)
    os.utime(path, ns=(oldest, oldest))  # as if written in the tick of each entry's files
    assert kept(show) == []


def test_a_state_file_changed_since_is_not_kept(show: Path) -> None:
    bump(show / "public" / "ep2" / STATE_FILE)
    assert "ep2" not in kept(show)


def test_kept_entries_are_published_when_the_index_forgot_them(show: Path) -> None:
    catalog = load_catalog(show / "config.yaml")
    assert catalog.index is not None
    catalog.index.reset(catalog.index.shared)  # as when the show's GUID is recorded
    report = publish_catalog(catalog)
    assert isinstance(report.episodes, PublishResults)
    made = list(report.episodes.made())
    assert len(made) == 5 and all(r.item is not None for r in made)  # checked by content


def test_force_publishes_kept_entries(show: Path) -> None:
    catalog = load_catalog(show / "config.yaml")
    report = publish_catalog(catalog, force=True)
    assert not any(r.skipped for r in report.episodes)
    assert len(list(report.episodes.made())) == 5  # type: ignore[attr-defined]


def test_the_command_lists_kept_entries_as_before(show: Path) -> None:
    from click.testing import CliRunner

    from shownotes.cli import cli

    result = CliRunner().invoke(cli, ["publish", "--all", "--config", str(show / "config.yaml")])
    assert result.exit_code == 0, result.output
    assert "[5/5] publishing 2026-01-01" in result.stderr
    assert "2026-01-01: unchanged" in result.stdout
    assert "nothing changed" in result.stdout
