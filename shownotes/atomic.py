"""Write files all at once or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from shownotes.errors import FileAccessError


def write_atomic(path: Path | str, data: str | bytes) -> None:
    """Replace ``path`` with ``data``; a crash leaves the old file or the new, never half of one.

    The existing file's permission bits are kept; text is written as UTF-8 with ``\\n`` ends.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
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
            handle.write(payload)
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
