"""A feed spliced from kept item fragments is byte for byte the feed feedgen builds whole."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import feedparser
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from shownotes.feed import splice
from shownotes.feed.build import PSC_NS, build_feed
from shownotes.feed.items import ItemData, Transcript
from shownotes.feed.splice import FOOTER, Fragment, splice_feed
from shownotes.models import Chapter, Funding, Owner, Show
from shownotes.validate import is_xml_text, xml_text

SHOW = Show(
    title="Splice & Co <weekly>",
    description="A show about <b>things</b> & more",
    link="https://example.com/",
    author="Ann Author",
    owner=Owner("Ann Author", "ann@example.com"),
    image="https://example.com/art.jpg",
    categories=("Technology > Tech News",),
    locked=True,
    funding=(Funding("https://example.com/support", "Support us"),),
    base_url="https://example.com/",
    feed_url="https://example.com/feed.xml",
)
START = dt.datetime(2024, 1, 1, 6, tzinfo=dt.UTC)


def item(n: int, **changes: object) -> ItemData:
    """An item whose fields vary with ``n`` (CDATA and escaped notes, chapters, art, flags)."""
    chapters = (
        Chapter(0.0, 60.0, f"Intro {n} & <friends>"),
        Chapter(60.0, 90.0, "Marker", url="https://example.com/m", toc=False),
        Chapter(90.0, 300.5, f"Story {n}", url="https://example.com/s", image="https://x/i.png"),
    )
    data = ItemData(
        guid=f"https://example.com/ep{n}" if n % 3 == 0 else f"ep-{n}",
        title=f"Episode {n}: ünïcode & <tags>",
        published=START + dt.timedelta(days=n),
        audio_url=f"https://example.com/ep{n}.mp3",
        audio_length=1000 + n,
        audio_type="audio/mpeg",
        duration=300 + n if n % 4 else None,
        description=f"Notes for {n}\n00:00 Intro\n01:30 Story <{n}>",
        content_html=f"<p>Notes {n}</p>" + ("<p>]]></p>" if n % 5 == 0 else ""),
        chapters_url=f"https://example.com/ep{n}/chapters.json" if n % 2 else None,
        transcripts=(Transcript(f"https://example.com/ep{n}.vtt", "text/vtt", "en", "captions"),),
        number=n if n % 2 else None,
        season=2 if n > 6 else None,
        episode_type="bonus" if n == 4 else "full",
        explicit=(None, True, False)[n % 3],
        image="https://example.com/ep.png" if n == 2 else None,
        chapters=chapters if n % 4 != 1 else (),
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def whole(items: list[ItemData]) -> bytes:
    """The feed as feedgen builds and serializes it in one go (what publish always wrote)."""
    return build_feed(SHOW, items).rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def kept(items: list[ItemData]) -> dict[str, Fragment]:
    """Every item's fragment by GUID, cut from the spliced feed of all of them."""
    spliced = splice_feed(SHOW, items)
    return {
        i.guid: Fragment(i.published, spliced.data[start:end])
        for i, (start, end) in zip(items, spliced.spans, strict=True)
    }


CATALOGUE = [item(n) for n in range(10)]


def test_rendering_every_item_is_the_whole_build() -> None:
    spliced = splice_feed(SHOW, CATALOGUE)
    assert spliced.data == whole(CATALOGUE)
    assert spliced.rendered == len(CATALOGUE)
    parsed = feedparser.parse(spliced.data)
    assert not parsed.bozo and len(parsed.entries) == len(CATALOGUE)
    for i, (start, end) in zip(CATALOGUE, spliced.spans, strict=True):
        fragment = spliced.data[start:end]
        assert fragment.startswith(b"    <item>\n") and fragment.endswith(b"</item>\n")
        assert f">{i.guid}</guid>".encode() in fragment


