"""ID3v2 chapters in MP3 files: CHAP and CTOC frames, written safely and fast.

:func:`write_chapters` puts one CHAP frame per chapter and one top-level, ordered CTOC
(table of contents) into the file's ID3v2 tag, as the ID3v2 Chapter Frame Addendum 1.0
describes; :func:`read_chapters` reads them back.

How a write goes:

1. Everything is checked first (the file is an MP3, writable, long enough for every chapter;
   at most 255 chapters; chapter images exist and are JPEG or PNG). Any problem raises a
   one-line :class:`~shownotes.errors.InputError` and leaves the file untouched.
2. The existing tag is loaded *as it is* (no version translation, no ID3v1 merge), every CHAP
   and CTOC frame is dropped and ours are added. Other frames are re-serialized by mutagen
   unchanged; only a change of ID3 version (say a v2.4 tag written as v2.3) converts them.
3. The new tag is rendered in memory. If it fits in the old tag's space (frames + padding),
   it overwrites just that space, padded to the same size: no audio byte moves. If it does
   not fit, or the file has no tag yet, the new tag plus the file's audio are written to a
   temporary file in the same folder, which is flushed to disk and renamed over the original,
   so a crash leaves either the old file or the new one. (mutagen's own save would shift all
   the audio inside the original file instead, with nothing to fall back on.)

Everything after the old ID3v2 tag (MPEG frames, an ID3v1 or APE tag at the end) is copied
byte for byte; the file's permission bits (and, where allowed, owner) are kept. A symlink
is followed and its target rewritten. The copy path gives the file a new inode, so other
hard links to it keep the old contents.
"""

from __future__ import annotations

import base64
import contextlib
import io
import itertools
import os
import shutil
import stat
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from mutagen import MutagenError, PaddingInfo
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
from mutagen.mp3 import MP3, HeaderNotFoundError

from shownotes.errors import FileAccessError, InputError, UsageError
from shownotes.models import Chapter
from shownotes.timecode import format_timestamp

#: A CTOC frame counts its entries in one byte.
MAX_CHAPTERS = 255
#: Element ID of our table of contents; chapters are ``chp0``, ``chp1``, ... in time order.
TOC_ID = "toc"
#: Padding given to a tag written from scratch: room for later chapter edits (longer titles,
#: a few dozen more chapters) to be rewritten in place.
NEW_TAG_PADDING = 4096
#: CHAP byte offsets are not used: players seek by time.
_NO_OFFSET = 0xFFFFFFFF
#: Sort-order frames are ID3v2.4 by the letter, but iTunes writes and reads them in v2.3 too;
#: mutagen's ``update_to_v23`` would delete them, so they are carried across a conversion.
_SORT_ORDER_FRAMES = ("TSOA", "TSOP", "TSOT")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_CHAPTER_IDS = (b"CHAP", b"CTOC")
_COPY_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class WriteReport:
    """What :func:`write_chapters` did to a file."""

    path: Path
    #: ``in-place``: only the tag's bytes were overwritten (same file, same size);
    #: ``copy``: tag and audio were written to a new file that replaced the old one.
    method: Literal["in-place", "copy"]
    bytes_written: int
    #: Size of the new ID3v2 tag, header and padding included.
    tag_size: int
    #: Size of the ID3v2 tag the file had before (0 when it had none).
    old_tag_size: int
    #: CHAP frames written (chapters in the table of contents plus silent markers).
    chapters: int
    #: ID3v2 minor version written: 3 or 4.
    version: int
    #: Seconds of audio the last chapter ends at.
    duration: float
    #: Chapter images that are web URLs: APIC frames need the picture's bytes, and shownotes
    #: fetches nothing, so these chapters got no picture (their url is still written).
    skipped_images: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Mp3:
    """An MP3 as loaded for tagging: its tag, where the audio starts, and how long it plays."""

    path: Path
    tags: ID3 | None
    #: Bytes the ID3v2 tag occupies at the start of the file (header, frames, padding, footer).
    tag_end: int
    length: float
    stat: os.stat_result


@dataclass(frozen=True, slots=True)
class _Planned:
    """One chapter with its place in time order and its millisecond times."""

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


