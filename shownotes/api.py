"""The Python API: the same jobs as the command line, for scripts and static-site generators.

import shownotes
report = shownotes.publish("config.yaml")                 # every episode, then the feed
outputs = shownotes.render("episodes/2026-06-07")        # {"notes.html": "...", ...}
problems = shownotes.check("config.yaml")                # [] when all is well
"""

from __future__ import annotations

from pathlib import Path

from shownotes.config import load_episode, load_show
from shownotes.errors import Problem
from shownotes.outputs.render import write_outputs
from shownotes.publishing.catalog import load_catalog
from shownotes.publishing.check import check_catalog
from shownotes.publishing.pipeline import PublishReport, publish_catalog
from shownotes.publishing.prepare import prepare


def publish(
    config: Path | str | None = None,
    episode: Path | str | None = None,
    *,
    force: bool = False,
    jobs: int | None = 1,
) -> PublishReport:
    """Publish one episode (a folder or episode.yaml) or, by default, every episode of the
    show in ``config``, then the feed. ``jobs`` processes (None: one per core)."""
    catalog = load_catalog(Path(config) if config else None)
    chosen = [load_episode(episode)] if episode else None
    return publish_catalog(catalog, chosen, force=force, jobs=jobs)


def check(config: Path | str | None = None, episode: Path | str | None = None) -> list[Problem]:
    """Problems that would stop one episode (or every episode) from publishing well."""
    catalog = load_catalog(Path(config) if config else None)
    chosen = [load_episode(episode)] if episode else list(catalog.episodes)
    problems = [p for e in catalog.errors for p in e.problems] if not episode else []
    return problems + check_catalog(catalog.show, chosen)


def render(
    episode: Path | str, config: Path | str | None = None, outdir: Path | str | None = None
) -> dict[str, str]:
    """An episode's rendered outputs by file name; written into ``outdir`` when given."""
    show = load_show(config) if config else None
    prepared = prepare(load_episode(episode), show)
    if outdir is not None:
        write_outputs(prepared.outputs, Path(outdir))
    return prepared.outputs
