"""Build a held-out chapter corpus from YouTube transcript pages: shows detection never saw.

``../shared/corpus`` holds the shows detection was developed on. This script turns a folder of
Markdown transcript pages (an Obsidian web clip of a YouTube video: front matter, the video's
description, then ``## Transcript`` with one ``**m:ss** · text`` line per caption) into
episode folders that ``shownotes eval`` scores: ``transcript.txt`` in stamped-text form and
``chapters.json`` with the publisher's chapters from the description's timestamp list
("00:00 - Intro", "(12:34) Title", "1:02:03 Title").

An episode is kept only when its chapters can be trusted as a reference: at least
:data:`MIN_CHAPTERS` of them, the first within a minute of the start, in strictly increasing
order and none after the transcript ends; and its captions are English (:data:`MAX_CJK_SHARE`).
The same video twice (by its ``source`` URL, else its caption text) is kept once, and any
video already in a development corpus (``--exclude``, by the URLs in its ``chapters.json``)
is left out, so the figures are on episodes nothing was tuned on.

Nothing here is copied into the project: the output folder lives outside the repository and
the pages stay their publishers'. Run, for example with the public collection
``Ryder-MHumble/Youtube-KOL-Transcripts`` checked out in ``kol/``::

    .venv/bin/python benchmarks/heldout_corpus.py kol/transcripts /tmp/heldout \\
        --news all-in --news axios --news hard-fork \\
        --exclude ../shared/corpus --exclude ../shared/corpus-conversations
    .venv/bin/shownotes eval /tmp/heldout/conversations
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from shownotes.timecode import format_timestamp, parse_timestamp

#: Fewer chapters than this is no reference for where an episode's chapters start.
MIN_CHAPTERS = 4
#: The first chapter starts within this many seconds (else the list is not the whole episode).
FIRST_CHAPTER_SECONDS = 60
#: Fewer caption lines than this is not a whole episode.
MIN_CAPTIONS = 50
#: Share of CJK characters above which captions are taken for a translation, not English.
MAX_CJK_SHARE = 0.01

_CAPTION = re.compile(r"^\*\*(\d+(?::\d\d){1,2})\*\* · (.*)$")
_CHAPTER = re.compile(r"^\s*[(\[]?((?:\d{1,2}:)?\d{1,2}:\d\d)[)\]]?\s*[-–—:|]?\s*(\S.*?)\s*$")
_SOURCE = re.compile(r"^(?:source|source_url):\s*[\"']?(\S+?)[\"']?\s*$", re.M)
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True)
class Page:
    """One transcript page, read."""

    show: str
    name: str
    source: str
    captions: tuple[tuple[int, str], ...]
    chapters: tuple[tuple[int, str], ...]


def read_page(path: Path, show: str) -> Page | None:
    """The page's captions and the description's chapter list (None: not a transcript page)."""
    text = path.read_text(encoding="utf-8", errors="replace").replace("\\", "")
    head, marker, body = text.partition("## Transcript")
    if not marker:
        return None
    captions = tuple(
        (int(parse_timestamp(m[1])), m[2].strip())
        for m in (_CAPTION.match(line.strip()) for line in body.splitlines())
        if m and m[2].strip()
    )
    chapters = tuple(
        (int(parse_timestamp(m[1])), m[2])
        for m in (_CHAPTER.match(line) for line in head.splitlines())
        if m and not _URL.fullmatch(m[2])
    )
    source = _SOURCE.search(head)
    return Page(show, path.stem, source[1] if source else "", captions, chapters)


def usable(page: Page) -> bool:
    """Whether the page is an English transcript with a chapter list to score against."""
    if len(page.captions) < MIN_CAPTIONS:
        return False
    words = "".join(text for _, text in page.captions)
    if len(_CJK.findall(words)) > MAX_CJK_SHARE * max(1, len(words)):
        return False
    starts = [start for start, _ in page.chapters]
    return (
        len(starts) >= MIN_CHAPTERS
        and starts[0] <= FIRST_CHAPTER_SECONDS
        and all(a < b for a, b in itertools.pairwise(starts))
        and starts[-1] <= page.captions[-1][0]
    )


def stamped_text(captions: Iterable[tuple[int, str]]) -> str:
    """Captions as stamped-text lines, ``[HH:MM:SS] text``.

    >>> stamped_text([(3723, "Hello there.")])
    '[01:02:03] Hello there.\\n'
    """
    return "".join(f"[{format_timestamp(start)}] {text}\n" for start, text in captions)


def known_sources(corpora: Iterable[Path]) -> set[str]:
    """Every URL the ``chapters.json`` files of ``corpora`` name (their videos and pages)."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(_URL.findall(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for corpus in corpora:
        for file in corpus.glob("*/chapters.json"):
            walk(json.loads(file.read_text(encoding="utf-8")))
    return found


def _slug(text: str, limit: int = 48) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "episode"


def pages(root: Path) -> Iterator[Page]:
    """Every transcript page under ``root``; the show is the folder just below ``root``."""
    for path in sorted(root.rglob("*.md")):
        relative = path.relative_to(root)
        show = relative.parts[0] if len(relative.parts) > 1 else root.name
        page = read_page(path, show)
        if page is not None:
            yield page


def build(root: Path, out: Path, news: set[str], exclude: set[str]) -> dict[str, int]:
    """Write one episode folder per usable page; how many per show."""
    seen: set[str] = set()
    made: dict[str, int] = {}
    for page in pages(root):
        if not usable(page) or page.source in exclude:
            continue
        key = page.source or hashlib.sha256(stamped_text(page.captions).encode()).hexdigest()
        if key in seen:
            continue
        seen.add(key)
        kind = "news" if page.show in news else "conversation"
        folder = out / ("news" if kind == "news" else "conversations")
        folder = folder / f"{_slug(page.show, 24)}-{_slug(page.name)}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "transcript.txt").write_text(stamped_text(page.captions), encoding="utf-8")
        data = {
            "source": {"url": page.source, "page": str(page.show + "/" + page.name)},
            "show": page.show,
            "episode": page.name,
            "kind": kind,
            "duration": None,
            "chapters": [{"start": start, "title": title} for start, title in page.chapters],
        }
        (folder / "chapters.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
        made[page.show] = made.get(page.show, 0) + 1
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="folder of transcript pages, one folder a show")
    parser.add_argument("out", type=Path, help="where the episode folders go (outside the repo)")
    parser.add_argument("--news", action="append", default=[], help="a show folder that is news")
    parser.add_argument(
        "--exclude", action="append", default=[], type=Path, help="a corpus to leave out"
    )
    args = parser.parse_args(argv)
    if not args.pages.is_dir():
        print(f"error: {args.pages} is not a folder of transcript pages", file=sys.stderr)
        return 2
    made = build(args.pages, args.out, set(args.news), known_sources(args.exclude))
    for show, count in sorted(made.items()):
        print(f"{count:4}  {show}")
    print(f"{sum(made.values()):4}  episodes from {len(made)} shows in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
