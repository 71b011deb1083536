"""Benchmark: regenerate and update a 5,000-item feed, beside a plain lxml baseline.

Each scenario runs in its own process, so its peak memory (ru_maxrss) is its own. Run:

    .venv/bin/python benchmarks/bench_feed.py [--items 5000] [--repeat 3]

Prints time and peak memory per scenario, and shownotes' ratios to the lxml baseline doing
the same job (building the same XML with lxml.etree directly; parsing, appending the same
elements and serializing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    """One scenario in this process: time the job, report peak memory."""
    data = items(n)
    feed = (workdir / "third_party.xml").read_bytes() if "update" in scenario else b""
    job = {
        "ours-generate": lambda: ours_generate(data),
        "lxml-generate": lambda: lxml_generate(data),
        "ours-update": lambda: ours_update(feed, data),
        "lxml-update": lambda: lxml_update(feed, data),
    }[scenario]
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    out = job()
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "peak_mib": peak / 1024,
        "extra_mib": (peak - base_rss) / 1024,
        "bytes": len(out),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.items, Path(args.workdir))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        (workdir / "third_party.xml").write_bytes(third_party(items(args.items)))
        results: dict[str, dict[str, float]] = {}
        for scenario in ("lxml-generate", "ours-generate", "lxml-update", "ours-update"):
            runs = []
            for _ in range(args.repeat):
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        scenario,
                        "--items",
                        str(args.items),
                        "--workdir",
                        tmp,
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                runs.append(json.loads(out))
            best = min(runs, key=lambda r: r["seconds"])
            results[scenario] = best | {"peak_mib": max(r["peak_mib"] for r in runs)}
    print(f"{args.items}-item feed, best of {args.repeat} runs, each in a fresh process")
    print(f"{'scenario':<16}{'time':>10}{'peak RSS':>12}{'output':>12}")
    for name, r in results.items():
        size = r["bytes"] / 1e6
        print(f"{name:<16}{r['seconds'] * 1000:>8.0f}ms{r['peak_mib']:>9.1f}MiB{size:>9.1f} MB")
    for job in ("generate", "update"):
        ours, base = results[f"ours-{job}"], results[f"lxml-{job}"]
        print(
            f"{job}: time {ours['seconds'] / base['seconds']:.2f}x, "
            f"peak memory {ours['peak_mib'] / base['peak_mib']:.2f}x the lxml baseline"
        )


if __name__ == "__main__":
    main()
