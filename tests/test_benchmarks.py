"""The benchmarks still import and their harness still works (they are not run here)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from conftest import ROOT

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
