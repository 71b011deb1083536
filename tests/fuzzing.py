"""Hostile-input generation and one-input runs, shared by tests/test_fuzz.py and
benchmarks/fuzz_campaign.py.

Every input kind starts from valid seed files and is mutated two ways: structurally (a value
of a JSON or YAML document replaced by a hostile one: huge or non-finite numbers, surrogates,
non-characters, control characters, impossible dates, paths leaving the show, deep nesting)
and as bytes (flips, cuts, duplications, hostile tokens spliced in). A run passes when the
code under test returns or raises a :class:`~shownotes.errors.ShownotesError` and never
anything else, and when the command line shows no traceback and no internal error.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import shutil
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shownotes.audio.silence import silent_mp3
from shownotes.errors import InternalError, ShownotesError, ShownotesWarning

#: Reader formats and the config file kinds the campaign covers.
READER_KINDS = ("seed", "text", "srt", "vtt", "json")
CONFIG_KINDS = ("config", "episode", "sidecar", "chapters")
KINDS = READER_KINDS + CONFIG_KINDS

_SEEDS: dict[str, list[str]] = {
    "seed": [
        "A title\nShow notes\nSome notes.\nShow transcript\n00:00:00: Hello there.\n"
        "00:00:05: Next line.\n00:01:10: Third line about news.\n",
    ],
    "text": [
        "[00:00] Ann: Welcome to the show.\n[00:12] Bob: Thanks, Ann.\n[01:30] Ann: First story.\n",
        "00:00:01 Hello\n00:00:04.500 World\n01:02:03 Late line\n",
    ],
    "srt": [
        "1\n00:00:01,000 --> 00:00:03,500\nAnn: Hello <i>there</i>.\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\nBob: Hi Ann,\nhow are you?\n\n"
        "3\n00:00:06,000 --> 00:00:08,000\nFine &amp; you?\n",
    ],
    "vtt": [
        "WEBVTT\n\nNOTE a comment\n\nintro\n00:01.000 --> 00:04.000 align:start\n"
        "<v Ann>Welcome to <i>the</i> show &amp; more</v>\n\n"
        "00:04.000 --> 00:09.000\n<v Bob>Thanks.</v>\n",
    ],
    "json": [
        json.dumps(
            {
                "version": "1.0.0",
                "segments": [
                    {"speaker": "Ann", "startTime": 0.5, "endTime": 2.0, "body": "Hello"},
                    {"speaker": "Bob", "startTime": 2.0, "endTime": 4.25, "body": "Hi Ann"},
                    {"startTime": 4.25, "body": "No end"},
                ],
            }
        ),
        json.dumps(
            {
                "language": "en",
                "segments": [
                    {"id": 0, "start": 0.0, "end": 2.4, "text": " Hello there."},
                    {"id": 1, "start": 2.4, "end": 5.0, "text": " General remarks."},
                ],
            }
        ),
    ],
    "config": [
        "title: Fuzz Show\ndescription: A show\nlink: https://example.com/\nauthor: A\n"
        "owner:\n  name: A\n  email: a@example.com\nlanguage: en\ncategories:\n"
        "  - Technology\nexplicit: false\nbase_url: https://example.com/episodes/\n"
        "feed_url: https://example.com/feed.xml\nepisodes_dir: episodes\noutput_dir: public\n"
        "funding:\n  - url: https://example.com/support\n    title: Support\n"
        "detection:\n  gap_seconds: 8\n  min_chapter_seconds: 30\n  max_chapters: 30\n"
        "  chapter_count: 5\n",
    ],
    "episode": [
        "title: Episode one\nnumber: 1\nseason: 1\ndate: 2026-06-07T06:00:00Z\nguid: ep-1\n"
        "audio: episode.mp3\ntranscript: transcript.txt\ndescription: About things.\n"
        "image: https://example.com/art.jpg\nchapter_count: 4\nlinks:\n  - title: A link\n"
        "    url: https://example.com/a\n",
    ],
    "sidecar": [
        "chapters:\n- start: '00:00:00'\n  title: Intro\n- start: '00:00:40'\n  title: Story\n"
        "  url: https://example.com/story\n- start: 70\n  title: Marker\n  toc: false\n",
    ],
    "chapters": [
        json.dumps(
            {
                "version": "1.2.0",
                "chapters": [
                    {"startTime": 0, "title": "Intro"},
                    {"startTime": 40.5, "endTime": 70, "title": "Story", "url": "https://e.com"},
                    {"startTime": 70, "title": "Marker", "toc": False},
                ],
            }
        ),
    ],
}

#: Values that broke 0.1 or could: numbers out of range, text XML cannot carry, bad dates,
#: paths that leave the show, URLs with hidden schemes, wrong types.
HOSTILE_VALUES: list[Any] = [
    -1,
    -5,
    0,
    10**400,
    1e306,
    1e308,
    float("inf"),
    float("-inf"),
    float("nan"),
    "inf",
    "-5",
    "nan",
    "1e400",
    "",
    " ",
    "\ud800",
    "a\udfffb",
    "\ufffe",
    "\uffff",
    "\x00",
    "bad\x00title",
    "\x01\x1b[31m",
    "<script>alert(1)</script>",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "JaVaScRiPt:alert(1)",
    " java\tscript:alert(1)",
    "data:text/html,<b>x</b>",
    "../../../elsewhere/x.mp3",
    "/etc/passwd",
    "../../private.png",
    "/dev/zero",
    "2026-02-30",
    "2026-13-01",
    "2026-06-07T25:00:00",
    "99:99:99",
    "1000:00:00",
    "00:00:00 --> 00:00:01",
    "-->",
    "]]>",
    "x" * 5000,
    True,
    None,
    [],
    {},
    [[[[[[]]]]]],
    {"a": {"b": [1, 2]}},
]

#: Raw text spliced into files (things a serializer would not produce).
HOSTILE_TOKENS: list[str] = [
    "1" + "0" * 5000,
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "-Infinity",
    '"\\ud800"',
    '"\\udfff"',
    "[" * 3000 + "]" * 3000,
    "{" * 2000,
    "\x00",
    "\ufffe",
    "\uffff",
    "\r",
    "\u2028",
    "-->",
    " --> ",
    "00:00:00,000 --> 00:00:01,000\n",
    "1000:00:00.000",
    "9999:59:59",
    "\n\n",
    ": ",
    "- ",
    "&a ",
    "*a ",
    "!!python/object:os.system ",
    "!!binary ",
    "<<: *a",
    "? ",
    "%YAML 1.1\n",
    "---\n",
    "'",
    '"',
    "\t",
    "2026-02-30",
    "T25:00:00",
    "nan",
    ".inf",
    "-.inf",
    "''",
    "<!DOCTYPE a [",
    "&#106;avascript:",
    "../",
]


def _replace_random_value(data: Any, rng: random.Random, depth: int = 0) -> Any:
    """A copy of ``data`` with one randomly chosen value replaced by a hostile one."""
    if isinstance(data, dict) and data and depth < 8:
        key = rng.choice(list(data))
        copy = dict(data)
        if rng.random() < 0.25:
            copy[key] = rng.choice(HOSTILE_VALUES)
        elif rng.random() < 0.1:
            strings = [v for v in HOSTILE_VALUES if isinstance(v, str)]
            copy[rng.choice(strings) if rng.random() < 0.2 else key + "x"] = 1
        else:
            copy[key] = _replace_random_value(data[key], rng, depth + 1)
        return copy
    if isinstance(data, list) and data and depth < 8:
        index = rng.randrange(len(data))
        copy = list(data)
        roll = rng.random()
        if roll < 0.1:
            copy.insert(index, copy[index])
        elif roll < 0.2:
            del copy[index]
        elif roll < 0.3:
            copy.reverse()
        else:
            copy[index] = _replace_random_value(data[index], rng, depth + 1)
        return copy
    return rng.choice(HOSTILE_VALUES)


def _yaml_scalar(value: Any, rng: random.Random) -> str:
    """A hostile value as YAML source text (sometimes quoted, sometimes bare)."""
    if isinstance(value, str):
        if rng.random() < 0.5 and all(ch.isprintable() for ch in value):
            return value
        return json.dumps(value, ensure_ascii=rng.random() < 0.5)
    if isinstance(value, float) and value != value:
        return ".nan"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    return json.dumps(value)


def _mutate_yaml(text: str, rng: random.Random) -> str:
    """Replace the value of one ``key: value`` line with a hostile one."""
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if ":" in line]
    if not candidates:
        return text
    for _ in range(rng.randint(1, 2)):
        i = rng.choice(candidates)
        key, _, _ = lines[i].partition(":")
        lines[i] = f"{key}: {_yaml_scalar(rng.choice(HOSTILE_VALUES), rng)}"
    return "\n".join(lines)


def _mutate_text_lines(text: str, rng: random.Random) -> str:
    """Line-level edits of a transcript: swap, duplicate, drop, hostile lines or stamps."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        roll = rng.random()
        if roll < 0.3:
            lines.insert(i, rng.choice(HOSTILE_TOKENS) + rng.choice(["", " text", lines[i]]))
        elif roll < 0.5:
            lines[i] = lines[i].replace("00", rng.choice(["99", "1000", "-1", "", "60", "0000"]), 1)
        elif roll < 0.6 and len(lines) > 1:
            del lines[i]
        elif roll < 0.7:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(i, lines[i])
    return "\n".join(lines)


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Byte edits: flips, cuts, duplications, random bytes, hostile tokens, encodings."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buf:
            buf += b"x"
        i = rng.randrange(len(buf))
        roll = rng.random()
        if roll < 0.2:
            buf[i] = rng.randrange(256)
        elif roll < 0.35:
            del buf[i : i + rng.randint(1, 40)]
        elif roll < 0.5:
            j = rng.randint(i, min(len(buf), i + 60))
            buf[i:i] = buf[i:j]
        elif roll < 0.6:
            buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif roll < 0.9:
            token = rng.choice(HOSTILE_TOKENS)
            buf[i:i] = token.encode("utf-8", "surrogatepass")
        else:
            del buf[i:]
    if rng.random() < 0.03:
        encoding = rng.choice(["utf-16", "utf-16-le", "latin-1"])
        buf = bytearray(bytes(buf).decode("utf-8", "replace").encode(encoding, "replace"))
    return bytes(buf)


