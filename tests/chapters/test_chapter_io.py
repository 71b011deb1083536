"""Chapter files: Podcasting 2.0 JSON against the spec's schema facts, the editable sidecar."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes import Chapter, ShownotesError
from shownotes.chapters.files import (
    read_chapters_json,
    read_sidecar,
    sidecar_state,
    sidecar_text,
)
from shownotes.outputs.render import make_context, make_environment, render_outputs

CHAPTERS = (
    Chapter(0, 20, "Intro"),
    Chapter(20, 84.5, "Serif fonts: the trust costume", url="https://example.com/serif"),
    # a listed chapter runs on under a silent marker (toc: false) to the next listed one
    Chapter(84.5, 1017, 'Story 1: "quotes" & <tags>', image="https://example.com/1.jpg"),
    Chapter(226, 1017, "Silent marker", toc=False),
)


def test_chapters_json_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    context = make_context(CHAPTERS, duration=1017)
    path.write_text(
        render_outputs(context, make_environment(), ["chapters.json.j2"])["chapters.json"]
    )
    assert read_chapters_json(path, duration=1017) == CHAPTERS


def test_sidecar_round_trip_and_states(tmp_path: Path) -> None:
    path = tmp_path / "episode.chapters.yaml"
    assert sidecar_state(path) == "missing"
    path.write_text(sidecar_text(CHAPTERS, "transcript.txt"))
    assert sidecar_state(path) == "generated"
    assert read_sidecar(path, duration=1017) == CHAPTERS
    text = path.read_text()
    # quoted: unquoted, YAML 1.1 would read a sexagesimal float (which also means 84.5)
    assert "- start: '00:01:24.500'\n" in text and "- start: 00:03:46\n" in text
    path.write_text(text.replace("Intro", "Cold open"))
    assert sidecar_state(path) == "edited"
    assert read_sidecar(path, duration=1017)[0].title == "Cold open"
    path.write_text("chapters:\n- start: 0\n  title: By hand, no header\n")
    assert sidecar_state(path) == "edited"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "chapters:\n- start: '00:02:00'\n  title: B\n- start: 60\n  title: A\n",
            r":4: chapter at 00:01:00 comes before 00:02:00",
        ),
        (
            "chapters:\n- start: soon\n  title: A\n",
            r":2: chapters\[0\]: start 'soon' is not a time",
        ),
        ("chapters:\n- start: 0\n  title: ''\n", r":2: chapters\[0\]: empty title"),
        (
            "chapters:\n- start: 0\n  title: A\n- start: 2000\n  title: Z\n",
            r":4: chapter at 00:33:20 starts after the audio ends",
        ),
        ("chapters: []\n", r"no chapters in the file"),
        ("title: no list\n", r":1: no 'chapters:' list"),
    ],
)
def test_sidecar_errors_name_the_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "x.chapters.yaml"
    path.write_text(body)
    with pytest.raises(ShownotesError, match=message):
        read_sidecar(path, duration=1017)


titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda t: t.strip() == t and t
)


@settings(max_examples=150, deadline=None)
@given(
    starts=st.lists(st.integers(0, 10_000_000), min_size=1, max_size=20, unique=True),
    names=st.lists(titles, min_size=20, max_size=20),
)
def test_sidecar_round_trips_any_titles(
    tmp_path_factory: pytest.TempPathFactory, starts: list[int], names: list[str]
) -> None:
    starts = sorted(starts)
    ends = [*starts[1:], starts[-1] + 1000]
    chapters = tuple(
        Chapter(s / 1000, e / 1000, n) for s, e, n in zip(starts, ends, names, strict=False)
    )
    path = tmp_path_factory.mktemp("sidecar") / "e.chapters.yaml"
    path.write_text(sidecar_text(chapters, "t.txt"), encoding="utf-8")
    assert sidecar_state(path) == "generated"
    assert read_sidecar(path, duration=ends[-1] / 1000) == chapters
