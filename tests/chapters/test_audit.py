"""The rule audit: which default rules fire correctly, in how many shows of the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shownotes.chapters.audit import MIN_SHOWS, audit, format_audit, shows_correct
from shownotes.chapters.rules import default_rules, parse_rules

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPORA = [SHARED / "corpus", SHARED / "corpus-conversations"]


def _episode(folder: Path, show: str, lines: list[str], starts: list[float]) -> None:
    folder.mkdir(parents=True)
    text = "".join(
        f"00:{i * 10 // 60:02d}:{i * 10 % 60:02d} {line}\n" for i, line in enumerate(lines)
    )
    (folder / "transcript.txt").write_text(text, encoding="utf-8")
    chapters = [{"start": s, "title": "x"} for s in starts]
    data = {"show": show, "kind": "news", "duration": 10 * len(lines), "chapters": chapters}
    (folder / "chapters.json").write_text(json.dumps(data), encoding="utf-8")


def test_a_cue_at_a_true_start_is_correct_one_elsewhere_is_not(tmp_path: Path) -> None:
    filler = ["the harbor port and its cranes"] * 5
    lines = [*filler, "So story one, the harbor.", *filler, "Story two, orchards.", *filler]
    _episode(tmp_path / "a", "Show A", lines, [0, 50])  # story one at 50 s, story two at 110 s
    _episode(tmp_path / "b", "Show B", lines, [0, 50, 110])
    rules = parse_rules(r"rules: [{pattern: 'story (?P<n>\d)', kind: story}]")
    _, counts = audit([tmp_path], rules)
    assert [(c.show, c.hits, c.correct) for c in counts] == [("Show A", 2, 1), ("Show B", 2, 2)]
    assert shows_correct(counts, 0) == ["Show A", "Show B"]
    assert " ok " in format_audit(rules, counts).splitlines()[1]


@pytest.mark.skipif(not CORPORA[0].is_dir(), reason="development corpus not present")
def test_every_default_rule_fires_correctly_in_two_shows() -> None:
    rules, counts = audit(CORPORA)
    assert rules == default_rules()
    for i, rule in enumerate(rules):
        shows = shows_correct(counts, i)
        assert len(shows) >= MIN_SHOWS, f"rule {i + 1} ({rule.pattern[:40]}) is right in {shows}"
