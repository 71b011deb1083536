"""Detection's fast paths against the plain code they replace: each must give the same
result, bit for bit, on any input (the plain versions live here as the definitions)."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shownotes.chapters import normalize as normalize_module
from shownotes.chapters import turns
from shownotes.chapters.normalize import normalize, normalize_each
from shownotes.chapters.phrases import VerbGuess
from shownotes.chapters.topics import cohesion_curve, cohesion_curves, idf_weights, novelty_curve
from shownotes.chapters.turns import Turn
from shownotes.chapters.words import bag, content_stems
from shownotes.models import Segment

_VOCABULARY = "cargo crane harbor tent data center jet engine meta grok"
_WORD = st.sampled_from(_VOCABULARY.split(" "))
_BAGS = st.lists(st.lists(_WORD, max_size=12).map(Counter), min_size=1, max_size=40)
_STEPS = st.lists(st.sampled_from([0.0, 0.5, 3.0, 20.0, 61.0, 200.0]), min_size=40, max_size=40)


def _curve_by_counters(
    times: list[float], bags: list[Counter[str]], window: float
) -> tuple[float, ...]:
    """The cohesion curve as first written: two Counter windows updated word by word."""
    weights = idf_weights(bags, times)
    counts: list[Counter[str]] = [Counter(), Counter()]
    norms = [0.0, 0.0]
    dot = 0.0

    def add(target: int, words: Counter[str], sign: int) -> None:
        nonlocal dot
        for word, n in words.items():
            w = weights[word]
            c = counts[target][word]
            dot += sign * w * n * counts[1 - target][word]
            norms[target] += w * ((c + sign * n) ** 2 - c * c)
            counts[target][word] = c + sign * n

    values = []
    lo = hi = 0
    for i, t in enumerate(times):
        if i > 0:
            add(1, bags[i - 1], -1)
            add(0, bags[i - 1], +1)
        hi = max(hi, i)
        while hi < len(times) and times[hi] < t + window:
            add(1, bags[hi], +1)
            hi += 1
        while lo < i and times[lo] < t - window:
            add(0, bags[lo], -1)
            lo += 1
        norm = math.sqrt(max(norms[0], 0.0) * max(norms[1], 0.0))
        values.append(dot / norm if norm > 1e-12 else 0.0)
    return tuple(values)


@settings(max_examples=200, deadline=None)
@given(_BAGS, _STEPS)
def test_cohesion_curves_match_the_counter_version(bags: list[Counter[str]], steps) -> None:
    times = [sum(steps[: i + 1]) for i in range(len(bags))]
    segments = [Segment(t, t + 1.0, "") for t in times]
    curves = cohesion_curves(segments, bags, (90.0, 180.0))
    for window, curve in zip((90.0, 180.0), curves, strict=True):
        assert curve.values == _curve_by_counters(times, bags, window)
        assert curve == cohesion_curve(segments, bags, window)


def _novelty_over_every_word(
    times: list[float],
    bags: list[Counter[str]],
    ahead: float,
    back: float,
    squared: dict[str, float] | None = None,
) -> list[float]:
    """The novelty curve as first written: the window a Counter, every word said so far
    visited at every segment (those whose count fell to 0 skipped)."""
    from bisect import bisect_left

    squared = idf_weights(bags, times) if squared is None else squared
    weights = {w: math.sqrt(x) for w, x in squared.items()}
    said: dict[str, list[float]] = {}
    for t, words in zip(times, bags, strict=True):
        for word in words:
            said.setdefault(word, []).append(t)
    values = []
    window: Counter[str] = Counter()
    hi = 0
    for i, t in enumerate(times):
        if i > 0:
            window.subtract(bags[i - 1])
        hi = max(hi, i)
        while hi < len(times) and times[hi] < t + ahead:
            window.update(bags[hi])
            hi += 1
        total = new = 0.0
        for word, count in window.items():
            if count <= 0:
                continue
            weight = weights[word] * count
            total += weight
            heard = said[word]
            k = bisect_left(heard, t)
            if k == 0 or heard[k - 1] < t - back:
                new += weight
        values.append(new / total if total > 0 else 0.0)
    return values


@settings(max_examples=300, deadline=None)
@given(
    _BAGS,
    _STEPS,
    st.sampled_from([0.0, 1.0, 30.0, 60.0]),
    st.sampled_from([0.0, 50.0, 180.0, math.inf]),
)
def test_novelty_over_the_words_inside_matches_every_word(
    bags: list[Counter[str]], steps, ahead: float, back: float
) -> None:
    times = [sum(steps[: i + 1]) for i in range(len(bags))]
    assert novelty_curve(times, bags, ahead, back) == _novelty_over_every_word(
        times, bags, ahead, back
    )


_TRICKY = "twenty one all right you know i mean so okay story # 3 ' ’ - . , Σ ΑΣ İ Third fifty-five"
_PIECES = st.sampled_from([*_TRICKY.split(" "), " ", "\n", "\t", "\x1c", "\x00", "TWENTY"])
_TEXTS = st.lists(st.one_of(st.lists(_PIECES, max_size=8).map("".join), st.text(max_size=12)))


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_normalizing_texts_together_is_normalizing_each(texts: list[str]) -> None:
    assert normalize_each(texts) == [normalize(text) for text in texts]


#: The question and hand-off patterns as first written: tried at every word boundary.
_QUESTION_OPENER = re.compile(
    r"\b(?:what|whats|how|why|where|which|who|"
    r"(?:do|did|does|can|could|would|will|are|is|have|has|should) (?:you|we|they|it|there)|"
    r"tell (?:me|us)|walk (?:me|us)|(?:i am|im|i was|i'm) (?:curious|wondering)|"
    r"i (?:wonder|would love to know|d love to (?:hear|know|reconcile)))\b"
)
_HANDOFF = re.compile(
    rf"\b(?:lets|let us|(?:i|we) (?:want(?:ed)?|would like|d like|(?:am|are|re|m) going|"
    rf"(?:am|are|re|m) gonna|gonna|should|could|can|have to) (?:to )?(?:also )?|"
    rf"(?:i|we) (?:also )?(?:wanted|want) to)\s?(?:just |quickly |briefly |now |also )?"
    rf"{turns._MOVE}\b"
    r"|\b(?:next|another|one (?:more|other|last)|(?:my|the|our) (?:next|last|final)) "
    r"(?:thing|question|topic|item|story|one|subject|area)s?\b"
    r"|\b(?:switching gears|shifting gears|changing gears|on that note|along those lines)\b"
)


def _turn_reading_every_word(text: str, previous: Segment | None) -> Turn:
    """:func:`turn_of` as first written: every word of the segment found and counted."""
    plain = re.sub(r"['’‘`]", "", text.lower())
    words = re.findall(r"[a-z0-9]+(?:[.,!?;:]+)?", plain)
    opening = " ".join(words[: turns.OPENING_WORDS])
    bare = re.sub(r"[.,!?;:]", "", opening)
    ack_match = turns._ACK_OPENING.match(bare)
    ack = bool(
        ack_match
        and turns._ACK_WORDS.search(ack_match.group(0))
        and len(words) > len(ack_match.group(0).split()) + 3
    )
    first_sentence = re.split(r"(?<=[.!])\s", opening)
    question = "?" in opening or bool(_QUESTION_OPENER.search(bare))
    if not question and len(first_sentence) > 1:
        question = "?" in " ".join(first_sentence[:2])
    stretch = " ".join(words[: 2 * turns.OPENING_WORDS])
    handoff = bool(_HANDOFF.search(re.sub(r"[.,!?;:]", "", stretch)))
    backchannel = previous is not None and len(previous.text.split()) <= turns.BACKCHANNEL_WORDS
    return Turn(ack, question, handoff, backchannel, False)


_SPOKEN = (
    "okay great so thanks, yes. what do you think? let's talk about moving on next topic "
    "the data center is big and cool i see love it um right exactly. well"
)
_TALK = st.sampled_from(_SPOKEN.split(" "))
_SAID = st.lists(_TALK, max_size=40).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_SAID, st.one_of(st.none(), _SAID.map(lambda text: Segment(0.0, 1.0, text))))
def test_turns_from_the_opening_words_match_reading_every_word(
    text: str, previous: Segment | None
) -> None:
    assert turns.turn_of(text, previous, None) == _turn_reading_every_word(text, previous)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 34),
    st.sampled_from(["okay", "great", "thanks,", "the data", "so um"]),
    st.sampled_from(["let's talk about jets", "next question", "what do you think?", ""]),
    st.integers(0, 20),
)
def test_turns_near_the_edge_of_the_opening(n: int, word: str, said: str, more: int) -> None:
    text = " ".join([word] * n + [said] + ["cargo"] * more)
    assert turns.turn_of(text, None, None) == _turn_reading_every_word(text, None)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=60), _TEXTS.map(" ".join), _SAID))
def test_a_bag_of_words_a_word_at_a_time_is_the_bag_of_the_text(text: str) -> None:
    assert bag(text) == Counter(content_stems(text))
    assert list(bag(text)) == list(dict.fromkeys(content_stems(text)))


def _verbs_word_by_word(sentences: list[list[str]]) -> VerbGuess:
    """:meth:`VerbGuess.add` as first written: a loop over the words of each sentence."""
    from shownotes.chapters.phrases import AUXILIARIES, DETERMINERS, PREPOSITIONS, SUBJECTS, key

    guess = VerbGuess()
    for words in sentences:
        keys = [key(w) for w in words]
        for i, k in enumerate(keys):
            guess.seen[k] += 1
            if i and (keys[i - 1] in SUBJECTS or keys[i - 1] in AUXILIARIES or keys[i - 1] == "to"):
                before = keys[i - 2] if i > 1 else ""
                if keys[i - 1] != "to" or before not in PREPOSITIONS:
                    guess.as_verb[k] += 1
                    continue
            after = keys[i + 1] if i + 1 < len(keys) else ""
            if after in ("the", "a", "an") and i and keys[i - 1] not in DETERMINERS:
                guess.as_verb[k] += 1
    return guess


_SPEECH = [
    "I",
    "we",
    "to",
    "To",
    "the",
    "a",
    "An",
    "this",
    "in",
    "of",
    "by",
    "for",
    "ship",
    "crowd",
    "harbor",
    "workers",
    "''",
    "'",
    "Don't",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(_SPEECH), st.text(max_size=3)), max_size=9)))
@example([["\x00"], ["'", "we", "ship"]])  # a word that is any character, as raw words may be
def test_verb_counts_a_sentence_at_a_time_and_all_at_once_match_the_word_loop(
    sentences: list[list[str]],
) -> None:
    from shownotes.chapters.phrases import words_of

    guess = VerbGuess()
    for words in sentences:
        guess.add(words)
    plain = _verbs_word_by_word(sentences)
    assert (guess.seen, guess.as_verb) == (plain.seen, plain.as_verb)
    said = [[w for word in words for w in words_of(word)] for words in sentences]
    together = VerbGuess()
    together.add_all(said)
    plain = _verbs_word_by_word(said)
    assert (together.seen, together.as_verb) == (plain.seen, plain.as_verb)


_WRITTEN = st.text(alphabet="aZ9.'’+#&@/- \n,", max_size=40)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_WRITTEN, st.text(max_size=20)))
def test_words_need_no_trailing_dots_stripped(text: str) -> None:
    from shownotes.chapters.phrases import _WORD, words_of

    assert words_of(text) == [w.rstrip(".") for w in _WORD.findall(text)]


def _noun_phrases_closing_at_every_word(words, verbs, names):
    """:func:`noun_phrases` as first written: every word that is no part of a phrase closes
    the run, empty or not."""
    from shownotes.chapters.phrases import _classify, _participle, _trim, is_function

    found: list[tuple[int, list[str]]] = []
    run: list[str] = []
    start = 0

    def close() -> None:
        phrase = _trim(run)
        if len(phrase) > 1 and _participle(phrase[-1]):
            phrase = _trim(phrase[:-1])
        if phrase:
            found.append((start + run.index(phrase[0]), phrase))

    connectors = 0
    for i, word in enumerate(words):
        content, numeric, possessive, connector = _classify(word, verbs)
        if content or (numeric and bool(run)) or possessive:
            if len(run) >= 2 and names is not None and names(word) and not names(run[-1]):
                close()
                run, connectors = [], 0
            if not run:
                start = i
            run.append(word)
            continue
        if connector and run and connectors == 0 and not is_function(run[-1]):
            run.append(word)
            connectors += 1
            continue
        close()
        run, connectors = [], 0
    close()
    return found


_CLAUSE_WORDS = st.sampled_from(
    [
        "the",
        "a",
        "of",
        "for",
        "and",
        "&",
        "vs",
        "Meta",
        "Anthropic's",
        "NSA",
        "tent",
        "data",
        "centers",
        "placed",
        "is",
        "putting",
        "up",
        "we",
        "talked",
        "about",
        "type",
        "hints",
        "busy",
        "programmers",
        "3",
        "22.7",
        "cool",
        "stuff",
        "quickly",
        "to",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CLAUSE_WORDS, max_size=14), st.booleans())
def test_noun_phrases_skipping_empty_runs_match_closing_every_word(
    words: list[str], with_names: bool
) -> None:
    from shownotes.chapters.phrases import noun_phrases

    verbs = VerbGuess()
    verbs.add(words)
    names = (lambda w: w[:1].isupper()) if with_names else None
    expected = _noun_phrases_closing_at_every_word(words, verbs, names)
    assert noun_phrases(words, verbs, names) == expected


def _normalize_as_first_written(text: str) -> str:
    """:func:`normalize` as first written: every step a pattern tried at every character."""
    n = normalize_module
    number = re.compile(n._NUMBER_WORD.pattern)
    text = n._APOSTROPHES.sub("", number.sub(n._number, text.lower()))
    text = n._HASH_NUMBER.sub(r" \1", text)
    text = re.sub(r"\b(?:all right|you know|i mean)\b", " ", re.sub(r"[^a-z0-9]+", " ", text))
    return " ".join(word for word in text.split() if word not in n.FILLERS)


_NUMBERS_AND_FILLERS = (
    "one two ten often twenty-one twenty one fifty nine ninth first second seconds sixteen "
    "six4 seven_ zero eleventh twelfth all right alright you know i mean imean ball righteous "
    "youknow okay so um"
)
_NUMBER_PIECES = st.sampled_from(
    [*_NUMBERS_AND_FILLERS.split(" "), *_TRICKY.split(" "), *normalize_module._NUMBER_WORDS]
)
_NUMBER_TEXT = st.lists(
    st.one_of(
        _NUMBER_PIECES, st.sampled_from([" ", "  ", "-", "\n", "é", "_"]), st.text(max_size=3)
    )
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_NUMBER_TEXT, st.text(max_size=40)), st.integers(0, 30))
def test_normalize_finding_number_words_first_matches_the_plain_patterns(
    text: str, repeat: int
) -> None:
    # repeated, a text is long enough for the find-first path (and short for the plain one)
    long = text * repeat
    assert normalize(long) == _normalize_as_first_written(long)
    assert normalize(text) == _normalize_as_first_written(text)


_PUNCTUATED = st.text(alphabet=".!?…;:,()[]\"“”—–- \n\taZ9'’", max_size=40)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_PUNCTUATED, st.text(max_size=20)))
def test_clause_breaks_opening_on_a_class_match_the_plain_pattern(text: str) -> None:
    """Punctuation opening on a class, then dashes between spaces: the plain pattern's split."""
    from shownotes.chapters.phrases import clause_parts

    plain = re.compile(r"(?<=[^\s])[.!?…;:,]+(?=\s|$)|[()\[\]\"“”—–]|\s-\s|\.\.\.")
    assert clause_parts(text) == plain.split(text)


