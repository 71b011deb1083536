"""Long segments split at their sentences: caption paragraphs and Whisper chunks."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.chapters import detect_chapters
from shownotes.chapters.detector import detect_explained
from shownotes.chapters.split import RUN_ON_SECONDS, SPLIT_SECONDS, split_sentences
from shownotes.models import Segment, Transcript

_WORD = st.sampled_from(["harbor", "Okay,", "so", "cranes", "port.", "Yes.", "why?", "dock!", "a"])


@st.composite
def transcripts(draw: st.DrawFn) -> list[Segment]:
    segments, t = [], 0.0
    for _ in range(draw(st.integers(1, 8))):
        length = draw(st.floats(0.5, 30.0))
        words = draw(st.lists(_WORD, min_size=1, max_size=40))
        line = draw(st.one_of(st.none(), st.integers(1, 99)))
        segments.append(Segment(round(t, 2), round(t + length, 2), " ".join(words), "A", line))
        t += length + draw(st.floats(0.0, 3.0))
    return segments


@settings(max_examples=200, deadline=None)
@given(transcripts())
def test_pieces_keep_every_word_in_order_within_their_segment(segments: list[Segment]) -> None:
    pieces, origin = split_sentences(segments)
    assert len(pieces) == len(origin) and sorted(origin) == list(origin)
    for i, seg in enumerate(segments):
        mine = [p for p, o in zip(pieces, origin, strict=True) if o == i]
        assert " ".join(p.text for p in mine).split() == seg.text.split()
        assert mine[0].start == seg.start and all(p.speaker == seg.speaker for p in mine)
        assert all(seg.start <= p.start < p.end <= seg.end + 0.01 for p in mine) or len(mine) == 1
        assert [p.start for p in mine] == sorted(p.start for p in mine)
        if seg.end - seg.start < SPLIT_SECONDS:
            assert mine == [seg]
        # every other field (speaker, source line, any added later) is the segment's own
        assert mine == [replace(seg, start=p.start, end=p.end, text=p.text) for p in mine]


def test_a_sentence_starts_where_its_share_of_the_text_says() -> None:
    seg = Segment(100.0, 120.0, "Yes, exactly. Okay, so let us move on to the harbor.")
    pieces, origin = split_sentences([seg])
    assert [p.text for p in pieces] == ["Yes, exactly.", "Okay, so let us move on to the harbor."]
    assert pieces[1].start == round(100.0 + 20.0 * len("Yes, exactly. ") / len(seg.text), 2)
    assert origin == (0, 0)


#: Made-up topics, one vocabulary each.
HARBOR = (
    "The harbor authority expanded the container port. Cargo ships and cranes crowd the "
    "harbor. Dock workers run the cranes. The port expects more freight and longer queues."
)
ORCHARD = (
    "Orchard growers picked a record apple harvest. Pickers and cider presses are stretched. "
    "Apple prices fall. Orchard owners plant new pear trees and cold storage fills up."
)


def paragraphs(parts: list[str], seconds: float = 20.0) -> Transcript:
    """Caption paragraphs of ``seconds`` each, like a YouTube transcript."""
    return Transcript(
        tuple(Segment(i * seconds, (i + 1) * seconds, text) for i, text in enumerate(parts))
    )


def test_a_chapter_that_starts_inside_a_caption_paragraph_starts_at_its_sentence() -> None:
    # the hand-off comes three quarters into the paragraph stamped 240 s, i.e. about 255 s
    turn = "And the cranes never stop there. Next up, the orchard growers and their record harvest."
    parts = [HARBOR] * 12 + [turn] + [ORCHARD] * 12
    chapters = detect_chapters(paragraphs(parts))
    cut = len("And the cranes never stop there. ") / len(turn)
    assert any(abs(c.start - (240.0 + 20.0 * cut)) < 0.5 for c in chapters), chapters


def test_an_explanation_names_the_transcript_segment_and_its_stamp() -> None:
    turn = "And the cranes never stop there. Next up, the orchard growers and their record harvest."
    parts = [HARBOR] * 12 + [turn] + [ORCHARD] * 12
    chapters, why = detect_explained(paragraphs(parts))
    chapter = next(c for c in chapters if 240.0 < c.start < 260.0)
    assert why[chapter.start].segment == 12 and why[chapter.start].stamp == 240.0
    assert why[chapter.start].quote.startswith("Next up")


def test_unpunctuated_paragraphs_split_where_a_turn_opens() -> None:
    # lower case, no punctuation, 20 s paragraphs: what YouTube's auto-captions give
    def plain(text: str) -> str:
        return " ".join(w.strip(".,").lower() for w in text.split())

    turn = plain("And the cranes never stop there, all day long. ") + (
        " okay so next up the orchard growers and their record harvest"
    )
    parts = [plain(HARBOR)] * 12 + [turn] + [plain(ORCHARD)] * 12
    pieces, origin = split_sentences(paragraphs(parts).segments)
    assert [p.text for p, o in zip(pieces, origin, strict=True) if o == 12][1].startswith("okay so")
    chapters = detect_chapters(paragraphs(parts))
    cut = turn.index("okay so") / len(turn)
    assert any(abs(c.start - (240.0 + 20.0 * cut)) < 0.5 for c in chapters), chapters


def test_a_short_unpunctuated_line_is_left_whole() -> None:
    text = "and that is it okay so what do you make of the orchard"
    line = Segment(0.0, RUN_ON_SECONDS - 1, text)
    assert split_sentences([line]) == ((line,), (0,))
