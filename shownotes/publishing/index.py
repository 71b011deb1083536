"""The catalogue index: what a publish run needs to see that nothing changed, in one file.

``output_dir/.shownotes-index.json`` holds, per episode folder, what its last publish saw:
the size and modification time of every input (episode.yaml, transcript, sidecar, audio,
chapter images, the episode folder itself — whose time changes when a file is added, removed
or renamed — and the episode's state file), the episode as its episode.yaml loaded, its
inputs digest, the digest of its feed item and its chapter count; and for the show, the
digest of what every episode shares (shownotes version, config, templates) and of the feed
last written, with where each of its items is in it (:mod:`.feedcache`). An unchanged run
therefore reads this one file and stats each episode's files: it parses no episode.yaml,
hashes no input, reads no state file and builds no feed.

The per-episode state files (:mod:`.state`) stay the source of truth: the index is a cache
of them and of the stats, and anything it cannot vouch for takes the old path (load the
episode.yaml, hash the inputs, compare with the state file). Its stats are never trusted for
a file changed in the same clock tick as the index was written (git's "racily clean" rule),
and a run in which only the stats went stale (a fresh clone: new times, same contents) writes
nothing, so a clone with the output folder restored still skips everything and writes no file.

The file is one JSON document with each episode's entry on a line of its own (JSON escapes
every newline inside a string, so a newline only ever separates entries). A run that changed
a few entries writes the lines of the others back as it read them and serializes only the
changed ones (:meth:`CatalogIndex.save`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from shownotes import __version__
from shownotes.atomic import write_atomic
from shownotes.models import Episode, Link, Show

INDEX_FILE = ".shownotes-index.json"
_FORMAT = 1

Stat = list[int] | None


def file_stat(path: Path | str) -> Stat:
    """``[size, mtime_ns]`` of a file or folder, or None when it does not exist."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def input_stats(episode: Episode, sidecar: Path, images: tuple[str, ...] = ()) -> dict[str, Stat]:
    """The stats the index compares for an episode: every input, relative to its folder.

    Take them *before* hashing the inputs: a file changed in between then has a newer stat
    than the one recorded, so the next run hashes it again instead of trusting it."""
    folder = episode.folder
    assert folder is not None
    paths = [episode.source, episode.transcript, episode.audio, sidecar]
    paths += [folder / name for name in images]
    stats: dict[str, Stat] = {".": file_stat(folder)}
    for path in paths:
        if path is not None:
            stats[os.path.relpath(path, folder)] = file_stat(path)
    return stats


