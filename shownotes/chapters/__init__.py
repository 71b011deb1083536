"""Stage 2, chapters: a ``Transcript`` in, ``Chapter``s out.

Enters: a transcript and the show's detection settings (cue rules, limits), or an episode's
hand-editable sidecar (``episode.chapters.yaml``) or chapters file.
Leaves: chapters with titles, from the sidecar when a person edited it, else from detection
(:mod:`.detector`: cue rules, signals, topic cohesion, titles); the sidecar itself
(:mod:`.resolve`, :mod:`.files`); and scores against known chapters (:mod:`.evaluate`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

__all__ = ["default_rules", "detect_chapters", "load_rules", "resolve_chapters"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "detect_chapters": "shownotes.chapters.detector",
        "default_rules": "shownotes.chapters.rules",
        "load_rules": "shownotes.chapters.rules",
        "resolve_chapters": "shownotes.chapters.resolve",
    },
)

if TYPE_CHECKING:
    from shownotes.chapters.detector import detect_chapters as detect_chapters
    from shownotes.chapters.resolve import resolve_chapters as resolve_chapters
    from shownotes.chapters.rules import default_rules as default_rules
    from shownotes.chapters.rules import load_rules as load_rules
