"""Chapter titles an editor keeps: a short noun phrase about what the chapter is about.

In order of preference, a chapter's topic is

1. what the publisher wrote: a link title or a phrase of the description that
   :func:`~shownotes.chapters.align.align` pairs with the chapter (in order where it can);
2. the phrase the host points at in the chapter's opening: the subject named in or right
   after the hand-off ("story two, Meta is putting up tent data centers"), with reporting frames
   stripped ("The Information reports that ..."), or the topic of the host's question ("what
   did you learn about hiring early?" → "Hiring early");
3. the noun phrase the chapter keeps coming back to.

Candidates of 2 and 3 are noun phrases (:mod:`~shownotes.chapters.phrases`) scored by how
distinctive their words are for this chapter against the others (tf-idf across chapters), how
early they come, whether a topic marker or a question points at them and whether the chapter
repeats them. Words of ad reads never count. Names are spelled the way the episode (or the
publisher's text) spells them most often (:mod:`~shownotes.chapters.spelling`).

A title fits in ``max_length`` characters (40 by default, what Spotify shows whole), never
repeats an earlier chapter's title, and carries the show's item label ("Story 2: ...",
"Quick one: ...") only when the show numbers its items (two or more numbered stories).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from shownotes.chapters.align import PublisherTopic, align
from shownotes.chapters.headlines import headline
from shownotes.chapters.normalize import lower_plain, normalize, normalized_near
from shownotes.chapters.phrases import (
    Sentence,
    VerbGuess,
    is_function,
    key,
    marked_topic,
    noun_phrases,
    sentences,
    strip_frames,
    words_of,
)
from shownotes.chapters.rules import find_cues_each, load_rules
from shownotes.chapters.signals import sponsor_names
from shownotes.chapters.spelling import PUBLISHER_WEIGHT, Spellings, fold
from shownotes.chapters.tidy import full_name, tidy
from shownotes.chapters.words import content_stems, is_content, stem, word_stems
from shownotes.models import CueRule

MAX_TITLE = 60
#: Default longest title (characters): Spotify and most apps show this much of a chapter title.
DEFAULT_MAX_LENGTH = 40
#: Longest topic phrase, in words.
MAX_WORDS = 7
#: The chapter's opening, where the host names the topic: this many words at most.
OPENING_WORDS = 90
#: A hand-off this many words into a chapter still opens it (text before it is left out).
CUE_WORDS = 50
ITEM_KINDS = frozenset({"story", "quick", "segment"})
#: Weight of the phrase a host points at ("let's talk about X", "what is X?").
MARKED = 2.0
#: Weight of the first noun phrase in or right after the hand-off: the item's subject.
HANDOFF = 1.4
#: A lone word gives way to a phrase around it that scores at least this share of it.
EXTEND = 0.6
#: A sentence of at most this many words is a reply ("Sweet.", "Got it."); a word said that
#: way in at least this share of the times the episode says it is an interjection.
REPLY_WORDS = 2
REPLY_SHARE = 0.5
#: Weight of a candidate that is one common word (not a name).
SINGLE_WORD = 0.6
#: Weight of a first and last name the chapter says fewer than MENTIONED_TIMES times: a
#: person mentioned on the way ("as Lex Fridman put it") more often than the chapter's topic.
MENTIONED = 0.7
MENTIONED_TIMES = 3
#: Weight of a phrase right after "by" or "from": who made or sent the item, not what it is.
SOURCE = 0.4
#: Words before "from" that make the phrase after it a source: pieces of writing and talk,
#: and verbs of coming and sending.
_SENDER_TEXT = """
    article articles post posts piece blog paper email tweet message letter newsletter
    thread talk video submission comes came come sent send submitted us
