"""Load the show config and episode.yaml files into the typed model.

YAML is read with the safe loader; every key is checked against the dataclass it fills, and
all problems in a file are reported at once as ``FILE:LINE: key: expected X, got Y``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import math
import os
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

from shownotes.errors import ConfigError, Problem
from shownotes.models import Detection, Episode, Show
from shownotes.textfile import read_text
from shownotes.validate import xml_text

T = TypeVar("T")


class _Map(dict[str, Any]):
    """A YAML mapping that remembers the line of each key and of itself."""

    line: int = 0
    key_lines: dict[str, int]


#: libyaml's safe loader when PyYAML was built with it (several times faster), else pure Python.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """Safe loader whose mappings are :class:`_Map` and whose duplicate keys are errors."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line, result.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A YAML date or datetime; one that does not exist (2026-02-30, T25:00) is an error
    at its line, not a ValueError from deep inside the loader."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a date that exists", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(path: Path) -> _Map:
    """A YAML file that must hold a mapping; syntax errors name the line."""
    text = read_text(path)
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if isinstance(exc, yaml.constructor.ConstructorError) and "duplicate" in str(exc.problem):
            what, fix = str(exc.problem), "keep one of them"
        elif isinstance(exc, yaml.constructor.ConstructorError) and "date" in str(exc.problem):
            what, fix = str(exc.problem), "write a real date like 2026-06-07, or quote it as text"
        else:
            what = f"YAML syntax error: {exc.problem or exc.context}"
            if exc.context and exc.context_mark and exc.problem:
                what += f", {exc.context} on line {exc.context_mark.line + 1}"
            fix = "check indentation, colons, brackets and quotes here or on the line above"
            if "mapping values are not allowed" in str(exc.problem):
                fix = "a value with ': ' in it needs quotes, e.g. title: \"Part 1: the start\""
        raise ConfigError(what, fix, path=path, line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"YAML error: {exc}", path=path) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # a constructor that fails outside PyYAML's own checks (e.g. !!binary, !!float)
        raise ConfigError(
            f"YAML value cannot be read: {type(exc).__name__}: {str(exc)[:100]}",
            "remove YAML tags (!!...) and check the values",
            path=path,
        ) from None
    if data is None:
        data = _Map()
        data.line, data.key_lines = 1, {}
    if not isinstance(data, _Map):
        raise ConfigError(
            f"expected a mapping of keys, got {_describe(data)}",
            "write 'key: value' lines",
            path=path,
            line=1,
        )
    return data


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**60:
        return "a number with more than 60 digits"
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return " or ".join(repr(a) for a in typing.get_args(tp))
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_type_name(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is tuple:
        return f"a list of {_type_name(typing.get_args(tp)[0])}"
    if dataclasses.is_dataclass(tp):
        return f"a mapping ({tp.__name__})"
    names = {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        Path: "a path",
        dt.datetime: "a date like 2026-06-07 or 2026-06-07T09:00:00Z",
    }
    return names.get(tp, getattr(tp, "__name__", str(tp)))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


class _Builder:
    """Converts YAML values into the model's types, collecting problems instead of stopping."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, key: str, line: int | None, what: str, fix: str = "") -> None:
        self.problems.append(Problem(f"{key}: {what}" if key else what, fix, self.path, line))

    def build(
        self,
        cls: type[T],
        data: Any,
        key: str,
        line: int | None,
        extra: dict[str, Any] | None = None,
    ) -> T | None:
        if not isinstance(data, _Map):
            self.fail(key, line, f"expected {_type_name(cls)}, got {_describe(data)}")
            return None
        problems_before = len(self.problems)
        hints = _hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls) if f.init}  # type: ignore[arg-type]
        internal = {"source"}
        values: dict[str, Any] = dict(extra or {})
        for name, value in data.items():
            where = f"{key}.{name}" if key else str(name)
            at = data.key_lines.get(str(name), data.line)
            if name not in fields or name in internal:
                import difflib  # only for a mistake: a good config loads without it

                close = difflib.get_close_matches(
                    str(name), [f for f in fields if f not in internal], 1
                )
                self.fail(
                    where,
                    at,
                    "unknown key",
                    f"did you mean {close[0]!r}?"
                    if close
                    else f"known keys: {', '.join(f for f in fields if f not in internal)}",
                )
                continue
            converted = self.convert(hints[name], value, where, at)
            required = fields[name].default is dataclasses.MISSING
            if isinstance(converted, str) and required and not converted.strip():
                self.fail(where, at, "must not be empty", f"write the {name}")
                continue
            if converted is not _INVALID:
                values[name] = converted
        for name, f in fields.items():
            missing = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            where = f"{key}.{name}" if key else name
            told = any(p.what.startswith(f"{where}:") for p in self.problems)
            if missing and name not in values and name not in data and not told:
                self.fail(where, data.line, "missing required key", f"add '{name}: ...'")
        required = [
            n
            for n, f in fields.items()
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        if len(self.problems) > problems_before or any(n not in values for n in required):
            return None
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:
            # a check of one value ("chapter_count must be ...") points at that key's line
            name = str(exc).split(" ", 1)[0]
            self.fail(key, data.key_lines.get(name, data.line), str(exc))
            return None

    def convert(self, tp: Any, value: Any, key: str, line: int | None) -> Any:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        expected = f"expected {_type_name(tp)}, got {_describe(value)}"
        if origin in (types.UnionType, typing.Union):
            if value is None and type(None) in args:
                return None
            (inner,) = [a for a in args if a is not type(None)]
            return self.convert(inner, value, key, line)
        if origin is Literal:
            if value in args:
                return value
        elif origin is tuple:
            if isinstance(value, list):
                items = [
                    self.convert(args[0], v, f"{key}[{i}]", _line(v, line))
                    for i, v in enumerate(value)
                ]
                return _INVALID if _INVALID in items else tuple(items)
        elif dataclasses.is_dataclass(tp):
            built = self.build(tp, value, key, _line(value, line))  # type: ignore[arg-type]
            return _INVALID if built is None else built
        elif tp is bool:
            if isinstance(value, bool):
                return value
        elif tp is int:
            if isinstance(value, int) and not isinstance(value, bool):
                if abs(value) < _MAX_INT:
                    return value
                expected = f"expected a whole number below {_MAX_INT:,}, got {_describe(value)}"
        elif tp is float:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                if (isinstance(value, float) and math.isfinite(value)) or (
                    isinstance(value, int) and abs(value) < _MAX_INT
                ):
                    return float(value)
                expected = f"expected a finite number, got {_describe(value)}"
        elif tp is str:
            if isinstance(value, str):
                return xml_text(value)
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if number and (not isinstance(value, int) or abs(value) < _MAX_INT):
                return xml_text(str(value))
        elif tp is Path:
            if isinstance(value, str) and value.strip():
                if xml_text(value) != value:
                    expected = "a path with control characters; remove them"
                else:
                    try:  # refuse here what every later os call would fail on
                        path = (self.path.parent / value).resolve()
                        path.exists()
                        return path
                    except (OSError, RuntimeError) as exc:  # too long, a symlink loop
                        why = getattr(exc, "strerror", None) or str(exc)
                        expected = f"expected a usable path, got one that fails: {why}"
        elif tp is dt.datetime:
            moment = _datetime(value)
            if moment is not None:
                return moment
        self.fail(key, line, expected)
        return _INVALID


_INVALID = object()
#: Whole numbers in a config stay below this (episode numbers, counts): no 400-digit numbers.
_MAX_INT = 2**53


def _line(value: Any, default: int | None) -> int | None:
    return value.line if isinstance(value, _Map) else default


def _datetime(value: Any) -> dt.datetime | None:
    """A timezone-aware datetime from a YAML date, datetime or ISO string (UTC if unzoned)."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return None


def _raise(builder: _Builder) -> None:
    if builder.problems:
        raise ConfigError.from_problems(builder.problems)


def load_show(path: Path | str, *, rules_file: Path | str | None = None) -> Show:
    """Load a show config (see config.example.yaml); ``rules_file`` replaces the config's
    ``detection.rules_file``."""
    path = Path(path).resolve()
    data = load_yaml(path)
    builder = _Builder(path)
    show = builder.build(Show, data, "", data.line, {"source": path})
    for key in ("episodes_dir", "output_dir", "templates_dir"):
        # a folder that is a file (or a device) would only fail deep inside a publish
        folder = getattr(show, key, None)
        if folder is not None and os.path.exists(folder) and not os.path.isdir(folder):
            line = data.key_lines.get(key, data.line)
            builder.fail(key, line, f"{folder} is not a folder", f"point {key} at a folder")
    _raise(builder)
    assert show is not None
    detection = show.detection
    if rules_file is not None:
        detection = dataclasses.replace(detection, rules_file=Path(rules_file).resolve())
    if detection.rules_file is not None:
        show = dataclasses.replace(show, detection=with_rules_file(detection, detection.rules_file))
    return show


# -- rules files (``detection.rules_file``, ``shownotes learn``) ------------------------------


def load_rules_file(path: Path | str) -> Detection:
    """The detection keys in a rules file: the same keys as ``detection:`` in a show config."""
    path = Path(path).resolve()
    data = load_yaml(path)
    builder = _Builder(path)
    if "rules_file" in data:
        builder.fail(
            "rules_file",
            data.key_lines.get("rules_file"),
            "a rules file cannot name another rules file",
            "remove this key",
        )
    detection = builder.build(Detection, data, "", data.line)
    _raise(builder)
    assert detection is not None
    return detection


def with_rules_file(detection: Detection, path: Path | str) -> Detection:
    """``detection`` with the rules file at ``path`` added: the file's rules are tried after
    ``detection``'s own (and before the built-in ones); each other key of the file applies
    where ``detection`` keeps the default, so the show config has the last word."""
    learned = load_rules_file(path)
    default = Detection()
    values = {}
    for f in dataclasses.fields(Detection):
        mine = getattr(detection, f.name)
        values[f.name] = getattr(learned, f.name) if mine == getattr(default, f.name) else mine
    values["rules"] = (*detection.rules, *learned.rules)
    values["rules_file"] = Path(path).resolve()
    return Detection(**values)


#: Files an episode folder may hold its audio and transcript in, when episode.yaml names none.
AUDIO_SUFFIXES = (".mp3", ".m4a", ".mp4", ".ogg", ".opus")
TRANSCRIPT_NAMES = ("transcript.*",)


def _discover(folder: Path, suffixes: tuple[str, ...] | None, pattern: str | None) -> str | None:
    found = sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file()
        and ((suffixes and p.suffix.lower() in suffixes) or (pattern and p.match(pattern)))
    )
    return found[0] if len(found) == 1 else None


