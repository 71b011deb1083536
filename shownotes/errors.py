"""Every error and warning shownotes raises on purpose.

The hierarchy, in one screen::

    ShownotesError                      exit status 2, one line "WHERE: what; how to fix"
    ├── InputError                      a file the user gave us is unusable
    │   ├── FileAccessError (OSError)   missing, unreadable, a folder, not text
    │   ├── TranscriptError (ValueError) a transcript we cannot read as one
    │   └── ConfigError (ValueError)    show config or episode.yaml problems (one or many)
    ├── RenderError                     a template failed, or rendered an invalid file
    ├── PluginError                     a plugin failed to load or raised in a hook
    ├── UsageError                      the command line asks for something impossible
    └── InternalError                   a bug: an unexpected exception, logged with its traceback

    ShownotesWarning (UserWarning)      legal but unwise input; never stops a run
    ├── TranscriptOrderWarning          a stamp went back a few seconds and was clamped
    └── LowConfidenceChapter            detection is unsure of a chapter: review it first

Errors keep their parts (path, line, timestamp, what, fix) as attributes and build the message
from them, so callers never parse message text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shownotes.timecode import format_timestamp


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong at one place: ``path:line: what; fix``."""

    what: str
    fix: str = ""
    path: Path | str | None = None
    line: int | None = None
    timestamp: float | None = None

    def __str__(self) -> str:
        where = [str(self.path)] if self.path is not None else []
        if self.line is not None:
            where.append(str(self.line))
        prefix = ":".join(where)
        at = f"at {format_timestamp(self.timestamp)}: " if self.timestamp is not None else ""
        text = f"{at}{self.what}"
        if self.fix:
            text += f" ({self.fix})"
        return f"{prefix}: {text}" if prefix else text


class ShownotesError(Exception):
    """Base of every error shownotes raises on purpose; carries one or more problems."""

    exit_code = 2

    def __init__(
        self,
        what: str,
        fix: str = "",
        *,
        path: Path | str | None = None,
        line: int | None = None,
        timestamp: float | None = None,
    ) -> None:
        self.problems: tuple[Problem, ...] = (Problem(what, fix, path, line, timestamp),)
        super().__init__(str(self.problems[0]))

    @classmethod
    def from_problems(cls, problems: list[Problem]) -> ShownotesError:
        """One error that reports several problems, one per line."""
        if not problems:
            raise ValueError("from_problems needs at least one problem")
        first = problems[0]
        error = cls(first.what, first.fix, path=first.path, line=first.line)
        error.problems = tuple(problems)
        error.args = ("\n".join(str(p) for p in problems),)
        return error

    def __reduce__(self) -> tuple[object, ...]:
        # keep the structured problems when an error crosses a process boundary
        return (_rebuild, (type(self), self.problems))

    @property
    def path(self) -> Path | str | None:
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def what(self) -> str:
        return self.problems[0].what

    @property
    def fix(self) -> str:
        return self.problems[0].fix


def _rebuild(cls: type[ShownotesError], problems: tuple[Problem, ...]) -> ShownotesError:
    return cls.from_problems(list(problems))


class InputError(ShownotesError):
    """A file the user gave us cannot be used as it is."""


class FileAccessError(InputError, OSError):
    """A file is missing, unreadable, a directory, or not text."""


class TranscriptError(InputError, ValueError):
    """A transcript that no reader can turn into timed segments."""


class ConfigError(InputError, ValueError):
    """A show config or episode.yaml with a syntax error, unknown key or wrong type."""


class RenderError(ShownotesError):
    """A template that fails to render, or whose output is not valid for its format."""


class PluginError(ShownotesError):
    """A plugin that cannot be loaded, or that raised an exception in one of its hooks."""


class UsageError(ShownotesError):
    """The command line asks for something that cannot be done."""


class InternalError(ShownotesError):
    """An exception shownotes did not expect (a bug): reported as one line that asks for a
    report and names the log file holding the traceback."""

    exit_code = 70  # EX_SOFTWARE


def internal_error(exc: BaseException, doing: str) -> InternalError:
    """An :class:`InternalError` for an unexpected ``exc``, its traceback saved to a log file
    (in the temporary folder, never among the files a show publishes)."""
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(exc))
    try:
        fd, log = tempfile.mkstemp(prefix="shownotes-error-", suffix=".log")
        with open(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(f"shownotes: unexpected error while {doing}\n{text}")
        where = f"the traceback is in {log}"
    except OSError:
        where = "run again with PYTHONFAULTHANDLER=1 for details"
    return InternalError(
        f"unexpected error while {doing}: {type(exc).__name__}: {str(exc)[:200]}",
        f"this is a bug in shownotes; please report this, {where}",
    )


class ShownotesWarning(UserWarning):
    """Input that is legal but probably not what the user meant."""


class TranscriptOrderWarning(ShownotesWarning):
    """A stamp that goes back a few seconds (common at edit points) was moved up to the one
    before it; the message names the file and line."""


class UnlistedEpisodeWarning(ShownotesWarning):
    """A folder under the show's episodes folder holds a transcript or audio but no
    episode.yaml, so it is not an episode: nothing is published from it."""


class LowConfidenceChapter(ShownotesWarning):
    """An automatic chapter whose confidence is below the review threshold
    (:data:`shownotes.chapters.explain.LOW_CONFIDENCE`); ``shownotes check`` lists these
    first, without failing."""
