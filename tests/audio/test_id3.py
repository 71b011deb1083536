"""ID3 chapters: written by shownotes.audio.tagfile, read back by ffprobe, eyeD3 and mutagen.

Test audio is silent MP3 from shownotes.audio.silence (no encoder needed); one test uses ffmpeg.
Frames and audio are compared as raw bytes, parsed here independently of mutagen.
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import eyed3
import pytest
from conftest import ffprobe_chapters, need_tool
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    ID3,
    PRIV,
    TDRC,
    TIT2,
    TPE1,
    TSOP,
    TXXX,
    Encoding,
    PictureType,
)
from mutagen.mp3 import MP3

from shownotes.audio import tagfile as id3_module
from shownotes.audio.silence import silent_mp3
from shownotes.audio.tagfile import NEW_TAG_PADDING, WriteReport, read_chapters, write_chapters
from shownotes.errors import FileAccessError, InputError, ShownotesError, UsageError
from shownotes.models import Chapter

SECONDS = 120.0
CHAPTERS = (
    Chapter(0.0, 0.0, "Intro"),
    Chapter(12.5, 0.0, "Café naïve — Ünïcödé 日本語 🎙️", url="https://example.com/café"),
    Chapter(47.25, 0.0, "Sponsor", url="https://example.com/sponsor"),
    Chapter(90.0, 0.0, "Wrap-up"),
)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# -- helpers -------------------------------------------------------------------------------


def make_mp3(
    folder: Path,
    *,
    seconds: float = SECONDS,
    name: str = "episode.mp3",
    tags: ID3 | None = None,
    padding: int | None = None,
) -> Path:
    """A silent MP3, with ``tags`` saved by mutagen in their ``version`` when given.

    ``padding`` bytes after the frames; by default mutagen's (1 KiB and 0.1 % of the audio).
    """
    path = folder / name
    path.write_bytes(silent_mp3(seconds))
    if tags is not None:
        pad = None if padding is None else (lambda info: padding)
        tags.save(path, v2_version=tags.version[1], v23_sep=None, padding=pad)
    return path


def tag_region(data: bytes) -> int:
    """Bytes of the ID3v2 tag at the start of ``data`` (header, frames, padding)."""
    if data[:3] != b"ID3":
        return 0
    return 10 + _syncsafe(data[6:10]) + (10 if data[3] == 4 and data[5] & 0x10 else 0)


def audio_hash(path: Path) -> str:
    """SHA-256 of everything after the ID3v2 tag: MPEG frames and any trailing tags."""
    data = path.read_bytes()
    return hashlib.sha256(data[tag_region(data) :]).hexdigest()


def raw_frames(path: Path) -> list[bytes]:
    """Every top-level frame of the file's ID3v2.3/2.4 tag, as raw bytes (header included)."""
    data = path.read_bytes()
    end, version = tag_region(data), data[3]
    frames, pos = [], 10
    while pos + 10 <= end and data[pos] != 0:
        size_bytes = data[pos + 4 : pos + 8]
        size = _syncsafe(size_bytes) if version == 4 else int.from_bytes(size_bytes, "big")
        frames.append(data[pos : pos + 10 + size])
        pos += 10 + size
    return frames


def other_frames(path: Path) -> list[bytes]:
    """The frames that are not chapters, in a stable order."""
    return sorted(f for f in raw_frames(path) if f[:4] not in (b"CHAP", b"CTOC"))


def _syncsafe(four: bytes) -> int:
    return (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3]


def ffprobe_chapters_ms(path: Path) -> list[tuple[int, int, str]]:
    """(start ms, end ms, title) of each chapter, in the order ffprobe lists them."""
    return [(round(a * 1000), round(b * 1000), t) for a, b, t in ffprobe_chapters(path)]


def eyed3_chapters(path: Path) -> list[tuple[str, int, int, str, str | None]]:
    """(element id, start ms, end ms, title, url) of each chapter, in eyeD3's order."""
    tag = eyed3.load(path).tag
    return [
        (
            chapter.element_id.decode("latin-1"),
            chapter.times.start,
            chapter.times.end,
            chapter.title,
            # mutagen ends WXXX URLs with a NUL, which eyeD3 keeps.
            chapter.user_url.rstrip("\x00") if chapter.user_url else None,
        )
        for chapter in tag.chapters
    ]


