"""Chapter titles' fast paths against the plain code they replace: the same result, bit for
bit, on any input (the plain versions live here as the definitions)."""

from __future__ import annotations

import math
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.chapters.phrases import _IZE, _SENTENCE_END, _WORD, _clause_words
from shownotes.chapters.titles import TitleMaker

#: Letters, digits, spaces and every character a word or a clause break treats apart.
_PIECES = st.sampled_from(
    [*"aZ09 '’-.+#&@/,;:!?…\t\n", "ő", "É", "ab", "Don't", "data-centers", " - ", "C++", "x.com"]
)
_TEXT = st.lists(_PIECES, max_size=24).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=30)))
def test_clause_words_split_where_they_can_match_finding_every_word(part: str) -> None:
    assert _clause_words(part) == _WORD.findall(part)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=30)))
def test_sentence_ends_opening_on_a_class_match_the_plain_pattern(text: str) -> None:
    assert _SENTENCE_END.split(text) == re.split(r"([.!?…]+)(?=\s|$)", text)


_VERBISH = st.lists(st.sampled_from([*"aisz", "ize", "ise", "ing", "ed", "es", "e", "\n"]))


@settings(max_examples=500, deadline=None)
@given(_VERBISH.map("".join))
def test_an_ize_ending_searched_for_at_the_end_is_found_anywhere(k: str) -> None:
    assert bool(_IZE.search(k, max(0, len(k) - 8))) == bool(_IZE.search(k))


_TALK = "Sweet . Got it . the harbor cranes , cargo ? Meta rents tents . Okay . harbor okay"
_CHAPTER = st.lists(st.sampled_from(_TALK.split(" ")), max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CHAPTER, min_size=1, max_size=3), min_size=1, max_size=5))
def test_idf_and_interjections_worked_out_when_asked_match_counting_every_stem(
    chapters: list[list[str]],
) -> None:
    maker = TitleMaker(chapters)
    n = len(maker.chapters)
    df: Counter[str] = Counter()
    said: Counter[str] = Counter()
    for chapter in maker.chapters:
        df.update(chapter.stems.keys())
        said.update(chapter.stems)
    idf = {s: math.log((n + 1) / df[s]) + 0.1 for s in df}
    for s in [*df, "unsaid"]:
        assert maker.idf(s) == idf.get(s, 0.1)
    replies = maker.replies.items()
    assert maker.interjections == {s for s, alone in replies if alone >= 0.5 * said[s]}
