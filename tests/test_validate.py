"""``shownotes.validate``'s shortcuts give what the full checks give."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from shownotes import validate


def test_no_printable_character_is_one_xml_text_removes() -> None:
    """xml_text returns printable text as it is, without the pattern: right only because
    every character the pattern removes is a control, a surrogate or a non-character."""
    removed = re.compile(validate._NOT_XML)
    assert not [
        hex(c) for c in range(sys.maxunicode + 1) if chr(c).isprintable() and removed.match(chr(c))
    ]


@given(st.text())
def test_xml_text_removes_what_the_pattern_matches(text: str) -> None:
    assert validate.xml_text(text) == re.sub(validate._NOT_XML, "", text)
