"""Read a user's text file: UTF-8 with or without BOM, UTF-16 with BOM, any line ends."""

from __future__ import annotations

import codecs
from pathlib import Path

from shownotes.errors import FileAccessError
from shownotes.validate import regular_file

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a FileAccessError that says what is wrong with the path (also
    for a device, a pipe, or a file too large to be one of ours)."""
    regular_file(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileAccessError("no such file", "check the path", path=path) from None
    except IsADirectoryError:
        raise FileAccessError(
            "is a folder, not a file", "name a file inside it", path=path
        ) from None
    except PermissionError:
        raise FileAccessError("permission denied", "make the file readable", path=path) from None
    except OSError as exc:
        raise FileAccessError(f"cannot read: {exc.strerror}", path=path) from None


def _binary(path: Path | str, line: int) -> FileAccessError:
    return FileAccessError(
        "binary data (a NUL byte), not a text file",
        "pass the transcript, not the audio; UTF-16 files need a byte-order mark",
        path=path,
        line=line,
    )


def decode(data: bytes, path: Path | str) -> str:
    """Text with ``\\n`` line ends; BOMs pick the encoding, otherwise UTF-8 is required."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        raise _binary(path, data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileAccessError(
            f"not {encoding.upper().replace('-SIG', '')} text: byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start}",
            "convert it to UTF-8, e.g. with iconv -f LATIN1 -t UTF-8",
            path=path,
            line=line,
        ) from None
    if "\x00" in text:
        raise _binary(path, text.count("\n", 0, text.index("\x00")) + 1)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    """Read and decode a text file (see :func:`decode`)."""
    return decode(read_bytes(path), path)
