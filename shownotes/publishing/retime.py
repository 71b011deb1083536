"""``shownotes retime``: an episode's chapters, transcript and notes follow its edited audio.

The audio was cut or had ads inserted after the transcript was made; an edit list says how
(:mod:`shownotes.chapters.edits`). :func:`plan_retime` reads everything and computes every
file in memory (writing nothing, so a bad input changes nothing); :func:`apply_retime` writes
them, each atomically; :func:`retime_episode` does both and then publishes the episode, so
notes, chapter files, ID3 chapters and the feed all follow.

What changes, and why this way:

- **The transcript** is retimed into a new file beside the old one, in the same format
  (``transcript.txt`` → ``transcript.retimed.txt``; ``--in-place`` overwrites it instead), and
  ``episode.yaml``'s ``transcript:`` is pointed at it (the line is rewritten, or added when
  the file was found by name). The old-timeline transcript is kept for reference but no
  longer used, so no later step can detect chapters on the old timeline.
- **A hand-edited sidecar** gets its starts moved and stays hand-edited (it is written without
  a generation hash; its header comments are kept, comments between chapters are not).
- **An automatic sidecar** (or none) stays automatic: it is rewritten with the moved chapters
  and a fresh hash, and the publish that follows detects chapters again on the *retimed*
  transcript and writes what it found, so the sidecar, notes, chapter files, ID3 tags and
  feed all agree on the new timeline. Where that detection differs from the moved chapters,
  the report says so.
- **Insert markers** (``mark_inserts``) are a change detection cannot make, so they are
  written into a hand-edited sidecar, which then keeps them; the report says so.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from shownotes.atomic import write_atomic
from shownotes.audio.duration import audio_duration
from shownotes.chapters.edits import read_edits
from shownotes.chapters.files import (
    SidecarState,
    read_sidecar,
    sidecar_body,
    sidecar_state,
    sidecar_text,
)
from shownotes.chapters.resolve import find_sidecar
from shownotes.chapters.timeline import (
    Cut,
    Edits,
    Insert,
    Retimed,
    as_edits,
    retime,
    retime_transcript,
)
from shownotes.config import load_episode, load_yaml
from shownotes.errors import RenderError, ShownotesError
from shownotes.models import Chapter, Episode, Show, Transcript
from shownotes.paths import config_above
from shownotes.publishing.catalog import Catalog, load_catalog
from shownotes.publishing.plugins import load_plugins
from shownotes.publishing.prepare import settle_chapters
from shownotes.publishing.results import PublishReport
from shownotes.textfile import read_text
from shownotes.timecode import format_exact
from shownotes.transcripts import parse_transcript, read_transcript
from shownotes.transcripts.rewrite import rewrite

SidecarAfter = Literal["hand-edited", "automatic", "none"]


@dataclass(frozen=True, slots=True)
class RetimePlan:
    """Everything a retime will write, computed in memory; nothing is written yet."""

    episode: Episode
    edits: Edits
    #: The chapters before (from the sidecar, or detected) moved onto the new audio.
    retimed: Retimed
    #: The new audio's length, when there is audio to measure.
    duration: float | None
    sidecar: Path
    #: The sidecar as it was (``missing``, ``generated``, ``edited``) and what it becomes.
    sidecar_before: SidecarState
    sidecar_after: SidecarAfter
    #: The sidecar's new text; None when it is not written.
    sidecar_text: str | None
    transcript: Transcript
    transcript_path: Path
    transcript_text: str
    #: Segments dropped because all of their time was cut.
    dropped_segments: int
    #: episode.yaml's new text; None when it does not change (``in_place``).
    episode_text: str | None
    warnings: tuple[str, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        """The files :func:`apply_retime` writes, in the order it writes them."""
        paths = [self.transcript_path]
        if self.episode_text is not None and self.episode.source is not None:
            paths.append(self.episode.source)
        if self.sidecar_text is not None:
            paths.append(self.sidecar)
        return tuple(paths)


@dataclass(frozen=True, slots=True)
class RetimeReport:
    """What :func:`retime_episode` did: the plan, the files written, the publish."""

    plan: RetimePlan
    written: tuple[Path, ...] = ()
    published: PublishReport | None = None
    #: The chapters the publish used, when they differ from the moved ones (detection on the
    #: retimed transcript, for an automatic sidecar); empty otherwise.
    redetected: tuple[Chapter, ...] = field(default=())


def retimed_name(path: Path) -> Path:
    """Where the retimed copy of a transcript goes: ``NAME.retimed.EXT`` beside it (itself,
    when it already is a retimed copy)."""
    if path.stem.endswith(".retimed"):
        return path
    return path.with_name(f"{path.stem}.retimed{path.suffix}")


def _chapters_before(
    transcript: Transcript,
    episode: Episode,
    show: Show | None,
    sidecar: Path,
    state: SidecarState,
) -> tuple[Chapter, ...]:
    """The chapters on the old timeline: the sidecar's (edited or generated), else detected."""
    if state == "missing":
        plugins = load_plugins(show)
        found = settle_chapters(
            transcript, show, plugins, sidecar, episode=episode, use_sidecar=False
        ).chapters
    else:
        found = read_sidecar(sidecar)
    if not found:
        return found
    # the last one ends where the old audio did, as far as the transcript tells
    last = found[-1]
    end = max(last.end, last.start, transcript.duration)
    return (*found[:-1], Chapter(last.start, end, last.title, last.url, last.image, last.toc))


