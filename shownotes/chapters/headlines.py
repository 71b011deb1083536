"""Headlines: "Google is renting compute from SpaceX" → "Google rents compute from SpaceX".

A host who hands over to a news item often says the item's headline in the next breath: a
named subject, a verb and its object. English headline style keeps that clause, drops the
articles and the auxiliary, and puts the verb in the simple present ("is renting" → "rents",
"has filed" → "files"). :func:`headline` finds such a clause at the start of a sentence and
rewrites it; it returns nothing when the sentence is not one (a pronoun or common-noun
subject, a copula, a verb of saying or thinking, no object).

Verb forms come from the common verbs of :mod:`~shownotes.chapters.phrases`; a verb outside
that list keeps its -ing form without the auxiliary ("Meta charging for AI").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from shownotes.chapters.phrases import (
    _VERB_BASES,
    ADVERBS,
    CONJUNCTIONS,
    DETERMINERS,
    FILLERS,
    NUMBERS_AND_DATES,
    PREPOSITIONS,
    PRONOUNS,
    SHOW_WORDS,
    VerbGuess,
    _inflections,
    _words,
    is_function,
    key,
)

#: Verbs that make no headline: being, having, saying, thinking, wanting.
LIGHT_VERBS = _words(
    """
    be have do get go say tell think know mean feel seem want need like love hope guess
    look sound talk mention believe remember see hear call let try
    """
)
#: Particles of phrasal verbs: "putting up tents", "cut off access".
PARTICLES = frozenset({"up", "out", "off", "down", "back", "away", "over"})
#: Prepositions that may head the tail of a headline: "compute from SpaceX".
TAIL = frozenset({"from", "for", "to", "with", "on", "in", "into", "at", "over", "against"})
_PROGRESSIVE = frozenset({"is", "are", "s", "re"})
_PERFECT = frozenset({"has", "have", "ve"})
_LEMMA = {form: base for base in _VERB_BASES.split() for form in _inflections(base)}
_SKIP = FILLERS | CONJUNCTIONS | ADVERBS | {"now", "and", "so", "okay", "ok", "well"}


def third_person(base: str) -> str:
    """The simple present for a singular subject.

    >>> third_person("rent"), third_person("charge"), third_person("carry"), third_person("fix")
    ('rents', 'charges', 'carries', 'fixes')
    """
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if base in irregular:
        return irregular[base]
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    return base + "s"


def _organizing(word: str) -> bool:
    k = key(word)
    return k in SHOW_WORDS or k in NUMBERS_AND_DATES or k.isdigit()


def _lemma(word: str) -> str | None:
    return _LEMMA.get(key(word))


def _noun_run(words: Sequence[str], at: int, verbs: VerbGuess, limit: int) -> int:
    """End of the noun phrase that starts at ``at`` (content words, one "of"/"and" inside)."""
    end, inner = at, 0
    while end < len(words) and end - at < limit:
        word = words[end]
        k = key(word)
        if not is_function(word) and not verbs.is_verb(word) and not k.isdigit():
            end += 1
        elif k in ("of", "and") and not inner and end > at and end + 1 < len(words):
            nxt = words[end + 1]
            if is_function(nxt) or verbs.is_verb(nxt):
                break
            end += 1
            inner += 1
        else:
            break
    while end > at and key(words[end - 1]) in ("of", "and"):
        end -= 1
    return end


def _skip_determiners(words: Sequence[str], at: int) -> int:
    while at < len(words) and key(words[at]) in DETERMINERS and key(words[at]) not in PRONOUNS:
        at += 1
    return at


def headline(
    words: Sequence[str], verbs: VerbGuess, is_name: Callable[[str], bool]
) -> tuple[list[str], int] | None:
    """A headline from a sentence that opens with a named subject, a verb and an object:
    the headline's words and how many of them come before its prepositional tail (the part
    to drop when it does not fit), or None.

    >>> names = lambda w: w[:1].isupper()
    >>> headline("so Google is renting compute from SpaceX for money".split(), VerbGuess(), names)
    (['Google', 'rents', 'compute', 'from', 'SpaceX'], 3)
    >>> headline("Story four Google is renting compute".split(), VerbGuess(), names)
    (['Google', 'rents', 'compute'], 3)
    >>> headline("Meta is putting up tent data centers".split(), VerbGuess(), names)
    (['Meta', 'puts', 'up', 'tent', 'data', 'centers'], 6)
    >>> headline("Anthropic has released its newest model".split(), VerbGuess(), names)
    (['Anthropic', 'releases', 'newest', 'model'], 4)
    >>> headline("Anthropic has filed its confidential S-1".split(), VerbGuess(), names)
    (['Anthropic', 'filed', 'confidential', 'S-1'], 4)
    >>> headline("Meta is finally charging for something".split(), VerbGuess(), names) is None
    True
    >>> headline("I think Google is big".split(), VerbGuess(), names) is None
    True
    """
    i = 0
    while i < len(words) and (key(words[i]) in _SKIP or _organizing(words[i])):
        i += 1  # "so", "okay", "story four" before the subject
    if i >= len(words) or not is_name(words[i]) or is_function(words[i]):
        return None
    start = i
    while i < len(words) and i - start < 3 and not is_function(words[i]):
        if verbs.is_verb(words[i]) and i > start:
            break
        i += 1
    subject = list(words[start:i])
    if not subject:
        return None
    aux = key(words[i]) if i < len(words) else ""
    if aux in _PROGRESSIVE | _PERFECT | {"was", "were", "had"}:
        i += 1
    while i < len(words) and key(words[i]) in ADVERBS:
        i += 1
    if i >= len(words):
        return None
    verb = words[i]
    base = _lemma(verb)
    looks_verb = verbs.is_verb(verb) or (verb.islower() and key(verb).endswith(("ing", "ed")))
    if not looks_verb or not verb.islower() or (base or "") in LIGHT_VERBS:
        return None
    if aux in ("is", "are", "was", "were", "s", "re") and not key(verb).endswith("ing"):
        return None  # a passive or a copula: "Google is owned by", "Meta is huge"
    if key(verb).endswith("ing") and not aux:
        return None  # "Google renting ..." after a name is a noun phrase's modifier
    plural = key(subject[-1]).endswith("s") and not is_name(subject[-1])
    if base is not None and (aux in _PROGRESSIVE | _PERFECT or not key(verb).endswith("ed")):
        verb = base if plural else third_person(base)
    i += 1
    out = [*subject, verb]
    if i < len(words) and key(words[i]) in PARTICLES:
        out.append(words[i])
        i += 1
    if i < len(words) and key(words[i]) in TAIL:
        return None  # "charging for something": no object; its tail alone is weak
    obj = _skip_determiners(words, i)
    end = _noun_run(words, obj, verbs, 4)
    if end == obj:
        return None
    out += words[obj:end]
    core = len(out)
    if end < len(words) and key(words[end]) in TAIL:
        tail_at = _skip_determiners(words, end + 1)
        tail_end = _noun_run(words, tail_at, verbs, 3)
        if tail_end > tail_at and key(words[end]) in PREPOSITIONS:
            out += [words[end], *words[tail_at:tail_end]]
    return out, core