"""
SENDERS = frozenset(_SENDER_TEXT.split())
#: An ad read: from its opening phrase until a closing phrase, at most this many sentences.
AD_SENTENCES = 12
_TRAILING = re.compile(r"[\s,;:–—-]+$")
_AD_OPEN = re.compile(
    r"\b(?:brought to you by|sponsored by|word from (?:our|this weeks|todays) sponsors?|"
    r"(?:our|todays|this weeks) sponsors? (?:is|are)|thanks? to our sponsors?)\b"
)
#: What :func:`~shownotes.chapters.signals.sponsor_names` reads: a match opens on one of these
#: words and reads at most five words and 40 characters past the text it opens in.
_SPONSOR_READ = (("brought", "sponsored", "thank"), 5, 40)
_AD_CLOSE = re.compile(
    r"\b(?:for sponsoring|check (?:them|it) out|promo code|use (?:the )?code|"
    r"slash [a-z0-9]+|link in (?:the )?show notes)\b"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible topic phrase of a chapter and its score."""

    score: float
    words: tuple[str, ...]
    #: Where it was first offered: (sentence index, word position); None outside the opening.
    where: tuple[int, int] | None = None
    #: A headline's words before its prepositional tail (None for a noun phrase).
    core: int | None = None

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for s in (stem(w) for w in self.words) if is_content(s))


@dataclass(slots=True)
class _Chapter:
    sentences: list[Sentence]
    #: The opening, from the hand-off on (numbered from 0), and the sentences after it.
    opening: list[Sentence]
    rest: list[Sentence]
    #: The words of the hand-off that opens the chapter ("story two", "next up"), if one does.
    cue: frozenset[str] | None = None
    stems: Counter[str] = field(default_factory=Counter)
    opening_stems: Counter[str] = field(default_factory=Counter)
    #: How often the chapter says each phrase (by :func:`_phrase_key`): see
    #: :meth:`TitleMaker.phrases`, which counts them the first time they are asked for.
    phrases: Counter[str] | None = None
    #: :meth:`TitleMaker._weight` of each phrase offered, worked out once.
    weights: dict[tuple[str, ...], float | None] = field(default_factory=dict)


def sentence_case(text: str) -> str:
    """Capitalize the first letter and leave the rest as it is.

    >>> sentence_case("meta's tent data centers")
    "Meta's tent data centers"
    """
    return text[:1].upper() + text[1:]