def write_chapters(
    path: Path,
    chapters: Sequence[Chapter],
    *,
    version: int = 3,
    duration: float | None = None,
    toc_title: str = "Chapters",
) -> WriteReport:
    """Replace the ID3 chapters of the MP3 at ``path`` with ``chapters``; keep all else.

    Chapters are written in time order as ``chp0``, ``chp1``, ...; each ends where the next
    one of its kind starts (chapters with ``toc=False`` are silent markers, timed among
    themselves and left out of the table of contents), the last at the end of the audio:
    ``duration`` seconds if given, else the length mutagen measures from the MPEG stream.
    ``Chapter.end`` is not used. ``version`` is the ID3v2 minor version: 3 (default, read
    by every player) or 4. An empty ``chapters`` removes the chapters.

    ``Chapter.image`` may be a local JPEG or PNG (a path, relative paths taken from the MP3's
    folder, or a ``file:`` URL) or a ``data:`` URL: it is embedded as an APIC sub-frame. A web
    URL is not fetched; the report lists it under ``skipped_images``.

    Raises :class:`~shownotes.errors.FileAccessError` (missing, read-only, unwritable folder)
    or :class:`~shownotes.errors.InputError` (not an MP3, corrupt, a chapter after the end
    of the audio, more than 255 chapters, a bad image); the file is then left as it was.
    """
    if version not in (3, 4):
        raise UsageError(f"cannot write ID3v2.{version}", "use version 3 or 4")
    mp3 = _load_mp3(path, for_writing=True)
    length = mp3.length if duration is None else _given_duration(duration)
    planned = _plan(chapters, length, path)
    frames, skipped = _chapter_frames(planned, toc_title, version, Path(path).parent)
    new = _NewTag.build(mp3.tags, frames, version)
    bare = new.render()
    if len(bare) <= mp3.tag_end:
        tag = _padded(bare, mp3.tag_end - len(bare))
        written = _overwrite_tag(mp3, tag, path)
        method: Literal["in-place", "copy"] = "in-place"
    else:
        tag = _padded(bare, NEW_TAG_PADDING)
        written = _replace_with_copy(mp3, tag, path)
        method = "copy"
    return WriteReport(
        path=path,
        method=method,
        bytes_written=written,
        tag_size=len(tag),
        old_tag_size=mp3.tag_end,
        chapters=len(planned),
        version=version,
        duration=length,
        skipped_images=skipped,
    )


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
    listed = _toc_order(tags)
    unlisted = len(listed)
    ordered = sorted(
        chaps,
        key=lambda f: (f.start_time, listed.get(f.element_id, unlisted), f.element_id),
    )
    return tuple(
        _chapter_from_frame(frame, toc=not listed or frame.element_id in listed)
        for frame in ordered
    )


# -- loading -------------------------------------------------------------------------------


def _load_mp3(path: Path, *, for_writing: bool) -> _Mp3:
    """Open, check and parse the MP3; every problem becomes a one-line error."""
    target = Path(os.path.realpath(path))
    info = _stat_file(path, target)
    if for_writing:
        _require_writable(path, target, info)
    try:
        with open(target, "rb") as handle:
            audio = _parse_mp3(handle, path)
            tag_end = _tag_region(handle)
    except OSError as exc:
        raise FileAccessError(f"cannot read it: {exc.strerror}", path=path) from None
    length = float(audio.info.length)
    if not length > 0:
        raise InputError("the MP3 has no playable length", "is the file complete?", path=path)
    return _Mp3(target, audio.tags, tag_end, length, info)


def _stat_file(path: Path, target: Path) -> os.stat_result:
    try:
        info = target.stat()
    except FileNotFoundError:
        raise FileAccessError("no such file", "check the path to the MP3", path=path) from None
    except OSError as exc:
        raise FileAccessError(f"cannot open it: {exc.strerror}", path=path) from None
    if not stat.S_ISREG(info.st_mode):
        raise FileAccessError("not a regular file", "give the path of an MP3 file", path=path)
    return info


