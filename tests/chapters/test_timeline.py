"""The retime mapping on its own (pure): edit formats, cuts and inserts around chapters,
and the property that an edit list followed by its inverse gives every untouched time back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.chapters.edits import format_edits, parse_edits, read_edits, suggest_edits
from shownotes.chapters.timeline import (
    Cut,
    Edits,
    EditsError,
    Insert,
    Retimed,
    Timeline,
    invert,
    make_edits,
    retime,
    retime_transcript,
)
from shownotes.errors import InputError
from shownotes.models import Chapter, Segment, Transcript

CHAPTERS = (
    Chapter(0, 100, "Intro"),
    Chapter(100, 200, "One"),
    Chapter(200, 300, "Two"),
    Chapter(300, 400, "Three"),
)


def starts(result: Retimed) -> list[tuple[float, str]]:
    return [(c.start, c.title) for c in result.chapters]


# --- the edit formats ----------------------------------------------------------------------


def test_audacity_labels_are_cut_regions(tmp_path: Path) -> None:
    path = tmp_path / "labels.txt"
    path.write_text("12.500000\t20.000000\tflub\n\\\t100.0\t2000.0\n300\t310.25\t\n")
    edits = read_edits(path)
    assert edits.cuts == (Cut(12.5, 20), Cut(300, 310.25))
    assert edits.inserts == ()
    assert [c.line for c in edits.cuts] == [1, 3]


def test_yaml_edit_list_with_cuts_inserts_and_stamps() -> None:
    edits = parse_edits(
        "# how episode 12 changed\n"
        "cut: [[10, 20], ['00:01:00.5', 65.5]]\n"
        "insert:\n  - [100, 30, 'Ad: Acme']\n  - [200, 15]\n"
    )
    assert edits.cuts == (Cut(10, 20), Cut(60.5, 65.5))
    assert edits.inserts == (Insert(100, 30, "Ad: Acme"), Insert(200, 15, ""))


def test_json_edit_list_with_tabs() -> None:
    edits = parse_edits('{\n\t"cut": [[1, 2]],\n\t"insert": [[5, 10, "Ad"]]\n}\n', "e.json")
    assert edits.cuts == (Cut(1, 2),) and edits.inserts == (Insert(5, 10, "Ad"),)


def test_keep_list_cuts_everything_between_kept_segments() -> None:
    edits = parse_edits("keep: [[5, 60], [90, 300], [310, 400]]\n")
    assert edits.cuts == (Cut(0, 5), Cut(60, 90), Cut(300, 310), Cut(400, float("inf")))
    open_end = parse_edits("keep: [[0, 60], [90, null]]\n")
    assert open_end.cuts == (Cut(60, 90),)


def test_ffmpeg_concat_list_is_a_keep_list() -> None:
    text = (
        "ffconcat version 1.0\n"
        "# rendered with ffmpeg -f concat -i list.txt -c copy new.mp3\n"
        "file 'raw.mp3'\noutpoint 00:01:00\n"
        "file 'raw.mp3'\ninpoint 90\noutpoint 300500ms\n"
        "file 'raw.mp3'\ninpoint 5:10.5\n"
    )
    edits = parse_edits(text, "list.txt")
    assert edits.cuts == (Cut(60, 90), Cut(300.5, 310.5))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cut: [[10]]\n", "e.txt:1: cut: each entry must be [start, end]"),
        ("cut:\n  - [10, 20]\n  - [30, 25]\n", "e.txt:3: cut 30-25 is empty or negative"),
        ("cut: [[1, 5]]\ninsert:\n  - [3, 10]\n", "e.txt:3: insert at 3 falls inside cut 1-5"),
        ("cut: [[1, 5], [4, 8]]\n", "e.txt:1: cut 4-8 overlaps cut 1-5"),
        ("cuts: [[1, 5]]\n", "e.txt:1: unknown key 'cuts'"),
        ("cut: [[soon, 5]]\n", "e.txt:1: 'soon' is not a time"),
        ("cut: [[1, 2]\n", "e.txt:2: not an edit list: YAML/JSON syntax error"),
        ("1.0\t0.5\tflub\n", "e.txt:1: label 1-0.5 is not a region that was cut"),
        ("1.0\t2.0\tok\nnonsense\n", "e.txt:2: not an Audacity label line"),
        ("file a.mp3\ninpoint 1:75\n", "e.txt:2: '1:75' is not an ffmpeg time"),
        ("keep: [[0, 60], [50, 90]]\n", "e.txt:1: kept segment at 00:00:50 starts before"),
        ("cut: []\n", "e.txt:1: no edits in the file"),
        ("just words\n", "e.txt:1: not an edit list"),
    ],
)
def test_bad_edit_files_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_edits(text, "e.txt")
    assert str(caught.value).startswith(message), str(caught.value)
    assert "\n" not in str(caught.value)


def test_format_edits_reads_back() -> None:
    edits = make_edits([Cut(12.5, 20), Cut(1234.567, 2000)], [Insert(60, 30, 'Ad "x"')])
    assert parse_edits(format_edits(edits, ["a comment"])) == Edits(
        edits.cuts, edits.inserts, "<string>"
    )


# --- the map -------------------------------------------------------------------------------


def test_cut_before_inside_and_after_chapters() -> None:
    before = retime(CHAPTERS, [Cut(50, 80)])  # inside Intro: everything later moves back
    assert starts(before) == [(0, "Intro"), (70, "One"), (170, "Two"), (270, "Three")]
    inside = retime(CHAPTERS, [Cut(190, 230)])  # across a start: Two snaps to the cut's end
    assert starts(inside) == [(0, "Intro"), (100, "One"), (190, "Two"), (260, "Three")]
    assert [r.fate for r in inside.rows] == ["kept", "kept", "snapped", "moved"]
    after = retime(CHAPTERS, [Cut(350, 360)], duration=390)  # inside the last chapter
    assert starts(after) == starts(retime(CHAPTERS, []))
    assert after.chapters[-1].end == 390


def test_a_chapter_whose_whole_span_was_cut_is_dropped_and_reported() -> None:
    result = retime(CHAPTERS, [Cut(95, 210)])
    assert starts(result) == [(0, "Intro"), (95, "Two"), (185, "Three")]
    assert [c.title for c in result.dropped] == ["One"]
    row = next(r for r in result.rows if r.fate == "dropped")
    assert row.why == "its whole span was cut"
    assert result.chapters[0].end == 95


def test_an_insert_at_a_chapter_start_moves_it_past_the_insert() -> None:
    result = retime(CHAPTERS, [Insert(200, 30, "Ad")])
    assert starts(result) == [(0, "Intro"), (100, "One"), (230, "Two"), (330, "Three")]
    assert result.chapters[1].end == 230  # the chapter before runs on over the ad


def test_mark_inserts_adds_silent_markers_over_each_insert() -> None:
    result = retime(CHAPTERS, [Insert(200, 30, "Ad"), Insert(0, 15, "Pre-roll")], mark_inserts=True)
    assert [(c.start, c.end, c.title, c.toc) for c in result.chapters] == [
        (0, 15, "Pre-roll", False),
        (15, 115, "Intro", True),
        (115, 245, "One", True),  # a listed chapter runs on under a marker
        (215, 245, "Ad", False),
        (245, 345, "Two", True),
        (345, 445, "Three", True),
    ]
    assert [r.fate for r in result.rows] == ["inserted", "moved", "moved", "inserted"] + [
        "moved"
    ] * 2


def test_the_opening_chapter_stays_at_zero_over_an_unmarked_pre_roll() -> None:
    result = retime(CHAPTERS, [Insert(0, 20, "Pre-roll")])
    assert starts(result)[:2] == [(0, "Intro"), (120, "One")]


def test_times_stay_inside_the_new_audio() -> None:
    result = retime(CHAPTERS, [Cut(0, 50)], duration=240)
    assert starts(result) == [(0, "Intro"), (50, "One"), (150, "Two")]
    assert result.dropped == (CHAPTERS[3],)
    assert all(0 <= c.start <= c.end <= 240 for c in result.chapters)
    timeline = Timeline(make_edits([Cut(0, 50)]), duration=240)
    assert timeline.start(10) == 0 and timeline.start(1000) == 240


def test_transcript_segments_follow_and_cut_ones_are_dropped() -> None:
    transcript = Transcript(
        (Segment(0, 10, "a"), Segment(10, 20, "b"), Segment(20, 30, "c"), Segment(30, 40, "d")),
        format="text",
    )
    moved, dropped = retime_transcript(transcript, [Cut(9, 21), Insert(35, 5, "Ad")])
    assert dropped == 1
    assert [(s.start, s.end, s.text) for s in moved.segments] == [
        (0, 9, "a"),
        (9, 18, "c"),
        (18, 33, "d"),  # the ad plays inside "d" (at 35), so it ends 5 s later
    ]


def test_edits_that_contradict_themselves_are_refused() -> None:
    with pytest.raises(EditsError, match="overlaps"):
        make_edits([Cut(0, 10), Cut(5, 15)])
    with pytest.raises(EditsError, match="inside cut"):
        make_edits([Cut(0, 10)], [Insert(5, 3)])


def test_suggest_edits_from_silences() -> None:
    cut = suggest_edits(30, 22, [(10, 12), (20, 22)], [(10, 14)])
    assert cut is not None and cut.cuts == (Cut(12, 20),)
    added = suggest_edits(20, 25, [(10, 12)], [(10, 11), (16, 17)])
    assert added is not None and added.inserts == (Insert(11, 5, "inserted"),)
    assert suggest_edits(20, 20.01) is None
    at_end = suggest_edits(100, 90)
    assert at_end is not None and at_end.cuts == (Cut(90, 100),)


# --- retime, then retime with the inverse, gives the chapters back ---------------------------

times = st.floats(min_value=0, max_value=3600, allow_nan=False).map(lambda t: round(t, 3))


@st.composite
def edit_lists(draw: st.DrawFn) -> Edits:
    points = sorted(set(draw(st.lists(times, min_size=0, max_size=12))))
    cuts = [Cut(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if b - a > 0.01]
    inserts = []
    for at in draw(st.lists(times, max_size=4)):
        if not any(c.start < at < c.end for c in cuts):
            seconds = draw(st.floats(min_value=0.01, max_value=600).map(lambda s: round(s, 3)))
            inserts.append(Insert(at, seconds, "Ad"))
    return make_edits(cuts, inserts)


@settings(max_examples=300, deadline=None)
@given(edits=edit_lists(), chapter_starts=st.lists(times, min_size=1, max_size=10))
def test_retime_then_inverse_gives_back_chapters_no_cut_touched(
    edits: Edits, chapter_starts: list[float]
) -> None:
    marks = sorted({0.0, *chapter_starts})
    chapters = [
        Chapter(s, e, f"c{i}")
        for i, (s, e) in enumerate(zip(marks, [*marks[1:], 4000.0], strict=True))
    ]
    timeline = Timeline(edits)
    untouched = {c.title: c.start for c in chapters if timeline.cut_at(c.start) is None}
    there = retime(chapters, edits)
    if there.rows[0].fate == "dropped":
        # the opening chapter was cut away: the chapter that took its place opens the
        # episode at 0 from then on, also over the inverse's insert at 0
        untouched.pop(there.chapters[0].title, None)
    back = retime(list(there.chapters), invert(edits))
    returned = {c.title: c.start for c in back.chapters}
    for title, start in untouched.items():
        assert abs(returned[title] - start) <= 0.001, (title, start, returned.get(title))
    # times on their own, too
    inverse = Timeline(invert(edits))
    for t in chapter_starts:
        if timeline.cut_at(t) is None:
            assert abs(inverse.start(timeline.start(t)) - t) <= 0.001
