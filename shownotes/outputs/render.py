"""Render an episode's outputs (show notes, chapter files) from Jinja templates.

Templates are looked up in the show's ``templates_dir`` first, then in the built-in folder;
``default:NAME`` always names the built-in one, so an override can extend it. Every
top-level template whose name does not start with ``_`` is an output, named by dropping
``.j2`` (``notes.html.j2`` → ``notes.html``); a new file in the show's folder adds an output.

Outputs are rendered in memory and validated (JSON parsed and chapters checked against the
Podcasting 2.0 schema, XML parsed, WebVTT read back) before anything is written.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shownotes import __version__
from shownotes.atomic import write_atomic
from shownotes.errors import RenderError
from shownotes.models import Chapter, Episode, Show, Transcript
from shownotes.outputs.description import BlockRules, description_block, fit_notes
from shownotes.outputs.fit import fit_bytes
from shownotes.outputs.published import BUILTIN_TEMPLATES as BUILTIN_TEMPLATES
from shownotes.outputs.published import Urls as Urls
from shownotes.outputs.published import episode_urls as episode_urls
from shownotes.outputs.published import one_line as one_line
from shownotes.outputs.published import validate_output as validate_output
from shownotes.timecode import format_short, format_timestamp, json_seconds
from shownotes.validate import safe_url

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

# jinja2 and markupsafe are imported where they are used. The URLs, validation and template
# folder live in .published (re-exported here): ``check`` and the catalogue index use them
# without rendering.

_ESCAPED = (".html", ".htm", ".xml", ".xhtml", ".svg")


# --- filters: one place for every helper templates can use ------------------------------


def youtube_time(seconds: float, hours: bool = False) -> str:
    """``MM:SS`` (or ``H:MM:SS`` with ``hours``), the description-chapter style.

    >>> youtube_time(65), youtube_time(65, hours=True), youtube_time(3725, hours=True)
    ('01:05', '0:01:05', '1:02:05')
    """
    minutes, secs = divmod(int(seconds), 60)
    if hours:
        return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def cue_time(seconds: float) -> str:
    """CUE sheet ``MM:SS:FF`` with 75 frames a second."""
    frames = round(seconds * 75)
    minutes, rest = divmod(frames, 75 * 60)
    secs, ff = divmod(rest, 75)
    return f"{minutes:02d}:{secs:02d}:{ff:02d}"


def markdown_url(url: str | None) -> str:
    """A safe URL for a Markdown link target: spaces, parentheses and angle brackets encoded."""
    table = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}
    return "".join(table.get(ch, ch) for ch in safe_url(url))


def ffmetadata_escape(text: str) -> str:
    r"""Escape ``= ; # \`` and newlines with a backslash (FFMETADATA1)."""
    return re.sub(r"([=;#\\\n])", r"\\\1", str(text))


def vtt_escape(text: str) -> str:
    """Cue text for WebVTT: ``&``, ``<``, ``>`` as entities, one line."""
    return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_escape(text: str) -> str:
    """Inert Markdown: HTML characters as entities, Markdown punctuation backslashed."""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~])", r"\\\1", escaped)


def cue_quote(text: str) -> str:
    """A CUE ``TITLE`` value: CUE has no escape, so double quotes become single quotes."""
    return one_line(text).replace('"', "'")


def to_json(value: Any, indent: int | None = None) -> Markup:
    """A JSON literal (string, number, list...), for JSON templates."""
    from markupsafe import Markup  # (here: only rendering needs it, as jinja2 does)

    return Markup(json.dumps(value, ensure_ascii=False, indent=indent))


def _fit_notes(head: Any, block: Any, tail: Any, limit: int, html: bool = False) -> str:
    """The ``fit_notes`` filter: markup stays markup when the notes are HTML."""
    from markupsafe import Markup

    return (Markup if html else str)(fit_notes(str(head), str(block), str(tail), limit, html=html))


FILTERS = {
    "hms": format_timestamp,
    "hms_ms": lambda s: format_timestamp(s, millis=True),
    "short_time": format_short,
    "youtube_time": youtube_time,
    "seconds": json_seconds,
    "ms": lambda s: round(s * 1000),
    "cue_time": cue_time,
    "one_line": one_line,
    "safe_url": safe_url,
    "md_url": markdown_url,
    "ffmetadata": ffmetadata_escape,
    "vtt": vtt_escape,
    "markdown": markdown_escape,
    "cue_quote": cue_quote,
    "json": to_json,
    "fit": lambda text, limit=4000, html=False: fit_bytes(
        str(text), limit, html=html, what="rendered text"
    ),
    "fit_notes": _fit_notes,
}


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.removesuffix(".j2").lower().endswith(_ESCAPED)  # type: ignore[union-attr]


