"""Write files all at once or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from shownotes.errors import FileAccessError


def write_atomic(path: Path | str, data: str | bytes) -> None:
    """Replace ``path`` with ``data``; a crash leaves the old file or the new, never half of one.

    The existing file's permission bits are kept; text is written as UTF-8 with ``\\n`` ends.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with _replacing(Path(path)) as handle:
        handle.write(payload)


def copy_atomic(source: Path, path: Path | str) -> None:
    """Replace ``path`` with a copy of ``source``, all at once or not at all."""
    with _replacing(Path(path)) as handle, open(source, "rb") as original:
        shutil.copyfileobj(original, handle, 1 << 20)


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A handle on a temporary file beside ``path``, flushed, synced and renamed over ``path``
    when the block ends; removed, leaving ``path`` as it was, when the block fails."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise FileAccessError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise FileAccessError(
            "its folder does not exist", "create the folder first", path=path
        ) from None
    except OSError as exc:
        raise FileAccessError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise FileAccessError(f"cannot write: {exc.strerror}", path=path) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
