"""Line up the topics the publisher wrote (description, link titles) with the chapters.

News shows often publish one link per story and a description that lists the stories in the
order they are told; interviews list "In this episode we cover: ..." bullets. Those phrases
are what an editor would title the chapters with. :func:`publisher_topics` collects them;
:func:`align` pairs them with chapters — in order where it can (a monotone alignment that
maximizes the summed similarity), then any topic left over goes to the one free chapter that is
clearly about it (descriptions like to start with the headline and add "but first, ...").

The alignment is returned with its scores so it can also serve as boundary evidence: a topic
matched to a chapter says that chapter's talk turns to that topic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from shownotes.chapters.spelling import sound
from shownotes.chapters.words import content_stems, tokens

#: A topic must share at least this much of its (idf-weighted) words with a chapter.
MIN_SIMILARITY = 0.45
#: A left-over topic goes to a chapter only if it beats the runner-up by this factor.
CLEAR_MARGIN = 1.5
_SPLIT = re.compile(r"\n|[;•·]|(?<=[a-z0-9)])[.!?](?=\s|$)|,\s(?:and\s)?|\sand\s|:\s(?=[A-Z])")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)]|\(?\d{1,2}:\d{2}(?::\d{2})?\)?)\s*")
_SOURCE_PREFIX = re.compile(r"^[A-Z][\w.&' -]{0,24}:\s+(?=\S)")
_LEAD_IN = re.compile(
    r"^(?:in this episode,? (?:we )?(?:cover|discuss|talk about)|we (?:cover|discuss|explore|"
    r"talk about)|today[,:]?(?: we)?(?: cover| discuss)?|but first,?|plus,?|also,?|and)\b[:,]?\s*",
    re.I,
)

#: "a story about harbours", "one on apples": the topic is what follows.
_ABOUT = re.compile(
    r"^(?:(?:a|an|the|one|another|our)\s+)?(?:(?:story|item|piece|segment|chat|talk|"
    r"conversation|interview|one|look)\s+)?(?:about|on)\s+(?=\S)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PublisherTopic:
    """A phrase the publisher wrote that names one topic, and where it came from."""

    phrase: str
    stems: frozenset[str]
    #: ``link`` (a link's title) or ``description`` (a phrase or bullet of the description).
    source: str = "description"
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A publisher topic paired with a chapter, and how similar they are (0..1)."""

    topic: PublisherTopic
    chapter: int
    score: float


def _clean(phrase: str) -> str:
    phrase = _BULLET.sub("", phrase.strip())
    phrase = _LEAD_IN.sub("", phrase).strip(" \t-–—:,.")
    phrase = _ABOUT.sub("", phrase)
    return " ".join(phrase.split())


def publisher_topics(
    description: str | None, links: Sequence[tuple[str, str | None]] = ()
) -> tuple[PublisherTopic, ...]:
    """Topics from link titles (``(title, url)``) and from the phrases of a description.

    A link title loses a leading "Source: " ("Wired: the serif renaissance" → "the serif
    renaissance"); a description is split at line breaks, bullets, sentence ends, commas and
    "and"; phrases of two or more content words up to 80 characters count.

    >>> [t.phrase for t in publisher_topics("In this episode, we cover: Sales before "
    ...     "logistics; Being concise. Thanks to our sponsors!", [("Wired: The serif renaissance",
    ...     "https://example.com")])]
    ['The serif renaissance', 'Sales before logistics', 'Being concise']
    """
    found: list[PublisherTopic] = []
    for title, url in links:
        phrase = _clean(_SOURCE_PREFIX.sub("", title.strip()))
        stems = frozenset(content_stems(phrase))
        if stems and len(phrase) <= 80:
            found.append(PublisherTopic(phrase, stems, "link", url))
    for part in _SPLIT.split(description or ""):
        phrase = _clean(part)
        stems = frozenset(content_stems(phrase))
        words = tokens(phrase)
        named = len(stems) >= 2 or (len(stems) == 1 and 1 <= len(words) <= 3)
        if named and len(phrase) <= 80 and not _is_chatter(phrase):
            found.append(PublisherTopic(phrase, stems, "description"))
    return tuple(found)


