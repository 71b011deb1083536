"""Everything one episode publishes, computed in memory: chapters, rendered files, facts.

``render``, ``feed`` and ``publish`` all start here, so an episode's notes, chapter files
and feed item always come from the same chapters and the same templates.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from shownotes.audio import audio_duration
from shownotes.chaptering import ChapterResult, resolve_chapters, sidecar_path
from shownotes.errors import ShownotesWarning, UsageError
from shownotes.models import Detection, Episode, Show, Transcript
from shownotes.plugins import Plugins, load_plugins
from shownotes.readers import read_transcript
from shownotes.render import (
    Urls,
    episode_urls,
    make_context,
    make_environment,
    output_templates,
    render_outputs,
)
from shownotes.transcript_writers import to_json, to_vtt

#: Transcript files published beside the notes (for ``podcast:transcript``), with MIME types.
TRANSCRIPT_FILES = {"transcript.vtt": "text/vtt", "transcript.json": "application/json"}


@dataclass(frozen=True, slots=True)
class Prepared:
    """One episode, ready to write and to list in a feed."""

    episode: Episode
    transcript: Transcript
    chapters: ChapterResult
    #: Audio length in seconds from the audio file, or None when there is no audio yet.
    duration: float | None
    #: Output file name → text (rendered templates and published transcripts).
    outputs: dict[str, str]
    urls: Urls
    #: Warnings raised while rendering (e.g. a description cut to 4,000 bytes).
    warnings: tuple[str, ...] = field(default=())


def detection_settings(show: Show | None, plugins: Plugins) -> Detection:
    """The show's detection settings with the plugins' cue rules tried first."""
    settings = show.detection if show else Detection()
    extra = plugins.cue_rules(show)
    return replace(settings, rules=(*extra, *settings.rules)) if extra else settings


def environment(show: Show | None, plugins: Plugins) -> jinja2.Environment:
    """The template environment for a show: its templates, the plugins', the built-ins."""
    return make_environment(show.templates_dir if show else None, plugins.template_dirs(show))


def settle_chapters(
    transcript: Transcript,
    show: Show | None,
    plugins: Plugins,
    sidecar: Path,
    *,
    episode: Episode | None = None,
    duration: float | None = None,
    write_sidecar: bool = False,
    use_sidecar: bool = True,
) -> ChapterResult:
    """Chapters with the show's and plugins' rules and titlers; a hand-edited sidecar wins."""
    return resolve_chapters(
        transcript,
        detection_settings(show, plugins),
        sidecar,
        duration=duration,
        write_sidecar=write_sidecar,
        use_sidecar=use_sidecar,
        refine=lambda found: plugins.title_chapters(found, transcript=transcript, episode=episode),
        episode=episode,
    )


def prepare(
    episode: Episode,
    show: Show | None,
    *,
    plugins: Plugins | None = None,
    only: tuple[str, ...] = (),
    write_sidecar: bool = False,
) -> Prepared:
    """Read the transcript, settle the chapters, render the outputs (``only`` some, if given)."""
    plugins = plugins if plugins is not None else load_plugins(show)
    transcript = read_transcript(episode.transcript)
    duration = audio_duration(episode.audio) if episode.audio.is_file() else None
    result = settle_chapters(
        transcript,
        show,
        plugins,
        sidecar_path(episode.audio),
        episode=episode,
        duration=duration,
        write_sidecar=write_sidecar,
    )
    env = environment(show, plugins)
    names = output_templates(env)
    known = [n.removesuffix(".j2") for n in names] + list(TRANSCRIPT_FILES)
    if only:
        unknown = [n for n in only if n not in known]
        if unknown:
            raise UsageError(
                f"no output named {', '.join(unknown)}", f"outputs are: {', '.join(known)}"
            )
        names = [n for n in names if n.removesuffix(".j2") in only]
    context = make_context(
        result.chapters, show=show, episode=episode, transcript=transcript, duration=duration
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ShownotesWarning)
        outputs = render_outputs(context, env, names)
    for name, writer in (("transcript.vtt", to_vtt), ("transcript.json", to_json)):
        if not only or name in only:
            outputs[name] = writer(transcript)
    return Prepared(
        episode=episode,
        transcript=transcript,
        chapters=result,
        duration=duration,
        outputs=outputs,
        urls=episode_urls(show, episode),
        warnings=tuple(str(w.message) for w in caught),
    )


def output_folder(show: Show | None, episode: Episode, given: Path | None = None) -> Path:
    """Where an episode's files go: ``given``, else ``output_dir/<episode folder>``."""
    name = episode.source.parent.name if episode.source else "episode"
    return given or (show.output_dir if show else Path("public")) / name
