"""Parse XML from outside safely: no entity expansion, no DTD loading, no network.

Feeds never need a DTD with entities, and entities are how XML attacks work (billion laughs
expands nested entities to gigabytes; XXE inlines local files or URLs), so a document that
declares any entity is refused outright rather than half-trusted.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from shownotes.errors import InputError

_ENTITY_DECLARATION = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?<!ENTITY", re.DOTALL)


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
    if _ENTITY_DECLARATION.search(data, 0, 1 << 20):
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
