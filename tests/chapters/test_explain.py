"""Explainable chapters: why each is there, in the sidecar, in --explain, in check."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, copy_example_episode, example_detection, run

from shownotes.chapters.detector import detect_explained
from shownotes.chapters.explain import LOW_CONFIDENCE, Explanation, read_explanations
from shownotes.chapters.files import read_sidecar, sidecar_body, sidecar_state, sidecar_text
from shownotes.models import Chapter, Segment, Transcript

CHAPTERS = (
    Chapter(0, 100, "Intro"),
    Chapter(100, 250, "Story 1: The harbor", url="https://example.com/harbor"),
    Chapter(250, 400, "Orchards"),
)
WHY = {
    0.0: Explanation(1.0, "the start of the episode", 0, 0.0, "Hello and welcome"),
    100.0: Explanation(1.0, 'story cue "story 1"; a pause', 25, 100.0, "So story one: the…"),
    250.0: Explanation(0.31, "a question; the words change", 60, 250.0, "What about apples?"),
}


def _transcript() -> Transcript:
    lines = ["Hello and welcome to the show, I am your host."] * 10
    lines += ["So story one. The harbor authority expanded the container port."]
    lines += ["Cargo ships, cranes and dock workers crowd the harbor port."] * 30
    lines += ["Quick one. Orchard growers report a record apple harvest."]
    lines += ["Pickers, cider presses and cold storage, apple orchard prices."] * 30
    return Transcript(tuple(Segment(4.0 * i, 4.0 * i + 4, t) for i, t in enumerate(lines)))


def test_every_detected_chapter_says_why() -> None:
    chapters, why = detect_explained(_transcript(), example_detection())
    assert [c.start for c in chapters] == sorted(why)
    story, quick = why[chapters[1].start], why[chapters[2].start]
    assert 'cue "story 1"' in story.reason and story.confidence >= LOW_CONFIDENCE
    assert story.quote.startswith("So story one.")
    assert story.segment == 10 and story.stamp == 40.0
    assert 'cue "quick 1"' in quick.reason
    assert all(0.0 <= w.confidence <= 1.0 for w in why.values())


def test_a_line_that_is_only_a_sound_tag_is_quoted_as_written() -> None:
    # detection reads no words in "[applause]", but the explanation shows the line
    segments = (Segment(0, 5, "[music]"), Segment(40, 45, "[applause]"), Segment(80, 85, "Bye."))
    chapters, why = detect_explained(Transcript(segments))
    quotes = {why[c.start].segment: why[c.start].quote for c in chapters}
    assert quotes[0] == "[music]"
    assert all(quote for quote in quotes.values())


def test_explanations_round_trip_through_the_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "episode.chapters.yaml"
    path.write_text(sidecar_text(CHAPTERS, "t.txt", WHY), encoding="utf-8")
    assert sidecar_state(path) == "generated"
    assert read_sidecar(path, 400) == CHAPTERS
    assert read_explanations(path) == WHY
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["chapters"]
    assert entries[2]["automatic"]["confidence"] == 0.31
    assert "automatic" not in sidecar_body(CHAPTERS)  # the diff view leaves them out


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["chapters"])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_chapter_a_person_edits_loses_its_reason_the_others_keep_theirs(tmp_path: Path) -> None:
    path = tmp_path / "episode.chapters.yaml"
    path.write_text(sidecar_text(CHAPTERS, "t.txt", WHY), encoding="utf-8")

    def retitle(items: list[dict]) -> None:  # type: ignore[type-arg]
        items[2]["title"] = "Apple orchards"

    _edit(path, retitle)
    assert sidecar_state(path) == "edited"
    kept = read_explanations(path)
    assert set(kept) == {0.0, 100.0}  # the retitled chapter is the person's now


def test_a_copied_block_does_not_make_a_hand_edit_look_automatic(tmp_path: Path) -> None:
    path = tmp_path / "episode.chapters.yaml"
    path.write_text(sidecar_text(CHAPTERS, "t.txt", WHY), encoding="utf-8")

    def add_and_move(items: list[dict]) -> None:  # type: ignore[type-arg]
        items.append({"start": "00:06:00", "title": "Mine", "automatic": items[1]["automatic"]})
        items[1]["start"] = "00:01:50"  # moved, block kept

    _edit(path, add_and_move)
    assert set(read_explanations(path)) == {0.0, 250.0}


def test_dropping_the_blocks_makes_the_file_a_hand_edit(tmp_path: Path) -> None:
    path = tmp_path / "episode.chapters.yaml"
    path.write_text(sidecar_text(CHAPTERS, "t.txt", WHY), encoding="utf-8")

    def strip(items: list[dict]) -> None:  # type: ignore[type-arg]
        for item in items:
            item.pop("automatic")

    _edit(path, strip)
    assert sidecar_state(path) == "edited"
    assert read_explanations(path) == {}
    assert read_sidecar(path, 400) == CHAPTERS


def chapters(episode: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``shownotes chapters`` on a copy of the example episode, with the example show's rules."""
    return run("chapters", str(episode), "-c", str(EXAMPLE / "config.yaml"), *args)


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    return copy_example_episode(tmp_path / "ep")


