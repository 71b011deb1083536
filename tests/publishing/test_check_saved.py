"""``check`` on an episode unchanged since its last publish validates the saved outputs
against the saved chapters (no detection, no rendering) and still finds every problem; a
changed input takes the full check."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_show, run

from shownotes.audio.tagfile import write_chapters
from shownotes.config import load_episode
from shownotes.models import Chapter
from shownotes.publishing.catalog import load_catalog
from shownotes.publishing.saved import saved_chapters


@pytest.fixture
def published(tmp_path: Path) -> Path:
    show = make_show(tmp_path)
    assert run("publish", "--all", cwd=show).returncode == 0
    return show


def saved(show: Path, name: str) -> object:
    catalog = load_catalog(show / "config.yaml")
    episode = load_episode(show / "episodes" / name / "episode.yaml")
    return saved_chapters(episode, catalog.show, catalog.index)


def test_an_unchanged_episode_is_checked_from_its_saved_chapters(published: Path) -> None:
    found = saved(published, "ep2")
    assert found is not None and found.chapters[0].title == "Intro"  # type: ignore[attr-defined]
    assert run("check", "--all", cwd=published).stdout == "ok: 3 episodes ready\n"


def test_the_fast_path_finds_a_tampered_mp3_and_chapters_json(published: Path) -> None:
    write_chapters(published / "public" / "ep2" / "episode.mp3", [Chapter(0, 10, "Other")])
    (published / "public" / "ep3" / "chapters.json").write_text('{"chapters": []}')
    assert saved(published, "ep2") is not None and saved(published, "ep3") is not None
    result = run("check", "--all", cwd=published)
    assert result.returncode == 1
    assert "ep2/episode.mp3: the MP3's chapters are out of sync (chapter 1: MP3 has 'Other'" in (
        result.stdout
    )
    assert "ep3/chapters.json: published chapters JSON is invalid" in result.stdout


def test_the_fast_path_finds_a_changed_guid_in_the_feed(published: Path) -> None:
    feed = published / "public" / "feed.xml"
    guid = load_episode(published / "episodes" / "ep2" / "episode.yaml").guid
    feed.write_text(feed.read_text().replace(f">{guid}<", ">something-else<"))
    assert saved(published, "ep2") is not None
    result = run("check", str(published / "episodes" / "ep2"), cwd=published)
    assert result.returncode == 1
    assert (
        f"the feed's item has GUID 'something-else', but episode.yaml records {guid!r}"
        in (result.stdout)
        or "no item for" in result.stdout
    )


def test_a_changed_input_takes_the_full_check(published: Path) -> None:
    sidecar = published / "episodes" / "ep2" / "episode.chapters.yaml"
    sidecar.write_text(sidecar.read_text().replace("title: Intro", "title: Cold open"))
    assert saved(published, "ep2") is None  # the sidecar changed: prepare it again
    result = run("check", str(published / "episodes" / "ep2"), cwd=published)
    assert result.returncode == 1
    assert "chapters are out of sync" in result.stdout and "Cold open" in result.stdout


def test_no_state_takes_the_full_check(published: Path) -> None:
    (published / "public" / "ep3" / ".shownotes-state.json").unlink()
    assert saved(published, "ep3") is None
    assert run("check", "--all", cwd=published).stdout == "ok: 3 episodes ready\n"
