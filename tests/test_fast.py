"""``tag`` and ``check`` without click (``shownotes.cli.fast``): click would read every command
line taken there the same way, and both ways print the same and exit with the same status."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.audio.silence import silent_mp3
from shownotes.cli import cli, main
from shownotes.cli.fast import parse_plain
from shownotes.cli.group import run as run_with_click


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with an MP3, chapters JSON, a sidecar, a folder and an unreadable file."""
    (tmp_path / "ep.mp3").write_bytes(silent_mp3(120))
    items = [{"startTime": 0, "title": "One"}, {"startTime": 30, "title": "Two"}]
    (tmp_path / "ch.json").write_text(json.dumps({"version": "1.2.0", "chapters": items}))
    (tmp_path / "bad.json").write_text('{"version": "1.2.0", "chapters": [{"title": 1}]}')
    (tmp_path / "ep.chapters.yaml").write_text("- start: 0:00\n  title: One\n")
    (tmp_path / "folder").mkdir()
    (tmp_path / "episode.yaml").write_text("title: x\n")
    (tmp_path / "locked.json").write_text("{}")
    (tmp_path / "locked.json").chmod(0)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def click_params(argv: list[str]) -> tuple[str, dict[str, Any]]:
    """The command and parameters click parses ``argv`` into (raises when it refuses it)."""
    name, *rest = argv
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    with command.make_context(name, list(rest)) as ctx:
        return name, dict(ctx.params)


PLAIN = [
    ["tag", "ep.mp3", "--chapters", "ch.json"],
    ["tag", "--chapters", "ch.json", "ep.mp3"],
    ["tag", "ep.mp3", "--chapters=ch.json", "--id3v2.4", "--toc-title", "Contents"],
    ["tag", "ep.mp3", "--toc-title=T i t l e", "--chapters", "ep.chapters.yaml", "-c", "x.yaml"],
    ["tag", "missing.mp3", "--chapters", "missing.json", "--config=c.yaml"],
    ["check", "folder"],
    ["check", "folder", "--config", "x.yaml"],
    ["check", "-c", "x.yaml", "missing"],
]


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_a_plain_command_line_is_read_as_click_reads_it(files: Path, argv: list[str]) -> None:
    assert parse_plain(argv) == click_params(argv)


OTHERS = [
    ["tag", "ep.mp3", "--chapters", "ch.json", "--help"],
    ["tag", "ep.mp3", "--chapters"],
    ["tag", "ep.mp3"],
    ["tag", "--chapters", "ch.json"],
    ["tag", "ep.mp3", "other.mp3", "--chapters", "ch.json"],
    ["tag", "ep.mp3", "--chapters", "ch.json", "--chapters", "ch.json"],
    ["tag", "ep.mp3", "--chapters", "-x.json"],
    ["tag", "ep.mp3", "-cx.yaml", "--chapters", "ch.json"],
    ["tag", "ep.mp3", "--chapters", "ch.json", "--"],
    ["tag", "ep.mp3", "--chapters", ""],
    ["tag", "ep.mp3", "--chap", "ch.json"],
    ["tag", "folder", "--chapters", "ch.json"],
    ["tag", "ep.mp3", "--chapters", "ch.json", "--config", "folder"],
    ["tag", "ep.mp3", "--chapters", "ch.json", "--id3v2.4=yes"],
    ["check", "--all"],
    ["check", "folder", "--apps"],
    ["check"],
    ["-V", "check", "folder"],
    ["publish", "folder"],
]


@pytest.mark.parametrize("argv", OTHERS, ids=" ".join)
def test_anything_else_is_left_to_click(files: Path, argv: list[str]) -> None:
    assert parse_plain(argv) is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file without read permission")
def test_an_unreadable_file_is_left_to_click(files: Path) -> None:
    assert parse_plain(["tag", "ep.mp3", "--chapters", "locked.json"]) is None


TOKENS = [
    *("tag", "check", "ep.mp3", "ch.json", "folder", "x.yaml", "missing", "-"),
    *("--chapters", "--chapters=ch.json", "--toc-title", "--toc-title=", "--id3v2.4"),
    *("-c", "--config", "--config=x.yaml", "--all", "--apps", "-h", "--", "-V", "--id3v2"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=7))
def test_whatever_is_taken_click_reads_the_same(argv: list[str]) -> None:
    here = Path(__file__).parent / "data"  # any folder: the names need not exist
    old = Path.cwd()
    os.chdir(here)
    try:
        taken = parse_plain(argv)
        if taken is not None:
            assert taken == click_params(argv)
    finally:
        os.chdir(old)


def both_ways(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[tuple[int, str, str]]:
    """(status, stdout, stderr) of ``argv`` without click and with it, in turn."""
    mp3 = Path("ep.mp3")
    original = mp3.read_bytes() if mp3.is_file() else None
    outcomes = []
    for runner in (main, run_with_click):
        if original is not None:
            mp3.write_bytes(original)  # each way tags the same file
        code = runner(argv)
        out, err = capsys.readouterr()
        outcomes.append((code, out, err))
    return outcomes


@pytest.mark.parametrize(
    "argv",
    [
        ["tag", "ep.mp3", "--chapters", "ch.json"],
        ["tag", "ep.mp3", "--chapters", "ep.chapters.yaml", "--id3v2.4", "--toc-title", "T"],
        ["tag", "ep.mp3", "--chapters", "bad.json"],
        ["tag", "ep.mp3", "--chapters", "missing.json"],
        ["tag", "missing.mp3", "--chapters", "ch.json"],
        ["tag", "ch.json", "--chapters", "ch.json"],
        ["check", "folder"],
        ["check", "missing", "--config", "missing.yaml"],
    ],
    ids=" ".join,
)
def test_both_ways_print_the_same(
    files: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    fast, clicked = both_ways(argv, capsys)
    assert fast == clicked


def test_check_of_a_published_show_prints_the_same_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from shownotes.api import publish
    from shownotes.publishing.init import init_show

    init_show(tmp_path / "show")
    assert not publish(tmp_path / "show" / "config.yaml").errors
    episode = next((tmp_path / "show" / "episodes").iterdir())
    capsys.readouterr()
    fast, clicked = both_ways(["check", str(episode)], capsys)
    assert fast == clicked and fast[0] == 0 and "ok: 1 episode ready" in fast[1]
    (tmp_path / "show" / "public" / "feed.xml").write_text("<rss><channel/></rss>")
    fast, clicked = both_ways(["check", str(episode)], capsys)
    assert fast == clicked and fast[0] == 1


def test_an_unexpected_error_is_one_line_both_ways(
    files: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shownotes.audio.tagfile as tagfile

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(tagfile, "write_chapters", broken)
    fast, clicked = both_ways(["tag", "ep.mp3", "--chapters", "ch.json"], capsys)
    assert fast[0] == clicked[0] == 70
    assert [len(way[2].splitlines()) for way in (fast, clicked)] == [1, 1]
    assert "please report this" in fast[2]
