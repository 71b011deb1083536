"""Shared fixtures: where the corpus and test data live, golden-file updating."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples"
IN_CI = os.environ.get("CI") == "true"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite expected files from current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def need_shared() -> Path:
    """The shared corpus folder; skips locally when absent, fails in CI where it must exist."""
    if not SHARED.is_dir():
        if IN_CI:
            pytest.fail(f"{SHARED} is missing; CI runs with ../shared beside the repo")
        pytest.skip(f"{SHARED} not present")
    return SHARED


def need_tool(name: str) -> str:
    """Path of a command-line tool; skips locally when absent, fails in CI (.ci/run installs it)."""
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed; .ci/run should install it")
        pytest.skip(f"{name} not installed")
    return found


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "shownotes", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def ffprobe_chapters(path: Path) -> list[tuple[float, float, str]]:
    """(start s, end s, title) of each chapter in a media file, as ffprobe lists them."""
    out = subprocess.run(
        [need_tool("ffprobe"), "-v", "error", "-show_chapters", "-of", "json", str(path)],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [
        (float(c["start_time"]), float(c["end_time"]), c.get("tags", {}).get("title", ""))
        for c in json.loads(out)["chapters"]
    ]


def copy_example_episode(target: Path) -> Path:
    """The bundled example episode copied to ``target``, without what a publish wrote into
    it (the README's first command leaves a chapters sidecar there)."""
    shutil.copytree(
        EXAMPLE / "episodes" / "2026-06-07",
        target,
        ignore=shutil.ignore_patterns("*.chapters.yaml"),
    )
    return target


def make_show(tmp_path: Path) -> Path:
    """A starter show from `shownotes init` with two more episodes of our own (ep2, ep3)."""
    assert run("init", "show", cwd=tmp_path).returncode == 0
    root = tmp_path / "show"
    first = next((root / "episodes").iterdir())
    for n, date in ((2, "2026-01-02"), (3, "2026-01-03")):
        folder = root / "episodes" / f"ep{n}"
        shutil.copytree(first, folder)
        text = (folder / "episode.yaml").read_text()
        text = text.replace("number: 1", f"number: {n}").replace(
            "Welcome to the show", f"Episode {n}"
        )
        lines = [ln for ln in text.splitlines() if not ln.startswith("date:")]
        (folder / "episode.yaml").write_text("\n".join([*lines, f"date: {date}T06:00:00Z"]) + "\n")
    return root


def example_detection():  # type: ignore[no-untyped-def]
    """The bundled example show's detection settings: the built-in rules plus its own (how
    its hosts number stories: "story one", "quick one"), as ``publish`` uses them."""
    from shownotes.config import load_show

    return load_show(EXAMPLE / "config.yaml").detection


def edit_yaml(path: Path, **changes: object) -> None:
    """Set keys of a YAML file (an episode folder means its ``episode.yaml``)."""
    import yaml

    path = path / "episode.yaml" if path.is_dir() else path
    data = yaml.safe_load(path.read_text())
    data.update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def published_show(tmp_path: Path, episodes: int) -> Path:
    """A starter show of ``episodes`` episodes (ep2… copies of the first, a day apart),
    published once through the API."""
    import datetime as dt

    import shownotes
    from shownotes.publishing.init import init_show

    root = tmp_path / "show"
    init_show(root, dt.date(2026, 1, 1))
    first = next((root / "episodes").iterdir())
    for n in range(2, episodes + 1):
        folder = root / "episodes" / f"ep{n}"
        shutil.copytree(first, folder)
        edit_yaml(folder, title=f"Episode {n}", number=n, date=f"2026-01-{n:02d}T06:00:00Z")
    assert not shownotes.publish(root / "config.yaml").errors
    return root