def eyed3_toc(path: Path) -> list[tuple[str, bool, bool, list[str], str]]:
    """(id, top level, ordered, child ids, title) of each table of contents."""
    tag = eyed3.load(path).tag
    return [
        (
            toc.element_id.decode("latin-1"),
            toc.toplevel,
            toc.ordered,
            [child.decode("latin-1") for child in toc.child_ids],
            toc.description,
        )
        for toc in tag.table_of_contents
    ]


def expected_rows(chapters: Sequence[Chapter], end_ms: int) -> list[tuple[str, int, int, str]]:
    """(id, start ms, end ms, title) for TOC chapters laid end to end."""
    starts = [round(c.start * 1000) for c in chapters]
    ends = [*starts[1:], end_ms]
    return [
        (f"chp{i}", s, e, c.title)
        for i, (c, s, e) in enumerate(zip(chapters, starts, ends, strict=True))
    ]


def length_ms(path: Path) -> int:
    return round(MP3(path).info.length * 1000)


def png_bytes() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def rich_tags(version: int) -> ID3:
    """A tag like a podcast editor leaves: title, artist, cover, comment, private, user text."""
    tags = ID3()
    unicode_text = Encoding.UTF16 if version == 3 else Encoding.UTF8
    tags.add(TIT2(encoding=unicode_text, text=["Episode 42: Ça va"]))
    tags.add(TPE1(encoding=Encoding.LATIN1, text=["The Show", "A Guest"]))  # NUL-separated
    tags.add(
        APIC(
            encoding=Encoding.LATIN1,
            mime="image/png",
            type=PictureType.COVER_FRONT,
            desc="cover",
            data=png_bytes() * 50,
        )
    )
    tags.add(COMM(encoding=unicode_text, lang="eng", desc="", text=["A comment ✓"]))
    tags.add(PRIV(owner="com.example.tool", data=bytes(range(256))))
    tags.add(TXXX(encoding=Encoding.LATIN1, desc="episode_guid", text=["abc-123"]))
    # Sort order: iTunes writes it in v2.3 too; mutagen's update_to_v23 deletes it.
    tags.add(TSOP(encoding=Encoding.LATIN1, text=["Show, The"]))
    if version == 3:
        tags.update_to_v23()
        tags.add(TSOP(encoding=Encoding.LATIN1, text=["Show, The"]))
    tags.version = (2, version, 0)
    return tags


def assert_untouched(path: Path, before: bytes, error: ShownotesError) -> None:
    assert path.read_bytes() == before
    assert "\n" not in str(error)
    assert str(path) in str(error)


# -- reading back with other tools -----------------------------------------------------------


@pytest.mark.parametrize("version", [3, 4])
def test_ffprobe_reads_chapters_in_time_order(tmp_path: Path, version: int) -> None:
    mp3 = make_mp3(tmp_path)
    write_chapters(mp3, CHAPTERS, version=version)
    expected = [row[1:] for row in expected_rows(CHAPTERS, length_ms(mp3))]
    assert ffprobe_chapters_ms(mp3) == expected


@pytest.mark.parametrize("version", [3, 4])
def test_eyed3_reads_chapters_urls_and_toc(tmp_path: Path, version: int) -> None:
    mp3 = make_mp3(tmp_path)
    write_chapters(mp3, CHAPTERS, version=version, toc_title="Kapitel")
    urls = [None, "https://example.com/caf%C3%A9", "https://example.com/sponsor", None]
    expected = [
        (*row, url) for row, url in zip(expected_rows(CHAPTERS, length_ms(mp3)), urls, strict=True)
    ]
    assert eyed3_chapters(mp3) == expected
    assert eyed3_toc(mp3) == [("toc", True, True, ["chp0", "chp1", "chp2", "chp3"], "Kapitel")]
    assert eyed3.load(mp3).tag.version == (2, version, 0)


