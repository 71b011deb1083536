"""Show config and episode.yaml: typed loading, every key documented, precise errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, ROOT

from shownotes import ConfigError, Detection, Show, load_episode, load_show
from shownotes.models import CueRule, Funding, Owner, PlatformRules


def test_example_config_documents_every_key() -> None:
    documented = yaml.safe_load((ROOT / "config.example.yaml").read_text())
    for cls, keys in (
        (Show, documented),
        (Detection, documented["detection"]),
        (Owner, documented["owner"]),
        (CueRule, documented["detection"]["rules"][0]),
        (Funding, documented["funding"][0]),
        (PlatformRules, documented["platform_rules"][0]),
    ):
        fields = {f.name for f in dataclasses.fields(cls)} - {"source"}
        assert fields == set(keys), cls.__name__


def test_example_config_loads_with_resolved_paths() -> None:
    show = load_show(ROOT / "config.example.yaml")
    assert show.owner == Owner("The Synthesizer team", "podcast@example.com")
    assert show.categories == ("Technology", "News > Tech News")
    assert show.episodes_dir == ROOT / "episodes"
    assert show.detection.rules[0].kind == "story"


def test_bundled_example_episode() -> None:
    episode = load_episode(EXAMPLE / "episodes" / "2026-06-07")
    assert episode.number == 158
    assert episode.date == dt.datetime(2026, 6, 7, 6, tzinfo=dt.UTC)
    assert episode.audio.is_file() and episode.transcript.is_file()
    assert episode.links[0].url == "https://example.com/wired-serif"


def write(tmp_path: Path, text: str, name: str = "config.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def problems(path: Path, loader=load_show) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as info:
        loader(path)
    return [str(p) for p in info.value.problems]


def test_every_problem_is_reported_with_line_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "title: X\ntitel: Y\nexplicit: maybe\nowner:\n  name: A\n  mail: b\n"
        "detection:\n  max_chapters: many\n  rules:\n    - pattern: '(x'\n      kind: story\n",
    )
    found = problems(path)
    assert found == [
        f"{path}:2: titel: unknown key (did you mean 'title'?)",
        f"{path}:3: explicit: expected true or false, got str 'maybe'",
        f"{path}:6: owner.mail: unknown key (did you mean 'email'?)",
        f"{path}:5: owner.email: missing required key (add 'email: ...')",
        f"{path}:8: detection.max_chapters: expected a whole number, got str 'many'",
        f"{path}:10: detection.rules[0]: pattern '(x' is not a valid regular expression: "
        "missing ), unterminated subpattern at position 0; in YAML, single quotes keep "
        "backslashes as they are",
    ]


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("title: [unclosed\n", r":2: YAML syntax error"),
        ("title: a\ntitle: b\n", r":2: duplicate key 'title'"),
        ("- a list\n", r":1: expected a mapping of keys, got a list"),
        ("description: no title\n", r":1: title: missing required key"),
        ("title: X\ncategories: Technology\n", r":2: categories: expected a list of text, got str"),
        (
            "title: X\ndetection:\n  rules:\n    - pattern: x\n      kind: story-ish\n",
            r":5: detection.rules\[0\].kind: expected 'story' or 'quick'",
        ),
        # a check of one value is reported at that value's line
        (
            "title: X\ndetection:\n  gap_seconds: 4\n  title_max_length: 5\n",
            r":4: detection: title_max_length must be 12 or more, got 5",
        ),
        (
            "title: X\ndetection:\n  max_chapters: 10\n  chapter_count: 11\n",
            r":4: detection: chapter_count must be from 1 to max_chapters \(10\), got 11",
        ),
    ],
)
def test_single_problems(tmp_path: Path, text: str, pattern: str) -> None:
    (found,) = problems(write(tmp_path, text))
    assert re.search(pattern, found), found


def test_a_show_folder_that_is_a_file_is_a_config_problem(tmp_path: Path) -> None:
    # found by the fuzz campaign: 'output_dir: /etc/passwd' failed deep inside publish
    (tmp_path / "notes.txt").write_text("not a folder\n")
    path = write(tmp_path, "title: X\nepisodes_dir: .\noutput_dir: notes.txt\n")
    assert problems(path) == [
        f"{path}:3: output_dir: {tmp_path / 'notes.txt'} is not a folder "
        "(point output_dir at a folder)"
    ]
    (tmp_path / "public").mkdir()
    assert load_show(write(tmp_path, "title: X\noutput_dir: public\n")).output_dir.is_dir()
    assert not load_show(write(tmp_path, "title: X\noutput_dir: later\n")).output_dir.exists()


def test_empty_config_needs_a_title(tmp_path: Path) -> None:
    (found,) = problems(write(tmp_path, ""))
    assert found.endswith("title: missing required key (add 'title: ...')")


def test_episode_finds_its_single_audio_and_transcript(tmp_path: Path) -> None:
    (tmp_path / "show.mp3").write_bytes(b"")
    (tmp_path / "transcript.vtt").write_text("WEBVTT\n")
    episode = load_episode(write(tmp_path, "title: E\ndate: 2026-01-02 10:00:00\n", "episode.yaml"))
    assert episode.audio == tmp_path / "show.mp3"
    assert episode.transcript == tmp_path / "transcript.vtt"
    assert episode.date.tzinfo is not None


def test_episode_with_two_audio_files_must_name_one(tmp_path: Path) -> None:
    for name in ("a.mp3", "b.mp3", "transcript.srt"):
        (tmp_path / name).write_bytes(b"")
    (found,) = problems(
        write(tmp_path, "title: E\ndate: 2026-01-02\n", "episode.yaml"), load_episode
    )
    assert "audio: missing, and the folder has not exactly one audio file" in found


def test_episode_types(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "title: E\ndate: 2026-01-02\naudio: a.mp3\ntranscript: t.srt\n"
        "number: '12'\nlinks:\n  - title: x\n",
        "episode.yaml",
    )
    found = problems(path, load_episode)
    assert any(":5: number: expected a whole number, got str '12'" in p for p in found)
    assert any(":7: links[0].url: missing required key" in p for p in found)