def _is_chatter(phrase: str) -> bool:
    """Sentences about the show rather than a topic: thanks, calls to subscribe, links."""
    lowered = phrase.lower()
    return bool(
        re.search(r"https?://|www\.|\bsubscribe\b|\bthanks?\b|\bsponsor|\bfollow us\b", lowered)
    )


def similarity(
    topic: PublisherTopic, chapter: Counter[str], opening: Counter[str], idf: dict[str, float]
) -> float:
    """The idf-weighted share of the topic's words the chapter uses (a word in the chapter's
    opening counts a bit more, a misspelling that sounds the same counts too)."""
    if not topic.stems:
        return 0.0
    sounds = {sound(s): s for s in chapter}
    total = found = 0.0
    for stem in topic.stems:
        weight = idf.get(stem, max(idf.values(), default=1.0))
        total += weight
        hit = stem if chapter[stem] else sounds.get(sound(stem))
        if hit:
            found += weight * min(
                1.0, 0.6 + 0.2 * math.log1p(chapter[hit]) + 0.2 * bool(opening[hit])
            )
    return found / total if total else 0.0


def align(
    topics: Sequence[PublisherTopic],
    chapters: Sequence[Counter[str]],
    openings: Sequence[Counter[str]] | None = None,
    skip: frozenset[int] = frozenset(),
) -> list[Match]:
    """Pair topics with chapters (``chapters[i]`` is chapter i's stem counts), in order first.

    Chapters in ``skip`` (the intro, fixed titles) take no topic. Returns the pairs in chapter
    order.

    >>> bag = lambda text: Counter(content_stems(text))
    >>> chapters = [bag("hello welcome"), bag("harbor cargo cranes harbor"), bag("apple orchard")]
    >>> topics = publisher_topics("Apple orchards, and harbor cargo")
    >>> [(m.topic.phrase, m.chapter) for m in align(topics, chapters, skip=frozenset({0}))]
    [('harbor cargo', 1), ('Apple orchards', 2)]
    """
    openings = openings or [Counter() for _ in chapters]
    n = len(chapters)
    df: Counter[str] = Counter()
    for chapter in chapters:
        df.update(chapter.keys())
    idf = {s: math.log((n + 1) / (df[s] + 0.5)) + 0.2 for s in df}
    sim = [
        [0.0 if j in skip else similarity(t, chapters[j], openings[j], idf) for j in range(n)]
        for t in topics
    ]
    matches = _monotone(sim)
    taken_topics = {i for i, _ in matches}
    taken_chapters = {j for _, j in matches}
    for i, row in enumerate(sim):
        if i in taken_topics:
            continue
        ranked = sorted(((s, j) for j, s in enumerate(row)), reverse=True)
        best, j = ranked[0] if ranked else (0.0, -1)
        runner = ranked[1][0] if len(ranked) > 1 else 0.0
        if best >= MIN_SIMILARITY and best >= CLEAR_MARGIN * runner and j not in taken_chapters:
            matches.append((i, j))
            taken_chapters.add(j)
    return sorted((Match(topics[i], j, sim[i][j]) for i, j in matches), key=lambda m: m.chapter)


def _monotone(sim: list[list[float]]) -> list[tuple[int, int]]:
    """The in-order pairing of topics (rows) and chapters (columns) with the largest summed
    similarity, counting only pairs at or above :data:`MIN_SIMILARITY`."""
    rows = len(sim)
    cols = len(sim[0]) if sim else 0
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            pair = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= MIN_SIMILARITY else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    pairs = []
    i = j = 0
    while i < rows and j < cols:
        if sim[i][j] >= MIN_SIMILARITY and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs
