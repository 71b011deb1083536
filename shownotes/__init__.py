"""shownotes: turn a podcast transcript into chapters, show notes, feeds and ID3 chapters.

The public API; see the README's "Python API" section.
"""

__version__ = "0.1.0"

from shownotes.api import check as check
from shownotes.api import publish as publish
from shownotes.api import render as render
from shownotes.config import load_episode as load_episode
from shownotes.config import load_show as load_show
from shownotes.detect import detect_chapters as detect_chapters
from shownotes.errors import ConfigError as ConfigError
from shownotes.errors import FileAccessError as FileAccessError
from shownotes.errors import InputError as InputError
from shownotes.errors import PluginError as PluginError
from shownotes.errors import Problem as Problem
from shownotes.errors import RenderError as RenderError
from shownotes.errors import ShownotesError as ShownotesError
from shownotes.errors import ShownotesWarning as ShownotesWarning
from shownotes.errors import TranscriptError as TranscriptError
from shownotes.feed import build_feed as build_feed
from shownotes.feed_update import update_feed as update_feed
from shownotes.id3 import read_chapters as read_chapters
from shownotes.id3 import write_chapters as write_chapters
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
from shownotes.plugins import Plugin as Plugin
from shownotes.readers import parse_transcript as parse_transcript
from shownotes.readers import read_transcript as read_transcript

__all__ = [
    "Chapter",
    "ConfigError",
    "CueRule",
    "Detection",
    "Episode",
    "FileAccessError",
    "Funding",
    "InputError",
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
    "read_transcript",
    "render",
    "update_feed",
    "write_chapters",
]