_AD_WORDS = st.sampled_from(
    [
        "brought",
        "Brou'ght",
        "BROUGHT",
        "to you by Acme.",
        "sponsor",
        "Spon’sored",
        "sponsors",
        "check them out",
        "İ",
        "Σ",
        "-",
        " ",
        "...",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.one_of(_AD_WORDS, st.text(max_size=4)), max_size=12).map(" ".join)))
def test_texts_without_ad_words_have_no_ad_sentences(texts: list[str]) -> None:
    from shownotes.chapters.phrases import sentences
    from shownotes.chapters.titles import _ad_sentences, _may_have_ads

    assert _may_have_ads(texts) or not _ad_sentences(sentences(texts))


@settings(max_examples=200, deadline=None)
@given(_BAGS, st.lists(st.sampled_from([0.0, 5.0, 20.0, 61.0, 200.0]), min_size=40, max_size=40))
def test_novelty_at_times_out_of_order_matches_every_word(
    bags: list[Counter[str]], times: list[float]
) -> None:
    """Times out of order (no transcript has them) take the bisection path: still the same."""
    times = times[: len(bags)]
    assert novelty_curve(times, bags, 30.0, 50.0) == _novelty_over_every_word(
        times, bags, 30.0, 50.0
    )


@settings(max_examples=200, deadline=None)
@given(_BAGS, _STEPS)
def test_idf_weights_a_logarithm_per_frequency_match_one_per_word(
    bags: list[Counter[str]], steps
) -> None:
    times = [sum(steps[: i + 1]) for i in range(len(bags))]
    blocks: dict[int, set[str]] = {}
    for words, start in zip(bags, times, strict=True):
        blocks.setdefault(int(start // 60.0), set()).update(words)
    frequency = Counter(word for words in blocks.values() for word in words)
    total = max(1, len(blocks))
    plain = {w: math.log((1 + total) / (0.5 + n)) ** 2 for w, n in frequency.items()}
    assert idf_weights(bags, times) == plain


_LONG_PIECES = st.one_of(
    _TALK,
    st.sampled_from(
        [
            "İ",
            "Σ",
            "ΑΣ",
            "'",
            "’",
            "‘",
            "`",
            "don’t",
            "?",
            ".",
            "...",
            "-",
            "  ",
            "supercalifragilistic",
        ]
    ),
    st.text(alphabet="aZ9.?!,' -İΣ", max_size=12),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_LONG_PIECES, max_size=120).map(" ".join), st.integers(0, 340))
def test_turns_from_the_opening_characters_match_reading_every_word(text: str, shift: int) -> None:
    # padded at the front so that any piece may straddle the cut of the opening characters
    for said in (text, "x" * shift + " " + text, "a " * (shift // 2) + text):
        assert turns.turn_of(said, None, None) == _turn_reading_every_word(said, None)


def test_a_word_cut_by_the_opening_characters_is_read_whole() -> None:
    # the 28th word, "talkative", crosses the cut for some lengths of the first: cut, it
    # would read as a hand-off ("lets talk")
    for first in range(200, 330):
        text = "x" * first + " " + "a " * 25 + "lets talkative more words"
        assert turns.turn_of(text, None, None) == _turn_reading_every_word(text, None)


_OPENER_TEXT = (
    "what whats how why where which who do did does can could would will are is have has "
    "should you we they it there tell me us walk i am im was curious wondering wonder love to "
    "know d hear lets let want wanted like re m going gonna also just now talk asking bring up "
    "mov move moving on switch turn back get come pivot dive kick off cover next another one "
    "more other last my the our final thing question topics item story subject area switching "
    "gears shifting changing that note along those lines x a 1 whatever somehow ilets"
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_OPENER_TEXT.split()), max_size=30).map(" ".join))
def test_question_and_handoff_after_a_space_match_at_every_boundary(words: str) -> None:
    # (the texts they are searched in: words of letters and digits between single spaces)
    assert bool(turns._QUESTION_OPENER.search(" " + words)) == bool(_QUESTION_OPENER.search(words))
    assert bool(turns._HANDOFF.search(" " + words)) == bool(_HANDOFF.search(words))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=".?!\"')]’”“ \n\taZ9,", max_size=40))
