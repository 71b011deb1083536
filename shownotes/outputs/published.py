"""What ``check``, the apps' report and the catalogue index need of the outputs without
rendering anything: the public URLs of an episode's files, a published file validated for its
format, one line of text, and the built-in templates folder.

(Kept apart from :mod:`.render`, which re-exports all of it, so that checking an episode
loads neither the filters and description fitting nor the model classes rendering needs.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from shownotes.errors import RenderError, ShownotesError

if TYPE_CHECKING:
    from shownotes.models import Episode, Show

# The chapters schema (compiled ahead: .chapters_schema), ElementTree and the WebVTT reader are
# imported by validate_output, for the format that needs them; fastjsonschema only for a
# chapters file that fails.

_HERE = Path(__file__).resolve().parent
_PACKAGE = _HERE.parent
#: Built-in templates: inside the installed package, or the repository's templates/ folder
#: when shownotes runs from a source checkout (an editable install).
BUILTIN_TEMPLATES = next(
    (p for p in (_PACKAGE / "templates", _PACKAGE.parent / "templates") if p.is_dir()),
    _PACKAGE / "templates",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def one_line(text: str) -> str:
    """One line of text: control characters dropped, line breaks and runs of space collapsed."""
    return " ".join(_CONTROL.sub("", str(text)).split())


class Urls(NamedTuple):
    """Public URLs of an episode's published files (empty when the show has no base_url).

    (A record as a NamedTuple: Python builds one in a fifth of a frozen dataclass's
    time, which ``check`` pays at every start.)"""

    #: ``base_url/<episode folder>/``, under which the episode's files are published.
    folder: str
    audio: str

    def file(self, name: str) -> str:
        """The public URL of the published file ``name`` (empty without a base URL)."""
        return f"{self.folder}{name}" if self.folder else ""

    @property
    def chapters(self) -> str:
        return self.file("chapters.json")

    @property
    def transcript(self) -> str:
        return self.file("transcript.vtt")

    @property
    def notes(self) -> str:
        return self.file("notes.html")


def episode_urls(show: Show | None, episode: Episode | None) -> Urls:
    """URLs under ``base_url/<episode folder>/``; the audio's own ``audio_url`` wins."""
    base = (show.base_url if show else "").rstrip("/")
    folder = episode.folder.name if episode and episode.folder else ""
    prefix = f"{base}/{folder}/" if base and folder else (f"{base}/" if base else "")
    audio_name = episode.audio.name if episode else ""
    audio = (episode.audio_url if episode and episode.audio_url else "") or (
        f"{prefix}{audio_name}" if prefix and audio_name else ""
    )
    return Urls(folder=prefix, audio=audio)


def validate_output(name: str, text: str) -> None:
    """Check a rendered file is valid for its format (by its name); raise RenderError if not."""

    def fail(what: str, line: int | None = None) -> RenderError:
        return RenderError(
            what,
            "the template produced an invalid file; fix the template",
            path=f"{name}.j2",
            line=line,
        )

    lower = name.lower()
    if lower.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(f"output is not valid JSON: {exc.msg}", exc.lineno) from None
        if lower.startswith("chapters."):
            from shownotes.outputs.chapters_schema import validate

            try:
                validate(data)
            except Exception as exc:
                import fastjsonschema  # (only for a file that fails: see .chapters_schema)

                if not isinstance(exc, fastjsonschema.JsonSchemaException):
                    raise
                raise fail(f"not Podcasting 2.0 chapters JSON: {exc.message}") from None
            starts = [c["startTime"] for c in data["chapters"]]
            if starts != sorted(starts):
                raise fail("chapters are not sorted by startTime")
    elif lower.endswith(".xml"):
        from xml.etree import ElementTree

        try:
            ElementTree.fromstring(text)  # our own output: no DTD, no entities to expand
        except ElementTree.ParseError as exc:
            raise fail(f"output is not well-formed XML: {exc}", exc.position[0]) from None
    elif lower.endswith(".vtt"):
        from shownotes.transcripts.cues import parse_vtt

        try:
            parse_vtt(text, name)
        except ShownotesError as exc:
            raise fail(f"output is not valid WebVTT: {exc.what}", exc.line) from None
    elif "ffmetadata" in lower and not text.startswith(";FFMETADATA1\n"):
        raise fail("output does not start with ;FFMETADATA1", 1)
