"""Update a feed another tool made, changing only what shownotes owns in matching items.

Per episode, the matching ``<item>`` (by guid, then enclosure URL, then title) gets its
``podcast:chapters``, ``podcast:transcript`` and ``content:encoded`` added or replaced; every
other element, attribute, namespace, comment and item stays as it was.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from shownotes.errors import InputError
from shownotes.feed.items import ItemData
from shownotes.feed.names import CONTENT_NS, ITUNES_NS, PODCAST_NS
from shownotes.feed.xmlsafe import parse_xml

_NS_PREFERRED = {PODCAST_NS: "podcast", CONTENT_NS: "content"}


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """The updated feed's bytes, which items changed, and which episodes had no item."""

    data: bytes
    updated: tuple[str, ...]
    unmatched: tuple[str, ...]
    #: Said when the feed had to change its encoding (to UTF-8); empty otherwise.
    note: str = ""


def _declare_namespaces(data: bytes, root: etree._Element, path: Path | str) -> bytes | None:
    """``data`` with xmlns declarations for our namespaces added to the root start tag, or
    None when it has them all.

    lxml cannot add a declaration to an existing root without rebuilding it (which drops the
    comments around it), so the declaration goes into the bytes, to be parsed again.
    """
    declared = set(root.nsmap.values())
    missing = [uri for uri in _NS_PREFERRED if uri not in declared]
    if not missing:
        return None
    taken = set(root.nsmap)
    attrs = b""
    for uri in missing:
        prefix, n = _NS_PREFERRED[uri], 1
        while prefix in taken:
            prefix, n = f"{_NS_PREFERRED[uri]}{n}", n + 1
        taken.add(prefix)
        attrs += f' xmlns:{prefix}="{uri}"'.encode()
    qname = root.prefix.encode() + b":" if root.prefix else b""
    qname += etree.QName(root).localname.encode()
    start = _line_offset(data, root.sourceline or 1)
    match = re.compile(rb"<" + re.escape(qname) + rb"(?=[\s/>])").search(data, start)
    if match is None:
        raise InputError("cannot find the root element's start tag", path=path)
    return data[: match.end()] + attrs + data[match.end() :]


