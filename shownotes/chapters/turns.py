"""Turn-taking signals: where a host takes the turn to move on.

Publishers start chapters where a host takes the turn to move the talk on: the interviewer's
next question, a co-host's hand-off, an acknowledgement ("great, so…") followed by a new
subject. None of that needs speaker labels or punctuation, which coarse transcripts (caption
paragraphs, Whisper lines) lack; where they exist they add evidence.

:func:`turn_signals` describes every segment by a few yes/no signals, each a structural habit
of spoken hand-overs rather than a phrase of one show:

``ack``
    the segment opens with an acknowledgement of what was just said ("okay", "great",
    "awesome", "fascinating", "thank you") and goes on talking;
``question``
    it asks: a question mark in its opening, or (no punctuation) a question opener ("what",
    "how", "do you", "can you", "i'm curious") early on;
``handoff``
    it says it moves on: a verb of moving ("talk about", "move on", "switch", "turn to",
    "go back to", "bring up", "ask you") after "let's", "I want to", "we're going to", or
    a "next"/"another"/"one more" item; any tense or person (the cue rules' phrases, such
    as "speaking of", are not counted again here);
``backchannel``
    the segment before it is a short reply ("Yes.", "Exactly.", "Right.") — the other
    speaker handing the turn back;
``new_speaker``
    (labelled transcripts) the speaker changed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from shownotes.models import Segment

#: How many words of a segment count as its opening.
OPENING_WORDS = 14
#: A segment of at most this many words is a back-channel reply.
BACKCHANNEL_WORDS = 3

#: Apostrophes, dropped from words ("that's" is "thats").
_APOSTROPHES = ("'", "’", "‘", "`")
_WORDS = re.compile(r"[a-z0-9]+[.,!?;:]*")
_PUNCTUATION = re.compile(r"[.,!?;:]")
#: Words of a segment looked at: those of its opening and of the stretch a hand-off may
#: take; more words only ever count as "more than an acknowledgement and three".
_WORDS_LOOKED_AT = 2 * OPENING_WORDS
_ACK = (
    r"(?:ok(?:ay)?|all right|alright|great|awesome|cool|perfect|amazing|excellent|fantastic|"
    r"wonderful|fascinating|interesting|brilliant|beautiful|nice|good|sure|right|wow|"
    r"got it|fair enough|makes sense|that makes sense|i see|(?:i )?love (?:it|that)|"
    r"thank you(?: so much)?|thanks|absolutely|exactly|totally|yes|yeah|yep|no|well|so|and|um|uh)"
)
#: An acknowledgement, then more acknowledgements, then the turn goes on.
_ACK_OPENING = re.compile(rf"^(?:{_ACK}\b[\s,.!;:-]*)+")
#: Acknowledgement words that are not just fillers: one of these must be in the opening.
_ACK_WORDS = re.compile(
    r"\b(?:ok(?:ay)?|all right|alright|great|awesome|cool|perfect|amazing|excellent|fantastic|"
    r"wonderful|fascinating|interesting|brilliant|beautiful|nice|got it|fair enough|"
    r"makes sense|love (?:it|that)|thank you|thanks)\b"
)
#: The two patterns below are searched in a segment's opening words, each after a space
#: (" " + words joined by spaces): a match starts at a word, so a space, where ``\b(?:...)``
#: would be tried at every character; the space is the literal ``re`` looks for first.
_QUESTION_OPENER = re.compile(
    r" (?:what|whats|how|why|where|which|who|"
    r"(?:do|did|does|can|could|would|will|are|is|have|has|should) (?:you|we|they|it|there)|"
    r"tell (?:me|us)|walk (?:me|us)|(?:i am|im|i was|i'm) (?:curious|wondering)|"
    r"i (?:wonder|would love to know|d love to (?:hear|know|reconcile)))\b"
)
_MOVE = (
    r"(?:talk|talking|talked|ask|asking|discuss|discussing|bring(?:ing)? up|brought up|"
    r"mov(?:e|ing) on|mov(?:e|ing) to|switch(?:ing)?|shift(?:ing)?|turn(?:ing)? to|"
    r"go(?:ing)? back|get(?:ting)? back|com(?:e|ing) back|pivot(?:ing)?|"
    r"dive|diving|jump|jumping|get into|getting into|start|starting|kick off|unpack|cover)"
)
_HANDOFF = re.compile(
    rf" (?:lets|let us|(?:i|we) (?:want(?:ed)?|would like|d like|(?:am|are|re|m) going|"
    rf"(?:am|are|re|m) gonna|gonna|should|could|can|have to) (?:to )?(?:also )?|"
    rf"(?:i|we) (?:also )?(?:wanted|want) to)\s?(?:just |quickly |briefly |now |also )?{_MOVE}\b"
    r"| (?:next|another|one (?:more|other|last)|(?:my|the|our) (?:next|last|final)) "
    r"(?:thing|question|topic|item|story|one|subject|area)s?\b"
    r"| (?:switching gears|shifting gears|changing gears|on that note|along those lines)\b"
)


@dataclass(frozen=True, slots=True)
class Turn:
    """The turn-taking signals of one segment (see the module docstring)."""

    ack: bool = False
    question: bool = False
    handoff: bool = False
    backchannel: bool = False
    new_speaker: bool = False


def _plain(text: str) -> str:
    text = text.lower()
    for apostrophe in _APOSTROPHES:  # (str.replace finds none faster than a pattern)
        text = text.replace(apostrophe, "")
    return text


#: Characters of a text read for its first words (more only where these hold too few).
_LOOK_CHARACTERS = 320
#: Every Turn there can be, made once: a frozen dataclass is slow to build.
_TURNS = {bits: Turn(*bits) for bits in itertools.product((False, True), repeat=5)}


def _first_words(text: str) -> list[str]:
    """The first :data:`_WORDS_LOOKED_AT` words of ``text`` (lower case, apostrophes out).

    Read from the opening characters when they hold more words than that: a word that
    starts before the cut ends before the next word does, so those before the last are
    whole (a cut through a multi-character lower case or a final sigma only touches
    characters no word has).
    """
    words = _WORDS.findall(_plain(text[:_LOOK_CHARACTERS]))
    if len(words) <= _WORDS_LOOKED_AT and len(text) > _LOOK_CHARACTERS:
        words = _WORDS.findall(_plain(text))
    return words[:_WORDS_LOOKED_AT]


def turn_of(text: str, previous: Segment | None, segment_speaker: str | None) -> Turn:
    """The signals of a segment with ``text``, after ``previous``.

    >>> turn_of("Okay, fascinating. So what was your journey to the lab?", None, None)
    Turn(ack=True, question=True, handoff=False, backchannel=False, new_speaker=False)
    >>> turn_of("i wanted to also ask you about the data", None, None).handoff
    True
    """
    # an acknowledgement spans at most the OPENING_WORDS words of the opening, so knowing
    # whether there are more than OPENING_WORDS + 3 words is enough for ``ack``
    words = _first_words(text)
    opening = " ".join(words[:OPENING_WORDS])
    bare = _PUNCTUATION.sub("", opening)  # (words of letters and digits between spaces)
    ack_match = _ACK_OPENING.match(bare)
    ack = bool(
        ack_match
        and _ACK_WORDS.search(ack_match.group(0))
        and len(words) > len(ack_match.group(0).split()) + 3
    )
    # (a question mark in the first two sentences of the opening is one in the opening)
    question = "?" in opening or bool(_QUESTION_OPENER.search(" " + bare))
    stretch = bare if len(words) <= OPENING_WORDS else _PUNCTUATION.sub("", " ".join(words))
    handoff = bool(_HANDOFF.search(" " + stretch))
    backchannel = previous is not None and _at_most_words(previous.text, BACKCHANNEL_WORDS)
    new_speaker = bool(
        previous is not None
        and segment_speaker
        and previous.speaker
        and segment_speaker != previous.speaker
    )
    return _TURNS[ack, question, handoff, backchannel, new_speaker]


def _at_most_words(text: str, n: int) -> bool:
    """``len(text.split()) <= n``, without splitting all of a long text.

    >>> _at_most_words("Yes. Exactly. ", 3), _at_most_words("Yes, that is it", 3)
    (True, False)
    """
    return len(text.split(None, n)) <= n


def turn_signals(segments: Sequence[Segment]) -> list[Turn]:
    """The turn-taking signals of every segment."""
    return [
        turn_of(seg.text, segments[i - 1] if i else None, seg.speaker)
        for i, seg in enumerate(segments)
    ]
