"""Stage 3, outputs: chapters and a transcript in, the episode's rendered files out.

Enters: an episode, its transcript and chapters, the show, and a template environment (the
show's templates, the plugins', the built-in ``templates/``).
Leaves: text by output name (notes.md/html/txt, chapters.json, .vtt, .cue, ffmetadata, …),
the description cut to its byte budget (:mod:`.fit`) and the public URLs of each file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

__all__ = ["make_context", "make_environment", "render_outputs", "write_outputs"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "make_context": "shownotes.outputs.render",
        "make_environment": "shownotes.outputs.render",
        "render_outputs": "shownotes.outputs.render",
        "write_outputs": "shownotes.outputs.render",
    },
)

if TYPE_CHECKING:
    from shownotes.outputs.render import make_context as make_context
    from shownotes.outputs.render import make_environment as make_environment
    from shownotes.outputs.render import render_outputs as render_outputs
    from shownotes.outputs.render import write_outputs as write_outputs