def _require_writable(path: Path, target: Path, info: os.stat_result) -> None:
    """Refuse read-only files, also for root (whom the kernel would let write anyway)."""
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise FileAccessError(
            "the file is read-only", "make it writable (chmod u+w) to tag it", path=path
        )


def _parse_mp3(handle: BinaryIO, path: Path) -> MP3:
    try:
        return MP3(handle, translate=False, load_v1=False)
    except HeaderNotFoundError:
        raise InputError(
            "not an MP3 file: no MPEG audio frames found",
            "give the episode's MP3; a file cut short after its tag looks like this too",
            path=path,
        ) from None
    except MutagenError as exc:
        detail = f": {exc}" if str(exc) else ""
        raise InputError(
            f"cannot read its ID3 tag, the file is cut short or corrupt{detail}",
            "re-export or re-download the MP3",
            path=path,
        ) from None


def _tag_region(handle: BinaryIO) -> int:
    """Bytes taken by the ID3v2 tag at the start of the file, as its header declares."""
    handle.seek(0)
    header = handle.read(10)
    if len(header) < 10 or header[:3] != b"ID3":
        return 0
    size = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9]
    footer = 10 if header[3] == 4 and header[5] & 0x10 else 0
    return 10 + size + footer


def _load_tags(path: Path) -> ID3 | None:
    """The file's ID3v2 tag for reading, or None when it has none."""
    target = Path(os.path.realpath(path))
    _stat_file(path, target)
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


# -- planning and frames -------------------------------------------------------------------


def _plan(chapters: Sequence[Chapter], length: float, path: Path) -> list[_Planned]:
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
    return [_Planned(chapter, i, _ms(chapter.start), ends[i]) for i, chapter in enumerate(ordered)]


def _given_duration(duration: float) -> float:
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


def _chapter_frames(
    planned: Sequence[_Planned], toc_title: str, version: int, folder: Path
) -> tuple[list[Frame], tuple[str, ...]]:
    """One CHAP per chapter plus the CTOC listing the ``toc`` ones; and the skipped images."""
    frames: list[Frame] = []
    skipped: list[str] = []
    for item in planned:
        sub: list[Frame] = [_text_frame(item.chapter.title, version)]
        if item.chapter.url:
            sub.append(WXXX(encoding=Encoding.LATIN1, desc="", url=_latin1_url(item.chapter.url)))
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


def _picture(item: _Planned, folder: Path) -> APIC | None:
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
        mime=_image_mime(data, where, source),
        type=PictureType.COVER_FRONT,
        desc="",
        data=data,
    )


def _image_path(image: str, scheme: str, folder: Path) -> Path:
    if scheme == "file":
        image = urllib.request.url2pathname(urllib.parse.urlsplit(image).path)
    return folder / Path(image).expanduser()


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
            return base64.b64decode(payload, validate=True)
        return urllib.parse.unquote_to_bytes(payload)
    except ValueError:
        raise InputError(
            f"{where}: the image is a malformed data: URL",
            "use data:image/png;base64,<data> or a file path",
        ) from None


def _image_mime(data: bytes, where: str, source: str | Path) -> str:
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


@dataclass(frozen=True, slots=True)
class _NewTag:
    """The tag to write: the file's own frames plus our chapter frames, in one ID3 version."""

    tags: ID3
    version: int
    #: Joins multiple text values in v2.3: None (NUL, as mutagen read them) for a v2.3 tag
    #: kept as it was, "/" (the v2.3 convention) for one converted from another version.
    separator: str | None

    @classmethod
    def build(cls, tags: ID3 | None, frames: Sequence[Frame], version: int) -> _NewTag:
        native = tags is not None and tags.version[:2] == (2, version)
        tags = ID3() if tags is None else tags
        tags.delall("CHAP")
        tags.delall("CTOC")
        tags.unknown_frames = [f for f in tags.unknown_frames if f[:4] not in _CHAPTER_IDS]
        if not native:
            _convert(tags, version)
        for frame in frames:
            tags.add(frame)
        return cls(tags, version, None if native or version == 4 else "/")

    def render(self) -> bytes:
        """The tag without padding: header and frames, chapters in time order.

        mutagen renders into a buffer holding a stand-in for the audio: zeros, so that its
        ID3v1 handling at the end of the "file" finds no ``TAG`` and changes nothing.
        """
        stand_in = 256
        buffer = io.BytesIO(bytes(stand_in))
        sizes: list[int] = []

        def no_padding(info: PaddingInfo) -> int:
            sizes.append(-info.padding)  # the buffer has no tag: padding = 0 - bytes needed
            return 0

        self.tags.save(
            buffer, v1=1, v2_version=self.version, v23_sep=self.separator, padding=no_padding
        )
        data = buffer.getvalue()
        if len(data) != sizes[0] + stand_in:  # pragma: no cover - guards against mutagen changes
            raise RuntimeError(f"mutagen rendered {len(data) - stand_in} bytes, not {sizes[0]}")
        return _chapters_in_time_order(data[: sizes[0]], self.version)


