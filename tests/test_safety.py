"""Issue 16's reproducers: hostile or malformed input gives one line, never a traceback; no
script reaches the notes or the feed; nothing is read or written outside the show."""

from __future__ import annotations

import html
import io
import os
import time
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree

from shownotes.audio.silence import silent_mp3
from shownotes.cli import INTERNAL_ERROR_EXIT, main
from shownotes.errors import InternalError, ShownotesError
from shownotes.feed.update import update_feed
from shownotes.feed.xmlsafe import parse_xml
from shownotes.models import Segment, Transcript
from shownotes.transcripts import parse_transcript
from shownotes.transcripts.writers import to_srt

SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nWelcome to a short episode.\n\n"
    "2\n00:00:40,000 --> 00:00:44,000\nSo story one is about harbors.\n"
)
CONFIG = (
    "title: Safe Show\nbase_url: https://example.com/episodes/\nimage: https://example.com/art.png\n"
    "feed_url: https://example.com/feed.xml\nowner:\n  name: A\n  email: a@example.com\n"
    "episodes_dir: episodes\noutput_dir: public\n"
)


def episode(show: Path, name: str, extra: str = "", title: str = "Episode") -> Path:
    folder = show / "episodes" / name
    folder.mkdir(parents=True)
    (folder / "audio.mp3").write_bytes(silent_mp3(65))
    (folder / "transcript.srt").write_text(SRT)
    (folder / "episode.yaml").write_text(
        f"title: {title}\ndate: 2026-06-07\naudio: audio.mp3\ntranscript: transcript.srt\n{extra}"
    )
    return folder


@pytest.fixture
def show(tmp_path: Path) -> Path:
    root = tmp_path / "show"
    root.mkdir()
    (root / "config.yaml").write_text(CONFIG)
    return root


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    assert code != INTERNAL_ERROR_EXIT, err
    return code, out, err


def publish_all(capsys: pytest.CaptureFixture[str], show: Path) -> tuple[int, str, str]:
    return cli(capsys, "publish", "--all", "-j", "1", "--config", str(show / "config.yaml"))


# --- security: links, the feed's description, paths, the entity check ---------------------


