"""`shownotes retime` end to end: the example episode's audio is cut and gets an ad; the
sidecar, transcript, chapters.json, the MP3's ID3 chapters and the feed all follow."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
import yaml
from conftest import EXAMPLE, copy_example_episode, ffprobe_chapters, need_tool, run

import shownotes
from shownotes.audio.silence import silent_mp3
from shownotes.chapters.edits import read_edits
from shownotes.chapters.files import read_sidecar, sidecar_state
from shownotes.cli import main
from shownotes.transcripts import read_transcript

OLD_SECONDS = 1017.0
#: Cut 60-90 s (inside "Warm backgrounds", across Story 1's start at 79 s) and a 45 s ad
#: at 226 s, exactly where Story 2 starts.
EDITS = 'cut: [[60, 90]]\ninsert: [[226, 45, "Ad: Acme"]]\n'


HAND_EDITED = """chapters:
  - start: '00:00:00'
    title: Cold open
  - start: '00:00:20'
    title: Serif fonts
  - start: '00:01:19'
    title: 'Story 1: Musk'
  - start: '00:03:46'
    title: 'Story 2: Meta'
  - start: '00:14:25'
    title: Wrap-up
"""


@pytest.fixture
def show(tmp_path: Path) -> Path:
    """The example show, published once, then its audio re-exported 15 s longer."""
    root = tmp_path / "show"
    root.mkdir()
    shutil.copy(EXAMPLE / "config.yaml", root / "config.yaml")
    copy_example_episode(root / "episodes" / "2026-06-07")
    assert not shownotes.publish(root / "config.yaml").errors
    (root / "episodes" / "2026-06-07" / "episode.mp3").write_bytes(
        silent_mp3(OLD_SECONDS - 30 + 45)
    )
    (root / "edits.yaml").write_text(EDITS)
    return root


def episode_dir(show: Path) -> Path:
    return show / "episodes" / "2026-06-07"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def published_agree(show: Path) -> list[tuple[float, str]]:
    """The published MP3's ID3 chapters (ffprobe), chapters.json and the feed agree; returns
    (start, title) of each chapter."""
    public = show / "public" / "2026-06-07"
    tagged = [
        (round(start, 3), title) for start, _, title in ffprobe_chapters(public / "episode.mp3")
    ]
    data = json.loads((public / "chapters.json").read_text())["chapters"]
    assert [(c["startTime"], c["title"]) for c in data] == tagged
    feed = feedparser.parse((show / "public" / "feed.xml").read_bytes())
    entry = feed.entries[0]
    listed = [c for c in data if c.get("toc", True)]
    assert [
        (c["start_parsed"].total_seconds(), c["title"]) for c in entry.psc_chapters.chapters
    ] == [(c["startTime"], c["title"]) for c in listed]
    assert entry.podcast_chapters["url"].endswith("/2026-06-07/chapters.json")
    return tagged


def test_a_hand_edited_sidecar_is_retimed_stays_edited_and_everything_agrees(show: Path) -> None:
    sidecar = episode_dir(show) / "episode.chapters.yaml"
    sidecar.write_text(HAND_EDITED)  # a person's chapters, whatever detection finds
    assert sidecar_state(sidecar) == "edited"
    before = {c.title: c.start for c in read_sidecar(sidecar)}

    result = run(
        "retime", str(episode_dir(show)), "--edits", "edits.yaml", "--mark-inserts", cwd=show
    )

    assert result.returncode == 0, result.stderr
    assert sidecar_state(sidecar) == "edited"
    after = {c.title: c.start for c in read_sidecar(sidecar)}
    assert after["Cold open"] == 0
    assert after["Serif fonts"] == before["Serif fonts"] == 20  # before the cut
    assert after["Story 1: Musk"] == 60  # started inside the cut (at 79 s)
    assert after["Ad: Acme"] == 196  # the marker: 226 - 30
    assert after["Story 2: Meta"] == 226 - 30 + 45  # after the ad
    assert after["Wrap-up"] == before["Wrap-up"] - 30 + 45
    markers = [c for c in read_sidecar(sidecar) if not c.toc]
    assert [(c.title, c.start, c.end) for c in markers] == [("Ad: Acme", 196, 241)]

    tagged = published_agree(show)
    assert tagged == [(after[t], t) for t in after]
    assert "published 2026-06-07: 6 chapters" in result.stdout
    # the transcript followed: a retimed copy that episode.yaml now names
    episode = shownotes.load_episode(episode_dir(show))
    assert episode.transcript.name == "transcript.retimed.txt"
    old = read_transcript(episode_dir(show) / "transcript.txt")
    new = read_transcript(episode.transcript)
    assert len(new.segments) < len(old.segments)  # what was said in 60-90 s is gone
    later = [s for s in old.segments if s.start >= 226]
    for was, now in zip(later, new.segments[-len(later) :], strict=True):
        assert (now.text, now.start) == (was.text, pytest.approx(was.start + 15, abs=0.001))
    published = json.loads((show / "public" / "2026-06-07" / "transcript.json").read_text())
    assert published["segments"][-1]["startTime"] == pytest.approx(old.segments[-1].start + 15)
    # and a publish afterwards has nothing left to do
    again = run("publish", "--all", cwd=show)
    assert again.stdout.endswith("nothing changed\n"), again.stdout
    assert run("check", "--all", cwd=show).returncode == 0


def test_an_automatic_sidecar_stays_automatic_and_is_detected_on_the_new_timeline(
    show: Path,
) -> None:
    sidecar = episode_dir(show) / "episode.chapters.yaml"
    assert sidecar_state(sidecar) == "generated"
    before = {c.title: c.start for c in read_sidecar(sidecar)}
    (show / "cuts.txt").write_text("60.000000\t90.000000\tflub\n")
    (episode_dir(show) / "episode.mp3").write_bytes(silent_mp3(OLD_SECONDS - 30))

    result = run("retime", str(episode_dir(show)), "--edits", "cuts.txt", cwd=show)

    assert result.returncode == 0, result.stderr
    assert sidecar_state(sidecar) == "generated"
    episode_yaml = yaml.safe_load((episode_dir(show) / "episode.yaml").read_text())
    assert episode_yaml["transcript"] == "transcript.retimed.txt"
    after = {c.title: c.start for c in read_sidecar(sidecar)}
    # detection ran on the retimed transcript: the story cues sit 30 s earlier
    story = {t.split(":")[0]: start for t, start in before.items() if t.startswith("Story")}
    moved = {t.split(":")[0]: start for t, start in after.items() if t.startswith("Story")}
    for label in ("Story 2", "Story 4"):
        assert moved[label] == story[label] - 30
    tagged = published_agree(show)
    assert tagged == [(start, title) for title, start in after.items()]
    again = run("publish", "--all", cwd=show)
    assert again.stdout.endswith("nothing changed\n"), again.stdout


def test_dry_run_prints_the_table_and_changes_nothing(show: Path) -> None:
    before = snapshot(show)
    result = run("retime", str(episode_dir(show)), "--edits", "edits.yaml", "--dry-run", cwd=show)
    assert result.returncode == 0, result.stderr
    assert snapshot(show) == before
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["before", "after", "chapter"]
    story1 = next(ln for ln in lines if "Story 1:" in ln)
    assert story1.startswith("00:01:19  00:01:00  Story 1:") and "(snapped" in story1
    assert any(ln.startswith("00:03:46  00:04:01  Story 2:") for ln in lines)
    assert lines[-1] == "dry run: nothing written"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("labels.txt", "60.0\t90.0\tflub\n"),
        ("edits.json", '{"cut": [[60, 90]]}'),
        ("keep.yaml", "keep: [[0, 60], [90, null]]\n"),
        (
            "list.ffconcat",
            "ffconcat version 1.0\nfile raw.mp3\noutpoint 60\nfile raw.mp3\ninpoint 90\n",
        ),
    ],
)
def test_every_edit_format_describes_the_same_cut(
    show: Path,
    name: str,
    text: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (show / name).write_text(text)
    monkeypatch.chdir(show)
    assert main(["retime", str(episode_dir(show)), "--edits", name, "--dry-run"]) == 0
    assert "00:03:46  00:03:16  Story 2: Meta's Mad Max data centers" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "cut: [[60, 90]]\ninsert:\n  - [70, 30]\n",
            "edits.yaml:3: insert at 70 falls inside cut 60-90",
        ),
        ("cut:\n  - [60]\n", "edits.yaml:2: cut: each entry must be [start, end]"),
        ("60\t50\tx\n", "edits.yaml:1: label 60-50 is not a region that was cut"),
    ],
)
def test_a_bad_edit_file_is_one_line_exit_2_and_writes_nothing(
    show: Path,
    text: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (show / "edits.yaml").write_text(text)
    before = snapshot(show)
    monkeypatch.chdir(show)
    assert main(["retime", str(episode_dir(show)), "--edits", "edits.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert snapshot(show) == before


def test_in_place_rewrites_the_transcript_and_leaves_episode_yaml(show: Path) -> None:
    episode_yaml = (episode_dir(show) / "episode.yaml").read_bytes()
    result = run(
        "retime",
        str(episode_dir(show)),
        "--edits",
        "edits.yaml",
        "--in-place",
        "--no-publish",
        cwd=show,
    )
    assert result.returncode == 0, result.stderr
    assert (episode_dir(show) / "episode.yaml").read_bytes() == episode_yaml
    assert not (episode_dir(show) / "transcript.retimed.txt").exists()
    last = read_transcript(episode_dir(show) / "transcript.txt").segments[-1]
    original = read_transcript(EXAMPLE / "episodes" / "2026-06-07" / "transcript.txt")
    assert last.start == original.segments[-1].start + 15


def test_episode_yaml_without_a_transcript_key_gets_one(show: Path) -> None:
    path = episode_dir(show) / "episode.yaml"
    path.write_text(
        "".join(ln for ln in path.read_text().splitlines(True) if not ln.startswith("transcript:"))
    )
    report = shownotes.retime_episode(episode_dir(show), show / "edits.yaml", publish=False)
    assert report.written[1] == path
    assert shownotes.load_episode(path).transcript.name == "transcript.retimed.txt"
    assert path.read_text().endswith("transcript: transcript.retimed.txt\n")


def test_the_api_maps_chapters_without_touching_files(show: Path) -> None:
    chapters = [shownotes.Chapter(0, 100, "Intro"), shownotes.Chapter(100, 200, "News")]
    result = shownotes.retime(chapters, [shownotes.Cut(50, 80), shownotes.Insert(150, 10, "Ad")])
    assert [(c.start, c.title) for c in result.chapters] == [(0, "Intro"), (70, "News")]
    before = snapshot(show)
    report = shownotes.retime_episode(
        episode_dir(show), read_edits(show / "edits.yaml"), dry_run=True
    )
    assert snapshot(show) == before
    assert report.written == () and report.published is None
    assert report.plan.transcript_path.name == "transcript.retimed.txt"


def test_from_audio_suggests_an_edit_list_and_applies_nothing(show: Path) -> None:
    ffmpeg = need_tool("ffmpeg")
    tone = "sine=frequency=440:sample_rate=16000:duration={}"
    quiet = "anullsrc=r=16000:cl=mono,atrim=duration={}"

    def make(path: Path, parts: list[tuple[str, float]]) -> None:
        inputs, labels = [], []
        for n, (kind, seconds) in enumerate(parts):
            inputs += ["-f", "lavfi", "-i", (tone if kind == "tone" else quiet).format(seconds)]
            labels.append(f"[{n}:a]")
        graph = "".join(labels) + f"concat=n={len(parts)}:v=0:a=1[out]"
        subprocess.run(
            [ffmpeg, "-v", "error", "-y", *inputs, "-filter_complex", graph, "-map", "[out]",
             "-ac", "1", "-b:a", "32k", str(path)],
            check=True,
        )  # fmt: skip

    make(show / "old.mp3", [("tone", 10), ("quiet", 2), ("tone", 8), ("quiet", 2), ("tone", 8)])
    make(episode_dir(show) / "episode.mp3", [("tone", 10), ("quiet", 4), ("tone", 8)])
    before = snapshot(show)
    result = run(
        "retime",
        str(episode_dir(show)),
        "--from-audio",
        "old.mp3",
        "-o",
        "suggested.yaml",
        cwd=show,
    )
    assert result.returncode == 0, result.stderr
    suggested = read_edits(show / "suggested.yaml")
    assert len(suggested.cuts) == 1 and not suggested.inserts
    assert suggested.cuts[0].start == pytest.approx(12, abs=0.3)
    assert suggested.cuts[0].seconds == pytest.approx(8, abs=0.3)
    assert "A GUESS" in (show / "suggested.yaml").read_text()
    after = snapshot(show)
    after.pop("suggested.yaml")
    assert after == before
