"""Benchmark: regenerate and update a 5,000-item feed, beside a plain lxml baseline.

Each scenario runs in its own process, so its peak memory (ru_maxrss) is its own. Run:

    .venv/bin/python benchmarks/bench_feed.py [--items 5000] [--runs 5] [--quick]

Prints the median time (wall and CPU) and peak memory per scenario, and shownotes' ratios
(taken pair by pair) to the lxml baseline doing the same job (building the same XML with
lxml.etree directly; parsing, appending the same elements and serializing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import target
from lxml import etree

from shownotes.feed.build import (
    CONTENT_NS,
    PODCAST_NS,
    PSC_NS,
    build_feed,
    item_elements,
)
from shownotes.feed.items import ItemData, Transcript
from shownotes.feed.update import update_feed
from shownotes.models import Chapter, Show
from shownotes.timecode import format_timestamp

NOTES = "<p>Episode notes with <a href='https://example.com'>a link</a>.</p>" * 6
TEXT = "Plain notes for the description.\n00:00 Intro\n05:00 Story 1: something\n" * 4


def items(n: int) -> list[ItemData]:
    start = dt.datetime(2010, 1, 1, 6, tzinfo=dt.UTC)
    chapters = tuple(Chapter(i * 300.0, (i + 1) * 300.0, f"Story {i}: a title") for i in range(8))
    return [
        ItemData(
            guid=f"ep-{i}",
            title=f"Episode {i}: a daily show about things",
            published=start + dt.timedelta(days=i),
            audio_url=f"https://cdn.example.com/ep{i}.mp3",
            audio_length=28_000_000 + i,
            audio_type="audio/mpeg",
            duration=2400,
            description=TEXT,
            content_html=NOTES,
            chapters_url=f"https://example.com/ep{i}/chapters.json",
            transcripts=(
                Transcript(
                    f"https://example.com/ep{i}/transcript.vtt", "text/vtt", "en", "captions"
                ),
            ),
            number=i + 1,
            chapters=chapters,
        )
        for i in range(n)
    ]


SHOW = Show(
    title="Benchmark Show",
    description="A show",
    link="https://example.com/",
    base_url="https://example.com/",
    feed_url="https://example.com/feed.xml",
)


def ours_generate(data: list[ItemData]) -> bytes:
    return build_feed(SHOW, data).rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def lxml_generate(data: list[ItemData]) -> bytes:
    """The same kind of feed built with lxml directly: the floor for any generator."""
    nsmap = {
        "podcast": PODCAST_NS,
        "content": CONTENT_NS,
        "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    }
    rss = etree.Element("rss", version="2.0", nsmap=nsmap)
    channel = etree.SubElement(rss, "channel")
    for tag, text in (
        ("title", SHOW.title),
        ("link", SHOW.link),
        ("description", SHOW.description),
    ):
        etree.SubElement(channel, tag).text = text
    for item in sorted(data, key=lambda i: i.published, reverse=True):
        el = etree.SubElement(channel, "item")
        etree.SubElement(el, "title").text = item.title
        etree.SubElement(el, "guid", isPermaLink="false").text = item.guid
        etree.SubElement(el, "pubDate").text = item.published.strftime(
            "%a, %d %b %Y %H:%M:%S +0000"
        )
        etree.SubElement(
            el, "enclosure", url=item.audio_url, length=str(item.audio_length), type=item.audio_type
        )
        etree.SubElement(el, "description").text = item.description
        etree.SubElement(el, f"{{{CONTENT_NS}}}encoded").text = etree.CDATA(item.content_html)
        etree.SubElement(el, "{http://www.itunes.com/dtds/podcast-1.0.dtd}duration").text = str(
            item.duration
        )
        etree.SubElement(el, "{http://www.itunes.com/dtds/podcast-1.0.dtd}episode").text = str(
            item.number
        )
        etree.SubElement(
            el, "{http://www.itunes.com/dtds/podcast-1.0.dtd}episodeType"
        ).text = "full"
        for extra in item_elements(item.chapters_url, item.transcripts):
            el.append(extra)
        psc = etree.SubElement(el, f"{{{PSC_NS}}}chapters", version="1.2")
        for c in item.chapters:
            etree.SubElement(
                psc,
                f"{{{PSC_NS}}}chapter",
                start=format_timestamp(c.start, millis=True),
                title=c.title,
            )
    return etree.tostring(rss, pretty_print=True, encoding="UTF-8", xml_declaration=True)


def third_party(data: list[ItemData]) -> bytes:
    """A feed as another tool makes it: our items without our tags."""
    root = etree.fromstring(lxml_generate(data))
    for el in root.iter(
        f"{{{PODCAST_NS}}}chapters", f"{{{PODCAST_NS}}}transcript", f"{{{CONTENT_NS}}}encoded"
    ):
        el.getparent().remove(el)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def ours_update(feed: bytes, data: list[ItemData]) -> bytes:
    return update_feed(feed, data, "bench.xml").data


def lxml_update(feed: bytes, data: list[ItemData]) -> bytes:
    """Parse, find each item by guid, append the same elements, serialize."""
    root = etree.fromstring(feed, etree.XMLParser(resolve_entities=False, strip_cdata=False))
    by_guid = {item.findtext("guid"): item for item in root.iter("item")}
    for item in data:
        el = by_guid[item.guid]
        for extra in item_elements(item.chapters_url, item.transcripts):
            el.append(extra)
        encoded = etree.SubElement(el, f"{{{CONTENT_NS}}}encoded")
        encoded.text = etree.CDATA(item.content_html)
    return etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True)


def run_child(scenario: str, n: int, workdir: Path) -> dict[str, float]:
    """One scenario in this process: time the job (wall and CPU), report peak memory."""
    data = items(n)
    feed = (workdir / "third_party.xml").read_bytes() if "update" in scenario else b""
    job = {
        "ours-generate": lambda: ours_generate(data),
        "lxml-generate": lambda: lxml_generate(data),
        "ours-update": lambda: ours_update(feed, data),
        "lxml-update": lambda: lxml_update(feed, data),
    }[scenario]
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    out = job()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mib": peak / 1024,
        "extra_mib": (peak - base_rss) / 1024,
        "bytes": len(out),
    }


def child(scenario: str, n: int, workdir: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", scenario, "--items", str(n)]
    out = subprocess.run(
        [*command, "--workdir", workdir], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="a 500-item feed")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.items, Path(args.workdir))))
        return
    n = 500 if args.quick else args.items
    runs = max(args.runs, 5)
    ratios: dict[str, dict[str, list[float]]] = {}
    samples: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "third_party.xml").write_bytes(third_party(items(n)))
        for job in ("generate", "update"):
            child(f"lxml-{job}", n, tmp)  # warm-up: file caches, bytecode
            for _ in range(runs):  # paired: lxml then ours, each in a fresh process
                base, ours = child(f"lxml-{job}", n, tmp), child(f"ours-{job}", n, tmp)
                samples.setdefault(f"lxml-{job}", []).append(base)
                samples.setdefault(f"ours-{job}", []).append(ours)
                for what in ("seconds", "cpu", "peak_mib", "extra_mib"):
                    ratio = ours[what] / base[what] if base[what] > 0 else float("nan")
                    ratios.setdefault(job, {}).setdefault(what, []).append(ratio)
    print(f"{n}-item feed, median of {runs} paired runs, each in a fresh process")
    print(f"{'scenario':<16}{'wall':>10}{'cpu':>10}{'peak RSS':>12}{'job extra':>12}{'output':>10}")
    for name, runs_ in samples.items():
        med = {k: statistics.median(r[k] for r in runs_) for k in runs_[0]}
        print(
            f"{name:<16}{med['seconds'] * 1000:>8.0f}ms{med['cpu'] * 1000:>8.0f}ms"
            f"{med['peak_mib']:>9.1f}MiB{med['extra_mib']:>9.1f}MiB{med['bytes'] / 1e6:>7.1f} MB"
        )
    for job, by in ratios.items():
        print(
            f"{job}: cpu {statistics.median(by['cpu']):.2f}x, wall "
            f"{statistics.median(by['seconds']):.2f}x, peak memory "
            f"{statistics.median(by['peak_mib']):.2f}x (the job's own: "
            f"{statistics.median(by['extra_mib']):.2f}x) the lxml baseline"
        )
    print()
    target(
        f"feed generation, {n} items / plain lxml (cpu)",
        statistics.median(ratios["generate"]["cpu"]),
        1.3,
    )


if __name__ == "__main__":
    main()