def _edited_text(chapters: Iterable[Chapter], old: str, edits: Edits) -> str:
    """A hand-edited sidecar's new text: its header comments (minus any generation hash),
    a note of the retime, then the chapters; with no hash it stays hand-edited."""
    header = []
    for line in old.splitlines():
        if not line.startswith("#"):
            break
        if not line.startswith("# shownotes-hash:") and not line.startswith("# Retimed by"):
            header.append(line)
    source = Path(edits.source).name if edits.source else "an edit list"
    header.append(f"# Retimed by shownotes retime with {source}; edited by hand, kept as it is.")
    return "\n".join(header) + "\n" + sidecar_body(list(chapters))


def _plain(name: str) -> str:
    return name if re.fullmatch(r"[\w./-]+", name) else '"' + name.replace('"', '\\"') + '"'


def _pointed_episode(source: Path, name: str) -> str | None:
    """episode.yaml's text with ``transcript:`` naming ``name``; None if it already does."""
    data = load_yaml(source)
    text = read_text(source)
    if data.get("transcript") == name:
        return None
    lines = text.split("\n")
    if "transcript" in data:
        number = data.key_lines["transcript"]
        match = re.match(r"^(\s*transcript\s*:\s*)(\S.*?)(\s+#.*)?$", lines[number - 1])
        if not match:
            raise ShownotesError(
                "cannot rewrite its 'transcript:' line",
                f"write 'transcript: {name}' on one line, or pass --in-place",
                path=source,
                line=number,
            )
        lines[number - 1] = f"{match[1]}{_plain(name)}{match[3] or ''}"
        new = "\n".join(lines)
    else:
        new = text if text.endswith("\n") or not text else text + "\n"
        new += "# shownotes retime: the transcript on the new audio's timeline\n"
        new += f"transcript: {_plain(name)}\n"
    check = yaml.safe_load(new)
    if not isinstance(check, dict) or check.get("transcript") != name:
        raise ShownotesError(
            "cannot point its 'transcript:' at the retimed transcript",
            f"set 'transcript: {name}' by hand, or pass --in-place",
            path=source,
        )
    return new


def _verify_transcript(text: str, path: Path, expected: Transcript) -> None:
    """The retimed transcript reads back as the segments meant (times within 1 ms)."""
    back = parse_transcript(text, path)
    want = [(s.start, s.text) for s in expected.segments]
    have = [(s.start, s.text) for s in back.segments]
    if len(want) != len(have) or any(
        abs(a[0] - b[0]) > 0.001 or a[1] != b[1] for a, b in zip(want, have, strict=True)
    ):
        raise RenderError(
            "the retimed transcript would not read back as written",
            "please report this; pass --in-place with a JSON transcript as a workaround",
            path=path,
        )


def plan_retime(
    episode: Episode,
    edits: Edits | Iterable[Cut | Insert],
    show: Show | None = None,
    *,
    in_place: bool = False,
    mark_inserts: bool = False,
) -> RetimePlan:
    """Read the episode, move its chapters and transcript, and compute every file a retime
    writes, without writing anything (so a bad input leaves everything as it was)."""
    edits = as_edits(edits)
    transcript = read_transcript(episode.transcript)
    duration = audio_duration(episode.audio) if episode.audio.is_file() else None
    sidecar = find_sidecar(episode)
    state = sidecar_state(sidecar)
    before = _chapters_before(transcript, episode, show, sidecar, state)
    retimed = retime(before, edits, duration=duration, mark_inserts=mark_inserts)
    moved, dropped = retime_transcript(transcript, edits, duration=duration)
    if not moved.segments:
        raise ShownotesError(
            "the edits cut every segment of the transcript",
            "check the edit list: its times are in the old audio",
            path=edits.source or None,
        )
    target = episode.transcript if in_place else retimed_name(episode.transcript)
    text = rewrite(moved)
    _verify_transcript(text, target, moved)
    episode_text = None
    if target != episode.transcript and episode.source is not None:
        name = os.path.relpath(target, episode.source.parent).replace(os.sep, "/")
        episode_text = _pointed_episode(episode.source, name)
    markers = any(row.fate == "inserted" for row in retimed.rows)
    new_sidecar: str | None
    after: SidecarAfter
    if state == "edited" or (mark_inserts and markers):
        old = read_text(sidecar) if state != "missing" else ""
        new_sidecar, after = _edited_text(retimed.chapters, old, edits), "hand-edited"
    elif state == "generated":
        new_sidecar, after = sidecar_text(retimed.chapters, target.name), "automatic"
    else:
        new_sidecar, after = None, "none"
    warnings = []
    ends = [s.start for s in retime_transcript(transcript, edits)[0].segments]
    if duration is not None and ends and ends[-1] > duration + 1:
        warnings.append(
            f"the transcript's last segment lands at {format_exact(ends[-1])}, after the end "
            f"of the audio ({format_exact(duration)}): do the edits describe this audio?"
        )
    return RetimePlan(
        episode=episode,
        edits=edits,
        retimed=retimed,
        duration=duration,
        sidecar=sidecar,
        sidecar_before=state,
        sidecar_after=after,
        sidecar_text=new_sidecar,
        transcript=moved,
        transcript_path=target,
        transcript_text=text,
        dropped_segments=dropped,
        episode_text=episode_text,
        warnings=tuple(warnings),
    )


