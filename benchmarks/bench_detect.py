"""Benchmark chapter detection on a synthetic three-hour transcript.

The transcript is built by repeating the news episodes of the development corpus
(``../shared/corpus``, read in place, never copied) end to end, each copy shifted in time, until
it is three hours long; without the corpus a generated transcript with story cues stands in.
The baseline, measured in the same run, is the cost of only normalizing the transcript's text
(what every cue rule has to read anyway), so the ratio says how much detection adds on top.

Run: ``.venv/bin/python benchmarks/bench_detect.py [--hours 3] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from shownotes.chapters import detect_chapters
from shownotes.chapters.normalize import TextStream
from shownotes.models import Segment, Transcript
from shownotes.transcripts import read_transcript

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
WORDS = [
    "model",
    "data",
    "center",
    "compute",
    "chip",
    "memory",
    "market",
    "price",
    "token",
    "agent",
    "robot",
    "video",
    "tool",
    "browser",
    "server",
    "cloud",
    "network",
    "policy",
    "contract",
    "company",
    "team",
    "release",
    "version",
    "feature",
    "library",
    "test",
]


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
    rng = random.Random(seed)
    segments, t, story = [], 0.0, 0
    while t < seconds:
        length = rng.uniform(2, 6)
        words = " ".join(rng.choice(WORDS) for _ in range(int(length * 2.5)))
        if rng.random() < 4 / (180 / 4):
            story += 1
            words = f"Okay, so story {story}. {words}"
        segments.append(Segment(round(t, 2), round(t + length, 2), words))
        t += length
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


def best_time(action: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    transcript = long_transcript(args.hours)
    segments = transcript.segments
    audio_hours = transcript.duration / 3600
    source = "corpus news episodes" if corpus_episodes() else "generated text"
    print(f"transcript: {len(segments)} segments, {audio_hours:.2f} h of audio ({source})")

    baseline = best_time(lambda: TextStream.build(segments), args.repeat)
    chapters: tuple = ()

    def run() -> None:
        nonlocal chapters
        chapters = detect_chapters(transcript)

    detect = best_time(run, args.repeat)
    print(f"baseline (normalize text): {baseline * 1000:8.1f} ms")
    print(f"detect_chapters:           {detect * 1000:8.1f} ms  ({len(chapters)} chapters)")
    rate = len(segments) / detect
    print(f"throughput: {rate:,.0f} segments/s, {audio_hours / detect:,.1f} h of audio/s")
    print(f"ratio detect / baseline: {detect / baseline:.1f}x")
    print(f"(best of {args.repeat} runs each)")


if __name__ == "__main__":
    main()