def test_explain_prints_a_table_and_hand_edits_show(episode: Path) -> None:
    assert (
        run(
            "chapters", str(episode), "-c", str(EXAMPLE / "config.yaml"), "--write-sidecar"
        ).returncode
        == 0
    )
    result = chapters(episode, "--explain")
    assert result.returncode == 0, result.stderr
    header, first, *rest = result.stdout.splitlines()
    assert header.split() == ["start", "conf", "title", "reason"]
    assert first.startswith("00:00:00") and "Intro" in first
    assert any('story cue "story 3"' in line for line in rest)
    assert any("segment" in line and "“" in line for line in rest)
    sidecar = episode / "episode.chapters.yaml"

    def retitle(items: list[dict]) -> None:  # type: ignore[type-arg]
        items[1]["title"] = "Serif fonts"

    _edit(sidecar, retitle)
    edited = chapters(episode, "--explain").stdout
    assert any("Serif fonts" in line and "edited by hand" in line for line in edited.splitlines())


def test_outputs_carry_no_reasons(episode: Path) -> None:
    assert (
        run(
            "chapters", str(episode), "-c", str(EXAMPLE / "config.yaml"), "--write-sidecar"
        ).returncode
        == 0
    )
    data = json.loads(chapters(episode, "--format", "json").stdout)
    assert {key for c in data["chapters"] for key in c} <= {
        "startTime",
        "endTime",
        "title",
        "toc",
        "url",
        "img",
    }
    assert "automatic" in (episode / "episode.chapters.yaml").read_text(encoding="utf-8")


#: Five subjects of 200 s each, said without a cue or a turn-taking line, each half mixed with
#: the words of the one before or after it: detection finds chapters but is unsure of them.
_SUBJECTS = (
    ("harbor", "crane", "container", "shipping", "dock"),
    ("violin", "orchestra", "concert", "melody", "conductor"),
    ("glacier", "ice", "climate", "melting", "arctic"),
    ("bakery", "bread", "flour", "oven", "dough"),
    ("satellite", "orbit", "rocket", "launch", "payload"),
)


def _blurred_transcript(path: Path) -> None:
    lines = []
    for k in range(100):
        t, part = 10 * k, k // 20
        words = _SUBJECTS[part]
        other = _SUBJECTS[(part + 1) % 5 if k % 20 >= 10 else (part - 1) % 5]
        a, b, c = words[k % 5], words[(k + 1) % 5], other[k % 5]
        lines.append(f"[00:{t // 60:02d}:{t % 60:02d}] the {a} and the {b} near the {c} was there")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_check_lists_unsure_chapters_as_warnings_not_failures(episode: Path) -> None:
    _blurred_transcript(episode / "transcript.txt")
    result = run("check", str(episode), "--config", str(EXAMPLE / "config.yaml"))
    warned = [line for line in result.stderr.splitlines() if "confidence" in line]
    assert len(warned) >= 3 and all(line.startswith("shownotes: warning: ") for line in warned)
    assert all("review it first" in line for line in warned)
    least = [float(re.search(r"confidence (\d\.\d\d)", line)[1]) for line in warned]
    assert least == sorted(least) and least[-1] < LOW_CONFIDENCE  # least sure first
    assert "confidence" not in result.stdout  # the failures (no feed yet, …) are separate


def test_check_does_not_warn_about_sure_chapters(episode: Path) -> None:
    result = run("check", str(episode), "--config", str(EXAMPLE / "config.yaml"))
    assert "confidence" not in result.stderr + result.stdout
