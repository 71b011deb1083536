"""Detection's passes done with string and sequence builtins against the patterns and loops
they replace: the same result, bit for bit, on any input (the plain versions live here as
the definitions)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.chapters import normalize as normalize_module
from shownotes.chapters.normalize import FILLERS, normalize, normalize_each

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