def apply_retime(plan: RetimePlan) -> tuple[Path, ...]:
    """Write what ``plan`` computed, each file atomically: the retimed transcript first (no
    file names it yet), then episode.yaml (which now uses it), then the sidecar."""
    write_atomic(plan.transcript_path, plan.transcript_text)
    if plan.episode_text is not None and plan.episode.source is not None:
        write_atomic(plan.episode.source, plan.episode_text)
    if plan.sidecar_text is not None:
        write_atomic(plan.sidecar, plan.sidecar_text)
    return plan.files


def _find_catalog(episode: Path, config: Path | None) -> Catalog:
    """The show an episode folder belongs to: ``config``, else a config.yaml above it."""
    return load_catalog(config if config is not None else config_above(episode))


def _same(a: Iterable[Chapter], b: Iterable[Chapter]) -> bool:
    key = [(round(c.start, 3), c.title, c.toc) for c in a]
    return key == [(round(c.start, 3), c.title, c.toc) for c in b]


def retime_episode(
    episode: Path | str,
    edits: Path | str | Edits | Iterable[Cut | Insert],
    config: Path | str | None = None,
    *,
    in_place: bool = False,
    mark_inserts: bool = False,
    dry_run: bool = False,
    publish: bool = True,
) -> RetimeReport:
    """``shownotes retime``: move an episode's chapters and transcript onto its edited audio,
    rewrite its files, then publish it (unless ``publish`` is false) so every output follows.

    ``episode`` is its folder or episode.yaml; ``edits`` an edit file (any format
    :func:`~shownotes.chapters.edits.read_edits` reads) or edits built in code, in
    old-timeline seconds. With ``dry_run`` nothing is written. The show config is
    ``config``, else the config.yaml in or above the episode's folder.
    """
    from shownotes.publishing.pipeline import publish_catalog

    episode = Path(episode)
    if isinstance(edits, (str, Path)):
        edits = read_edits(edits)
    catalog = _find_catalog(episode, Path(config) if config else None)
    loaded = load_episode(episode)
    plan = plan_retime(loaded, edits, catalog.show, in_place=in_place, mark_inserts=mark_inserts)
    if dry_run:
        return RetimeReport(plan)
    written = apply_retime(plan)
    if not publish:
        return RetimeReport(plan, written)
    report = publish_catalog(catalog, [load_episode(episode)], force=True)
    if report.errors:
        raise report.errors[0]
    used = report.episodes[0].item.chapters if report.episodes[0].item else ()
    redetected = () if _same(used, plan.retimed.chapters) else tuple(used)
    return RetimeReport(plan, written, report, redetected)


def table(plan: RetimePlan) -> str:
    """The before/after table of chapters, one row each, and what happens to the files."""
    rows = [("before", "after", "chapter")]
    for row in plan.retimed.rows:
        old = format_exact(row.before.start) if row.before else ""
        new = format_exact(row.after.start) if row.after else "dropped"
        chapter = row.after or row.before
        title = chapter.title if chapter else ""
        if row.fate == "inserted":
            title += " (inserted; marker, toc: false)"
        elif row.why:
            title += f" ({row.fate}: {row.why})"
        rows.append((old, new, title))
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{a:<{width[0]}}  {b:<{width[1]}}  {c}".rstrip() for a, b, c in rows]
    return "\n".join(lines) + "\n"


def summary(plan: RetimePlan) -> list[str]:
    """One line per file a retime writes (or would write), and any warnings."""
    kept = len(plan.transcript.segments)
    lines = [
        f"{plan.transcript_path}: {kept} segments retimed"
        + (
            f", {plan.dropped_segments} dropped (all their time was cut)"
            if plan.dropped_segments
            else ""
        )
    ]
    if plan.episode_text is not None:
        lines.append(f"{plan.episode.source}: transcript: {plan.transcript_path.name}")
    if plan.sidecar_text is None:
        lines.append(
            f"{plan.sidecar.name}: none; publish detects chapters on the retimed transcript"
        )
    elif plan.sidecar_after == "hand-edited" and plan.sidecar_before != "edited":
        lines.append(
            f"{plan.sidecar}: now hand-edited (it holds the insert markers); delete it to "
            "detect chapters again"
        )
    elif plan.sidecar_after == "automatic":
        lines.append(
            f"{plan.sidecar}: retimed, stays automatic (publish detects chapters again on the "
            "retimed transcript)"
        )
    else:
        lines.append(f"{plan.sidecar}: retimed, stays hand-edited")
    lines += [f"warning: {w}" for w in plan.warnings]
    return lines