def test_sentence_ends_opening_on_the_mark_match_the_look_back(text: str) -> None:
    from shownotes.chapters.split import _SENTENCE_END

    plain = re.compile(r"(?<=[.?!])[\"')\]’”]*\s+(?=\S)")
    assert [m.end() for m in _SENTENCE_END.finditer(text)] == [
        m.end() for m in plain.finditer(text)
    ]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab \n\t\x1c", max_size=30), st.integers(0, 6))
def test_counting_words_up_to_a_bound_is_counting_them_all(text: str, bound: int) -> None:
    assert (len(text.split(None, bound)) < bound) == (len(text.split()) < bound)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.one_of(st.floats(-5.0, 10.0), st.sampled_from([0.0, 3.0, 0.25, 0.05])), max_size=40)
)
def test_standardized_values_match_the_clipped_rounding(values: list[float]) -> None:
    from statistics import fmean, pstdev

    from shownotes.chapters.detector import DROP_CAP, _standardized

    mean = fmean(values) if values else 0.0
    spread = (pstdev(values) if len(values) > 1 else 0.0) or 1.0
    plain = [round(min(DROP_CAP, max(0.0, (v - mean) / spread)), 1) for v in values]
    assert [repr(x) for x in _standardized(values)] == [repr(x) for x in plain]  # (-0.0 too)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.floats(-10, 10), st.floats(0, 3) | st.integers(0, 1)), max_size=16))