@pytest.mark.parametrize(
    ("case", "after"),
    [
        ("add", lambda items: [*items, item(10), item(11, published=START)]),
        (
            "change",
            lambda items: [
                item(3, description="Edited notes") if i.guid.endswith("ep3") else i for i in items
            ],
        ),
        ("remove the newest", lambda items: items[:-1]),
        ("remove one", lambda items: items[:4] + items[5:]),
        ("unpublish all", lambda items: []),
        (
            "reorder by date",
            lambda items: [
                item(2, published=START + dt.timedelta(days=30)) if i.guid == "ep-2" else i
                for i in items
            ],
        ),
        ("same dates", lambda items: [dataclasses.replace(i, published=START) for i in items]),
        ("catalogue order", lambda items: items[::-1]),
    ],
)
def test_splicing_kept_fragments_is_the_whole_build(case: str, after: object) -> None:
    fragments = kept(CATALOGUE)
    items: list[ItemData] = after(list(CATALOGUE))  # type: ignore[operator]
    # an item is kept when the same data was rendered before; the others are rendered
    entries = [fragments[i.guid] if i in CATALOGUE and fragments.get(i.guid) else i for i in items]
    # ("same dates" changes every item's data, so nothing is kept there)
    spliced = splice_feed(SHOW, entries)
    assert spliced.data == whole(items)
    assert spliced.rendered == sum(isinstance(e, ItemData) for e in entries)


def test_any_mix_of_kept_and_rendered_items_is_the_whole_build() -> None:
    fragments = kept(CATALOGUE)
    chance = random.Random(17)
    for _ in range(20):
        entries = [fragments[i.guid] if chance.random() < 0.7 else i for i in CATALOGUE]
        assert splice_feed(SHOW, entries).data == whole(CATALOGUE)


def test_a_kept_fragment_is_used_as_it_is() -> None:
    """The splice takes a fragment's bytes on trust: the caller keys it on the item's data."""
    fragments = kept(CATALOGUE)
    stale = fragments["ep-1"]
    edited = [item(1, title="Renamed") if i.guid == "ep-1" else i for i in CATALOGUE]
    entries = [stale if i.guid == "ep-1" else i for i in edited]
    assert splice_feed(SHOW, entries).data == whole(CATALOGUE) != whole(edited)


def test_an_item_start_inside_notes_is_not_taken_for_an_item() -> None:
    tricky = item(5, content_html="<pre>\n    <item>\n      <title>fake</title>\n</pre>")
    items = [*CATALOGUE[:5], tricky, *CATALOGUE[6:]]
    spliced = splice_feed(SHOW, items)
    assert spliced.data == whole(items)
    fragments = {
        i.guid: Fragment(i.published, spliced.data[s:e])
        for i, (s, e) in zip(items, spliced.spans, strict=True)
    }
    assert b"fake" in fragments[tricky.guid].xml
    mixed = [i if i.guid in ("ep-1", "ep-7") else fragments[i.guid] for i in items]
    assert splice_feed(SHOW, mixed).data == whole(items)


def test_an_empty_feed() -> None:
    spliced = splice_feed(SHOW, [])
    assert spliced.data == whole([]) and spliced.data.endswith(FOOTER)


def test_a_feed_laid_out_another_way_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(splice, "FOOTER", b"</channel></rss>")
    with pytest.raises(splice.UnknownLayout):
        splice_feed(SHOW, CATALOGUE)


def test_the_renderer_key_names_the_rendering_code(monkeypatch: pytest.MonkeyPatch) -> None:
    key = splice.renderer_key()
    assert key == splice.renderer_key()
    monkeypatch.setattr(splice, "__version__", "0.0.0-other")
    assert splice.renderer_key() != key


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF, blacklist_categories=())))
def test_the_one_scan_xml_check_agrees_with_the_cleaner(text: str) -> None:
    """The feed checks an item's texts in one scan (ASCII by a byte table): the same verdict
    as cleaning them."""
    assert is_xml_text(text) == (xml_text(text) == text)
    assert is_xml_text(text + "\ud800") is False


def test_an_item_with_characters_xml_cannot_carry_is_cleaned() -> None:
    dirty = item(2, title="Bell\x07 title\ufffe", description="\x01", content_html="<p>\x02</p>")
    dirty = dataclasses.replace(dirty, chapters=(Chapter(0.0, 9.0, "Ch\x00apter"),))
    data = splice_feed(SHOW, [dirty, item(3)]).data
    assert data == whole([dirty, item(3)])
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    entry = next(e for e in parsed.entries if e.id == "ep-2")
    assert entry.title == "Bell title"
    titles = etree.fromstring(data).xpath(
        "channel/item[guid='ep-2']/psc:chapters/psc:chapter/@title", namespaces={"psc": PSC_NS}
    )
    assert titles == ["Chapter"]
    assert b"<content:encoded><![CDATA[<p></p>]]></content:encoded>" in data
