"""Detection's exact output on every corpus episode, pinned: speed work must not move a chapter.

The expected chapters (start, end, title) live in ``tests/data/detected/<folder>.json``; a
deliberate change to detection's quality rewrites them with ``pytest --update-golden`` (then
review the diff like any other output change). The corpus is read in place, never copied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, SHARED, need_shared

from shownotes.chapters import detect_chapters
from shownotes.transcripts import read_transcript

EXPECTED = DATA / "detected"
EPISODES = sorted(
    f"{p.parent.name}/{p.name}" for p in SHARED.glob("corpus*/*") if (p / "chapters.json").is_file()
)


def detected(folder: Path, with_duration: bool) -> list[list[object]]:
    data = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))
    transcript = read_transcript(sorted(folder.glob("transcript.*"))[0])
    duration = data.get("duration") if with_duration else None
    chapters = detect_chapters(transcript, duration=float(duration) if duration else None)
    return [[c.start, c.end, c.title] for c in chapters]


def _dumps(got: dict[str, list[list[object]]]) -> str:
    """JSON with one chapter a line, so a changed chapter is a one-line diff."""
    parts = [
        f"  {json.dumps(key)}: [\n"
        + ",\n".join(f"    {json.dumps(row, ensure_ascii=False)}" for row in rows)
        + "\n  ]"
        for key, rows in got.items()
    ]
    return "{\n" + ",\n".join(parts) + "\n}\n"


@pytest.mark.parametrize("episode", EPISODES or ["(no corpus)"])
def test_detection_output_is_pinned(episode: str, update_golden: bool) -> None:
    folder = need_shared() / episode
    got = {
        "with_duration": detected(folder, with_duration=True),
        "transcript_end": detected(folder, with_duration=False),
    }
    path = EXPECTED / (episode.replace("/", "__") + ".json")
    if update_golden or not path.exists():
        path.write_text(_dumps(got), encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
