"""ID3 chapter frames: CHAP and CTOC built from chapters (:mod:`.tagread` reads them back).

Pure work on mutagen objects and bytes; :mod:`shownotes.audio.tagfile` loads the MP3 and
rewrites the file. Times are integer milliseconds; each chapter ends where the next one of its
kind starts (``toc=False`` chapters are silent markers, timed among themselves).
"""

from __future__ import annotations

import io
import itertools
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from mutagen import PaddingInfo
from mutagen.id3 import (
    APIC,
    CHAP,
    CTOC,
    ID3,
    TIT2,
    WXXX,
    CTOCFlags,
    Encoding,
    Frame,
    PictureType,
)

from shownotes.errors import FileAccessError, InputError, UsageError
from shownotes.models import Chapter
from shownotes.paths import inside
from shownotes.timecode import format_timestamp
from shownotes.validate import safe_url

#: A CTOC frame counts its entries in one byte.
MAX_CHAPTERS = 255
#: Element ID of our table of contents; chapters are ``chp0``, ``chp1``, ... in time order.
TOC_ID = "toc"
#: CHAP byte offsets are not used: players seek by time.
_NO_OFFSET = 0xFFFFFFFF
#: Sort-order frames are ID3v2.4 by the letter, but iTunes writes and reads them in v2.3 too;
#: mutagen's ``update_to_v23`` would delete them, so they are carried across a conversion.
_SORT_ORDER_FRAMES = ("TSOA", "TSOP", "TSOT")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_CHAPTER_IDS = (b"CHAP", b"CTOC")


class Planned(NamedTuple):
    """One chapter with its place in time order and its millisecond times.

    (A private record as a NamedTuple: Python builds one in a fifth of a frozen dataclass's
    time, which ``tag`` pays at every start.)"""

    chapter: Chapter
    #: 0-based position in time order; the element ID is ``chp<index>``.
    index: int
    start_ms: int
    end_ms: int

    @property
    def element_id(self) -> str:
        return f"chp{self.index}"

    @property
    def name(self) -> str:
        """How messages call it: ``chapter 3 'Title'``."""
        return f"chapter {self.index + 1} {self.chapter.title!r}"


# -- planning and frames -------------------------------------------------------------------


def plan_chapters(chapters: Sequence[Chapter], length: float, path: Path) -> list[Planned]:
    """Chapters in time order with IDs and end times; raises on anything unwritable."""
    if len(chapters) > MAX_CHAPTERS:
        raise InputError(
            f"{len(chapters)} chapters, but ID3 allows at most {MAX_CHAPTERS}",
            "merge some chapters",
            path=path,
        )
    ordered = sorted(chapters, key=lambda c: c.start)
    for number, chapter in enumerate(ordered, 1):
        _check_start(number, chapter, length, path)
    end_ms = round(length * 1000)
    ends: dict[int, int] = {}
    for kind in (True, False):
        same = [i for i, c in enumerate(ordered) if bool(c.toc) is kind]
        for i, following in itertools.zip_longest(same, same[1:]):
            ends[i] = end_ms if following is None else _ms(ordered[following].start)
    return [Planned(chapter, i, _ms(chapter.start), ends[i]) for i, chapter in enumerate(ordered)]


def given_duration(duration: float) -> float:
    if not 0 < duration < float("inf"):
        raise UsageError(
            f"the audio duration must be a positive number of seconds, not {duration!r}",
            "leave it out to measure it from the MP3",
        )
    return float(duration)


