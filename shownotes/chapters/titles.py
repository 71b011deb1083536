"""Chapter titles: the cue's label plus the chapter's most distinctive terms.

A term is a content word or a run of two or three content words (a name like "Mad Max", a noun
phrase like "data centers"). Each is scored by how often the chapter uses it against how many
chapters of the episode use it (tf-idf across chapters); names (words the episode mostly writes
with a capital) and repeated phrases score higher. When the episode's description names a topic
that one chapter is clearly about, that phrase is the chapter's topic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from shownotes.chapters.signals import DescriptionTopic
from shownotes.chapters.words import is_content, stem, tokens

MAX_TITLE = 60
MAX_TERMS = 4
_SENTENCE_END = re.compile(r"[.!?…]$")
_TRAILING = re.compile(r"[\s,;:–—-]+$")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(slots=True)
class Vocabulary:
    """How the episode writes each stem: its surface forms and how often it is capitalized."""

    forms: dict[str, Counter[str]] = field(default_factory=dict)
    capitalized: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    capitalized_anywhere: Counter[str] = field(default_factory=Counter)
    total_anywhere: Counter[str] = field(default_factory=Counter)

    def add(self, word: str, sentence_start: bool) -> str:
        key = stem(word)
        self.forms.setdefault(key, Counter())[_POSSESSIVE.sub("", word)] += 1
        capital = word[:1].isupper()
        self.total_anywhere[key] += 1
        self.capitalized_anywhere[key] += capital
        if not sentence_start:
            self.total[key] += 1
            self.capitalized[key] += capital
        return key

    def is_name(self, key: str) -> bool:
        """Mostly written with a capital (or as an acronym), also away from a sentence start.

        ASR capitalizes at random, so one capital in mid-sentence is not enough unless the
        word is never written otherwise.
        """
        inside, seen = self.capitalized[key], self.total[key]
        anywhere = self.capitalized_anywhere[key] / max(1, self.total_anywhere[key])
        return (
            inside >= 1
            and inside / seen >= 0.5
            and (inside >= 2 or (anywhere == 1.0 and self.total_anywhere[key] >= 2))
        )

    def display(self, key: str) -> str:
        """The form to print: the commonest spelling; lower case unless it is a name."""
        forms = self.forms.get(key)
        if not forms:
            return key
        common = forms.most_common(1)[0][0]
        if common.isupper() and 1 < len(common) <= 5:
            return common
        if self.is_name(key):
            capital = Counter({f: n for f, n in forms.items() if f[:1].isupper()})
            best = (capital or forms).most_common(1)[0][0]
            if (
                best.isupper()
                and len(best) > 4
                and not any(f.isupper() for f in forms if f != best)
            ):
                best = best.capitalize()
            return best
        return forms.most_common(1)[0][0].lower()


@dataclass(slots=True)
class ChapterTerms:
    """Term counts of one chapter; a term is a tuple of stems."""

    counts: Counter[tuple[str, ...]] = field(default_factory=Counter)
    stems: Counter[str] = field(default_factory=Counter)
    first_seen: dict[tuple[str, ...], int] = field(default_factory=dict)


def collect_terms(texts: Sequence[str], vocab: Vocabulary) -> ChapterTerms:
    """Words and runs of two or three content words in a chapter's segment texts."""
    terms = ChapterTerms()
    position = 0
    sentence_start = True
    for text in texts:
        run: list[str] = []
        sentence_start = True
        for word in tokens(text):
            key = vocab.add(word, sentence_start)
            sentence_start = bool(_SENTENCE_END.search(word))
            position += 1
            if not is_content(key):
                run = []
                continue
            run.append(key)
            terms.stems[key] += 1
            for size in (1, 2, 3):
                if len(run) >= size:
                    term = tuple(run[-size:])
                    terms.counts[term] += 1
                    terms.first_seen.setdefault(term, position)
            if sentence_start:
                run = []
    return terms


def _score(
    term: tuple[str, ...],
    chapter: ChapterTerms,
    df: Counter[tuple[str, ...]],
    n: int,
    vocab: Vocabulary,
) -> float:
    count = chapter.counts[term]
    names = sum(vocab.is_name(s) for s in term)
    if len(term) > 1 and count < 2 and names < len(term):
        return 0.0
    if len(set(term)) < len(term):
        return 0.0
    idf = math.log((n + 1) / df[term]) + 0.1
    boost = (1.0 + 0.6 * names / len(term)) * (1.0 + 0.5 * (len(term) - 1))
    if len(term) == 1 and not names and term[0].endswith(("ed", "ing", "ly")):
        boost *= 0.5
    return count**0.8 * idf * boost


