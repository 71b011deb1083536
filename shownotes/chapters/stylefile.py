"""The rules file ``shownotes learn`` writes: ``detection:`` keys, with comments saying how
each learned rule did on the training episodes and which were dropped.

Written line by line (not by a YAML dumper) so the comments sit beside what they describe;
every number has a fixed format, so the same :class:`~shownotes.chapters.style.Learned` gives
a byte-identical file. It loads with :func:`shownotes.config.load_rules_file`.
"""

from __future__ import annotations

from shownotes.chapters.style import CHANCE, MIN_EPISODES, Learned, LearnedRule


def _quote(text: str) -> str:
    """A YAML single-quoted scalar (any one-line text).

    >>> _quote("it's")
    "'it''s'"
    """
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return "'" + flat.replace("'", "''") + "'"


def _number(value: float | None) -> str:
    return "null" if value is None else f"{value:g}"


def _stats_comment(r: LearnedRule) -> str:
    return (
        f"{_quote(r.phrase)}: hit {r.hits} chapter starts ({r.new} the built-in rules miss)"
        f" in {r.episodes} of the episodes, missed {r.misses} times"
        f" (precision {r.precision:.2f})"
    )


def rules_yaml(learned: Learned, version: str = "") -> str:
    """The rules file: ``detection:`` keys with comments on how each rule did."""
    style = learned.style
    who = f" of {learned.show}" if learned.show else ""
    by = f"shownotes learn {version}".rstrip()
    lines = [
        f"# Chapter style{who}, learned by `{by}` from {style.episodes} episodes"
        f" ({style.chapters} chapters).",
        "# Use it with `detection: {rules_file: THIS_FILE}` in the show config, or paste the",
        "# keys below under `detection:`; or try it: `shownotes chapters EPISODE --rules FILE`.",
        "# Edit freely; running `shownotes learn -o` again replaces this file as a whole.",
        "#",
        "# A rule's hits are chapter starts it fired at (within 15 s) in the training episodes,",
        "# its misses the times it fired anywhere else. Kept: precise rules that find chapter",
        f"# starts the built-in rules miss, in {MIN_EPISODES} or more episodes.",
        "#",
        "# Trained on:",
    ]
    lines += [
        f"#   {name}: {count} chapters from {origin}" for name, origin, count in learned.origins
    ]
    if learned.hosts:
        lines.append(f"# Hosts (the <host> slot): {', '.join(learned.hosts)}")
    lines.append("#")
    if learned.dropped:
        lines.append("# Dropped: precise, but not used:")
        for r in learned.dropped:
            lines.append(f"#   {_stats_comment(r)}; {_why(r)}")
    else:
        lines.append("# Dropped: none.")
    lines.append("")
    if learned.rules:
        lines.append("rules:")
        for r in learned.rules:
            lines.append(f"  # {_stats_comment(r)}")
            lines.append(f"  - pattern: {_quote(r.rule.pattern)}")
            lines.append(f"    kind: {r.rule.kind}")
            lines.append(f"    label: {_quote(r.rule.label)}")
    else:
        lines.append("rules: []  # no phrase was precise enough in two or more episodes")
    if learned.intro_title:
        lines.append(f"intro_title: {_quote(learned.intro_title)}  # the opening's usual title")
    lines += [
        "style:",
        f"  episodes: {style.episodes}  # the evidence: the default length prior counts as 5",
        f"  chapters: {style.chapters}",
        f"  chapter_seconds: {_number(style.chapter_seconds)}  # median chapter length",
        f"  spread: {_number(style.spread)}  # spread of ln(length)",
        f"  chapters_per_episode: {_number(style.chapters_per_episode)}  # median",
        f"  intro_seconds: {_number(style.intro_seconds)}  # where the first chapter after the"
        " opening starts (median)",
        f"  sponsor_seconds: {_number(style.sponsor_seconds)}  # where a recurring sponsor"
        " chapter starts (median)",
        f"  closing: {_quote(style.closing) if style.closing else 'null'}  # the usual last"
        " chapter",
    ]
    if style.sections:
        lines.append("  sections:  # chapter titles that recur; 'at' is where (0 start, 1 end)")
        for s in style.sections:
            lines.append(f"    - title: {_quote(s.title)}")
            lines.append(f"      episodes: {s.episodes}")
            lines.append(f"      at: {_number(s.at)}")
    else:
        lines.append("  sections: []")
    return "\n".join(lines) + "\n"


def _why(rule: LearnedRule) -> str:
    if rule.reason == CHANCE:
        return f"too few to tell from chance, in {', '.join(rule.names)}"
    return f"would overfit, only in {', '.join(rule.names)}"


def dropped_reason(rule: LearnedRule) -> str:
    """Why ``learn`` did not use a precise phrase, and its figures, in one line.

    >>> from shownotes.models import CueRule
    >>> rule = LearnedRule(CueRule("x", "story"), "x", 5, 0, 1, 5, ("ep01",), "one episode")
    >>> dropped_reason(rule)
    'the chapter starts it adds are all in one training episode (ep01; 5 hits, 0 misses)'
    """
    figures = f"{', '.join(rule.names)}; {rule.hits} hits, {rule.misses} misses"
    if rule.reason == CHANCE:
        return (
            f"adds chapter starts in {len(rule.names)} training episodes, still too few to "
            f"tell from chance among the thousands of phrases tried ({figures})"
        )
    return f"the chapter starts it adds are all in one training episode ({figures})"
