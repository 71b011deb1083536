"""What each podcast app reads for chapters and the rules it applies, as data with sources.

The built-in rules are ``platforms.yaml`` beside this module; a show picks its apps with
``platforms:`` and changes a rule with ``platform_rules:`` (its config). From them come the
rules of the description's chapter block (:func:`block_rules`, the strictest of the apps
that read descriptions) and the table ``shownotes check --apps`` prints (:mod:`.report`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from shownotes.config import key_line
from shownotes.errors import ConfigError, Problem
from shownotes.models import PlatformRules, Show
from shownotes.outputs.description import BlockRules

RULES_FILE = Path(__file__).resolve().parent / "platforms.yaml"
#: The four ways chapters reach an app.
CHANNELS = ("id3", "json", "psc", "description")
#: The rules a show can change, in PlatformRules' order.
RULE_NAMES = tuple(f.name for f in fields(PlatformRules) if f.name not in ("platform", "reference"))


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule's value (None: nothing documented) and where it comes from."""

    value: Any
    source: str


@dataclass(frozen=True, slots=True)
class Platform:
    """One app: the chapter channels it reads, which it uses when several are there, rules."""

    key: str
    name: str
    reads: Rule
    uses: Rule
    rules: dict[str, Rule]

    def rule(self, name: str) -> Any:
        return self.rules[name].value

    def reads_channel(self, channel: str) -> bool:
        return channel in (self.reads.value or ())


@functools.cache
def builtin_platforms() -> dict[str, Platform]:
    """The apps shownotes knows, from ``platforms.yaml`` (read once)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: several times faster
    data = yaml.load(RULES_FILE.read_text("utf-8"), Loader=loader)
    known = {}
    for key, entry in data.items():
        rules = {name: Rule(entry[name]["value"], entry[name]["source"]) for name in RULE_NAMES}
        known[key] = Platform(
            key=key,
            name=entry["name"],
            reads=Rule(tuple(entry["reads"]["value"]), entry["reads"]["source"]),
            uses=Rule(entry["uses"]["value"], entry["uses"]["source"]),
            rules=rules,
        )
    return known


def _unknown(show: Show, key: str, name: str) -> Problem:
    import difflib  # only for a mistake: a good config checks without it

    close = difflib.get_close_matches(name, list(builtin_platforms()), 1)
    return Problem(
        f"{key}: unknown app {name!r}",
        f"did you mean {close[0]!r}?" if close else f"known apps: {', '.join(builtin_platforms())}",
        show.source,
        key_line(show.source, key) if show.source else None,
    )


def show_platforms(show: Show | None) -> list[Platform]:
    """The show's apps with its own rules applied, in the order its config lists them."""
    known = builtin_platforms()
    if show is None:
        return list(known.values())
    problems = [_unknown(show, "platforms", n) for n in show.platforms if n not in known]
    problems += [
        _unknown(show, "platform_rules", r.platform)
        for r in show.platform_rules
        if r.platform not in known
    ]
    if problems:
        raise ConfigError.from_problems(problems)
    where = f"{show.source.name if show.source else 'the show config'} (platform_rules)"
    chosen = []
    for name in dict.fromkeys(show.platforms):
        platform = known[name]
        for change in (r for r in show.platform_rules if r.platform == name):
            rules = dict(platform.rules)
            for rule in RULE_NAMES:
                value = getattr(change, rule)
                if value is not None:
                    rules[rule] = Rule(value, change.reference or where)
            platform = Platform(platform.key, platform.name, platform.reads, platform.uses, rules)
        chosen.append(platform)
    return chosen


def block_rules(platforms: list[Platform]) -> BlockRules:
    """What the description's chapter block must meet so every app reading it accepts it:
    the longest minimum chapter, the shortest title limit, the smallest byte budget."""
    readers = [p for p in platforms if p.reads_channel("description")]

    def strictest(rule: str, pick: Any) -> tuple[Any, str]:
        values = [(p.rule(rule), p.name) for p in readers if p.rule(rule) is not None]
        if not values:
            return None, ""
        best = pick(v for v, _ in values)
        return best, " and ".join(n for v, n in values if v == best)

    length, length_from = strictest("min_chapter_seconds", max)
    title, title_from = strictest("max_title_length", min)
    sizes = [p.rule("max_description_bytes") for p in platforms]
    limits = [s for s in sizes if s is not None]
    return BlockRules(
        min_chapter_seconds=float(length or 0),
        max_title_length=title,
        length_from=length_from,
        title_from=title_from,
        max_bytes=min(limits) if limits else None,
    )


def enabled_channels(platforms: list[Platform]) -> list[str]:
    """The channels at least one of the show's apps reads, in :data:`CHANNELS` order."""
    return [c for c in CHANNELS if any(p.reads_channel(c) for p in platforms)]
