"""Start-up stays cheap: ``shownotes --help`` and each command import only what they need."""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import click

from shownotes.audio.silence import silent_mp3
from shownotes.cli import COMMANDS, LazyGroup, cli
from shownotes.publishing.checked import CHECKED_FILE

HEAVY = ("jinja2", "feedgen", "lxml", "mutagen", "yaml")


#: Prints, after the command, each dataclass defined in a shownotes module it loaded.
DATACLASSES = """
import dataclasses
for name, module in list(sys.modules.items()):
    if name.startswith("shownotes"):
        for value in list(vars(module).values()):
            if dataclasses.is_dataclass(value) and value.__module__ == name:
                print(f"{name}.{value.__name__}", file=sys.stderr)
"""


def modules_after(*argv: str, cwd: Path | None = None) -> set[str]:
    """Every module loaded by running ``shownotes ARGV`` (to success) in a fresh interpreter."""
    code = (
        "import sys\nfrom shownotes.cli import main\ncode = main(sys.argv[1:])\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\nsys.exit(code)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True, cwd=cwd
    )
    return set(run.stderr.splitlines()[-1].split())


def imported_after(*argv: str) -> set[str]:
    """The top-level modules loaded by running ``shownotes ARGV`` in a fresh interpreter."""
    return {m.split(".")[0] for m in modules_after(*argv)}


def test_help_imports_no_library() -> None:
    loaded = imported_after("--help")
    assert not loaded & {*HEAVY, "shownotes.cli.common"}, loaded & set(HEAVY)


def test_a_command_help_imports_no_library() -> None:
    assert not imported_after("tag", "--help") & set(HEAVY)