def test_a_score_mapping_the_products_is_the_zip_of_them(pairs: list[tuple[float, float]]) -> None:
    from shownotes.chapters.decoder import Model, score

    model = Model(weights=tuple(w for w, _ in pairs), length=100.0, sigma=1.0)
    row = tuple(x for _, x in pairs)
    plain = sum(w * x for w, x in zip(model.weights, row, strict=True))
    assert repr(score(row, model)) == repr(plain)
    with pytest.raises(ValueError):
        score((*row, 1), model)


@settings(max_examples=500, deadline=None)
@given(
    _BAGS,
    _STEPS,
    st.lists(st.tuples(st.integers(0, 39), st.sampled_from([-0.5, -30.0, -250.0, math.nan]))),
)
def test_novelty_stepping_back_in_time_now_and_then_matches_every_word(
    bags: list[Counter[str]], steps, back_steps: list[tuple[int, float]]
) -> None:
    """Times in order but for a few steps back (split pieces, shared stamps): the words
    passed again are taken back, and words whose own times go back are bisected."""
    times = [sum(steps[: i + 1]) for i in range(len(bags))]
    weights = idf_weights(bags, times)  # (before any time is NaN, which has no idf block)
    for i, shift in back_steps:
        if i < len(times):
            times[i] += shift
    expected = _novelty_over_every_word(times, bags, 30.0, 50.0, weights)
    got = novelty_curve(times, bags, 30.0, 50.0, weights)
    assert [repr(v) for v in got] == [repr(v) for v in expected]
