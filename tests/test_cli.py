"""The command line: exit codes, one-line errors, help texts, output formats."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, copy_example_episode, ffprobe_chapters, need_shared, run

from shownotes.cli import main

EPISODE = EXAMPLE / "episodes" / "2026-06-07"


BAD_INPUTS = {
    "empty.txt": (b"", r"empty\.txt:1: empty file"),
    "nostamps.txt": (b"just words\nand more words\n", r"nostamps\.txt:1: no timestamped lines"),
    "backwards.txt": (
        b"00:00:01 a\n00:00:19 b\n00:00:05 c\n",
        r"backwards\.txt:3: timestamp 00:00:05 goes back before 00:00:19 on line 2",
    ),
    "minutes.txt": (
        b"00:00:01 a\n00:61:00 b\n",
        r"minutes\.txt:2: bad timestamp .*minute 61 is out of range",
    ),
    "garbage.bin": (bytes(range(256)) * 4, r"garbage\.bin:1: "),
    "bad.json": (
        b'{"segments": [\n{"startTime": "00:02:48", "body": "x"}]}',
        r"bad\.json: segment 0: startTime .* not a number",
    ),
    "broken.json": (b'{"segments": [\n  {"startTime": 1,, }]}', r"broken\.json:2: invalid JSON"),
    "cue.srt": (
        b"1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:0x,000 --> 00:00:04,000\nyo\n",
        r"cue\.srt:6: ",
    ),
    "novtt.vtt": (
        b"00:01.000 --> 00:02.000\nhi\n",
        r"novtt\.vtt:1: a WebVTT file must start with the line WEBVTT",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_transcripts_give_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    data, pattern = BAD_INPUTS[name]
    (tmp_path / name).write_bytes(data)
    result = run("transcript", name, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert re.match(pattern, lines[0]), lines[0]
    assert "Traceback" not in result.stderr


def test_a_small_backward_stamp_is_read_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "edit.txt"
    path.write_bytes(b"00:00:01 a\n00:00:09 b\n00:00:06 c\n00:00:12 d\n")
    assert main(["transcript", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert re.search(r"warning: .*edit\.txt:3: timestamp 00:00:06 goes back", captured.err)
    starts = [s["startTime"] for s in json.loads(captured.out)["segments"]]
    assert starts == [1, 9, 9, 12]


def test_missing_file(tmp_path: Path) -> None:
    result = run("transcript", "nope.srt", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "nope.srt: no such file (check the path)\n")


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("title: x\nlink: [oops\nlanguage: en\n")
    result = run("episodes", cwd=tmp_path)
    assert result.returncode == 2
    assert re.fullmatch(r".*config\.yaml:\d+: YAML syntax error: .*\n", result.stderr)


def test_bad_episode_yaml_is_reported_and_others_listed(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("title: Show\nepisodes_dir: eps\n")
    for name, body in {
        "good": "title: Good\ndate: 2026-01-02\n",
        "bad": "title: Bad\ndate: soon\n",
    }.items():
        folder = tmp_path / "eps" / name
        folder.mkdir(parents=True)
        (folder / "episode.yaml").write_text(body)
        (folder / "audio.mp3").write_bytes(b"")
        (folder / "transcript.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nhi\n")
    result = run("episodes", "--check", cwd=tmp_path)
    assert result.returncode == 2
    assert "Good" in result.stdout and "Bad" not in result.stdout
    assert re.search(r"eps/bad/episode\.yaml:2: date: expected a date", result.stderr)


def test_transcript_prints_one_line_per_segment() -> None:
    result = run("transcript", str(EPISODE / "transcript.txt"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 289
    assert lines[0] == "00:00:00 This is your"
    assert lines[-1] == "00:16:55 This is your baby synthesizer."


def test_transcript_json_is_podcasting20(tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    assert main(["transcript", str(EPISODE), "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert doc["version"] == "1.0.0" and len(doc["segments"]) == 289
    assert doc["segments"][2] == {
        "startTime": 2,
        "endTime": 16,
        "body": doc["segments"][2]["body"],
    } and doc["segments"][2]["body"].startswith("Sunday, June seven")


def test_episodes_lists_the_example() -> None:
    result = run("episodes", "--config", str(EXAMPLE / "config.yaml"), "--check")
    assert result.returncode == 0, result.stderr
    assert "2026-06-07   #158  Musk training" in result.stdout
    assert "seed, 289 segments, 00:16:57" in result.stdout


def test_no_config_here(tmp_path: Path) -> None:
    result = run("episodes", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("shownotes: no show config")


@pytest.mark.parametrize("command", [[], ["transcript"], ["episodes"]])
def test_help_says_what_and_shows_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout
    assert "Usage: shownotes" in result.stdout


def test_usage_error_exits_2() -> None:
    assert run("transcript", "--format", "nope", "x").returncode == 2
    assert run("no-such-command").returncode == 2


def test_chapters_sidecar_flow(tmp_path: Path) -> None:
    folder = tmp_path / "ep"
    copy_example_episode(folder)
    first = run("chapters", str(folder), "--write-sidecar", "--format", "json")
    assert first.returncode == 0, first.stderr
    assert first.stderr == f"{folder / 'episode.chapters.yaml'}: written\n"
    doc = json.loads(first.stdout)
    assert doc["chapters"][0]["startTime"] == 0 and doc["chapters"][-1]["endTime"] == 1017
    again = run("chapters", str(folder), "-s")
    assert again.stderr.endswith("episode.chapters.yaml: unchanged\n")
    sidecar = folder / "episode.chapters.yaml"
    sidecar.write_text(sidecar.read_text().replace("title: Intro", "title: Cold open"))
    edited = run("chapters", str(folder), "-s")
    assert edited.returncode == 0
    assert edited.stdout.splitlines()[0] == "00:00 Cold open"
    assert "edited by hand, kept as it is" in edited.stderr
    assert "-  title: Cold open\n+  title: Intro\n" in edited.stderr
    assert "title: Cold open" in sidecar.read_text()
    fresh = run("chapters", str(folder), "--ignore-sidecar")
    assert fresh.stdout.splitlines()[0] == "00:00 Intro"


def test_chapters_unknown_format(tmp_path: Path) -> None:
    result = run("chapters", str(EPISODE / "transcript.txt"), "--format", "docx", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("shownotes: unknown chapter format 'docx' (use one of ")


def test_eval_prints_the_table() -> None:
    shared = need_shared()
    result = run("eval", str(shared / "corpus"))
    assert result.returncode == 0, result.stderr
    total = next(ln for ln in result.stdout.splitlines() if ln.startswith("total (news"))
    # A regression guard at what the built-in rules honestly reach (0.60); issue 13's bar of
    # 0.85 is not reached yet (see CHANGELOG).
    assert float(total.split()[-2]) >= 0.60
    assert "synthesizer-2026-06-07" in result.stdout
    python_bytes = next(ln for ln in result.stdout.splitlines() if ln.startswith("show: Python"))
    assert python_bytes.split()[-7:-5] == ["17", "14"]  # two episodes summed: pred, truth


def test_tag_the_example_and_read_it_back(tmp_path: Path) -> None:
    audio = tmp_path / "episode.mp3"
    shutil.copy(EPISODE / "episode.mp3", audio)
    sidecar = ROOT / "tests" / "data" / "golden" / "2026-06-07" / "chapters.yaml"
    first = run("tag", str(audio), "--chapters", str(sidecar))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"tagged {audio}: 12 chapters, ID3v2.3, via a new copy")
    again = run("tag", str(audio), "--chapters", str(sidecar))
    assert "in place" in again.stdout
    got = ffprobe_chapters(audio)
    assert got[0] == (0.0, 20.0, "Intro")
    assert got[2] == (84.0, 226.0, "Story 1: xAI trained on Claude's outputs")
    assert got[-1][0] == 900.5 and got[-1][1] == pytest.approx(1017, abs=0.05)
    listed = run("chapters", str(audio), "--format", "json")
    chapters = json.loads(listed.stdout)["chapters"]
    assert [c["title"] for c in chapters][:3] == [
        "Intro",
        "Serif fonts: the trust costume",
        "Story 1: xAI trained on Claude's outputs",
    ]


def test_tag_from_a_transcript_detects(tmp_path: Path) -> None:
    audio = tmp_path / "episode.mp3"
    shutil.copy(EPISODE / "episode.mp3", audio)
    config = EPISODE.parents[1] / "config.yaml"  # the example show's own cue rules
    transcript = str(EPISODE / "transcript.txt")
    result = run("tag", str(audio), "--chapters", transcript, "-c", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    listed = run("chapters", str(audio)).stdout.splitlines()
    assert listed[0] == "00:00 Intro" and any(line.startswith("03:46 Story 2") for line in listed)


def test_tag_refuses_bad_audio(tmp_path: Path) -> None:
    (tmp_path / "notes.mp3").write_text("not audio at all\n")
    result = run("tag", "notes.mp3", "--chapters", str(EPISODE / "transcript.txt"), cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("notes.mp3: ")
    assert (tmp_path / "notes.mp3").read_text() == "not audio at all\n"
