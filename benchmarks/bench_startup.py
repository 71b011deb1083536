"""Benchmark: how long the commands podcasters type take, start-up included.

Each command runs as a whole process, paired run by run with ``python -c pass`` (the floor
for any Python tool) and with peers doing the same job in the same run:

- ``shownotes --help``;
- ``shownotes tag EP.mp3 --chapters chapters.json`` when the tag fits (an in-place re-tag),
  beside a script writing the same CHAP/CTOC frames with raw mutagen, one doing it with
  eyeD3, and ``ffmpeg -codec copy`` writing the chapters into a copy;
- ``shownotes check EPISODE`` on a published starter show, unchanged since.

Each command is measured twice, the baseline each time in the same environment: with every
module's bytecode in a private cache filled by a warm-up run (as an installed package has
it: pip compiles bytecode when it installs), which the targets use, and compiled from
source at every start (``PYTHONDONTWRITEBYTECODE=1``, as an editable install runs here).

Run: ``.venv/bin/python benchmarks/bench_startup.py [--runs 7] [--quick]``
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from harness import (
    PYTHON,
    bytecode_env,
    paired_commands,
    report_pair,
    run_command,
    shownotes_command,
    target,
)

from shownotes.audio.silence import silent_mp3
from shownotes.publishing.init import init_show

CHAPTERS = 12

CACHED = "bytecode cached"
CACHED_HOW = (
    "every module's bytecode compiled once, by a warm-up run, into a private cache "
    "(PYTHONPYCACHEPREFIX), for the baseline and shownotes alike: what an installed "
    "package gives (pip compiles bytecode on install). The targets use this."
)
UNCACHED = "compiled from source"
UNCACHED_HOW = (
    "PYTHONDONTWRITEBYTECODE=1 and no cache: shownotes (an editable install, no bytecode) "
    "is compiled from source at every start; libraries use the bytecode pip installed"
)

MUTAGEN_SCRIPT = """
import json, sys
from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags
path, chapters = sys.argv[1], json.load(open(sys.argv[2]))["chapters"]
tag = ID3(path)
tag.delall("CHAP"); tag.delall("CTOC")
ids = []
for n, c in enumerate(chapters):
    end = chapters[n + 1]["startTime"] if n + 1 < len(chapters) else c["startTime"] + 60
    ids.append(f"chp{n}")
    tag.add(CHAP(element_id=f"chp{n}", start_time=int(c["startTime"] * 1000),
                 end_time=int(end * 1000), sub_frames=[TIT2(text=[c["title"]])]))
tag.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
             child_element_ids=ids, sub_frames=[TIT2(text=["Chapters"])]))
tag.save(path, v2_version=3)
"""

EYED3_SCRIPT = """
import json, sys
import eyed3
path, chapters = sys.argv[1], json.load(open(sys.argv[2]))["chapters"]
audio = eyed3.load(path)
tag = audio.tag
for chapter in list(tag.chapters):
    tag.chapters.remove(chapter.element_id)
for toc in list(tag.table_of_contents):
    tag.table_of_contents.remove(toc.element_id)
ids = []
for n, c in enumerate(chapters):
    end = chapters[n + 1]["startTime"] if n + 1 < len(chapters) else c["startTime"] + 60
    chap = tag.chapters.set(f"chp{n}".encode(), (int(c["startTime"] * 1000), int(end * 1000)))
    chap.title = c["title"]
    ids.append(f"chp{n}".encode())