def _check_start(number: int, chapter: Chapter, length: float, path: Path) -> None:
    start = chapter.start
    if not 0 <= start < float("inf"):
        raise InputError(
            f"chapter {number} {chapter.title!r} starts at {start!r} seconds",
            "chapter times must be zero or more seconds",
            path=path,
        )
    if start >= length:
        raise InputError(
            f"chapter {number} {chapter.title!r} starts at "
            f"{format_timestamp(start, millis=True)}, but the audio ends at "
            f"{format_timestamp(length, millis=True)}",
            "fix the chapter times, or tag the right audio file",
            path=path,
        )


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def chapter_frames(
    planned: Sequence[Planned], toc_title: str, version: int, folder: Path
) -> tuple[list[Frame], tuple[str, ...]]:
    """One CHAP per chapter plus the CTOC listing the ``toc`` ones; and the skipped images."""
    frames: list[Frame] = []
    skipped: list[str] = []
    for item in planned:
        sub: list[Frame] = [_text_frame(item.chapter.title, version)]
        url = safe_url(item.chapter.url)
        if url:
            sub.append(WXXX(encoding=Encoding.LATIN1, desc="", url=_latin1_url(url)))
        if item.chapter.image:
            picture = _picture(item, folder)
            if picture is None:
                skipped.append(item.chapter.image)
            else:
                sub.append(picture)
        frames.append(
            CHAP(
                element_id=item.element_id,
                start_time=item.start_ms,
                end_time=item.end_ms,
                start_offset=_NO_OFFSET,
                end_offset=_NO_OFFSET,
                sub_frames=sub,
            )
        )
    listed = [item.element_id for item in planned if item.chapter.toc]
    if listed:
        frames.append(
            CTOC(
                element_id=TOC_ID,
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=listed,
                sub_frames=[_text_frame(toc_title, version)],
            )
        )
    return frames, tuple(skipped)


def _text_frame(text: str, version: int) -> TIT2:
    """A TIT2 in plain Latin-1 for ASCII text, else UTF-16 (v2.3) or UTF-8 (v2.4)."""
    if text.isascii():
        encoding = Encoding.LATIN1
    else:
        encoding = Encoding.UTF16 if version == 3 else Encoding.UTF8
    return TIT2(encoding=encoding, text=[text])


def _latin1_url(url: str) -> str:
    """A URL ID3 can store (WXXX URLs are Latin-1): non-ASCII characters percent-encoded.

    >>> _latin1_url("https://example.com/café?q=ü")
    'https://example.com/caf%C3%A9?q=%C3%BC'
    """
    if url.isascii():
        return url
    return "".join(c if c.isascii() else urllib.parse.quote(c) for c in url)


def _picture(item: Planned, folder: Path) -> APIC | None:
    """The chapter's image as an APIC sub-frame; None for a web URL (not fetched)."""
    image = item.chapter.image or ""
    scheme = urllib.parse.urlsplit(image).scheme.lower()
    where = item.name
    if scheme == "data":
        data = _data_url_bytes(image, where)
        source: str | Path = "data: URL"
    elif scheme == "file" or len(scheme) <= 1:  # one letter: a Windows drive, not a scheme
        source = _image_path(image, scheme, folder)
        data = _read_image(source, where)
    else:
        return None
    return APIC(
        encoding=Encoding.LATIN1,
        mime=image_mime(data, where, source),
        type=PictureType.COVER_FRONT,
        desc="",
        data=data,
    )


def _image_path(image: str, scheme: str, folder: Path) -> Path:
    """The image file, which must lie in the MP3's folder or below (symlinks resolved)."""
    if scheme == "file":
        import urllib.request  # (it imports http and email: only when a file: URL is used)

        image = urllib.request.url2pathname(urllib.parse.urlsplit(image).path)
    return inside(folder / Path(image).expanduser(), folder.resolve(), "chapter image")


def _read_image(source: Path, where: str) -> bytes:
    try:
        return source.read_bytes()
    except FileNotFoundError:
        raise FileAccessError(
            f"{where}: image not found", "fix the chapter's image path", path=source
        ) from None
    except OSError as exc:
        raise FileAccessError(
            f"{where}: cannot read the image: {exc.strerror}", path=source
        ) from None


def _data_url_bytes(url: str, where: str) -> bytes:
    header, comma, payload = url.partition(",")
    try:
        if not comma:
            raise ValueError("no comma")
        if header.endswith(";base64"):
            import base64

            return base64.b64decode(payload, validate=True)
        return urllib.parse.unquote_to_bytes(payload)
    except ValueError:
        raise InputError(
            f"{where}: the image is a malformed data: URL",
            "use data:image/png;base64,<data> or a file path",
        ) from None


def image_mime(data: bytes, where: str, source: str | Path) -> str:
    """``image/jpeg`` or ``image/png`` from the file's first bytes; else one-line error."""
    if data.startswith(_JPEG_MAGIC):
        return "image/jpeg"
    if data.startswith(_PNG_MAGIC):
        return "image/png"
    raise InputError(
        f"{where}: the image is not a JPEG or PNG file",
        "convert it to JPEG or PNG; players show no other kind",
        path=source,
    )


# -- tags ------------------------------------------------------------------------------------


