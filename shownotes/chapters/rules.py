"""Cue rules: load the packaged defaults, merge a show's own rules, find cues in a transcript."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from shownotes.chapters.normalize import TextStream, normalize_each
from shownotes.chapters.scan import Scanner
from shownotes.models import CueRule, Detection, Segment

DEFAULT_RULES_FILE = "default_rules.yaml"
#: The kinds a rule may have (``CueRule.kind``).
KINDS = ("story", "quick", "segment", "sponsor", "wrapup", "intro", "outro")


@dataclass(frozen=True, slots=True)
class Cue:
    """A rule's match in the transcript: the segment it starts in and what it says."""

    segment: int
    time: float
    rule: CueRule
    #: Position of the rule in the rule list (lower = tried earlier).
    order: int
    #: The story number the pattern captured, if any.
    number: int | None = None
    #: The normalized text the pattern matched.
    text: str = ""
    #: Where the match starts in the :class:`TextStream`'s text.
    offset: int = 0

    @property
    def kind(self) -> str:
        return self.rule.kind

    @property
    def weak(self) -> bool:
        return self.rule.weak


def _rule_from_mapping(entry: Any, where: str) -> CueRule:
    if not isinstance(entry, dict) or "pattern" not in entry or "kind" not in entry:
        raise ValueError(f"{where}: a rule needs 'pattern' and 'kind', got {entry!r}")
    unknown = set(entry) - {"pattern", "kind", "label", "weak"}
    if unknown:
        raise ValueError(f"{where}: unknown rule keys {sorted(unknown)}")
    if entry["kind"] not in KINDS:
        raise ValueError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    return CueRule(
        pattern=str(entry["pattern"]),
        kind=entry["kind"],
        label=str(entry.get("label") or ""),
        weak=bool(entry.get("weak", False)),
    )


def parse_rules(text: str, where: str = DEFAULT_RULES_FILE) -> tuple[CueRule, ...]:
    """Cue rules from YAML text: a mapping with a ``rules`` list (or the list itself).

    >>> parse_rules("rules: [{pattern: 'quick 1', kind: quick, label: Quick one}]")
    (CueRule(pattern='quick 1', kind='quick', label='Quick one', weak=False),)
    """
    data = yaml.safe_load(text)
    entries = data.get("rules", []) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ValueError(f"{where}: expected a list of rules")
    return tuple(
        _rule_from_mapping(entry, f"{where}: rule {i + 1}") for i, entry in enumerate(entries)
    )


@cache
def default_rules() -> tuple[CueRule, ...]:
    """The rule set shipped with shownotes (``shownotes/detect/default_rules.yaml``)."""
    text = resources.files(__package__).joinpath(DEFAULT_RULES_FILE).read_text("utf-8")
    return parse_rules(text)


def load_rules(settings: Detection | None = None) -> tuple[CueRule, ...]:
    """The rules detection tries, in order: the show's own, then the defaults.

    >>> from shownotes.models import Detection
    >>> mine = CueRule(pattern="listener mail", kind="segment", label="Mailbag")
    >>> load_rules(Detection(rules=(mine,), replace_default_rules=True))
    (CueRule(pattern='listener mail', kind='segment', label='Mailbag', weak=False),)
    >>> load_rules()[0].kind
    'sponsor'
    """
    settings = settings or Detection()
    if settings.replace_default_rules:
        return tuple(settings.rules)
    return (*settings.rules, *default_rules())


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _number(match: re.Match[str]) -> int | None:
    value = match.groupdict().get("n")
    return int(value) if value and value.isdigit() else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint ``spans``."""
    i = bisect_left(spans, (start, start))
    return (i < len(spans) and spans[i][0] < end) or (i > 0 and spans[i - 1][1] > start)


#: A unit after an item cue's words makes them a quantity ("story 2 minutes", "a quick one
#: second"), not the start of an item: the same check for every rule of an item kind, where
#: the rules used to list such words one by one.
_QUANTITY = re.compile(
    r" (?:percent|per cent|minutes?|mins?|seconds?|secs?|2nd|hours?|days?|weeks?|months?"
    r"|years?|times?)\b"
)
_ITEM_KINDS = ("story", "quick")


def find_cues(
    segments: tuple[Segment, ...] | list[Segment],
    rules: tuple[CueRule, ...],
    stream: TextStream | None = None,
) -> list[Cue]:
    """Every cue in the transcript, at most one per segment, in time order.

    Rules are tried in order; a span of text one rule matched is not matched again by a later
    rule, and when several cues start in one segment the earliest rule wins.

    >>> from shownotes.models import Segment
    >>> segs = [Segment(0, 5, "Big news today. So story"), Segment(5, 9, "One is about X.")]
    >>> rule = CueRule(pattern=r"story (?P<n>\\d+)", kind="story", label="Story {n}")
    >>> [(c.segment, c.number) for c in find_cues(segs, (rule,))]
    [(0, 1)]
    """
    stream = stream or TextStream.build(segments)
    scanner = Scanner(stream.text, [_compile(rule.pattern) for rule in rules])
    claimed: list[tuple[int, int]] = []
    best: dict[int, Cue] = {}
    for order, rule in enumerate(rules):
        for match in scanner.finditer(_compile(rule.pattern)):
            start, end = match.span()
            if end == start or _overlaps(claimed, start, end):
                continue
            if rule.kind in _ITEM_KINDS and _QUANTITY.match(stream.text, end):
                continue
            insort(claimed, (start, end))
            index = stream.segment_at(start)
            if index in best and best[index].order <= order:
                continue
            best[index] = Cue(
                segment=index,
                time=segments[index].start,
                rule=rule,
                order=order,
                number=_number(match),
                text=match.group(0),
                offset=start,
            )
    return [best[i] for i in sorted(best)]


def find_cues_each(texts: Sequence[str], rules: tuple[CueRule, ...]) -> list[list[Cue]]:
    """:func:`find_cues` of each text on its own (as a transcript of one segment), the texts
    normalized in one pass (:func:`~shownotes.chapters.normalize.normalize_each`) instead of
    one at a time.

    >>> rule = CueRule(pattern=r"story (?P<n>\\d+)", kind="story", label="Story {n}")
    >>> [[c.number for c in cues] for cues in find_cues_each(["So story", "story two"], (rule,))]
    [[], [2]]
    """
    return [
        find_cues([Segment(0.0, 1.0, text)], rules, TextStream(normalized, (0,)))
        for text, normalized in zip(texts, normalize_each(texts), strict=True)
    ]
