"""``shownotes check --apps``: per episode, what each of the show's podcast apps will show.

One row per app: the chapter channels it reads, which one it uses when several are there
(where documented), how many chapters it will list, whether their titles fit, whether the
description's chapter block qualifies; then one line per thing that would make the app
ignore or mangle the chapters. Everything comes from the published files (read once per
episode) and the rules in ``platforms.yaml``; nothing is written.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lxml import etree

from shownotes.errors import Problem, ShownotesError
from shownotes.models import Chapter, Episode, Show
from shownotes.outputs.published import one_line
from shownotes.publishing.apps import Platform, block_rules, show_platforms
from shownotes.publishing.channels import (
    Channels,
    Source,
    channel_problems,
    disagreement,
    html_tags,
    read_channels,
)

_COLUMNS = ("app", "reads", "uses when several", "chapters", "titles fit", "description block")


def report_header(show: Show) -> str:
    """The report's first line: the show's apps and where they are chosen."""
    names = ", ".join(p.name for p in show_platforms(show))
    where = show.source.name if show.source else "the show config"
    return f"what each app will show: {names} (platforms: in {where})"


def episode_apps(
    episode: Episode,
    show: Show,
    chapters: tuple[Chapter, ...],
    duration: float | None,
    folder: Path,
    feed: etree._Element | None,
) -> tuple[list[Problem], list[str]]:
    """One episode's chapter-source and app-rule problems (for check), and its report lines.

    The channels are read once for both."""
    try:
        platforms = show_platforms(show)
    except ShownotesError:
        return [], []  # unknown apps: reported once for the show (channels.show_problems)
    channels = read_channels(
        episode, show, chapters, duration, folder, feed, block_rules(platforms)
    )
    return channel_problems(channels, platforms), episode_report(channels, platforms)


def episode_report(channels: Channels, platforms: list[Platform]) -> list[str]:
    """The lines of one episode's table, what would trouble each app, and the block notes."""
    episode = channels.episode
    name = episode.folder.name if episode.folder else episode.title
    rows = [_row(p, channels) for p in platforms]
    widths = [max(len(r[i]) for r in [_COLUMNS, *rows]) for i in range(len(_COLUMNS))]
    lines = [f"{name}: {one_line(episode.title)}"]
    for row in [_COLUMNS, *rows]:
        cells = "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
        lines.append(f"  {cells}".rstrip())
    for platform in platforms:
        lines += [f"  {platform.name}: {p}" for p in _app_problems(platform, channels)]
    lines += [f"  note: {n}" for n in channels.block.notes]
    differ = [
        name
        for name, source in channels.sources.items()
        if source.chapters is not None and disagreement(channels, name, source.chapters)
    ]
    lines.append(
        f"  sources: {', '.join(differ)} disagree{'s' if len(differ) == 1 else ''} with the "
        "chapters (see the problems below)"
        if differ
        else "  sources: every chapter source present agrees"
    )
    return lines


def _present(platform: Platform, channels: Channels) -> list[Source]:
    return [
        channels.sources[c]
        for c in platform.reads.value
        if channels.sources[c].chapters is not None
    ]


def _uses(platform: Platform) -> str:
    value = platform.uses.value
    if value:
        return "the one with more chapters" if value == "merged" else str(value)
    return platform.reads.value[0] if len(platform.reads.value) == 1 else "unknown"


def _row(platform: Platform, channels: Channels) -> tuple[str, ...]:
    present = _present(platform, channels)
    counts = {s.channel: len(s.listed) for s in present}
    shown = "none"
    if counts:  # the count most channels give, and the channels that give another
        common = Counter(counts.values()).most_common(1)[0][0]
        odd = [f"{c} {n}" for c, n in counts.items() if n != common]
        shown = str(common) + (f" ({', '.join(odd)})" if odd else "")
    limit = platform.rule("max_title_length")
    if not present:
        fit = "-"
    elif limit is None:
        fit = "no limit known"
    else:
        over = {t for s in present for _, t, toc in s.chapters or () if toc and len(t) > limit}
        fit = f"no: {len(over)} over {limit}" if over else f"yes (≤ {limit})"
    block = "not read"
    if platform.reads_channel("description"):
        reasons = _block_faults(platform, channels.sources["description"], channels)
        block = "qualifies" if not reasons else "no: " + reasons[0]
    uses = _uses(platform)
    return (platform.name, " ".join(platform.reads.value), uses, shown, fit, block)


def _block_faults(platform: Platform, source: Source, channels: Channels) -> list[str]:
    """Why ``platform`` would ignore the description's chapter block; [] if it qualifies."""
    if source.chapters is None:
        return [source.missing]
    starts = [c[0] for c in source.chapters]
    faults = []
    if platform.rule("first_at_zero") and starts[0] != 0:
        faults.append("the first timestamp is not 0:00")
    least = platform.rule("min_count")
    if least is not None and len(starts) < least:
        faults.append(f"{len(starts)} timestamps, fewer than {least}")
    if starts != sorted(starts):
        faults.append("timestamps out of order")
    shortest = platform.rule("min_chapter_seconds")
    if shortest is not None:
        end = channels.block.chapters[-1].end if channels.block.chapters else starts[-1]
        lengths = [b - a for a, b in zip(starts, [*starts[1:], end], strict=True)]
        short = sum(1 for n in lengths if n < shortest)
        if short:
            faults.append(f"{short} chapter{'s' if short > 1 else ''} under {shortest:g} s")
    return faults


def _app_problems(platform: Platform, channels: Channels) -> list[str]:
    """What would make ``platform`` ignore or mangle the chapters, one line each."""
    found = []
    present = _present(platform, channels)
    if not present:
        missing = "; ".join(channels.sources[c].missing for c in platform.reads.value)
        found.append(f"shows none of our chapters ({missing})")
    for source in present:
        detail = disagreement(channels, source.channel, source.chapters or [])
        if detail:
            found.append(f"{source.channel} disagrees with the chapters ({detail})")
        if source.channel == "id3" and platform.rule("ctoc_top_level_ordered"):
            found += [f"may ignore the MP3's chapters: {f}" for f in source.faults]
        if source.channel == "json" and platform.rule("json_ascending"):
            found += [f"lists chapters in file order: {f}" for f in source.faults]
        markers = len(source.chapters or ()) - len(source.listed)
        if markers and platform.rule("toc_false") != "hidden" and source.channel == "json":
            found.append(
                f"may list {markers} toc:false marker{'s' if markers > 1 else ''} as chapters "
                f"(toc handling: {platform.rule('toc_false')})"
            )
    if platform.reads_channel("description") and channels.sources["description"].chapters:
        faults = _block_faults(platform, channels.sources["description"], channels)
        found += [f"ignores the description's chapters: {f}" for f in faults]
    limit = platform.rule("max_title_length")
    if limit is not None:
        for source in present:
            for _, title, toc in source.chapters or ():
                if toc and len(title) > limit:
                    found.append(f"cuts the {source.channel} title {title!r} (over {limit})")
    size = platform.rule("max_description_bytes")
    allowed = platform.rule("allowed_html")
    for name, (text, _) in channels.notes.items():
        if size is not None and len(text.encode("utf-8")) > size:
            found.append(f"cuts the {name} at {size} bytes")
        if allowed is not None:
            tags, attributes = html_tags(text)
            bad = [f"<{t}>" for t in tags if t not in allowed] + attributes
            if bad:
                found.append(f"drops {', '.join(bad)} from the {name}")
    return found