def topic_phrase(
    chapter: ChapterTerms, df: Counter[tuple[str, ...]], n: int, vocab: Vocabulary, room: int
) -> str:
    """The chapter's most distinctive terms, joined with commas, within ``room`` characters."""
    scored = sorted(
        ((_score(t, chapter, df, n, vocab), t) for t in chapter.counts),
        key=lambda item: (-item[0], chapter.first_seen[item[1]]),
    )
    chosen: list[tuple[str, ...]] = []
    for score, term in scored:
        if score <= 0 or len(chosen) >= MAX_TERMS:
            break
        if any(set(term) & set(c) for c in chosen):
            continue
        candidate = [*chosen, term]
        if len(_join(candidate, vocab, chapter)) > room:
            continue
        chosen = candidate
    return _join(chosen, vocab, chapter)


def _join(terms: list[tuple[str, ...]], vocab: Vocabulary, chapter: ChapterTerms) -> str:
    ordered = sorted(terms, key=lambda t: chapter.first_seen[t])
    return ", ".join(" ".join(vocab.display(s) for s in term) for term in ordered)


def sentence_case(text: str) -> str:
    """Capitalize the first letter and leave the rest as it is.

    >>> sentence_case("meta, data centers")
    'Meta, data centers'
    """
    return text[:1].upper() + text[1:]


def clip(text: str, limit: int = MAX_TITLE) -> str:
    """Cut ``text`` to ``limit`` characters at a word boundary.

    >>> clip("Story 2: Meta's Mad Max data centers and jet engines", 30)
    "Story 2: Meta's Mad Max data"
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return _TRAILING.sub("", cut)[:limit]


def fill_label(label: str, kind: str, number: int | None, topic: str) -> str:
    """A title from a label template, a story number and a topic.

    >>> fill_label("Story {n}", "story", 3, "NSA ties")
    'Story 3: NSA ties'
    >>> fill_label("Story {n}", "story", None, "NSA ties")
    'NSA ties'
    >>> fill_label("Extras", "wrapup", None, "NSA ties")
    'Extras'
    >>> fill_label("", "story", None, "")
    ''
    """
    if "{n}" in label:
        label = "{topic}" if number is None else label.replace("{n}", str(number))
    if "{topic}" not in label and kind in ("story", "quick") and label:
        label += ": {topic}"
    if not label:
        label = "{topic}"
    if "{topic}" in label:
        label = label.replace("{topic}", topic) if topic else label.replace("{topic}", "")
    return _TRAILING.sub("", label.strip())


def assign_description(
    topics: Sequence[DescriptionTopic], chapters: Sequence[ChapterTerms]
) -> dict[int, str]:
    """Chapter index → description phrase, for phrases one chapter is clearly about."""
    chosen: dict[int, str] = {}
    for topic in topics:
        shares = []
        for i, chapter in enumerate(chapters):
            hits = sum(1 for s in topic.stems if chapter.stems[s])
            weight = sum(chapter.stems[s] for s in topic.stems)
            shares.append((hits / len(topic.stems), weight, i))
        shares.sort(reverse=True)
        share, weight, best = shares[0]
        runner_share, runner_weight = shares[1][:2] if len(shares) > 1 else (0.0, 0)
        clear = share > runner_share or weight >= 2 * runner_weight
        if share >= 0.6 and weight >= 3 and clear and best not in chosen:
            chosen[best] = topic.phrase
    return chosen


def make_titles(
    chapter_texts: Sequence[Sequence[str]],
    labels: Sequence[tuple[str, str, int | None]],
    *,
    description: Sequence[DescriptionTopic] = (),
    fixed: dict[int, str] | None = None,
) -> list[str]:
    """A title for every chapter: ``labels[i]`` is (label template, kind, story number).

    ``fixed`` titles (the intro's) are used as they are.
    """
    fixed = fixed or {}
    vocab = Vocabulary()
    chapters = [collect_terms(texts, vocab) for texts in chapter_texts]
    df: Counter[tuple[str, ...]] = Counter()
    for chapter in chapters:
        df.update(chapter.counts.keys())
    from_description = assign_description(description, chapters)
    titles = []
    for i, (chapter, (label, kind, number)) in enumerate(zip(chapters, labels, strict=True)):
        if i in fixed:
            titles.append(clip(fixed[i]))
            continue
        prefix = fill_label(label, kind, number, "")
        room = MAX_TITLE - len(prefix) - 2 if prefix else MAX_TITLE
        topic = from_description.get(i) or topic_phrase(chapter, df, len(chapters), vocab, room)
        title = fill_label(label, kind, number, sentence_case(topic)) or f"Chapter {i + 1}"
        titles.append(clip(sentence_case(title)))
    return titles