def item_digest(item_json: dict[str, Any] | None) -> str:
    """Digest of a feed item as the state file stores it ("" for none)."""
    if item_json is None:
        return ""
    text = json.dumps(item_json, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def episode_to_json(episode: Episode) -> dict[str, Any] | None:
    """The loaded episode with its paths relative to its folder; None when it cannot be
    rebuilt from that exactly (a path outside the folder, through a symlink)."""
    folder = episode.folder
    if folder is None:
        return None
    data: dict[str, Any] = {}
    for f in fields(Episode):
        value = getattr(episode, f.name)
        if f.name == "source":
            continue
        if isinstance(value, Path):
            relative = os.path.relpath(value, folder)
            if Path(os.path.normpath(folder / relative)) != value:
                return None
            value = relative
        elif isinstance(value, dt.datetime):
            value = value.isoformat()
        elif f.name == "links":
            value = [[link.title, link.url] for link in value]
        data[f.name] = value
    return data


def _inside(folder: Path, relative: str) -> Path:
    """``folder / relative``, normalized (cheaply when ``relative`` is a plain name)."""
    if "/" not in relative and relative not in (".", ".."):
        return folder / relative
    return Path(os.path.normpath(folder / relative))


def _joined(base: str, relative: str) -> str:
    """The string of :func:`_inside`'s path, for a folder whose string is ``base``."""
    if "/" not in relative and relative not in (".", ".."):
        return f"{base}/{relative}"
    return os.path.normpath(f"{base}/{relative}")


def episode_from_json(data: dict[str, Any], source: Path, folder: Path | None = None) -> Episode:
    """The episode :func:`episode_to_json` recorded, loaded from ``source`` (in ``folder``,
    its parent, when the caller has it already)."""
    folder = source.parent if folder is None else folder
    values = dict(data)
    values["audio"] = _inside(folder, values["audio"])
    values["transcript"] = _inside(folder, values["transcript"])
    values["date"] = dt.datetime.fromisoformat(values["date"])
    links = values["links"]
    values["links"] = tuple(Link(title, url) for title, url in links) if links else ()
    return Episode(**values, source=source)


def templates_key(show: Show | None) -> str:
    """Hash of the built-in templates and the show's (``pipeline.shared_digest``)."""
    from shownotes.outputs.published import BUILTIN_TEMPLATES
    from shownotes.publishing.state import templates_digest

    return templates_digest([BUILTIN_TEMPLATES, show.templates_dir if show else None])


def shared_key(show: Show, templates: str) -> str:
    """What every episode's outputs and the feed's channel share: version, config, templates."""
    digest = hashlib.sha256(f"{__version__}\n{templates}\n".encode())
    if show.source is not None and show.source.is_file():
        digest.update(show.source.read_bytes())
    return digest.hexdigest()


@dataclass
class CatalogIndex:
    """A show's index as loaded; :meth:`save` writes it back when something in it changed."""

    path: Path
    #: This run's shared key; entries recorded under another key are dropped on load.
    shared: str
    #: Per episode folder; replace one only through :meth:`record` (:meth:`save` writes the
    #: others back from the lines it read).
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    feed: dict[str, Any] = field(default_factory=dict)
    #: The index file's modification time when it was loaded: a stat at or after it is racy.
    written: int = 0
    dirty: bool = False
    #: Episode folders whose entry this run found unchanged (their state file included).
    vouched: set[str] = field(default_factory=set)
    #: Stats taken this run, by path, so no file is stat'ed twice in one run.
    _seen: dict[str, Stat] = field(default_factory=dict, repr=False)
    #: The file as loaded and its entries' names in file order: the lines of the entries
    #: not in :attr:`_changed` are written back as they were (see :meth:`save`).
    _raw: bytes = field(default=b"", repr=False)
    _loaded: list[str] = field(default_factory=list, repr=False)
    #: Entries :meth:`record` replaced since the load.
    _changed: set[str] = field(default_factory=set, repr=False)

    def _stat(self, path: str) -> Stat:
        if path not in self._seen:
            self._seen[path] = file_stat(path)
        return self._seen[path]

    def _trusted(self, entry: dict[str, Any]) -> bool:
        return bool(entry.get("newest", self.written) < self.written)

    def cached_episode(self, root: Path, name: str) -> Episode | None:
        """The episode of the folder ``name`` under ``root`` (its episode.yaml), when neither
        it nor its folder changed since the index recorded it; None means: load it. (The
        check is on strings: a Path is made only for an episode that is returned.)"""
        entry = self.entries.get(name)
        if entry is None or entry.get("episode") is None or not self._trusted(entry):
            return None
        stats, base = entry["stats"], f"{root}/{name}"
        if stats.get(".") != self._stat(base):
            return None
        if stats.get("episode.yaml") != self._stat(base + "/episode.yaml"):
            return None
        folder = root / name
        return episode_from_json(entry["episode"], folder / "episode.yaml", folder)

    def vouched_entry(self, root: str, name: str, state_file: str) -> dict[str, Any] | None:
        """The entry of the episode folder ``name`` under ``root`` when the episode can be
        skipped without being loaded: what :meth:`cached_episode` and then :meth:`unchanged`
        both accept (its folder, episode.yaml, every input and ``state_file`` have the stats
        recorded, it has a GUID and is published), taken on strings alone; else None (also
        when an input was recorded as missing: the full path decides then)."""
        entry = self.entries.get(name)
        if entry is None or not self._trusted(entry):
            return None
        episode = entry.get("episode")
        if not episode or not episode.get("guid") or episode.get("unpublished"):
            return None
        stats, base = entry["stats"], f"{root}/{name}"
        if "." not in stats or "episode.yaml" not in stats:
            return None
        stat = os.stat
        try:  # (file_stat inlined: 30,000 calls at 5,000 episodes)
            for key, recorded in stats.items():
                st = stat(base if key == "." else f"{base}/{key}")
                if recorded is None or recorded[1] != st.st_mtime_ns or recorded[0] != st.st_size:
                    return None
            st = stat(state_file)
        except OSError:  # a file recorded as missing, or gone since: the full path
            return None
        state = entry["state"]
        if state is None or state[1] != st.st_mtime_ns or state[0] != st.st_size:
            return None
        if _joined(base, entry["audio"]) != _joined(base, episode["audio"]):
            return None
        self.vouched.add(name)
        return entry

    def unchanged(self, episode: Episode, state_file: Path | str) -> dict[str, Any] | None:
        """The episode's entry when every input and its state file have the stats recorded
        (so its last publish stands), else None."""
        if episode.source is None or not episode.guid:
            return None
        base = os.path.dirname(str(episode.source))  # (strings: pathlib is slow at 5,000)
        name = os.path.basename(base)
        entry = self.entries.get(name)
        if entry is None or not self._trusted(entry):
            return None
        if entry["state"] != file_stat(state_file):
            return None
        for name, stat in entry["stats"].items():
            if self._stat(base if name == "." else f"{base}/{name}") != stat:
                return None
        if _joined(base, entry["audio"]) != str(episode.audio):
            return None
        self.vouched.add(os.path.basename(base))
        return entry

    def record(
        self,
        episode: Episode,
        state_file: Path,
        stats: dict[str, Stat],
        inputs: str,
        item_json: dict[str, Any] | None,
        chapters: int,
    ) -> None:
        """Remember an episode as just published (or checked unchanged by its contents)."""
        folder = episode.folder
        if folder is None or not stats:
            return
        state = file_stat(state_file)
        stamps = [s[1] for s in [*stats.values(), state] if s is not None]
        self.entries[folder.name] = {
            "stats": stats,
            "state": state,
            "newest": max(stamps, default=0),
            "audio": os.path.relpath(episode.audio, folder),
            "inputs": inputs,
            "item": item_digest(item_json),
            "chapters": chapters,
            "episode": episode_to_json(episode),
        }
        self._changed.add(folder.name)
        self.dirty = True

    def reset(self, shared: str) -> None:
        """Forget every entry: what they vouch for was recorded under another config."""
        self.shared, self.entries, self.feed, self.dirty = shared, {}, {}, True
        self._raw, self._loaded = b"", []

    def forget_except(self, names: set[str]) -> None:
        """Drop the entries of episode folders that are gone from the catalogue."""
        gone = set(self.entries) - names
        for name in gone:
            del self.entries[name]
        self.dirty = self.dirty or bool(gone)

    def feed_key(self, external: bool, digests: list[str]) -> str:
        """What the feed is made of: the show (config, templates, version) and its items."""
        kind = "external" if external else "feed.xml"  # never an absolute path
        text = "\n".join([self.shared, kind, *sorted(digests)])
        return hashlib.sha256(text.encode()).hexdigest()

    def feed_unchanged(self, target: Path, key: str) -> bool:
        """Whether ``target`` is the feed last written for ``key`` (by stat, else content)."""
        if not key or self.feed.get("key") != key:
            return False
        return self.feed_as_recorded(target)

    def feed_as_recorded(self, target: Path, data: bytes | None = None) -> bool:
        """Whether ``target`` (whose bytes are ``data`` when given) is the feed last
        recorded: by its stat when that is not racy, else by its content's digest."""
        stat = file_stat(target)
        if stat is None:
            return False
        if stat == self.feed.get("stat") and stat[1] < self.written:
            return True
        data = target.read_bytes() if data is None else data
        return hashlib.sha256(data).hexdigest() == self.feed.get("digest")

    def record_feed(
        self,
        target: Path,
        key: str,
        data: bytes,
        unmatched: tuple[str, ...] = (),
        items: dict[str, Any] | None = None,
    ) -> None:
        """Remember the feed just written (or found unchanged) for ``key``; with ``items``,
        where its items are in it (see :mod:`.feedcache`)."""
        new = {
            "key": key,
            "stat": file_stat(target),
            "digest": hashlib.sha256(data).hexdigest(),
            "unmatched": list(unmatched),
        }
        if items is not None:
            new["items"] = items
        if new != self.feed:
            self.feed = new
            self.dirty = True

    def save(self) -> None:
        """Write the index (atomically) when it changed: every entry on a line of its own,
        the lines of the entries unchanged since the load as they were read."""
        if not self.dirty or not self.path.parent.is_dir():
            return
        head = {"format": _FORMAT, "version": __version__, "shared": self.shared, "feed": self.feed}
        kept = self._kept_lines()
        lines = []
        for name, entry in self.entries.items():
            line = None if name in self._changed else kept.get(name)
            lines.append(line if line is not None else _entry_line(name, entry))
        data = b"".join([_dumps(head)[:-1], _EPISODES, b",\n".join(lines), _END])
        write_atomic(self.path, data)
        self._raw, self._loaded, self._changed = data, list(self.entries), set()
        self.dirty = False

    def _kept_lines(self) -> dict[str, bytes]:
        """The loaded file's entry lines by name; none when it is not laid out as
        :meth:`save` writes (an index of an earlier version: every entry is serialized)."""
        raw = self._raw
        first = raw.find(b"\n")
        if first < 0 or not raw.endswith(_END) or raw[: first + 1][-len(_EPISODES) :] != _EPISODES:
            return {}
        body = raw[first + 1 : -len(_END)]
        lines = body.split(b",\n") if body else []
        if len(lines) != len(self._loaded):
            return {}
        return dict(zip(self._loaded, lines, strict=True))


#: Between the index's head and its entries, and after them: the only newlines in the file.
_EPISODES = b',"episodes":{\n'
_END = b"\n}}\n"


def _dumps(value: Any) -> bytes:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, check_circular=False)
    return text.encode()


def _entry_line(name: str, entry: dict[str, Any]) -> bytes:
    """An entry as the index file holds it: ``"name":{...}`` (no newline: JSON escapes it)."""
    return _dumps(name) + b":" + _dumps(entry)


def load_index(show: Show, templates: str) -> CatalogIndex:
    """The show's index; an empty one (to be filled by this run) when there is none yet or
    it was made by another version, under another config or other templates."""
    path = show.output_dir / INDEX_FILE
    shared = shared_key(show, templates)
    index = CatalogIndex(path, shared)
    try:
        written = path.stat().st_mtime_ns
        raw = path.read_bytes()
        data = json.loads(raw)
    except (OSError, ValueError):
        index.dirty = True
        return index
    if (
        not isinstance(data, dict)
        or data.get("format") != _FORMAT
        or data.get("version") != __version__
        or data.get("shared") != shared
    ):
        index.dirty = True
        return index
    index.entries = data.get("episodes") or {}
    index.feed = data.get("feed") or {}
    index.written = written
    index._raw, index._loaded = raw, list(index.entries)
    return index