def load_episode(path: Path | str) -> Episode:
    """Load an episode.yaml (or the episode.yaml inside a folder)."""
    path = Path(path)
    if path.is_dir():
        path = path / "episode.yaml"
    path = path.resolve()
    data = load_yaml(path)
    builder = _Builder(path)
    folder = path.parent
    for key, suffixes, pattern, what in (
        ("audio", AUDIO_SUFFIXES, None, "audio file (e.g. episode.mp3)"),
        ("transcript", None, "transcript.*", "transcript file (e.g. transcript.srt)"),
    ):
        if key not in data:
            found = _discover(folder, suffixes, pattern)
            if found is None:
                builder.fail(
                    key,
                    data.line,
                    "missing, and the folder has not exactly one " + what,
                    f"add '{key}: FILE'",
                )
            else:
                data[key] = found
    episode = builder.build(Episode, data, "", data.line, {"source": path})
    _raise(builder)
    assert episode is not None
    return episode


def key_line(path: Path, key: str) -> int | None:
    """The line of a top-level ``key`` in the YAML file at ``path`` (None if absent/unreadable)."""
    try:
        return load_yaml(path).key_lines.get(key)
    except ConfigError:
        return None


def record_value(path: Path, key: str, value: str, note: str) -> None:
    """Add ``key: value  # note`` to the end of the YAML mapping at ``path``, keeping every
    other byte of the file (comments, order, quoting) as it was.

    For values shownotes fixes once and must never derive again (an episode's GUID, the show's
    podcast:guid). The new text is parsed before it is written (atomically); a file whose
    layout would not take an appended key (a flow mapping, say) is left alone and the error
    asks the person to add the line.
    """
    from shownotes.atomic import write_atomic

    old = load_yaml(path)
    text = read_text(path)
    line = f"{key}: {json.dumps(value, ensure_ascii=False)}  # {note}\n"
    if key in old and old[key] is None:  # ``key: null`` (as in config.example.yaml): fill it in
        lines = text.splitlines(keepends=True)
        number = old.key_lines[key] - 1
        if re.fullmatch(rf"{re.escape(key)}:\s*(null|~)?\s*(#.*)?\n?", lines[number]):
            lines[number] = line
        new = "".join(lines)
    else:
        new = text + ("" if not text or text.endswith("\n") else "\n") + line
    try:
        data = yaml.load(new, Loader=_Loader)
    except yaml.YAMLError:
        data = None
    others = {k: v for k, v in old.items() if k != key}
    if (
        not isinstance(data, dict)
        or data.get(key) != value
        or {k: v for k, v in data.items() if k != key} != others
    ):
        raise ConfigError(
            f"cannot add '{key}' to this file by itself",
            f"add this line to it by hand: {line.strip()}",
            path=path,
        )
    write_atomic(path, new)
