"""Work detection does once that it used to do again and again, against doing it each time:
the same result, bit for bit, on any input (the plain versions are the definitions)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.chapters.normalize import _holding, lower_plain
from shownotes.chapters.rules import find_cues, find_cues_each, load_rules, parse_rules
from shownotes.chapters.tidy import tidied, tidy
from shownotes.models import Segment

#: Cue words and the words normalizing joins across texts ("twenty | one", "all | right").
_CUE_TALK = (
    "so okay story one two twenty all right you know next up lets talk about speaking of "
    "brought to you by minutes the harbor moving on quick 3 # . , ? ' ’ \x00 İ"
)
_CUE_TEXTS = st.lists(
    st.one_of(
        st.lists(st.sampled_from(_CUE_TALK.split(" ")), max_size=10).map(" ".join),
        st.text(max_size=12),
    ),
    max_size=8,
)
_SHOW_RULES = parse_rules(
    """
    rules:
      - {pattern: '\\bstory (?P<n>\\d+)', kind: story, label: 'Story {n}'}
      - {pattern: 'one all', kind: quick, label: Quick one}
      - {pattern: '\\btalk about', kind: segment, label: Talk, weak: true}
      - {pattern: 'x*', kind: outro, label: Empty}
    """
)


@settings(max_examples=300, deadline=None)
@given(_CUE_TEXTS, st.sampled_from([load_rules(), _SHOW_RULES]))
def test_cues_of_texts_normalized_together_are_those_of_each_text(texts, rules) -> None:
    one_at_a_time = [find_cues([Segment(0.0, 1.0, text)], rules) for text in texts]
    assert find_cues_each(texts, rules) == one_at_a_time


_SPONSOR_TALK = "thank Thanks brought Brought sponsored thank's thank’s to you acme \x00 İ . x"
_SPONSOR_TEXTS = st.lists(
    st.one_of(
        st.lists(st.sampled_from(_SPONSOR_TALK.split(" ")), max_size=8).map(" ".join),
        st.text(max_size=10),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_SPONSOR_TEXTS, st.sampled_from([("thank",), ("brought", "sponsored", "thank"), ("x",)]))
def test_texts_holding_a_needle_found_in_the_texts_joined_are_those_that_hold_one(
    texts, needles
) -> None:
    each = {i for i, text in enumerate(texts) if any(n in lower_plain(text) for n in needles)}
    assert _holding(texts, needles) == each


#: Stutters, quantities, restarts and feelings (:func:`tidied` takes them out).
_PHRASE_TALK = "life Life number of GPUs harder and the idea Node exciting lightning round a couple"
_PHRASE_WORDS = st.sampled_from(_PHRASE_TALK.split(" "))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PHRASE_WORDS, max_size=7), max_size=6))
def test_phrases_tidied_once_are_tidied_as_each_time(phrases: list[list[str]]) -> None:
    for words in [*phrases, *phrases]:  # (the second time from the memo)
        assert tidy(words) == tidied.__wrapped__(tuple(words))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=30), _SPONSOR_TEXTS.map(" ".join)))
def test_lower_case_without_apostrophes_by_replacing_is_by_translating(text: str) -> None:
    """The ad-read check once took apostrophes out with a translation table."""
    assert lower_plain(text) == text.lower().translate(str.maketrans("", "", "'’‘`´"))