def mutate(kind: str, rng: random.Random) -> bytes:
    """One hostile input of ``kind``, from a seed, structurally and/or byte-mutated."""
    text = rng.choice(_SEEDS[kind])
    roll = rng.random()
    if kind in ("json", "chapters") and roll < 0.6:
        data = json.loads(text)
        for _ in range(rng.randint(1, 3)):
            data = _replace_random_value(data, rng)
        text = json.dumps(data, ensure_ascii=rng.random() < 0.5)
        if rng.random() < 0.3:
            return _mutate_bytes(text.encode("utf-8", "surrogatepass"), rng)
        return text.encode("utf-8", "surrogatepass")
    if kind in CONFIG_KINDS and kind != "chapters" and roll < 0.6:
        text = _mutate_yaml(text, rng)
        if rng.random() < 0.2:
            return _mutate_bytes(text.encode("utf-8", "surrogatepass"), rng)
        return text.encode("utf-8", "surrogatepass")
    if kind in READER_KINDS and roll < 0.5:
        text = _mutate_text_lines(text, rng)
        if rng.random() < 0.3:
            return _mutate_bytes(text.encode("utf-8", "surrogatepass"), rng)
        return text.encode("utf-8", "surrogatepass")
    return _mutate_bytes(text.encode("utf-8"), rng)


