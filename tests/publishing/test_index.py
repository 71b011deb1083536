"""The catalogue index writes back the lines of the entries a run did not change as it read
them: what it writes is always what serializing every entry gives, and a replaced entry is
never written from its old line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import edit_yaml, published_show

import shownotes
from shownotes.config import load_episode, load_show
from shownotes.publishing import index as index_module
from shownotes.publishing.catalog import load_catalog
from shownotes.publishing.index import INDEX_FILE, CatalogIndex, load_index, templates_key


@pytest.fixture
def show(tmp_path: Path) -> Path:
    """A starter show of 3 episodes, published once."""
    return published_show(tmp_path, 3)


def loaded(show: Path) -> CatalogIndex:
    config = load_show(show / "config.yaml")
    return load_index(config, templates_key(config))


def written_whole(index: CatalogIndex) -> bytes:
    """The file a save serializing every entry writes (nothing kept from a load)."""
    fresh = CatalogIndex(index.path, index.shared, dict(index.entries), dict(index.feed))
    fresh.path = index.path.with_name("whole.json")
    fresh.dirty = True
    fresh.save()
    return fresh.path.read_bytes()


def test_a_run_that_changed_one_episode_writes_what_serializing_all_gives(show: Path) -> None:
    path = show / "public" / INDEX_FILE
    before = path.read_bytes().split(b"\n")
    edit_yaml(show / "episodes" / "ep2", description="Changed.")
    assert not shownotes.publish(show / "config.yaml").errors
    after = path.read_bytes()
    index = loaded(show)
    assert after == written_whole(index)
    assert json.loads(after)["episodes"]["ep2"]["episode"]["description"] == "Changed."
    lines = after.split(b"\n")
    changed = [i for i, (a, b) in enumerate(zip(before, lines, strict=True)) if a != b]
    assert [lines[i][:6] for i in changed] == [lines[0][:6], b'"ep2":']  # the head: the feed


def test_a_recorded_entry_is_never_written_from_its_old_line(show: Path) -> None:
    index = loaded(show)
    name = next(iter(index.entries))
    catalog = load_catalog(show / "config.yaml")
    episode = next(e for e in catalog.episodes if e.folder and e.folder.name == name)
    entry = index.entries[name]
    state = show / "public" / name / ".shownotes-state.json"
    index.record(episode, state, entry["stats"], "other inputs", None, 99)
    index.save()
    saved = json.loads(index.path.read_bytes())["episodes"][name]
    assert (saved["inputs"], saved["chapters"]) == ("other inputs", 99)
    assert index.path.read_bytes() == written_whole(loaded(show))


def test_an_index_in_another_layout_is_written_whole(show: Path) -> None:
    path = show / "public" / INDEX_FILE
    data = json.loads(path.read_bytes())
    path.write_text(json.dumps(data, indent=2))  # same content, its own newlines
    index = loaded(show)
    assert index.entries == data["episodes"]
    index.entries["ep3"] = {**index.entries["ep3"], "chapters": 7}  # (not through record)
    index.dirty = True
    index.save()
    assert json.loads(path.read_bytes())["episodes"] == index.entries
    assert path.read_bytes() == written_whole(loaded(show))


def test_lines_that_do_not_match_the_entries_are_not_kept(show: Path) -> None:
    index = loaded(show)
    index._loaded = index._loaded[:-1]  # as if an entry's line went missing
    index.entries["ep3"] = {**index.entries["ep3"], "chapters": 7}
    index.dirty = True
    index.save()
    assert json.loads(index.path.read_bytes())["episodes"]["ep3"]["chapters"] == 7


def test_forgotten_entries_leave_the_file(show: Path) -> None:
    shutil.rmtree(show / "episodes" / "ep2")
    assert not shownotes.publish(show / "config.yaml").errors
    data = json.loads((show / "public" / INDEX_FILE).read_bytes())
    assert "ep2" not in data["episodes"] and "ep3" in data["episodes"]


def test_entry_lines_hold_no_newline() -> None:
    entry = {"episode": {"title": "two\nlines", "description": 'a,\n"b"'}}
    line = index_module._entry_line("ep\n1", entry)
    assert b"\n" not in line
    assert json.loads(b"{" + line + b"}") == {"ep\n1": entry}


def test_episodes_from_the_index_equal_the_loaded_ones(show: Path) -> None:
    catalog = load_catalog(show / "config.yaml")  # through the index
    assert catalog.index is not None and catalog.index.entries
    for episode in catalog.episodes:
        assert episode.source is not None
        assert episode == load_episode(episode.source)
