"""What every benchmark shares: paired timing, medians, peak memory, targets with PASS/FAIL.

Two ways of measuring, both with the standard library only:

- :func:`paired_commands` times whole processes (start-up included), A then B, ``runs``
  times after a warm-up; each child's CPU (user + system) and peak memory (``ru_maxrss``)
  come from ``os.wait4``, its wall time from a monotonic clock. Ratios are taken pair by
  pair, so a machine whose speed drifts still gives a fair ratio; the median is printed.
- :func:`paired_calls` does the same for two functions in this process (CPU from
  ``time.process_time``).

Every figure is the median of at least five runs; min and max are printed beside it.
A target is printed as ``TARGET <name>: <ratio> (<= limit) PASS|FAIL``; ``benchmarks/run``
collects those lines at the end.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PYTHON = sys.executable
MIN_RUNS = 5


def shownotes_command(*args: str) -> list[str]:
    """The installed ``shownotes`` console script (as podcasters run it), with ``args``."""
    script = BIN / "shownotes"
    return [str(script), *args] if script.exists() else [PYTHON, "-m", "shownotes", *args]


@dataclass
class Sample:
    """One run: wall and CPU seconds, peak memory in MiB (None in-process)."""

    wall: float
    cpu: float
    peak: float | None = None


@dataclass
class Pair:
    """A's and B's runs, in pairs."""

    a: list[Sample] = field(default_factory=list)
    b: list[Sample] = field(default_factory=list)

    def ratios(self, what: str) -> list[float]:
        return [getattr(x, what) / getattr(y, what) for x, y in zip(self.a, self.b, strict=True)]

    def ratio(self, what: str = "cpu") -> float:
        return statistics.median(self.ratios(what))

    def peak_ratio(self) -> float | None:
        if self.a and self.a[0].peak is not None and self.b[0].peak:
            return statistics.median(x.peak / y.peak for x, y in zip(self.a, self.b, strict=True))  # type: ignore[operator]
        return None


#: Runs each command for us and reports its figures. A child's peak memory counts the memory
#: of the process it was forked from (Linux carries the high-water mark across exec), so
#: commands are started by this small process rather than by the benchmark itself: every
#: peak then has the launcher's few MiB as its floor, like ``python -c pass`` itself.
LAUNCHER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    start = time.perf_counter()
    child = subprocess.Popen(job["argv"], cwd=job["cwd"], env=job["env"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    print(json.dumps({"wall": time.perf_counter() - start,
                      "cpu": usage.ru_utime + usage.ru_stime,
                      "peak": usage.ru_maxrss / 1024,
                      "code": os.waitstatus_to_exitcode(status),
                      "errors": errors.decode("utf-8", "replace")}), flush=True)
"""
_launcher: subprocess.Popen[str] | None = None


def close_launcher() -> None:
    """End the launcher (at exit, or when a caller is done measuring)."""
    global _launcher
    if _launcher is not None:
        assert _launcher.stdin is not None and _launcher.stdout is not None
        _launcher.stdin.close()
        _launcher.wait()
        _launcher.stdout.close()
        _launcher = None


atexit.register(close_launcher)


