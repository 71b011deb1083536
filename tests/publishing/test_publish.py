"""End to end: a show of several episodes, published, re-published, edited, broken, checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, ffprobe_chapters, make_show, run

import shownotes
from shownotes.audio.tagfile import write_chapters
from shownotes.models import Chapter
from shownotes.publishing.plugins import HOOKS

SHOW = ROOT / "tests" / "data" / "show"
PLUGINS = ROOT / "tests" / "plugins"


@pytest.fixture
def show(tmp_path: Path) -> Path:
    return make_show(tmp_path)


def published_files(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in (root / "public").rglob("*")}


def test_publish_republish_edit_and_check(show: Path) -> None:
    first = run("publish", "--all", cwd=show)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("tagged episode.mp3") == 3
    assert "feed: wrote" in first.stdout
    folders = sorted(p.name for p in (show / "public").iterdir() if p.is_dir())
    assert len(folders) == 3
    for folder in folders:
        assert (show / "public" / folder / "chapters.json").is_file()
        chapters = shownotes.read_chapters(show / "public" / folder / "episode.mp3")
        assert [c.title for c in chapters][:2] == [
            "Intro",
            "Story 1: Harbours",  # the description's "a story about harbours"
        ]
    feed = (show / "public" / "feed.xml").read_text()
    assert feed.count("<item>") == 3 and feed.count("<podcast:chapters ") == 3
    assert run("check", "--all", cwd=show).stdout == "ok: 3 episodes ready\n"

    before = published_files(show)
    again = run("publish", "--all", cwd=show)
    assert again.returncode == 0
    assert again.stdout.endswith("nothing changed\n")
    assert sorted(ln for ln in again.stdout.splitlines() if ln.endswith(": unchanged")) == [
        f"{name}: unchanged" for name in folders
    ]
    assert published_files(show) == before  # not a single file rewritten

    sidecar = show / "episodes" / "ep2" / "episode.chapters.yaml"
    sidecar.write_text(sidecar.read_text().replace("title: Intro", "title: Cold open"))
    edited = run("publish", str(show / "episodes" / "ep2"), cwd=show)
    assert edited.returncode == 0, edited.stderr
    assert "ep2: 4 chapters; wrote" in edited.stdout and "feed: wrote" in edited.stdout
    assert "Cold open" in (show / "public" / "ep2" / "notes.html").read_text()
    assert shownotes.read_chapters(show / "public" / "ep2" / "episode.mp3")[0].title == "Cold open"
    assert "Cold open" in (show / "public" / "feed.xml").read_text()
    assert (show / "public" / "feed.xml").read_text().count("<item>") == 3


def test_a_broken_episode_is_reported_and_the_others_publish(show: Path) -> None:
    transcript = show / "episodes" / "ep3" / "transcript.txt"
    lines = transcript.read_text().splitlines()
    lines[4] = "[00:00:05] Host: this stamp goes backwards."
    transcript.write_text("\n".join(lines) + "\n")
    result = run("publish", "--all", "--jobs", "2", cwd=show)
    assert result.returncode == 2
    assert (
        f"{transcript}:5: timestamp 00:00:05 goes back before 00:00:41 on line 4" in result.stderr
    )
    assert (show / "public" / "ep2" / "notes.html").is_file()
    assert not (show / "public" / "ep3").exists()
    assert (show / "public" / "feed.xml").read_text().count("<item>") == 2
    checked = run("check", "--all", cwd=show)
    assert checked.returncode == 1
    assert f"{transcript}:5: timestamp 00:00:05 goes back" in checked.stdout


def test_a_folder_without_episode_yaml_is_named_not_silently_skipped(show: Path) -> None:
    draft = show / "episodes" / "next-week"
    draft.mkdir()
    (draft / "transcript.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nHello.\n")
    (show / "episodes" / ".drafts").mkdir()
    (show / "episodes" / ".drafts" / "episode.mp3").write_bytes(b"")
    (show / "episodes" / "notes").mkdir()
    (show / "episodes" / "notes" / "ideas.md").write_text("later\n")
    for args in (("publish", "--all"), ("check", "--all"), ("episodes",)):
        result = run(*args, cwd=show)
        assert result.returncode == 0, result.stderr
        warned = [line for line in result.stderr.splitlines() if "no episode.yaml" in line]
        assert len(warned) == 1, (args, result.stderr)
        assert f"{draft}: holds transcript.srt but no episode.yaml" in warned[0]
        assert "add an episode.yaml" in warned[0]
    assert not (show / "public" / "next-week").exists()
    assert (show / "public" / "feed.xml").read_text().count("<item>") == 3


def test_check_catches_each_broken_output(show: Path) -> None:
    assert run("publish", "--all", cwd=show).returncode == 0
    ep2 = show / "public" / "ep2"
    write_chapters(ep2 / "episode.mp3", [Chapter(0, 10, "Something else")])
    (show / "public" / "ep3" / "chapters.json").write_text('{"chapters": []}')
    feed = show / "public" / "feed.xml"
    feed.write_text(feed.read_text().replace("ep2/chapters.json", "ep2/old-chapters.json"))
    sidecar = next((show / "episodes").glob("20*/episode.chapters.yaml"))
    sidecar.write_text(
        "chapters:\n- start: 0\n  title: Intro\n- start: '00:09:00'\n  title: Too late\n"
    )
    result = run("check", "--all", cwd=show)
    assert result.returncode == 1
    out = result.stdout
    assert (
        "ep2/episode.mp3: the MP3's chapters are out of sync (chapter 1: MP3 has 'Something else'"
        in out
    )
    assert (
        "ep3/chapters.json: published chapters JSON is invalid: not Podcasting 2.0 chapters JSON"
        in out
    )
    assert (
        "feed.xml:" in out
        and "podcast:chapters does not point to https://example.com/episodes/ep2/chapters.json"
        in out
    )
    assert (
        "episode.chapters.yaml:4: chapter at 00:09:00 starts after the audio ends (00:04:00" in out
    )
    assert len(out.splitlines()) == 4


def test_check_before_publishing_says_what_to_run(show: Path) -> None:
    result = run("check", "--all", cwd=show)
    assert result.returncode == 1
    assert "no feed yet (run shownotes publish)" in result.stdout
    assert "has no ID3 chapters yet (run shownotes publish)" in result.stdout


def test_plugin_hooks(show: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PLUGINS))
    config = show / "config.yaml"
    config.write_text(config.read_text() + "plugins: [example_plugin]\n")
    transcript = show / "episodes" / "ep2" / "transcript.txt"
    transcript.write_text(
        transcript.read_text().replace(
            "[00:03:10] Host: Quick one to close.", "[00:03:10] Host: Now, listener mail."
        )
    )
    report = shownotes.publish(config)
    assert not report.errors
    ep2 = show / "public" / "ep2"
    chapters = json.loads((ep2 / "chapters.json").read_text())["chapters"]
    assert chapters[0]["title"] == "Cold open"  # title_chapter
    assert any(
        c["title"].startswith("Listener mail") and c["startTime"] == 190 for c in chapters
    )  # cue_rules
    assert (ep2 / "credits.txt").read_text().startswith("Episode 2: ")  # template_dirs
    assert sorted((show / "public" / "published.log").read_text().split()) == sorted(
        p.name for p in (show / "public").iterdir() if p.is_dir()
    )  # after_publish
    listed = run("plugins", cwd=show)  # the subprocess finds the module through PYTHONPATH only
    assert (
        listed.returncode == 2 and "cannot import plugin module 'example_plugin'" in listed.stderr
    )


def test_every_hook_is_tested_and_documented() -> None:
    readme = (ROOT / "README.md").read_text()
    tests = Path(__file__).read_text()
    for hook in HOOKS:
        assert f"`{hook}(" in readme, hook
        assert f"# {hook}" in tests, hook


def test_python_api_check_and_render(show: Path, tmp_path: Path) -> None:
    problems = shownotes.check(show / "config.yaml")
    assert any("no feed yet" in str(p) for p in problems)
    outputs = shownotes.render(show / "episodes" / "ep2", show / "config.yaml", tmp_path / "out")
    assert outputs["chapters.txt"].startswith("00:00 Intro\n")
    assert (tmp_path / "out" / "notes.html").is_file()


def test_pre_commit_hook_config_is_valid() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["entry"].split()[:2] == ["shownotes", "check"] and hook["pass_filenames"] is False
    assert hook["language"] == "python"


def test_published_mp3_read_by_ffprobe(show: Path) -> None:
    assert run("publish", "--all", cwd=show).returncode == 0
    chapters = ffprobe_chapters(show / "public" / "ep2" / "episode.mp3")
    assert chapters[0][2] == "Intro"
    assert chapters[-1][1] == pytest.approx(240, abs=0.1)


def test_replaced_source_audio_is_copied_again(show: Path) -> None:
    assert run("publish", "--all", cwd=show).returncode == 0
    source = show / "episodes" / "ep2" / "episode.mp3"
    published = show / "public" / "ep2" / "episode.mp3"
    stat = source.stat()
    data = bytearray(source.read_bytes())
    data[-1000:] = bytes(1000)  # same size, other audio: a re-export restored from a backup
    source.write_bytes(bytes(data))
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))  # and an older time stamp
    result = run("publish", str(show / "episodes" / "ep2"), cwd=show)
    assert "tagged episode.mp3" in result.stdout, result.stdout
    assert published.read_bytes()[-1000:] == bytes(1000)
    again = run("publish", str(show / "episodes" / "ep2"), cwd=show)
    assert again.stdout.endswith("nothing changed\n")


def test_init_writes_a_starter_whose_config_points_at_files_it_has(tmp_path: Path) -> None:
    result = run("init", "new-show", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "new-show"
    config = (root / "config.yaml").read_text()
    assert "config.example.yaml beside this file" in config
    reference = yaml.safe_load((root / "config.example.yaml").read_text())
    assert set(yaml.safe_load(config)) <= set(reference)  # every starter key is documented
    again = run("init", "new-show", cwd=tmp_path)
    assert again.returncode == 2 and "never overwrites" in again.stderr
