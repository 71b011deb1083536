"""Write files all at once or not at all: a temporary file beside the target, then a rename.

Temporary files are named ``.NAME.PID-RANDOM.tmp``. One that a killed run left behind (its
process is gone, or it predates this run and carries no process id) is removed the next
time NAME is written, so it is never deployed with the public folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
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
        import shutil

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
        fd, tmp = temp_beside(path)
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
        if isinstance(exc, OSError) and not isinstance(exc, FileAccessError):
            raise FileAccessError(f"cannot write: {exc.strerror or exc}", path=path) from None
        raise


#: When this process started using shownotes: older temporary files without a process id
#: cannot belong to this run.
_STARTED = time.time()
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[a-z0-9_]{8}\.tmp$")


def temp_beside(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (fd, name), after removing stale ones of it."""
    remove_stale_temps(path.parent, path.name)
    import tempfile  # (here: only a file that is written needs it)

    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp")


def remove_stale_temps(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files (of the file ``name``, or of any) that killed runs left in
    ``folder``; returns the removed. Files of running processes are left alone."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if not match or (name and match["name"] != name) or not _stale(entry, match["pid"]):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _stale(entry: os.DirEntry[str], pid: str | None) -> bool:
    try:
        if not entry.is_file(follow_symlinks=False):
            return False
        if pid is None:
            return entry.stat(follow_symlinks=False).st_mtime < _STARTED
    except OSError:
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError, ValueError):
        return False
    return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
