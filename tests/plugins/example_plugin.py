"""An example shownotes plugin, used by the tests: one of each hook."""

from __future__ import annotations

from pathlib import Path

from shownotes import Chapter, CueRule, Plugin


class ExamplePlugin(Plugin):
    name = "example"

    def cue_rules(self, show):  # type: ignore[no-untyped-def]
        return [CueRule(pattern=r"\blistener mail\b", kind="segment", label="Listener mail")]

    def title_chapter(self, chapter: Chapter, *, transcript, episode):  # type: ignore[no-untyped-def]
        return "Cold open" if chapter.title == "Intro" else None

    def template_dirs(self, show):  # type: ignore[no-untyped-def]
        return [Path(__file__).parent / "example_templates"]

    def after_publish(self, result, *, show):  # type: ignore[no-untyped-def]
        log = show.output_dir / "published.log"
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{result.folder.name}\n")


plugin = ExamplePlugin()
