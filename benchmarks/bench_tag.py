"""Benchmark ID3 chapter tagging of a 60-minute MP3 against ffmpeg and a plain file copy.

ffmpeg encodes an hour of silence (64 kbit/s mono, about 29 MB) into a temporary folder. Each
way of writing 12 chapters then runs ``--repeat`` times on a fresh copy of that file, and the
median time is printed with the bytes written:

- shownotes, copy path: the first write (ffmpeg's small tag has no room), which writes tag +
  audio to a temporary file, fsyncs it and renames it over the original;
- shownotes, in-place path: a re-tag with edited titles that fits the tag's padding, which
  overwrites only the tag;
- ``ffmpeg -i in.mp3 -i meta.ffmetadata -map_metadata 1 -codec copy out.mp3`` (no fsync);
- ``shutil.copyfile`` of the file, without and with an fsync: the floor for any full rewrite;
- peers on the re-tag: the same frames written with raw mutagen, and with eyeD3.

Run: ``.venv/bin/python benchmarks/bench_tag.py [--minutes 60] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shownotes.audio.tagfile import read_chapters, write_chapters
from shownotes.models import Chapter

CHAPTER_COUNT = 12


@dataclass(frozen=True, slots=True)
class Result:
    """One way of writing chapters: median seconds over the runs and bytes written per run."""

    name: str
    seconds: float
    bytes_written: int


def make_mp3(ffmpeg: str, path: Path, minutes: float) -> None:
    """An MP3 of silence, encoded by ffmpeg (LAME) with ffmpeg's own ID3v2.4 tag."""
    subprocess.run(
        [
            *(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono"),
            *("-t", str(minutes * 60), "-b:a", "64k", str(path)),
        ],
        check=True,
    )


def chapters(minutes: float, suffix: str = "") -> list[Chapter]:
    """Twelve chapters spread evenly over the episode."""
    step = minutes * 60 / CHAPTER_COUNT
    return [
        Chapter(i * step, (i + 1) * step, f"Chapter {i + 1}: story number {i + 1}{suffix}")
        for i in range(CHAPTER_COUNT)
    ]


def ffmetadata(items: list[Chapter]) -> str:
    """The same chapters as an ffmpeg metadata file."""
    lines = [";FFMETADATA1"]
    for chapter in items:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={round(chapter.start * 1000)}",
            f"END={round(chapter.end * 1000)}",
            f"title={chapter.title}",
        ]
    return "\n".join(lines) + "\n"


def measure(name: str, repeat: int, prepare: Callable[[], None], run: Callable[[], int]) -> Result:
    """Median time of ``run`` (after an untimed ``prepare`` each time); ``run`` returns bytes."""
    times, written = [], 0
    for _ in range(repeat):
        prepare()
        start = time.perf_counter()
        written = run()
        times.append(time.perf_counter() - start)
    return Result(name, statistics.median(times), written)


def mutagen_write(path: Path, items: list[Chapter] | None = None) -> int:
    """The same CHAP + CTOC frames written with mutagen directly: the floor for our tagger."""
    from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags

    items = items or chapters(60.0, " (edited)")
    tag = ID3(path)
    tag.delall("CHAP")
    tag.delall("CTOC")
    for n, c in enumerate(items):
        title = [TIT2(text=[c.title])]
        tag.add(CHAP(f"chp{n}", round(c.start * 1000), round(c.end * 1000), sub_frames=title))
    ids = [f"chp{n}" for n in range(len(items))]
    flags = CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    tag.add(CTOC("toc", flags, ids, sub_frames=[TIT2(text=["Chapters"])]))
    tag.save(path, v2_version=3)
    return ID3(path).size  # in place: only the tag is rewritten


def eyed3_available() -> bool:
    try:
        import eyed3  # noqa: F401
    except ImportError:
        return False
    return True


