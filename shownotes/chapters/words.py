"""Content words: what the topic segmenter compares and chapter titles are made of."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

#: Function words, conversational fillers and talk-show verbs: never a topic.
_STOPWORD_TEXT = """
    a about above after again against all almost along already also although always am among an
    and another any anybody anyone anything anyway anyways are aren around as ask asked asking
    at away back be became because become been before being below between both but by can cannot
    cant could couldnt did didnt do does doesnt doing done dont down during each either else
    enough even ever every everybody everyone everything exactly few first for from further get
    gets getting go goes going gone gonna got gotta had hadnt has hasnt have havent having he
    hed hell her here heres hers herself hes him himself his how hows however i id if ill im in
    into is isnt it itd itll its itself ive just kind kinda know knew known let lets like liked
    likely look looking lot lots made make makes making many may maybe me mean means meant might
    mine more most much must my myself need needs never new next no nobody none nor not nothing
    now of off often oh ok okay on once one ones only onto or other others otherwise our ours
    ourselves out over own part people per perhaps please pretty probably put quite rather re
    really right said same say saying says second see seem seemed seems seen shall she shes
    should shouldnt show since so some somebody someone something sometimes somewhat somewhere
    sort sorta still stuff such sure take takes taking talk talked talking tell than thank
    thanks that thatd thatll thats the their theirs them themselves then there theres these they
    theyd theyll theyre theyve thing things think thinking thought this those though through
    thus to today together told too took toward towards try trying two um uh under until up upon
    us use used using very via want wanted wants was wasnt way ways we wed well were werent weve
    what whats whatever when where whereas wheres whether which while who whoever whole whom
    whos whose why will with within without wont would wouldnt yeah yes yet you youd youll your
    youre yours yourself youve year years time times day days week weeks month months great good
    cool awesome nice interesting actually basically literally totally definitely honestly
    certainly simply indeed bit little big guess hey hi hello gosh wow huh hmm mm mmm mhm ah yep
    nope yup alright come comes coming came give gives giving gave keep kept find found feel
    felt call called start started work works worked working talks mention mentioned question
    questions answer idea ideas point points case example examples kinds type types sense fact
    true three four five six seven eight nine ten hundred thousand million billion half couple
    eleven twelve twenty thirty forty fifty sixty seventy eighty ninety dozen whoa mm-hmm uh-huh
    episode podcast tomorrow yesterday wait hold sorry love loved happy glad fun funny least
    best better worse worst less real reason reasons happen happens happened different last old
    long short high low able
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.+#-]*[A-Za-z0-9+#]|[A-Za-z]")
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: lower case, possessive and plural endings off.

    >>> [stem(w) for w in ("Meta's", "centers", "news", "glasses", "class")]
    ['meta', 'center', 'news', 'glass', 'class']
    """
    word = _POSSESSIVE.sub("", word.lower()).replace("’", "").replace("'", "")
    if len(word) > 4 and word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ws")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The words of ``text`` as they were written (punctuation trimmed).

    >>> tokens("Meta's Mad-Max data centers... (jet engines!)")
    ["Meta's", 'Mad-Max', 'data', 'centers', 'jet', 'engines']
    """
    return [w.rstrip(".") for w in _WORD.findall(text)]


def is_content(stemmed: str) -> bool:
    """Whether a stemmed word can carry a topic: not a stop word, a number or too short.

    >>> is_content("meta"), is_content("the"), is_content("2026"), is_content("ai")
    (True, False, False, True)
    """
    return (
        (len(stemmed) > 2 or stemmed in {"ai", "ml", "ui", "os", "go"})
        and stemmed not in STOPWORDS
        and not stemmed.replace(".", "").isdigit()
    )


def content_stems(text: str) -> list[str]:
    """The stems of the content words of ``text``, in order.

    >>> content_stems("So the data centers are, like, powered by jet engines")
    ['data', 'center', 'powered', 'jet', 'engine']
    """
    stems = (stem(w) for w in tokens(text))
    return [s for s in stems if is_content(s)]


@lru_cache(maxsize=1 << 16)
def word_stems(word: str) -> tuple[str, ...]:
    """:func:`content_stems` of one word (without spaces), remembered: the stems of a text
    are those of its space-separated words in turn, since no token spans a space.

    >>> word_stems("data-centers"), word_stems("the")
    (('data-center',), ())
    """
    return tuple(content_stems(word))


def bag(text: str) -> Counter[str]:
    """Content stems of ``text`` with their counts (found a space-separated word at a time,
    each word's stems remembered: see :func:`word_stems`).

    >>> bag("the data centers and the data")
    Counter({'data': 2, 'center': 1})
    """
    return Counter([s for word in text.split() for s in word_stems(word)])
