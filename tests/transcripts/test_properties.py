"""Property tests: readers raise nothing but our own errors; writers round-trip."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
import srt
import webvtt
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from shownotes import Segment, ShownotesError, Transcript, parse_transcript
from shownotes.textfile import decode
from shownotes.transcripts import READERS
from shownotes.transcripts.writers import to_json, to_srt, to_text, to_vtt

#: Readers may warn (a stamp that goes back a little is clamped with a warning); only an
#: exception that is not ours is a failure here.
pytestmark = pytest.mark.filterwarnings("ignore::shownotes.errors.TranscriptOrderWarning")

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that looks a little like transcripts, so the readers get past their first checks
stampish = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.from_regex(r"\[?\d{1,2}:\d{2}(:\d{2})?\]? [A-Za-z :]{0,20}", fullmatch=True),
        st.from_regex(r"\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}", fullmatch=True),
        st.sampled_from(["WEBVTT", "Show transcript", "Show notes", "", "1", "{", '"segments": [']),
    ),
    max_size=12,
).map("\n".join)


@FAST
@given(text=st.one_of(st.text(), stampish), fmt=st.sampled_from([None, *READERS]))
def test_readers_raise_only_our_errors_on_text(text: str, fmt: str | None) -> None:
    try:
        parse_transcript(text, "fuzz.txt", fmt)
    except ShownotesError as error:
        assert str(error).startswith("fuzz.txt")
        assert "\n" not in str(error)


@FAST
@given(data=st.binary(max_size=300))
def test_readers_raise_only_our_errors_on_bytes(data: bytes) -> None:
    with contextlib.suppress(ShownotesError):
        parse_transcript(decode(data, "fuzz.bin"), "fuzz.bin")


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=9), inner, max_size=4)
    ),
    max_leaves=12,
)
segment_keys = st.sampled_from(["startTime", "endTime", "body", "speaker", "start", "end", "text"])


@FAST
@given(
    segments=st.lists(st.dictionaries(segment_keys, json_values, max_size=5), max_size=5),
    other=json_values,
)
def test_json_reader_raises_only_our_errors(segments: list[object], other: object) -> None:

    for doc in ({"segments": segments}, segments, other):
        with contextlib.suppress(ShownotesError):
            parse_transcript(json.dumps(doc), "fuzz.json", "json")


words = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FF),
    min_size=1,
    max_size=8,
)
texts = st.lists(words, min_size=1, max_size=6).map(" ".join)
speakers = st.none() | st.sampled_from(["Ann", "Bob Smith", "Speaker 2"])


@st.composite
def transcripts(draw: st.DrawFn, whole_seconds: bool = False) -> Transcript:
    """Random transcripts; every speaker label used appears at least twice, as in real files."""
    n = draw(st.integers(1, 12))
    start, segments = 0.0, []
    for _ in range(n):
        start = round(start + draw(st.integers(0, 90_000)) / (1 if whole_seconds else 1000), 3)
        length = draw(st.integers(0, 20_000)) / 1000
        segments.append(Segment(start, round(start + length, 3), draw(texts), draw(speakers)))
    labels = [s.speaker for s in segments if s.speaker]
    assume(all(labels.count(label) >= 2 for label in labels))
    return Transcript(tuple(segments))


def key(t: Transcript) -> list[tuple[object, ...]]:
    return [(s.start, s.end, s.speaker, s.text) for s in t.segments]


@FAST
@given(t=transcripts())
def test_srt_vtt_json_round_trip(t: Transcript) -> None:
    assert key(parse_transcript(to_srt(t), "t.srt")) == key(t)
    assert key(parse_transcript(to_vtt(t), "t.vtt")) == key(t)
    assert key(parse_transcript(to_json(t), "t.json")) == key(t)


@FAST
@given(t=transcripts(whole_seconds=True))
def test_text_round_trip_keeps_starts_speakers_and_words(t: Transcript) -> None:
    back = parse_transcript(to_text(t), "t.txt")
    assert [(s.start, s.speaker, s.text) for s in back.segments] == [
        (s.start, s.speaker, s.text) for s in t.segments
    ]


@FAST
@given(t=transcripts())
def test_our_srt_and_vtt_read_by_independent_libraries(t: Transcript) -> None:
    subs = list(srt.parse(to_srt(t)))
    assert [(s.start.total_seconds(), s.end.total_seconds()) for s in subs] == [
        (round(s.start, 3), round(s.end, 3)) for s in t.segments
    ]
    assert [x.content for x in subs] == [
        f"{s.speaker}: {s.text}" if s.speaker else s.text for s in t.segments
    ]
    captions = webvtt.from_buffer(io.StringIO(to_vtt(t))).captions
    assert [c.text for c in captions] == [s.text for s in t.segments]
    assert [c.voice for c in captions] == [s.speaker for s in t.segments]
    assert [c.start_in_seconds for c in captions] == [int(s.start) for s in t.segments]


@FAST
@given(t=transcripts())
def test_we_read_srt_written_by_the_srt_library(t: Transcript) -> None:
    subs = [
        srt.Subtitle(i, srt.timedelta(seconds=s.start), srt.timedelta(seconds=s.end), s.text)
        for i, s in enumerate(t.segments, 1)
    ]
    back = parse_transcript(srt.compose(subs, reindex=False), "lib.srt")
    assert [(s.start, s.end, s.text) for s in back.segments] == [
        (round(s.start, 3), round(s.end, 3), s.text) for s in t.segments
    ]


@pytest.mark.parametrize("stamp", ["00:61:00", "00:00:60", "1:75:00"])
def test_out_of_range_stamps_are_errors(stamp: str) -> None:
    with pytest.raises(ShownotesError, match="out of range"):
        parse_transcript(f"00:00:01 fine\n{stamp} bad\n", "x.txt")