def bytecode_env(cache: Path | None) -> dict[str, str]:
    """This process's environment, for children that find their modules' bytecode as an
    installed package would (``cache`` given) or compile it from source at every start (None).

    With ``cache``, every module's bytecode is read from (and, the first time, written to)
    that private folder (``PYTHONPYCACHEPREFIX``), so a warm-up run leaves nothing to compile:
    what a user of a wheel or a normal pip install sees, since installers compile bytecode.
    Without, ``PYTHONDONTWRITEBYTECODE=1``: modules that ship no bytecode (an editable
    install's, here shownotes' own) are compiled from source at every start."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX",)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def run_command(
    command: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> Sample:
    """Run a command to its end (output discarded); its wall, CPU and peak memory.
    ``env`` replaces the child's environment (see :func:`bytecode_env`)."""
    global _launcher
    if _launcher is None:
        _launcher = subprocess.Popen(
            [PYTHON, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    assert _launcher.stdin is not None and _launcher.stdout is not None
    job = {"argv": list(command), "cwd": str(cwd) if cwd else None, "env": env}
    _launcher.stdin.write(json.dumps(job) + "\n")
    _launcher.stdin.flush()
    result = json.loads(_launcher.stdout.readline())
    if result["code"] != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result['code']}: {result['errors']}")
    return Sample(result["wall"], result["cpu"], result["peak"])


def paired_commands(
    a: Sequence[str],
    b: Sequence[str],
    *,
    runs: int = MIN_RUNS,
    cwd: Path | None = None,
    before_a: Callable[[], None] | None = None,
    before_b: Callable[[], None] | None = None,
    warmup: int = 1,
    env: dict[str, str] | None = None,
) -> Pair:
    """A and B in turn, ``runs`` times each after ``warmup`` untimed pairs, both in ``env``."""
    return _paired(
        lambda: run_command(a, cwd, env),
        lambda: run_command(b, cwd, env),
        runs,
        before_a,
        before_b,
        warmup,
    )


def _paired(
    sample_a: Callable[[], Sample],
    sample_b: Callable[[], Sample],
    runs: int,
    before_a: Callable[[], None] | None,
    before_b: Callable[[], None] | None,
    warmup: int,
) -> Pair:
    """Take a sample of A, then of B, ``runs`` times after ``warmup`` untimed pairs."""
    pair = Pair()
    for n in range(warmup + max(runs, MIN_RUNS)):
        if before_a:
            before_a()
        one = sample_a()
        if before_b:
            before_b()
        other = sample_b()
        if n >= warmup:
            pair.a.append(one)
            pair.b.append(other)
    return pair


def timed_call(action: Callable[[], object]) -> Sample:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return Sample(time.perf_counter() - wall, time.process_time() - cpu)


def paired_calls(
    a: Callable[[], object],
    b: Callable[[], object],
    *,
    runs: int = MIN_RUNS,
    before_a: Callable[[], None] | None = None,
    before_b: Callable[[], None] | None = None,
    warmup: int = 1,
) -> Pair:
    """Two functions in this process, in turn, like :func:`paired_commands`."""
    return _paired(lambda: timed_call(a), lambda: timed_call(b), runs, before_a, before_b, warmup)


def spread(values: Sequence[float], scale: float = 1000.0, unit: str = "ms") -> str:
    """``median (min–max)`` of seconds, in ms by default."""
    med = statistics.median(values) * scale
    return f"{med:8.1f}{unit} ({min(values) * scale:.1f}–{max(values) * scale:.1f})"


def report_pair(label_a: str, label_b: str, pair: Pair) -> None:
    """Print both sides' medians and the paired ratios (CPU, wall, peak memory)."""
    for label, samples in ((label_a, pair.a), (label_b, pair.b)):
        cpu = spread([s.cpu for s in samples])
        wall = spread([s.wall for s in samples])
        peak = [s.peak for s in samples if s.peak is not None]
        memory = f"  peak {statistics.median(peak):6.1f} MiB" if peak else ""
        print(f"  {label:<46} cpu {cpu}  wall {wall}{memory}")
    peak_ratio = pair.peak_ratio()
    memory = f", peak memory {peak_ratio:.2f}x" if peak_ratio is not None else ""
    print(
        f"  ratio A/B (median of {len(pair.a)} pairs): cpu {pair.ratio('cpu'):.2f}x "
        f"(min {min(pair.ratios('cpu')):.2f}, max {max(pair.ratios('cpu')):.2f}), "
        f"wall {pair.ratio('wall'):.2f}x{memory}"
    )


def target(
    name: str, ratio: float, limit: float, *, at_least: bool = False, note: str = ""
) -> bool:
    """Print one target line; True when it passes."""
    passed = ratio >= limit if at_least else ratio <= limit
    sign = ">=" if at_least else "<="
    verdict = "PASS" if passed else "FAIL"
    extra = f"  [{note}]" if note else ""
    print(f"TARGET {name}: {ratio:.2f} ({sign} {limit:g}) {verdict}{extra}")
    return passed


#: Words of the stand-in episodes (benchmarks need text of a realistic shape, not meaning).
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


def generated_lines(
    seconds: float, seed: int = 7, cue_chance: float = 0.02
) -> list[tuple[float, float, str]]:
    """(start, length, text) of a stand-in episode: two-to-six-second lines of random words,
    now and then opening with a numbered story cue ("Okay, so story 3.")."""
    rng = random.Random(seed)
    lines, t, story = [], 0.0, 0
    while t < seconds:
        length = rng.uniform(2, 6)
        words = " ".join(rng.choice(WORDS) for _ in range(int(length * 2.5)))
        if rng.random() < cue_chance:
            story += 1
            words = f"Okay, so story {story}. {words}"
        lines.append((t, length, words))
        t += length
    return lines