toc = tag.table_of_contents.set(b"toc", toplevel=True, ordered=True, child_ids=ids)
tag.save(version=(2, 3, 0))
"""


def chapters_json(path: Path, minutes: float) -> None:
    step = minutes * 60 / CHAPTERS
    chapters = [{"startTime": i * step, "title": f"Chapter {i + 1}"} for i in range(CHAPTERS)]
    path.write_text(json.dumps({"version": "1.2.0", "chapters": chapters}), encoding="utf-8")


def ffmetadata(path: Path, minutes: float) -> None:
    step = minutes * 60 / CHAPTERS
    lines = [";FFMETADATA1"]
    for i in range(CHAPTERS):
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(i * step * 1000)}"]
        lines += [f"END={round((i + 1) * step * 1000)}", f"title=Chapter {i + 1}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(
    label: str, command: list[str], envs: dict[str, dict[str, str]], runs: int
) -> dict[str, float]:
    """``command`` paired with ``python -c pass`` in each environment; CPU ratio per name."""
    ratios = {}
    for name, env in envs.items():
        print(f"{label}  vs  python -c pass, {name}")
        pair = paired_commands(command, [PYTHON, "-c", "pass"], runs=runs, env=env)
        report_pair(label, "python -c pass", pair)
        ratios[name] = pair.ratio("cpu")
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="five runs each")
    args = parser.parse_args()
    runs = 5 if args.quick else args.runs
    minutes = 60.0
    with tempfile.TemporaryDirectory(prefix="bench_startup.") as tmp:
        folder = Path(tmp)
        cached = bytecode_env(folder / "pycache")
        envs = {CACHED: cached, UNCACHED: bytecode_env(None)}
        print(f"whole processes, median of {runs} pairs (A then B, ratio taken per pair)")
        print(f"{CACHED}: {CACHED_HOW}")
        print(f"{UNCACHED}: {UNCACHED_HOW}")

        mp3, chapters, meta = folder / "ep.mp3", folder / "chapters.json", folder / "meta.txt"
        mp3.write_bytes(silent_mp3(minutes * 60))
        chapters_json(chapters, minutes)
        ffmetadata(meta, minutes)
        show = folder / "show"
        init_show(show)
        # as podcasters publish: the command, which also records check's verdict
        published = subprocess.run(
            shownotes_command("publish", "--all", "--config", str(show / "config.yaml")),
            capture_output=True,
            text=True,
        )
        assert published.returncode == 0, published.stderr
        episode = next((show / "episodes").iterdir())
        commands = {
            "help": shownotes_command("--help"),
            "tag": shownotes_command("tag", str(mp3), "--chapters", str(chapters)),
            "check": shownotes_command(
                "check", str(episode), "--config", str(show / "config.yaml")
            ),
        }
        for command in [*commands.values(), [PYTHON, "-c", "pass"]]:
            run_command(command, env=cached)  # fills the cache (and makes room in the tag)

        help_ratio = measure("shownotes --help", commands["help"], envs, runs)
        print(f"shownotes tag (the tag fits: in place), {minutes:g} min MP3, {CHAPTERS} chapters")
        tag_ratio = measure("shownotes tag", commands["tag"], envs, runs)
        peers = {"raw mutagen script": [PYTHON, "-c", MUTAGEN_SCRIPT, str(mp3), str(chapters)]}
        try:
            import eyed3  # noqa: F401

            peers["eyeD3 script"] = [PYTHON, "-c", EYED3_SCRIPT, str(mp3), str(chapters)]
        except ImportError:
            print("  (eyeD3 not installed: no eyeD3 peer)")
        ffmpeg = shutil.which("ffmpeg")
        if ffmpeg:
            out = folder / "ffmpeg-out.mp3"
            peers["ffmpeg -codec copy"] = [
                *(ffmpeg, "-v", "error", "-y", "-i", str(mp3), "-i", str(meta)),
                *("-map_metadata", "1", "-codec", "copy", str(out)),
            ]
        for name, command in peers.items():
            copy = folder / "peer.mp3"
            shutil.copyfile(mp3, copy)
            command = [str(copy) if part == str(mp3) else part for part in command]
            print(f"shownotes tag  vs  {name}, {CACHED}")
            pair = paired_commands(commands["tag"], command, runs=runs, env=cached)
            report_pair("shownotes tag", name, pair)

        print("a published starter episode, unchanged since")
        check_ratio = measure("shownotes check EPISODE", commands["check"], envs, runs)

    print()
    for name, ratios in (
        ("shownotes --help", help_ratio),
        ("shownotes tag, tag fits", tag_ratio),
        ("shownotes check EPISODE", check_ratio),
    ):
        print(f"{name} / python -c pass (cpu), {UNCACHED}: {ratios[UNCACHED]:.2f}")
    target(f"shownotes --help / python -c pass (cpu, {CACHED})", help_ratio[CACHED], 5)
    target(f"shownotes tag, tag fits / python -c pass (cpu, {CACHED})", tag_ratio[CACHED], 6)
    target(f"shownotes check EPISODE / python -c pass (cpu, {CACHED})", check_ratio[CACHED], 8)


if __name__ == "__main__":
    main()
