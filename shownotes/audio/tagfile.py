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

import contextlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple

from mutagen import MutagenError
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, HeaderNotFoundError

from shownotes.atomic import remove_stale_temps, temp_beside
from shownotes.audio.frames import (
    chapter_frames,
    given_duration,
    new_tag,
    padded,
    plan_chapters,
)
from shownotes.audio.tagread import read_chapters as read_chapters
from shownotes.audio.tagread import stat_file
from shownotes.errors import FileAccessError, InputError, UsageError
from shownotes.models import Chapter

#: Padding given to a tag written from scratch: room for later chapter edits (longer titles,
#: a few dozen more chapters) to be rewritten in place.
NEW_TAG_PADDING = 4096
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


class _Mp3(NamedTuple):
    """An MP3 as loaded for tagging: its tag, where the audio starts, and how long it plays.

    (A private record as a NamedTuple: Python builds one in a fifth of a frozen dataclass's
    time, which ``shownotes tag`` pays at every start.)"""

    path: Path
    tags: ID3 | None
    #: Bytes the ID3v2 tag occupies at the start of the file (header, frames, padding, footer).
    tag_end: int
    length: float
    stat: os.stat_result


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
    remove_stale_temps(mp3.path.parent)  # what killed runs left, even if this fits in place
    length = mp3.length if duration is None else given_duration(duration)
    planned = plan_chapters(chapters, length, path)
    frames, skipped = chapter_frames(planned, toc_title, version, Path(path).parent)
    bare = new_tag(mp3.tags, frames, version)
    if len(bare) <= mp3.tag_end:
        tag = padded(bare, mp3.tag_end - len(bare))
        written = _overwrite_tag(mp3, tag, path)
        method: Literal["in-place", "copy"] = "in-place"
    else:
        tag = padded(bare, NEW_TAG_PADDING)
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


# -- loading -------------------------------------------------------------------------------


def _load_mp3(path: Path, *, for_writing: bool) -> _Mp3:
    """Open, check and parse the MP3; every problem becomes a one-line error."""
    target = Path(os.path.realpath(path))
    info = stat_file(path, target)
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
        fd, name = temp_beside(mp3.path)
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
        if isinstance(exc, OSError) and not isinstance(exc, FileAccessError):
            raise FileAccessError(f"cannot write: {exc.strerror or exc}", path=path) from None
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
        import shutil

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
