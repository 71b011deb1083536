"""Rendering: golden outputs of every default template, escaping, overrides, strictness."""

from __future__ import annotations

import io
import json
import subprocess
import warnings
from pathlib import Path
from xml.etree import ElementTree

import fastjsonschema
import pytest
import webvtt
from conftest import DATA, EXAMPLE, SHARED, ffprobe_chapters, need_tool

from shownotes import Chapter, RenderError, load_episode, load_show, read_transcript
from shownotes.chapters.files import read_chapters_json, read_sidecar
from shownotes.cli import main
from shownotes.outputs.fit import DescriptionCutWarning, balanced, fit_bytes
from shownotes.outputs.render import (
    BUILTIN_TEMPLATES,
    chapter_formats,
    make_context,
    make_environment,
    output_templates,
    render_outputs,
)

GOLDEN = DATA / "golden" / "2026-06-07"
EPISODE_DIR = EXAMPLE / "episodes" / "2026-06-07"
PSC = "http://podlove.org/simple-chapters"
DEFAULT_OUTPUTS = [
    "chapters.audacity.txt",
    "chapters.cue",
    "chapters.ffmetadata.txt",
    "chapters.json",
    "chapters.mp4chaps.txt",
    "chapters.psc.xml",
    "chapters.txt",
    "chapters.vtt",
    "notes.html",
    "notes.md",
    "notes.txt",
]


def example_context(chapters: tuple[Chapter, ...] | None = None) -> dict[str, object]:
    show = load_show(EXAMPLE / "config.yaml")
    episode = load_episode(EPISODE_DIR)
    if chapters is None:
        chapters = read_sidecar(GOLDEN / "chapters.yaml", duration=1017)
    return make_context(
        chapters,
        show=show,
        episode=episode,
        transcript=read_transcript(episode.transcript),
        duration=1017,
    )


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return render_outputs(example_context(), make_environment())


def test_every_default_template_is_an_output() -> None:
    assert [n.removesuffix(".j2") for n in output_templates(make_environment())] == DEFAULT_OUTPUTS
    assert set(chapter_formats(make_environment())) == {
        "audacity",
        "cue",
        "ffmetadata",
        "json",
        "mp4chaps",
        "psc",
        "txt",
        "vtt",
    }


@pytest.mark.parametrize("name", DEFAULT_OUTPUTS)
def test_golden(outputs: dict[str, str], name: str, update_golden: bool) -> None:
    expected = GOLDEN / name
    if update_golden or not expected.exists():
        expected.write_text(outputs[name], encoding="utf-8")
    assert outputs[name] == expected.read_text(encoding="utf-8")


def test_chapters_json_meets_the_spec(outputs: dict[str, str], tmp_path: Path) -> None:
    doc = json.loads(outputs["chapters.json"])
    schema = SHARED / "schemas" / "pc20-chapters-1.2.schema.json"
    if schema.exists():
        fastjsonschema.compile(json.loads(schema.read_text()))(doc)
    assert doc["version"] == "1.2.0"
    starts = [c["startTime"] for c in doc["chapters"]]
    assert starts == sorted(starts) and starts[0] == 0
    assert all(isinstance(s, (int, float)) and not isinstance(s, bool) for s in starts)
    assert doc["chapters"][-1] == {
        "startTime": 900.5,
        "endTime": 1017,
        "title": "Takeaways and sign-off",
    }
    marker = next(c for c in doc["chapters"] if c["title"] == "Sponsor art")
    assert marker["toc"] is False and marker["img"].startswith("https://")
    path = tmp_path / "chapters.json"
    path.write_text(outputs["chapters.json"])
    assert read_chapters_json(path, 1017) == read_sidecar(GOLDEN / "chapters.yaml", 1017)


def test_psc_is_namespaced_xml(outputs: dict[str, str]) -> None:
    root = ElementTree.fromstring(outputs["chapters.psc.xml"].encode())
    assert root.tag == f"{{{PSC}}}chapters" and root.get("version") == "1.2"
    chapters = root.findall(f"{{{PSC}}}chapter")
    assert len(chapters) == 11  # the toc: false marker is not a chapter here
    assert chapters[1].get("href") == "https://example.com/wired-serif"
    assert chapters[-1].get("start") == "00:15:00.500"
    assert chapters[4].get("title") == "Story 3: Anthropic, the NSA & the moratorium"


