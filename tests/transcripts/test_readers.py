"""Transcript readers: golden fixtures of every format, the real corpus, encodings."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE, need_shared

from shownotes import (
    FileAccessError,
    Transcript,
    TranscriptError,
    parse_transcript,
    read_transcript,
)
from shownotes.errors import TranscriptOrderWarning
from shownotes.transcripts.readers import sniff

CASES = sorted(p for p in (DATA / "transcripts").iterdir() if ".expected." not in p.name)


def as_dict(t: Transcript) -> dict[str, object]:
    return {
        "format": t.format,
        "title": t.title,
        "description": t.description,
        "language": t.language,
        "segments": [[s.start, s.end, s.speaker, s.text] for s in t.segments],
    }


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_reader_matches_golden(path: Path, update_golden: bool) -> None:
    expected_path = path.with_name(path.stem + ".expected.json")
    got = as_dict(read_transcript(path))
    if update_golden or not expected_path.exists():
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert got == json.loads(expected_path.read_text())


EXPECTED_CORPUS = {
    "corpus/synthesizer-2026-06-07/transcript.txt": ("seed", 289),
    "corpus/python-bytes-160/transcript.txt": ("text", 373),
    "corpus/python-bytes-350/transcript.vtt": ("vtt", 725),
    "corpus-conversations/lennys-podcast-wes-kao/transcript.txt": ("text", 239),
}


def corpus_files() -> list[str]:
    shared = need_shared()
    return sorted(str(p.relative_to(shared)) for p in shared.glob("corpus*/*/transcript.*"))


def test_every_corpus_transcript_parses() -> None:
    shared = need_shared()
    files = corpus_files()
    assert len(files) >= 7
    for name in files:
        t = read_transcript(shared / name)
        starts = [s.start for s in t.segments]
        assert starts == sorted(starts), name
        assert all(s.end >= s.start and s.text for s in t.segments), name
        if name in EXPECTED_CORPUS:
            assert (t.format, len(t.segments)) == EXPECTED_CORPUS[name], name


def test_seed_page_metadata() -> None:
    shared = need_shared()
    t = read_transcript(shared / "corpus/synthesizer-2026-06-07/transcript.txt")
    assert t.title == "Musk training on competitor models, Meta's Mad Max data centers"
    assert t.description.startswith("In this playful deep-dive")
    assert t.segments[0].text == "This is your" and t.segments[0].start == 0
    assert t.segments[1].text == "daily synthesizer."  # same-second stamps kept, in order
    assert t.segments[-1].text == "This is your baby synthesizer."  # "New comment" dropped
    assert t.segments[-1].line == 293


def test_bundled_example_is_the_seed_episode() -> None:
    t = read_transcript(EXAMPLE / "episodes/2026-06-07/transcript.txt")
    assert len(t.segments) == 289 and t.format == "seed"


@pytest.mark.parametrize("bom", ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_line_ends(tmp_path: Path, bom: str, newline: str) -> None:
    source = DATA / "transcripts" / "voices.vtt"
    text = source.read_text(encoding="utf-8").replace("\n", newline)
    prefix = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(bom, b"")
    target = tmp_path / "t.vtt"
    target.write_bytes(prefix + text.encode(bom))
    assert as_dict(read_transcript(target)) == as_dict(read_transcript(source))


def test_utf16_without_bom_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "t.srt"
    text = (DATA / "transcripts" / "captions.srt").read_text(encoding="utf-8-sig")
    target.write_bytes(text.encode("utf-16-le"))
    with pytest.raises(FileAccessError, match="binary data"):
        read_transcript(target)


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", ".txt", "vtt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n", ".txt", "srt"),
        ('{"segments": []}', ".txt", "json"),
        ("[00:01] hi\n[00:02] there\n", ".json", "text"),
        ("Title\nShow notes\nx\nShow transcript\n00:00:01: hi\n", ".srt", "seed"),
        ("no stamps here", ".vtt", "vtt"),
        ("no stamps here", ".md", "text"),
    ],
)
def test_sniff_prefers_content_then_suffix(text: str, suffix: str, expected: str) -> None:
    assert sniff(text, suffix) == expected


def test_forced_format_is_used() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nhi\n"
    with pytest.raises(TranscriptError, match="WEBVTT"):
        parse_transcript(text, "x.srt", format="vtt")


def test_stamped_speaker_labels_need_to_recur() -> None:
    t = parse_transcript("[00:01] Note: one\n[00:05] plain words\n[00:09] more words\n")
    assert [s.speaker for s in t.segments] == [None, None, None]
    assert t.segments[0].text == "Note: one"


def test_last_segment_end_is_estimated_from_its_words() -> None:
    t = parse_transcript("00:00:10 five words in this line\n")
    assert t.segments[0].end == pytest.approx(10 + 5 / 2.5)


def test_a_stamp_three_seconds_back_is_clamped_with_a_warning() -> None:
    text = "[00:00:01] a\n[00:01:00] b\n[00:00:57] c\n[00:01:10] d\n"
    with pytest.warns(TranscriptOrderWarning, match=r"edit\.txt:3: timestamp 00:00:57 goes back"):
        transcript = parse_transcript(text, "edit.txt")
    assert [s.start for s in transcript.segments] == [1, 60, 60, 70]
    assert [s.text for s in transcript.segments] == ["a", "b", "c", "d"]


def test_gross_disorder_is_still_an_error() -> None:
    with pytest.raises(TranscriptError, match="goes back before 00:01:00"):
        parse_transcript("[00:00:01] a\n[00:01:00] b\n[00:00:20] c\n", "edit.txt")
