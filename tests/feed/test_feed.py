"""The RSS feed: generation read by real client libraries, lossless updates, hostile XML."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import shutil
from pathlib import Path

import feedparser
import podcastparser
import pytest
from conftest import DATA, EXAMPLE, copy_example_episode
from feedgen.entry import formatRFC2822  # (feedgen.util alone needs lxml.etree loaded)
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from shownotes import load_show
from shownotes.audio.silence import silent_mp3
from shownotes.cli import main
from shownotes.errors import InputError
from shownotes.feed.build import (
    CONTENT_NS,
    PODCAST_NS,
    PSC_NS,
    build_feed,
    podcast_guid,
    rfc2822_date,
)
from shownotes.feed.update import update_feed
from shownotes.feed.xmlsafe import UnsafeXMLError
from shownotes.publishing.catalog import load_catalog
from shownotes.publishing.prepare import item_data, prepare

FEEDS = DATA / "feeds"
NS = {
    "podcast": PODCAST_NS,
    "content": CONTENT_NS,
    "psc": PSC_NS,
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
}
SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nWelcome to a short episode.\n\n"
    "2\n00:00:30,000 --> 00:00:34,000\nSo story one is about harbors.\n"
)


def make_episode(root: Path, folder: str, title: str, date: str, audio: str = "audio.mp3") -> None:
    path = root / "episodes" / folder
    path.mkdir(parents=True)
    (path / audio).write_bytes(silent_mp3(65))
    (path / "transcript.srt").write_text(SRT)
    (path / "episode.yaml").write_text(f"title: {title}\ndate: {date}\naudio: {audio}\n")


@pytest.fixture
def show_dir(tmp_path: Path) -> Path:
    """The example show, its episode's chapters pinned by a hand-made sidecar, plus three more."""
    shutil.copy(EXAMPLE / "config.yaml", tmp_path / "config.yaml")
    copy_example_episode(tmp_path / "episodes" / "2026-06-07")
    shutil.copy(
        DATA / "golden" / "2026-06-07" / "chapters.yaml",
        tmp_path / "episodes" / "2026-06-07" / "episode.chapters.yaml",
    )
    make_episode(tmp_path, "ep2", "Second episode", "2026-06-08")
    make_episode(tmp_path, "ep3", "Matched by title", "2026-06-09")
    make_episode(tmp_path, "ep4", "Not in the feed", "2026-06-10")
    return tmp_path


def generated(show_dir: Path) -> bytes:
    catalog = load_catalog(show_dir / "config.yaml")
    prepared = [prepare(e, catalog.show) for e in catalog.episodes]
    items = [item_data(p, catalog.show) for p in prepared]
    return build_feed(catalog.show, items).rss_str(
        pretty=True, encoding="UTF-8", xml_declaration=True
    )


def test_feedparser_reads_chapters_transcripts_and_notes(show_dir: Path) -> None:
    parsed = feedparser.parse(generated(show_dir))
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == [
        "Not in the feed",
        "Matched by title",
        "Second episode",
        "Musk training on competitor models, Meta's Mad Max data centers",
    ]  # newest first
    entry = parsed.entries[-1]
    base = "https://example.com/episodes/2026-06-07/"
    assert entry.podcast_chapters == {
        "url": base + "chapters.json",
        "type": "application/json+chapters",
    }
    assert entry.podcast_transcript["url"] == base + "transcript.json"  # feedparser keeps the last
    assert "Story 1: xAI trained on Claude's outputs" in entry.content[0].value
    assert entry.enclosures[0] == {
        "href": base + "episode.mp3",
        "length": "1017000",
        "type": "audio/mpeg",
    }
    assert entry.itunes_duration == "1017"
    assert entry.id == "synthesizer-daily-2026-06-07"
    # the description's block: Spotify (enabled by default) wants chapters of 30 s or more,
    # so the 20 s intro is merged into the chapter after it there, and only there
    assert entry.summary.splitlines()[2] == "00:00 Serif fonts: the trust costume"
    assert parsed.feed.podcast_guid == podcast_guid("https://example.com/feed.xml")


