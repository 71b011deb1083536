"""Decide an episode's chapters: detected from the transcript, unless a person edited them.

The sidecar beside the episode is the hand-off between shownotes and people: shownotes writes
what it detected there; a sidecar a person changed wins over detection, and shownotes only
reports (as a diff) what detection would have changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from shownotes.atomic import write_atomic
from shownotes.chapters.explain import Explanation, read_explanations
from shownotes.chapters.files import SIDECAR_NAME as SIDECAR_NAME
from shownotes.chapters.files import episode_sidecar as episode_sidecar
from shownotes.chapters.files import find_sidecar as find_sidecar
from shownotes.chapters.files import read_sidecar, sidecar_body, sidecar_state, sidecar_text
from shownotes.chapters.files import sidecar_path as sidecar_path
from shownotes.models import Chapter, Detection, Episode, Transcript

SidecarAction = Literal["none", "written", "updated", "unchanged", "kept-edited"]


def adopt_sidecar(episode: Episode) -> str:
    """Rename a sidecar named after an audio file to the episode's own name; says so."""
    found, own = find_sidecar(episode), episode_sidecar(episode)
    if found == own:
        return ""
    os.replace(found, own)
    return f"renamed {found.name} to {own.name} (the sidecar now follows the episode)"


@dataclass(frozen=True, slots=True)
class ChapterResult:
    """The chapters to publish, where they came from, and what happened to the sidecar."""

    chapters: tuple[Chapter, ...]
    origin: Literal["detected", "sidecar"]
    sidecar: Path
    action: SidecarAction
    #: Unified diff from the edited sidecar to what detection found now (empty if none).
    pending: str = ""
    #: Why each automatic chapter is there, keyed by its start; a chapter a person edited
    #: has none (see :mod:`shownotes.chapters.explain`).
    explanations: dict[float, Explanation] = field(default_factory=dict)


def resolve_chapters(
    transcript: Transcript,
    settings: Detection,
    sidecar: Path,
    *,
    duration: float | None = None,
    write_sidecar: bool = False,
    use_sidecar: bool = True,
    refine: Callable[[tuple[Chapter, ...]], tuple[Chapter, ...]] | None = None,
    episode: Episode | None = None,
) -> ChapterResult:
    """Detect chapters, and honour or (re)write the sidecar at ``sidecar``.

    - a sidecar edited by a person is used as it is and never written; the diff to the fresh
      detection is returned in ``pending``;
    - with ``write_sidecar``, a missing or untouched sidecar is written with the detection;
    - ``refine`` (e.g. plugin titlers) is applied to detected chapters before all of that;
    - ``episode``'s description and links help title detected chapters.
    """
    from shownotes.chapters.detector import detect_explained  # (not to find a sidecar)

    detected, explained = detect_explained(transcript, settings, duration=duration, episode=episode)
    if refine is not None:
        detected = refine(detected)
    explained = {c.start: explained[c.start] for c in detected if c.start in explained}
    state = sidecar_state(sidecar) if use_sidecar or write_sidecar else "missing"
    if state == "edited":
        import difflib

        kept = read_sidecar(sidecar, duration)
        pending = "".join(
            difflib.unified_diff(
                sidecar_body(kept).splitlines(keepends=True),
                sidecar_body(detected).splitlines(keepends=True),
                f"{sidecar.name} (edited, kept)",
                f"{sidecar.name} (detected now)",
            )
        )
        if use_sidecar:
            chapters, origin, explained = kept, "sidecar", read_explanations(sidecar)
        else:
            chapters, origin = detected, "detected"
        return ChapterResult(chapters, origin, sidecar, "kept-edited", pending, explained)
    action: SidecarAction = "none"
    if write_sidecar:
        name = transcript.source.name if transcript.source else sidecar.stem
        text = sidecar_text(detected, name, explained)
        if state == "missing":
            action = "written"
        elif sidecar.read_text(encoding="utf-8") == text:
            action = "unchanged"
        else:
            action = "updated"
        if action != "unchanged":
            write_atomic(sidecar, text)
    return ChapterResult(detected, "detected", sidecar, action, explanations=explained)
