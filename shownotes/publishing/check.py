"""The pre-publish check: is an episode ready and its published files in sync? Writes nothing.

Each problem is one :class:`~shownotes.errors.Problem` (file, line, what, how to fix):
transcript unreadable; chapters out of order, past the end of the audio or untitled; chapters
JSON invalid; the MP3's ID3 chapters out of sync with the chapters; the feed item missing or
pointing to the wrong URLs; an episode's GUID in the feed not the one its episode.yaml
records, two items sharing a GUID, or the show's podcast:guid changed.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from shownotes.audio.duration import audio_duration
from shownotes.audio.tagread import read_chapters
from shownotes.config import key_line
from shownotes.errors import LowConfidenceChapter, Problem, ShownotesError
from shownotes.feed.names import CONTENT_NS, PODCAST_NS
from shownotes.feed.update import find_item, index_items
from shownotes.feed.xmlsafe import parse_xml
from shownotes.outputs.published import episode_urls, validate_output
from shownotes.publishing.apps_report import episode_apps
from shownotes.publishing.channels import show_problems
from shownotes.publishing.folders import output_folder
from shownotes.publishing.saved import saved_chapters
from shownotes.textfile import read_bytes, read_text
from shownotes.timecode import format_timestamp
from shownotes.transcripts import read_transcript

if TYPE_CHECKING:
    from shownotes.chapters.explain import Explanation
    from shownotes.chapters.resolve import ChapterResult
    from shownotes.models import Chapter, Episode, Show
    from shownotes.publishing.index import CatalogIndex

# Detection, templates and plugins are imported by _prepared() only: an episode unchanged
# since its last publish is checked against the chapters that publish saved (.saved).


def _problems(error: ShownotesError) -> list[Problem]:
    return list(error.problems)


def check_catalog(
    show: Show,
    episodes: Sequence[Episode],
    *,
    apps: dict[Path, list[str]] | None = None,
    index: CatalogIndex | None = None,
) -> list[Problem]:
    """The show's problems (once) and each episode's; [] when all is well.

    ``apps``, when given, receives each episode's "what each app will show" lines; ``index``
    (the show's catalogue index) vouches for unchanged episodes by their files' stats."""
    feed_path = show.external_feed or show.output_dir / "feed.xml"
    root, problems = _load_feed(feed_path)
    if root is not None:
        problems += _show_problems(show, root, feed_path)
    problems += show_problems(show, root, feed_path)  # the show's apps (channels.py)
    for episode in episodes:
        problems += check_episode(episode, show, feed=root, apps=apps, index=index)
    return problems


def _load_feed(path: Path) -> tuple[etree._Element | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem("no feed yet", "run shownotes publish", path)]
    try:
        return parse_xml(read_bytes(path), path).getroot(), []
    except ShownotesError as error:
        return None, _problems(error)


def _show_problems(show: Show, root: etree._Element, feed: Path) -> list[Problem]:
    problems = []
    channel = root.find("channel")
    if channel is None:
        return [Problem("not an RSS feed: no <channel>", "run shownotes publish", feed)]
    found = channel.find(f"{{{PODCAST_NS}}}guid")
    if show.podcast_guid and found is not None and (found.text or "").strip() != show.podcast_guid:
        problems.append(
            Problem(
                f"the feed's podcast:guid is {found.text!r}, the config records "
                f"{show.podcast_guid!r}",
                "a show's podcast:guid never changes: restore podcast_guid in the config",
                feed,
                found.sourceline,
            )
        )
    seen: dict[str, int | None] = {}
    for item in channel.iterchildren("item"):
        guid = " ".join((item.findtext("guid") or "").split())
        if guid and guid in seen:
            problems.append(
                Problem(
                    f"two items share the GUID {guid!r} (the other is on line {seen[guid]})",
                    "give each episode its own guid in its episode.yaml",
                    feed,
                    item.sourceline,
                )
            )
        seen.setdefault(guid, item.sourceline)
    return problems


def check_episode(
    episode: Episode,
    show: Show | None,
    *,
    feed: etree._Element | None = None,
    apps: dict[Path, list[str]] | None = None,
    index: CatalogIndex | None = None,
) -> list[Problem]:
    """Every problem that would stop this episode from publishing well; [] when all is well.

    ``feed`` is the show's parsed feed, to check the episode's item in (see
    :func:`check_catalog`, which reads it once for the whole show). An episode whose inputs
    did not change since its last publish is checked against the chapters that publish
    saved (see :mod:`.saved`); any other is prepared again: detection and rendering."""
    saved = saved_chapters(episode, show, index)
    if saved is None:
        return _prepared(episode, show, feed, apps)
    try:
        read_transcript(episode.transcript)  # its warnings (and errors) as the full check
    except ShownotesError as error:
        return _problems(error)
    problems, duration = _audio_duration(episode)
    problems += _chapter_problems(saved.chapters, duration, saved.where)
    warn_unsure(saved.chapters, saved.explanations, saved.where)
    return problems + _published_problems(episode, show, saved.chapters, duration, feed, apps)


def _audio_duration(episode: Episode) -> tuple[list[Problem], float | None]:
    if not episode.audio.is_file():
        line = key_line(episode.source, "audio") if episode.source else None
        return [
            Problem(
                f"audio file {episode.audio.name!r} not found",
                "fix 'audio:' in episode.yaml or put the file in the episode's folder",
                episode.source or episode.audio,
                line,
            )
        ], None
    try:
        return [], audio_duration(episode.audio)
    except ShownotesError as error:
        return _problems(error), None


def _prepared(
    episode: Episode,
    show: Show | None,
    feed: etree._Element | None,
    apps: dict[Path, list[str]] | None,
) -> list[Problem]:
    """The full check: the chapters settled again (sidecar or detection) and rendered."""
    from shownotes.chapters.files import find_sidecar
    from shownotes.outputs.render import make_context, render_one
    from shownotes.publishing.plugins import load_plugins
    from shownotes.publishing.prepare import environment, settle_chapters

    try:
        transcript = read_transcript(episode.transcript)
        plugins = load_plugins(show)
    except ShownotesError as error:
        return _problems(error)
    problems, duration = _audio_duration(episode)
    sidecar = find_sidecar(episode)
    try:
        result = settle_chapters(
            transcript, show, plugins, sidecar, episode=episode, duration=duration
        )
    except ShownotesError as error:
        return problems + _problems(error)
    chapters = result.chapters
    where = sidecar if result.origin == "sidecar" else episode.transcript
    problems += _chapter_problems(chapters, duration, where)
    warn_low_confidence(result, where)
    try:
        env = environment(show, plugins)
        context = make_context(
            chapters, show=show, episode=episode, transcript=transcript, duration=duration
        )
        render_one(env, "chapters.json.j2", context)
    except ShownotesError as error:
        problems += _problems(error)
    return problems + _published_problems(episode, show, chapters, duration, feed, apps)


def _published_problems(
    episode: Episode,
    show: Show | None,
    chapters: tuple[Chapter, ...],
    duration: float | None,
    feed: etree._Element | None,
    apps: dict[Path, list[str]] | None,
) -> list[Problem]:
    """What is wrong with the episode's published files, given its chapters."""
    problems: list[Problem] = []
    folder = output_folder(show, episode)
    published = folder / "chapters.json"
    if published.is_file():
        try:
            validate_output("chapters.json", read_text(published))
        except ShownotesError as error:
            problems.append(
                Problem(
                    f"published chapters JSON is invalid: {error.what}",
                    "run shownotes publish",
                    published,
                )
            )
    problems += _audio_problems(episode, folder, chapters)
    if show is not None:  # one truth, four channels, and the apps' rules (apps_report.py)
        found, lines = episode_apps(episode, show, chapters, duration, folder, feed)
        problems += found
        if apps is not None and episode.source:
            apps[episode.source] = lines
    if show is not None and feed is not None:
        problems += _feed_problems(episode, show, feed)
    return problems


def warn_low_confidence(result: ChapterResult, where: Path) -> None:
    """Warn (:class:`LowConfidenceChapter`) about each automatic chapter detection is unsure
    of, least sure first, so the podcaster reviews those first; never a failure. A chapter a
    person edited has no confidence and is never flagged."""
    warn_unsure(result.chapters, result.explanations, where)


def warn_unsure(
    chapters: Sequence[Chapter], explanations: Mapping[float, Explanation], where: Path
) -> None:
    """:func:`warn_low_confidence` for chapters and their explanations."""
    from shownotes.chapters.explain import LOW_CONFIDENCE

    unsure = sorted(
        (why.confidence, chapter.start, chapter.title, why.reason)
        for chapter in chapters
        if (why := explanations.get(chapter.start)) is not None and why.low
    )
    for score, start, title, reason in unsure:
        problem = Problem(
            f"chapter {title!r} has confidence {score:.2f} (below {LOW_CONFIDENCE:.2f}; {reason})",
            "review it first: keep it, move it or delete it in the sidecar",
            where,
            timestamp=start,
        )
        warnings.warn(LowConfidenceChapter(str(problem)), stacklevel=3)


def _chapter_problems(
    chapters: tuple[Chapter, ...], duration: float | None, where: Path
) -> list[Problem]:
    problems = []
    for before, after in itertools.pairwise(chapters):
        if after.start < before.start:
            problems.append(
                Problem(
                    f"chapter {after.title!r} starts before {before.title!r}",
                    "order the chapters by time",
                    where,
                )
            )
    for chapter in chapters:
        if not chapter.title.strip():
            problems.append(
                Problem(
                    f"chapter at {format_timestamp(chapter.start)} has no title",
                    "give every chapter a title",
                    where,
                )
            )
        if duration is not None and chapter.start >= duration:
            problems.append(
                Problem(
                    f"chapter {chapter.title!r} starts at {format_timestamp(chapter.start)}, "
                    f"after the audio ends ({format_timestamp(duration)})",
                    "fix or remove it",
                    where,
                )
            )
    return problems


def _audio_problems(episode: Episode, folder: Path, chapters: tuple[Chapter, ...]) -> list[Problem]:
    """The published MP3 (or, before publishing, the source MP3) must carry these chapters."""
    audio = folder / episode.audio.name
    if not audio.is_file():
        audio = episode.audio
    if not audio.is_file() or audio.suffix.lower() != ".mp3":
        return []
    try:
        tagged = read_chapters(audio)
    except ShownotesError as error:
        return _problems(error)
    want = [(round(c.start * 1000), c.title) for c in chapters]
    have = [(round(c.start * 1000), c.title) for c in tagged]
    if want == have:
        return []
    if not have:
        return [Problem("the MP3 has no ID3 chapters yet", "run shownotes publish", audio)]
    first = next(
        (i for i, (a, b) in enumerate(zip(want, have, strict=False)) if a != b),
        min(len(want), len(have)),
    )
    detail = f"{len(have)} in the MP3, {len(want)} in the chapters"
    if first < min(len(want), len(have)):
        (got_ms, got), (want_ms, wanted) = have[first], want[first]
        detail = (
            f"chapter {first + 1}: MP3 has {got!r} at {format_timestamp(got_ms / 1000)}, "
            f"chapters say {wanted!r} at {format_timestamp(want_ms / 1000)}"
        )
    return [
        Problem(f"the MP3's chapters are out of sync ({detail})", "run shownotes publish", audio)
    ]


def _feed_problems(episode: Episode, show: Show, root: etree._Element) -> list[Problem]:
    feed = show.external_feed or show.output_dir / "feed.xml"
    urls = episode_urls(show, episode)
    channel = root.find("channel")
    index = index_items(channel) if channel is not None else {}
    item = find_item(index, episode.guid or urls.audio, urls.audio, episode.title)
    if item is None:
        if episode.unpublished:
            return []
        return [Problem(f"no item for {episode.title!r}", "run shownotes publish", feed)]
    problems = []
    line = item.sourceline
    if episode.unpublished:
        return [
            Problem(
                f"{episode.title!r} is marked unpublished but still in the feed",
                "run shownotes publish",
                feed,
                line,
            )
        ]
    guid = " ".join((item.findtext("guid") or "").split())
    if not episode.guid:
        problems.append(
            Problem(
                f"{episode.title!r} is published with GUID {guid!r}, but its episode.yaml "
                "records none",
                "run shownotes publish (it records the GUID) and commit episode.yaml",
                episode.source,
            )
        )
    elif guid != episode.guid:
        problems.append(
            Problem(
                f"the feed's item has GUID {guid!r}, but episode.yaml records {episode.guid!r}",
                "an episode's GUID never changes: put back the one listeners have",
                episode.source,
                key_line(episode.source, "guid") if episode.source else None,
            )
        )
    enclosure = item.find("enclosure")
    if show.external_feed is None and (enclosure is None or enclosure.get("url") != urls.audio):
        problems.append(
            Problem(
                f"the item's enclosure is not {urls.audio}", "run shownotes publish", feed, line
            )
        )
    chapters = item.find(f"{{{PODCAST_NS}}}chapters")
    if urls.chapters and (chapters is None or chapters.get("url") != urls.chapters):
        problems.append(
            Problem(
                f"the item's podcast:chapters does not point to {urls.chapters}",
                "run shownotes publish",
                feed,
                line,
            )
        )
    if item.find(f"{{{CONTENT_NS}}}encoded") is None:
        problems.append(
            Problem(
                "the item has no content:encoded show notes", "run shownotes publish", feed, line
            )
        )
    return problems