def test_podcastparser_reads_the_feed(show_dir: Path) -> None:
    parsed = podcastparser.parse("https://example.com/feed.xml", io.BytesIO(generated(show_dir)))
    episode = next(e for e in parsed["episodes"] if e["guid"] == "synthesizer-daily-2026-06-07")
    assert episode["total_time"] == 1017
    assert episode["number"] == 158
    assert episode["chapters"][2] == {
        "start": 84,
        "title": "Story 1: xAI trained on Claude's outputs",
    }
    assert "<p>Chapters</p>" in episode["description_html"]  # from content:encoded
    assert episode["enclosures"][0]["file_size"] == 1017000
    # podcastparser 0.6.11 maps the podcast namespace only under its old GitHub URIs, so it
    # cannot see podcast:chapters / podcast:transcript under the spec's URI; check them in XML:
    root = etree.fromstring(generated(show_dir))
    item = root.find("channel/item[guid='synthesizer-daily-2026-06-07']")
    assert item.find("podcast:chapters", NS).get("url").endswith("/2026-06-07/chapters.json")
    assert [t.get("type") for t in item.findall("podcast:transcript", NS)] == [
        "text/vtt",
        "application/json",
    ]
    assert item.find("podcast:transcript", NS).get("rel") == "captions"


def test_golden_channel_and_item(show_dir: Path, update_golden: bool) -> None:
    root = etree.fromstring(generated(show_dir))
    channel = copy.deepcopy(root.find("channel"))
    for item in channel.findall("item")[:-1]:
        channel.remove(item)  # the golden file holds the channel and the example's item
    text = etree.tostring(channel, encoding="unicode")
    golden = DATA / "golden" / "feed-channel-and-item.xml"
    if update_golden or not golden.exists():
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_regenerating_is_byte_identical(show_dir: Path) -> None:
    assert generated(show_dir) == generated(show_dir)


def canonical(tree: etree._ElementTree, owned_in: set[str]) -> bytes:
    """The tree without our elements in the matched items, whitespace-only text ignored."""
    tree = copy.deepcopy(tree)
    for item in tree.getroot().iter("item"):
        if (item.findtext("guid") or "") in owned_in:
            for tag in (
                f"{{{PODCAST_NS}}}chapters",
                f"{{{PODCAST_NS}}}transcript",
                f"{{{CONTENT_NS}}}encoded",
            ):
                for element in item.findall(tag):
                    item.remove(element)
    for element in tree.iter():
        if element.text is not None and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    return etree.tostring(tree, method="c14n", exclusive=True, with_comments=True)


def test_update_changes_only_what_it_owns(show_dir: Path) -> None:
    before_bytes = (FEEDS / "third_party.xml").read_bytes()
    show = load_show(show_dir / "config.yaml")
    catalog = load_catalog(show_dir / "config.yaml")
    items = [item_data(prepare(e, show), show) for e in catalog.episodes]
    result = update_feed(before_bytes, items, "third_party.xml")
    assert set(result.updated) == {
        "Musk training on competitor models, Meta's Mad Max data centers",
        "Second episode",
        "Matched by title",
    }
    assert result.unmatched == ("Not in the feed",)
    parser = etree.XMLParser(strip_cdata=False)
    before = etree.fromstring(before_bytes, parser).getroottree()
    after = etree.fromstring(result.data, parser).getroottree()
    matched = {"synthesizer-daily-2026-06-07", "host-guid-2", "https://example.com/?p=3"}
    assert canonical(before, matched) == canonical(after, matched)
    # every namespace declared before is still declared, ours were added
    assert before.getroot().nsmap.items() <= after.getroot().nsmap.items()
    assert after.getroot().nsmap["podcast"] == PODCAST_NS
    # declaration, comments, processing instruction and CDATA kept as they were
    assert result.data.startswith(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- Generated by SomeHost'
    )
    assert b'<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>' in result.data
    assert b"<description><![CDATA[Old <i>notes</i>.]]></description>" in result.data
    item = after.getroot().find("channel/item[guid='synthesizer-daily-2026-06-07']")
    assert (
        item.find("podcast:chapters", NS).get("url")
        == "https://example.com/episodes/2026-06-07/chapters.json"
    )
    assert "<p>Chapters</p>" in item.find("content:encoded", NS).text
    assert b"<content:encoded><![CDATA[<p>" in result.data
    unknown = after.getroot().find("channel/item[guid='bonus-1']")
    assert unknown.find("podcast:chapters", NS) is None
    # a second update with the same data changes nothing
    assert update_feed(result.data, items, "x").data == result.data


