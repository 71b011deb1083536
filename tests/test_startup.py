"""Start-up stays cheap: ``shownotes --help`` and each command import only what they need."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import click

from shownotes.cli import COMMANDS, LazyGroup, cli

HEAVY = ("jinja2", "feedgen", "lxml", "mutagen", "yaml")


def imported_after(*argv: str) -> set[str]:
    """The top-level modules loaded by running ``shownotes ARGV`` in a fresh interpreter."""
    code = (
        "import sys\nfrom shownotes.cli import main\nmain(sys.argv[1:])\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True
    )
    return set(run.stderr.split())


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