def test_webvtt_chapters_read_by_webvtt_py(outputs: dict[str, str]) -> None:
    cues = webvtt.from_buffer(io.StringIO(outputs["chapters.vtt"])).captions
    assert cues[0].start == "00:00:00.000" and cues[-1].end == "00:16:57.000"
    assert cues[4].raw_text == "Story 3: Anthropic, the NSA &amp; the moratorium"


def test_cue_frames_and_audacity_labels(outputs: dict[str, str]) -> None:
    assert "    INDEX 01 15:00:38\n" in outputs["chapters.cue"]  # 900.5 s = 15:00 + 37.5 frames
    first = outputs["chapters.audacity.txt"].splitlines()[0].split("\t")
    assert first == ["0.000000", "20.000000", "Intro"]


def test_ffmetadata_read_back_by_ffprobe(outputs: dict[str, str], tmp_path: Path) -> None:
    ffmpeg = need_tool("ffmpeg")
    meta = tmp_path / "chapters.ffmetadata.txt"
    meta.write_text(outputs["chapters.ffmetadata.txt"], encoding="utf-8")
    tagged = tmp_path / "tagged.mp3"
    subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-i",
            str(EPISODE_DIR / "episode.mp3"),
            "-i",
            str(meta),
            "-map_metadata",
            "1",
            "-codec",
            "copy",
            str(tagged),
        ],
        check=True,
    )
    got = [(start, title) for start, _, title in ffprobe_chapters(tagged)]
    assert got[0] == (0.0, "Intro")
    assert got[4] == (348.0, "Story 3: Anthropic, the NSA & the moratorium")
    assert got[-1] == (900.5, "Takeaways and sign-off") and len(got) == 11


def test_description_lines_follow_youtube_and_apple(outputs: dict[str, str]) -> None:
    lines = [ln for ln in outputs["notes.txt"].splitlines() if ln[:2].isdigit()]
    assert lines[0] == "00:00 Intro" and len(lines) >= 3
    assert lines[-1] == "15:00 Takeaways and sign-off"


def test_long_episodes_use_hours() -> None:
    chapters = (
        Chapter(0, 1800, "Intro"),
        Chapter(1800, 3700, "Middle"),
        Chapter(3700, 4000, "End"),
    )
    out = render_outputs(
        example_context(chapters) | {"duration": 4000, "long": True},
        make_environment(),
        ["chapters.txt.j2"],
    )
    assert out["chapters.txt"] == "0:00:00 Intro\n0:30:00 Middle\n1:01:40 End\n"


HOSTILE = '<script>alert("x")</script> & ]]> --> \x0b{{ 7*7 }} *bold* [x](javascript:alert(1))'


def test_hostile_titles_stay_inert() -> None:
    chapters = (
        Chapter(0, 100, HOSTILE, url="javascript:alert(1)"),
        Chapter(100, 200, "Fine", image="data:text/html,<script>"),
        Chapter(200, 1017, "Last"),
    )
    out = render_outputs(example_context(chapters), make_environment())
    assert "<script>" not in out["notes.html"] and "&lt;script&gt;" in out["notes.html"]
    assert 'href="javascript' not in out["notes.html"]
    assert "{{ 7*7 }}" in out["notes.html"]  # text, never evaluated as a template
    assert "<script>" not in out["notes.md"] and "](javascript" not in out["notes.md"]
    assert "\\*bold\\*" in out["notes.md"]
    assert json.loads(out["chapters.json"])["chapters"][0]["title"] == HOSTILE.replace("\x0b", "")
    assert "url" not in json.loads(out["chapters.json"])["chapters"][0]
    assert "img" not in json.loads(out["chapters.json"])["chapters"][1]
    root = ElementTree.fromstring(out["chapters.psc.xml"].encode())
    assert root[0].get("title") == HOSTILE.replace("\x0b", "") and root[0].get("href") is None
    assert "<script>" not in out["chapters.vtt"]  # webvtt-py 0.6 leaves entities in .text
    cue = webvtt.from_buffer(io.StringIO(out["chapters.vtt"])).captions[0]
    assert cue.text.startswith("&lt;script&gt;")
    # ffmetadata is plain text: the title survives, with ; = # \ escaped (none here)
    assert 'title=<script>alert("x")</script> & ]]> --> {{ 7*7 }}' in out["chapters.ffmetadata.txt"]


