"""shownotes: turn a podcast transcript into chapters, show notes, feeds and ID3 chapters."""

from shownotes.config import load_episode as load_episode
from shownotes.config import load_show as load_show
from shownotes.errors import ConfigError as ConfigError
from shownotes.errors import FileAccessError as FileAccessError
from shownotes.errors import InputError as InputError
from shownotes.errors import RenderError as RenderError
from shownotes.errors import ShownotesError as ShownotesError
from shownotes.errors import ShownotesWarning as ShownotesWarning
from shownotes.errors import TranscriptError as TranscriptError
from shownotes.models import Chapter as Chapter
from shownotes.models import CueRule as CueRule
from shownotes.models import Detection as Detection
from shownotes.models import Episode as Episode
from shownotes.models import Link as Link
from shownotes.models import Owner as Owner
from shownotes.models import Segment as Segment
from shownotes.models import Show as Show
from shownotes.models import Transcript as Transcript
from shownotes.readers import parse_transcript as parse_transcript
from shownotes.readers import read_transcript as read_transcript

__version__ = "0.1.0"

__all__ = [
    "Chapter",
    "ConfigError",
    "CueRule",
    "Detection",
    "Episode",
    "FileAccessError",
    "InputError",
    "Link",
    "Owner",
    "RenderError",
    "Segment",
    "Show",
    "ShownotesError",
    "ShownotesWarning",
    "Transcript",
    "TranscriptError",
    "__version__",
    "load_episode",
    "load_show",
    "parse_transcript",
    "read_transcript",
]
