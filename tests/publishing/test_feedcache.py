"""publish rewrites the feed from the last one's items, rendering only the items that changed,
and what it writes is always byte for byte the feed built whole from every episode's item."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import edit_yaml, published_show

import shownotes
from shownotes.feed import build, splice
from shownotes.feed.build import build_feed
from shownotes.publishing import feedcache
from shownotes.publishing.catalog import load_catalog
from shownotes.publishing.index import INDEX_FILE
from shownotes.publishing.prepare import output_folder
from shownotes.publishing.state import load_state


@pytest.fixture
def show(tmp_path: Path) -> Path:
    """A starter show of 4 episodes, published once."""
    return published_show(tmp_path, 4)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The GUIDs of the items feedgen renders, as the splice asks for them."""
    guids: list[str] = []
    original = build.add_item

    def spy(fg: object, item: shownotes.ItemData) -> None:
        guids.append(item.guid)
        original(fg, item)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "add_item", spy)
    yield guids


def feed(show: Path) -> bytes:
    return (show / "public" / "feed.xml").read_bytes()


def whole(show: Path) -> bytes:
    """The feed built whole by feedgen from the item each listed episode's state file keeps
    (also the episodes that failed to load: they keep their last item)."""
    catalog = load_catalog(show / "config.yaml")
    folders = [output_folder(catalog.show, e) for e in catalog.episodes if not e.unpublished]
    folders += [catalog.show.output_dir / p.parent.name for p in catalog.failed]
    items = [load_state(folder).item for folder in folders]
    fg = build_feed(catalog.show, [i for i in items if i is not None])
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def publish(show: Path) -> shownotes.PublishReport:
    return shownotes.publish(show / "config.yaml")


def guid(show: Path, name: str) -> str:
    return str(yaml.safe_load((show / "episodes" / name / "episode.yaml").read_text())["guid"])


def test_the_first_feed_is_the_whole_build_and_records_its_items(show: Path) -> None:
    assert feed(show) == whole(show)
    record = json.loads((show / "public" / INDEX_FILE).read_text())["feed"]["items"]
    assert record["renderer"] == splice.renderer_key()
    data = feed(show)
    assert sorted(data[start:end].count(b"<item>") for _, _, start, end in record["spans"]) == [
        1,
        1,
        1,
        1,
    ]


def test_one_changed_episode_is_the_only_item_rendered(show: Path, rendered: list[str]) -> None:
    edit_yaml(show / "episodes" / "ep3", description="Edited: a new description.")
    report = publish(show)
    assert report.feed_changed and not report.errors
    assert rendered == [guid(show, "ep3")]
    assert feed(show) == whole(show) and b"Edited: a new description." in feed(show)


def test_a_new_episode_is_the_only_item_rendered(show: Path, rendered: list[str]) -> None:
    shutil.copytree(show / "episodes" / "ep2", show / "episodes" / "ep5")
    path = show / "episodes" / "ep5" / "episode.yaml"
    data = yaml.safe_load(path.read_text())
    del data["guid"]  # recorded by its first publish
    data.update(title="Episode 5", number=5, date="2026-01-05T06:00:00Z")
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert not publish(show).errors
    assert rendered == [guid(show, "ep5")]
    assert feed(show) == whole(show) and feed(show).count(b"<item>") == 5


def test_removed_and_unpublished_episodes_render_nothing(show: Path, rendered: list[str]) -> None:
    shutil.rmtree(show / "episodes" / "ep4")  # the newest: the lastBuildDate moves back
    edit_yaml(show / "episodes" / "ep2", unpublished=True)
    assert publish(show).feed_changed
    assert rendered == []
    assert feed(show) == whole(show) and feed(show).count(b"<item>") == 2
    assert b"<lastBuildDate>Sat, 03 Jan 2026" in feed(show)


def test_an_episode_moved_to_the_top_by_its_date(show: Path, rendered: list[str]) -> None:
    edit_yaml(show / "episodes" / "ep2", date="2026-02-01T06:00:00Z")
    assert publish(show).feed_changed
    assert rendered == [guid(show, "ep2")]
    data = feed(show)
    assert data == whole(show)
    assert data.index(b"<title>Episode 2</title>") < data.index(b"<title>Episode 4</title>")


