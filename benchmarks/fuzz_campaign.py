"""The long fuzz campaign: hostile inputs for every transcript reader and config file kind.

Each input is run through the API and the command line (in-process); a run fails when
anything other than shownotes' own error escapes, or the command line shows a traceback or
an internal error. Kinds run in parallel processes; every figure is printed at the end, and
the first failures of each kind are written to ``--failures`` for replay.

Run: ``.venv/bin/python benchmarks/fuzz_campaign.py [--readers 10000] [--configs 3000]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import CONFIG_KINDS, READER_KINDS, campaign


def run_kind(kind: str, count: int, seed: int, chunk: int) -> tuple[str, int, list[str], float]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        counts, failures = campaign((kind,), count, seed + chunk, Path(folder))
    return kind, counts[kind], [str(f) for f in failures], time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=10_000, help="inputs per reader format")
    parser.add_argument("--configs", type=int, default=3_000, help="inputs per config kind")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--jobs", type=int, default=None, help="processes [default: cores]")
    parser.add_argument("--chunks", type=int, default=4, help="parallel pieces per kind")
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures.txt"))
    args = parser.parse_args()
    work = []
    for kinds, total in ((READER_KINDS, args.readers), (CONFIG_KINDS, args.configs)):
        for kind in kinds:
            for chunk in range(args.chunks):
                share = total // args.chunks + (1 if chunk < total % args.chunks else 0)
                work.append((kind, share, args.seed, chunk))
    totals: dict[str, int] = {}
    failed: dict[str, list[str]] = {}
    seconds: dict[str, float] = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for kind, count, failures, spent in pool.map(run_kind, *zip(*work, strict=True)):
            totals[kind] = totals.get(kind, 0) + count
            failed.setdefault(kind, []).extend(failures)
            seconds[kind] = seconds.get(kind, 0.0) + spent
    print(f"{'kind':<10} {'inputs':>8} {'failures':>9} {'cpu s':>8}")
    for kind in (*READER_KINDS, *CONFIG_KINDS):
        print(f"{kind:<10} {totals[kind]:>8} {len(failed[kind]):>9} {seconds[kind]:>8.1f}")
    total_failures = sum(len(f) for f in failed.values())
    print(f"{'total':<10} {sum(totals.values()):>8} {total_failures:>9}")
    if total_failures:
        args.failures.write_text(
            "\n\n".join(f for fs in failed.values() for f in fs[:20]), encoding="utf-8"
        )
        print(f"first failures of each kind: {args.failures}")
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
