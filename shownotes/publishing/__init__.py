"""Stage 6, publishing: a show's config and episode folders in, its public folder out.

Enters: ``config.yaml`` and each episode's folder (``episode.yaml``, audio, transcript, the
chapters sidecar). Leaves: per episode, the rendered files, published transcripts and the
ID3-tagged MP3 in ``output_dir/<episode>/``, and the show's ``feed.xml``; only what changed
is rewritten (:mod:`.state`). Also the pre-publish gate (:mod:`.check`), plugins
(:mod:`.plugins`) and a starter show (:mod:`.init`). The only stage that writes a show's
output files.

(Named ``publishing`` rather than ``publish`` so the package never shadows the API function
``shownotes.publish``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

__all__ = ["EpisodeResult", "PublishReport", "check_episode", "prepare", "publish"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "EpisodeResult": "shownotes.publishing.results",
        "PublishReport": "shownotes.publishing.results",
        "check_episode": "shownotes.publishing.check",
        "prepare": "shownotes.publishing.prepare",
        "publish": "shownotes.publishing.pipeline",
    },
)

if TYPE_CHECKING:
    from shownotes.publishing.check import check_episode as check_episode
    from shownotes.publishing.pipeline import publish as publish
    from shownotes.publishing.prepare import prepare as prepare
    from shownotes.publishing.results import EpisodeResult as EpisodeResult
    from shownotes.publishing.results import PublishReport as PublishReport