def test_import_shownotes_loads_nothing_else() -> None:
    run = subprocess.run(
        [sys.executable, "-c", "import sys, shownotes; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not [m for m in HEAVY if f"'{m}'" in run.stdout]
    assert "'shownotes.models'" not in run.stdout


def test_the_command_table_matches_the_commands() -> None:
    for name, (module, attribute, summary) in COMMANDS.items():
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        assert command.name == name
        first = inspect.cleandoc(command.help or "").partition("\n\n")[0]
        assert " ".join(first.split()) == summary, name


def test_help_lists_every_command_as_click_would() -> None:
    eager = click.Group("shownotes", context_settings=cli.context_settings, help=cli.help)
    for name in COMMANDS:
        eager.add_command(cli.get_command(click.Context(cli), name))  # type: ignore[arg-type]
    fresh = LazyGroup("shownotes", context_settings=cli.context_settings, help=cli.help)
    lazy_help = fresh.get_help(click.Context(fresh, info_name="shownotes"))  # summaries only
    assert not fresh.commands
    eager_help = eager.get_help(click.Context(eager, info_name="shownotes"))
    assert lazy_help.split("Commands:")[1] == eager_help.split("Commands:")[1]


def test_help_imports_no_shutil() -> None:
    """click imports shutil (and zlib, bz2, lzma) for the terminal width; the group does not."""
    assert "shutil" not in modules_after("--help")


#: What tagging an MP3 from a chapters JSON file must not load: click (the plain command line
#: runs without it), templates, feeds, YAML and the show config, chapter detection, mutagen's
#: other formats, the show's dataclasses.
NOT_FOR_TAG = (
    "click",
    "jinja2",
    "feedgen",
    "lxml",
    "yaml",
    "importlib.metadata",
    "mutagen.flac",
    "mutagen.mp4",
    "shownotes.config",
    "shownotes.chapters.detector",
    "shownotes.chapters.explain",
    "shownotes.models.show",
    "shownotes.models.detection",
    "shownotes.models.timed",
    "shownotes.outputs",
    "shownotes.publishing",
    "shownotes.chapters.resolve",
    "fastjsonschema",
)


def test_tag_from_a_chapters_file_imports_only_the_tagger(tmp_path: Path) -> None:
    mp3, chapters = tmp_path / "ep.mp3", tmp_path / "chapters.json"
    mp3.write_bytes(silent_mp3(60))
    items = [{"startTime": 0, "title": "One"}, {"startTime": 30, "title": "Two"}]
    chapters.write_text(json.dumps({"version": "1.2.0", "chapters": items}))
    loaded = modules_after("tag", str(mp3), "--chapters", str(chapters))
    assert {"mutagen.mp3", "shownotes.audio.tagfile", "shownotes.models.chapter"} <= loaded
    assert not {m for m in loaded if m.startswith(NOT_FOR_TAG)}


#: What checking an episode unchanged since its last publish must not load: click, templates,
#: feed generation, plugins, detection and preparing the episode again, and modules wanted only
#: to report a mistake (the chapters schema ships compiled: tests/outputs/test_chapters_schema).
NOT_FOR_UNCHANGED_CHECK = (
    "click",
    "jinja2",
    "markupsafe",
    "feedgen",
    "importlib.metadata",
    "difflib",
    "traceback",
    "shownotes.chapters.decoder",
    "shownotes.chapters.detector",
    "shownotes.chapters.titles",
    "shownotes.chapters.rules",
    "shownotes.feed.build",
    "shownotes.publishing.pipeline",
    "shownotes.publishing.plugins",
    "shownotes.publishing.prepare",
    # issue 17, third pass: rendering, the tag writer, chapter resolution, fastjsonschema
    # (only for a chapters file that fails) and the platforms' YAML constructors
    "fastjsonschema",
    "shownotes.outputs.render",
    "shownotes.audio.tagfile",
    "shownotes.audio.frames",
    "shownotes.chapters.resolve",
)


def test_check_of_an_unchanged_episode_imports_no_detection_or_templates(
    tmp_path: Path,
) -> None:
    from shownotes.api import publish
    from shownotes.publishing.init import init_show

    init_show(tmp_path / "show")
    assert not publish(tmp_path / "show" / "config.yaml").errors  # the API records no verdict
    assert not (tmp_path / "show" / "public" / CHECKED_FILE).exists()  # so: the reading path
    episode = next((tmp_path / "show" / "episodes").iterdir())
    loaded = modules_after("check", str(episode))
    assert {"shownotes.publishing.saved", "shownotes.outputs.chapters_schema"} <= loaded
    assert {"shownotes.audio.tagread", "shownotes.outputs.published"} <= loaded
    assert not {m for m in loaded if m.startswith(NOT_FOR_UNCHANGED_CHECK)}


#: The dataclasses checking an unchanged episode may build (each costs about half a
#: millisecond at every start): the public data model, Problem, and records of the feed,
#: the catalogue index and the publish state. Private records are NamedTuples.
CHECK_DATACLASSES = {
    *(f"shownotes.models.chapter.{n}" for n in ("Chapter",)),
    *(f"shownotes.models.timed.{n}" for n in ("Segment", "Transcript")),
    *(f"shownotes.models.detection.{n}" for n in ("CueRule", "Section", "Style", "Detection")),
    *(
        f"shownotes.models.show.{n}"
        for n in ("Link", "Owner", "Funding", "PlatformRules", "Show", "Episode")
    ),
    "shownotes.errors.Problem",
    "shownotes.chapters.explain.Explanation",
    "shownotes.feed.items.Transcript",
    "shownotes.feed.items.ItemData",
    "shownotes.feed.update.UpdateResult",
    "shownotes.publishing.channels.Source",
    "shownotes.publishing.channels.Channels",
    "shownotes.publishing.index.CatalogIndex",
    "shownotes.publishing.state.State",
    "shownotes.transcripts.common.RawSegment",
}


def test_check_of_an_unchanged_episode_builds_no_new_dataclasses(tmp_path: Path) -> None:
    from shownotes.api import publish
    from shownotes.publishing.init import init_show

    init_show(tmp_path / "show")
    assert not publish(tmp_path / "show" / "config.yaml").errors  # the API records no verdict
    assert not (tmp_path / "show" / "public" / CHECKED_FILE).exists()  # so: the reading path
    episode = next((tmp_path / "show" / "episodes").iterdir())
    code = (
        "import sys\nfrom shownotes.cli import main\ncode = main(sys.argv[1:])\n"
        + DATACLASSES
        + "sys.exit(code)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "check", str(episode)],
        capture_output=True,
        text=True,
        check=True,
    )
    built = {line for line in run.stderr.splitlines() if line.startswith("shownotes.")}
    assert "shownotes.models.show.Show" in built  # (the probe works)
    assert built <= CHECK_DATACLASSES, sorted(built - CHECK_DATACLASSES)


#: Issue 17, fourth pass: with the verdict its last publish recorded (publishing/checked.py)
#: and every file it stands on unchanged, ``check`` reads no YAML, no MP3 and no feed.
NOT_FOR_RECORDED_CHECK = (
    *NOT_FOR_UNCHANGED_CHECK,
    "yaml",
    "mutagen",
    "lxml",
    "shownotes.config",
    "shownotes.models",
    "shownotes.publishing.check",
    "shownotes.publishing.saved",
    "shownotes.publishing.catalog",
)


def test_check_of_an_episode_unchanged_since_publish_reads_no_yaml_mp3_or_feed(
    tmp_path: Path,
) -> None:
    from shownotes.publishing.init import init_show

    init_show(tmp_path / "show")
    config = tmp_path / "show" / "config.yaml"
    published = subprocess.run(
        [sys.executable, "-m", "shownotes", "publish", "--all", "--config", str(config)],
        capture_output=True,
        text=True,
    )
    assert published.returncode == 0, published.stderr  # the command records the verdict
    assert (tmp_path / "show" / "public" / CHECKED_FILE).is_file()
    episode = next((tmp_path / "show" / "episodes").iterdir())
    loaded = modules_after("check", str(episode))
    assert "shownotes.publishing.checked" in loaded
    heavy = {m for m in loaded for n in NOT_FOR_RECORDED_CHECK if m == n or m.startswith(n + ".")}
    assert not heavy, heavy
