"""Edit lists in: how the audio changed, from the files editors and people already have.

The format is recognized from the content (see :func:`parse_edits`):

- an **Audacity label track** of the regions that were cut: ``start<TAB>end<TAB>label`` lines,
  seconds with decimals (File > Export > Labels); point labels are refused;
- a **YAML or JSON edit list**, times in the *old* audio, as seconds or ``HH:MM:SS.mmm``::

      cut: [[120.5, 151.0], [1800, 1805.25]]       # stretches removed
      insert: [[600, 30, "Ad: Acme"]]              # at, seconds, label (optional)

  or the segments that were **kept**, in order (everything between them was cut; the audio
  after the last one too, unless its end is left out): ``keep: [[0, 120.5], [151, null]]``;
- an **ffmpeg concat-demuxer list** (``ffconcat version 1.0``), the kept segments as
  ``file``/``inpoint``/``outpoint`` entries of one source file, as the edit was rendered with
  ``ffmpeg -f concat -i list.txt``.

Every problem names the file and the line.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from shownotes.chapters.timeline import Cut, Edits, EditsError, Insert, make_edits
from shownotes.errors import InputError
from shownotes.textfile import read_text
from shownotes.timecode import (
    format_exact,
    json_seconds,
    parse_time,
)
from shownotes.validate import seconds

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_AUDACITY = re.compile(rf"^\s*(?P<start>{_NUMBER})[ \t]+(?P<end>{_NUMBER})(?:\t(?P<label>.*))?$")
_FFMPEG_TIME = re.compile(r"^(?P<num>\d+(?:\.\d*)?|\.\d+)(?P<unit>s|ms|us)?$")
_FFMPEG_CLOCK = re.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{1,2}(?:\.\d*)?)$")
_UNITS = {None: 1.0, "s": 1.0, "ms": 1e-3, "us": 1e-6}

FORMATS = ("audacity", "yaml", "ffconcat")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n"), 1):
        yield number, line.rstrip("\r")


def sniff_edits(text: str) -> str:
    """``audacity``, ``ffconcat`` or ``yaml`` (which reads JSON too), from the content."""
    for _, line in _lines(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("ffconcat ") or re.match(r"^file\s", stripped):
            return "ffconcat"
        if _AUDACITY.match(line) or stripped.startswith("\\"):
            return "audacity"
        return "yaml"
    return "yaml"


def read_edits(path: Path | str) -> Edits:
    """The edit list in ``path``, in any supported format (see the module docstring)."""
    path = Path(path)
    return parse_edits(read_text(path), path)


def parse_edits(text: str, source: Path | str = "<string>") -> Edits:
    """Parse an edit list; the format is recognized from the content."""
    text = text.lstrip("\ufeff")
    kind = sniff_edits(text)
    reader = {"audacity": _audacity, "ffconcat": _ffconcat, "yaml": _yaml}[kind]
    cuts, inserts = reader(text, source)
    if not cuts and not inserts:
        raise InputError(
            "no edits in the file",
            "list at least one cut or insert (see 'shownotes retime --help')",
            path=source,
            line=1,
        )
    try:
        return make_edits(cuts, inserts, str(source))
    except EditsError as error:
        raise InputError(
            error.what, "fix or remove this edit", path=source, line=error.line
        ) from None


def _audacity(text: str, source: Path | str) -> tuple[list[Cut], list[Insert]]:
    cuts = []
    for number, line in _lines(text):
        if not line.strip() or line.lstrip().startswith(("\\", "#")):
            continue  # blank, or the frequency line of a spectral selection
        match = _AUDACITY.match(line)
        if not match:
            raise InputError(
                f"not an Audacity label line: {line.strip()[:60]!r}",
                "expected 'start<TAB>end<TAB>label' with times in seconds",
                path=source,
                line=number,
            )
        start, end = float(match["start"]), float(match["end"])
        if start < 0 or end <= start:
            raise InputError(
                f"label {start:g}-{end:g} is not a region that was cut",
                "a cut needs an end after its start; point labels mark no cut",
                path=source,
                line=number,
            )
        cuts.append(Cut(start, end, number))
    return cuts, []


def _ffmpeg_time(value: str, source: Path | str, number: int) -> float:
    value = value.strip()
    match = _FFMPEG_TIME.match(value)
    if match:
        return float(match["num"]) * _UNITS[match["unit"]]
    match = _FFMPEG_CLOCK.match(value)
    if match and float(match["s"]) < 60 and (match["h"] is None or int(match["m"]) < 60):
        return int(match["h"] or 0) * 3600 + int(match["m"]) * 60 + float(match["s"])
    raise InputError(
        f"{value!r} is not an ffmpeg time",
        "write seconds (12.5, 1500ms) or [HH:]MM:SS[.mmm]",
        path=source,
        line=number,
    )


def _ffconcat(text: str, source: Path | str) -> tuple[list[Cut], list[Insert]]:
    """Kept segments from ``file``/``inpoint``/``outpoint`` directives."""
    keeps: list[list[Any]] = []  # [inpoint, outpoint, line]
    files: set[str] = set()
    for number, line in _lines(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        directive, _, value = stripped.partition(" ")
        if directive == "ffconcat":
            continue
        if directive == "file":
            files.add(value.strip().strip("'\""))
            keeps.append([0.0, math.inf, number])
        elif directive in ("inpoint", "outpoint"):
            if not keeps:
                raise InputError(
                    f"{directive} before any 'file' line",
                    "start each entry with file",
                    path=source,
                    line=number,
                )
            keeps[-1][0 if directive == "inpoint" else 1] = _ffmpeg_time(value, source, number)
        elif directive in ("duration", "file_packet_metadata", "file_packet_meta", "option"):
            continue  # says nothing about which part of the source was kept
        elif directive == "stream" or directive.startswith(("exact_stream_id", "stream_")):
            continue
        else:
            raise InputError(
                f"unknown concat directive {directive!r}",
                "expected file, inpoint, outpoint (ffmpeg concat demuxer)",
                path=source,
                line=number,
            )
    if len(files) > 1:
        raise InputError(
            f"the list joins {len(files)} different files",
            "retime follows cuts of one recording; list segments of a single file",
            path=source,
        )
    return _keeps_to_cuts([(a, b, n) for a, b, n in keeps], source), []


def _keeps_to_cuts(keeps: list[tuple[float, float, int | None]], source: Path | str) -> list[Cut]:
    """The cuts between kept segments (and before the first, after the last)."""
    cuts = []
    position = 0.0
    for start, end, line in keeps:
        if end <= start:
            raise InputError(
                f"kept segment {format_exact(start)}-{_end_text(end)} is empty",
                "its end must come after its start",
                path=source,
                line=line,
            )
        if start < position:
            raise InputError(
                f"kept segment at {format_exact(start)} starts before the previous one ends "
                f"({_end_text(position)})",
                "list kept segments in time order, without overlaps; retime cannot follow "
                "reordered audio",
                path=source,
                line=line,
            )
        if start > position:
            cuts.append(Cut(position, start, line))
        position = end
    if math.isfinite(position):
        cuts.append(Cut(position, math.inf, keeps[-1][2] if keeps else None))
    return cuts


def _end_text(end: float) -> str:
    return "the end" if math.isinf(end) else format_exact(end)


def _node_line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _yaml(text: str, source: Path | str) -> tuple[list[Cut], list[Insert]]:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        text = text.replace("\t", " ")  # JSON allows tabs for indentation; YAML does not
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            f"not an edit list: YAML/JSON syntax error: {exc.problem or exc.context}",
            "expected 'cut: [[start, end], ...]', 'insert: [[at, seconds, label], ...]' or "
            "'keep: [[start, end], ...]', Audacity labels or an ffconcat list",
            path=source,
            line=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise InputError(
            "not an edit list",
            "expected a mapping with cut, insert or keep; Audacity labels; or an ffconcat list",
            path=source,
            line=_node_line(root) if root is not None else 1,
        )
    cuts: list[Cut] = []
    inserts: list[Insert] = []
    keeps: list[tuple[float, float, int | None]] = []
    seen: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value
        line = _node_line(key_node)
        if key not in ("cut", "insert", "keep"):
            raise InputError(
                f"unknown key {key!r}",
                "an edit list has cut, insert and keep",
                path=source,
                line=line,
            )
        if key in seen:
            raise InputError(f"duplicate key {key!r}", "keep one of them", path=source, line=line)
        seen.add(key)
        for item in _items(value_node, key, source):
            values = [_scalar(v) for v in item.value]
            where = _node_line(item)
            if key == "insert":
                if len(values) not in (2, 3):
                    raise _shape(key, "[at, seconds] or [at, seconds, label]", source, where)
                label = "" if len(values) == 2 or values[2] is None else str(values[2])
                at = _time(values[0], source, where)
                inserts.append(Insert(at, _time(values[1], source, where), label, where))
                continue
            if len(values) != 2:
                raise _shape(key, "[start, end]", source, where)
            start = _time(values[0], source, where)
            if key == "keep" and values[1] is None:
                keeps.append((start, math.inf, where))
                continue
            end = _time(values[1], source, where)
            if key == "cut":
                cuts.append(Cut(start, end, where))
            else:
                keeps.append((start, end, where))
    if keeps and cuts:
        raise InputError(
            "an edit list has either cut or keep, not both",
            "describe the same edit once",
            path=source,
            line=_node_line(root),
        )
    if keeps:
        cuts = _keeps_to_cuts(keeps, source)
    return cuts, inserts


def _items(node: yaml.Node, key: str, source: Path | str) -> list[yaml.SequenceNode]:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise _shape(key, "a list of lists", source, _node_line(node))
    for item in node.value:
        if not isinstance(item, yaml.SequenceNode) or not all(
            isinstance(v, yaml.ScalarNode) for v in item.value
        ):
            example = "[at, seconds, label]" if key == "insert" else "[start, end]"
            raise _shape(key, example, source, _node_line(item))
    return list(node.value)


def _shape(key: str, expected: str, source: Path | str, line: int) -> InputError:
    return InputError(
        f"{key}: each entry must be {expected}",
        f"e.g. {key}: [[120.5, 151]]" if key != "insert" else "e.g. insert: [[600, 30, Ad]]",
        path=source,
        line=line,
    )


def _scalar(node: yaml.ScalarNode) -> Any:
    """The value of a plain YAML scalar (numbers, null; ``1:30`` is 90 in YAML 1.1)."""
    return yaml.constructor.SafeConstructor().construct_object(node)


def _time(value: Any, source: Path | str, line: int) -> float:
    with contextlib.suppress(ValueError, OverflowError):
        return seconds(parse_time(value), f"time {value!r}", path=source, line=line, fix=_FIX)
    raise InputError(
        f"{value!r} is not a time",
        _FIX,
        path=source,
        line=line,
    )


_FIX = "write seconds (e.g. 120.5) or HH:MM:SS.mmm, 0 or more"


#: Two silence boundaries this close (seconds) are the same landmark.
_MATCH = 0.15


def _events(silences: list[tuple[float, float]]) -> list[float]:
    return [t for start, end in silences for t in (start, end)]


def suggest_edits(
    old_duration: float,
    new_duration: float,
    old_silences: list[tuple[float, float]] | None = None,
    new_silences: list[tuple[float, float]] | None = None,
) -> Edits | None:
    """A guess at the one edit that turned the old audio into the new one, for a person to
    confirm: a cut when the new audio is shorter, an insert when it is longer; None when
    they are as long. Silence boundaries (landmarks) that match from the start place it
    where they stop matching; without them it goes at the end.

    >>> suggest_edits(30, 22, [(10, 12), (20, 22)], [(10, 14)]).cuts
    (Cut(start=12.0, end=20.0, line=None),)
    >>> suggest_edits(20, 25, [(10, 12)], [(10, 11), (16, 17)]).inserts
    (Insert(at=11.0, seconds=5.0, label='inserted', line=None),)
    """
    change = round(new_duration - old_duration, 3)
    if abs(change) < 0.05:
        return None
    old, new = _events(old_silences or []), _events(new_silences or [])
    same = 0
    while same < min(len(old), len(new)) and abs(old[same] - new[same]) <= _MATCH:
        same += 1
    if change < 0:
        start = old[same] if same < len(old) else old_duration + change
        start = min(max(0.0, start), old_duration + change)
        return make_edits([Cut(start, start - change)])
    at = new[same] if same < len(new) else old_duration
    return make_edits(inserts=[Insert(min(at, old_duration), change, "inserted")])


def format_edits(edits: Edits, comments: Sequence[str] = ()) -> str:
    """An edit list as YAML that :func:`parse_edits` reads back, with ``#`` comments."""
    lines = [f"# {c}" if c else "#" for c in comments]
    if edits.cuts:
        lines.append("cut:")
        lines += [f"  - [{_seconds(c.start)}, {_seconds(c.end)}]" for c in edits.cuts]
    if edits.inserts:
        lines.append("insert:")
        lines += [
            f"  - [{_seconds(i.at)}, {_seconds(i.seconds)}, {json.dumps(i.label)}]"
            for i in edits.inserts
        ]
    return "\n".join(lines) + "\n"


def _seconds(value: float) -> str:
    return "null" if math.isinf(value) else str(json_seconds(value))
