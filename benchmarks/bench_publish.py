"""Benchmark: republishing a show's catalogue, against publishing one episode.

Every episode is a 45-minute one (a generated stamped transcript and 45 minutes of silent
MP3). The catalogue of N episodes is made by publishing one episode for real and then
laying out N - 1 more as a publish would have left them (their own episode.yaml, title,
date and GUID; transcript, audio and outputs hard-linked, so 5,000 episodes take little
disk); one real ``publish --all`` then checks every episode by its contents and writes the
feed and the catalogue index, as a first run after an upgrade would.

Measured, as whole ``shownotes`` processes (start-up included), median of paired runs:

- baseline: publishing a one-episode show whose episode changed (its description edited
  before each run): reading the transcript, chapters, rendering, writing, the tag check,
  the feed — one episode's work;
- ``publish --all`` with nothing changed, at N episodes;
- ``publish --all`` with one episode changed (its description edited before each run);
- ``shownotes feed`` on the unchanged show, against a no-change ``publish --all``;

and the same first two in this process (``shownotes.publish``) beside them.

Run: ``.venv/bin/python benchmarks/bench_publish.py [--sizes 100,1000,5000] [--runs 5] [--quick]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from harness import (
    generated_lines,
    paired_calls,
    paired_commands,
    report_pair,
    shownotes_command,
    target,
)

import shownotes
from shownotes.audio.silence import silent_mp3
from shownotes.config import load_episode, load_show
from shownotes.publishing.init import init_show
from shownotes.publishing.pipeline import shared_digest
from shownotes.publishing.state import STATE_FILE, content_digest, inputs_digest
from shownotes.timecode import format_timestamp

MINUTES = 45


def transcript_text(minutes: float, seed: int = 7) -> str:
    """A stamped transcript: 2–6-second lines of words, a story cue every few minutes."""
    lines = generated_lines(minutes * 60, seed, cue_chance=0.02)
    return "".join(f"[{format_timestamp(t)}] {words}\n" for t, _, words in lines)


def one_episode_show(root: Path) -> Path:
    """A starter show whose one episode is 45 minutes long, published once."""
    init_show(root)
    folder = next((root / "episodes").iterdir())
    (folder / "transcript.txt").write_text(transcript_text(MINUTES), encoding="utf-8")
    (folder / "episode.mp3").write_bytes(silent_mp3(MINUTES * 60))
    report = shownotes.publish(root / "config.yaml")
    assert not report.errors, report.errors
    return root / "config.yaml"


def catalogue(root: Path, episodes: int) -> Path:
    """A published show of ``episodes`` episodes (see the module's docstring)."""
    config = one_episode_show(root)
    show = load_show(config)
    first = next((root / "episodes").iterdir())
    out_first = show.output_dir / first.name
    text = (first / "episode.yaml").read_text("utf-8")
    state = json.loads((out_first / STATE_FILE).read_text("utf-8"))
    state.pop("stats", None)
    shared = shared_digest(show)
    audio_hash = content_digest(first / "episode.mp3")
    for n in range(1, episodes):
        name = f"ep{n:05d}"
        folder, out = root / "episodes" / name, show.output_dir / name
        folder.mkdir()
        out.mkdir()
        for path in first.iterdir():
            if path.name != "episode.yaml":
                os.link(path, folder / path.name)
        for path in out_first.iterdir():
            if path.name != STATE_FILE:
                os.link(path, out / path.name)
        day = f"{2000 + n // 300:04d}-{1 + n % 12:02d}-{1 + n % 28:02d}T06:00:00Z"
        lines = []
        for line in text.splitlines():
            key = line.partition(":")[0]
            if key == "title":
                line = f'title: "Episode {n}, a daily show about things"'
            elif key == "date":
                line = f"date: {day}"
            elif key == "guid":
                line = f'guid: "bench-{n}"'
            elif key == "number":
                line = f"number: {n + 1}"
            lines.append(line)
        (folder / "episode.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        episode = load_episode(folder)
        mine = json.loads(json.dumps(state).replace(f"/{first.name}/", f"/{name}/"))
        mine["inputs"] = inputs_digest(episode, show, shared, audio_hash, tuple(state["images"]))
        item = mine["item"]
        item.update(guid=episode.guid, title=episode.title, number=episode.number)
        item["published"] = episode.date.isoformat()
        (out / STATE_FILE).write_text(json.dumps(mine), encoding="utf-8")
    report = shownotes.publish(config)  # checks every episode by content; index and feed
    assert not report.errors and not any(not r.skipped for r in report.episodes), report
    return config


def toggler(config: Path, folder: str) -> callable:  # type: ignore[valid-type]
    """A function that edits one episode's description, a different text each call."""
    path = config.parent / "episodes" / folder / "episode.yaml"
    original = path.read_text("utf-8")
    count = [0]

    def edit() -> None:
        count[0] += 1
        path.write_text(original.replace("The first episode", f"Edit {count[0]}: the"), "utf-8")

    return edit


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="only 100 episodes")
    args = parser.parse_args()
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    runs = args.runs
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench_publish.") as tmp:
        single = one_episode_show(Path(tmp) / "single")
        edit_single = toggler(single, next((single.parent / "episodes").iterdir()).name)
        one = shownotes_command("publish", "--all", "--config", str(single))
        for size in sizes:
            t0 = time.perf_counter()
            config = catalogue(Path(tmp) / f"show{size}", size)
            setup = time.perf_counter() - t0
            print(f"== {size}-episode show of {MINUTES}-minute episodes (made in {setup:.0f} s)")
            every = shownotes_command("publish", "--all", "--config", str(config))
            print("publish --all, nothing changed  vs  one-episode publish")
            pair = paired_commands(every, one, runs=runs, before_b=edit_single)
            report_pair(f"publish --all, {size} unchanged", "one-episode publish", pair)
            results[f"nochange{size}"] = pair.ratio("cpu")
            episodes = sorted(p.name for p in (config.parent / "episodes").iterdir())
            edit_one = toggler(config, episodes[len(episodes) // 2])
            print("publish --all, one episode changed  vs  one-episode publish")
            pair = paired_commands(every, one, runs=runs, before_a=edit_one, before_b=edit_single)
            report_pair(f"publish --all, 1 of {size} changed", "one-episode publish", pair)
            results[f"onechanged{size}"] = pair.ratio("cpu")
            shownotes.publish(config)  # leave it unchanged again
            print("in this process: shownotes.publish(), nothing changed  vs  one episode")
            pair = paired_calls(
                lambda c=config: shownotes.publish(c),
                lambda: shownotes.publish(single),
                runs=runs,
                before_b=edit_single,
            )
            report_pair(f"shownotes.publish(), {size} unchanged", "one-episode publish()", pair)
            if size == 100:
                print("shownotes feed, nothing changed  vs  publish --all, nothing changed")
                feed = shownotes_command("feed", "--config", str(config))
                pair = paired_commands(feed, every, runs=runs)
                report_pair("shownotes feed (100 unchanged)", "publish --all (100 unchanged)", pair)
                results["feed100"] = pair.ratio("cpu")
            shutil.rmtree(config.parent)
    print()
    for size in sizes:
        target(
            f"publish --all, nothing changed, {size} episodes / one-episode publish (cpu)",
            results[f"nochange{size}"],
            1.5,
            note="" if size == 5000 else "the target is set at 5,000",
        )
    for size in sizes:
        target(
            f"publish --all, one changed, {size} episodes / one-episode publish (cpu)",
            results[f"onechanged{size}"],
            2,
        )
    if "feed100" in results:
        target(
            "shownotes feed, unchanged 100-episode show / no-change publish --all (cpu)",
            results["feed100"],
            1.2,
        )


if __name__ == "__main__":
    main()
