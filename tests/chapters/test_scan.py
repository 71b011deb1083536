"""The cue scanner finds exactly what ``re.finditer`` finds, only faster."""

from __future__ import annotations

import random
import re

import pytest
from conftest import SHARED

from shownotes.chapters.normalize import TextStream
from shownotes.chapters.rules import default_rules
from shownotes.chapters.scan import MIN_TEXT, Scanner, literal_starts
from shownotes.transcripts import read_transcript

#: Patterns of every shape the scanner treats differently: a word boundary or none, an
#: optional or repeated opening, a leading space, lookarounds, flags, backreferences.
PATTERNS = [
    *(rule.pattern for rule in default_rules()),
    r"story (?P<n>\d+)",
    r"\bstory (?P<n>\d+)",
    r"ory 1",
    r"\b(?:a )?(?:big|small) story\b",
    r"\b(?:next )? ?story",
    r" story",
    r"(?<=next )story",
    r"(?<!next )story\b",
    r"\b(?=s)story|\bnext\b",
    r"(?i)STORY",
    r"\b(\w+) \1\b",
    r"\bst[aeiou]ry",
    r"(?:story)+ 1",
    r"\bnext",
    r"\bnex",
    # more openings than MAX_STRINGS: cut to a shorter length, or to those before the item
    r"\b(?:a|big|small|next) (?:story|next|up|1|2) (?:a|big|small|up|x) (?:story|1|2)\b",
    r"\b(?:story|big) (?:1|2|a|x|up|next|small|story|stories)(?:1|2|a|x|up|next|small|story)",
    r"\bnext (?:1|2|a|x|up|next|small|story|stories)(?:1|2|a|x|up|next|small|story)",
]
WORDS = ["story", "next", "1", "2", "a", "big", "small", "up", "nextstory", "stories", "x"]


def same(pattern: str, text: str) -> None:
    compiled = re.compile(pattern)
    expected = [(m.span(), m.groupdict(), m.groups()) for m in compiled.finditer(text)]
    for index in (True, False):
        scanner = Scanner(text, [compiled], index=index)
        got = [(m.span(), m.groupdict(), m.groups()) for m in scanner.finditer(compiled)]
        assert got == expected


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("separator", [" ", ", ", "  "])
def test_scanner_matches_finditer(pattern: str, separator: str) -> None:
    for seed in range(5):
        chosen = random.Random(seed).choices(WORDS, k=MIN_TEXT // 2)
        same(pattern, separator.join(chosen))


@pytest.mark.skipif(not SHARED.is_dir(), reason="development corpus not present")
def test_scanner_matches_finditer_on_the_corpus() -> None:
    for path in sorted(SHARED.glob("corpus*/*/transcript.*")):
        text = TextStream.build(read_transcript(path).segments).text
        for rule in default_rules():
            same(rule.pattern, text)


def test_literal_starts() -> None:
    assert literal_starts(r"\bquick (?:1s?|hits?)\b") == (("quick 1", "quick hit"), True)
    assert literal_starts(r"(?:a )?story") == (("a story", "story"), False)
    assert literal_starts(r"\b\w+ story") is None  # a class opens it: no strings
    assert literal_starts(r"(?i)story") is None
    many = r"\b(?:a|big|small|next) (?:story|next|up|1|2) (?:a|x) (?:story|1|2)\b"
    starts = literal_starts(many)
    assert starts is not None and len(starts[0]) <= 64 and "next story " in starts[0]