@dataclass
class Failure:
    """One input that made shownotes fail other than with its own error."""

    kind: str
    data: bytes
    how: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.data[:200]!r}\n{self.how}"


_SUFFIX = {"seed": ".txt", "text": ".txt", "srt": ".srt", "vtt": ".vtt", "json": ".json"}


class Workbench:
    """A scratch show (config, one episode with a short silent MP3) that inputs are run in."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.show = root / "show"
        self.episode = self.show / "episodes" / "ep1"
        self.mp3 = silent_mp3(90.0)
        self.reset()

    def reset(self) -> None:
        shutil.rmtree(self.show, ignore_errors=True)
        self.episode.mkdir(parents=True)
        (self.show / "config.yaml").write_text(_SEEDS["config"][0], encoding="utf-8")
        (self.episode / "episode.yaml").write_text(_SEEDS["episode"][0], encoding="utf-8")
        (self.episode / "transcript.txt").write_text(_SEEDS["text"][1], encoding="utf-8")
        (self.episode / "episode.mp3").write_bytes(self.mp3)

    def cli(self, *argv: str) -> str | None:
        """Run the command line in-process; what went wrong when it broke, else None."""
        from shownotes.cli import INTERNAL_ERROR_EXIT, main

        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(list(argv))
        except BaseException:
            return traceback.format_exc()
        text = err.getvalue()
        if code == INTERNAL_ERROR_EXIT or "Traceback" in text or "please report" in text:
            logs = re.findall(r"the traceback is in (\S+\.log)", text)
            details = "".join(Path(log).read_text("utf-8") for log in logs if Path(log).is_file())
            return f"exit {code}: {text[-3000:]}\n{details}"
        return None

    def run(self, kind: str, data: bytes) -> str | None:
        """Feed ``data`` as ``kind`` through the API and the command line."""
        try:
            return self._run(kind, data)
        finally:
            if kind in CONFIG_KINDS:
                self.reset()

    def _run(self, kind: str, data: bytes) -> str | None:
        if kind in READER_KINDS:
            path = self.root / f"input{_SUFFIX[kind]}"
            path.write_bytes(data)
            problem = api_call(lambda: _read_and_write(path, kind))
            return problem or self.cli("transcript", str(path), "-f", "srt")
        if kind == "config":
            (self.show / "config.yaml").write_bytes(data)
            return self.cli("publish", "--all", "--config", str(self.show / "config.yaml"))
        if kind == "episode":
            (self.episode / "episode.yaml").write_bytes(data)
            return self.cli("publish", "--all", "--config", str(self.show / "config.yaml"))
        if kind == "sidecar":
            (self.episode / "episode.chapters.yaml").write_bytes(data)
            config = str(self.show / "config.yaml")
            return self.cli("publish", "--all", "--config", config) or self.cli(
                "check", "--all", "--config", config
            )
        if kind == "chapters":
            path = self.root / "chapters.json"
            path.write_bytes(data)
            return self.cli("tag", str(self.episode / "episode.mp3"), "--chapters", str(path))
        raise ValueError(kind)


def api_call(call: Callable[[], object]) -> str | None:
    """None when ``call`` returns or raises a ShownotesError (not an internal one); a
    ShownotesWarning (say, a stamp clamped) is the tool working as it should."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ShownotesWarning)
            call()
    except InternalError:
        return traceback.format_exc()
    except ShownotesError:
        return None
    except Exception:
        return traceback.format_exc()
    return None


