"""Parse XML from outside safely: no entity expansion, no DTD loading, no network.

Feeds never need a DTD with entities, and entities are how XML attacks work (billion laughs
expands nested entities to gigabytes; XXE inlines local files or URLs), so a document that
declares any entity is refused outright rather than half-trusted.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from shownotes.errors import InputError

#: How far into a document the entity check looks (the rest is checked after parsing).
_CHECK_BYTES = 1 << 20


def _declares_entities(data: bytes) -> bool:
    """Whether a DOCTYPE with an internal subset is followed by an entity declaration.

    Two linear scans (the first ``<!DOCTYPE`` carrying ``[``, then ``<!ENTITY`` after it), not
    a backtracking pattern: a regex tried at every ``<!DOCTYPE`` inside CDATA was quadratic."""
    start = data.find(b"<!DOCTYPE", 0, _CHECK_BYTES)
    while start >= 0:
        end = data.find(b">", start, _CHECK_BYTES)
        stop = end if end >= 0 else _CHECK_BYTES
        bracket = data.find(b"[", start, stop)
        if bracket >= 0:
            return data.find(b"<!ENTITY", bracket, _CHECK_BYTES) >= 0
        start = data.find(b"<!DOCTYPE", stop, _CHECK_BYTES) if end >= 0 else -1
    return False


class UnsafeXMLError(InputError):
    """An XML document that declares entities or otherwise cannot be parsed safely."""


def safe_parser() -> etree.XMLParser:
    """lxml parser: entities left unresolved, no DTD, no network, size limits kept, CDATA kept."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        strip_cdata=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
    )


def parse_xml(data: bytes, path: Path | str) -> etree._ElementTree:
    """Parse ``data``; refuse entity declarations and report syntax errors with their line."""
    if _declares_entities(data):
        raise _entities_refused(path)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(
            f"not well-formed XML: {exc.msg}",
            "fix the file, or regenerate it",
            path=path,
            line=line,
        ) from None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entities_refused(path)
    return tree


def _entities_refused(path: Path | str) -> UnsafeXMLError:
    return UnsafeXMLError(
        "declares XML entities in a DOCTYPE; shownotes refuses such files (entity "
        "expansion is how billion-laughs and XXE attacks work)",
        "remove the DOCTYPE; feeds do not need one",
        path=path,
        line=1,
    )
