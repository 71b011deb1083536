"""One truth, four channels: read an episode's chapters from everywhere apps find them.

The four channels are the published MP3's ID3 chapters, the chapters JSON the feed points
to, the ``psc:chapters`` inside the feed's item and the timestamp block of the item's
``<description>`` (and ``content:encoded``). :func:`read_channels` reads what was
published; :func:`channel_problems` says where a channel the show's apps read is missing or
disagrees with the chapters (a start more than half a second off, another title), and where
the feed breaks an app's rules on notes (size, HTML), art and enclosure URLs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree
from mutagen.id3 import ID3, CTOCFlags

from shownotes.config import key_line
from shownotes.errors import Problem, ShownotesError
from shownotes.feed.names import CONTENT_NS, ITUNES_NS, PODCAST_NS, PSC_NS
from shownotes.feed.update import find_item, index_items
from shownotes.models import Chapter, Episode, Show
from shownotes.outputs.description import (
    Block,
    BlockRules,
    block_start,
    description_block,
    html_text,
    read_block,
)
from shownotes.outputs.published import episode_urls, one_line, validate_output
from shownotes.publishing.apps import Platform, enabled_channels, show_platforms
from shownotes.timecode import TimestampError, format_timestamp, parse_timestamp

#: Starts further apart than this (seconds) disagree.
TOLERANCE = 0.5
#: Namespace URIs podcast:chapters is found under: the spec's, and the GitHub URI early
#: feeds and readers (podcastparser 0.6) use.
PODCAST_NAMESPACES = (
    PODCAST_NS,
    "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
)


@dataclass(slots=True)
class Source:
    """What one channel carries for an episode, as published."""

    channel: str
    #: (start s, title, listed in the table of contents); None when the channel is absent.
    chapters: list[tuple[float, str, bool]] | None
    path: Path | None = None
    line: int | None = None
    #: Why the channel is absent, or what is wrong with its form (CTOC flags, order...).
    missing: str = ""
    faults: list[str] = field(default_factory=list)

    @property
    def listed(self) -> list[tuple[float, str, bool]]:
        return [c for c in self.chapters or () if c[2]]


@dataclass(slots=True)
class Channels:
    """Every channel of one episode, with the chapters they should all carry."""

    episode: Episode
    truth: tuple[Chapter, ...]
    block: Block
    sources: dict[str, Source]
    feed: Path | None
    #: The feed's item (None without a feed or item) and its notes.
    item: etree._Element | None = None
    notes: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    #: The namespace URI the item's podcast:chapters uses.
    namespace: str | None = None
    enclosure: str | None = None


def read_channels(
    episode: Episode,
    show: Show,
    chapters: tuple[Chapter, ...],
    duration: float | None,
    folder: Path,
    feed: etree._Element | None,
    rules: BlockRules,
) -> Channels:
    """Read the four channels of ``episode`` as published into ``folder`` and ``feed``."""
    end = duration if duration is not None else (chapters[-1].end if chapters else 0.0)
    feed_path = show.external_feed or show.output_dir / "feed.xml"
    found = Channels(
        episode=episode,
        truth=chapters,
        block=description_block(chapters, end, rules),
        sources={"id3": _id3(episode, folder), "json": _json(folder / "chapters.json")},
        feed=feed_path if feed is not None else None,
    )
    item = None
    if feed is not None and (channel := feed.find("channel")) is not None:
        urls = episode_urls(show, episode)
        item = find_item(
            index_items(channel), episode.guid or urls.audio, urls.audio, episode.title
        )
    found.item = item
    found.sources["psc"] = _psc(item, feed_path)
    found.sources["description"] = _description(item, feed_path, folder / "notes.txt")
    if item is not None:
        for tag, name in (("description", "description"), (f"{{{CONTENT_NS}}}encoded", "content")):
            element = item.find(tag)
            if element is not None:
                found.notes[name] = (element.text or "", element.sourceline)
        for uri in PODCAST_NAMESPACES:
            if item.find(f"{{{uri}}}chapters") is not None:
                found.namespace = uri
                break
        enclosure = item.find("enclosure")
        found.enclosure = enclosure.get("url") if enclosure is not None else None
    return found


def _id3(episode: Episode, folder: Path) -> Source:
    audio = folder / episode.audio.name
    if not audio.is_file():
        audio = episode.audio
    if audio.suffix.lower() != ".mp3":
        return Source("id3", None, audio, missing=f"the audio is {audio.suffix or 'not'} an MP3")
    if not audio.is_file():
        return Source("id3", None, audio, missing="no audio file")
    try:
        tags = ID3(audio)
    except Exception:  # no tag, or unreadable: the tag check reports what it is
        return Source("id3", None, audio, missing="the MP3 has no ID3 tag")
    listed = {c for toc in tags.getall("CTOC") for c in toc.child_element_ids}
    frames = sorted(tags.getall("CHAP"), key=lambda f: f.start_time)
    if not frames:
        return Source("id3", None, audio, missing="the MP3 has no ID3 chapters")
    source = Source(
        "id3",
        [
            (
                f.start_time / 1000,
                " / ".join(f.sub_frames["TIT2"].text) if "TIT2" in f.sub_frames else "",
                not listed or f.element_id in listed,
            )
            for f in frames
        ],
        audio,
    )
    tops = [t for t in tags.getall("CTOC") if t.flags & CTOCFlags.TOP_LEVEL]
    if not tags.getall("CTOC"):
        source.faults.append("the MP3 has CHAP frames but no CTOC table of contents")
    elif len(tops) != 1 or not tops[0].flags & CTOCFlags.ORDERED:
        source.faults.append("the MP3's CTOC is not one top-level, ordered table of contents")
    return source


def _json(path: Path) -> Source:
    if not path.is_file():
        return Source("json", None, path, missing="no chapters.json published")
    try:
        text = path.read_text("utf-8")
        validate_output("chapters.json", text)  # an invalid file is the JSON check's to report
        data = json.loads(text)
        chapters = [
            (float(c["startTime"]), str(c.get("title", "")), c.get("toc", True) is not False)
            for c in data["chapters"]
        ]
    except (OSError, ValueError, KeyError, TypeError, ShownotesError):
        return Source("json", None, path, missing="chapters.json is not valid chapters JSON")
    source = Source("json", chapters, path)
    if [c[0] for c in chapters] != sorted(c[0] for c in chapters):
        source.faults.append("chapters.json is not sorted by startTime")
    return source


def _psc(item: etree._Element | None, feed: Path) -> Source:
    if item is None:
        return Source("psc", None, feed, missing="no feed item")
    block = item.find(f"{{{PSC_NS}}}chapters")
    if block is None:
        return Source("psc", None, feed, item.sourceline, missing="the item has no psc:chapters")
    chapters = []
    for element in block.iterfind(f"{{{PSC_NS}}}chapter"):
        try:
            start = parse_timestamp(element.get("start", ""))
        except TimestampError:
            start = -1.0
        chapters.append((start, element.get("title", ""), True))
    return Source("psc", chapters, feed, block.sourceline)


def _description(item: etree._Element | None, feed: Path, notes: Path) -> Source:
    if item is not None:
        element = item.find("description")
        text, line = (element.text or "", element.sourceline) if element is not None else ("", None)
        where = feed
    elif notes.is_file():
        text, line, where = notes.read_text("utf-8"), None, notes
    else:
        return Source("description", None, feed, missing="no feed item")
    lines = read_block(text)
    if not lines:
        return Source("description", None, where, line, missing="no timestamp lines")
    first = lines[0].line - 1 if line is not None else 0
    return Source(
        "description",
        [(s.start, s.title, True) for s in lines],
        where,
        (line or 0) + first if line is not None else lines[0].line,
    )


# --- agreement ------------------------------------------------------------------------------


def _expected(channels: Channels, channel: str) -> list[tuple[float, str, bool]]:
    if channel == "description":
        return [(block_start(c.start), one_line(c.title), True) for c in channels.block.chapters]
    wanted = [(c.start, one_line(c.title), c.toc) for c in channels.truth]
    return [c for c in wanted if c[2]] if channel == "psc" else wanted


def disagreement(channels: Channels, channel: str, have: list[tuple[float, str, bool]]) -> str:
    """How ``have`` differs from what ``channel`` should carry; "" when it agrees."""
    want = _expected(channels, channel)
    for number, (got, wanted) in enumerate(zip(have, want, strict=False), 1):
        if abs(got[0] - wanted[0]) > TOLERANCE or one_line(got[1]) != wanted[1]:
            return (
                f"chapter {number}: {got[1]!r} at {format_timestamp(max(got[0], 0))}, "
                f"the chapters say {wanted[1]!r} at {format_timestamp(wanted[0])}"
            )
        if got[2] != wanted[2]:
            return f"chapter {number}: {got[1]!r} is {'' if got[2] else 'not '}listed"
    if len(have) != len(want):
        return f"{len(have)} chapters, the chapters say {len(want)}"
    return ""


_NAMES = {
    "id3": "the MP3's ID3 chapters",
    "json": "the chapters JSON",
    "psc": "the feed's psc:chapters",
    "description": "the description's chapter list",
}


def channel_problems(channels: Channels, platforms: list[Platform]) -> list[Problem]:
    """Channels the show's apps read that are missing or disagree with the chapters.

    The MP3's chapters themselves are compared by the tag check (exactly); here only the
    form of its table of contents. A missing feed or item is reported by the feed check."""
    problems: list[Problem] = []
    enabled = enabled_channels(platforms)
    for name in enabled:
        source = channels.sources[name]
        readers = [p for p in platforms if p.reads_channel(name)]
        if name == "id3":
            if source.chapters is not None and any(
                p.rule("ctoc_top_level_ordered") for p in readers
            ):
                problems += [
                    Problem(f, "run shownotes publish", source.path) for f in source.faults
                ]
            continue
        if source.chapters is None:
            if name == "json" and source.missing.startswith("no chapters.json"):
                problems.append(Problem(source.missing, "run shownotes publish", source.path))
            elif name in ("psc", "description") and channels.item is not None:
                problems.append(
                    Problem(
                        f"{_NAMES[name]} is missing ({source.missing}), and "
                        f"{', '.join(p.name for p in readers)} read it",
                        "run shownotes publish",
                        source.path,
                        source.line,
                    )
                )
            continue
        detail = disagreement(channels, name, source.chapters)
        if detail:
            problems.append(
                Problem(
                    f"{_NAMES[name]} disagrees with the chapters ({detail})",
                    "run shownotes publish",
                    source.path,
                    source.line,
                )
            )
    content, line = channels.notes.get("content", ("", None))
    html_lines = read_block(html_text(content))
    if "description" in enabled and html_lines:
        detail = disagreement(
            channels, "description", [(s.start, s.title, True) for s in html_lines]
        )
        if detail:
            problems.append(
                Problem(
                    f"the chapter list in content:encoded disagrees with the chapters ({detail})",
                    "run shownotes publish",
                    channels.feed,
                    line,
                )
            )
    return problems + _feed_rule_problems(channels, platforms)


# --- the apps' rules on the feed ----------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, None] = {}
        self.attributes: dict[str, None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = None
        for name, _ in attrs:
            if not (tag == "a" and name == "href"):
                self.attributes[f"{tag} {name}="] = None


def html_tags(markup: str) -> tuple[list[str], list[str]]:
    """The element names in ``markup`` and the attributes other than ``a href``."""
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return list(parser.tags), list(parser.attributes)


def _feed_rule_problems(channels: Channels, platforms: list[Platform]) -> list[Problem]:
    problems = []
    feed = channels.feed
    for platform in platforms:
        limit = platform.rule("max_description_bytes")
        allowed = platform.rule("allowed_html")
        for name, (text, line) in channels.notes.items():
            tag = "description" if name == "description" else "content:encoded"
            size = len(text.encode("utf-8"))
            if limit is not None and size > limit:
                problems.append(
                    Problem(
                        f"the item's {tag} is {size} bytes, over {platform.name}'s {limit}",
                        "run shownotes publish (the built-in notes templates cut the "
                        "description part first, keeping the chapter list)",
                        feed,
                        line,
                    )
                )
            if allowed is not None:
                tags, attributes = html_tags(text)
                bad = [f"<{t}>" for t in tags if t not in allowed] + attributes
                if bad:
                    problems.append(
                        Problem(
                            f"the item's {tag} has {', '.join(bad)}, which {platform.name} does "
                            f"not keep (it allows {', '.join(allowed)} and a href)",
                            "use only those in notes templates (the built-in ones do)",
                            feed,
                            line,
                        )
                    )
        url = channels.enclosure
        if platform.rule("https_enclosure") and url is not None and not url.startswith("https://"):
            problems.append(
                Problem(
                    f"the enclosure URL {url!r} is not an absolute https:// URL, which "
                    f"{platform.name} requires",
                    "set base_url (or audio_url) to an https:// address",
                    feed,
                    channels.item.sourceline if channels.item is not None else None,
                )
            )
        namespaces = platform.rule("podcast_namespaces")
        uri = channels.namespace
        if (
            uri
            and namespaces is not None
            and platform.reads_channel("json")
            and uri not in namespaces
        ):
            problems.append(
                Problem(
                    f"podcast:chapters is in the namespace {uri}, which {platform.name} does "
                    "not read",
                    f'declare xmlns:podcast="{PODCAST_NS}"',
                    feed,
                    channels.item.sourceline if channels.item is not None else None,
                )
            )
    return problems


def show_problems(show: Show, root: etree._Element | None, feed: Path) -> list[Problem]:
    """The show's own problems with its apps: unknown app names, and show art in the feed."""
    try:
        platforms = show_platforms(show)
    except ShownotesError as error:
        return list(error.problems)
    channel = root.find("channel") if root is not None else None
    if channel is None:
        return []
    image = channel.find(f"{{{ITUNES_NS}}}image")
    needs = [p.name for p in platforms if p.rule("show_image")]
    if needs and (image is None or not image.get("href")):
        return [
            Problem(
                f"the feed has no show art (itunes:image), which {', '.join(needs)} requires",
                "set image: in the show config to a JPEG or PNG URL, 1400-3000 px square",
                show.source or feed,
                key_line(show.source, "image") if show.source else None,
            )
        ]
    return []
