"""Benchmark: publish a 100-episode show, then again with one episode changed.

The baseline, measured in the same run, is publishing a show of one episode. The target is
that regenerating a big catalogue after one change costs about one episode's work. Run:

    .venv/bin/python benchmarks/bench_publish.py [--episodes 100] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import shownotes
from shownotes.publishing.init import init_show


def make_show(root: Path, episodes: int) -> Path:
    """A starter show, its episode copied ``episodes`` times with distinct dates."""
    init_show(root)
    first = next((root / "episodes").iterdir())
    files = {p.name: p.read_bytes() for p in first.iterdir()}
    for n in range(1, episodes):
        folder = root / "episodes" / f"ep{n:04d}"
        folder.mkdir()
        for name, data in files.items():
            if name == "episode.yaml":
                text = data.decode().replace("Welcome to the show", f"Episode {n}")
                text = "\n".join(ln for ln in text.splitlines() if not ln.startswith("date:"))
                day = "2020-01-01T06:00:00Z".replace("2020-01-01", f"20{10 + n // 365:02d}-01-01")
                data = f"{text}\ndate: {day}\nguid: ep-{n}\n".encode()
            (folder / name).write_bytes(data)
    return root / "config.yaml"


def timed(config: Path, jobs: int) -> tuple[float, shownotes.pipeline.PublishReport]:
    t0 = time.perf_counter()
    report = shownotes.publish(config, jobs=jobs)
    return time.perf_counter() - t0, report


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--episodes", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        single = make_show(Path(tmp) / "single", 1)
        one, _ = timed(single, 1)
        config = make_show(Path(tmp) / "big", args.episodes)
        cold, report = timed(config, args.jobs)
        assert not report.errors and len(report.episodes) == args.episodes
        warm, report = timed(config, args.jobs)
        assert not report.changed
        changed = config.parent / "episodes" / "ep0007" / "episode.yaml"
        changed.write_text(changed.read_text().replace("The first episode", "A changed episode"))
        incremental, report = timed(config, args.jobs)
        assert sum(not r.skipped for r in report.episodes) == 1 and report.feed_changed
    print(f"{args.episodes}-episode show, {args.jobs} jobs")
    print(f"{'run':<40}{'time':>10}{'x one episode':>16}")
    for label, seconds in (
        ("one-episode show (baseline)", one),
        (f"all {args.episodes} episodes, first publish", cold),
        ("again, nothing changed", warm),
        ("again, one episode changed", incremental),
    ):
        print(f"{label:<40}{seconds * 1000:>8.0f}ms{seconds / one:>15.2f}x")


if __name__ == "__main__":
    main()
