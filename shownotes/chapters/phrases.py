"""Noun phrases from spoken sentences: the raw material of chapter titles.

No tagger is needed for what titles ask of the text. English marks the edges of a noun phrase
with closed-class words — determiners, pronouns, prepositions, conjunctions, auxiliaries —
and with verbs, and those are few: this module lists them (general English, not one show's
words) and treats every run of other words as a noun phrase, allowing one "of", "for", "and"
or "vs" inside ("type hints for busy programmers", "Anthropic and the NSA").

Verbs outside the common list are recognized from how the episode uses them: a word that mostly
follows a subject pronoun, a modal, "to" or a negation ("you care", "I'd mind", "to ship") is a
verb in this episode (:class:`VerbGuess`).

Two kinds of sentence name a topic outright and get their own helpers: reporting frames ("The
Information reports that X", "according to X") are stripped to the reported clause
(:func:`strip_frames`), and a host's topic markers ("let's talk about X", "it's called X",
"you mentioned X", "what is X?") point at the phrase after them (:func:`marked_topic`).
"""

from __future__ import annotations

import functools
import re
import string
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress

from shownotes.chapters.words import STOPWORDS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = _words(
    """
    a an the this that these those my your our their his her its some any every each no
    another such what which whose whatever all both
    """
)
PRONOUNS = _words(
    """
    i me we us you he him she her it they them myself yourself ourselves themselves itself
    himself herself someone something anything everything nothing everybody somebody anybody
    nobody everyone anyone one y'all ya
    """
)
SUBJECTS = _words("i we you he she they it who")
PREPOSITIONS = _words(
    """
    about above across after against along among around as at before behind below beneath
    beside besides between beyond by despite down during except for from in inside into like
    near of off on onto out outside over past per since than through throughout till to
    toward towards under until up upon via with within without versus vs
    """
)
CONJUNCTIONS = _words(
    """
    and or but nor so yet because although though while whereas if unless whether then than
    plus
    """
)
AUXILIARIES = _words(
    """
    am is are was were be been being have has had having do does did done doing will would
    shall should can could may might must gonna wanna gotta isnt arent wasnt werent dont
    doesnt didnt wont wouldnt cant couldnt shouldnt havent hasnt hadnt aint im youre theyre
    hes shes thats theres whats lets ive youve weve theyve id youd hed shed wed theyd ill
    youll theyll itll thatll heres wheres whos hows
    """
)
ADVERBS = _words(
    """
    not never always often just really very so too also even still already actually
    basically literally pretty quite maybe perhaps probably definitely certainly here there
    now then again ever only almost rather else instead anyway anyways somehow sometimes
    usually simply totally honestly obviously clearly exactly apparently especially recently
    finally quickly slowly immediately directly currently quietly therefore however thus
    hence meanwhile otherwise moreover furthermore nevertheless nonetheless accordingly
    consequently regardless anymore ago
    """
)
FILLERS = _words(
    """
    um uh er ah oh yeah yes yep yup no nope okay ok hmm mm mhm huh wow hey hi hello well
    like right sure cool awesome nice great alright
    """
)
WH_WORDS = _words("what who whom where when why how which")
#: Vague and evaluative words: fine inside a phrase, never at its edge ("a lot of", "cool").
VAGUE = _words(
    """
    lot lots bunch kind kinds sort sorts stuff thing things way ways whole different same
    other others good better best bad worse worst great cool nice awesome interesting
    amazing huge big little real sure fun funny favorite favourite super many much more most
    few less least able last next first second third new old
    """
)
#: Number words and calendar words: a date or an amount is not a topic.
NUMBERS_AND_DATES = _words(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion dozen half percent dollars
    dollar january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday today tomorrow
    yesterday morning evening tonight week weeks month months year years day days
    """
)
#: Words that organize a show rather than name a topic ("story two", "next item").
SHOW_WORDS = _words(
    """
    story stories item items topic topics headline headlines segment chapter episode show
    podcast thing things one ones bit part news question questions
    """
)

#: Common English verbs (base forms); their regular and irregular forms follow from them.
_VERB_BASES = """
    accept add admit agree allow announce answer appear appreciate apply argue arrive ask avoid be
    become chase owe
    begin believe belong break bring build buy call care carry catch cause change charge check
    choose claim close come compare complain consider contain continue cost count cover create
    cut deal decide deliver depend describe deserve destroy die disagree discover discuss do
    drive drop eat enable end enjoy ensure enter expect explain face fail fall feel fight figure
    fill find finish fit fix focus follow forget get give go grab grow guess hand handle hang
    happen hate have hear help hide hit hold hope imagine improve include increase introduce
    invite involve join jump keep kick kill know last laugh launch lead learn leave let lie like
    listen live look lose love make manage matter mean meet mention mind miss move need notice
    offer open own pay pick plan play point prefer prepare pretend prevent produce promise
    prove provide pull push put raise reach read realize receive recommend reduce refer relate
    release remain remember remove rent replace report require respond rest return reveal ride
    rise run save say see seem sell send serve set share shift ship shoot show shut sign sit
    sleep slow solve sound speak spend stand start stay stick stop struggle succeed suggest
    suppose support surprise suspect take talk teach tell tend thank think throw touch track
    treat try turn understand upgrade use wait walk want watch wear win wish wonder work worry
    write
"""
_IRREGULAR = """
    was were been is are am has had did does done said got gotten made went gone knew known
    thought took taken saw seen came gave given told found felt became left meant kept began
    begun brought wrote written sat stood lost paid met led understood spoke spoken spent grew
    grown won bought sent built fell fallen held ran heard chose chosen broke broken ate eaten
    drove driven forgot forgotten hid hidden hit hung laid lay lied rode rose shot shut slept
    sold taught threw thrown wore worn caught fought sought
"""


def _inflections(base: str) -> set[str]:
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        if len(base) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", base):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


VERBS = frozenset(
    {form for base in _VERB_BASES.split() for form in _inflections(base)} | set(_IRREGULAR.split())
)
#: Words that never start, end or form a noun phrase.
FUNCTION_WORDS = (
    DETERMINERS | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | ADVERBS | FILLERS
) | WH_WORDS
#: Words allowed inside a noun phrase between two content words.
CONNECTORS = frozenset({"of", "for", "and", "vs", "versus", "&"})
#: Reporting verbs: "X reports that ...", "X says ...".
REPORTING = _words(
    """
    reports reported report says said writes wrote notes noted claims claimed announced
    announces reveals revealed confirms confirmed argues argued explains explained suggests
    suggested shows showed finds found
    """
)
#: Words a verb follows: a subject, an auxiliary or "to" (:meth:`VerbGuess.add`).
_VERB_AFTER = SUBJECTS | AUXILIARIES | {"to"}
_ARTICLES = frozenset({"the", "a", "an"})
#: Stands between two sentences in :meth:`VerbGuess.add_all`: no word's key (:func:`key`
#: takes every apostrophe out), so no word list has it.
_APART = "'"
#: Words after which a host names the topic: "talk about X", "it's called X", "you mentioned X".
TOPIC_MARKERS = _words("about called mentioned named regarding re")

#: A verb made with -ize or -ise ("optimize", "categorised").
_IZE = re.compile(r"..i[sz](?:e|es|ed|ing)$")
#: Where a clause ends: ``(?<=[^\s])[.!?…;:,]+(?=\s|$)|[()\[\]\"“”—–]|\s-\s|\.\.\.``, in two
#: patterns (:func:`clause_parts`): the punctuation, written to open on a character class
#: (each alternative then checks the character it opened on by looking back) so that ``re``
#: skips the letters in between instead of trying each of them; and a dash between spaces,
#: which would make it stop at every space. The two never match the same characters.
_CLAUSE_BREAK = re.compile(
    r"[.!?…;:,()\[\]\"“”—–]"
    r"(?:(?<=[^\s][.!?…;:,])[.!?…;:,]*(?=\s|$)"
    r"|(?<=[()\[\]\"“”—–])"
    r"|(?<=\.)\.\.)"
)
_SPACED_DASH = re.compile(r"\s-\s")
#: A sentence's end, captured: splitting by it gives the sentences and their ends in turn.
#: (``([.!?…]+)(?=\s|$)``, written to open on a character class: ``re`` then skips to the
#: next mark instead of trying a match at every character.)
_SENTENCE_END = re.compile(r"([.!?…][.!?…]*)(?=\s|$)")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.+#&@/-]*[A-Za-z0-9+#]|[A-Za-z0-9&]")


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked for every word many times
def key(word: str) -> str:
    """The lower-case form of a word without apostrophes, for the word lists.

    >>> key("Don't"), key("Meta’s")
    ('dont', 'metas')
    """
    return word.lower().replace("'", "").replace("’", "")


def words_of(text: str) -> list[str]:
    """The words of ``text`` as written, with dots inside words kept ("Node.js", "5.5").

    >>> words_of("So, story one: Meta's tent data-centers (in Node.js 22.7).")
    ['So', 'story', 'one', "Meta's", 'tent', 'data-centers', 'in', 'Node.js', '22.7']
    """
    # a word ends in a letter, a digit, "+" or "#" (or is one of them, or "&"), never a dot
    return _WORD.findall(text)


def clause_parts(text: str) -> list[str]:
    """``text`` split where a clause ends (:data:`_CLAUSE_BREAK`, then :data:`_SPACED_DASH`).

    >>> clause_parts("So, Meta - of all companies - rents tents... (in Ohio)")
    ['So', ' Meta', 'of all companies', 'rents tents', ' ', 'in Ohio', '']
    """
    parts = _CLAUSE_BREAK.split(text)
    if "-" in text:
        parts = [part for broken in parts for part in _SPACED_DASH.split(broken)]
    return parts


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a chapter: its clauses (lists of words) and whether it asks something."""

    clauses: tuple[tuple[str, ...], ...]
    question: bool
    #: Index of the sentence in its chapter (0 = the first).
    index: int = 0

    @property
    def words(self) -> list[str]:
        return [w for clause in self.clauses for w in clause]


#: Delete what plain words are made of: a text they leave empty has no other character.
_LETTERS_AND_SPACES = str.maketrans("", "", string.ascii_letters + string.digits + " ")
_WORDLIKE = str.maketrans("", "", string.ascii_letters + string.digits + " '’-")
#: An apostrophe or a hyphen at a word's edge, in a text with a space on either side.
_LOOSE_EDGES = (" '", "' ", " ’", "’ ", " -", "- ")


def _clause_words(part: str) -> list[str]:
    """:func:`words_of` a clause, by ``str.split`` where that is the same and far cheaper than
    a match a word: a part of letters, digits and spaces only, or with apostrophes and
    hyphens only inside words (every word then starts and ends with a letter or a digit)."""
    if not part.translate(_LETTERS_AND_SPACES):
        return part.split()
    if not part.translate(_WORDLIKE):
        padded = f" {part} "
        if not any(edge in padded for edge in _LOOSE_EDGES):
            return part.split()
    return _WORD.findall(part)


def sentences(texts: Iterable[str]) -> list[Sentence]:
    """The sentences of a chapter's segment texts, split into clauses at punctuation.

    >>> [s.question for s in sentences(["Next up. What did you learn, Ann?", "We hired early"])]
    [False, True, False]
    """
    found: list[Sentence] = []
    for text in texts:
        split = _SENTENCE_END.split(text)
        pieces, ends = split[::2], split[1::2]
        for i, piece in enumerate(pieces):
            clauses = tuple(map(tuple, filter(None, map(_clause_words, clause_parts(piece)))))
            if clauses:
                question = i < len(ends) and "?" in ends[i]
                found.append(Sentence(clauses, question, len(found)))
    return found


@dataclass(slots=True)
class VerbGuess:
    """Which words the episode uses as verbs: those that mostly follow a subject, a modal,
    "to" or a negation."""

    as_verb: Counter[str] = field(default_factory=Counter)
    seen: Counter[str] = field(default_factory=Counter)
    #: What :func:`noun_phrases` needs to know of a word, until the next :meth:`add`.
    _classes: dict[str, tuple[bool, bool, bool, bool]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def add(self, words: Sequence[str]) -> None:
        """Count ``words`` (a sentence): every word as seen, and as a verb where it follows a
        subject, an auxiliary or "to" (not "to" after a preposition), or precedes an article
        but no determiner ("workers crowd the harbor": a noun rarely takes "the"). The first
        word never counts as a verb."""
        self.add_all([words])

    def add_all(self, sentences: Iterable[Sequence[str]]) -> None:
        """Count the words of every sentence as :meth:`add` says, in one pass over all their
        words: the sentences' keys in one list, each sentence between two :data:`_APART`
        marks (no word's key), which stand for a sentence's ends and are counted neither as
        seen nor as a verb (nor is the word after one: a first word)."""
        self._classes.clear()
        keys = [_APART]
        for words in sentences:
            keys += map(key, words)
            keys.append(_APART)
        self.seen.update(keys)
        del self.seen[_APART]
        # A word counts right after a word of _VERB_AFTER or right before an article: only
        # the words next to those are looked at, found with compress (at C speed). The
        # first and last keys are _APART marks, so every word has a key before and after it.
        n = len(keys)
        at = {
            i + 1
            for i in compress(range(1, n - 2), map(_VERB_AFTER.__contains__, keys[1 : n - 2]))
            if keys[i + 1] != _APART and (keys[i] != "to" or keys[i - 1] not in PREPOSITIONS)
        }
        at.update(
            i - 1
            for i in compress(range(3, n), map(_ARTICLES.__contains__, keys[3:]))
            if keys[i - 1] != _APART and keys[i - 2] != _APART and keys[i - 2] not in DETERMINERS
        )
        self.as_verb.update([keys[i] for i in sorted(at)])

    def is_verb(self, word: str) -> bool:
        k = key(word)
        # (an -ize match is at most eight characters long: searched for at the end only)
        if k in VERBS or (word.islower() and _IZE.search(k, max(0, len(k) - 8))):
            return True
        seen = self.seen.get(k, 0)  # (a Counter's [] calls __missing__ for an unseen word)
        return seen >= 1 and self.as_verb.get(k, 0) / seen > 0.5


#: Endings of adverbs that no name ends in: "Gradually", "Obviously", "Effectively".
_ADVERB_SUFFIXES = ("ually", "ially", "ously", "ively", "fully", "ably", "ibly", "ently", "antly")


@functools.lru_cache(maxsize=1 << 16)  # pure: the word lists are constants
def is_function(word: str) -> bool:
    """A closed-class word, a filler or a vague word: never at a phrase's edge.

    >>> is_function("the"), is_function("cool"), is_function("type"), is_function("quickly")
    (True, True, False, True)
    >>> is_function("Therefore"), is_function("Gradually"), is_function("Beverly")
    (True, True, False)
    """
    k = key(word)
    if k in FUNCTION_WORDS or k in SHOW_WORDS or k in VAGUE or k.replace(".", "").isdigit():
        return True
    if all(part in NUMBERS_AND_DATES for part in k.split("-")):
        return True
    # -ly adverbs ("quickly", "directly"), not names or nouns like "family" or "supply"; one
    # that opens a sentence ("Gradually") by the suffixes names do not end in
    if len(k) > 5 and k.endswith("ly") and word.islower() and k[-3] not in "aioup":
        return True
    return word[1:].islower() and k.endswith(_ADVERB_SUFFIXES) and len(k) > 7


def strip_frames(words: Sequence[str]) -> list[str]:
    """The reported clause of a sentence: "X reports that Y" → Y, "according to X, Y" → Y.

    >>> strip_frames("The Information reports that Meta is renting tents".split())
    ['Meta', 'is', 'renting', 'tents']
    >>> strip_frames("The Financial Times says Meta rents tents".split())
    ['Meta', 'rents', 'tents']
    >>> strip_frames("according to Reuters Meta is renting tents".split())
    ['Meta', 'is', 'renting', 'tents']
    >>> strip_frames("Meta rents tents".split())
    ['Meta', 'rents', 'tents']
    """
    keys = [key(w) for w in words]
    for i, k in enumerate(keys):
        if k in REPORTING and i + 1 < len(keys) and keys[i + 1] == "that":
            return list(words[i + 2 :])
        # "The Financial Times says Anthropic ...": a named source, then the verb
        if k in REPORTING and 0 < i <= 4 and words[i - 1][:1].isupper() and i + 1 < len(keys):
            return list(words[i + 1 :])
    for i in range(len(keys) - 1):
        if keys[i] == "according" and keys[i + 1] == "to":
            rest = list(words[i + 2 :])
            # the source is a name: "according to (the) Reuters Meta rents" drops "Reuters"
            j = 1 if rest and key(rest[0]) == "the" else 0
            caps = j
            while caps < len(rest) and rest[caps][:1].isupper():
                caps += 1
            drop = caps if caps == len(rest) or caps - j < 2 else caps - 1
            return list(words[:i]) + rest[max(drop, 1) :]
    return list(words)


def noun_phrases(
    words: Sequence[str],
    verbs: VerbGuess | None = None,
    names: Callable[[str], bool] | None = None,
) -> list[tuple[int, list[str]]]:
    """(position, words) of each noun phrase in a clause: runs of content words, with at most
    one connector inside, trimmed of function words at both ends. With ``names`` (whether a
    word is a name), a name after two or more common words starts a new phrase.

    >>> [p for _, p in noun_phrases("we talked about type hints for busy programmers".split())]
    [['type', 'hints', 'for', 'busy', 'programmers']]
    >>> [p for _, p in noun_phrases("Meta is putting up tent data centers".split())]
    [['Meta'], ['tent', 'data', 'centers']]
    """
    verbs = verbs or VerbGuess()
    classes = verbs._classes
    found: list[tuple[int, list[str]]] = []
    run: list[str] = []
    start = 0

    def close() -> None:
        phrase = _trim(run)
        if len(phrase) > 1 and _participle(phrase[-1]):
            phrase = _trim(phrase[:-1])  # "data centers powered (by jets)", "Anthropic placed"
        if phrase:
            found.append((start + run.index(phrase[0]), phrase))

    connectors = 0
    for i, word in enumerate(words):
        known = classes.get(word)
        if known is None:
            known = classes[word] = _classify(word, verbs)
        content, numeric, possessive, connector = known
        if content or (numeric and bool(run)) or possessive:
            if len(run) >= 2 and names is not None and names(word) and not names(run[-1]):
                close()  # "model builders Xiaomi Meituan": a list of names starts
                run, connectors = [], 0
            if not run:
                start = i
            run.append(word)
            continue
        if connector and run and connectors == 0 and not is_function(run[-1]):
            run.append(word)
            connectors += 1
            continue
        if run:  # most words end no phrase: they follow another function word
            close()
            run, connectors = [], 0
    if run:
        close()
    return found


def _classify(word: str, verbs: VerbGuess) -> tuple[bool, bool, bool, bool]:
    """Whether a word is a content word, a number, a possessive of one, a connector."""
    k = key(word)
    content = not is_function(word) and not verbs.is_verb(word) and not k.isdigit()
    numeric = k.replace(".", "").isdigit() or k.isdigit()
    possessive = k.endswith("s") and word[-2:-1] in "'’" and not is_function(word[:-2])
    return content, numeric, possessive, k in CONNECTORS


def _participle(word: str) -> bool:
    """A lower-case -ed word: at the end of a noun phrase it is the verb after it.

    >>> _participle("placed"), _participle("speed"), _participle("red"), _participle("Ted")
    (True, False, False, False)
    """
    k = key(word)
    return word.islower() and len(k) >= 5 and k.endswith("ed") and not k.endswith("eed")


def _trim(words: Sequence[str]) -> list[str]:
    words = list(words)
    while words and (is_function(words[0]) or key(words[0]) in CONNECTORS):
        words.pop(0)
    while words and (is_function(words[-1]) or key(words[-1]) in CONNECTORS):
        words.pop()
    return words


#: Verbs a host starts a topic with: "let's start with X", "kick off with X".
_STARTS = frozenset({"start", "starting", "begin", "beginning", "kick", "kicking", "open"})
#: Verbs after which a guest is asked to present X: "can you explain X", "walk us through X".
_PRESENT = frozenset({"explain", "describe", "through"})
#: "what is going on with X", "what's happening with X": the topic follows "with".
_HAPPENING = frozenset({"going", "happening", "up", "new", "deal", "story", "latest"})
#: Prepositions allowed once inside a marked topic ("your journey to OpenAI", "the effect on
#: philanthropy"), when a content word follows.
_INNER = frozenset({"of", "for", "to", "on", "in", "vs", "versus", "behind"})
#: Words before the topic a marker points at: "about all the (many) X", "what is it like".
_LEADING = (
    DETERMINERS | VAGUE - {"next", "last", "first"} | _words("is are was like so really just even")
)
_ORDINAL = frozenset(
    {"the", "one", "first", "second", "third", "other", "another", "next", "last", "thing"}
)
#: Verbs of intent in a pseudo-cleft: "the thing I want to highlight is X".
_INTENT = frozenset({"want", "wanna", "going", "gonna", "like", "would", "d"})


def gerund(verb: str) -> str:
    """The -ing form of a verb's base form.

    >>> gerund("hire"), gerund("grow"), gerund("ship"), gerund("lie"), gerund("see")
    ('hiring', 'growing', 'shipping', 'lying', 'seeing')
    """
    v = verb.lower()
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and len(v) > 2:
        return v[:-1] + "ing"
    if len(v) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", v):
        return v + v[-1] + "ing"
    return v + "ing"


def _marker(keys: Sequence[str], question: bool) -> tuple[int, str] | None:
    """Where the topic a host points at begins, and how it is marked: ``"np"`` (a noun phrase
    follows) or ``"vp"`` ("how did you grow the project": a verb phrase to make a gerund of)."""
    found: tuple[int, str] | None = None
    first = next((i for i, k in enumerate(keys) if k not in FILLERS | CONJUNCTIONS), 0)
    for i, k in enumerate(keys):
        before = keys[i - 1] if i else ""
        if k in ("called", "named") and before in SUBJECTS:
            continue  # "he called an emergency meeting": a verb, not "a tool called X"
        if k in TOPIC_MARKERS or (k == "call" and before in SUBJECTS):
            found = (i + 1, "np")
        elif k in ("what", "whats"):
            j = i + 1 if k == "whats" else i + 2
            if k == "what" and (i + 1 >= len(keys) or keys[i + 1] not in ("is", "are", "was")):
                continue
            # "what is going on with X", "what's new with X"
            ahead = keys[j : j + 4]
            if ahead and ahead[0] in _HAPPENING and "with" in ahead:
                j += ahead.index("with") + 1
            found = (j, "np")
        elif (
            (k == "with" and before in _STARTS | {"off"})
            or (k == "of" and before in ("think", "thoughts"))
            or (k in _PRESENT and (k != "through" or before in ("walk", "take", "us", "me")))
        ):
            found = (i + 1, "np")
        elif k == "how" and question and i + 3 < len(keys):
            # "how did you grow the project?" → "growing the project"
            if keys[i + 1] in ("did", "do", "does", "would", "can", "could", "should") and (
                keys[i + 2] in SUBJECTS
            ):
                found = (i + 3, "vp")
        elif k == "is" and not question and i > first and "is" not in keys[first:i]:
            # pseudo-clefts: "the thing I want to highlight is X", "what worries me is X"
            head = keys[first:i]
            cleft_thing = ("thing" in head or "one" in head) and bool(_INTENT & set(head))
            cleft_what = head[:1] == ["what"] and "me" in head
            # an item of a list the host announced: "one is X", "the first is X"
            item = 0 < len(head) <= 3 and set(head) <= _ORDINAL
            if (cleft_thing and ("i" in head or "we" in head)) or cleft_what or item:
                found = (i + 1, "np")
    return found


def _list_item(words: Sequence[str], at: int, stops: Collection[int]) -> bool:
    """Whether the clause starting at ``at`` is a short last item of a list ("sales, then
    logistics"): a conjunction and at most two more words up to the next break or the end."""
    end = min([i for i in stops if i > at] + [len(words)])
    return key(words[at]) in ("and", "or", "then", "vs", "versus") and end - at <= 3


def marked_topic(
    words: Sequence[str],
    verbs: VerbGuess | None = None,
    question: bool = False,
    stops: Collection[int] = (),
) -> list[str]:
    """The phrase a host points at: after "about", "called", "mentioned", "start with"; in a
    question after "what is" ("what's going on with X", "what was your X") or "explain";
    the subject of "how did you V X" as a gerund ("growing X"); and the focus of a
    pseudo-cleft ("the thing I want to highlight is X"). A gerund right after the marker is
    kept ("about hiring early"); the phrase ends at a clause break (``stops``: indices of the
    words that start a clause).

    >>> marked_topic("what did you learn about hiring early".split())
    ['hiring', 'early']
    >>> marked_topic("what is signposting".split(), question=True)
    ['signposting']
    >>> marked_topic("so the first is something you call sales then logistics".split())
    ['sales', 'then', 'logistics']
    >>> marked_topic("what was your journey to OpenAI".split(), question=True)
    ['journey', 'to', 'OpenAI']
    >>> marked_topic("what is going on with the SpaceX IPO".split(), question=True)
    ['SpaceX', 'IPO']
    >>> marked_topic("how did you grow the project".split(), question=True)
    ['growing', 'the', 'project']
    >>> marked_topic("how did you attract so many contributors".split(), question=True)
    ['attracting', 'contributors']
    >>> marked_topic("but the thing I wanna highlight is Parcel".split())
    ['Parcel']
    >>> marked_topic("I have no idea".split())
    []
    """
    verbs = verbs or VerbGuess()
    keys = [key(w) for w in words]
    marked = _marker(keys, question)
    if marked is None:
        return []
    start, kind = marked
    if kind == "vp":
        verb = words[start] if start < len(words) else ""
        if not verb or key(verb) in FUNCTION_WORDS or not verb.islower():
            return []
        rest = marked_topic(["about", *words[start + 1 :]], verbs, False, ())
        if not rest:
            return []
        k = start + 1
        while k < len(words) and key(words[k]) in DETERMINERS and key(words[k]) in ("the", "a"):
            k += 1
        article = list(words[start + 1 : k])
        return [gerund(key(verb)), *article, *rest]
    tail = list(words[start:])
    tail_stops = {i - start for i in stops if i > start}
    skipped = 0
    while tail and key(tail[0]) in _LEADING and (key(tail[0]) not in ADVERBS or len(tail) > 1):
        tail.pop(0)
        skipped += 1
    tail_stops = {i - skipped for i in tail_stops}
    if tail and key(tail[0]) in WH_WORDS:
        tail.pop(0)  # "explain what resume matcher does"
        tail_stops = {i - 1 for i in tail_stops}
    taken: list[str] = []
    inner = 0
    for j, word in enumerate(tail):
        k = key(word)
        gerund_start = j == 0 and k.endswith("ing") and len(k) > 4
        if taken and j in tail_stops and not _list_item(tail, j, tail_stops):
            break
        nxt = tail[j + 1] if j + 1 < len(tail) else ""
        noun = not verbs.is_verb(nxt) or (key(nxt).endswith("ing") and nxt.islower())
        inside = nxt and not is_function(nxt) and noun
        if taken and k in _INNER and not inner and inside and not is_function(taken[-1]):
            taken.append(word)
            inner += 1
            continue
        relative = k in ("that", "which", "who", "whose", "where", "when")
        if taken and (k in SUBJECTS or k in AUXILIARIES or relative or k in PREPOSITIONS):
            break
        if taken and k in VERBS and word.islower():
            break  # "building on fly gives you"
        if not gerund_start and taken == [] and (is_function(word) or verbs.is_verb(word)):
            return []
        if len(taken) >= 6:
            break
        if k in FILLERS - {"like", "right", "well"} or (taken and k == key(taken[-1])):
            continue  # "graph uh nearest neighbors", "on fly fly"
        taken.append(word)
    while taken and key(taken[-1]) in FUNCTION_WORDS - ADVERBS | CONNECTORS | STOPWORDS | _INNER:
        taken.pop()
    while taken and key(taken[-1]) in ADVERBS and key(taken[-1]) in ("here", "there", "now"):
        taken.pop()
    return taken
