"""Everything one episode publishes, computed in memory: chapters, rendered files, facts.

``render``, ``feed`` and ``publish`` all start here, so an episode's notes, chapter files
and feed item always come from the same chapters and the same templates.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from shownotes.audio.duration import audio_duration
from shownotes.chapters.resolve import (
    ChapterResult,
    adopt_sidecar,
    episode_sidecar,
    find_sidecar,
    resolve_chapters,
)
from shownotes.errors import InputError, ShownotesWarning, UsageError
from shownotes.feed.items import AUDIO_TYPES, ItemData
from shownotes.feed.items import Transcript as TranscriptLink
from shownotes.models import Chapter, Detection, Episode, Show, Transcript
from shownotes.outputs.render import (
    Urls,
    episode_urls,
    make_context,
    make_environment,
    output_templates,
    render_outputs,
)
from shownotes.paths import check_episode_paths
from shownotes.publishing.apps import block_rules, show_platforms
from shownotes.publishing.folders import output_folder as output_folder
from shownotes.publishing.images import settle_images
from shownotes.publishing.plugins import Plugins, load_plugins
from shownotes.transcripts import read_transcript
from shownotes.transcripts.writers import to_json, to_vtt

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
    #: What preparing did besides rendering (e.g. a sidecar renamed to follow the episode).
    notes: tuple[str, ...] = field(default=())
    #: The chapters as published: local chapter images as the URLs of their published copies
    #: (``chapters.chapters`` keeps them as local paths, for the ID3 tag).
    published: tuple[Chapter, ...] = field(default=())
    #: Chapter images to publish beside the episode's files: file name → source.
    images: dict[str, Path] = field(default_factory=dict)


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
    check_episode_paths(episode, show)
    plugins = plugins if plugins is not None else load_plugins(show)
    with warnings.catch_warnings(record=True) as read_warnings:
        warnings.simplefilter("always", ShownotesWarning)
        transcript = read_transcript(episode.transcript)
    duration = audio_duration(episode.audio) if episode.audio.is_file() else None
    note = adopt_sidecar(episode) if write_sidecar else ""
    result = settle_chapters(
        transcript,
        show,
        plugins,
        episode_sidecar(episode) if write_sidecar else find_sidecar(episode),
        episode=episode,
        duration=duration,
        write_sidecar=write_sidecar,
    )
    urls = episode_urls(show, episode)
    images = settle_images(
        result.chapters,
        result.sidecar.parent,
        show.source.parent if show and show.source else result.sidecar.parent,
        urls,
        result.sidecar,
    )
    result = replace(result, chapters=images.tagged)
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
        images.published,
        show=show,
        episode=episode,
        transcript=transcript,
        duration=duration,
        block=block_rules(show_platforms(show)),  # the chapter block every app accepts
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
        urls=urls,
        warnings=tuple(str(w.message) for w in [*read_warnings, *caught]),
        notes=((note,) if note else ()) + tuple(context["description_notes"]),
        published=images.published,
        images=images.files,
    )


def item_data(prepared: Prepared, show: Show) -> ItemData:
    """The feed item of a prepared episode; fails when it has no public audio URL."""
    episode, urls = prepared.episode, prepared.urls
    if not urls.audio:
        raise InputError(
            "no public URL for the audio",
            "set base_url in the show config or audio_url here",
            path=episode.source,
        )
    suffix = episode.audio.suffix.lower()
    length = episode.audio.stat().st_size if episode.audio.is_file() else 0
    transcripts = tuple(
        TranscriptLink(
            url=urls.file(name),
            type=mime,
            language=prepared.transcript.language or show.language or None,
            rel="captions" if mime == "text/vtt" else None,
        )
        for name, mime in TRANSCRIPT_FILES.items()
        if urls.folder and name in prepared.outputs
    )
    return ItemData(
        guid=episode.guid or urls.audio,
        title=episode.title,
        published=episode.date,
        audio_url=urls.audio,
        audio_length=length,
        audio_type=AUDIO_TYPES.get(suffix, "application/octet-stream"),
        duration=round(prepared.duration) if prepared.duration is not None else None,
        description=prepared.outputs.get("notes.txt", episode.description),
        content_html=prepared.outputs.get("notes.html", ""),
        chapters_url=urls.chapters
        if "chapters.json" in prepared.outputs and urls.chapters
        else None,
        transcripts=transcripts,
        number=episode.number,
        season=episode.season,
        episode_type=episode.episode_type,
        explicit=episode.explicit,
        image=episode.image,
        chapters=prepared.published,
    )