def make_environment(
    user_dir: Path | None = None, extra_dirs: Sequence[Path] = ()
) -> jinja2.Environment:
    """A Jinja environment: the show's templates, then plugins' (``extra_dirs``), then the
    built-ins; strict, autoescaping HTML and XML."""
    import jinja2

    builtin = jinja2.FileSystemLoader(BUILTIN_TEMPLATES)
    folders = [*([user_dir] if user_dir else []), *extra_dirs]
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(d) for d in folders]
    loaders += [builtin, jinja2.PrefixLoader({"default": builtin}, delimiter=":")]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def output_templates(env: jinja2.Environment) -> list[str]:
    """Templates that are outputs: top level, ``.j2``, not starting with ``_``."""
    return sorted(
        name
        for name in env.list_templates(extensions=["j2"])
        if "/" not in name and ":" not in name and not name.startswith("_")
    )


def chapter_formats(env: jinja2.Environment) -> dict[str, str]:
    """Chapter formats by name: ``chapters.NAME[.ext].j2`` → NAME (``json``, ``psc``, ...)."""
    return {
        name.split(".")[1]: name
        for name in output_templates(env)
        if name.startswith("chapters.") and name.count(".") >= 2
    }


# --- context ------------------------------------------------------------------------------


def make_context(
    chapters: Sequence[Chapter],
    *,
    show: Show | None = None,
    episode: Episode | None = None,
    transcript: Transcript | None = None,
    duration: float | None = None,
    block: BlockRules | None = None,
) -> dict[str, Any]:
    """The one documented template context (see the README's "Templates" section).

    ``block``: the rules the description's chapter block must meet (the show's apps'); by
    default every listed chapter, whole, in notes of at most 4,000 bytes."""
    end = duration if duration is not None else (chapters[-1].end if chapters else 0.0)
    audio_file = (
        episode.audio.name
        if episode
        else (
            transcript.source.with_suffix(".mp3").name
            if transcript and transcript.source
            else "episode.mp3"
        )
    )
    block = block or BlockRules()
    listing = description_block(chapters, end, block)
    return {
        "show": show,
        "episode": episode,
        "chapters": list(chapters),
        "toc_chapters": [c for c in chapters if c.toc],
        "transcript": transcript,
        "duration": end,
        "long": end >= 3600,
        "title": (episode.title if episode else None)
        or (transcript.title if transcript else None)
        or "",
        "description": (episode.description if episode else None)
        or (transcript.description if transcript else None)
        or "",
        "links": list(episode.links) if episode else [],
        "urls": episode_urls(show, episode),
        "audio_file": audio_file,
        "generator": f"shownotes {__version__}",
        # the description's chapter block, made to qualify on the show's apps (description.py)
        "description_chapters": list(listing.chapters),
        "description_notes": list(listing.notes),
        "notes_bytes": block.max_bytes,
    }


# --- rendering and validation ---------------------------------------------------------------


def _template_line(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line an exception came from (Jinja maps frames to templates)."""
    import traceback

    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or name, exc.lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return name, None


def render_one(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one template; errors become a RenderError naming the template and line."""
    import jinja2

    try:
        text = env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"template {exc.name!r} not found", "check the name and templates_dir", path=name
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        where, line = _template_line(exc, name)
        message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
        hint = (
            "the template context is listed in the README"
            if isinstance(exc, jinja2.UndefinedError)
            else "fix the template"
        )
        raise RenderError(message, hint, path=where, line=line) from None
    validate_output(name.removesuffix(".j2"), text)
    return text


def render_outputs(
    context: Mapping[str, Any], env: jinja2.Environment, names: Sequence[str] | None = None
) -> dict[str, str]:
    """Render the named templates (default: every output template) to {output name: text}."""
    return {
        name.removesuffix(".j2"): render_one(env, name, context)
        for name in (names if names is not None else output_templates(env))
    }


def write_outputs(outputs: Mapping[str, str], folder: Path) -> list[Path]:
    """Write rendered outputs into ``folder``, each atomically; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in outputs.items():
        path = folder / name
        write_atomic(path, text)
        written.append(path)
    return written
