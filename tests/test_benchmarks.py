"""The benchmarks still import and their harness still works (they are not run here)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from shownotes.transcripts import read_transcript

BENCHMARKS = ROOT / "benchmarks"


@pytest.fixture(autouse=True)
def on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))


@pytest.mark.parametrize("name", sorted(p.stem for p in BENCHMARKS.glob("bench_*.py")))
def test_benchmark_imports(name: str) -> None:
    assert callable(importlib.import_module(name).main)


def test_harness_pairs_medians_and_targets(capsys: pytest.CaptureFixture[str]) -> None:
    harness = importlib.import_module("harness")
    try:
        floor = [sys.executable, "-c", "pass"]
        pair = harness.paired_commands(floor, floor)
    finally:
        harness.close_launcher()
    assert len(pair.a) == len(pair.b) == harness.MIN_RUNS
    assert pair.ratio("cpu") > 0 and pair.peak_ratio() is not None
    assert harness.target("x", 1.2, 1.5) and not harness.target("y", 0.5, 1, at_least=True)
    out = capsys.readouterr().out
    assert "TARGET x: 1.20 (<= 1.5) PASS" in out and "TARGET y: 0.50 (>= 1) FAIL" in out


def test_bytecode_env_caches_or_compiles(tmp_path: Path) -> None:
    harness = importlib.import_module("harness")
    cached, uncached = harness.bytecode_env(tmp_path), harness.bytecode_env(None)
    assert cached["PYTHONPYCACHEPREFIX"] == str(tmp_path)
    assert "PYTHONDONTWRITEBYTECODE" not in cached
    assert uncached["PYTHONDONTWRITEBYTECODE"] == "1" and "PYTHONPYCACHEPREFIX" not in uncached
    try:
        harness.run_command([sys.executable, "-c", "import json"], env=cached)
    finally:
        harness.close_launcher()
    assert list(tmp_path.rglob("*.pyc"))


def _page(path: Path, source: str, chapters: str, captions: int = 60, text: str = "Talk") -> None:
    lines = [f"**{i // 60}:{i % 60:02d}** · {text} {i}." for i in range(0, captions * 5, 5)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'---\nsource: "{source}"\n---\nAbout the episode.\n\nTimestamps:\n{chapters}\n'
        "## Transcript\n\n### Intro\n\n" + "\n\n".join(lines) + "\n",
        encoding="utf-8",
    )


def test_heldout_corpus_reads_pages_into_episodes_eval_scores(tmp_path: Path) -> None:
    heldout = importlib.import_module("heldout_corpus")
    chapters = "00:00 - Intro\n(01:00) Second\n2:00 Third\n03:30 | Fourth\n"
    pages = tmp_path / "pages"
    _page(pages / "talk-show" / "Ep 1.md", "https://youtu.be/a", chapters)
    _page(pages / "talk-show" / "Ep 1 again.md", "https://youtu.be/a", chapters)  # same video
    _page(pages / "news-show" / "Ep 2.md", "https://youtu.be/b", chapters)
    _page(pages / "talk-show" / "Known.md", "https://youtu.be/dev", chapters)  # in a corpus
    _page(pages / "talk-show" / "Few.md", "https://youtu.be/c", "00:00 Intro\n01:00 Two\n")
    _page(pages / "talk-show" / "Late.md", "https://youtu.be/d", chapters.replace("03:30", "9:30"))
    _page(pages / "talk-show" / "Zh.md", "https://youtu.be/e", chapters, text="你好世界")
    corpus = tmp_path / "dev"
    (corpus / "ep").mkdir(parents=True)
    (corpus / "ep" / "chapters.json").write_text('{"source": {"video": "https://youtu.be/dev"}}')

    made = heldout.build(pages, tmp_path / "out", {"news-show"}, heldout.known_sources([corpus]))

    assert made == {"news-show": 1, "talk-show": 1}
    folder = next((tmp_path / "out" / "conversations").iterdir())
    data = json.loads((folder / "chapters.json").read_text())
    assert data["kind"] == "conversation" and data["show"] == "talk-show"
    assert [(c["start"], c["title"]) for c in data["chapters"]] == [
        (0, "Intro"),
        (60, "Second"),
        (120, "Third"),
        (210, "Fourth"),
    ]
    transcript = read_transcript(folder / "transcript.txt")
    assert len(transcript.segments) == 60 and transcript.segments[12].start == 60.0
    assert transcript.segments[12].text == "Talk 60."
    assert (tmp_path / "out" / "news" / "news-show-ep-2" / "chapters.json").is_file()