@pytest.mark.parametrize(
    "url",
    [
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "&#x6A;avascript:alert(1)",
        "&amp;#106;avascript:alert(1)",
        "java\tscript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_no_hidden_javascript_link_reaches_the_notes(
    show: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = episode(show, "ep1", f"links:\n  - title: Click\n    url: {url!r}\n")
    (folder / "episode.chapters.yaml").write_text(
        f"chapters:\n- start: 0\n  title: Intro\n  url: {url!r}\n"
    )
    code, _, err = publish_all(capsys, show)
    assert code == 0, err
    public = show / "public" / "ep1"
    for name in ("notes.md", "notes.html", "notes.txt", "chapters.json", "chapters.psc.xml"):
        text = html.unescape(html.unescape((public / name).read_text()))
        squeezed = "".join(text.split()).lower()
        assert "javascript:" not in squeezed and "data:text" not in squeezed, name


def test_feed_description_is_plain_text_for_feedparser_and_podcastparser(
    show: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    episode(
        show,
        "ep1",
        "description: 'see <a href=\"javascript:alert(2)\">this</a> & that'\n",
        title="'<script>alert(1)</script>'",
    )
    assert publish_all(capsys, show)[0] == 0
    data = (show / "public" / "feed.xml").read_bytes()
    entry = feedparser.parse(data).entries[0]
    assert "<script" not in entry.summary and "<a " not in entry.summary
    assert '&lt;a href="javascript' in entry.summary  # shown as the text it is
    parsed = podcastparser.parse("https://example.com/feed.xml", io.BytesIO(data))
    description = parsed["episodes"][0]["description"]
    assert "<a href" not in description and "<script" not in description


@pytest.mark.parametrize("audio", ["../../../elsewhere/x.mp3", "ABSOLUTE"])
def test_audio_outside_the_show_is_refused_and_nothing_written_there(
    show: Path, audio: str, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = show.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.mp3").write_bytes(silent_mp3(65))
    if audio == "ABSOLUTE":
        audio = str(elsewhere / "x.mp3")
    folder = episode(show, "ep1")
    (folder / "episode.yaml").write_text(
        f"title: E\ndate: 2026-06-07\naudio: {audio}\ntranscript: transcript.srt\n"
    )
    episode(show, "ep2")
    code, _, err = publish_all(capsys, show)
    assert code == 2
    assert "outside the show folder" in err and "episode.yaml" in err
    assert sorted(p.name for p in elsewhere.iterdir()) == ["x.mp3"]  # no sidecar there
    assert (show / "public" / "ep2" / "notes.md").is_file()  # the other episode published


def test_symlinks_are_followed_only_inside_the_show(
    show: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = episode(show, "ep1")
    outside = show.parent / "secret.srt"
    outside.write_text(SRT)
    (folder / "transcript.srt").unlink()
    (folder / "transcript.srt").symlink_to(outside)
    code, _, err = publish_all(capsys, show)
    assert code == 2 and "outside the show folder" in err
    (folder / "transcript.srt").unlink()
    (show / "shared.srt").write_text(SRT)
    (folder / "transcript.srt").symlink_to(show / "shared.srt")
    assert publish_all(capsys, show)[0] == 0


def test_sidecar_image_outside_the_episode_is_not_embedded_nor_published(
    show: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (show / "private.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    folder = episode(show, "ep1")
    (folder / "episode.chapters.yaml").write_text(
        "chapters:\n- start: 0\n  title: Intro\n  image: ../../private.png\n"
    )
    code, _, err = publish_all(capsys, show)
    assert code == 2 and "points outside" in err
    assert not (show / "public" / "ep1" / "chapters.json").exists()


def test_chapter_image_symlink_out_of_the_mp3_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "private.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    folder = tmp_path / "ep"
    folder.mkdir()
    (folder / "a.mp3").write_bytes(silent_mp3(65))
    (folder / "art.png").symlink_to(tmp_path / "private.png")
    (folder / "c.json").write_text(
        '{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A", "img": "art.png"}]}'
    )
    code, _, err = cli(capsys, "tag", str(folder / "a.mp3"), "--chapters", str(folder / "c.json"))
    assert code == 2 and "outside" in err


def test_entity_check_is_linear_in_the_feed_size() -> None:
    body = b"<!DOCTYPE a [ " * 75_000  # about 1 MB inside CDATA
    data = b"<rss><channel><description><![CDATA[" + body + b"]]></description></channel></rss>"
    started = time.perf_counter()
    parse_xml(data, "feed.xml")
    assert time.perf_counter() - started < 2


# --- data integrity -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252", "UTF-16"])
def test_update_keeps_a_non_utf8_feed_well_formed_in_its_encoding(
    show: Path, encoding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    episode(show, "ep1", "guid: g1\n", title="Épisode")
    feed = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<!-- made elsewhere -->\n'
        '<rss version="2.0"><channel><title>Café</title>'
        "<item><title>Épisode</title><guid>g1</guid></item></channel></rss>\n"
    )
    path = show / "feed.xml"
    path.write_bytes(feed.encode(encoding.lower().replace("utf-16", "utf-16")))
    code, _, err = cli(capsys, "feed", "--config", str(show / "config.yaml"), "--update", str(path))
    assert code == 0, err
    data = path.read_bytes()
    tree = etree.fromstring(data).getroottree()  # well-formed, declaration honoured
    assert tree.docinfo.encoding.upper() == encoding.upper()
    assert data.count(b"<?xml") + data.count("<?xml".encode("utf-16-le")) == 1
    assert tree.find("channel/title").text == "Café"
    assert tree.find("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded") is not None


def test_update_converts_to_utf8_when_the_encoding_lacks_a_character() -> None:
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss version="2.0"><channel>'
        "<item><guid>g1</guid></item></channel></rss>"
    ).encode("latin-1")
    from shownotes.feed.items import ItemData

    item = ItemData(
        guid="g1",
        title="t",
        published=__import__("datetime").datetime(2026, 1, 1),
        audio_url="https://e.com/a.mp3",
        audio_length=1,
        audio_type="audio/mpeg",
        duration=1,
        description="",
        content_html="<p>snow ☃ and 😀</p>",
        chapters_url=None,
    )
    result = update_feed(feed, [item], "feed.xml")
    assert "UTF-8" in result.note
    tree = etree.fromstring(result.data).getroottree()
    assert tree.docinfo.encoding == "UTF-8"
    assert "☃" in etree.tostring(tree, encoding="unicode")


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01", "2026-06-07T25:00:00"])
def test_an_impossible_date_fails_its_episode_only(
    show: Path, date: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = episode(show, "bad")
    (bad / "episode.yaml").write_text(
        f"title: B\ndate: {date}\naudio: audio.mp3\ntranscript: transcript.srt\n"
    )
    episode(show, "good")
    code, _, err = publish_all(capsys, show)
    assert code == 2
    assert "bad/episode.yaml:2:" in err
    assert (show / "public" / "feed.xml").is_file()
    assert (show / "public" / "good" / "notes.md").is_file()


def test_an_unexpected_exception_in_one_episode_is_reported_and_the_rest_publish(
    show: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from shownotes.publishing import pipeline

    episode(show, "bad")
    episode(show, "good")
    real = pipeline.publish_episode

    def flaky(episode, show, **kwargs):  # type: ignore[no-untyped-def]
        if episode.source.parent.name == "bad":
            raise ZeroDivisionError("boom")
        return real(episode, show, **kwargs)

    monkeypatch.setattr(pipeline, "publish_episode", flaky)
    code = main(["publish", "--all", "-j", "1", "--config", str(show / "config.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "ZeroDivisionError: boom" in err and "please report this" in err
    log = Path(err.split("the traceback is in ")[1].split()[0].rstrip(")"))
    assert "Traceback" in log.read_text() and "flaky" in log.read_text()
    assert (show / "public" / "good" / "notes.md").is_file()
    assert (show / "public" / "feed.xml").is_file()


def test_cli_main_reports_an_unexpected_exception_in_one_line(
    show: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shownotes.publishing.catalog as catalog

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(catalog, "load_catalog", broken)
    code = main(["publish", "--all", "--config", str(show / "config.yaml")])
    err = capsys.readouterr().err
    assert code == INTERNAL_ERROR_EXIT
    assert len(err.strip().splitlines()) == 1 and "please report this" in err


def test_srt_round_trips_arrows_tags_and_entities() -> None:
    texts = ["a --> b", "00:00:01,000 --> 00:00:02,000", "x <b>y</b> &amp; {\\an8}"]
    transcript = Transcript(tuple(Segment(i, i + 1, t) for i, t in enumerate(texts)))
    again = parse_transcript(to_srt(transcript), "again.srt", "srt")
    assert [s.text for s in again.segments] == texts


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("big.json", '{"segments": [{"startTime": 3600000, "body": "a thousand hours"}]}'),
        ("big.srt", "1\n1000:00:00,000 --> 1000:00:01,000\nlate\n"),
        ("big.txt", "999:59:59 ok\n1000:00:00 too late\n"),
    ],
)
def test_stamps_of_a_thousand_hours_are_refused_not_mangled(
    tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text(text)
    code, out, err = cli(capsys, "transcript", str(path), "-f", "srt")
    if code == 0:  # read as text: then every stamp must survive the round trip
        again = parse_transcript(out, "again.srt", "srt")
        assert again.segments[-1].start >= 3599999
    else:
        assert code == 2 and name in err


def test_stale_temp_files_of_a_killed_run_are_removed(
    show: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    episode(show, "ep1")
    assert publish_all(capsys, show)[0] == 0
    public = show / "public"
    dead = 2**22 + 12345  # above the default pid_max: no such process
    stale = [
        public / f".feed.xml.{dead}-abcd1234.tmp",
        public / "ep1" / f".audio.mp3.{dead}-zz9_zz9_.tmp",
        public / "ep1" / ".notes.md.k3j4h5g6.tmp",  # 0.1's name, older than this run
    ]
    for path in stale:
        path.write_bytes(b"half")
        os.utime(path, (1, 1))
    (show / "episodes" / "ep1" / "transcript.srt").write_text(SRT.replace("harbors", "ports"))
    (public / "ep1" / "audio.mp3").unlink()
    assert publish_all(capsys, show)[0] == 0
    assert not [p for p in stale if p.exists()]
    assert not list(public.rglob("*.tmp"))


# --- one-line errors instead of tracebacks ---------------------------------------------------

JSON_TRANSCRIPTS = [
    '{"segments": [{"startTime": ' + "1" * 5000 + ', "body": "x"}]}',
    '{"segments": [{"startTime": 1' + "0" * 400 + ', "body": "x"}]}',
    '{"segments": [{"startTime": 1, "endTime": -1, "body": "x"}]}',
    '{"segments": [{"start": 1e306, "text": "x"}]}',
    '{"segments": [{"startTime": 1, "body": "\\ud800 lone"}], "title": "\\udfff"}',
    '{"segments": [{"startTime": NaN, "body": "x"}]}',
    '{"segments": [{"startTime": Infinity, "body": "x"}]}',
]


@pytest.mark.parametrize("text", JSON_TRANSCRIPTS)
def test_hostile_json_transcripts_give_one_line(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    path.write_text(text)
    code, out, err = cli(capsys, "transcript", str(path), "-f", "srt")
    assert code in (0, 2), err
    if code == 0:
        out.encode("utf-8")  # printable: no lone surrogate survived
        parse_transcript(out, "again.srt", "srt")


@pytest.mark.parametrize(
    "chapters",
    [
        '[{"startTime": Infinity, "title": "a"}]',
        '[{"startTime": "inf", "title": "a"}]',
        '[{"startTime": "-5", "title": "a"}]',
        '[{"startTime": 1e400, "title": "a"}]',
        '[{"startTime": 1' + "0" * 5000 + ', "title": "a"}]',
        '[{"startTime": 0, "title": ' + "[" * 100_000 + "]" * 100_000 + "}]",
        '[{"startTime": 0, "title": "bad \\ud800 title"}, {"startTime": 5, "title": "\\ufffe"}]',
    ],
)
def test_hostile_chapters_json_given_to_tag_gives_one_line(
    tmp_path: Path, chapters: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.mp3").write_bytes(silent_mp3(65))
    (tmp_path / "c.json").write_text('{"version": "1.2.0", "chapters": ' + chapters + "}")
    code, _, err = cli(
        capsys, "tag", str(tmp_path / "a.mp3"), "--chapters", str(tmp_path / "c.json")
    )
    assert code in (0, 2), err


@pytest.mark.parametrize("start", ["nan", ".nan", ".inf", "inf", "-5", "'-5'", "1e400", "1" * 500])
def test_hostile_sidecar_starts_fail_their_episode_in_one_line(
    show: Path, start: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = episode(show, "ep1")
    (folder / "episode.chapters.yaml").write_text(
        f"chapters:\n- start: 0\n  title: Intro\n- start: {start}\n  title: Two\n"
    )
    code, _, err = publish_all(capsys, show)
    assert code == 2 and "episode.chapters.yaml" in err


@pytest.mark.parametrize("bad", ["\ufffe", "\uffff", "\x00", "\x1b"])
def test_titles_with_non_characters_give_a_feed_that_parses(
    show: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = episode(show, "ep1", title=f'"A{bad}B"'.encode("unicode_escape").decode())
    (folder / "episode.chapters.yaml").write_text(
        f'chapters:\n- start: 0\n  title: "In{bad}tro"\n'.encode("unicode_escape")
        .decode()
        .replace("\\n", "\n")
    )
    assert publish_all(capsys, show)[0] == 0
    feed = etree.fromstring((show / "public" / "feed.xml").read_bytes())
    assert feed.find("channel/item/title").text == "AB"
    code, out, _ = cli(capsys, "check", "--all", "--config", str(show / "config.yaml"))
    assert code == 0, out  # the NUL-free title in the MP3 matches: never "out of sync"


def test_empty_show_title_is_a_config_error(show: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (show / "config.yaml").write_text("title: ''\n")
    episode(show, "ep1")
    code, _, err = publish_all(capsys, show)
    assert code == 2 and "config.yaml:1: title: must not be empty" in err


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_special_files_are_refused_as_transcripts(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if kind == "device":
        path = Path("/dev/zero")
    else:
        path = tmp_path / "pipe.srt"
        os.mkfifo(path)
    code, _, err = cli(capsys, "transcript", str(path))
    assert code == 2 and "not a regular" in err


def test_a_corrupted_state_file_means_publish_again(
    show: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    episode(show, "ep1")
    assert publish_all(capsys, show)[0] == 0
    for junk in ("[1, 2]", '"x"', "{", "\x00\x01"):
        (show / "public" / "ep1" / ".shownotes-state.json").write_text(junk)
        code, _, err = publish_all(capsys, show)
        assert code == 0, err


def test_errors_are_shownotes_errors() -> None:
    assert issubclass(InternalError, ShownotesError)


def test_a_tag_racing_another_writer_says_what_happened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shownotes.audio import tagfile
    from shownotes.audio.tagfile import write_chapters
    from shownotes.models import Chapter

    mp3 = tmp_path / "a.mp3"
    mp3.write_bytes(silent_mp3(65))
    real = tagfile._copy_rest

    def other_writer_meanwhile(source, out):  # type: ignore[no-untyped-def]
        real(source, out)
        with open(mp3, "ab") as other:
            other.write(b"\0" * 10)

    monkeypatch.setattr(tagfile, "_copy_rest", other_writer_meanwhile)
    with pytest.raises(ShownotesError) as caught:
        write_chapters(mp3, [Chapter(0, 10, "x" * 5000)])
    assert "None" not in str(caught.value)
    assert "changed while its chapters were being written" in str(caught.value)
    assert not list(tmp_path.glob("*.tmp"))


def test_text_and_json_round_trips_keep_dashes_and_drop_empty_speakers() -> None:
    from shownotes.transcripts.writers import to_json, to_text

    transcript = Transcript((Segment(0, 1, "-"), Segment(1, 2, "- x"), Segment(2, 3, ": y")))
    again = parse_transcript(to_text(transcript), "again.txt", "text")
    assert [s.text for s in again.segments] == ["-", "- x", ": y"]
    read = parse_transcript('{"segments": [{"startTime": 0, "speaker": "\\u0000", "body": "a"}]}')
    assert read.segments[0].speaker is None
    assert parse_transcript(to_json(read), "again.json", "json").segments == read.segments
