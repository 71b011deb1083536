"""The README documents every command, API function and plugin hook; __all__ is sorted."""

from __future__ import annotations

import click
from conftest import ROOT

import shownotes
from shownotes.cli import cli

README = (ROOT / "README.md").read_text()


def test_every_command_is_in_the_readme() -> None:
    names = cli.list_commands(click.Context(cli))  # commands are loaded lazily
    assert "publish" in names
    for name in names:
        assert f"`shownotes {name}" in README, name


def test_every_api_function_is_in_the_readme() -> None:
    functions = [n for n in shownotes.__all__ if callable(getattr(shownotes, n)) and n[0].islower()]
    for name in functions:
        assert f"`{name}(" in README or f"{name}(" in README, name


def test_public_names_are_sorted_and_exist() -> None:
    assert shownotes.__all__ == sorted(shownotes.__all__)
    for name in shownotes.__all__:
        assert hasattr(shownotes, name), name


def test_readme_opens_with_the_two_set_up_commands() -> None:
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert len(block) == 2
    assert "shownotes publish --all --config examples/config.yaml" in block[0]
    ci = (ROOT / ".ci" / "run").read_text()
    assert ".venv/bin/pytest" in ci and block[1].endswith(".venv/bin/pytest")
