"""Text normalization for cue matching: the form every cue rule's pattern is written against.

ASR text is messy: random capitals, stray punctuation, fillers, "one" where a human would write
"1". :func:`normalize` folds all of that away so that one pattern matches every spelling:

- lower case, apostrophes dropped (``that's`` → ``thats``), any other punctuation a space;
- number words and ordinals as digits (``twenty one`` → ``21``, ``third`` → ``3rd``,
  ``#3`` → ``3``);
- fillers removed (``okay``, ``so``, ``right``, ``um``, ``all right``, ``you know``, ...).

:class:`TextStream` joins the normalized text of all segments into one string and remembers
where each segment starts, so a pattern can match across a segment break and still report the
segment the cue starts in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import filterfalse

from shownotes.models import Segment

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
    "eleventh": "11th",
    "twelfth": "12th",
}
#: Words and phrases that carry no meaning for a cue ("Okay, so, um, story one").
FILLERS = frozenset(
    [
        "okay",
        "ok",
        "so",
        "right",
        "um",
        "umm",
        "uh",
        "uhh",
        "uhm",
        "er",
        "erm",
        "ah",
        "oh",
        "hmm",
        "mm",
        "mmm",
        "mhm",
        "well",
        "yeah",
        "yep",
        "alright",
        "anyway",
        "anyways",
    ]
)
#: ``\b(?:all right|you know|i mean)\b``, each phrase opening on its first letter and then
#: looking back for the word boundary before it: the same matches, but a pattern that opens on
#: a letter lets ``re`` skip the places no phrase can start.
_FILLER_PHRASES = re.compile(r"(?:a(?<!\wa)ll right|y(?<!\wy)ou know|i(?<!\wi) mean)\b")

_APOSTROPHES = re.compile(r"['’‘`´]")
_HASH_NUMBER = re.compile(r"#\s*(\d)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
#: The words left between :data:`_NON_WORD` runs: joining them by spaces is that
#: substitution (up to spaces at the ends), in fewer steps.
_WORD_RUN = re.compile(r"[a-z0-9]+")
#: Joins texts normalized together (:func:`normalize_each`): no pattern above matches it or
#: matches across it, and it stays a word boundary, as the ends of a text are.
_SEPARATOR = "\x00"
_WORD_RUN_OR_SEPARATOR = re.compile(r"[a-z0-9]+|\x00")
_NUMBER_WORD = re.compile(
    r"\b(?:(?P<tens>" + "|".join(TENS) + r")(?:[\s-]+(?P<unit>" + "|".join(UNITS) + r"))?"
    r"|(?P<single>" + "|".join([*TEENS, *UNITS]) + r")"
    r"|(?P<ordinal>" + "|".join(ORDINALS) + r"))\b"
)


_NUMBER_WORDS = (*TENS, *TEENS, *UNITS, *ORDINALS)
#: The number words no other number word starts with: every number match opens with one (and
#: no two open at one place).
_NUMBER_HEADS = tuple(
    sorted(
        word
        for word in _NUMBER_WORDS
        if not any(other != word and word.startswith(other) for other in _NUMBER_WORDS)
    )
)
#: Texts at least this long look for number words with ``str.find`` first.
_FIND_FROM = 256


def _number(match: re.Match[str]) -> str:
    if match["ordinal"]:
        return ORDINALS[match["ordinal"]]
    if match["single"]:
        return str(TEENS.get(match["single"], UNITS.get(match["single"], 0)))
    return str(TENS[match["tens"]] + (UNITS[match["unit"]] if match["unit"] else 0))


def numbers_to_digits(text: str) -> str:
    """Number words and ordinals (lower case) as digits.

    >>> numbers_to_digits("story twenty-one and the third one")
    'story 21 and the 3rd 1'
    """
    if len(text) < _FIND_FROM:
        return _NUMBER_WORD.sub(_number, text)
    pieces: list[str] = []
    done = 0
    for place in _number_places(text):
        if place < done:
            continue
        match = _NUMBER_WORD.match(text, place)
        if match is not None:
            pieces += (text[done:place], _number(match))
            done = match.end()
    pieces.append(text[done:])
    return "".join(pieces)


def _number_places(text: str) -> list[int]:
    """Every place in ``text`` where a number word's first letters (:data:`_NUMBER_HEADS`)
    occur, in order: the only places a number match can start. ``str.find`` gets there much
    faster than the pattern tried at every character."""
    places: list[int] = []
    for head in _NUMBER_HEADS:
        i = text.find(head)
        while i >= 0:
            places.append(i)
            i = text.find(head, i + 1)
    places.sort()
    return places


def normalize(text: str) -> str:
    """The form cue patterns match: lower case, no punctuation, digits, no fillers.

    >>> normalize("Okay... So STORY One: the #3 thing, um, you know?")
    'story 1 the 3 thing'
    >>> normalize("Next one's different. All right, what's your first item?")
    'next 1s different whats your 1st item'
    """
    text = _APOSTROPHES.sub("", numbers_to_digits(text.lower()))
    text = _HASH_NUMBER.sub(r" \1", text)
    text = _FILLER_PHRASES.sub(" ", " ".join(_WORD_RUN.findall(text)))
    return " ".join([word for word in text.split() if word not in FILLERS])


def normalize_each(texts: Sequence[str]) -> list[str]:
    """``[normalize(t) for t in texts]``, each step a single pass over the texts joined by a
    separator that none of the patterns can match across.

    The steps after the number words are done with string builtins, not patterns (the same
    words; see :func:`_word_runs` and :func:`_without_fillers`): a transcript has tens of
    thousands of words, and a pattern pays for each match it makes.

    >>> normalize_each(["So twenty", "one all", "right, story #", "3"])
    ['20', '1 all', 'story', '3']
    """
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):
        return [normalize(text) for text in texts]  # a text holds the separator itself
    if not texts:
        return []
    text = numbers_to_digits(joined.lower())
    for apostrophe in _APOSTROPHE_CHARACTERS:  # (_APOSTROPHES.sub("", text))
        text = text.replace(apostrophe, "")
    text = _HASH_NUMBER.sub(r" \1", text)
    kept = " ".join(_without_fillers(_word_runs(text)))
    return [part.strip(" ") for part in kept.split(_SEPARATOR)]


_APOSTROPHE_CHARACTERS = "'’‘`´"
#: ASCII bytes as :func:`_word_runs` reads them: lower-case letters, digits and the separator
#: kept, every other byte a space.
_RUN_BYTES = bytes(
    c if c in b"abcdefghijklmnopqrstuvwxyz0123456789" + _SEPARATOR.encode() else 32
    for c in range(256)
)


def _word_runs(text: str) -> str:
    """``" ".join(_WORD_RUN_OR_SEPARATOR.findall(text))``: the runs of lower-case ASCII
    letters and digits, and each separator on its own, between single spaces.

    Every character that is not ASCII becomes "?" on encoding, a byte that is neither a
    letter nor a digit, as the character is not one of ``[a-z0-9]``; every byte that is
    neither then becomes a space and ``bytes.split`` takes the runs between spaces (a
    separator gets spaces of its own first, so each one is a run).

    >>> _word_runs("It's 3 o'clock, é-go!")
    't s 3 o clock go'
    """
    data = text.encode("ascii", "replace").translate(_RUN_BYTES)
    data = data.replace(b"\x00", b" \x00 ")
    return b" ".join(data.split()).decode("ascii")


#: :data:`_FILLER_PHRASES` in :func:`_without_fillers`'s form: each word between a space
#: before and one after.
_SPACED_FILLER_PHRASES = (" all  right ", " you  know ", " i  mean ")


def _without_fillers(words: str) -> list[str]:
    """The words of ``_FILLER_PHRASES.sub(" ", words).split()`` that are not in
    :data:`FILLERS`, for ``words`` of letters and digits (and separators) between single
    spaces, as :func:`_word_runs` gives them.

    A phrase matches there exactly where its words follow each other (it opens on a word's
    start and ends at a word's end). With every word between spaces of its own (two spaces
    between words, one at either end), those are the places its words occur with their
    spaces, one after another and never overlapping, so ``str.replace`` takes each out;
    no phrase's last word starts one, so taking one out makes none that a pattern would not
    see (a pattern scans on from where its match ends).

    >>> _without_fillers("so all right all right you know the i meant okay")
    ['the', 'i', 'meant']
    """
    spaced = " " + words.replace(" ", "  ") + " "
    for phrase in _SPACED_FILLER_PHRASES:
        spaced = spaced.replace(phrase, "  ")
    return list(filterfalse(FILLERS.__contains__, spaced.split()))


#: The words a pattern of :func:`normalize` goes on with across a space: a number's unit
#: ("twenty | one") and a filler phrase's last word ("you | know", "all | right", "i | mean").
_GOES_ON = frozenset({*UNITS, "right", "know", "mean"})
#: The first word of a text as number words are found (apostrophes still in) and as filler
#: phrases are (apostrophes dropped: its letters with the apostrophes among them).
_FIRST_WORD = re.compile(r"[a-z0-9]+")
_FIRST_WORD_APOSTROPHES = re.compile(r"[a-z0-9'’‘`´]*[a-z0-9][a-z0-9'’‘`´]*")


def _starts_apart(lowered: str) -> bool:
    """Whether normalizing a text (lower case) after a space gives the same words as on its
    own, whatever comes before: no pattern of :func:`normalize` that spans a space can
    start before it, since its first word is no word such a pattern ends in."""
    spoken = _FIRST_WORD_APOSTROPHES.search(lowered)
    if spoken is None:
        return False
    first = spoken.group()
    if first.isalnum():  # (then also the first word with apostrophes in)
        return first not in _GOES_ON
    plain = _FIRST_WORD.search(lowered)
    return (
        plain is not None
        and plain.group() not in _GOES_ON
        and _APOSTROPHES.sub("", first) not in _GOES_ON
    )


def lower_plain(text: str) -> str:
    """The text in lower case without apostrophes, as :func:`normalize` reads its words.

    >>> lower_plain("Don’t STOP")
    'dont stop'
    """
    text = text.lower()
    for apostrophe in "'’‘`´":
        text = text.replace(apostrophe, "")
    return text


def _holding(texts: Sequence[str], needles: Sequence[str]) -> set[int]:
    """The indices of the texts that hold a needle in lower case without apostrophes, found
    in the texts joined (a text's index is the number of separators before it), unless a text
    holds the separator itself."""
    joined = lower_plain(_SEPARATOR.join(texts))
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):
        return {i for i, text in enumerate(texts) if any(n in lower_plain(text) for n in needles)}
    found: set[int] = set()
    for needle in needles:
        # a needle's places come in order: the separators before each are those before the
        # last place and those since (not counted from the start again, which took time
        # growing with the square of the text's length)
        at = joined.find(needle)
        index = done = 0
        while at >= 0:
            index += joined.count(_SEPARATOR, done, at)
            found.add(index)
            done = at
            at = joined.find(needle, at + 1)
    return found


def normalized_near(
    texts: Sequence[str], needles: Sequence[str], words: int, chars: int
) -> list[str]:
    """The stretches of ``normalize(" ".join(texts))`` that a pattern opening on one of
    ``needles`` (lower case, apostrophes dropped) and reading at most ``words`` words and
    ``chars`` characters on can match, normalizing only those: from every text that holds a
    needle on to ``words`` words and ``chars`` characters past it (or the end), with the texts
    that patterns of :func:`normalize` join across a space. Each stretch is a piece of the
    whole normalized text, whole words; nothing between two stretches holds a needle.

    >>> normalized_near(["Okay. Twenty", "one, thanks", "to Acme", "for", "sponsoring", "Bye"],
    ...     ["thank"], 2, 10)
    ['21 thanks to acme for sponsoring']
    >>> normalized_near(["Thanks to", "Acme", "for sponsoring", "Bye"], ["thank"], 1, 3)
    ['thanks to acme for sponsoring']
    """
    hits = _holding(texts, needles)
    stretches: list[list[str]] = []
    done = 0  # the texts before this one are normalized or hold no needle
    for hit in sorted(hits):
        if hit < done:
            continue
        start = hit  # the first text of the hit's group (texts normalize joins)
        while start > done and not _starts_apart(texts[start].lower()):
            start -= 1
        if start > done or not stretches:
            stretches.append([])
        after: str | None = ""  # the normalized text after the last needle, while too short
        done = start
        while done < len(texts) and after is not None:
            start, done = done, done + 1
            while done < len(texts) and not _starts_apart(texts[done].lower()):
                done += 1
            normalized = normalize(" ".join(texts[start:done]))
            if normalized:
                stretches[-1].append(normalized)
            if not hits.isdisjoint(range(start, done)):
                after = ""
            elif normalized:
                after += " " + normalized
            ahead = after.split()
            if len(ahead) >= words and len(after) - words - sum(map(len, ahead[:words])) >= chars:
                after = None
    return [" ".join(stretch) for stretch in stretches if stretch]


@dataclass(frozen=True, slots=True)
class TextStream:
    """The normalized text of all segments, joined by single spaces.

    ``offsets[i]`` is where segment ``i``'s text starts in ``text``; an empty segment
    (only fillers) takes up no characters and shares its offset with the next one.
    """

    text: str
    offsets: tuple[int, ...]

    def segment_at(self, offset: int) -> int:
        """Index of the segment the character at ``offset`` belongs to.

        >>> stream = TextStream.build([Segment(0, 1, "So story"), Segment(1, 2, "one")])
        >>> stream.text, stream.segment_at(0), stream.segment_at(6)
        ('story 1', 0, 1)
        """
        return max(0, bisect_right(self.offsets, offset) - 1)

    @classmethod
    def build(cls, segments: Sequence[Segment]) -> TextStream:
        """Normalize every segment and join them."""
        parts: list[str] = []
        offsets: list[int] = []
        position = 0
        for words in normalize_each([segment.text for segment in segments]):
            offsets.append(position)
            if words:
                parts.append(words)
                position += len(words) + 1
        return cls(" ".join(parts), tuple(offsets))
