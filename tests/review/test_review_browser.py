"""The review page in a real headless Chromium (Debian's, driven by Playwright).

One browser for the module, a fresh context and review server for each test. Skipped only
where no chromium is installed (``.ci/run`` installs it, and in CI a missing one fails).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, need_tool
from reviewing import detected_sidecar, make_show, open_review, png_colours, running

from shownotes.chapters.files import read_sidecar, sidecar_state
from shownotes.review.server import ReviewServer
from shownotes.review.session import ReviewSession

SCREENSHOT = ROOT / "docs" / "review.png"
VIEWPORT = {"width": 1400, "height": 860}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = need_tool("chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    with sync_api.sync_playwright() as playwright:
        # Debian's chromium: Playwright never downloads a browser here
        launched = playwright.chromium.launch(
            executable_path=chromium, args=["--autoplay-policy=no-user-gesture-required"]
        )
        yield launched
        launched.close()


@dataclass
class Review:
    page: Any
    server: ReviewServer
    session: ReviewSession
    folder: Path
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def chapters(self) -> list[dict[str, Any]]:
        return self.js("window.shownotesReview.chapters()")

    def card(self, index: int) -> Any:
        return self.page.locator("#chapters .chapter").nth(index)

    def line(self, index: int) -> Any:
        return self.page.locator("#transcript .line").nth(index)

    def until(self, expression: str, timeout: float = 10.0) -> None:
        """Wait until ``expression`` is true in the page. (Not ``wait_for_function``: it
        evaluates the string with eval, which the page's Content-Security-Policy refuses.)"""
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(Exception):  # e.g. while the page reloads
                if self.page.evaluate(expression):
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            time.sleep(0.03)

    def wait_status(self, text: str) -> None:
        self.until(f"document.getElementById('status').textContent === {json.dumps(text)}")


@contextlib.contextmanager
def reviewing(browser: Any, folder: Path, *, token: bool = True) -> Iterator[Review]:
    """The review page of ``folder`` open in a fresh browser context; no script errors."""
    session = open_review(folder)
    with running(session) as server:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        review = Review(page, server, session, folder)
        page.on("pageerror", lambda error: review.errors.append(str(error)))
        page.on(
            "console",
            lambda message: review.errors.append(message.text) if message.type == "error" else None,
        )
        page.goto(server.url if token else server.url.split("?")[0])
        review.until("document.getElementById('audio').readyState >= 1")
        try:
            yield review
        finally:
            context.close()
    # answers the test asked for (403, 404, 409) are logged by the browser: not script errors
    assert [e for e in review.errors if not e.startswith("Failed to load resource")] == []


@pytest.fixture
def review(browser: Any, tmp_path: Path) -> Iterator[Review]:
    with reviewing(browser, make_show(tmp_path)) as opened:
        yield opened


def test_clicking_a_line_seeks_the_audio_and_highlights_it(review: Review) -> None:
    for index in (60, -1):  # the last line is near the end of a 17-minute file: Range at work
        line = review.line(index)
        start = float(line.get_attribute("data-start"))
        line.locator(".text").click()
        review.until(f"Math.abs(document.getElementById('audio').currentTime - {start}) < 0.01")
        assert "playing" in line.get_attribute("class")
        assert review.page.locator("#transcript .line.playing").count() == 1
    assert review.js("document.getElementById('audio').currentTime") > 1000
    # the played line is kept in view while playing
    review.line(5).locator(".text").click()
    review.js("document.getElementById('audio').play()")
    review.until("document.getElementById('audio').currentTime > 1")
    box = review.page.locator("#transcript").bounding_box()
    playing = review.page.locator("#transcript .line.playing").bounding_box()
    assert box["y"] <= playing["y"] and playing["y"] + playing["height"] <= box["y"] + box["height"]


def test_the_transcript_works_from_the_keyboard(review: Review) -> None:
    review.line(0).focus()
    for _ in range(3):
        review.page.keyboard.press("ArrowDown")
    assert review.js("document.activeElement.dataset.start") == review.line(3).get_attribute(
        "data-start"
    )
    review.page.keyboard.press("Enter")
    start = float(review.line(3).get_attribute("data-start"))
    review.until(f"Math.abs(document.getElementById('audio').currentTime - {start}) < 0.01")
    review.card(1).locator("input.title").focus()  # select a chapter, come back by Tab
    review.line(3).focus()
    review.page.keyboard.press("Tab")
    assert review.js("document.activeElement.className") == "use-line"
    review.page.keyboard.press("Enter")
    assert review.chapters()[1]["start"] == start


def test_rename_a_chapter_and_save_with_s(review: Review) -> None:
    title = review.card(1).locator("input.title")
    title.fill("Serif fonts & warm <backgrounds>")
    assert "Unsaved" in review.page.locator("#status").text_content()
    review.page.keyboard.press("Escape")  # leave the field: S is a shortcut again
    review.page.keyboard.press("s")
    review.wait_status("Saved")
    chapters = read_sidecar(review.session.sidecar, review.session.duration)
    assert chapters[1].title == "Serif fonts & warm <backgrounds>"
    assert sidecar_state(review.session.sidecar) == "edited"
    assert review.page.locator("#origin").text_content() == "edited by hand"


def test_move_a_chapter_to_a_transcript_line(review: Review) -> None:
    review.card(2).locator("input.title").click()  # select the third chapter
    title = review.chapters()[2]["title"]
    line = review.line(30)
    start = float(line.get_attribute("data-start"))
    assert start not in [c["start"] for c in review.chapters()]
    line.hover()
    line.locator(".use-line").click()
    moved = next(c for c in review.chapters() if c["title"] == title)
    assert moved["start"] == start
    review.card(2).locator("input.start").click()  # the list was re-sorted; nothing breaks
    review.page.locator("#save").click()
    review.wait_status("Saved")
    saved = {c.title: c.start for c in read_sidecar(review.session.sidecar)}
    assert saved[title] == start


def test_detect_again_with_a_count_then_save(review: Review) -> None:
    count = review.page.locator("#redetect-count")
    assert count.input_value() == str(len(review.chapters()))
    review.card(1).locator("input.title").fill("A title of mine")
    count.fill("4")
    review.page.once("dialog", lambda dialog: dialog.accept())  # "replace unsaved changes?"
    review.page.locator("#redetect-button").click()
    review.wait_status("Detected 4 chapters, unsaved")
    chapters = review.chapters()
    assert len(chapters) == 4 and review.page.locator("#chapters .chapter").count() == 4
    assert "A title of mine" not in [c["title"] for c in chapters]
    assert chapters[1]["reason"]  # the page still says why each one is there
    assert not review.session.sidecar.exists()  # nothing is written before Save
    review.page.locator("#save").click()
    review.wait_status("Saved")
    saved = read_sidecar(review.session.sidecar, review.session.duration)
    assert [c.start for c in saved] == [c["start"] for c in chapters]
    assert sidecar_state(review.session.sidecar) == "edited"
    count.fill("99")
    review.page.locator("#redetect-button").click()  # the browser refuses it (max 30)
    assert len(review.chapters()) == 4


def test_a_file_changed_on_disk_is_not_overwritten(review: Review) -> None:
    theirs = "chapters:\n- start: 0\n  title: Someone else's edit\n"
    review.session.sidecar.write_text(theirs, "utf-8")
    review.card(0).locator("input.title").fill("My edit")
    review.page.locator("#save").click()
    alert = review.page.locator("#alert")
    alert.wait_for(state="visible")
    assert "changed on disk since this page loaded" in alert.text_content()
    assert review.session.sidecar.read_text("utf-8") == theirs
    assert review.chapters()[0]["title"] == "My edit"  # the edits stay in the page
    review.page.locator("#reload").click()
    review.until(
        "document.querySelector('#chapters .chapter input.title').value === \"Someone else's edit\""
    )
    assert len(review.chapters()) == 1


def test_keyboard_shortcuts(review: Review) -> None:
    page = review.page
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    assert "Mark a new chapter" in page.locator("#help").text_content()
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()

    line = review.line(50)
    start = float(line.get_attribute("data-start"))
    line.locator(".text").click()
    count = len(review.chapters())
    page.keyboard.press("m")
    added = [c for c in review.chapters() if c["title"] == "New chapter"]
    assert len(review.chapters()) == count + 1 and added[0]["start"] == pytest.approx(start)
    page.keyboard.type("Listener mail")  # the new title is focused and selected
    page.keyboard.press("Escape")
    assert any(c["title"] == "Listener mail" for c in review.chapters())

    page.keyboard.press("k")
    selected = page.locator("#chapters .chapter.selected input.title").input_value()
    after = next(c for c in review.chapters() if c["title"] == selected)
    assert after["start"] > start
    review.until(
        f"Math.abs(document.getElementById('audio').currentTime - {after['start']}) < 0.01"
    )
    page.keyboard.press("j")
    assert page.locator("#chapters .chapter.selected input.title").input_value() == "Listener mail"

    page.keyboard.press(" ")
    review.until("!document.getElementById('audio').paused")
    page.keyboard.press(" ")
    review.until("document.getElementById('audio').paused")
    page.keyboard.press("s")
    review.wait_status("Saved")
    assert "Listener mail" in [c.title for c in read_sidecar(review.session.sidecar)]


def test_merge_delete_hide_and_link(review: Review) -> None:
    before = review.chapters()
    review.card(0).locator("input.title").click()
    review.card(0).locator("button.merge").click()  # the second chapter's start goes away
    assert [c["start"] for c in review.chapters()] == [before[0]["start"]] + [
        c["start"] for c in before[2:]
    ]
    review.card(len(before) - 2).locator("input.title").click()
    review.card(len(before) - 2).locator("button.delete").click()
    review.card(1).locator("input.title").click()
    review.card(1).locator("input.toc").uncheck()
    assert "hidden from contents" in review.card(1).text_content()
    review.card(1).locator("input.url").fill("https://example.com/story")
    review.card(1).locator("input.image").fill("story.jpg")
    review.page.locator("#save").click()
    review.wait_status("Saved")
    saved = read_sidecar(review.session.sidecar, review.session.duration)
    assert len(saved) == len(before) - 2
    assert (saved[1].toc, saved[1].url, saved[1].image) == (
        False,
        "https://example.com/story",
        "story.jpg",
    )
    assert "toc: false" in review.session.sidecar.read_text("utf-8")


def test_reason_and_confidence_are_shown_and_low_ones_marked(review: Review) -> None:
    detected_sidecar(review.folder, [("cue: 'this is your daily'", 0.95), ("pause: 9 s", 0.31)])
    review.page.reload()
    first, second, third = (review.card(i) for i in range(3))
    assert "confidence 0.95" in first.text_content()
    assert "cue: 'this is your daily'" in first.text_content()
    assert "low" not in first.get_attribute("class")
    assert second.locator(".badge.low").text_content() == "low confidence 0.31"
    assert "pause: 9 s" in second.text_content()
    assert third.locator(".meta").text_content() == ""
    assert review.page.locator("#origin").text_content() == "detected, not reviewed yet"


def test_transcript_markup_stays_text(browser: Any, tmp_path: Path) -> None:
    folder = make_show(tmp_path)
    transcript = folder / "transcript.txt"
    evil = "00:00:16: <img src=x onerror=window.pwned=1> <b>bold</b>"
    transcript.write_text(
        transcript.read_text("utf-8").replace("00:00:16: buckle up.", evil), "utf-8"
    )
    with reviewing(browser, folder) as review:
        line = review.page.locator("#transcript .line", has_text="onerror")
        assert "<img src=x onerror=window.pwned=1> <b>bold</b>" in line.text_content()
        assert review.page.locator("#transcript img, #transcript b").count() == 0
        review.card(0).locator("input.title").fill("<img src=y onerror=window.pwned=2>")
        review.card(1).locator("input.title").click()
        assert review.page.locator("#chapters img").count() == 0
        assert review.js("window.pwned === undefined")


def test_outside_files_are_404_and_a_write_without_the_token_is_403(
    browser: Any, tmp_path: Path
) -> None:
    with reviewing(browser, make_show(tmp_path), token=False) as review:
        assert "Read-only" in review.page.locator("#alert").text_content()
        paths = [
            "/episode.yaml",
            "/transcript.txt",
            "/static/..%2f..%2fepisode.yaml",
            "/audio/..%2fepisode.yaml",
            "/static/",
        ]
        statuses = review.page.evaluate(
            "(paths) => Promise.all(paths.map((p) => fetch(p).then((r) => r.status)))", paths
        )
        assert statuses == [404] * 5
        review.page.locator("#save").click()
        review.page.locator("#alert-text", has_text="cannot save").wait_for()
        assert not review.session.sidecar.exists()


def test_screenshot_of_the_page(browser: Any, tmp_path: Path, update_golden: bool) -> None:
    """The README's picture: made here, checked to be a real rendering, kept in docs/."""
    folder = make_show(tmp_path)
    detected_sidecar(
        folder,
        [
            ("cue: 'this is your daily synthesizer'", 0.97),
            ("cue: 'did you see this'", 0.62),
            ("cue: 'story one' (numbered story)", 0.94),
            ("cue: 'story two'", 0.91),
            ("pause of 11 s before it", 0.38),
        ],
    )
    with reviewing(browser, folder) as review:
        review.line(40).locator(".text").click()
        review.card(4).locator("input.title").click()
        review.card(4).locator("input.title").press("End")
        shot = tmp_path / "review.png"
        review.page.screenshot(path=str(shot))
    width, height, colours = png_colours(shot.read_bytes())
    assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
    assert len(colours) > 200, "a blank or flat page"
    if update_golden:
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copy(shot, SCREENSHOT)
    assert SCREENSHOT.is_file(), "run pytest --update-golden to make docs/review.png"
    assert "docs/review.png" in (ROOT / "README.md").read_text("utf-8")