def test_override_changes_only_that_output(tmp_path: Path) -> None:
    (tmp_path / "notes.md.j2").write_text("Custom {{ title }}\n")
    (tmp_path / "credits.txt.j2").write_text("{{ show.author }}\n")
    (tmp_path / "notes.html.j2").write_text('{% extends "default:notes.html.j2" %}\n')
    default = render_outputs(example_context(), make_environment())
    custom = render_outputs(example_context(), make_environment(tmp_path))
    assert (
        custom["notes.md"]
        == "Custom Musk training on competitor models, Meta's Mad Max data centers\n"
    )
    assert custom["credits.txt"] == "The Synthesizer team\n"
    assert {k for k in default if default[k] != custom.get(k)} == {"notes.md"}


def test_missing_variable_names_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "notes.md.j2").write_text("line one\n{{ episode.title }}\n{{ episode.sponsor }}\n")
    with pytest.raises(RenderError) as info:
        render_outputs(example_context(), make_environment(tmp_path), ["notes.md.j2"])
    problem = info.value.problems[0]
    assert Path(str(problem.path)).name == "notes.md.j2" and problem.line == 3
    assert "sponsor" in problem.what


def test_invalid_json_from_a_template_is_refused(tmp_path: Path) -> None:
    (tmp_path / "chapters.json.j2").write_text(
        '{"version": "1.2.0", "chapters": [{"startTime": "0"}]}'
    )
    with pytest.raises(RenderError, match="startTime must be number"):
        render_outputs(example_context(), make_environment(tmp_path), ["chapters.json.j2"])


def test_cli_render_writes_nothing_when_a_template_fails(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "zzz.html.j2").write_text("{% for %}\n")
    config = tmp_path / "config.yaml"
    config.write_text((EXAMPLE / "config.yaml").read_text() + "templates_dir: templates\n")
    out = tmp_path / "out"
    assert main(["render", str(EPISODE_DIR), "--config", str(config), "-o", str(out)]) == 2
    assert not out.exists()


def test_cli_render_writes_every_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        main(["render", str(EPISODE_DIR), "--config", str(EXAMPLE / "config.yaml"), "-o", str(out)])
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*DEFAULT_OUTPUTS, "transcript.json", "transcript.vtt"]
    )
    published = read_transcript(out / "transcript.vtt")
    assert len(published.segments) == 289


def test_builtin_templates_found() -> None:
    assert (BUILTIN_TEMPLATES / "notes.html.j2").is_file()


def test_fit_plain_text_cuts_cleanly() -> None:
    text = "Intro line\n" + "ünïcödé wörds " * 400
    with pytest.warns(DescriptionCutWarning, match="over the 4000-byte limit"):
        cut = fit_bytes(text, 4000)
    assert len(cut.encode()) <= 4000 and cut.endswith("…")
    kept = cut.removesuffix("…")
    assert text.startswith(kept) and text[len(kept)] == " "  # cut at a word break
    assert fit_bytes("short", 4000) == "short"


def test_fit_html_never_cuts_inside_a_tag() -> None:
    html = (
        "<p>Notes</p><ul>"
        + "".join(
            f'<li><a href="https://e.com/{i}">ïtem {i} &amp; more</a></li>' for i in range(200)
        )
        + "</ul>"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DescriptionCutWarning)
        for limit in (50, 333, 1000, 4000):
            cut = fit_bytes(html, limit, html=True)
            assert len(cut.encode()) <= limit and balanced(cut), (limit, cut[-80:])
            assert cut.count("<") == cut.count(">")


def test_long_description_is_cut_with_a_warning(tmp_path: Path) -> None:
    episode = load_episode(EPISODE_DIR)
    long = example_context() | {"description": "Wörds and more wörds. " * 300}
    with pytest.warns(DescriptionCutWarning):
        out = render_outputs(long, make_environment(), ["notes.txt.j2"])
    assert len(out["notes.txt"].encode()) <= 4000
    assert episode.title  # the episode itself is untouched