def clip(text: str, limit: int = MAX_TITLE) -> str:
    """Cut ``text`` to ``limit`` characters at a word boundary, without a dangling small word.

    >>> clip("Story 2: Meta's Mad Max data centers and jet engines", 30)
    "Story 2: Meta's Mad Max data"
    >>> clip("Type hints for the busy Python programmer", 22)
    'Type hints'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    words = _TRAILING.sub("", cut).split(" ")
    while len(words) > 1 and is_function(words[-1].rstrip(":,")):
        words.pop()
    return _TRAILING.sub("", " ".join(words))[:limit]


def fill_label(label: str, kind: str, number: int | None, topic: str, numbered: bool = True) -> str:
    """A title from a label template, a story number and a topic.

    Item labels ("Story {n}", "Quick one") are used only when the show ``numbered`` its items;
    otherwise the topic alone is the title.

    >>> fill_label("Story {n}", "story", 3, "NSA ties")
    'Story 3: NSA ties'
    >>> fill_label("Story {n}", "story", 3, "NSA ties", numbered=False)
    'NSA ties'
    >>> fill_label("Quick one", "quick", None, "Robot videos", numbered=False)
    'Robot videos'
    >>> fill_label("Extras", "wrapup", None, "NSA ties")
    'Extras'
    >>> fill_label("", "story", None, "")
    ''
    """
    item = kind in ("story", "quick")
    if item and not numbered and "{topic}" not in label and topic:
        label = "{topic}"
    if "{n}" in label:
        label = "{topic}" if number is None or not numbered else label.replace("{n}", str(number))
    if "{topic}" not in label and item and label:
        label += ": {topic}"
    if not label:
        label = "{topic}"
    if "{topic}" in label:
        label = label.replace("{topic}", topic) if topic else label.replace("{topic}", "")
    return _TRAILING.sub("", label.strip())


def _ad_sentences(chapter: list[Sentence]) -> set[int]:
    """Indices of the sentences of ad reads: from an opening phrase ("brought to you by") to a
    closing one ("check them out at"), at most :data:`AD_SENTENCES` long."""
    ads: set[int] = set()
    i = 0
    while i < len(chapter):
        text = " ".join(chapter[i].words)
        # every opening phrase has "brought" or "sponsor", which normalizing keeps intact
        lowered = lower_plain(text)
        if ("brought" in lowered or "sponsor" in lowered) and _AD_OPEN.search(normalize(text)):
            j = i
            while j < len(chapter) and j - i < AD_SENTENCES:
                ads.add(j)
                if j > i and _AD_CLOSE.search(normalize(" ".join(chapter[j].words))):
                    break
                j += 1
            i = j + 1
        else:
            i += 1
    return ads


def _from_cue(
    spoken: Sequence[Sequence[str]], rules: tuple[CueRule, ...]
) -> tuple[int, frozenset[str] | None]:
    """Where the chapter's opening starts: at the last hand-off in its first words (a weak one,
    like "let's talk about that", only when it comes first), and the words of that hand-off
    (None without one). ``spoken`` holds the words of each sentence of the chapter. Talk
    before a cue is the end of the chapter before ("...beats comic sans. Okay, let's do the
    news. So story one ..."), and a second hand-off right after the first ("Next one's
    different. ... Okay, story five") is where the item is named."""
    # the sentences that start within the first CUE_WORDS words, their texts normalized at once
    count = words = 0
    for sentence in spoken:
        if words > CUE_WORDS:
            break
        count += 1
        words += len(sentence)
    texts = [" ".join(sentence) for sentence in spoken[:count]]
    cut, cue = 0, None
    for i, found in enumerate(find_cues_each(texts, rules)):
        cues = [c for c in found if c.rule.kind in ITEM_KINDS]
        if any(not c.rule.weak for c in cues) or (cues and i == 0):
            cut, cue = i, frozenset(w for c in cues for w in c.text.split())
    return cut, cue


def _stems_in(spoken: Sequence[Sequence[str]], chosen: Sequence[Sentence]) -> Iterator[str]:
    """``content_stems(" ".join(words))`` of the ``chosen`` sentences' words, one sentence
    after the other, a word at a time (each stemmed once, the words chained and mapped at C
    speed); ``spoken`` holds the words of every sentence of the chapter, by sentence index."""
    said = chain.from_iterable([spoken[sentence.index] for sentence in chosen])
    return chain.from_iterable(map(word_stems, said))


def _may_have_ads(texts: Sequence[str]) -> bool:
    """Whether a sentence of these texts can open an ad read (:func:`_ad_sentences`): its
    words are pieces of the texts, so a sentence with "brought" or "sponsor" (lower case,
    without apostrophes) has a text with it."""
    lowered = lower_plain(" ".join(texts))
    return "brought" in lowered or "sponsor" in lowered


def _phrase_key(words: Sequence[str]) -> str:
    return " ".join([stem(w) for w in words if not is_function(w)])


class TitleMaker:
    """Titles for the chapters of one episode; see the module docstring for how."""

    def __init__(
        self,
        chapter_texts: Sequence[Sequence[str]],
        publisher: Sequence[PublisherTopic] = (),
        max_length: int = DEFAULT_MAX_LENGTH,
        rules: Sequence[CueRule] | None = None,
    ) -> None:
        self.max_length = max_length
        self.publisher = tuple(publisher)
        self.verbs = VerbGuess()
        self.spelling = Spellings()
        # sponsor_names(normalize(" ".join(every text))), normalizing only near its words
        near = normalized_near([t for texts in chapter_texts for t in texts], *_SPONSOR_READ)
        self.banned = {fold(n) for text in near for n in sponsor_names(text)}
        self.chapters: list[_Chapter] = []
        #: Stems said in sentences of one or two words ("Sweet.", "Got it."): replies.
        self.replies: Counter[str] = Counter()
        #: Noun phrases of each clause seen: the verbs and spellings they depend on are all
        #: counted before the first is asked for.
        self._phrases: dict[tuple[str, ...], list[tuple[int, list[str]]]] = {}
        #: And their keys (:func:`_phrase_key`), in the same order.
        self._phrase_keys: dict[tuple[str, ...], list[str]] = {}
        rules = load_rules() if rules is None else tuple(rules)
        # every word said, counted at once (the same counts as a chapter at a time)
        said_words: list[str] = []
        for texts in chapter_texts:
            said = sentences(texts)
            spoken = [s.words for s in said]
            cut, cue = _from_cue(spoken, rules)
            self.verbs.add_all(spoken)
            said_words += chain.from_iterable(spoken)
            ads = _ad_sentences(said) if _may_have_ads(texts) else set()
            kept = [s for s in said if s.index not in ads]
            opening: list[Sentence] = []
            count = 0
            after = [s for s in kept if s.index >= cut]
            for s in after:
                if count >= OPENING_WORDS:
                    break
                opening.append(Sentence(s.clauses, s.question, len(opening)))
                count += len(spoken[s.index])  # (a sentence's index is its place in said)
            chapter = _Chapter(kept, opening, after[len(opening) :], cue)
            chapter.stems.update(_stems_in(spoken, kept))
            replies = [s for s in kept if len(spoken[s.index]) <= REPLY_WORDS]
            self.replies.update(_stems_in(spoken, replies))
            chapter.opening_stems.update(_stems_in(spoken, after[: len(opening)]))
            self.chapters.append(chapter)
        self.spelling.add(said_words)
        for topic in self.publisher:
            self.spelling.add(topic.phrase.split(), weight=PUBLISHER_WEIGHT)
        #: In how many chapters each stem is said: its idf (:meth:`idf`), worked out for the
        #: stems asked about.
        self._df: Counter[str] = Counter()
        for chapter in self.chapters:
            self._df.update(chapter.stems.keys())
        self._idf: dict[str, float] = {}
        #: Words the episode says mostly as a reply on their own: no topic ("Sweet."); how
        #: often the episode says each is summed over the chapters for these words alone.
        self.interjections = {
            s
            for s, alone in self.replies.items()
            if alone >= REPLY_SHARE * sum(chapter.stems.get(s, 0) for chapter in self.chapters)
        }

    def phrases(self, chapter: _Chapter) -> Counter[str]:
        """How often ``chapter`` says each noun phrase (by :func:`_phrase_key`), counted when
        first asked for: the chapters titled otherwise (the intro, a publisher's topic) never
        are, and the episode's verbs and spellings are all counted by then."""
        if chapter.phrases is None:
            keys = self.phrase_keys
            said = [k for s in chapter.sentences for clause in s.clauses for k in keys(clause)]
            chapter.phrases = Counter(said)
        return chapter.phrases

    def noun_phrases(self, clause: tuple[str, ...]) -> list[tuple[int, list[str]]]:
        """:func:`~shownotes.chapters.phrases.noun_phrases` of a clause, found once."""
        found = self._phrases.get(clause)
        if found is None:
            found = noun_phrases(clause, self.verbs, self.spelling.is_name)
            self._phrases[clause] = found
            self._phrase_keys[clause] = [_phrase_key(words) for _, words in found]
        return found

    def phrase_keys(self, clause: tuple[str, ...]) -> list[str]:
        """:func:`_phrase_key` of each of :meth:`noun_phrases`, in order, found once."""
        keys = self._phrase_keys.get(clause)
        if keys is None:
            self.noun_phrases(clause)
            keys = self._phrase_keys[clause]
        return keys

    # --- scoring -----------------------------------------------------------------------------

    def idf(self, s: str) -> float:
        """How distinctive stem ``s`` is for the chapters that say it (0.1 for none)."""
        found = self._idf.get(s)
        if found is None:
            df = self._df.get(s)
            n = len(self.chapters)
            found = self._idf[s] = 0.1 if df is None else math.log((n + 1) / df) + 0.1
        return found

    def _salience(self, chapter: _Chapter, s: str) -> float:
        return math.log1p(chapter.stems[s]) * self.idf(s)

    def _score(self, chapter: _Chapter, words: Sequence[str], position: float) -> float:
        """How good a title ``words`` make for ``chapter``, said at ``position`` (a weight for
        where and how the phrase is said): :meth:`_weight` times ``position``."""
        words = tuple(words)
        weight = chapter.weights.get(words, 0.0)
        if weight == 0.0:  # (not worked out yet, or 0.0: cheap to work out again)
            weight = chapter.weights[words] = self._weight(chapter, words)
        return 0.0 if weight is None else weight * position

    def _weight(self, chapter: _Chapter, words: tuple[str, ...]) -> float | None:
        """What a phrase's score is, but for where it is said: its words' distinctiveness for
        the chapter, its size, and how often the chapter repeats it; None for a phrase that
        is no topic (no content word, a sponsor's name, a reply word)."""
        said = [stem(w) for w in words if not is_function(w)]  # (joined: its _phrase_key)
        stems = [s for s in said if is_content(s)]
        if not stems or (self.banned and any(fold(w) in self.banned for w in words)):
            return None
        unique = list(dict.fromkeys(stems))
        mean = sum(self._salience(chapter, s) for s in unique) / len(unique)
        size = 1.0 + 0.3 * (min(len(unique), 4) - 1) - 0.15 * max(0, len(words) - 5)
        repeated = self.phrases(chapter)[" ".join(said)]
        names = sum(1 for w in words if not self.spelling.best(w).islower())
        bonus = 1.0 + 0.25 * math.log(max(1, repeated)) + 0.15 * min(names, 2)
        if len(words) == 1 and stems[0] in self.interjections:
            return None
        if len(words) == 1 and not names:
            bonus *= SINGLE_WORD  # one common word is rarely a topic ("minor", "confident")
        if repeated < MENTIONED_TIMES and full_name(words, names):
            bonus *= MENTIONED  # "as Lex Fridman said": someone mentioned, not the topic
        return mean * size * bonus  # (then times position: the same product, in order)

    def candidates(self, chapter: _Chapter) -> list[Candidate]:
        """Noun phrases of the chapter, best first."""
        found: dict[tuple[str, ...], Candidate] = {}

        def offer(
            words: Sequence[str],
            position: float,
            where: tuple[int, int] | None,
            core: int | None = None,
        ) -> float:
            words = tidy(words)
            if not words:
                return 0.0
            score = self._score(chapter, words, position)
            if words not in found or score > found[words].score:
                found[words] = Candidate(score, words, where, core)
            return score

        sources = self._sources(chapter)
        handoff = chapter.cue is not None
        cue_words = chapter.cue or frozenset()
        made: Candidate | None = None
        for s in chapter.opening:
            early = max(0.6, 1.6 - 0.12 * s.index)
            said = s.words
            stripped = strip_frames(said)
            skipped = len(said) - len(stripped)
            stops, at = set(), 0
            for clause in s.clauses:
                stops.add(at - skipped)
                at += len(clause)
            marked = marked_topic(stripped, self.verbs, s.question, stops)
            if marked:
                offer(marked, early * MARKED, (s.index, 0))
            first = True
            offset = 0
            best_here = 0.0
            for clause in s.clauses:
                clause = tuple(strip_frames(clause))
                for at, words in self.noun_phrases(clause):
                    if s.index == 0 and {key(w) for w in words} <= cue_words:
                        continue  # the hand-off itself ("Quick one") is no topic
                    weight = early * (1.15 if s.question else 1.0)
                    if (at and _is_source(clause, at)) or set(map(fold, words)) <= sources:
                        weight *= SOURCE  # "an article from Bob", "created by Hynek"
                    if handoff and first:
                        weight *= HANDOFF  # "story two, Meta is putting up ..."
                    first = False
                    best_here = max(best_here, offer(words, weight, (s.index, offset + at)))
                offset += len(clause)
            if handoff and made is None:
                clause = headline(stripped, self.verbs, self.spelling.is_name)
                if clause and best_here > 0 and not any(fold(w) in self.banned for w in clause[0]):
                    made = Candidate(best_here, tuple(clause[0]), (s.index, 0), clause[1])
            if not first:
                handoff = False  # the subject is named in the first sentence that has one
        for s in chapter.rest:
            for clause in s.clauses:
                phrases = self.noun_phrases(clause)
                for (_, words), phrase in zip(phrases, self.phrase_keys(clause), strict=True):
                    if self.phrases(chapter)[phrase] >= 2:
                        offer(words, 0.55, None)
        ranked = sorted((c for c in found.values() if c.score > 0), key=lambda c: -c.score)
        if made is not None:
            # the headline the host gives right after the hand-off is the item's title
            top = ranked[0].score if ranked else made.score
            ranked.insert(0, Candidate(max(top, made.score), made.words, made.where, made.core))
        return ranked

    def _sources(self, chapter: _Chapter) -> set[str]:
        """Names the opening gives as who made or sent the item ("an article from Bob
        Belderbos"): the item is not about them, wherever they come up again."""
        found: set[str] = set()
        for s in chapter.opening:
            for clause in s.clauses:
                for at, words in self.noun_phrases(clause):
                    if at and _is_source(clause, at):
                        found |= {fold(w) for w in words if self.spelling.is_name(w)}
        return found

    def pair(
        self, best: Candidate, ranked: Sequence[Candidate], chapter: _Chapter
    ) -> tuple[str, ...]:
        """A lone name with the other name of its sentence: "Anthropic" and "the NSA" in
        "Anthropic is hacking for the NSA" make "Anthropic and NSA"; else ``best`` alone."""
        if len(best.words) != 1 or best.where is None or not self.spelling.is_name(best.words[0]):
            return best.words
        for other in ranked[1:5]:
            if (
                other.where is not None
                and other.where[0] == best.where[0]
                and len(other.words) <= 2
                and other.score >= 0.5 * best.score
                and not (other.stems & best.stems)
                and all(self.spelling.is_name(w) for w in other.words)
                and not any(self.verbs.is_verb(w) or key(w).endswith("ing") for w in other.words)
            ):
                first, second = sorted((best, other), key=lambda c: c.where or (0, 0))
                return (*first.words, "and", *second.words)
        return self.extend(best, ranked, chapter)

    def extend(
        self, best: Candidate, ranked: Sequence[Candidate], chapter: _Chapter
    ) -> tuple[str, ...]:
        """A lone word with the words the chapter builds around it: "SpaceX" said again as "the
        SpaceX IPO" makes "SpaceX IPO" (a phrase of at most four words, nearly as strong, that
        the chapter repeats)."""
        if len(best.words) != 1:
            return best.words
        for other in ranked[1:6]:
            if (
                other.where is not None
                and other.core is None
                and 2 <= len(other.words) <= 4
                and other.score >= EXTEND * best.score
                and best.stems <= other.stems
                and self.phrases(chapter)[_phrase_key(other.words)] >= 2
            ):
                return other.words
        return best.words

    def title_text(
        self, candidate: Candidate, ranked: Sequence[Candidate], room: int, chapter: _Chapter
    ) -> str:
        """The title a candidate makes in ``room`` characters: a headline whole or without its
        prepositional tail (never cut elsewhere), a noun phrase paired, extended and shortened
        (:meth:`render`); empty when it cannot fit."""
        if candidate.core is not None:
            for words in (candidate.words, candidate.words[: candidate.core]):
                text = " ".join(self.spelling.best(w) for w in words)
                if len(words) <= MAX_WORDS and len(text) <= room:
                    return sentence_case(text)
            return ""
        words = self.pair(candidate, ranked, chapter) if candidate is ranked[0] else candidate.words
        return self.render(words, room, chapter)

    # --- rendering -----------------------------------------------------------------------------

    def render(self, words: Sequence[str], room: int, chapter: _Chapter | None = None) -> str:
        """The phrase as a title: names respelled, first letter capitalized, shortened to at
        most :data:`MAX_WORDS` words and ``room`` characters (:meth:`shorten`)."""
        spelled = [self.spelling.best(w) for w in words]
        return sentence_case(" ".join(self.shorten(spelled, room, chapter)))

    def shorten(self, words: list[str], room: int, chapter: _Chapter | None) -> list[str]:
        """Shorten a noun phrase the way English builds one: a prepositional tail goes first
        ("Musk training on competitor models" → "Musk training"), then the least distinctive
        word between the first and the head noun at the end ("China's overlooked model
        builders" → "China's model builders")."""
        words = list(words)

        def fits() -> bool:
            return len(words) <= MAX_WORDS and len(" ".join(words)) <= room

        while not fits() and len(words) > 1:
            articles = [i for i in range(len(words) - 1) if key(words[i]) in ("the", "a", "an")]
            if articles:
                del words[articles[-1]]
                continue
            inner = [i for i in range(1, len(words) - 1) if is_function(words[i])]
            if inner:
                words = _trim_edges(words[: inner[-1]])
                continue
            if len(words) == 2:
                words = words[:1] if len(words[0]) >= len(words[1]) else words[1:]
                continue
            # modifiers farthest from the head noun bind least: "China's overlooked model
            # builders" loses "overlooked" before "model"; names stay while they can
            common = [i for i in range(1, len(words) - 1) if self.spelling.best(words[i]).islower()]
            del words[common[0] if common else 1]
        if not words:
            return []
        return words if fits() else clip(" ".join(words), room).split(" ")

    def publisher_phrase(self, topic: PublisherTopic, room: int, chapter: _Chapter) -> str:
        """The publisher's phrase as written (names in their spelling); a sentence is cut down
        to its best noun phrase."""
        words = topic.phrase.split()
        if len(words) > MAX_WORDS or any(self.verbs.is_verb(w) for w in words[1:]):
            phrases = [
                p
                for _, p in noun_phrases(words_of(topic.phrase), self.verbs, self.spelling.is_name)
            ]
            scored = [(self._score(chapter, p, 1.0), p) for p in phrases]
            if scored and max(scored)[0] > 0:
                words = max(scored)[1]
        return sentence_case(" ".join(self.shorten(list(words), room, chapter)))


def _is_source(clause: Sequence[str], at: int) -> bool:
    """Whether the phrase at ``at`` names who made or sent something: after "by", or after
    "from" that follows a piece of writing or a verb of coming and sending ("an article from
    X", "comes to us from X"), not "Google rents compute from SpaceX"."""
    before = key(clause[at - 1]) if at else ""
    if before == "by":
        return True
    if before != "from":
        return False
    earlier = {key(w) for w in clause[max(0, at - 4) : at - 1]}
    return bool(earlier & SENDERS)


def _trim_edges(words: list[str]) -> list[str]:
    while words and is_function(words[-1]):
        words.pop()
    return words


def _numbered(labels: Sequence[tuple[str, str, int | None]]) -> bool:
    """Whether the show numbers its items: two or more different story numbers."""
    return len({n for _, kind, n in labels if kind == "story" and n is not None}) >= 2


def _same(a: str, b: str) -> bool:
    return bool(a) and set(content_stems(a)) == set(content_stems(b))


def make_titles(
    chapter_texts: Sequence[Sequence[str]],
    labels: Sequence[tuple[str, str, int | None]],
    *,
    publisher: Sequence[PublisherTopic] = (),
    fixed: dict[int, str] | None = None,
    max_length: int = DEFAULT_MAX_LENGTH,
    rules: Sequence[CueRule] | None = None,
) -> list[str]:
    """A title for every chapter: ``labels[i]`` is (label template, kind, story number).

    ``fixed`` titles (the intro's) are used as they are; ``publisher`` topics (description,
    links) are aligned to the chapters and win where they match; ``rules`` (the show's, by
    default the built-in ones) say where a hand-off ends and the item's own words begin.
    """
    fixed = fixed or {}
    maker = TitleMaker(chapter_texts, publisher, max_length, rules)
    numbered = _numbered(labels)
    plain = {
        i
        for i, (label, kind, _) in enumerate(labels)
        if label
        and "{topic}" not in label
        and "{n}" not in label
        and kind not in ("story", "quick")
    }
    matches = align(
        maker.publisher,
        [c.stems for c in maker.chapters],
        [c.opening_stems for c in maker.chapters],
        skip=frozenset(fixed) | frozenset(plain),
    )
    from_publisher = {m.chapter: m.topic for m in matches}
    titles: list[str] = []
    earlier: list[str] = []
    for i, (chapter, (label, kind, number)) in enumerate(zip(maker.chapters, labels, strict=True)):
        if i in fixed:
            titles.append(clip(fixed[i], max_length))
            earlier.append(titles[-1])
            continue
        prefix = fill_label(label, kind, number, "", numbered)
        if i in plain:
            titles.append(clip(prefix, max_length) or f"Chapter {i + 1}")
            earlier.append(titles[-1])
            continue
        room = max_length - len(prefix) - 2 if prefix else max_length
        if room < 12:
            prefix, room = "", max_length
        topic = ""
        if i in from_publisher:
            topic = maker.publisher_phrase(from_publisher[i], room, chapter)
        if not topic or any(_same(topic, e) for e in earlier):
            ranked = maker.candidates(chapter)
            for candidate in ranked:
                text = maker.title_text(candidate, ranked, room, chapter)
                if text and not any(_same(text, e) for e in earlier):
                    topic = text
                    break
        title = fill_label(label, kind, number, topic, numbered) or f"Chapter {i + 1}"
        titles.append(clip(sentence_case(title), max_length))
        earlier.append(topic or title)
    return titles
