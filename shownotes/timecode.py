"""Timestamps: parse ``HH:MM:SS(.mmm)`` and friends into float seconds, and format them back.

>>> parse_timestamp("01:02:03.5")
3723.5
>>> parse_timestamp("12:09")
729.0
>>> parse_timestamp("00:00:01,250")
1.25
>>> format_timestamp(3723.5)
'01:02:03'
>>> format_timestamp(3723.5, millis=True)
'01:02:03.500'
>>> format_short(65)
'1:05'
>>> format_short(3725)
'1:02:05'
"""

from __future__ import annotations

import math
import re

#: A stamp: optional hours, minutes, seconds, optional fraction after ``.`` or ``,``.
STAMP = r"(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,3}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?"
_STAMP_RE = re.compile(rf"^{STAMP}$")


class TimestampError(ValueError):
    """A stamp that is not a time of day within an episode (``00:61:00``)."""


def seconds_from_parts(h: str | None, m: str, s: str, f: str | None = None) -> float:
    """Seconds from the parts of a stamp; minutes (with hours) and seconds must be below 60.

    >>> seconds_from_parts(None, "75", "30")
    4530.0
    >>> seconds_from_parts("0", "61", "00")
    Traceback (most recent call last):
    ...
    shownotes.timecode.TimestampError: minute 61 is out of range
    """
    minutes, secs = int(m), int(s)
    if secs >= 60:
        raise TimestampError(f"second {secs} is out of range")
    if h is not None and minutes >= 60:
        raise TimestampError(f"minute {minutes} is out of range")
    fraction = int(f) / 10 ** len(f) if f else 0.0
    return round((int(h) if h else 0) * 3600 + minutes * 60 + secs + fraction, 3)


def parse_timestamp(text: str) -> float:
    """Seconds from ``[H]H:MM:SS[.mmm]`` or ``M:SS``; ``,`` works as the decimal mark too."""
    match = _STAMP_RE.match(text.strip())
    if not match:
        raise TimestampError(f"{text!r} is not a timestamp like 01:02:03 or 12:09")
    return seconds_from_parts(*match.group("h", "m", "s", "f"))


def parse_time(value: object) -> float:
    """A time as people write it in YAML or JSON: a number of seconds, or text holding one
    (``"93.5"``) or a stamp (``"00:01:33.5"``). Raises ValueError (TimestampError for text).
    Range checks (finite, not negative) are the caller's.

    >>> parse_time(93.5), parse_time("93.5"), parse_time("1:33.5")
    (93.5, 93.5, 93.5)
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a time")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        if ":" in value:
            return parse_timestamp(value)
        try:
            return float(value)
        except ValueError:
            raise TimestampError(f"{value!r} is not a number of seconds") from None
    raise ValueError(f"{value!r} is not a time")


def _split(seconds: float, millis: bool) -> tuple[int, int, int, int]:
    if seconds < 0 or not math.isfinite(seconds):
        raise ValueError(f"cannot format {seconds!r} as a timestamp")
    total_ms = round(seconds * 1000) if millis else math.floor(seconds) * 1000
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return hours, minutes, secs, ms


def format_timestamp(seconds: float, *, millis: bool = False, sep: str = ".") -> str:
    """``HH:MM:SS`` (seconds floored), or ``HH:MM:SS.mmm`` with ``millis`` (rounded)."""
    hours, minutes, secs, ms = _split(seconds, millis)
    text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{text}{sep}{ms:03d}" if millis else text


def format_exact(seconds: float) -> str:
    """``HH:MM:SS``, with ``.mmm`` only when the time has a fraction of a second.

    >>> format_exact(84), format_exact(84.5)
    ('00:01:24', '00:01:24.500')
    """
    return format_timestamp(seconds, millis=not float(round(seconds, 3)).is_integer())


def json_seconds(seconds: float) -> float | int:
    """Seconds for JSON: rounded to the millisecond, whole numbers without ``.0``.

    >>> json_seconds(2.0), json_seconds(93.50001)
    (2, 93.5)
    """
    value = round(float(seconds), 3)
    return int(value) if value.is_integer() else value


def format_short(seconds: float) -> str:
    """``M:SS`` under an hour, ``H:MM:SS`` from an hour on (YouTube and Apple description style)."""
    hours, minutes, secs, _ = _split(seconds, False)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
