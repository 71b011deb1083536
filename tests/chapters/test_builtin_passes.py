"""Detection's passes done with string and sequence builtins against the patterns and loops
they replace: the same result, bit for bit, on any input (the plain versions live here as
the definitions)."""

from __future__ import annotations

import itertools
from statistics import pstdev

from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.chapters import normalize as normalize_module
from shownotes.chapters.normalize import FILLERS, normalize, normalize_each
from shownotes.chapters.topics import Cohesion, population_stdev

#: Words and characters the steps of normalizing treat apart: filler phrases and words, the
#: separator, apostrophes, characters whose lower case is ASCII ("İ", the Kelvin sign), ones
#: that are not ASCII at all, and whitespace that is not a space.
_TALK = (
    "all right you know i mean all right right so okay um I Mean You know alright mean know "
    "story one twenty # 3 ' ’ ´ - . , \x00 \x00\x00 İ \u212a Σ é 🎙 \ud800 \t \n \x1c"
)
_PIECES = st.sampled_from([*_TALK.split(" "), " ", "  "])
_TEXT = st.one_of(st.lists(_PIECES, max_size=16).map(" ".join), st.text(max_size=24))


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECES, max_size=16).map("".join) | _TEXT)
def test_word_runs_by_bytes_are_the_pattern_s_runs(text: str) -> None:
    plain = " ".join(normalize_module._WORD_RUN_OR_SEPARATOR.findall(text))
    assert normalize_module._word_runs(text) == plain


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECES, max_size=24).map(" ".join))
def test_fillers_taken_out_by_replacing_are_the_pattern_s(text: str) -> None:
    words = normalize_module._word_runs(text.lower())
    spoken = normalize_module._FILLER_PHRASES.sub(" ", words).split()
    plain = [word for word in spoken if word not in FILLERS]
    assert normalize_module._without_fillers(words) == plain


@settings(max_examples=500, deadline=None)
@given(st.lists(_TEXT, max_size=8))
def test_normalizing_texts_together_by_builtins_is_normalizing_each(texts: list[str]) -> None:
    assert normalize_each(texts) == [normalize(text) for text in texts]


_FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-5.0, 10.0),
    st.sampled_from([0.0, -0.0, 0.1, 0.3, 1e-300, 5e-324, 1e300, 2.0**-60]),
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_FLOATS | st.integers(-3, 3), min_size=1, max_size=30))
def test_population_stdev_in_integers_is_pstdev(values: list[float]) -> None:
    try:
        plain = repr(pstdev(values))
    except Exception as error:  # (pstdev of an infinity fails, one way or another)
        plain = type(error).__name__
    try:
        fast = repr(population_stdev(values))
    except Exception as error:  # (pstdev of an infinity fails, one way or another)
        fast = type(error).__name__
    assert fast == plain


_STEPS = st.sampled_from([0.0, 0.5, 3.0, 20.0, 61.0, 200.0, -4.0])


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.tuples(_STEPS, _FLOATS | st.sampled_from([0.0, 0.2, 0.5])), min_size=1),
    st.sampled_from([0.0, 20.0, 90.0, 180.0, -1.0]),
)
def test_depths_by_running_maxima_are_each_depth(steps: list[tuple[float, float]], window) -> None:
    times = tuple(itertools.accumulate(step for step, _ in steps))
    curve = Cohesion(times, tuple(value for _, value in steps), window)
    try:
        plain = [repr(curve.depth(i)) for i in range(len(times))]
    except ValueError:  # (a window below 0 holds no value)
        plain = None
    try:
        fast = [repr(depth) for depth in curve.depths()]
    except ValueError:
        fast = None
    assert fast == plain
