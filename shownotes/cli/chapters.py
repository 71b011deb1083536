"""Commands on chapters: ``chapters`` (detect, convert, sidecar) and ``eval`` (score detection)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from shownotes.cli.common import (
    CONFIG_OPTION,
    CONTEXT,
    OUTPUT_OPTION,
    RULES_OPTION,
    emit,
    report_sidecar,
    reports_errors,
    show_config,
    with_chapter_count,
)
from shownotes.errors import InputError, UsageError


@click.command(context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path))
@CONFIG_OPTION
@click.option(
    "-f",
    "--format",
    "out_format",
    default="txt",
    show_default=True,
    help="txt ('MM:SS Title' lines), json (Podcasting 2.0), psc (Podlove), mp4chaps, "
    "ffmetadata, vtt, audacity, cue, yaml (sidecar), or NAME for a show template "
    "chapters.NAME.*.j2.",
)
@OUTPUT_OPTION
@click.option(
    "-s",
    "--write-sidecar",
    is_flag=True,
    help="Write the detected chapters to the editable sidecar (never over hand edits).",
)
@click.option(
    "--ignore-sidecar",
    is_flag=True,
    help="Print what detection finds even when a hand-edited sidecar exists.",
)
@click.option(
    "--duration",
    type=click.FloatRange(min=0),
    default=None,
    help="Audio length in seconds, for the last chapter's end [default: the "
    "episode's audio, else the transcript's end].",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Print why each chapter is there instead: start, confidence, title, the cue or "
    "signals that chose it and the line it starts on ('!' marks chapters to review first).",
)
@RULES_OPTION
@click.option(
    "--count",
    type=click.IntRange(min=1),
    default=None,
    help="Aim for this many chapters (the opening one included): detection starts chapters "
    "more or less eagerly until it comes closest [default: detection.chapter_count, else "
    "what the evidence gives].",
)
@reports_errors
def chapters(
    source: Path,
    config: Path | None,
    out_format: str,
    output: Path | None,
    write_sidecar: bool,
    ignore_sidecar: bool,
    duration: float | None,
    explain: bool,
    rules: Path | None,
    count: int | None,
) -> None:
    """Detect an episode's chapters from its transcript and print or write them.

    SOURCE is a transcript, or an episode folder / episode.yaml (then the episode's audio gives
    the duration). An MP3, a chapters JSON or a sidecar YAML as SOURCE is read, not detected:
    'shownotes chapters episode.mp3' lists the ID3 chapters already in the file.

    Chapters start at story cues ("So story one", "Quick one", "moving on", "what's your
    next item?"), hand-offs, edit gaps and topic shifts; the show config's detection rules
    extend or replace the built-in ones.

    The sidecar EPISODE.chapters.yaml (beside the audio, or the transcript) is for people to
    edit: -s writes it; once it is edited by hand, it is used as it is and never overwritten,
    and shownotes prints what detection would have changed instead.

    \b
    Examples:
      shownotes chapters examples/episodes/2026-06-07
      shownotes chapters transcript.srt --format json -o chapters.json
      shownotes chapters episodes/ep12 --write-sidecar
      shownotes chapters episode.mp3 --format json
      shownotes chapters episodes/ep12 --explain
      shownotes chapters episodes/ep12 --rules learned-rules.yaml
      shownotes chapters episodes/ep12 --count 8 --explain
    """

    from shownotes.audio.duration import audio_duration
    from shownotes.chapters.explain import format_explained, read_explanations
    from shownotes.chapters.files import is_chapters_file, read_chapters_file, sidecar_body
    from shownotes.chapters.resolve import (
        adopt_sidecar,
        episode_sidecar,
        find_sidecar,
        sidecar_path,
    )
    from shownotes.config import load_episode
    from shownotes.outputs.render import chapter_formats, make_context, render_one
    from shownotes.publishing.plugins import load_plugins
    from shownotes.publishing.prepare import environment, settle_chapters
    from shownotes.transcripts import read_transcript

    show = with_chapter_count(show_config(config, rules), count)
    plugins = load_plugins(show)
    env = environment(show, plugins)
    formats = chapter_formats(env)
    if out_format not in formats and out_format != "yaml":
        raise UsageError(
            f"unknown chapter format {out_format!r}",
            f"use one of {', '.join(sorted([*formats, 'yaml']))}",
        )
    episode = None
    if source.is_file() and is_chapters_file(source):
        found = read_chapters_file(source, duration)
        if not found:
            raise InputError("has no chapters", "tag it with 'shownotes tag' first", path=source)
        context = make_context(found, show=show, duration=duration or found[-1].end)
        yaml_source = source.suffix.lower() in (".yaml", ".yml")
        why = read_explanations(source) if yaml_source else {}
        if explain:
            text = format_explained(found, why)
        elif out_format == "yaml":
            text = sidecar_body(found, why)
        else:
            text = render_one(env, formats[out_format], context)
        emit(text, output)
        return
    if source.is_dir() or source.name == "episode.yaml":
        episode = load_episode(source)
        if count is not None and count != episode.chapter_count:
            # --count wins over the episode's own chapter_count, for this run
            if write_sidecar:
                click.echo(
                    f"note: publish detects this episode again with its episode.yaml; to keep "
                    f"{count} chapters there, add 'chapter_count: {count}' to it (or edit the "
                    "sidecar, which makes it yours)",
                    err=True,
                )
            episode = dataclasses.replace(episode, chapter_count=count)
        transcript_file = episode.transcript
        if duration is None and episode.audio.is_file():
            duration = audio_duration(episode.audio)
        if write_sidecar and (note := adopt_sidecar(episode)):
            click.echo(note, err=True)
        sidecar = episode_sidecar(episode) if write_sidecar else find_sidecar(episode)
    else:
        transcript_file, sidecar = source, sidecar_path(source)
    parsed = read_transcript(transcript_file)
    result = settle_chapters(
        parsed,
        show,
        plugins,
        sidecar,
        episode=episode,
        duration=duration,
        write_sidecar=write_sidecar,
        use_sidecar=not ignore_sidecar,
    )
    report_sidecar(result)
    if explain:
        text = format_explained(result.chapters, result.explanations)
    elif out_format == "yaml":
        text = sidecar_body(result.chapters, result.explanations)
    else:
        context = make_context(
            result.chapters, show=show, episode=episode, transcript=parsed, duration=duration
        )
        text = render_one(env, formats[out_format], context)
    emit(text, output)


@click.command("eval", context_settings=CONTEXT)
@click.argument("corpus", type=click.Path(path_type=Path, file_okay=False))
@CONFIG_OPTION
@click.option("--titles", is_flag=True, help="Also list predicted titles beside the true ones.")
@click.option(
    "--leave-one-out",
    is_flag=True,
    help="Also refit the decoder without each show and score it on that show.",
)
@click.option(
    "--audit-rules",
    "rule_audit",
    is_flag=True,
    help="Also audit the cue rules: per rule and show, matches where its kind belongs / all "
    "matches, and whether it fires correctly in two shows.",
)
@click.option(
    "--with",
    "also",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Another corpus folder whose shows join the leave-one-show-out fit.",
)
@RULES_OPTION
@click.option(
    "--true-count",
    is_flag=True,
    help="Ask detection for as many chapters as each episode's publisher made: how well it "
    "places them when it knows how many.",
)
@reports_errors
def eval_command(
    corpus: Path,
    config: Path | None,
    titles: bool,
    leave_one_out: bool,
    rule_audit: bool,
    also: tuple[Path, ...],
    rules: Path | None,
    true_count: bool,
) -> None:
    """Score chapter detection against episodes whose true chapters are known.

    CORPUS holds one folder per episode with a transcript.* file and a chapters.json whose
    "chapters" list "start" seconds and "title". Prints per-episode and overall boundary
    precision, recall and F1 (a predicted start within 15 s of a true one, one-to-one,
    starts at 0 left out) and a title score, per episode and per show (chapters.json's
    "show"). --leave-one-out refits the decoder's weights without each show in turn;
    --audit-rules audits the cue rules (the config's own first, then the defaults) over
    CORPUS and every --with folder; --rules FILE scores with a learned rules file;
    --true-count asks for each episode's true number of chapters.

    \b
    Example:
      shownotes eval ../shared/corpus
      shownotes eval ../shared/corpus --leave-one-out --with ../shared/corpus-conversations
      shownotes eval ../shared/corpus --audit-rules --with ../shared/corpus-conversations
      shownotes eval my-show-corpus --rules learned-rules.yaml
      shownotes eval ../shared/corpus --true-count
    """
    from shownotes.chapters.evaluate import (
        evaluate_corpus,
        format_leave_one_out,
        format_report,
        format_titles,
        leave_one_show_out,
    )
    from shownotes.models import Detection

    show = show_config(config, rules)
    settings = show.detection if show else Detection()
    report = evaluate_corpus(corpus, settings, true_count=true_count)
    click.echo(format_report(report).rstrip("\n"))
    if leave_one_out:
        click.echo()
        click.echo(format_leave_one_out(leave_one_show_out([corpus, *also], settings)))
    if rule_audit:
        from shownotes.chapters.audit import audit, format_audit
        from shownotes.chapters.rules import load_rules

        click.echo()
        click.echo(format_audit(*audit([corpus, *also], load_rules(settings))))
    if titles:
        click.echo()
        click.echo(format_titles(report).rstrip("\n"))