def _read_and_write(path: Path, kind: str) -> None:
    """Read a transcript with its reader forced and sniffed, then write and re-read it."""
    from shownotes.transcripts import parse_transcript, read_transcript
    from shownotes.transcripts.writers import to_json, to_srt, to_text, to_vtt

    forced = read_transcript(path, format=kind)
    sniffed = read_transcript(path)
    for transcript in (forced, sniffed):
        for writer, fmt in ((to_srt, "srt"), (to_vtt, "vtt"), (to_json, "json"), (to_text, "text")):
            again = parse_transcript(writer(transcript), f"again.{fmt}", fmt)
            if len(again.segments) != len(transcript.segments):
                raise AssertionError(f"{fmt} round trip changed the number of segments")
            if fmt == "json" and _key(again) != _key(transcript):
                raise AssertionError("json round trip changed the segments")


def _key(transcript: Any) -> list[tuple[float, float, str, str | None]]:
    return [(round(s.start, 3), round(s.end, 3), s.text, s.speaker) for s in transcript.segments]


def campaign(
    kinds: tuple[str, ...], count: int, seed: int, root: Path
) -> tuple[dict[str, int], list[Failure]]:
    """Run ``count`` inputs of each kind; (inputs run per kind, failures)."""
    bench = Workbench(root)
    counts: dict[str, int] = {}
    failures: list[Failure] = []
    for kind in kinds:
        rng = random.Random(f"{seed}-{kind}")
        for _ in range(count):
            data = mutate(kind, rng)
            how = bench.run(kind, data)
            if how is not None:
                failures.append(Failure(kind, data, how))
        counts[kind] = count
    return counts, failures
