"""``check EPISODE`` replays the verdict its last publish recorded only while every file it
stands on has the recorded stat; any change (same size or not, mtime put back or not) takes
the full check, which prints exactly what it printed before the record existed."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_show, run

from shownotes.publishing.checked import CHECKED_FILE, CONFIG_NAMES, recorded_verdict


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    show = make_show(tmp_path_factory.mktemp("checked"))
    assert run("publish", "--all", cwd=show).returncode == 0
    return show


@pytest.fixture
def published(template: Path, tmp_path: Path) -> Path:
    """The published show, re-published in a fresh copy (the record names absolute paths)."""
    show = tmp_path / "show"
    subprocess.run(["cp", "-a", str(template), str(show)], check=True)
    (show / "public" / CHECKED_FILE).unlink()
    (show / "public" / ".shownotes-index.json").unlink()
    assert run("publish", "--all", "--force", cwd=show).returncode == 0
    return show


def replayed(show: Path, name: str = "ep2") -> bool:
    return recorded_verdict(show / "episodes" / name, None) is not None


def check(show: Path, name: str = "ep2") -> subprocess.CompletedProcess[str]:
    """``check`` of one episode, asserting it prints what it prints without the record."""
    result = run("check", str(show / "episodes" / name), cwd=show)
    record = show / "public" / CHECKED_FILE
    aside = record.with_name("aside.json")
    record.rename(aside)
    try:
        full = run("check", str(show / "episodes" / name), cwd=show)
    finally:
        aside.rename(record)
    assert (result.returncode, result.stdout, result.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
    return result


def keep_mtime(path: Path, change: Callable[[Path], None]) -> None:
    """``change`` the file, then put its modification time back."""
    before = path.stat()
    change(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_the_config_names_are_the_catalogues() -> None:
    from shownotes.publishing.catalog import CONFIG_NAMES as catalog_names

    assert catalog_names == CONFIG_NAMES


def test_an_unchanged_episode_gets_the_recorded_verdict(published: Path) -> None:
    assert replayed(published, "ep2") and replayed(published, "ep3")
    result = check(published)
    assert (result.returncode, result.stdout) == (0, "ok: 1 episode ready\n")
    # given as its episode.yaml and with --config, the same record answers
    assert recorded_verdict(published / "episodes" / "ep2" / "episode.yaml", None) is not None
    assert recorded_verdict(published / "episodes" / "ep2", published / "config.yaml")


def test_a_touched_mp3_takes_the_full_check(published: Path) -> None:
    mp3 = published / "public" / "ep2" / "episode.mp3"
    os.utime(mp3, ns=(mp3.stat().st_atime_ns, mp3.stat().st_mtime_ns + 1_000_000_000))
    assert not replayed(published)
    assert check(published).returncode == 0


def test_an_mp3_rewritten_at_the_same_size_is_read(published: Path) -> None:
    mp3 = published / "public" / "ep2" / "episode.mp3"
    data = mp3.read_bytes()
    assert data.count(b"Harbours") == 1
    mp3.write_bytes(data.replace(b"Harbours", b"Harbourz"))
    assert not replayed(published)
    result = check(published)
    assert result.returncode == 1
    assert "the MP3's chapters are out of sync" in result.stdout
    assert replayed(published, "ep3")  # another episode's record still stands


def test_an_mp3_replaced_with_its_time_put_back_is_read(published: Path) -> None:
    mp3 = published / "public" / "ep2" / "episode.mp3"
    keep_mtime(mp3, lambda p: p.write_bytes(p.read_bytes().replace(b"Harbours", b"Harbourz")))
    assert not replayed(published)
    assert "the MP3's chapters are out of sync" in check(published).stdout


def test_an_edited_chapters_json_is_read(published: Path) -> None:
    chapters = published / "public" / "ep2" / "chapters.json"
    keep_mtime(chapters, lambda p: p.write_text(p.read_text().replace('"chapters"', '"chaptesr"')))
    assert not replayed(published)
    result = check(published)
    assert result.returncode == 1
    assert "published chapters JSON is invalid" in result.stdout


def test_an_edited_feed_is_read(published: Path) -> None:
    feed = published / "public" / "feed.xml"
    guid = "https://example.com/episodes/ep2/episode.mp3"
    assert f">{guid}<" in feed.read_text()
    feed.write_text(feed.read_text().replace(f">{guid}<", ">something-else<"))
    assert not replayed(published) and not replayed(published, "ep3")
    result = check(published)
    assert result.returncode == 1
    assert "the feed's item has GUID 'something-else'" in result.stdout


def test_an_edited_config_is_read(published: Path) -> None:
    config = published / "config.yaml"
    text = config.read_text()
    start = text.index('podcast_guid: "') + len('podcast_guid: "')
    config.write_text(text[:start] + "0" + text[start + 1 :])  # same size
    assert not replayed(published)
    result = check(published)
    assert result.returncode == 1
    assert "the feed's podcast:guid is" in result.stdout


def test_an_edited_episode_yaml_is_read(published: Path) -> None:
    source = published / "episodes" / "ep2" / "episode.yaml"
    source.write_text(source.read_text().replace("ep2/episode.mp3", "ep2/episode.mp4"))
    assert not replayed(published)
    result = check(published)
    assert result.returncode == 1
    assert "the feed's item has GUID" in result.stdout


@pytest.mark.parametrize(
    ("gone", "said"),
    [
        ("public/ep2/episode.mp3", "ID3"),
        ("public/feed.xml", "no feed yet"),
        ("public/ep2/chapters.json", ""),
        ("episodes/ep2/episode.chapters.yaml", ""),
    ],
)
def test_a_deleted_file_is_noticed(published: Path, gone: str, said: str) -> None:
    (published / gone).unlink()
    assert not replayed(published)
    result = check(published)
    assert said in result.stdout


def test_a_config_added_nearer_the_episode_is_noticed(published: Path) -> None:
    (published / "episodes" / "ep2" / CONFIG_NAMES[0]).write_text("title: [\n")
    assert not replayed(published)
    assert check(published).returncode != 0


def test_a_record_written_in_the_tick_of_a_change_is_not_trusted(published: Path) -> None:
    record = published / "public" / CHECKED_FILE
    newest = max(
        os.stat(p).st_ctime_ns for p in (published / "public" / "ep2").iterdir() if p.is_file()
    )
    os.utime(record, ns=(newest, newest))  # as if written in the same tick as the outputs
    assert not replayed(published)