def _line_offset(data: bytes, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = data.index(b"\n", offset) + 1
    return offset


def _text(element: etree._Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def index_items(channel: etree._Element) -> dict[tuple[str, str], etree._Element]:
    """Items by ("guid", text), ("enclosure", url), ("title", text), ("itunes:title", text)
    and ("episode", "season/number"). A guid or enclosure belongs to its first item; a title or
    episode number that several items share matches none of them (it would be a guess)."""
    index: dict[tuple[str, str], etree._Element] = {}
    shared: set[tuple[str, str]] = set()
    for item in channel.iterchildren("item"):
        enclosure = item.find("enclosure")
        number = _text(item.find(f"{{{ITUNES_NS}}}episode"))
        season = _text(item.find(f"{{{ITUNES_NS}}}season"))
        for key in (
            ("guid", _text(item.find("guid"))),
            ("enclosure", enclosure.get("url", "") if enclosure is not None else ""),
            ("title", _text(item.find("title"))),
            ("itunes:title", _text(item.find(f"{{{ITUNES_NS}}}title"))),
            ("episode", f"{season}/{number}" if number else ""),
        ):
            if not key[1]:
                continue
            if key in index and key[0] not in ("guid", "enclosure"):
                shared.add(key)
            index.setdefault(key, item)
    for key in shared:
        del index[key]
    return index


def find_item(
    index: dict[tuple[str, str], etree._Element],
    guid: str,
    audio_url: str,
    title: str,
    number: int | None = None,
    season: int | None = None,
) -> etree._Element | None:
    """The item for an episode: by guid, enclosure URL, title (the item's title or its
    itunes:title), then season and episode number."""
    title = " ".join(title.split())
    keys = [("guid", guid), ("enclosure", audio_url), ("title", title), ("itunes:title", title)]
    if number is not None:
        keys.append(("episode", f"{season if season is not None else ''}/{number}"))
    return next((index[k] for k in keys if k in index), None)


def _replace(item: etree._Element, tag: str, new: list[etree._Element]) -> None:
    """Put ``new`` where the item's ``tag`` elements are (or at its end), removing the old."""
    old = list(item.iterchildren(tag))
    if old:
        position = item.index(old[0])
        tail = old[-1].tail
        for element in old:
            item.remove(element)
    else:
        position = len(item)
        tail = item[-1].tail if len(item) else None
        if len(item):  # keep the indentation of the item's last child for the new ones
            item[-1].tail = item[-2].tail if len(item) > 1 else item.text
    for offset, element in enumerate(new):
        element.tail = tail if offset == len(new) - 1 else (item.text or tail)
        item.insert(position + offset, element)


def update_feed(
    data: bytes, items: Sequence[ItemData], path: Path | str = "<feed>"
) -> UpdateResult:
    """Patch the matching items of the feed ``data``; everything else is kept as it is,
    its encoding too; the result is parsed again before it is returned."""
    bom = next((b for b in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if data.startswith(b)), b"")
    if not bom:
        return _update(data, items, path)
    # UTF-16 is patched as UTF-8 (the start tag is found in the bytes), then turned back
    codec = _BOMS[bom]
    text = data[len(bom) :].decode(codec, errors="strict")
    declaration = _DECLARATION_TEXT.match(text)
    original = declaration.group(0) if declaration else ""
    as_utf8 = _utf8_declaration(declaration) if declaration else ""
    result = _update(text.replace(original, as_utf8, 1).encode("utf-8"), items, path)
    back = result.data.decode("utf-8").replace(as_utf8.lstrip(), original.lstrip(), 1)
    encoded = bom + back.encode(codec)
    _reparse(encoded, path)
    return UpdateResult(encoded, result.updated, result.unmatched)


def _reparse(data: bytes, path: Path | str) -> None:
    try:
        parse_xml(data, path)
    except InputError:
        raise InputError(
            "the updated feed would not be well-formed XML, so nothing was written",
            "this is a bug in shownotes; please report this with the feed",
            path=path,
        ) from None


def _update(data: bytes, items: Sequence[ItemData], path: Path | str) -> UpdateResult:
    from shownotes.feed.build import item_elements, xml_text  # (feedgen: only when writing)

    tree = parse_xml(data, path)
    patched = _declare_namespaces(data, tree.getroot(), path)
    if patched is not None:
        data, tree = patched, parse_xml(patched, path)
    channel = tree.getroot().find("channel")
    if channel is None:
        raise InputError("not an RSS feed: no <channel>", "pass an RSS 2.0 feed", path=path)
    index = index_items(channel)
    updated, unmatched = [], []
    for data_item in items:
        item = find_item(
            index,
            data_item.guid,
            data_item.audio_url,
            data_item.title,
            data_item.number,
            data_item.season,
        )
        if item is None:
            unmatched.append(data_item.title)
            continue
        elements = item_elements(data_item.chapters_url, data_item.transcripts)
        _replace(item, f"{{{PODCAST_NS}}}chapters", elements[:1] if data_item.chapters_url else [])
        _replace(
            item, f"{{{PODCAST_NS}}}transcript", elements[1 if data_item.chapters_url else 0 :]
        )
        if data_item.content_html:
            encoded = etree.Element(f"{{{CONTENT_NS}}}encoded")
            html = xml_text(data_item.content_html)
            encoded.text = etree.CDATA(html) if "]]>" not in html else html
            _replace(item, f"{{{CONTENT_NS}}}encoded", [encoded])
        updated.append(data_item.title)
    result, note = _serialize(tree, data)
    _reparse(result, path)
    return UpdateResult(result, tuple(updated), tuple(unmatched), note)


def _serialize(tree: etree._ElementTree, original: bytes) -> tuple[bytes, str]:
    """The document in its own encoding with its own XML declaration (and byte-order mark),
    one top-level node per line (lxml does not keep the white space between the declaration,
    comments, PIs and the root); and a note when it had to become UTF-8.

    Nodes are serialized to text and the whole encoded once: lxml would give every node of a
    non-UTF-8 document its own XML declaration. Text the encoding cannot hold (in CDATA no
    character reference can stand in for it) makes the file UTF-8, declaration included."""
    encoding = tree.docinfo.encoding or "UTF-8"
    bom = next((b for b in _BOMS if original.startswith(b)), b"")
    codec = _BOMS.get(bom) or _codec(encoding)
    text = original[len(bom) :].decode(codec, errors="replace")
    root = tree.getroot()
    parts = []
    declaration = _DECLARATION_TEXT.match(text)
    if declaration:
        parts.append(declaration.group(0).lstrip())
    if tree.docinfo.doctype:
        parts.append(tree.docinfo.doctype)
    nodes = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
    parts += [etree.tostring(node, encoding="unicode", with_tail=False) for node in nodes]
    body = "\n".join(parts) + ("\n" if text.endswith("\n") else "")
    try:
        return bom + body.encode(codec), ""
    except UnicodeEncodeError:
        if declaration:
            body = body.replace(declaration.group(0).lstrip(), _utf8_declaration(declaration), 1)
        note = f"converted from {encoding} to UTF-8: the new content has characters it lacks"
        return body.encode("utf-8"), note


_DECLARATION_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")
_ENCODING_PSEUDO_ATTRIBUTE = re.compile(r"""encoding\s*=\s*(["'])[^"']*\1""")
_BOMS = {
    codecs.BOM_UTF8: "utf-8",
    codecs.BOM_UTF16_LE: "utf-16-le",
    codecs.BOM_UTF16_BE: "utf-16-be",
}


def _codec(encoding: str) -> str:
    """Python's codec for an XML encoding name (UTF-8 for one Python does not know)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


def _utf8_declaration(declaration: re.Match[str]) -> str:
    text = declaration.group(0).lstrip()
    if _ENCODING_PSEUDO_ATTRIBUTE.search(text):
        return _ENCODING_PSEUDO_ATTRIBUTE.sub('encoding="UTF-8"', text, count=1)
    return text
