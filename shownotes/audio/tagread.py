"""Reading an MP3's ID3v2 chapters (CHAP and CTOC frames), without the writer.

:func:`read_chapters` is what ``check`` and the chapter sources need; it loads neither the
frame builder nor the safe-rewrite machinery of :mod:`.tagfile`, which re-exports it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import APIC, CHAP, CTOC, ID3, CTOCFlags

from shownotes.errors import FileAccessError, InputError
from shownotes.models import Chapter


def read_chapters(path: Path) -> tuple[Chapter, ...]:
    """The ID3 chapters in the file at ``path``, by start time; ``()`` when it has none.

    mutagen stores CHAP frames ordered by size, so the order in the file means nothing; ties
    in start time follow the table of contents. CHAPs the table of contents does not list come
    back with ``toc=False`` (all are ``toc=True`` when there is no table of contents). Titles
    come from TIT2, ``url`` from WXXX, ``image`` is a ``data:`` URL of an embedded APIC.
    """
    tags = _load_tags(path)
    if tags is None:
        return ()
    chaps = tags.getall("CHAP")
    listed = toc_order(tags)
    unlisted = len(listed)
    ordered = sorted(
        chaps,
        key=lambda f: (f.start_time, listed.get(f.element_id, unlisted), f.element_id),
    )
    return tuple(
        chapter_from_frame(frame, toc=not listed or frame.element_id in listed) for frame in ordered
    )


def stat_file(path: Path, target: Path) -> os.stat_result:
    try:
        info = target.stat()
    except FileNotFoundError:
        raise FileAccessError("no such file", "check the path to the MP3", path=path) from None
    except OSError as exc:
        raise FileAccessError(f"cannot open it: {exc.strerror}", path=path) from None
    if not stat.S_ISREG(info.st_mode):
        raise FileAccessError("not a regular file", "give the path of an MP3 file", path=path)
    return info


def _load_tags(path: Path) -> ID3 | None:
    """The file's ID3v2 tag for reading, or None when it has none."""
    target = Path(os.path.realpath(path))
    stat_file(path, target)
    try:
        with open(target, "rb") as handle:
            header = handle.read(3)
            handle.seek(0)
            return ID3(handle, load_v1=False) if header == b"ID3" else None
    except OSError as exc:
        raise FileAccessError(f"cannot read it: {exc.strerror}", path=path) from None
    except MutagenError as exc:
        raise InputError(
            f"cannot read its ID3 tag, the file is cut short or corrupt: {exc}",
            "re-export or re-download the MP3",
            path=path,
        ) from None


def toc_order(tags: ID3) -> dict[str, int]:
    """Element IDs the tables of contents list, in reading order (top level first)."""
    tocs = {frame.element_id: frame for frame in tags.getall("CTOC")}
    roots = [f for f in tocs.values() if f.flags & CTOCFlags.TOP_LEVEL] or list(tocs.values())
    order: dict[str, int] = {}
    seen: set[str] = set()

    def walk(toc: CTOC) -> None:
        seen.add(toc.element_id)
        for child in toc.child_element_ids:
            if child in tocs:
                if child not in seen:
                    walk(tocs[child])
            else:
                order.setdefault(child, len(order))

    for root in roots:
        if root.element_id not in seen:
            walk(root)
    return order


def chapter_from_frame(frame: CHAP, *, toc: bool) -> Chapter:
    titles = frame.sub_frames.getall("TIT2")
    links = frame.sub_frames.getall("WXXX")
    pictures = frame.sub_frames.getall("APIC")
    return Chapter(
        start=frame.start_time / 1000,
        end=frame.end_time / 1000,
        title=" / ".join(titles[0].text) if titles else "",
        url=(links[0].url.rstrip("\x00") or None) if links else None,
        image=_data_url(pictures[0]) if pictures else None,
        toc=toc,
    )


def _data_url(picture: APIC) -> str:
    mime = picture.mime if "/" in picture.mime else f"image/{picture.mime.lower() or 'jpeg'}"
    import base64

    return f"data:{mime};base64,{base64.b64encode(picture.data).decode('ascii')}"
