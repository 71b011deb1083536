"""``shownotes tag``: write chapters into an MP3's ID3 tag.

A module of its own because podcasters run it often and on its own (after an edit, from a
script): it imports click, mutagen's MP3 support and the ID3 writer, and for a chapters file
nothing else; templates, detection and the show config load only when CHAPTERS needs them.
"""

from __future__ import annotations

from pathlib import Path

import click

from shownotes.cli.common import CONFIG_OPTION, CONTEXT, reports_errors, show_config


@click.command(context_settings=CONTEXT)
@click.argument("audio", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--chapters",
    "chapters_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Chapters JSON, a .chapters.yaml sidecar, another MP3, a transcript (chapters "
    "are detected) or an episode folder (its sidecar or detection).",
)
@click.option("--id3v2.4", "v24", is_flag=True, help="Write ID3v2.4 instead of v2.3.")
@click.option(
    "--toc-title",
    default="Chapters",
    show_default=True,
    help="Title of the table of contents (CTOC).",
)
@CONFIG_OPTION
@reports_errors
def tag(audio: Path, chapters_path: Path, v24: bool, toc_title: str, config: Path | None) -> None:
    """Write chapters into an MP3 as ID3 CHAP and CTOC frames, keeping every other tag.

    One CHAP per chapter (title, and url and image when the chapter has them) and one ordered
    top-level CTOC; ID3v2.3 by default, which every player reads. The last chapter ends at the
    audio's real length. When the new tag fits in the file's tag space, only the tag is
    rewritten in place; otherwise the file is rebuilt beside itself and renamed over the
    original, so a crash never leaves a broken MP3. Audio frames are never changed.

    \b
    Examples:
      shownotes tag episode.mp3 --chapters episode.chapters.yaml
      shownotes tag episode.mp3 --chapters chapters.json --id3v2.4
    """

    # each kind of CHAPTERS imports only what it needs: a chapters file needs no templates,
    # detection or config, so the common case starts quickly (and its plainest command
    # lines run without click: see shownotes.cli.fast)
    from shownotes.audio.duration import audio_duration
    from shownotes.chapters.files import is_chapters_file, read_chapters_file
    from shownotes.cli.fast import write_tag

    duration = audio_duration(audio)
    if chapters_path.is_dir() or chapters_path.name == "episode.yaml":
        from shownotes.config import load_episode
        from shownotes.publishing.prepare import prepare

        found = prepare(
            load_episode(chapters_path), show_config(config), only=("chapters.json",)
        ).chapters.chapters
    elif is_chapters_file(chapters_path):
        found = read_chapters_file(chapters_path, duration)
    else:
        from shownotes.chapters import detect_chapters
        from shownotes.publishing.plugins import load_plugins
        from shownotes.publishing.prepare import detection_settings
        from shownotes.transcripts import read_transcript

        show = show_config(config)
        plugins = load_plugins(show)
        found = detect_chapters(
            read_transcript(chapters_path), detection_settings(show, plugins), duration=duration
        )
    write_tag(audio, found, v24, toc_title)