def _padded(tag: bytes, padding: int) -> bytes:
    """``tag`` followed by ``padding`` zero bytes, its header's size field counting them.

    >>> tag = _padded(b"ID3" + bytes(7), 200)
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


# -- writing -------------------------------------------------------------------------------


def _overwrite_tag(mp3: _Mp3, tag: bytes, path: Path) -> int:
    """Write ``tag`` over the old one, which has exactly its size; the audio stays put."""
    try:
        with open(mp3.path, "r+b") as handle:
            _check_unchanged(os.fstat(handle.fileno()), mp3.stat, path)
            handle.write(tag)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise FileAccessError(f"cannot write: {exc.strerror}", path=path) from None
    return len(tag)


def _replace_with_copy(mp3: _Mp3, tag: bytes, path: Path) -> int:
    """Write tag + audio to a temporary file beside the MP3, then rename it over the MP3."""
    folder = mp3.path.parent
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{mp3.path.name}.", suffix=".tmp")
    except OSError as exc:
        raise FileAccessError(
            f"cannot create a temporary file in {folder}: {exc.strerror}",
            "the new tag does not fit in place; make the folder writable",
            path=path,
        ) from None
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, open(mp3.path, "rb") as source:
            out.write(tag)
            source.seek(mp3.tag_end)
            _copy_rest(source, out)
            out.flush()
            os.fsync(out.fileno())
            written = out.tell()
        _keep_owner_and_mode(temp, mp3.stat)
        _check_unchanged(mp3.path.stat(), mp3.stat, path)
        os.replace(temp, mp3.path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise FileAccessError(f"cannot write: {exc.strerror}", path=path) from None
        raise
    _fsync_folder(folder)
    return written


def _copy_rest(source: BinaryIO, out: BinaryIO) -> None:
    """Copy ``source`` from its position to its end onto ``out``, in the kernel when it can."""
    out.flush()
    src, dst = source.fileno(), out.fileno()
    offset = source.tell()
    try:
        while copied := os.copy_file_range(src, dst, 1 << 30, offset):
            offset += copied
    except OSError:  # no copy_file_range here (old kernel, other filesystems): copy in Python
        source.seek(offset)
        shutil.copyfileobj(source, out, _COPY_CHUNK)
    else:
        out.seek(0, os.SEEK_END)


def _keep_owner_and_mode(temp: Path, original: os.stat_result) -> None:
    with contextlib.suppress(PermissionError):  # only root may give a file to someone else
        os.chown(temp, original.st_uid, original.st_gid)
    os.chmod(temp, stat.S_IMODE(original.st_mode))


def _check_unchanged(now: os.stat_result, before: os.stat_result, path: Path) -> None:
    if (now.st_ino, now.st_size, now.st_mtime_ns) != (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    ):
        raise FileAccessError(
            "the file changed while its chapters were being written",
            "run again once nothing else is writing it",
            path=path,
        )


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; some systems cannot open or sync folders, which is fine."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- reading -------------------------------------------------------------------------------


def _toc_order(tags: ID3) -> dict[str, int]:
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


def _chapter_from_frame(frame: CHAP, *, toc: bool) -> Chapter:
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
    return f"data:{mime};base64,{base64.b64encode(picture.data).decode('ascii')}"
