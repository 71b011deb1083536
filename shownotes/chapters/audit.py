"""Audit cue rules on a corpus: per rule and show, how often it fires and how often rightly.

A rule *fires correctly* when its match lies where its kind says it should:

- a chapter-opening kind (story, quick, segment, wrapup) within the scoring tolerance (15 s)
  of a publisher's chapter start;
- ``intro`` (the show's own opening) before the first publisher chapter after 0;
- ``outro`` (the sign-off) in the closing stretch, in the last publisher chapter or at its
  start;
- ``sponsor`` (an ad read's opening) where no publisher chapter starts (an ad read stays in
  the chapter around it) and the sponsor is named in the read (see
  :func:`~shownotes.chapters.signals.sponsor_names`).

The issue's bar: a default rule stays only if it fires correctly in at least two shows
(:data:`MIN_SHOWS`). ``shownotes eval CORPUS --rules`` prints the table
(:func:`format_audit`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from shownotes.chapters.detector import Context, prepared_cues
from shownotes.chapters.rules import default_rules
from shownotes.models import CueRule, Detection
from shownotes.transcripts import read_transcript

TOLERANCE_SECONDS = 15.0
#: An ad read names its sponsor within this many seconds of its opening.
SPONSOR_NAMED_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class RuleCount:
    """One rule on one show: matches, and matches where its kind says they belong."""

    rule: int
    show: str
    hits: int
    correct: int


def _correct(kind: str, time: float, truth: Sequence[float], ctx: Context) -> bool:
    starts = [t for t in truth if t > 0]
    near = any(abs(time - t) <= TOLERANCE_SECONDS for t in starts)
    if kind == "intro":
        return not starts or time < starts[0] - TOLERANCE_SECONDS
    if kind == "outro":
        return ctx.in_closing(time) and (near or not starts or time >= starts[-1])
    if kind == "sponsor":
        return not near
    return near


def audit_episode(
    show: str, folder: Path, rules: tuple[CueRule, ...], settings: Detection
) -> list[RuleCount]:
    """The counts of every rule on one episode folder (``transcript.*``, ``chapters.json``)."""
    data = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))
    transcript = read_transcript(next(iter(sorted(folder.glob("transcript.*")))))
    end = float(data.get("duration") or transcript.duration)
    truth = [float(c["start"]) for c in data["chapters"]]
    ctx = Context.build(transcript, settings, end)
    hits = [0] * len(rules)
    correct = [0] * len(rules)
    for cue in prepared_cues(ctx):
        hits[cue.order] += 1
        # judged as what detection took it for: an opening cue that leads straight into a
        # sponsor's name was made a sponsor cue
        correct[cue.order] += _correct(cue.kind, cue.time, truth, ctx)
    return [RuleCount(i, show, hits[i], correct[i]) for i in range(len(rules)) if hits[i]]


def audit(
    folders: Sequence[Path], rules: tuple[CueRule, ...] | None = None
) -> tuple[tuple[CueRule, ...], list[RuleCount]]:
    """The rules (the defaults unless given) and their counts per show over every episode in
    ``folders``; detection sees exactly these rules, in this order."""
    rules = default_rules() if rules is None else rules
    settings = Detection(rules=rules, replace_default_rules=True)
    counts: dict[tuple[int, str], RuleCount] = {}
    for corpus in folders:
        for folder in sorted(p for p in Path(corpus).iterdir() if (p / "chapters.json").is_file()):
            data = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))
            show = str(data.get("show") or folder.name)
            for c in audit_episode(show, folder, rules, settings):
                old = counts.get((c.rule, show))
                if old is not None:
                    c = RuleCount(c.rule, show, old.hits + c.hits, old.correct + c.correct)
                counts[(c.rule, show)] = c
    return rules, sorted(counts.values(), key=lambda c: (c.rule, c.show))


def shows_correct(counts: Sequence[RuleCount], rule: int) -> list[str]:
    """The shows a rule fires correctly in."""
    return [c.show for c in counts if c.rule == rule and c.correct]


#: Shows a default rule must fire correctly in to stay in the defaults (issue 13).
MIN_SHOWS = 2


def format_audit(rules: Sequence[CueRule], counts: Sequence[RuleCount]) -> str:
    """Per rule: a verdict (``ok`` when it fires correctly in :data:`MIN_SHOWS` shows), its
    kind and the start of its pattern; below, per show, ``correct/hits``."""
    lines = [f"rules fired correctly/all per show; 'below' = fewer than {MIN_SHOWS} shows"]
    for i, rule in enumerate(rules):
        good = shows_correct(counts, i)
        verdict = "ok" if len(good) >= MIN_SHOWS else "below"
        lines.append(f"{i + 1:>2} {verdict:<5} {rule.kind:<8} {rule.pattern[:68]}")
        lines += [f"{'':>9}{c.correct:>3}/{c.hits:<3} {c.show}" for c in counts if c.rule == i]
    return "\n".join(lines)
