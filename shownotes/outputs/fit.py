"""Fit text into a byte budget (Apple's 4,000 bytes for ``<description>``) with a clean cut.

A cut never splits a UTF-8 character, an HTML tag or an entity; cut HTML gets its open
elements closed; plain text is cut at the last line break (else word break) that fits.
"""

from __future__ import annotations

import re
import warnings

from shownotes.errors import ShownotesWarning

APPLE_DESCRIPTION_BYTES = 4000
ELLIPSIS = "…"
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "col", "embed"}
_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|&#?\w+;|[^<&]+|[<&]", re.S)


class DescriptionCutWarning(ShownotesWarning):
    """Text was longer than its byte budget and was cut."""


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _cut_text(text: str, budget: int) -> str:
    """The longest prefix within ``budget`` bytes, ending at a line or word break if possible."""
    head = text.encode("utf-8")[:budget].decode("utf-8", "ignore")
    for sep in ("\n", " "):
        at = head.rfind(sep)
        if at > len(head) // 2:
            return head[:at].rstrip()
    return head.rstrip()


def _tag_name(tag: str) -> tuple[str, bool, bool]:
    """(name, is_closing, is_self_contained) of a tag token."""
    match = re.match(r"</?\s*([A-Za-z][\w:-]*)", tag)
    name = match[1].lower() if match else ""
    return name, tag.startswith("</"), tag.endswith("/>") or name in _VOID or not match


def _cut_html(html: str, budget: int) -> str:
    out: list[str] = []
    open_tags: list[str] = []
    used = 0
    for token in _TOKEN.findall(html):
        closing = "".join(f"</{t}>" for t in reversed(open_tags))
        if token.startswith("<"):
            name, is_close, whole = _tag_name(token)
            extra = _size(token) if is_close or whole else _size(token) + _size(f"</{name}>")
            if used + extra + _size(closing) > budget:
                break
            out.append(token)
            used += _size(token)
            if is_close and name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
            elif not is_close and not whole:
                open_tags.append(name)
        else:
            room = budget - used - _size(closing)
            if _size(token) <= room:
                out.append(token)
                used += _size(token)
                continue
            if not token.startswith("&") and room >= _size(ELLIPSIS):
                out.append(_cut_text(token, room - _size(ELLIPSIS)) + ELLIPSIS)
            break
    return "".join(out) + "".join(f"</{t}>" for t in reversed(open_tags))


def fit_bytes(
    text: str, limit: int = APPLE_DESCRIPTION_BYTES, *, html: bool = False, what: str = "text"
) -> str:
    """``text`` unchanged if it fits in ``limit`` UTF-8 bytes, else cut cleanly with a warning."""
    if _size(text) <= limit:
        return text
    result = _cut_html(text, limit) if html else _cut_text(text, limit - _size(ELLIPSIS)) + ELLIPSIS
    warnings.warn(
        f"{what} is {_size(text)} bytes, over the {limit}-byte limit; cut to {_size(result)} bytes",
        DescriptionCutWarning,
        stacklevel=2,
    )
    return result


def balanced(html: str) -> bool:
    """Whether every element in ``html`` is closed, in order (for tests of the cut)."""
    from html.parser import HTMLParser  # (here: fitting a description needs no parser)

    class Check(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[str] = []
            self.ok = True

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in _VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if self.stack and self.stack[-1] == tag:
                self.stack.pop()
            else:
                self.ok = False

    checker = Check()
    checker.feed(html)
    checker.close()
    return checker.ok and not checker.stack
