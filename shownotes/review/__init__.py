"""Stage 7, review: a local web page to check and fix one episode's chapters by ear.

Enters: one episode (its audio, transcript and chapters sidecar) and, when it has one, the
show config. Leaves: the chapters sidecar, written atomically and marked as edited by hand
(:mod:`.session`), and on request the episode published by the publishing stage. The page,
its script and its stylesheet ship in this folder; the server (:mod:`.server`) binds to
127.0.0.1, serves only that episode's audio, its page data and those assets, and needs a
random token for every write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

__all__ = ["ReviewServer", "ReviewSession", "open_session", "start_server"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ReviewServer": "shownotes.review.server",
        "start_server": "shownotes.review.server",
        "ReviewSession": "shownotes.review.session",
        "open_session": "shownotes.review.session",
    },
)

if TYPE_CHECKING:
    from shownotes.review.server import ReviewServer as ReviewServer
    from shownotes.review.server import start_server as start_server
    from shownotes.review.session import ReviewSession as ReviewSession
    from shownotes.review.session import open_session as open_session
