"""What each podcast app will show: the four chapter sources agree, each app's rules hold.

One published copy of the example show (its chapters pinned by the golden sidecar) is made
per module; each test breaks one thing in a copy of it and checks the one line it causes.
"""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest
import yaml
from conftest import DATA, EXAMPLE, copy_example_episode
from lxml import etree

import shownotes
from shownotes.audio.tagfile import write_chapters
from shownotes.errors import ConfigError
from shownotes.models import Chapter, PlatformRules
from shownotes.outputs.description import (
    BlockRules,
    description_block,
    fit_notes,
    html_text,
    read_block,
    shorten,
)
from shownotes.outputs.fit import DescriptionCutWarning
from shownotes.publishing.apps import (
    RULES_FILE,
    RULES_JSON,
    block_rules,
    builtin_platforms,
    rules_json,
    show_platforms,
)
from shownotes.publishing.apps_report import report_header
from shownotes.publishing.catalog import load_catalog
from shownotes.publishing.channels import html_tags
from shownotes.publishing.check import check_catalog

GOLDEN = DATA / "golden"
EPISODE = "2026-06-07"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("apps") / "show"
    root.mkdir()
    shutil.copy(EXAMPLE / "config.yaml", root / "config.yaml")
    copy_example_episode(root / "episodes" / EPISODE)
    shutil.copy(
        GOLDEN / EPISODE / "chapters.yaml", root / "episodes" / EPISODE / "episode.chapters.yaml"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = shownotes.publish(root / "config.yaml")
    assert not report.errors
    return root


@pytest.fixture
def show(published: Path, tmp_path: Path) -> Path:
    shutil.copytree(published, tmp_path / "show")
    return tmp_path / "show"


def checked(root: Path, *, apps: dict[Path, list[str]] | None = None) -> list[str]:
    catalog = load_catalog(root / "config.yaml")
    return [str(p) for p in check_catalog(catalog.show, list(catalog.episodes), apps=apps)]


def edit_feed(root: Path, old: str, new: str) -> None:
    feed = root / "public" / "feed.xml"
    text = feed.read_text()
    assert old in text, old
    feed.write_text(text.replace(old, new, 1))


def test_the_shipped_platforms_json_is_platforms_yaml(update_golden: bool) -> None:
    """Runs read the rules from platforms.json; people edit platforms.yaml."""
    text = rules_json(RULES_FILE.read_text("utf-8"))
    if update_golden:
        RULES_JSON.write_text(text, "utf-8")
    assert RULES_JSON.read_text("utf-8") == text, (
        "platforms.yaml changed: run pytest tests/publishing/test_apps.py --update-golden"
    )
    assert json.loads(text) == yaml.safe_load(RULES_FILE.read_text("utf-8"))


# --- a passing episode, and the report's text ---------------------------------------------------


def test_the_example_passes_and_its_report_matches_golden(show: Path, update_golden: bool) -> None:
    apps: dict[Path, list[str]] = {}
    assert checked(show, apps=apps) == []
    catalog = load_catalog(show / "config.yaml")
    text = report_header(catalog.show) + "\n\n" + "\n".join(apps[catalog.episodes[0].source]) + "\n"
    golden = GOLDEN / "apps-report.txt"
    if update_golden or not golden.exists():
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_cli_prints_the_report_and_passes(show: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from shownotes.cli import main

    assert main(["check", "--all", "--apps", "--config", str(show / "config.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("what each app will show: Apple Podcasts, Spotify, YouTube,")
    assert "  Podverse        json" in out and out.endswith("ok: 1 episode ready\n")


# --- sources that disagree, and missing ones -----------------------------------------------------


def test_a_retagged_mp3_disagrees(show: Path) -> None:
    mp3 = show / "public" / EPISODE / "episode.mp3"
    chapters = shownotes.read_chapters(mp3)
    moved = [
        Chapter(c.start + (2 if i == 3 else 0), c.end, c.title, toc=c.toc)
        for i, c in enumerate(chapters)
    ]
    write_chapters(mp3, moved)
    apps: dict[Path, list[str]] = {}
    problems = checked(show, apps=apps)
    assert len(problems) == 1 and "the MP3's chapters are out of sync (chapter 4" in problems[0]
    report = "\n".join(next(iter(apps.values())))
    assert "Castro: id3 disagrees with the chapters (chapter 4: \"Story 2: Meta's Mad Max" in report
    assert "sources: id3 disagrees with the chapters" in report


def test_chapters_json_with_another_title_disagrees(show: Path) -> None:
    path = show / "public" / EPISODE / "chapters.json"
    path.write_text(path.read_text().replace('"Story 5: Meta charges for Hatch"', '"Story 5"'))
    (problem,) = checked(show)
    assert problem.startswith(f"{path}: the chapters JSON disagrees with the chapters (chapter 8: ")
    assert "'Story 5' at 00:10:34, the chapters say 'Story 5: Meta charges for Hatch'" in problem


def test_psc_a_second_late_disagrees_half_a_second_does_not(show: Path) -> None:
    edit_feed(show, 'start="00:01:24.000"', 'start="00:01:24.400"')
    assert checked(show) == []
    edit_feed(show, 'start="00:01:24.400"', 'start="00:01:25.000"')
    (problem,) = checked(show)
    assert (
        "feed.xml:" in problem and "the feed's psc:chapters disagrees with the chapters" in problem
    )
    assert 'chapter 3: "Story 1: xAI trained on Claude\'s outputs" at 00:01:25' in problem


def test_description_block_edited_by_hand_disagrees(show: Path) -> None:
    edit_feed(show, "03:46 Story 2: Meta's Mad Max data centers", "03:40 Story 2: Meta's Mad Max")
    (problem,) = checked(show)
    assert "the description's chapter list disagrees with the chapters (chapter 3:" in problem


def test_a_missing_psc_is_a_missing_channel(show: Path) -> None:
    feed = show / "public" / "feed.xml"
    root = etree.parse(str(feed))
    for block in root.iter("{http://podlove.org/simple-chapters}chapters"):
        block.getparent().remove(block)
    root.write(str(feed))
    (problem,) = checked(show)
    assert (
        "the feed's psc:chapters is missing (the item has no psc:chapters), and Spotify, "
        in problem
    )


def test_a_channel_no_enabled_app_reads_may_be_missing(show: Path) -> None:
    config = show / "config.yaml"
    config.write_text(config.read_text() + "platforms: [castro, podverse, youtube]\n")
    feed = show / "public" / "feed.xml"
    root = etree.parse(str(feed))
    for block in root.iter("{http://podlove.org/simple-chapters}chapters"):
        block.getparent().remove(block)
    root.write(str(feed))
    problems = checked(show)
    assert not [p for p in problems if "psc" in p]


def test_the_legacy_namespace_is_read_and_flagged_for_apps_that_do_not(show: Path) -> None:
    legacy = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
    edit_feed(show, "<podcast:chapters ", f'<legacy:chapters xmlns:legacy="{legacy}" ')
    problems = checked(show)
    assert any(
        f"podcast:chapters is in the namespace {legacy}, which Apple Podcasts" in p
        for p in problems
    )
    assert not any("AntennaPod" in p for p in problems)  # it reads both


# --- Apple's rules, each on its own --------------------------------------------------------------


def test_apple_disallowed_html(show: Path) -> None:
    edit_feed(show, "<p>Chapters</p>", '<h2 class="chapters">Chapters</h2>')
    (problem,) = checked(show)
    assert (
        "the item's content:encoded has <h2>, h2 class=, which Apple Podcasts does not keep"
        in problem
    )


def test_apple_description_over_4000_bytes(show: Path) -> None:
    edit_feed(
        show, "<description>Musk training", "<description>" + "Wörds. " * 600 + "Musk training"
    )
    (problem,) = checked(show)
    assert (
        "the item's description is 5" in problem and "bytes, over Apple Podcasts's 4000" in problem
    )


def test_apple_needs_show_art(show: Path) -> None:
    edit_feed(show, '<itunes:image href="https://example.com/art.jpg"/>', "")
    (problem,) = checked(show)
    assert problem.startswith(f"{show / 'config.yaml'}:9: the feed has no show art (itunes:image)")


def test_apple_needs_https_enclosures(show: Path) -> None:
    edit_feed(
        show,
        'url="https://example.com/episodes/2026-06-07/episode.mp3"',
        'url="http://example.com/episodes/2026-06-07/episode.mp3"',
    )
    problems = checked(show)
    assert any(
        "is not an absolute https:// URL, which Apple Podcasts requires" in p for p in problems
    )


def test_ctoc_must_be_top_level_and_ordered(show: Path) -> None:
    from mutagen.id3 import ID3

    mp3 = show / "public" / EPISODE / "episode.mp3"
    tags = ID3(mp3)
    tags.getall("CTOC")[0].flags = 0
    tags.save(mp3, v2_version=3)
    (problem,) = checked(show)
    what = "the MP3's CTOC is not one top-level, ordered table of contents"
    assert problem == f"{mp3}: {what} (run shownotes publish)"


def test_unknown_app_names_a_close_one(show: Path) -> None:
    config = show / "config.yaml"
    text = config.read_text()
    config.write_text(text + "platforms: [apple, spotfy]\n")
    line = text.count("\n") + 1
    problems = checked(show)
    assert f"{config}:{line}: platforms: unknown app 'spotfy' (did you mean 'spotify'?)" in problems
    (error,) = shownotes.publish(config).errors
    assert isinstance(error, ConfigError) and "unknown app 'spotfy'" in str(error)


# --- the description block and the notes' byte budget -------------------------------------------

CHAPTERS = (
    Chapter(0, 20, "Intro"),
    Chapter(20, 84, "Serif fonts"),
    Chapter(84, 100, "A quick aside"),
    Chapter(100, 300, "Story 3: Anthropic, the NSA & the moratorium, and what it means"),
    Chapter(300, 310, "Marker", toc=False),
    Chapter(310, 600, "Wrap-up"),
)


def test_block_merges_short_chapters_only_when_asked() -> None:
    whole = description_block(CHAPTERS, 600, BlockRules())
    assert [c.title for c in whole.chapters] == [c.title for c in CHAPTERS if c.toc]
    assert whole.notes == ()
    spotify = block_rules(show_platforms(None))
    assert (spotify.min_chapter_seconds, spotify.max_title_length) == (30.0, 40)
    block = description_block(CHAPTERS, 600, spotify)
    assert [(c.start, c.title) for c in block.chapters] == [
        # the 16 s aside joins the chapter before it, the 20 s intro the one after it; the
        # line keeps 0:00 and takes the title of its longest part
        (0, "Serif fonts"),
        (100, "Story 3: Anthropic, the NSA…"),  # shortened to Spotify's 40 characters
        (310, "Wrap-up"),
    ]
    assert (
        "'Intro' (20 s), 'A quick aside' (16 s) merged into 'Serif fonts' for Spotify"
        in block.notes[0]
    )
    assert all("the chapters themselves are unchanged" in n for n in block.notes)


def test_block_follows_the_show_apps_and_its_rule_changes() -> None:
    youtube = show_platforms(shownotes.Show("S", platforms=("apple", "youtube")))
    rules = block_rules(youtube)
    assert (rules.min_chapter_seconds, rules.max_title_length) == (10.0, None)
    assert [c.title for c in description_block(CHAPTERS, 600, rules).chapters][:2] == [
        "Intro",
        "Serif fonts",
    ]
    changed = shownotes.Show(
        "S",
        platform_rules=(PlatformRules("spotify", min_chapter_seconds=15, reference="our test"),),
    )
    platforms = show_platforms(changed)
    assert (
        next(p for p in platforms if p.key == "spotify").rules["min_chapter_seconds"].source
        == "our test"
    )
    assert block_rules(platforms).min_chapter_seconds == 15
    assert builtin_platforms()["spotify"].rule("min_chapter_seconds") == 30  # built-ins stay


def test_block_reads_back() -> None:
    text = "About it.\n\n00:00 Intro\n(01:24) Story one\n1:02:03 - Late\nnot 12 a stamp"
    assert [(s.start, s.title, s.line) for s in read_block(text)] == [
        (0, "Intro", 3),
        (84, "Story one", 4),
        (3723, "Late", 5),
    ]
    assert (
        shorten("Quick one: China's overlooked model builders", 40)
        == "Quick one: China's overlooked model…"
    )


def test_notes_cut_the_description_first_and_keep_the_chapter_list() -> None:
    block = "".join(f"{i:02d}:00 Chapter number {i}\n" for i in range(30))
    head = "Wörds and more wörds. " * 300 + "\n\n"
    with pytest.warns(DescriptionCutWarning, match="the description"):
        text = fit_notes(head, block, "\nLinks:\n- a: https://e.com\n", 4000)
    assert len(text.encode()) <= 4000 and block in text and text.endswith("https://e.com\n")
    html_head = "".join(
        f"<p>Paragraph {i} with <a href='https://e.com/{i}'>a link</a></p>\n" for i in range(200)
    )
    html_block = (
        "<ul>\n" + "".join(f"  <li>{i:02d}:00 Chapter {i}</li>\n" for i in range(30)) + "</ul>\n"
    )
    with pytest.warns(DescriptionCutWarning):
        cut = fit_notes(html_head, html_block, "<p>Credits</p>\n", 4000, html=True)
    assert len(cut.encode()) <= 4000 and html_block in cut and cut.count("<p>") == cut.count("</p>")


def test_rendered_notes_keep_to_apples_rules(show: Path) -> None:
    episode = show / "episodes" / EPISODE / "episode.yaml"
    data = yaml.safe_load(episode.read_text())
    data["description"] = "A long description sentence about many things. " * 120
    episode.write_text(yaml.safe_dump(data))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DescriptionCutWarning)
        outputs = shownotes.render(show / "episodes" / EPISODE, show / "config.yaml")
    for name in ("notes.txt", "notes.html"):
        assert len(outputs[name].encode()) <= 4000, name
        last = read_block(html_text(outputs[name]) if name.endswith("html") else outputs[name])
        assert (last[-1].start, last[-1].title) == (900, "Takeaways and sign-off"), name
    tags, attributes = html_tags(outputs["notes.html"])
    assert set(tags) <= {"p", "ul", "li", "a"} and attributes == []
