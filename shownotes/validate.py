"""Checks at the boundaries: what comes out of a user's file is safe for every later stage.

Every number read from a file is finite and within an episode's range, every string is text
XML can carry (control characters, lone surrogates and the non-characters U+FFFE/U+FFFF are
removed), every URL that is emitted has a scheme we allow, and every input file is a regular
file of a sane size. The stages call these instead of each checking in its own way.

>>> seconds(93.5, "start")
93.5
>>> xml_text("bad\\x00ti\\ufffetle")
'badtitle'
>>> safe_url("&#106;avascript:alert(1)"), safe_url("https://example.com/a?b=1&amp;c=2")
('', 'https://example.com/a?b=1&amp;c=2')
"""

from __future__ import annotations

import math
import re
import stat
from pathlib import Path
from typing import Any

from shownotes.errors import FileAccessError, InputError

#: The longest time shownotes handles: stamps have at most three hour digits.
MAX_SECONDS = 999 * 3600 + 59 * 60 + 59.999
#: The largest input file shownotes reads as text (transcripts, configs, chapters, feeds).
MAX_TEXT_BYTES = 64 * 1024 * 1024
#: Schemes a URL in the notes, the chapter files or the feed may have (or none: relative).
URL_SCHEMES = ("http", "https", "mailto")

# XML 1.0 Char minus what we never want: C0 controls but tab/newline/CR, DEL and C1
# controls, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
#: The ASCII characters :data:`_NOT_XML` lets through.
_XML_ASCII = b"\t\n\r" + bytes(range(0x20, 0x7F))
# (the patterns are compiled when first used, not by every command)
_SCHEME = r"^([A-Za-z][A-Za-z0-9+.-]*):"
# browsers drop these anywhere in a URL before they look for the scheme
_URL_IGNORED = r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\ufeff]"


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (or that no reader shows)."""
    if text.isprintable():  # no control, surrogate or non-character: nothing to remove
        return text  # (and no pattern to compile: its surrogate range costs a millisecond)
    not_xml = re.compile(_NOT_XML)  # (re caches it)
    return not_xml.sub("", text) if not_xml.search(text) else text


def is_xml_text(text: str) -> bool:
    """Whether :func:`xml_text` would leave ``text`` as it is.

    >>> is_xml_text("tab\\tand newline\\n"), is_xml_text("bell\\x07"), is_xml_text("ü\\x7f")
    (True, False, False)
    """
    if text.isascii():  # most text: deleting every allowed byte leaves nothing (6x faster)
        return not text.encode("ascii").translate(None, _XML_ASCII)
    return re.search(_NOT_XML, text) is None  # (re caches the pattern)


def inert_text(text: str) -> str:
    """Plain text no reader takes as markup: XML-safe, with ``&``, ``<`` and ``>`` escaped
    (for RSS ``<description>``, which apps render as HTML).

    >>> inert_text('<script>x</script> & <a href="javascript:y">')
    '&lt;script&gt;x&lt;/script&gt; &amp; &lt;a href="javascript:y"&gt;'
    """
    import html  # (here: its entity table costs every command a few ms to load)

    return html.escape(xml_text(text), quote=False)


def seconds(
    value: Any,
    what: str,
    *,
    path: Path | str | None = None,
    line: int | None = None,
    fix: str = "write times as seconds (e.g. 93.5) or HH:MM:SS",
) -> float:
    """``value`` as seconds when it is a finite number from 0 to :data:`MAX_SECONDS`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(
            f"{what} is {_show(value)}, not a number of seconds", fix, path=path, line=line
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"{what} is {_show(value)}, not a finite time", fix, path=path, line=line)
    if value < 0:
        raise InputError(
            f"{what} is negative ({_show(value)})", "times count from 0", path=path, line=line
        )
    if value > MAX_SECONDS:
        raise InputError(
            f"{what} is {_show(value)} seconds, past 999:59:59, the longest time shownotes handles",
            "check the unit: times are seconds, not milliseconds",
            path=path,
            line=line,
        )
    return float(value)


def _show(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15:
        return f"a {len(str(abs(value))) if abs(value) < 10**4000 else 'huge'}-digit number"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def safe_url(url: str | None) -> str:
    """``url`` (one line, XML-safe) when its scheme is http, https or mailto, or it has none
    (relative, anchor); ``""`` otherwise.

    The scheme is judged the way a browser or a Markdown renderer will see it: after HTML
    entities are decoded (``&#106;avascript:``, ``javascript&colon;``) and the characters
    browsers ignore (tabs, newlines, spaces, invisible marks) are dropped.
    """
    if not url:
        return ""
    text = " ".join(xml_text(url).split())
    ignored = re.compile(_URL_IGNORED)  # (re caches it)
    seen = ignored.sub("", text)
    if "&" in seen:  # else there is nothing to decode (nor the entity table to load)
        import html

        for _ in range(5):  # &amp;#106; decodes in two steps
            decoded = ignored.sub("", html.unescape(seen))
            if decoded == seen:
                break
            seen = decoded
        else:
            return ""
    scheme = re.match(_SCHEME, seen)
    if scheme and scheme[1].lower() not in URL_SCHEMES:
        return ""
    if not scheme and ":" in seen.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return ""  # "java script:" and other colons a renderer might read as a scheme
    return text


def regular_file(path: Path, what: str = "file", limit: int = MAX_TEXT_BYTES) -> None:
    """Refuse what is not a regular file (a FIFO, a device such as /dev/zero, a socket) and
    files larger than ``limit`` bytes; a missing file is left for the reader to report."""
    try:
        info = path.stat()
    except OSError:
        return
    if stat.S_ISDIR(info.st_mode):
        return
    if not stat.S_ISREG(info.st_mode):
        raise FileAccessError(
            f"not a regular {what} (a device, pipe or socket)",
            "name a file saved on disk",
            path=path,
        )
    if info.st_size > limit:
        raise FileAccessError(
            f"{info.st_size:,} bytes, more than the {limit:,} shownotes reads",
            f"a {what} this large is not what shownotes expects here; check the path",
            path=path,
        )
