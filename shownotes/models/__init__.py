"""The data model: plain, frozen dataclasses that every stage takes and returns.

Times are float seconds from the start of the audio. Paths are absolute once loaded.

Every name is imported from here (``from shownotes.models import Chapter``); each lives in
one of four modules, loaded the first time one of its names is used, because building a
slotted, frozen dataclass costs about a millisecond: ``shownotes tag`` needs only
:class:`Chapter`, and should not build the other twelve to get it.

- :mod:`.chapter`: :class:`Chapter`;
- :mod:`.timed`: :class:`Segment`, :class:`Transcript`;
- :mod:`.detection`: :class:`CueRule`, :class:`Section`, :class:`Style`, :class:`Detection`;
- :mod:`.show`: :class:`Link`, :class:`Owner`, :class:`Funding`, :class:`PlatformRules`,
  :class:`Show`, :class:`Episode`, :data:`DEFAULT_PLATFORMS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

_CHAPTER, _TIMED, _DETECTION, _SHOW = (
    "shownotes.models.chapter",
    "shownotes.models.timed",
    "shownotes.models.detection",
    "shownotes.models.show",
)

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Segment": _TIMED,
        "Transcript": _TIMED,
        "Chapter": _CHAPTER,
        "CueRule": _DETECTION,
        "Section": _DETECTION,
        "Style": _DETECTION,
        "Detection": _DETECTION,
        "Link": _SHOW,
        "Owner": _SHOW,
        "Funding": _SHOW,
        "PlatformRules": _SHOW,
        "DEFAULT_PLATFORMS": _SHOW,
        "Show": _SHOW,
        "Episode": _SHOW,
    },
)

if TYPE_CHECKING:
    from shownotes.models.chapter import Chapter as Chapter
    from shownotes.models.detection import CueRule as CueRule
    from shownotes.models.detection import Detection as Detection
    from shownotes.models.detection import Section as Section
    from shownotes.models.detection import Style as Style
    from shownotes.models.show import DEFAULT_PLATFORMS as DEFAULT_PLATFORMS
    from shownotes.models.show import Episode as Episode
    from shownotes.models.show import Funding as Funding
    from shownotes.models.show import Link as Link
    from shownotes.models.show import Owner as Owner
    from shownotes.models.show import PlatformRules as PlatformRules
    from shownotes.models.show import Show as Show
    from shownotes.models.timed import Segment as Segment
    from shownotes.models.timed import Transcript as Transcript

__all__ = [
    "DEFAULT_PLATFORMS",
    "Chapter",
    "CueRule",
    "Detection",
    "Episode",
    "Funding",
    "Link",
    "Owner",
    "PlatformRules",
    "Section",
    "Segment",
    "Show",
    "Style",
    "Transcript",
]
