"""Chapter detection: turn a transcript into chapters a careful editor would make.

``detect_chapters(transcript, settings)`` is the whole engine; ``load_rules(settings)`` shows the
cue rules it tries (a show's own first, then the packaged defaults in ``default_rules.yaml``).
"""

from shownotes.detect.detector import detect_chapters
from shownotes.detect.rules import default_rules, load_rules

__all__ = ["default_rules", "detect_chapters", "load_rules"]