def eyed3_write(path: Path) -> int:
    """The same chapters written with eyeD3 (a peer library)."""
    import eyed3

    eyed3.log.setLevel("ERROR")
    items = chapters(60.0, " (eyeD3)")
    tag = eyed3.load(str(path)).tag
    for chap in list(tag.chapters):
        tag.chapters.remove(chap.element_id)
    for toc in list(tag.table_of_contents):
        tag.table_of_contents.remove(toc.element_id)
    ids = []
    for n, c in enumerate(items):
        element = f"chp{n}".encode()
        chap = tag.chapters.set(element, (round(c.start * 1000), round(c.end * 1000)))
        chap.title = c.title
        ids.append(element)
    tag.table_of_contents.set(b"toc", toplevel=True, ordered=True, child_ids=ids)
    tag.save(version=(2, 3, 0))
    from mutagen.id3 import ID3

    return ID3(path).size  # the tag eyeD3 wrote (in place when it fits)


def copy_with_fsync(source: Path, target: Path) -> int:
    shutil.copyfile(source, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())
    return target.stat().st_size


def run_all(ffmpeg: str, folder: Path, minutes: float, repeat: int) -> tuple[int, list[Result]]:
    original, work, out = folder / "in.mp3", folder / "work.mp3", folder / "out.mp3"
    meta = folder / "meta.ffmetadata"
    make_mp3(ffmpeg, original, minutes)
    first, edited = chapters(minutes), chapters(minutes, " (edited)")
    meta.write_text(ffmetadata(first), encoding="utf-8")

    def fresh() -> None:
        shutil.copyfile(original, work)

    def tagged() -> None:
        fresh()
        write_chapters(work, first)

    def ours(items: list[Chapter], method: str) -> Callable[[], int]:
        def run() -> int:
            report = write_chapters(work, items)
            assert report.method == method, report
            return report.bytes_written

        return run

    def with_ffmpeg() -> int:
        subprocess.run(
            [
                *(ffmpeg, "-v", "error", "-y", "-i", str(original), "-i", str(meta)),
                *("-map_metadata", "1", "-codec", "copy", str(out)),
            ],
            check=True,
        )
        return out.stat().st_size

    def plain_copy() -> int:
        shutil.copyfile(original, out)
        return out.stat().st_size

    results = [
        measure("shownotes, copy path (first write)", repeat, fresh, ours(first, "copy")),
        measure("shownotes, in-place path (re-tag)", repeat, tagged, ours(edited, "in-place")),
        measure("raw mutagen, same frames (re-tag)", repeat, tagged, lambda: mutagen_write(work)),
        *(
            [measure("eyeD3, same frames (re-tag)", repeat, tagged, lambda: eyed3_write(work))]
            if eyed3_available()
            else []
        ),
        measure("ffmpeg -codec copy", repeat, lambda: None, with_ffmpeg),
        measure("plain copy (shutil.copyfile)", repeat, lambda: None, plain_copy),
        measure("plain copy + fsync", repeat, lambda: None, lambda: copy_with_fsync(original, out)),
    ]
    assert len(read_chapters(work)) == CHAPTER_COUNT
    return original.stat().st_size, results


def report(size: int, minutes: float, repeat: int, results: list[Result]) -> str:
    baseline = next(r for r in results if r.name.startswith("plain copy (")).seconds
    ffmpeg = next(r for r in results if r.name.startswith("ffmpeg")).seconds
    lines = [
        f"{minutes:g}-minute MP3, {size:,} bytes, {CHAPTER_COUNT} chapters; "
        f"median of {repeat} runs",
        f"{'':38} {'time':>10} {'bytes written':>15} {'× copy':>9} {'× ffmpeg':>9}",
    ]
    for r in results:
        lines.append(
            f"{r.name:38} {r.seconds * 1000:8.2f}ms {r.bytes_written:15,} "
            f"{r.seconds / baseline:9.3f} {r.seconds / ffmpeg:9.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0, help="length of the test MP3")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    parser.add_argument("--quick", action="store_true", help="a 10-minute MP3")
    args = parser.parse_args(argv)
    if args.quick:
        args.minutes = 10.0
    args.repeat = max(args.repeat, 5)
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        print("bench_tag: ffmpeg is not installed; it makes the test MP3", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench_tag.") as folder:
        size, results = run_all(ffmpeg, Path(folder), args.minutes, args.repeat)
    print(report(size, args.minutes, args.repeat, results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