def test_a_failed_episode_keeps_its_item_while_another_changes(
    show: Path, rendered: list[str]
) -> None:
    before = feed(show)
    (show / "episodes" / "ep2" / "episode.yaml").write_text("title: [oops\n")
    edit_yaml(show / "episodes" / "ep3", description="Changed while ep2 is broken.")
    report = publish(show)
    assert report.kept == ("ep2",)
    assert rendered == [guid(show, "ep3")]
    data = feed(show)
    assert data == whole(show)
    ep2 = before[before.index(b"<title>Episode 2</title>") - 20 :].split(b"</item>")[0]
    assert ep2 in data  # the last published item, byte for byte


def test_a_template_change_renders_every_item_again(show: Path, rendered: list[str]) -> None:
    """Every item's notes come from the templates: no item may keep its old fragment."""
    templates = show / "templates"
    templates.mkdir()
    builtin = Path(shownotes.__file__).parents[1] / "templates" / "notes.html.j2"
    (templates / "notes.html.j2").write_text(
        builtin.read_text().replace("<p>Chapters</p>", "<p>Chapters (new template)</p>")
    )
    with (show / "config.yaml").open("a") as config:
        config.write("templates_dir: templates\n")
    assert publish(show).feed_changed
    assert len(rendered) == 4
    assert feed(show) == whole(show) and feed(show).count(b"Chapters (new template)") == 4


def test_a_config_change_renders_every_item_again(show: Path, rendered: list[str]) -> None:
    text = (show / "config.yaml").read_text()
    (show / "config.yaml").write_text(
        text.replace("https://example.com/episodes/", "https://cdn.example.org/")
    )
    assert publish(show).feed_changed
    assert len(rendered) == 4
    data = feed(show)
    assert data == whole(show)
    assert data.count(b'<enclosure url="https://cdn.example.org/') == 4


def test_a_hand_edited_feed_lends_no_items(show: Path, rendered: list[str]) -> None:
    """An edit that keeps the file's size is still seen (by its time, then its bytes)."""
    path = show / "public" / "feed.xml"
    stat = path.stat()
    path.write_bytes(feed(show).replace(b"<title>Episode 2</title>", b"<title>Episode X</title>"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    edit_yaml(show / "episodes" / "ep3", description="Edited again.")
    assert publish(show).feed_changed
    assert len(rendered) == 4
    assert feed(show) == whole(show) and b"Episode X" not in feed(show)


def test_a_feed_restored_as_it_was_lends_its_items(show: Path, rendered: list[str]) -> None:
    """A copy of the same bytes (a deploy step, a restored cache) has a new time: its
    content vouches for it."""
    path = show / "public" / "feed.xml"
    data = feed(show)
    path.unlink()
    path.write_bytes(data)
    edit_yaml(show / "episodes" / "ep3", description="Edited after the restore.")
    assert publish(show).feed_changed
    assert rendered == [guid(show, "ep3")]
    assert feed(show) == whole(show)


def test_items_rendered_by_other_code_are_not_kept(
    show: Path, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new shownotes, feedgen or lxml may render an item differently: fragments recorded
    under another renderer key are rendered again, so no item keeps the old rendering."""
    spied = build.add_item

    def newer(fg: object, item: shownotes.ItemData) -> None:
        spied(fg, item)
        fg.entry()[-1].comments("https://example.com/comments")  # type: ignore[attr-defined]

    monkeypatch.setattr(build, "add_item", newer)
    monkeypatch.setattr(splice, "renderer_key", lambda: "a newer renderer")
    monkeypatch.setattr(feedcache, "renderer_key", lambda: "a newer renderer")
    edit_yaml(show / "episodes" / "ep3", description="Edited under the newer renderer.")
    assert publish(show).feed_changed
    assert len(rendered) == 4
    assert feed(show).count(b"<comments>") == 4


def test_a_feed_the_index_has_no_items_for_is_built_whole(show: Path, rendered: list[str]) -> None:
    """``shownotes feed`` and earlier versions record the feed without its items."""
    path = show / "public" / INDEX_FILE
    index = json.loads(path.read_text())
    del index["feed"]["items"]
    path.write_text(json.dumps(index))
    edit_yaml(show / "episodes" / "ep3", description="Edited once more.")
    assert publish(show).feed_changed
    assert len(rendered) == 4
    assert feed(show) == whole(show)
    rendered.clear()
    edit_yaml(show / "episodes" / "ep3", description="And again.")
    assert publish(show).feed_changed
    assert rendered == [guid(show, "ep3")]  # the whole build recorded its items
    assert feed(show) == whole(show)
