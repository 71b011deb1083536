"""Benchmark chapter detection on 1-, 3- and 10-hour transcripts, in MB of text a second.

The transcript is built by repeating the news episodes of the development corpus
(``../shared/corpus``, read in place, never copied) end to end, each copy shifted in time, until
it is long enough; without the corpus a generated transcript with story cues stands in.
The yardstick, measured in the same run on the same text, is one regular-expression pass
finding every word: the least any reader of the text has to do.

Beside the in-process figures, the same transcripts go through the command podcasters run,
``shownotes chapters transcript.srt``, against a ``python`` process doing the regex pass over
the same file: start-up, reading and writing included, with each side's peak memory.

Run: ``.venv/bin/python benchmarks/bench_detect.py [--hours 1,3,10] [--runs 5] [--quick]``
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from dataclasses import replace
from pathlib import Path

from harness import (
    PYTHON,
    bytecode_env,
    generated_lines,
    paired_calls,
    paired_commands,
    report_pair,
    shownotes_command,
    target,
)

from shownotes.chapters import detect_chapters
from shownotes.models import Segment, Transcript
from shownotes.transcripts import read_transcript
from shownotes.transcripts.writers import to_srt

#: The command-line peer: read the file and find every word, as the in-process yardstick does.
REGEX_PASS = "import re, sys; re.findall(r'\\w+', open(sys.argv[1], encoding='utf-8').read())"

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_episodes() -> list[Transcript]:
    """The news episodes of the development corpus, if it is there."""
    if not CORPUS.is_dir():
        return []
    return [
        read_transcript(next(folder.glob("transcript.*")))
        for folder in sorted(CORPUS.iterdir())
        if folder.is_dir() and any(folder.glob("transcript.*"))
    ]


def generated_episode(seconds: float, seed: int = 7) -> Transcript:
    """A stand-in episode: two-to-six-second lines of random words, a story cue every ~3 min."""
    segments = [
        Segment(round(t, 2), round(t + length, 2), words)
        for t, length, words in generated_lines(seconds, seed, cue_chance=4 / (180 / 4))
    ]
    return Transcript(tuple(segments), title="generated")


def long_transcript(hours: float) -> Transcript:
    """Episodes end to end, shifted in time, until ``hours`` long."""
    target = hours * 3600
    episodes = corpus_episodes() or [generated_episode(1800)]
    segments: list[Segment] = []
    offset = 0.0
    while offset < target:
        for episode in episodes:
            segments += [
                replace(s, start=s.start + offset, end=s.end + offset) for s in episode.segments
            ]
            offset += episode.duration + 5.0
            if offset >= target:
                break
    return Transcript(tuple(segments), title="benchmark", description=episodes[0].description)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", default="1,3,10", help="transcript lengths, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="only the one-hour transcript")
    args = parser.parse_args()
    hours = [1.0] if args.quick else [float(h) for h in args.hours.split(",")]
    source = "corpus news episodes" if corpus_episodes() else "generated text"
    print(f"chapter detection vs a regex word pass over the same text ({source});")
    print(f"in this process, median of {args.runs} paired runs")
    rates = {}
    for length in hours:
        transcript = long_transcript(length)
        text = "\n".join(s.text for s in transcript.segments)
        size = len(text.encode("utf-8"))
        words = re.compile(r"\w+")
        found: list[tuple] = []
        pair = paired_calls(
            lambda t=transcript, out=found: out.append(tuple(detect_chapters(t))),
            lambda t=text, pattern=words: pattern.findall(t),
            runs=args.runs,
        )
        print(
            f"== {length:g} h of audio: {len(transcript.segments):,} segments, "
            f"{size / 1e6:.2f} MB of text, {len(found[-1])} chapters"
        )
        report_pair("detect_chapters", "regex word pass (\\w+)", pair)
        # CPU time: on a shared machine wall time measures the neighbours as much as the code
        cpu = statistics.median(s.cpu for s in pair.a)
        regex = statistics.median(s.cpu for s in pair.b)
        rates[length] = size / cpu / 1e6
        print(
            f"  detection {rates[length]:.2f} MB/s of CPU time; "
            f"the regex pass {size / regex / 1e6:.1f} MB/s"
        )
    print()
    print("the command podcasters run, `shownotes chapters FILE.srt`, vs a python regex pass")
    print(f"over the same file; whole processes, median of {args.runs} paired runs")
    with tempfile.TemporaryDirectory() as scratch:
        # modules' bytecode cached, as an installed package has it (see bench_startup)
        env = bytecode_env(Path(scratch) / "pycache")
        for length in hours:
            srt = Path(scratch) / f"{length:g}h.srt"
            srt.write_text(to_srt(long_transcript(length)), encoding="utf-8")
            pair = paired_commands(
                shownotes_command("chapters", str(srt)),
                [PYTHON, "-c", REGEX_PASS, str(srt)],
                runs=args.runs,
                env=env,
            )
            print(f"== {length:g} h: {srt.stat().st_size / 1e6:.2f} MB of SRT")
            report_pair("shownotes chapters FILE.srt", "python regex pass over the file", pair)
    print()
    for length, rate in rates.items():
        target(
            f"detection throughput, {length:g} h transcript (MB/s of CPU time)",
            rate,
            1,
            at_least=True,
        )


if __name__ == "__main__":
    main()
