"""A noun phrase as a title would say it, and phrases that are no topic.

Speech puts words in a phrase that a written title leaves out: a stutter ("life life"), a
restart ("idea the idea of Node"), how the speaker feels about the thing ("exciting
lightning round"), a quantity before what it counts ("a number of times"). :func:`tidy`
takes them out; :func:`full_name` tells a person's name, which a chapter that only mentions
someone should not be titled with.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from shownotes.chapters.phrases import CONNECTORS, is_function, key

#: Words of how a speaker feels about a thing, not what it is (lower case: "Beautiful Soup"
#: is a name).
_EVALUATIVE_TEXT = """
    exciting fascinating incredible wonderful fantastic excellent crazy wild weird brilliant
    beautiful terrible horrible awful lovely fabulous insane
"""
EVALUATIVE = frozenset(_EVALUATIVE_TEXT.split())
#: Nouns of quantity: "a number of times", "a couple of people" are about what follows "of".
_QUANTITY_TEXT = (
    "number numbers couple handful ton tons series variety range plenty amount majority"
)
QUANTITIES = frozenset(_QUANTITY_TEXT.split())


def tidy(words: Sequence[str]) -> tuple[str, ...]:
    """:func:`tidied` of ``words``, each phrase worked out once (a chapter offers the phrases
    it repeats once for every time it says them)."""
    return tidied(tuple(words))


@functools.lru_cache(maxsize=1 << 14)  # pure: the word lists are constants
def tidied(words: tuple[str, ...]) -> tuple[str, ...]:
    """A noun phrase as a title would say it: a stutter said once ("life life" → "life"), a
    quantity left out ("number of times" → "times"), a restart from where it restarts, how
    the speaker feels about it left out ("exciting lightning round").

    >>> tidy("life life".split()), tidy("number of GPUs".split()), tidy("harder and harder".split())
    (('life',), ('GPUs',), ('harder',))
    >>> tidy("idea the idea of Node".split()), tidy("exciting lightning round".split())
    (('idea', 'of', 'Node'), ('lightning', 'round'))
    """
    out: list[str] = []
    for w in words:
        if out and key(w) == key(out[-1]):
            continue
        out.append(w)
    if len(out) > 2 and key(out[0]) in QUANTITIES and key(out[1]) == "of":
        out = out[2:]
    if len(out) == 3 and key(out[1]) in CONNECTORS and key(out[0]) == key(out[2]):
        out = out[:1]
    while len(out) > 1 and out[0].islower() and key(out[0]) in EVALUATIVE:
        out = out[1:]  # how the host feels about it: "exciting lightning round"
    keys = [key(w) for w in out]
    again = max((i for i in range(1, len(out)) if keys[i] in keys[:i]), default=0)
    if again and not is_function(out[again]):
        out = out[again:]  # a restart: "idea the idea of Node" → "idea of Node"
    return tuple(out)


def full_name(words: Sequence[str], names: int) -> bool:
    """Two words, both names, written as a person's are (capitalized, not an acronym).

    >>> full_name(["Lex", "Fridman"], 2), full_name(["AWS", "Lambda"], 2)
    (True, False)
    """
    return (
        len(words) == 2 and names == 2 and all(w[:1].isupper() and not w.isupper() for w in words)
    )
