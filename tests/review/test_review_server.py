"""The review server over plain HTTP (no browser): what it serves, what it refuses, saving."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from reviewing import (
    TOKEN,
    detected_sidecar,
    make_show,
    open_review,
    post_save,
    request,
    running,
)

from shownotes.chapters.files import read_sidecar, sidecar_state
from shownotes.chapters.resolve import resolve_chapters
from shownotes.models import Detection
from shownotes.review.server import ReviewServer
from shownotes.review.session import PayloadError, ReviewSession


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_show(tmp_path)


@pytest.fixture
def session(folder: Path) -> ReviewSession:
    return open_review(folder)


@pytest.fixture
def server(session: ReviewSession) -> Iterator[ReviewServer]:
    with running(session) as server:
        yield server


def payload(server: ReviewServer, **changes: object) -> dict[str, object]:
    """What the page would post: the chapters as served, with ``changes`` applied."""
    state = request(server, "GET", "/api/state").json()
    chapters = [
        {k: c[k] for k in ("start", "title", "url", "image", "toc")} for c in state["chapters"]
    ]
    return {"version": state["version"], "chapters": chapters, **changes}


# --- reading --------------------------------------------------------------------------------


def test_the_page_lists_every_transcript_line_and_carries_the_chapters(
    server: ReviewServer, session: ReviewSession
) -> None:
    answer = request(server, "GET", "/")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    page = answer.body.decode()
    assert page.count('class="line"') == len(session.transcript.segments)
    state = json.loads(page.split('<script id="state" type="application/json">')[1].split("<")[0])
    assert state["duration"] == pytest.approx(1017.0)
    assert state["chapters"][0] == {
        "start": 0.0,
        "title": "Intro",
        "url": None,
        "image": None,
        "toc": True,
        "reason": None,
        "confidence": None,
    }
    assert state["version"] == "missing" and state["origin"] == "detected"


def test_the_page_escapes_markup_from_the_transcript(folder: Path) -> None:
    transcript = folder / "transcript.txt"
    evil = "00:00:16: <script>alert(1)</script> & <img src=x onerror=alert(2)> '</script>"
    text = transcript.read_text("utf-8")
    transcript.write_text(text.replace("00:00:16: buckle up.", evil), "utf-8")
    (folder / "episode.yaml").write_text(
        (folder / "episode.yaml")
        .read_text("utf-8")
        .replace("title: Musk", "title: </script><script>alert(3)</script> Musk"),
        "utf-8",
    )
    with running(open_review(folder)) as server:
        page = request(server, "GET", "/").body.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x" in page
    # the title also sits in the JSON island: no "</script>" can close it early
    island = page.split('<script id="state" type="application/json">')[1].split("</script>")[0]
    assert json.loads(island)["title"].startswith("</script><script>alert(3)")


def test_audio_answers_range_requests_for_seeking(server: ReviewServer, folder: Path) -> None:
    audio = (folder / "episode.mp3").read_bytes()
    whole = request(server, "GET", "/audio")
    assert whole.status == 200 and whole.body == audio
    assert whole.headers["Accept-Ranges"] == "bytes"
    assert whole.headers["Content-Type"] == "audio/mpeg"

    part = request(server, "GET", "/audio", headers={"Range": "bytes=500000-500999"})
    assert part.status == 206
    assert part.headers["Content-Range"] == f"bytes 500000-500999/{len(audio)}"
    assert part.headers["Content-Length"] == "1000"
    assert part.body == audio[500000:501000]

    tail = request(server, "GET", "/audio", headers={"Range": "bytes=-100"})
    assert tail.status == 206 and tail.body == audio[-100:]
    rest = request(server, "GET", "/audio", headers={"Range": f"bytes={len(audio) - 10}-"})
    assert rest.body == audio[-10:]
    assert rest.headers["Content-Range"] == f"bytes {len(audio) - 10}-{len(audio) - 1}/{len(audio)}"

    beyond = request(server, "GET", "/audio", headers={"Range": f"bytes={len(audio)}-"})
    assert beyond.status == 416
    assert beyond.headers["Content-Range"] == f"bytes */{len(audio)}"

    head = request(server, "HEAD", "/audio", headers={"Range": "bytes=0-9"})
    assert head.status == 206 and head.body == b"" and head.headers["Content-Length"] == "10"


@pytest.mark.parametrize(
    "path",
    [
        "/episode.yaml",
        "/transcript.txt",
        "/episode.mp3",
        "/audio/../episode.yaml",
        "/../episode.yaml",
        "/static/../session.py",
        "/static/..%2f..%2fepisode.yaml",
        "/static/",
        "/static/review.py",
        "/static/review.js/..",
        "/templates/review.html.j2",
        "//etc/passwd",
        "/%2e%2e/%2e%2e/config.yaml",
    ],
)
def test_anything_else_is_not_found(server: ReviewServer, path: str) -> None:
    answer = request(server, "GET", path)
    assert answer.status == 404, path
    assert answer.json() == {"error": "not found"}


def test_the_assets_ship_in_the_package(server: ReviewServer) -> None:
    script = request(server, "GET", "/static/review.js")
    assert script.status == 200 and script.headers["Content-Type"].startswith("text/javascript")
    assert b"innerHTML" not in script.body  # data goes in as text only
    assert request(server, "GET", "/static/review.css").status == 200


def test_another_host_name_is_refused(server: ReviewServer) -> None:
    """A page on another site cannot reach the server by rebinding its DNS name to us."""
    answer = request(server, "GET", "/api/state", headers={"Host": f"evil.example:{server.port}"})
    assert answer.status == 403
    assert request(server, "GET", "/", headers={"Host": f"localhost:{server.port}"}).status == 200


# --- writing --------------------------------------------------------------------------------


def test_saving_writes_the_sidecar_edited_by_hand(server: ReviewServer, session: ReviewSession):
    data = payload(server)
    data["chapters"][1]["title"] = "Serif fonts, warm backgrounds"
    data["chapters"][2].update(toc=False, url="https://example.com/x", image="art.jpg")
    answer = post_save(server, data)
    assert answer.status == 200, answer.body
    chapters = read_sidecar(session.sidecar, session.duration)
    assert chapters[1].title == "Serif fonts, warm backgrounds"
    assert (chapters[2].toc, chapters[2].url, chapters[2].image) == (
        False,
        "https://example.com/x",
        "art.jpg",
    )
    assert sidecar_state(session.sidecar) == "edited"
    # the existing rule holds: detection keeps a hand-edited sidecar and never rewrites it
    before = session.sidecar.read_bytes()
    result = resolve_chapters(session.transcript, Detection(), session.sidecar, write_sidecar=True)
    assert result.action == "kept-edited" and session.sidecar.read_bytes() == before
    assert answer.json()["version"] == request(server, "GET", "/api/state").json()["version"]


def test_chapters_are_saved_in_time_order(server: ReviewServer, session: ReviewSession) -> None:
    data = payload(server)
    data["chapters"].append({"start": 30.5, "title": "Added late", "toc": True})
    assert post_save(server, data).status == 200
    starts = [c.start for c in read_sidecar(session.sidecar)]
    assert starts == sorted(starts) and 30.5 in starts
    assert "start: '00:00:30.500'" in session.sidecar.read_text("utf-8")


def test_a_write_without_the_token_is_forbidden(server: ReviewServer, session: ReviewSession):
    for token in (None, "", "wrong", TOKEN + "x"):
        answer = post_save(server, payload(server), token=token)
        assert answer.status == 403, token
        assert "cannot save" in answer.json()["error"]
    assert not session.sidecar.exists()


def test_a_save_over_a_file_changed_on_disk_is_refused(
    server: ReviewServer, session: ReviewSession
) -> None:
    data = payload(server)  # the page loads: no sidecar yet
    session.sidecar.write_text("chapters:\n- start: 0\n  title: Someone else's edit\n", "utf-8")
    answer = post_save(server, data)
    assert answer.status == 409
    assert "changed on disk since this page loaded" in answer.json()["error"]
    assert session.sidecar.read_text("utf-8").endswith("Someone else's edit\n")
    # after reloading, the page's version matches again and the save goes through
    again = payload(server)
    assert again["chapters"][0]["title"] == "Someone else's edit"
    assert post_save(server, again).status == 200


@pytest.mark.parametrize(
    ("chapters", "message"),
    [
        ([], "non-empty list"),
        ([{"start": -1, "title": "x"}], "is not a time"),
        ([{"start": 2000, "title": "x"}], "after the audio ends"),
        ([{"start": 1017, "title": "x"}], "after the audio ends"),
        ([{"start": "00:10", "title": "x"}], "number of seconds"),
        ([{"start": True, "title": "x"}], "number of seconds"),
        ([{"start": 0, "title": 5}], "non-empty text"),
        ([{"start": 0, "title": "   "}], "non-empty text"),
        ([{"start": 0, "title": "x", "url": ["a"]}], "url must be text"),
        ([{"start": 0, "title": "x", "toc": "no"}], "toc must be true or false"),
        ([{"start": 0, "title": "x" * 3000}], "longer than"),
        (["0:00 Intro"], "expected an object"),
    ],
)
def test_invalid_chapters_are_a_bad_request(
    server: ReviewServer, session: ReviewSession, chapters: list[object], message: str
) -> None:
    answer = post_save(server, {"version": "missing", "chapters": chapters})
    assert answer.status == 400
    assert message in answer.json()["error"]
    assert not session.sidecar.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"version": "missing", "chapters": [{"start": NaN, "title": "x"}]}', "NaN"),
        (b'{"version": "missing", "chapters": [{"start": Infinity, "title": "x"}]}', "Infinity"),
        (b'{"version": "missing", "chapters": [{"start": 1e999, "title": "x"}]}', "not a time"),
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b"[]", "JSON object"),
        (b'{"chapters": []}', "'version'"),
    ],
)
def test_malformed_json_is_a_bad_request(server: ReviewServer, body: bytes, message: str) -> None:
    answer = post_save(server, body)
    assert answer.status == 400
    assert message in answer.json()["error"]


def test_a_save_must_be_json(server: ReviewServer) -> None:
    body = json.dumps(payload(server)).encode()
    answer = request(
        server,
        "POST",
        f"/api/save?token={TOKEN}",
        body,
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 415


def test_save_and_publish_runs_the_publish_step(
    server: ReviewServer, session: ReviewSession, folder: Path
) -> None:
    data = payload(server, publish=True)
    data["chapters"][0]["title"] = "Cold open"
    answer = post_save(server, data)
    assert answer.status == 200, answer.body
    result = answer.json()
    assert result["publishError"] is None
    lines = result["published"]
    assert any(line.startswith("2026-06-07: ") and "chapters" in line for line in lines)
    public = folder.parent.parent / "public"
    chapters = json.loads((public / "2026-06-07" / "chapters.json").read_text("utf-8"))
    assert chapters["chapters"][0]["title"] == "Cold open"
    assert "Cold open" in (public / "feed.xml").read_text("utf-8")


def test_without_a_show_config_saving_works_and_publishing_is_refused(tmp_path: Path) -> None:
    from conftest import copy_example_episode

    folder = copy_example_episode(tmp_path / "lonely")
    session = open_review(folder)
    assert not session.can_publish
    with running(session) as server:
        answer = post_save(server, payload(server, publish=True))
    assert answer.status == 200
    assert "no show config" in answer.json()["publishError"]
    assert sidecar_state(session.sidecar) == "edited"


# --- the session without HTTP ----------------------------------------------------------------


def test_reason_and_confidence_come_from_the_sidecar_when_it_has_them(folder: Path) -> None:
    detected_sidecar(folder, [("cue: 'this is your daily'", 0.95), ("pause of 9 s", 0.31)])
    state = open_review(folder).state()
    first, second, third = state["chapters"][:3]
    assert (first["reason"], first["confidence"]) == ("cue: 'this is your daily'", 0.95)
    assert (second["reason"], second["confidence"]) == ("pause of 9 s", 0.31)
    assert (third["reason"], third["confidence"]) == (None, None)
    assert state["origin"] == "generated" and state["version"].startswith("sha256:")


def test_odd_or_stale_automatic_blocks_are_ignored(folder: Path) -> None:
    sidecar = detected_sidecar(folder, [("cue: 'this is your daily'", 0.95)])
    text = sidecar.read_text("utf-8")
    first_title = open_review(folder).state()["chapters"][0]["title"]
    # a person retitles the chapter: its block no longer describes it
    sidecar.write_text(text.replace(f"title: {first_title}", "title: Renamed", 1), "utf-8")
    assert open_review(folder).state()["chapters"][0]["reason"] is None
    sidecar.write_text(
        "chapters:\n"
        "- {start: 0, title: A, automatic: {reason: '', confidence: .nan}}\n"
        "- {start: 60, title: B, automatic: {reason: [x], confidence: 'high', check: x}}\n"
        "- {start: 90, title: C, automatic: true}\n",
        "utf-8",
    )
    notes = [(c["reason"], c["confidence"]) for c in open_review(folder).state()["chapters"]]
    assert notes == [(None, None)] * 3


def test_validate_rounds_to_the_millisecond_and_tidies_text(session: ReviewSession) -> None:
    chapters = session.validate(
        {
            "version": "missing",
            "chapters": [
                {"start": 12.34567, "title": "  Two\nlines  ", "url": "  ", "image": None},
                {"start": 0, "title": "First"},
            ],
        }
    )
    assert [(c.start, c.title, c.url) for c in chapters] == [
        (0.0, "First", None),
        (12.346, "Two lines", None),
    ]
    with pytest.raises(PayloadError, match="chapter 1: the title"):
        session.validate({"version": "", "chapters": [{"start": 0, "title": None}]})


# --- detecting again ------------------------------------------------------------------------


def test_detect_again_with_a_count_answers_chapters_and_writes_nothing(
    server: ReviewServer, session: ReviewSession, folder: Path
) -> None:
    before = request(server, "GET", "/api/state").json()
    answer = request(server, "GET", f"/api/detect?count=4&token={TOKEN}")
    assert answer.status == 200, answer.body
    chapters = answer.json()["chapters"]
    assert len(chapters) == 4 and chapters[0]["start"] == 0.0
    assert all(c["title"] for c in chapters)
    assert any(c["reason"] for c in chapters[1:])  # why each detected chapter is there
    assert not session.sidecar.exists()
    assert request(server, "GET", "/api/state").json()["version"] == before["version"]
    assert before["maxChapters"] == 30


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("count=4", 403, "open the address"),
        ("count=4&token=wrong", 403, "open the address"),
        (f"count=0&token={TOKEN}", 400, "ask for 1 to 30 chapters, not 0"),
        (f"count=31&token={TOKEN}", 400, "ask for 1 to 30 chapters, not 31"),
        (f"count=three&token={TOKEN}", 400, "whole number"),
        (f"count=99999999999&token={TOKEN}", 400, "whole number"),
        (f"token={TOKEN}", 400, "whole number"),
    ],
)
def test_detect_again_refuses_what_it_cannot_do(
    server: ReviewServer, query: str, status: int, says: str
) -> None:
    answer = request(server, "GET", f"/api/detect?{query}")
    assert answer.status == status
    assert says in answer.json()["error"]