def new_tag(tags: ID3 | None, frames: Sequence[Frame], version: int) -> bytes:
    """The tag to write, without padding: the file's own frames (``tags``, changed in place)
    plus our chapter ``frames``, in ID3v2.``version``, chapters in time order.

    A v2.3 tag kept as it was joins multiple text values with NUL (as mutagen read them), one
    converted from another version with "/" (the v2.3 convention). mutagen renders into a
    buffer holding a stand-in for the audio: zeros, so that its ID3v1 handling at the end of
    the "file" finds no ``TAG`` and changes nothing.
    """
    native = tags is not None and tags.version[:2] == (2, version)
    tags = ID3() if tags is None else tags
    tags.delall("CHAP")
    tags.delall("CTOC")
    tags.unknown_frames = [f for f in tags.unknown_frames if f[:4] not in _CHAPTER_IDS]
    if not native:
        _convert(tags, version)
    for frame in frames:
        tags.add(frame)
    separator = None if native or version == 4 else "/"
    stand_in = 256
    buffer = io.BytesIO(bytes(stand_in))
    sizes: list[int] = []

    def no_padding(info: PaddingInfo) -> int:
        sizes.append(-info.padding)  # the buffer has no tag: padding = 0 - bytes needed
        return 0

    tags.save(buffer, v1=1, v2_version=version, v23_sep=separator, padding=no_padding)
    data = buffer.getvalue()
    if len(data) != sizes[0] + stand_in:  # pragma: no cover - guards against mutagen changes
        raise RuntimeError(f"mutagen rendered {len(data) - stand_in} bytes, not {sizes[0]}")
    return _chapters_in_time_order(data[: sizes[0]], version)


def padded(tag: bytes, padding: int) -> bytes:
    """``tag`` followed by ``padding`` zero bytes, its header's size field counting them.

    >>> tag = padded(b"ID3" + bytes(7), 200)
    >>> len(tag), list(tag[6:10])  # size 200 = 1 * 128 + 72, seven bits a byte
    (210, [0, 0, 1, 72])
    """
    size = len(tag) - 10 + padding
    syncsafe = bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))
    return tag[:6] + syncsafe + tag[10:] + bytes(padding)


def _convert(tags: ID3, version: int) -> None:
    """Convert a tag of another ID3 version (or a new one) to ``version``, as mutagen does."""
    if version == 4:
        tags.update_to_v24()
        return
    kept = [frame for key in _SORT_ORDER_FRAMES for frame in tags.getall(key)]
    tags.update_to_v23()
    for frame in kept:
        tags.add(frame)


def _chapters_in_time_order(tag: bytes, version: int) -> bytes:
    """Move our CTOC and CHAPs (``chp0``, ``chp1``, ...) together, in time order.

    mutagen orders frames by size, and ffmpeg (so mpv, VLC, ffprobe) and eyeD3 list chapters
    in file order. The block goes where mutagen put the first of them, ahead of big pictures.
    """
    frames, padding = _split_frames(tag, version)
    ours = [frame[:4] in _CHAPTER_IDS for frame in frames]
    if not any(ours):
        return tag
    block = sorted((f for f, mine in zip(frames, ours, strict=True) if mine), key=_chapter_rank)
    rest = [f for f, mine in zip(frames, ours, strict=True) if not mine]
    first = ours.index(True)
    return b"".join([tag[:10], *rest[:first], *block, *rest[first:], padding])


def _split_frames(tag: bytes, version: int) -> tuple[list[bytes], bytes]:
    """The raw frames of a tag mutagen wrote (no extended header, no unsynchronisation)."""
    frames = []
    pos = 10
    while pos + 10 <= len(tag) and tag[pos] != 0:
        raw = tag[pos + 4 : pos + 8]
        if version == 4:
            size = (raw[0] << 21) | (raw[1] << 14) | (raw[2] << 7) | raw[3]
        else:
            size = int.from_bytes(raw, "big")
        frames.append(tag[pos : pos + 10 + size])
        pos += 10 + size
    return frames, tag[pos:]


def _chapter_rank(frame: bytes) -> tuple[int, int]:
    """CTOC first, then ``chp0``, ``chp1``, ... by number."""
    if frame[:4] == b"CTOC":
        return (0, 0)
    element_id = frame[10 : frame.index(b"\0", 10)]
    return (1, int(element_id[3:]))