@pytest.mark.parametrize("version", [3, 4])
def test_read_chapters_round_trip(tmp_path: Path, version: int) -> None:
    mp3 = make_mp3(tmp_path)
    write_chapters(mp3, CHAPTERS, version=version)
    end = length_ms(mp3) / 1000
    assert read_chapters(mp3) == (
        Chapter(0.0, 12.5, "Intro"),
        Chapter(12.5, 47.25, CHAPTERS[1].title, url="https://example.com/caf%C3%A9"),
        Chapter(47.25, 90.0, "Sponsor", url="https://example.com/sponsor"),
        Chapter(90.0, end, "Wrap-up"),
    )


def test_chap_frames_are_stored_in_time_order(tmp_path: Path) -> None:
    # mutagen alone would order them by size: the long Unicode title last.
    mp3 = make_mp3(tmp_path)
    write_chapters(mp3, CHAPTERS)
    ids = [f[10 : f.index(b"\0", 10)] for f in raw_frames(mp3) if f[:4] in (b"CHAP", b"CTOC")]
    assert ids == [b"toc", b"chp0", b"chp1", b"chp2", b"chp3"]


def test_unsorted_input_is_written_in_time_order(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    write_chapters(mp3, list(reversed(CHAPTERS)))
    assert [row[3] for row in eyed3_chapters(mp3)] == [c.title for c in CHAPTERS]


def test_ffmpeg_encoded_mp3(tmp_path: Path) -> None:
    ffmpeg = need_tool("ffmpeg")
    mp3 = tmp_path / "sine.mp3"
    subprocess.run(
        [
            *(ffmpeg, "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"),
            *("-t", "30", "-ac", "1", "-b:a", "64k", str(mp3)),
        ],
        check=True,
    )
    assert ID3(mp3).version == (2, 4, 0)  # ffmpeg's own tag, with its encoder name (TSSE)
    encoder = ID3(mp3)["TSSE"].text
    before = audio_hash(mp3)
    report = write_chapters(mp3, CHAPTERS[:2])
    assert report.method == "copy"  # ffmpeg's tag has no padding to spare
    assert audio_hash(mp3) == before
    assert ID3(mp3)["TSSE"].text == encoder
    assert ffprobe_chapters_ms(mp3) == [
        (0, 12500, "Intro"),
        (12500, length_ms(mp3), CHAPTERS[1].title),
    ]
    assert abs(length_ms(mp3) - 30_000) < 100


# -- what is kept ------------------------------------------------------------------------------


@pytest.mark.parametrize("version", [3, 4])
def test_other_frames_and_audio_are_kept_byte_for_byte(tmp_path: Path, version: int) -> None:
    mp3 = make_mp3(tmp_path, tags=rich_tags(version), padding=0)
    frames, audio = other_frames(mp3), audio_hash(mp3)
    assert len(frames) == 7
    first = write_chapters(mp3, CHAPTERS, version=version)
    again = write_chapters(mp3, CHAPTERS[:2], version=version)
    assert (first.method, again.method) == ("copy", "in-place")
    assert other_frames(mp3) == frames
    assert audio_hash(mp3) == audio


def test_v24_tag_written_as_v23_is_converted_keeping_sort_order(tmp_path: Path) -> None:
    tags = rich_tags(4)
    tags.add(TDRC(encoding=Encoding.LATIN1, text=["2024-05-01"]))
    mp3 = make_mp3(tmp_path, tags=tags)
    write_chapters(mp3, CHAPTERS, version=3)
    written = ID3(mp3, translate=False)
    assert written.version == (2, 3, 0)
    assert written["TYER"].text == ["2024"]
    assert written["TSOP"].text == ["Show, The"]
    assert written["TIT2"].text == ["Episode 42: Ça va"]
    assert len(written.getall("APIC")) == 1


def test_v23_tag_written_as_v24(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path, tags=rich_tags(3))
    write_chapters(mp3, CHAPTERS, version=4)
    assert eyed3.load(mp3).tag.version == (2, 4, 0)
    assert ID3(mp3)["COMM::eng"].text == ["A comment ✓"]
    assert [row[3] for row in eyed3_chapters(mp3)] == [c.title for c in CHAPTERS]


def test_id3v1_tag_is_neither_merged_nor_changed(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    v1 = b"TAG" + b"Old v1 title".ljust(30, b"\0") + bytes(95)
    with mp3.open("ab") as handle:
        handle.write(v1)
    write_chapters(mp3, CHAPTERS)
    assert mp3.read_bytes().endswith(v1)
    assert "TIT2" not in ID3(mp3, load_v1=False)


def test_foreign_chapters_are_replaced(tmp_path: Path) -> None:
    tags = ID3()
    tags.add(CHAP(element_id="ch-old", start_time=0, end_time=5000, sub_frames=[TIT2(text=["x"])]))
    mp3 = make_mp3(tmp_path, tags=tags)
    write_chapters(mp3, CHAPTERS[:1])
    assert [c.title for c in read_chapters(mp3)] == ["Intro"]
    assert [c.element_id for c in ID3(mp3).getall("CHAP")] == ["chp0"]


# -- in place or copy ------------------------------------------------------------------------


def test_first_write_copies_then_retag_is_in_place(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    mp3.chmod(0o640)
    audio, inode = audio_hash(mp3), mp3.stat().st_ino
    first = write_chapters(mp3, CHAPTERS)
    assert isinstance(first, WriteReport)
    assert first.method == "copy"
    assert first.old_tag_size == 0
    assert first.tag_size > NEW_TAG_PADDING
    assert first.bytes_written == mp3.stat().st_size
    assert mp3.stat().st_ino != inode
    assert oct(mp3.stat().st_mode & 0o777) == oct(0o640)

    size, inode = mp3.stat().st_size, mp3.stat().st_ino
    edited = [Chapter(c.start, c.end, c.title.upper(), c.url) for c in CHAPTERS]
    second = write_chapters(mp3, edited)
    assert second.method == "in-place"
    assert second.bytes_written == second.tag_size == first.tag_size
    assert (mp3.stat().st_size, mp3.stat().st_ino) == (size, inode)
    assert audio_hash(mp3) == audio
    assert [row[3] for row in eyed3_chapters(mp3)] == [c.title for c in edited]
    assert not list(tmp_path.glob(".*.tmp"))


def test_tag_that_outgrows_its_padding_is_copied(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    audio = audio_hash(mp3)
    write_chapters(mp3, CHAPTERS)
    inode = mp3.stat().st_ino
    many = [Chapter(i * 0.4, 0.0, f"Chapter {i} " + "x" * 60) for i in range(200)]
    report = write_chapters(mp3, many)
    assert report.method == "copy"
    assert mp3.stat().st_ino != inode
    assert audio_hash(mp3) == audio
    assert len(read_chapters(mp3)) == 200


def test_existing_tag_with_room_is_rewritten_in_place_on_first_write(tmp_path: Path) -> None:
    tags = ID3()
    tags.add(TIT2(text=["Title"]))
    mp3 = make_mp3(tmp_path, tags=tags)  # mutagen pads a new tag with 1 KiB and more
    size = mp3.stat().st_size
    report = write_chapters(mp3, CHAPTERS[:2])
    assert report.method == "in-place"
    assert mp3.stat().st_size == size
    assert report.bytes_written == report.old_tag_size == report.tag_size


def test_rewriting_the_same_chapters_is_idempotent(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path, tags=rich_tags(3))
    write_chapters(mp3, CHAPTERS)
    once = mp3.read_bytes()
    report = write_chapters(mp3, CHAPTERS)
    assert report.method == "in-place"
    assert mp3.read_bytes() == once


def test_symlink_is_followed(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    link = tmp_path / "link.mp3"
    link.symlink_to(mp3.name)
    write_chapters(link, CHAPTERS)
    assert link.is_symlink()
    assert len(read_chapters(mp3)) == len(CHAPTERS)


def test_failed_rename_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mp3 = make_mp3(tmp_path)
    before = mp3.read_bytes()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(id3_module.os, "replace", fail)
    with pytest.raises(FileAccessError, match="No space left") as caught:
        write_chapters(mp3, CHAPTERS)
    assert_untouched(mp3, before, caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.mp3"]


def test_interrupted_copy_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mp3 = make_mp3(tmp_path)
    before = mp3.read_bytes()

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(id3_module, "_copy_rest", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_chapters(mp3, CHAPTERS)
    assert mp3.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.mp3"]


# -- chapter details -------------------------------------------------------------------------


def test_silent_markers_are_chaps_outside_the_toc(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    chapters = [*CHAPTERS, Chapter(30.0, 0.0, "Art change", toc=False)]
    report = write_chapters(mp3, chapters)
    assert report.chapters == 5
    assert eyed3_toc(mp3)[0][3] == ["chp0", "chp1", "chp3", "chp4"]
    rows = {row[0]: row for row in eyed3_chapters(mp3)}
    assert rows["chp1"][1:3] == (12500, 47250)  # the marker does not cut chapter 2 short
    assert rows["chp2"][1:4] == (30000, length_ms(mp3), "Art change")
    read = read_chapters(mp3)
    assert [(c.title, c.toc) for c in read] == [
        ("Intro", True),
        (CHAPTERS[1].title, True),
        ("Art change", False),
        ("Sponsor", True),
        ("Wrap-up", True),
    ]


def test_last_chapter_ends_at_the_measured_or_given_duration(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path, seconds=61.0)
    report = write_chapters(mp3, CHAPTERS[:1])
    assert report.duration == MP3(mp3).info.length
    assert eyed3_chapters(mp3)[0][2] == length_ms(mp3)
    write_chapters(mp3, CHAPTERS[:1], duration=50.0)
    assert eyed3_chapters(mp3)[0][2] == 50_000


def test_images_local_embedded_web_skipped(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "one.png").write_bytes(png_bytes())
    chapters = [
        Chapter(0.0, 0.0, "Relative path", image="art/one.png"),
        Chapter(10.0, 0.0, "Web image", url="https://example.com/", image="https://x.test/a.jpg"),
    ]
    report = write_chapters(mp3, chapters)
    assert report.skipped_images == ("https://x.test/a.jpg",)
    chap0 = ID3(mp3)["CHAP:chp0"]
    picture = chap0.sub_frames.getall("APIC")[0]
    assert (picture.mime, picture.data) == ("image/png", png_bytes())
    assert not ID3(mp3)["CHAP:chp1"].sub_frames.getall("APIC")
    read = read_chapters(mp3)
    assert read[0].image is not None and read[0].image.startswith("data:image/png;base64,")
    assert read[1].image is None and read[1].url == "https://example.com/"
    # The data: URL read back embeds the same picture again.
    write_chapters(mp3, read)
    assert ID3(mp3)["CHAP:chp0"].sub_frames.getall("APIC")[0].data == png_bytes()


def test_no_chapters_removes_them(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path, tags=rich_tags(3))
    frames = other_frames(mp3)
    write_chapters(mp3, CHAPTERS)
    report = write_chapters(mp3, [])
    assert report.chapters == 0
    assert read_chapters(mp3) == ()
    assert eyed3_toc(mp3) == []
    assert other_frames(mp3) == frames


def test_255_chapters_fit(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path, seconds=300)
    chapters = [Chapter(float(i), 0.0, f"C{i}") for i in range(255)]
    write_chapters(mp3, chapters)
    assert len(eyed3_toc(mp3)[0][3]) == 255


# -- reading ---------------------------------------------------------------------------------


def test_read_chapters_of_files_without_any(tmp_path: Path) -> None:
    assert read_chapters(make_mp3(tmp_path, name="bare.mp3")) == ()
    tags = ID3()
    tags.add(TIT2(text=["Title"]))
    assert read_chapters(make_mp3(tmp_path, name="tagged.mp3", tags=tags)) == ()


def test_read_chapters_without_toc_sorts_by_time(tmp_path: Path) -> None:
    tags = ID3()
    for element_id, start, title in [("b", 9000, "Second"), ("a", 0, "First")]:
        sub = [TIT2(text=[title])]
        tags.add(CHAP(element_id=element_id, start_time=start, end_time=start, sub_frames=sub))
    mp3 = make_mp3(tmp_path, tags=tags)
    assert [(c.title, c.start, c.toc) for c in read_chapters(mp3)] == [
        ("First", 0.0, True),
        ("Second", 9.0, True),
    ]


def test_read_chapters_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file"):
        read_chapters(tmp_path / "nope.mp3")


# -- errors: one line, nothing changed -----------------------------------------------------


def test_not_an_mp3(tmp_path: Path) -> None:
    text = tmp_path / "notes.mp3"
    text.write_text("Just some show notes.\n" * 200)
    before = text.read_bytes()
    with pytest.raises(InputError, match="not an MP3") as caught:
        write_chapters(text, CHAPTERS)
    assert_untouched(text, before, caught.value)


@pytest.mark.parametrize("keep", ["half the tag", "only the tag"])
def test_truncated_file(tmp_path: Path, keep: str) -> None:
    mp3 = make_mp3(tmp_path, tags=rich_tags(3))
    data = mp3.read_bytes()
    end = tag_region(data) // 2 if keep == "half the tag" else tag_region(data)
    mp3.write_bytes(data[:end])
    before = mp3.read_bytes()
    with pytest.raises(InputError) as caught:
        write_chapters(mp3, CHAPTERS)
    assert_untouched(mp3, before, caught.value)


def test_read_only_file(tmp_path: Path) -> None:
    # The mode check refuses even root, whom the kernel would let write.
    mp3 = make_mp3(tmp_path)
    before = mp3.read_bytes()
    mp3.chmod(0o444)
    with pytest.raises(FileAccessError, match="read-only") as caught:
        write_chapters(mp3, CHAPTERS)
    assert_untouched(mp3, before, caught.value)


@pytest.mark.skipif(IS_ROOT, reason="root ignores folder permissions; see the mkstemp test")
def test_read_only_folder_blocks_the_copy_path(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    before = mp3.read_bytes()
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(FileAccessError, match="temporary file") as caught:
            write_chapters(mp3, CHAPTERS)
    finally:
        tmp_path.chmod(0o755)
    assert_untouched(mp3, before, caught.value)


def test_unwritable_folder_blocks_the_copy_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Works as root too: the folder refusal is simulated where the temporary file is made.
    mp3 = make_mp3(tmp_path)
    before = mp3.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(FileAccessError, match=r"temporary file.*Permission denied") as caught:
        write_chapters(mp3, CHAPTERS)
    assert_untouched(mp3, before, caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="no such file") as caught:
        write_chapters(tmp_path / "nope.mp3", CHAPTERS)
    assert "\n" not in str(caught.value)
    with pytest.raises(FileAccessError, match="not a regular file"):
        write_chapters(tmp_path, CHAPTERS)


def test_chapter_past_the_end_of_the_audio(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path, seconds=60.0)
    before = mp3.read_bytes()
    with pytest.raises(
        InputError, match=r"'Wrap-up' starts at 00:01:30.000.*ends at 00:01:00"
    ) as caught:
        write_chapters(mp3, CHAPTERS)
    assert_untouched(mp3, before, caught.value)


def test_256_chapters(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path, seconds=300)
    before = mp3.read_bytes()
    chapters = [Chapter(float(i), 0.0, f"C{i}") for i in range(256)]
    with pytest.raises(InputError, match="256 chapters, but ID3 allows at most 255") as caught:
        write_chapters(mp3, chapters)
    assert_untouched(mp3, before, caught.value)


def test_bad_images(tmp_path: Path) -> None:
    mp3 = make_mp3(tmp_path)
    before = mp3.read_bytes()
    (tmp_path / "art.gif").write_bytes(b"GIF89a" + bytes(20))
    with pytest.raises(FileAccessError, match="chapter 1 'A': image not found") as missing:
        write_chapters(mp3, [Chapter(0.0, 0.0, "A", image="missing.png")])
    assert "\n" not in str(missing.value)
    with pytest.raises(InputError, match="not a JPEG or PNG") as gif:
        write_chapters(mp3, [Chapter(0.0, 0.0, "A", image=str(tmp_path / "art.gif"))])
    assert "\n" not in str(gif.value)
    assert mp3.read_bytes() == before


def test_bad_version_and_duration(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"ID3v2\.2"):
        write_chapters(tmp_path / "unused.mp3", CHAPTERS, version=2)
    mp3 = make_mp3(tmp_path)
    with pytest.raises(UsageError, match="positive number of seconds"):
        write_chapters(mp3, CHAPTERS, duration=float("nan"))