def test_update_replaces_existing_tags_in_place(show_dir: Path) -> None:
    show = load_show(show_dir / "config.yaml")
    catalog = load_catalog(show_dir / "config.yaml")
    items = [item_data(prepare(e, show), show) for e in catalog.episodes]
    feed = (
        (FEEDS / "third_party.xml")
        .read_bytes()
        .replace(
            b"<dc:creator>Emma</dc:creator>",
            b'<podcast:chapters xmlns:podcast="https://podcastindex.org/namespace/1.0" '
            b'url="https://old/c.json" type="application/json+chapters"/>'
            b"<dc:creator>Emma</dc:creator>",
        )
    )
    after = etree.fromstring(update_feed(feed, items, "f.xml").data)
    item = after.find("channel/item[guid='synthesizer-daily-2026-06-07']")
    chapters = item.findall("podcast:chapters", NS)
    assert len(chapters) == 1 and chapters[0].get("url").startswith("https://example.com/")
    assert chapters[0].getnext().tag == "{http://purl.org/dc/elements/1.1/}creator"


@pytest.mark.parametrize("name", ["billion_laughs.xml", "xxe.xml"])
def test_hostile_feeds_fail_cleanly(name: str, tmp_path: Path, show_dir: Path) -> None:
    with pytest.raises(UnsafeXMLError, match="declares XML entities"):
        update_feed((FEEDS / name).read_bytes(), [], name)
    target = tmp_path / name
    shutil.copy(FEEDS / name, target)
    code = main(["feed", "--config", str(show_dir / "config.yaml"), "--update", str(target)])
    assert code == 2
    assert target.read_bytes() == (FEEDS / name).read_bytes()


def test_cli_feed_writes_and_is_idempotent(
    show_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(show_dir / "config.yaml")
    assert main(["feed", "--config", config]) == 0
    feed = show_dir / "public" / "feed.xml"
    assert feed.is_file() and "wrote" in capsys.readouterr().out
    assert main(["feed", "--config", config]) == 0
    assert capsys.readouterr().out.endswith("unchanged\n")


def test_cli_update_dry_run_prints_a_diff(
    show_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "feed.xml"
    shutil.copy(FEEDS / "third_party.xml", target)
    assert (
        main(
            [
                "feed",
                "--config",
                str(show_dir / "config.yaml"),
                "--update",
                str(target),
                "--dry-run",
            ]
        )
        == 0
    )
    out, err = capsys.readouterr()
    assert "+      <podcast:chapters url=" in out and out.startswith("---")
    assert "no item in" in err and "Not in the feed" in err
    assert target.read_bytes() == (FEEDS / "third_party.xml").read_bytes()
    assert main(["feed", "--config", str(show_dir / "config.yaml"), "--update", str(target)]) == 0
    assert b"podcast:chapters" in target.read_bytes()


@given(
    st.datetimes(
        min_value=dt.datetime(1000, 1, 1),
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5, minutes=-30))]),
    )
)
def test_item_dates_are_written_as_feedgen_writes_them(when: dt.datetime) -> None:
    """Items' pubDate is ours (no locale switching), channel dates feedgen's: the same text."""
    assert rfc2822_date(when) == formatRFC2822(when)


def test_a_date_without_a_time_zone_is_an_input_error(show_dir: Path) -> None:
    catalog = load_catalog(show_dir / "config.yaml")
    item = item_data(prepare(catalog.episodes[0], catalog.show), catalog.show)
    naive = dataclasses.replace(item, published=item.published.replace(tzinfo=None))
    with pytest.raises(InputError, match="no time zone"):
        build_feed(catalog.show, [naive])
