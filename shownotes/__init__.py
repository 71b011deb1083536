"""shownotes: turn a podcast transcript into chapters, show notes, feeds and ID3 chapters.

The public API; see the README's "Python API" section. Names are imported on first use, so
``import shownotes`` (and every ``shownotes.<stage>`` import) stays cheap.

The package is laid out as the pipeline runs, one folder per stage; a stage imports only the
shared ground at the top (models, config, errors, atomic, timecode, textfile) and the stages
before it::

    transcript file ─► transcripts/ ─► Transcript ─► chapters/ ─► Chapters
        ─► outputs/ (notes, chapter files) ─► feed/ (feed item) ─► audio/ (ID3 tag)
        ─► publishing/ (writes the show's public folder) ─► api.py, cli/
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "build_feed": "shownotes.feed.build",
    "Chapter": "shownotes.models",
    "check": "shownotes.api",
    "ConfigError": "shownotes.errors",
    "CueRule": "shownotes.models",
    "Cut": "shownotes.chapters.timeline",
    "detect_chapters": "shownotes.chapters",
    "Detection": "shownotes.models",
    "Episode": "shownotes.models",
    "FileAccessError": "shownotes.errors",
    "Funding": "shownotes.models",
    "InputError": "shownotes.errors",
    "Insert": "shownotes.chapters.timeline",
    "Link": "shownotes.models",
    "load_episode": "shownotes.config",
    "load_show": "shownotes.config",
    "Owner": "shownotes.models",
    "parse_transcript": "shownotes.transcripts",
    "Plugin": "shownotes.publishing.plugins",
    "PluginError": "shownotes.errors",
    "Problem": "shownotes.errors",
    "publish": "shownotes.api",
    "read_chapters": "shownotes.audio.tagread",
    "read_edits": "shownotes.chapters.edits",
    "read_transcript": "shownotes.transcripts",
    "render": "shownotes.api",
    "RenderError": "shownotes.errors",
    "retime": "shownotes.chapters.timeline",
    "retime_episode": "shownotes.publishing.retime",
    "Segment": "shownotes.models",
    "Show": "shownotes.models",
    "ShownotesError": "shownotes.errors",
    "ShownotesWarning": "shownotes.errors",
    "Transcript": "shownotes.models",
    "TranscriptError": "shownotes.errors",
    "update_feed": "shownotes.feed.update",
    "write_chapters": "shownotes.audio.tagfile",
}

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

if TYPE_CHECKING:  # what type checkers and IDEs see; nothing is imported at run time
    from shownotes.api import check as check
    from shownotes.api import publish as publish
    from shownotes.api import render as render
    from shownotes.audio.tagfile import write_chapters as write_chapters
    from shownotes.audio.tagread import read_chapters as read_chapters
    from shownotes.chapters import detect_chapters as detect_chapters
    from shownotes.chapters.edits import read_edits as read_edits
    from shownotes.chapters.timeline import Cut as Cut
    from shownotes.chapters.timeline import Insert as Insert
    from shownotes.chapters.timeline import retime as retime
    from shownotes.config import load_episode as load_episode
    from shownotes.config import load_show as load_show
    from shownotes.errors import ConfigError as ConfigError
    from shownotes.errors import FileAccessError as FileAccessError
    from shownotes.errors import InputError as InputError
    from shownotes.errors import PluginError as PluginError
    from shownotes.errors import Problem as Problem
    from shownotes.errors import RenderError as RenderError
    from shownotes.errors import ShownotesError as ShownotesError
    from shownotes.errors import ShownotesWarning as ShownotesWarning
    from shownotes.errors import TranscriptError as TranscriptError
    from shownotes.feed.build import build_feed as build_feed
    from shownotes.feed.update import update_feed as update_feed
    from shownotes.models import Chapter as Chapter
    from shownotes.models import CueRule as CueRule
    from shownotes.models import Detection as Detection
    from shownotes.models import Episode as Episode
    from shownotes.models import Funding as Funding
    from shownotes.models import Link as Link
    from shownotes.models import Owner as Owner
    from shownotes.models import Segment as Segment
    from shownotes.models import Show as Show
    from shownotes.models import Transcript as Transcript
    from shownotes.publishing.plugins import Plugin as Plugin
    from shownotes.publishing.retime import retime_episode as retime_episode
    from shownotes.transcripts import parse_transcript as parse_transcript
    from shownotes.transcripts import read_transcript as read_transcript

__all__ = [
    "Chapter",
    "ConfigError",
    "CueRule",
    "Cut",
    "Detection",
    "Episode",
    "FileAccessError",
    "Funding",
    "InputError",
    "Insert",
    "Link",
    "Owner",
    "Plugin",
    "PluginError",
    "Problem",
    "RenderError",
    "Segment",
    "Show",
    "ShownotesError",
    "ShownotesWarning",
    "Transcript",
    "TranscriptError",
    "__version__",
    "build_feed",
    "check",
    "detect_chapters",
    "load_episode",
    "load_show",
    "parse_transcript",
    "publish",
    "read_chapters",
    "read_edits",
    "read_transcript",
    "render",
    "retime",
    "retime_episode",
    "update_feed",
    "write_chapters",
]
