"""A transcript written back in its own format reads back as the same segments."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE

from shownotes.transcripts import parse_transcript, read_transcript
from shownotes.transcripts.rewrite import rewrite

TRANSCRIPTS = (DATA / "transcripts").iterdir()
CASES = [
    *sorted(p for p in TRANSCRIPTS if not p.name.endswith(".expected.json")),
    EXAMPLE / "episodes" / "2026-06-07" / "transcript.txt",
]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_rewrite_keeps_format_times_text_and_speakers(path: Path) -> None:
    original = read_transcript(path)
    # shifted by a fraction of a second, as a retime leaves them
    shifted = replace(
        original,
        segments=tuple(
            replace(s, start=s.start + 0.25, end=s.end + 0.25) for s in original.segments
        ),
    )
    back = parse_transcript(rewrite(shifted), path)
    assert back.format == ("podcast-json" if original.format == "whisper-json" else original.format)
    assert (back.title, back.description) == (original.title, original.description)
    assert [(s.start, s.end, s.text, s.speaker) for s in back.segments] == [
        (s.start, s.end, s.text, s.speaker) for s in shifted.segments
    ]
