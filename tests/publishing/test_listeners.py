"""What listeners already have survives everyday changes: GUIDs, hand edits, published items.

Each test replays one way a show used to be damaged by an ordinary change between episodes
(renaming the MP3, moving hosts, a typo in episode.yaml, a deleted file, a fresh CI clone).
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import feedparser
import pytest
import yaml
from conftest import edit_yaml, make_show, run

import shownotes
from shownotes.audio.tagfile import write_chapters
from shownotes.feed.build import podcast_guid
from shownotes.models import Chapter


@pytest.fixture
def show(tmp_path: Path) -> Path:
    return make_show(tmp_path)


def publish(show: Path, *args: str) -> tuple[int, str, str]:
    result = run("publish", "--all", *args, cwd=show)
    return result.returncode, result.stdout, result.stderr


def feed_items(show: Path) -> dict[str, str]:
    """Title → GUID of every item in the show's feed (read by feedparser)."""
    parsed = feedparser.parse((show / "public" / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    return {entry.title: entry.id for entry in parsed.entries}


def podcast_guid_of(show: Path) -> str:
    text = (show / "public" / "feed.xml").read_text()
    return text.split("<podcast:guid>")[1].split("</podcast:guid>")[0]


def episode(show: Path, name: str) -> Path:
    return next(p for p in (show / "episodes").iterdir() if p.name.startswith(name))


def png() -> bytes:
    """A valid 2×2 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# 1. GUIDs ------------------------------------------------------------------------------


def test_guids_survive_new_base_url_feed_url_and_audio_name(show: Path) -> None:
    code, out, _ = publish(show)
    assert code == 0
    before, show_guid = feed_items(show), podcast_guid_of(show)
    assert len(before) == 3 and len(set(before.values())) == 3
    # the first publish recorded each GUID where it travels with the show
    for folder in (show / "episodes").iterdir():
        recorded = yaml.safe_load((folder / "episode.yaml").read_text())["guid"]
        assert recorded in before.values()
    assert out.count("recorded guid") == 3 and "recorded podcast_guid" in out
    config = show / "config.yaml"
    assert yaml.safe_load(config.read_text())["podcast_guid"] == show_guid
    # move hosts: new base URL and feed URL, and rename one MP3
    edit_yaml(
        config, base_url="https://cdn.example.org/audio/", feed_url="https://new.example.org/rss"
    )
    ep2 = episode(show, "ep2")
    (ep2 / "episode.mp3").rename(ep2 / "ep2-final.mp3")
    edit_yaml(ep2 / "episode.yaml", audio="ep2-final.mp3")
    code, _, err = publish(show)
    assert code == 0, err
    assert feed_items(show) == before
    assert podcast_guid_of(show) == show_guid != podcast_guid("https://new.example.org/rss")
    assert (
        "https://cdn.example.org/audio/ep2/ep2-final.mp3"
        in (show / "public" / "feed.xml").read_text()
    )
    assert run("check", "--all", cwd=show).returncode == 0


def test_new_feed_url_is_announced_and_guids_stay(show: Path) -> None:
    publish(show)
    before = feed_items(show)
    edit_yaml(show / "config.yaml", new_feed_url="https://new.example.org/rss")
    assert publish(show)[0] == 0
    feed = (show / "public" / "feed.xml").read_text()
    assert "<itunes:new-feed-url>https://new.example.org/rss</itunes:new-feed-url>" in feed
    assert feed_items(show) == before


def test_check_fails_on_a_changed_or_shared_guid(show: Path) -> None:
    publish(show)
    ep2 = episode(show, "ep2")
    edit_yaml(ep2 / "episode.yaml", guid="something-else")
    result = run("check", "--all", cwd=show)
    assert result.returncode == 1
    assert "but episode.yaml records 'something-else'" in result.stdout
    # two episodes claiming one GUID: the feed then has two items sharing it
    ep3 = episode(show, "ep3")
    shared = yaml.safe_load((ep3 / "episode.yaml").read_text())["guid"]
    edit_yaml(ep2 / "episode.yaml", guid=shared)
    publish(show)
    result = run("check", "--all", cwd=show)
    assert result.returncode == 1 and "two items share the GUID" in result.stdout


def test_check_fails_on_a_changed_podcast_guid(show: Path) -> None:
    publish(show)
    edit_yaml(show / "config.yaml", podcast_guid="00000000-0000-0000-0000-000000000000")
    result = run("check", "--all", cwd=show)
    assert result.returncode == 1 and "podcast:guid" in result.stdout


def test_a_guid_published_before_it_was_recorded_is_kept(show: Path) -> None:
    """A show published by 0.1 (GUID only in the feed and state) keeps it on upgrade."""
    publish(show)
    before = feed_items(show)
    for folder in (show / "episodes").iterdir():  # as 0.1 left them: no guid recorded
        text = (folder / "episode.yaml").read_text()
        (folder / "episode.yaml").write_text(
            "".join(ln for ln in text.splitlines(keepends=True) if not ln.startswith("guid:"))
        )
    edit_yaml(show / "config.yaml", base_url="https://cdn.example.org/")
    assert publish(show)[0] == 0
    assert feed_items(show) == before


# 2. Edits follow the episode -------------------------------------------------------------


def test_renaming_the_audio_keeps_the_hand_edited_chapters(show: Path) -> None:
    publish(show)
    ep2 = episode(show, "ep2")
    sidecar = ep2 / "episode.chapters.yaml"
    sidecar.write_text(sidecar.read_text().replace("title: Intro", "title: Cold open"))
    (ep2 / "episode.mp3").rename(ep2 / "renamed.mp3")
    edit_yaml(ep2 / "episode.yaml", audio="renamed.mp3")
    code, out, err = publish(show)
    assert code == 0, err
    published = show / "public" / "ep2"
    assert "Cold open" in (published / "chapters.json").read_text()
    assert shownotes.read_chapters(published / "renamed.mp3")[0].title == "Cold open"
    assert not (published / "episode.mp3").exists()  # the old tagged copy is gone
    assert "ep2: removed episode.mp3" in out


def test_a_sidecar_named_after_the_audio_is_adopted(show: Path) -> None:
    """0.1 named the sidecar after the MP3; an edited one is found and renamed, not lost."""
    ep2 = episode(show, "ep2")
    (ep2 / "episode.mp3").rename(ep2 / "show-002.mp3")
    edit_yaml(ep2 / "episode.yaml", audio="show-002.mp3")
    (ep2 / "show-002.chapters.yaml").write_text(
        "chapters:\n  - start: '00:00:00'\n    title: Hand-made opening\n"
    )
    code, out, err = publish(show)
    assert code == 0, err
    assert (ep2 / "episode.chapters.yaml").is_file() and not (
        ep2 / "show-002.chapters.yaml"
    ).exists()
    assert "renamed show-002.chapters.yaml to episode.chapters.yaml" in out
    assert "Hand-made opening" in (show / "public" / "ep2" / "chapters.json").read_text()


# 3. Nothing published disappears by accident ---------------------------------------------


@pytest.mark.parametrize(
    "breakage",
    ["yaml syntax", "bad date", "transcript deleted", "audio deleted"],
)
def test_breaking_one_input_keeps_every_feed_item(show: Path, breakage: str) -> None:
    publish(show)
    before = feed_items(show)
    ep2 = episode(show, "ep2")
    if breakage == "yaml syntax":
        (ep2 / "episode.yaml").write_text((ep2 / "episode.yaml").read_text() + "title: [oops\n")
    elif breakage == "bad date":
        text = (ep2 / "episode.yaml").read_text()
        (ep2 / "episode.yaml").write_text(
            "".join(ln for ln in text.splitlines(keepends=True) if not ln.startswith("date:"))
            + "date: 'last tuesday'\n"
        )
    elif breakage == "transcript deleted":
        (ep2 / "transcript.txt").unlink()
    else:
        (ep2 / "episode.mp3").unlink()
    # the show's config changes too, so every episode is published again this run
    edit_yaml(show / "config.yaml", description="New description")
    code, _, err = publish(show)
    assert code == 2
    assert feed_items(show) == before
    assert "ep2 failed; its last published feed item stays" in err


def test_only_unpublished_or_a_removed_folder_takes_an_episode_out(show: Path) -> None:
    publish(show)
    ep2, ep3 = episode(show, "ep2"), episode(show, "ep3")
    edit_yaml(ep2 / "episode.yaml", unpublished=True)
    shutil.rmtree(ep3)
    code, out, _ = publish(show)
    assert code == 0
    assert "'Episode 2' is marked 'unpublished: true' and left out of the feed" in out
    assert set(feed_items(show)) == {"Welcome to the show"}
    assert run("check", "--all", cwd=show).returncode == 0


# 4. Missing audio ----------------------------------------------------------------------


def test_missing_audio_is_an_error_with_its_line(show: Path) -> None:
    ep2 = episode(show, "ep2")
    edit_yaml(ep2 / "episode.yaml", audio="nowhere.mp3")
    code, _, err = publish(show)
    assert code == 2
    line = next(
        n
        for n, text in enumerate((ep2 / "episode.yaml").read_text().splitlines(), 1)
        if text.startswith("audio:")
    )
    assert f"episode.yaml:{line}: audio file 'nowhere.mp3' not found" in err
    feed = (show / "public" / "feed.xml").read_text()
    assert 'length="0"' not in feed and "Episode 2" not in feed
    assert not (ep2 / "episode.chapters.yaml").exists()


# 5. Reproducible skips -----------------------------------------------------------------


def test_a_fresh_clone_with_the_output_restored_writes_nothing(show: Path, tmp_path: Path) -> None:
    publish(show)
    clone = tmp_path / "elsewhere" / "clone"
    shutil.copytree(show, clone)  # new absolute path; new mtimes for every source file
    for path in clone.rglob("*"):
        if path.is_file() and "public" not in path.parts:
            os.utime(path, (1_000_000, 1_000_000))
    before = {p: p.stat().st_mtime_ns for p in (clone / "public").rglob("*") if p.is_file()}
    code, out, err = publish(clone)
    assert code == 0, err
    assert out.endswith("nothing changed\n")
    assert {p: p.stat().st_mtime_ns for p in (clone / "public").rglob("*") if p.is_file()} == before


# 6. Chapter images ---------------------------------------------------------------------


def test_chapter_images_are_found_beside_the_sidecar_and_published(show: Path) -> None:
    publish(show)
    ep2 = episode(show, "ep2")
    (ep2 / "cover.png").write_bytes(png())
    sidecar = ep2 / "episode.chapters.yaml"
    sidecar.write_text(
        sidecar.read_text().replace("title: Intro", "title: Intro\n  image: cover.png", 1)
    )
    code, _, err = publish(show)
    assert code == 0, err
    published = show / "public" / "ep2"
    assert (published / "cover.png").read_bytes() == png()
    assert (
        '"img": "https://example.com/episodes/ep2/cover.png"'
        in (published / "chapters.json").read_text()
    )
    tagged = shownotes.read_chapters(published / "episode.mp3")
    assert tagged[0].image is not None and tagged[0].image.startswith("data:image/png;base64,")


def test_a_missing_chapter_image_fails_before_anything_is_written(show: Path) -> None:
    publish(show)
    ep2 = episode(show, "ep2")
    sidecar = ep2 / "episode.chapters.yaml"
    sidecar.write_text(
        sidecar.read_text().replace("title: Intro", "title: Opening\n  image: gone.png", 1)
    )
    published = show / "public" / "ep2"
    before = {p.name: p.read_bytes() for p in published.iterdir() if p.is_file()}
    code, _, err = publish(show)
    assert code == 2
    assert "image 'gone.png' not found" in err and "episode.chapters.yaml" in err
    assert {p.name: p.read_bytes() for p in published.iterdir() if p.is_file()} == before


# 7. feed --update matching and reporting -------------------------------------------------


def test_feed_update_matches_by_episode_number_and_reports_what_it_patched(
    show: Path,
) -> None:
    external = show / "hosted-feed.xml"
    external.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">\n'
        "<channel><title>Hosted</title>\n"
        "<item><title>Ep. 2 — as the host titled it</title><guid>host-2</guid>"
        "<itunes:episode>2</itunes:episode></item>\n"
        "<item><title>Something else</title><guid>host-x</guid></item>\n"
        "</channel></rss>\n"
    )
    result = run("feed", "--update", str(external), cwd=show)
    assert result.returncode == 0, result.stderr
    assert "patched 1 of 3 episodes" in result.stdout
    assert "no item in" in result.stderr and "set guid:" in result.stderr
    text = external.read_text()
    assert text.count("<podcast:chapters") == 1
    assert "https://example.com/episodes/ep2/chapters.json" in text


# Smaller ones ----------------------------------------------------------------------------


def test_a_v24_master_keeps_its_id3_version(show: Path) -> None:
    ep2 = episode(show, "ep2")
    write_chapters(ep2 / "episode.mp3", [Chapter(0.0, 1.0, "master")], version=4)
    assert publish(show)[0] == 0
    assert (show / "public" / "ep2" / "episode.mp3").read_bytes()[:4] == b"ID3\x04"
    assert (show / "public" / "ep3" / "episode.mp3").read_bytes()[:4] == b"ID3\x03"


def test_publish_and_check_agree_on_a_first_chapter_after_zero(show: Path) -> None:
    publish(show)
    ep2 = episode(show, "ep2")
    (ep2 / "episode.chapters.yaml").write_text(
        "chapters:\n  - start: '00:00:05'\n    title: Starts late\n"
    )
    assert publish(show)[0] == 0
    result = run("check", "--all", cwd=show)
    assert result.returncode == 0, result.stdout


def test_a_sidecar_title_with_a_colon_says_to_quote_it(show: Path) -> None:
    publish(show)
    ep2 = episode(show, "ep2")
    (ep2 / "episode.chapters.yaml").write_text(
        "chapters:\n  - start: '00:00:00'\n    title: Part 1: the start\n"
    )
    code, _, err = publish(show)
    assert code == 2 and "episode.chapters.yaml:3:" in err and "quote" in err


def test_check_without_a_feed_says_so_once(show: Path) -> None:
    result = run("check", "--all", cwd=show)
    assert result.stdout.count("no feed yet") == 1
