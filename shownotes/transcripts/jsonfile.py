"""JSON transcripts: Podcasting 2.0 (``startTime``/``endTime``/``body``) and Whisper
(``start``/``end``/``text``), as an object with ``segments`` or a bare list of segments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shownotes.errors import InputError, TranscriptError
from shownotes.models import Transcript
from shownotes.transcripts.common import RawSegment, assemble
from shownotes.validate import seconds, xml_text

#: key names per flavour: start, end, text
_FLAVOURS = {
    "podcast-json": ("startTime", "endTime", "body"),
    "whisper-json": ("start", "end", "text"),
}


def _load(text: str, source: Path | str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TranscriptError(
            f"invalid JSON: {exc.msg} (column {exc.colno})",
            "fix the JSON syntax",
            path=source,
            line=exc.lineno,
        ) from None
    except RecursionError:
        raise TranscriptError("JSON nested too deeply", path=source) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise TranscriptError(
            f"invalid JSON: {str(exc)[:80]}", "fix the numbers in the file", path=source
        ) from None


def _number(value: Any, key: str, index: int, source: Path | str) -> float:
    try:
        return seconds(
            value,
            f"segment {index}: {key}",
            path=source,
            fix="write times as JSON numbers of seconds, e.g. 168.5",
        )
    except InputError as error:
        raise TranscriptError.from_problems(list(error.problems)) from None


def parse_json(text: str, source: Path | str) -> Transcript:
    """A JSON transcript of either flavour, told apart by its segments' keys."""
    data = _load(text, source)
    segments = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list):
        raise TranscriptError(
            "JSON transcript has no 'segments' list",
            'expected Podcasting 2.0 or Whisper JSON: {"segments": [...]}',
            path=source,
        )
    meta = data if isinstance(data, dict) else {}
    first = next((s for s in segments if isinstance(s, dict)), {})
    flavour = "podcast-json" if "startTime" in first else "whisper-json"
    start_key, end_key, text_key = _FLAVOURS[flavour]
    raw = []
    for index, item in enumerate(segments):
        if not isinstance(item, dict):
            raise TranscriptError(
                f"segment {index} is {type(item).__name__}, not an object", path=source
            )
        if start_key not in item:
            raise TranscriptError(
                f"segment {index} has no {start_key!r}",
                f"every {flavour} segment needs {start_key!r} in seconds",
                path=source,
            )
        start = _number(item[start_key], start_key, index, source)
        end = (
            _number(item[end_key], end_key, index, source)
            if item.get(end_key) is not None
            else None
        )
        body = item.get(text_key, "")
        speaker = item.get("speaker")
        if not isinstance(body, str) or (speaker is not None and not isinstance(speaker, str)):
            raise TranscriptError(
                f"segment {index}: {text_key!r} and 'speaker' must be strings",
                path=source,
            )
        if body.strip():
            raw.append(RawSegment(start, end, body, None, speaker or None))
    language = meta.get("language")
    return assemble(
        raw,
        source=source,
        format=flavour,
        title=xml_text(meta["title"]) if isinstance(meta.get("title"), str) else None,
        language=xml_text(language) if isinstance(language, str) else None,
    )
