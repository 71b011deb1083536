"""Chapter detection: cue rules, ASR robustness, signals, shape, titles and the corpus bars."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from conftest import example_detection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shownotes.chapters import default_rules, detect_chapters, load_rules
from shownotes.chapters.decoder import Model, decode
from shownotes.chapters.evaluate import evaluate_corpus, match_boundaries
from shownotes.chapters.normalize import TextStream, normalize
from shownotes.chapters.rules import find_cues, parse_rules
from shownotes.chapters.turns import turn_of
from shownotes.models import CueRule, Detection, Segment, Transcript
from shownotes.transcripts import read_transcript

SHARED = Path(__file__).resolve().parents[3] / "shared"
NEWS = SHARED / "corpus"
SYNTHESIZER = NEWS / "synthesizer-2026-06-07"

needs_corpus = pytest.mark.skipif(not NEWS.is_dir(), reason="development corpus not present")

#: Made-up topics, one vocabulary each, for generated episodes.
TOPICS = {
    "harbor": "The harbor authority expanded the container port. Cargo ships, cranes and dock "
    "workers crowd the harbor; the port expects more freight tonnage and longer cargo queues.",
    "orchard": "Orchard growers report a record apple harvest. Pickers, cider presses and cold "
    "storage are stretched; apple prices fall while orchard owners plant new pear trees.",
    "telescope": "The observatory switched on its new telescope mirror. Astronomers imaged distant "
    "galaxies and a comet; the telescope camera cools to minus ninety for faint stars.",
    "bakery": "A neighborhood bakery revived sourdough loaves. The bakers feed the starter, shape "
    "dough at dawn and sell croissants; flour costs pushed bread prices up this spring.",
}

#: A show with its own cue rules (the bundled example's): numbered stories, quick ones.
SHOW = example_detection()


def episode(
    parts: list[tuple[str, str]],
    *,
    seconds_per_part: float = 150.0,
    line_seconds: float = 4.0,
    description: str | None = None,
) -> Transcript:
    """Segments every ``line_seconds``: each part opens with its cue line, then topic talk."""
    segments: list[Segment] = []
    t = 0.0
    for cue, topic in parts:
        sentences = [s.strip() + "." for s in re.split(r"[.;]", TOPICS[topic]) if s.strip()]
        lines = ([cue] if cue else []) + sentences * int(seconds_per_part / line_seconds)
        end_of_part = t + seconds_per_part
        for line in lines:
            if t >= end_of_part:
                break
            segments.append(Segment(t, t + line_seconds, line))
            t += line_seconds
        t = end_of_part
    return Transcript(tuple(segments), description=description)


def starts(chapters: tuple) -> list[float]:
    return [c.start for c in chapters]


# --- normalization -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Okay, so STORY One.", "story 1"),
        ("story #3", "story 3"),
        ("Story Four Google", "story 4 google"),
        ("the fifth story", "the 5th story"),
        ("Um, all right, you know, next up", "next up"),
        ("Anyway Next one's different", "next 1s different"),
        ("twenty-one", "21"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_stream_maps_offsets_to_segments() -> None:
    stream = TextStream.build(
        [Segment(0, 1, "Um."), Segment(1, 2, "So story"), Segment(2, 3, "one")]
    )
    assert stream.text == "story 1"
    assert stream.segment_at(0) == 1
    assert stream.segment_at(stream.text.index("1")) == 2


# --- rules ---------------------------------------------------------------------------------


def test_default_rules_load_from_package_yaml() -> None:
    rules = default_rules()
    assert len(rules) == 9
    kinds = {r.kind for r in rules}
    assert kinds == {"story", "sponsor", "wrapup", "outro"}
    assert any(r.weak for r in rules)


def test_default_rules_name_no_show_person_or_topic() -> None:
    banned = (
        "python|brian|michael|kennedy|okken|synthesizer|emma|meta|anthropic|musk|google|sentry|"
        "digitalocean|lenny|vector|turbopuffer|nsa|spacex|claude|pytest|django"
    )
    for rule in default_rules():
        assert not re.search(rf"\b(?:{banned})\b", rule.pattern + " " + rule.label, re.I), rule


def test_show_rules_come_first_and_can_replace_defaults() -> None:
    mine = CueRule(pattern=r"\bmailbag\b", kind="segment", label="Mailbag")
    assert load_rules(Detection(rules=(mine,)))[0] == mine
    assert load_rules(Detection(rules=(mine,)))[1:] == default_rules()
    assert load_rules(Detection(rules=(mine,), replace_default_rules=True)) == (mine,)


def test_parse_rules_rejects_bad_entries() -> None:
    with pytest.raises(ValueError, match="kind"):
        parse_rules("rules: [{pattern: 'x', kind: nonsense}]")
    with pytest.raises(ValueError, match="unknown rule keys"):
        parse_rules("rules: [{pattern: 'x', kind: story, colour: red}]")


@pytest.mark.parametrize(
    ("line", "kind", "number"),
    [
        ("So story one, the harbor.", "story", 1),
        ("STORY THREE The Harbor", "story", 3),
        ("okay Story Four is next", "story", 4),
        ("Okay story five and this one", "story", 5),
        ("Then story #3 about ports", "story", 3),
        ("Quick one.", "quick", None),
        ("And a fun one to close the show", "story", None),
        ("Speaking of apples, the orchard", "story", None),
        ("Moving on.", "story", None),
        ("Next up, bakeries.", "story", None),
        ("Right, but before we get into all that, did you see", "segment", None),
        ("Okay let's actually do the news.", "segment", None),
        ("Okay, let's land this.", "wrapup", None),
        ("Cool. Now over to you.", "story", None),
        ("Let's talk about the bakery.", "story", None),
        ("We're going to also dive into the bakery.", "story", None),
        ("I wanted to switch to the bakery.", "story", None),
        ("Okay. Back to our agenda.", "story", None),
        ("And now, moving on to pricing", "story", None),
        ("This episode is brought to you by Acme.", "sponsor", None),
        ("That's our show, see you tomorrow.", "outro", None),
    ],
)
def test_show_and_default_rules_match_spoken_cues(line: str, kind: str, number: int | None) -> None:
    cues = find_cues([Segment(0, 5, line)], load_rules(SHOW))
    assert cues, line
    assert (cues[0].kind, cues[0].number) == (kind, number)


@pytest.mark.parametrize(
    "line",
    # one show's habits, each right in only one show of the corpus: the example show keeps
    # the first five in its own config; the rest a show adds if it says them
    [
        "So story one, the harbor.",
        "Quick one.",
        "And a fun one to close the show",
        "Right, but before we get into all that, did you see",
        "Okay let's actually do the news.",
        "That's it for our main items.",
        "How about a joke?",
        "Hello and welcome to the show.",
    ],
)
def test_one_show_habits_are_not_default_cues(line: str) -> None:
    assert not find_cues([Segment(0, 5, line)], load_rules()), line
    assert find_cues([Segment(0, 5, "Next up, bakeries.")], load_rules())


@pytest.mark.parametrize(
    "line",
    # the rule audit removed these: they fired correctly in no show of the corpus (or, "next
    # one", in 1 of 16 matches); a show that says them adds its own rule
    [
        "Now the first story of the day",
        "Next story: orchards.",
        "And one more thing.",
        "What's your next item?",
        "Any extras?",
        "Thanks to Acme for sponsoring this episode.",
    ],
)
def test_cues_the_rule_audit_removed_are_not_default_cues(line: str) -> None:
    assert not find_cues([Segment(0, 5, line)], load_rules()), line


def test_cue_split_across_two_segments_starts_where_it_starts() -> None:
    segments = [
        Segment(0, 4, "That is the harbor for today. So story"),
        Segment(4, 8, "two is about orchards."),
    ]
    cues = find_cues(segments, load_rules(SHOW))
    assert [(c.segment, c.number) for c in cues] == [(0, 2)]


def test_ordinary_phrases_are_not_cues() -> None:
    for line in ("here's one more thing that you can do", "it was a quick one second delay"):
        assert not find_cues([Segment(0, 5, line)], load_rules()), line


# --- detection on generated episodes -------------------------------------------------------


def test_numbered_stories_become_titled_chapters() -> None:
    transcript = episode(
        [
            ("Welcome back, here is what's coming up.", "bakery"),
            ("So story one, the port.", "harbor"),
            ("STORY TWO. Fruit news.", "orchard"),
            ("okay story #3 is about the sky", "telescope"),
        ],
        seconds_per_part=120,
    )
    chapters = detect_chapters(transcript, SHOW)
    assert starts(chapters) == [0, 120, 240, 360]
    assert chapters[0].title == "Intro"
    titles = [c.title for c in chapters[1:]]
    assert [t.split(":")[0] for t in titles] == ["Story 1", "Story 2", "Story 3"]
    assert "harbor" in titles[0].lower() or "cargo" in titles[0].lower()
    assert "orchard" in titles[1].lower() or "apple" in titles[1].lower()
    assert all(len(t) > len("Story 1: ") for t in titles)


def test_cue_in_the_middle_of_a_segment_starts_that_segment() -> None:
    transcript = episode([("", "harbor"), ("", "orchard")], seconds_per_part=120)
    segments = list(transcript.segments)
    k = next(i for i, s in enumerate(segments) if s.start >= 120)
    segments[k] = Segment(120, 124, "Pickers are busy. Okay, Story Two: the orchards.")
    chapters = detect_chapters(Transcript(tuple(segments)))
    assert 120 in starts(chapters)
    title = chapters[starts(chapters).index(120)].title
    assert "pickers" not in title.lower()  # the sentence before the cue is the harbor's
    assert not title.startswith("Story")  # one numbered cue is not a show that numbers items


def test_weak_cue_does_not_split_a_story_that_continues() -> None:
    transcript = episode([("So story one.", "harbor"), ("", "harbor")], seconds_per_part=150)
    segments = list(transcript.segments)
    k = next(i for i, s in enumerate(segments) if s.start >= 150)
    segments[k] = Segment(150, 154, "Speaking of the harbor, the cargo ships and cranes.")
    chapters = detect_chapters(Transcript(tuple(segments)), SHOW)
    assert all(abs(c.start - 150) > 15 for c in chapters)


def test_weak_cue_splits_where_the_topic_changes() -> None:
    transcript = episode(
        [("So story one.", "harbor"), ("Speaking of change, the orchard.", "orchard")],
        seconds_per_part=150,
    )
    assert 150 in starts(detect_chapters(transcript))


def test_missing_story_number_is_inferred_between_neighbours() -> None:
    transcript = episode(
        [
            ("Story one.", "harbor"),
            ("Speaking of fruit, look at this.", "orchard"),
            ("Story three.", "telescope"),
        ]
    )
    chapters = detect_chapters(transcript, SHOW)
    assert [c.title.split(":")[0] for c in chapters] == ["Story 1", "Story 2", "Story 3"]


def test_pause_starts_a_chapter() -> None:
    first = episode([("Story one.", "harbor")], seconds_per_part=150).segments
    second = episode([("", "orchard")], seconds_per_part=150).segments
    shifted = tuple(Segment(s.start + 170, s.end + 170, s.text) for s in second)
    last = first[-1]
    first = (*first[:-1], Segment(last.start, last.start + 1, "Done."))
    chapters = detect_chapters(Transcript(first + shifted))
    assert 170 in starts(chapters)


def test_sponsor_read_stays_in_the_chapter_before_it() -> None:
    transcript = episode(
        [
            ("This episode is brought to you by Acme.", "bakery"),
            ("Story one.", "harbor"),
            ("Before we go on, a word from our sponsor. Acme makes tools.", "bakery"),
            ("Story two.", "orchard"),
        ],
        seconds_per_part=120,
    )
    assert starts(detect_chapters(transcript, SHOW)) == [0, 120, 360]


@pytest.mark.parametrize(
    ("said", "is_cue"),
    [
        ("So story three is about the harbor.", True),
        ("That story, three minutes long, aired twice.", False),
        ("It took the story 3 minutes to spread.", False),
        ("Give me a quick one second here.", False),
        ("Okay, quick one: a new chip.", True),
    ],
)
def test_an_item_cue_followed_by_a_unit_is_a_quantity(said: str, is_cue: bool) -> None:
    segments = [Segment(0, 5, "Welcome back everyone."), Segment(5, 9, said)]
    cues = [c for c in find_cues(segments, load_rules(SHOW)) if c.kind in ("story", "quick")]
    assert bool(cues) is is_cue, cues


@pytest.mark.parametrize("spelled", ["Sentry", "Sentri", "Sentrys"])
def test_an_ad_read_is_known_by_its_sponsor_however_asr_spells_it(spelled: str) -> None:
    transcript = episode(
        [
            ("This episode is brought to you by Sentry.", "bakery"),
            ("Story one.", "harbor"),
            (f"Next up, {spelled} helps you find the bugs in your code.", "bakery"),
            ("Story two.", "orchard"),
        ],
        seconds_per_part=120,
    )
    assert starts(detect_chapters(transcript, SHOW)) == [0, 120, 360]


def test_outro_and_wrapup() -> None:
    transcript = episode(
        [
            ("Story one.", "harbor"),
            ("Story two.", "orchard"),
            ("Okay, let's land this.", "telescope"),
        ],
        seconds_per_part=120,
    )
    chapters = detect_chapters(transcript)
    assert chapters[-1].title == "Wrap-up"
    assert chapters[-1].start == 240


def test_description_topic_names_the_chapter() -> None:
    transcript = episode(
        [("Story one.", "harbor"), ("Story two.", "orchard")],
        description="Today: the container port expansion, and a record apple harvest.",
    )
    titles = [c.title for c in detect_chapters(transcript, SHOW)]
    assert titles == ["Story 1: The container port expansion", "Story 2: A record apple harvest"]


def test_conversation_without_cues_is_split_by_topic() -> None:
    parts = [("", "harbor"), ("", "orchard"), ("", "telescope"), ("", "bakery")]
    chapters = detect_chapters(episode(parts, seconds_per_part=240))
    found = match_boundaries(starts(chapters), [240, 480, 720], tolerance=20)
    assert found.matched >= 2
    assert len(chapters) <= 6
    assert all(":" not in c.title and c.title for c in chapters)


def test_shape_settings() -> None:
    parts = [(f"Story {n}.", topic) for n, topic in enumerate(TOPICS, start=1)]
    transcript = episode(parts, seconds_per_part=60)
    assert len(detect_chapters(transcript, Detection(max_chapters=2))) == 2
    assert len(detect_chapters(transcript, Detection(min_chapter_seconds=90))) < 4
    chapters = detect_chapters(transcript, duration=300.0)
    assert chapters[-1].end == 300.0
    assert all(a.end == b.start for a, b in itertools.pairwise(chapters))


def test_custom_intro_title_and_rules() -> None:
    transcript = episode([("Hello there.", "bakery"), ("Mailbag time!", "harbor")])
    rule = CueRule(pattern=r"\bmailbag\b", kind="segment", label="Mailbag")
    chapters = detect_chapters(transcript, Detection(rules=(rule,), intro_title="Cold open"))
    assert [c.title for c in chapters] == ["Cold open", "Mailbag"]


def test_empty_transcript() -> None:
    chapters = detect_chapters(Transcript(()))
    assert len(chapters) == 1 and chapters[0].start == 0 and chapters[0].end > 0


# --- invariants ----------------------------------------------------------------------------

WORDS = [
    "story",
    "one",
    "two",
    "speaking",
    "of",
    "quick",
    "harbor",
    "apple",
    "next",
    "up",
    "So",
    ".",
]


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    n = draw(st.integers(min_value=0, max_value=40))
    t = 0.0
    segments = []
    for _ in range(n):
        t += draw(st.floats(min_value=0, max_value=60, allow_nan=False))
        length = draw(st.floats(min_value=0, max_value=20, allow_nan=False))
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
        segments.append(Segment(t, t + length, text))
    return Transcript(tuple(segments))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    transcript=transcripts(),
    duration=st.none() | st.floats(min_value=0, max_value=3000, allow_nan=False),
    min_seconds=st.sampled_from([0.0, 10.0, 30.0]),
    max_chapters=st.integers(min_value=1, max_value=30),
)
def test_chapters_are_always_well_formed(
    transcript: Transcript, duration: float | None, min_seconds: float, max_chapters: int
) -> None:
    chapters = detect_chapters(
        transcript,
        Detection(min_chapter_seconds=min_seconds, max_chapters=max_chapters),
        duration=duration,
    )
    assert chapters[0].start == 0
    assert len(chapters) <= max_chapters
    for a, b in itertools.pairwise(chapters):
        assert a.start < b.start
        assert a.end == b.start
    for c in chapters:
        assert c.end > c.start
        assert c.title.strip()
        assert len(c.title) <= 60


# --- the corpus bars -------------------------------------------------------------------------


@needs_corpus
def test_synthesizer_all_boundaries_found_with_at_most_one_extra() -> None:
    transcript = read_transcript(next(SYNTHESIZER.glob("transcript.*")))
    truth = json.loads((SYNTHESIZER / "chapters.json").read_text())["chapters"]
    chapters = detect_chapters(transcript, SHOW)
    found = match_boundaries(starts(chapters), [c["start"] for c in truth])
    assert found.matched == found.truth == 10
    assert found.predicted - found.matched <= 1


@needs_corpus
def test_synthesizer_titles_read_like_an_editors() -> None:
    transcript = read_transcript(next(SYNTHESIZER.glob("transcript.*")))
    chapters = detect_chapters(transcript, SHOW)
    story_two = next(c for c in chapters if c.title.startswith("Story 2"))
    assert "meta" in story_two.title.lower()
    assert len(story_two.title) > len("Story 2: ")
    assert chapters[0].title == "Intro"
    assert chapters[-1].title == "Wrap-up"


@needs_corpus
def test_news_corpus_micro_f1() -> None:
    report = evaluate_corpus(NEWS)
    assert len(report.episodes) >= 3
    # Regression guards at what the built-in rules honestly reach on shows they were not
    # written for (news 0.62, every episode >= 0.44: Hard Fork's publisher does not chapter
    # its interview or its round-up items); issue 13 asks for 0.85 and every show >= 0.6,
    # not reached yet (see CHANGELOG).
    assert report.total().f1 >= 0.61
    assert min(e.counts.f1 for e in report.episodes) >= 0.43
    # the example show with its own rules (its config) gets all ten of its boundaries
    with_its_rules = evaluate_corpus(NEWS, example_detection())
    synthesizer = next(e for e in with_its_rules.episodes if e.show == "Synthesizer Daily")
    assert synthesizer.counts.matched == synthesizer.counts.truth == 10


@needs_corpus
def test_conversation_corpus_micro_f1() -> None:
    report = evaluate_corpus(SHARED / "corpus-conversations")
    # Regression guard at the honest figure (0.50, as eval prints it); issue 13's bar is 0.40.
    assert round(report.total().f1, 2) >= 0.50


def test_a_preview_in_the_opening_keeps_the_intro() -> None:
    opening = (
        Segment(0.0, 12.0, "Hello and welcome. Today two stories and a quick one."),
        Segment(12.0, 30.0, "I am your host and this is the opening of the show."),
    )
    stories = episode([("So story one.", "harbor"), ("Story two.", "orchard")]).segments
    shifted = tuple(Segment(s.start + 30, s.end + 30, s.text) for s in stories)
    chapters = detect_chapters(Transcript((*opening, *shifted)), SHOW)
    assert chapters[0].title == "Intro"
    assert [round(c.start) for c in chapters[1:3]] == [30, 180]


# --- structure and turn-taking -------------------------------------------------------------


def test_a_story_number_that_goes_back_is_a_back_reference() -> None:
    transcript = episode(
        [
            ("Story one.", "harbor"),
            ("Story two.", "orchard"),
            ("Story three.", "telescope"),
            ("As we said in story one, the harbor.", "telescope"),
        ],
        seconds_per_part=150,
    )
    assert all(abs(c.start - 450) > 15 for c in detect_chapters(transcript))


def test_a_closing_cue_counts_only_in_the_second_half() -> None:
    parts = [("Story one.", "harbor"), ("Okay, let's wrap things up.", "orchard")]
    parts += [("", "telescope"), ("", "bakery"), ("", "harbor")]
    early = detect_chapters(episode(parts, seconds_per_part=150))
    assert all(c.title != "Wrap-up" for c in early)
    late = detect_chapters(episode([*parts[:1], *parts[2:], parts[1]], seconds_per_part=150))
    assert late[-1].title == "Wrap-up" and late[-1].start == 600


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Okay, fascinating. So we're going to unpack a lot of this on the RL side.", "ack"),
        ("Awesome. Okay, so last question for you today about the data.", "ack"),
        ("So there are two other things about these IPOs that I want to discuss", "handoff"),
        ("i wanted to also ask you like on the context of your invention", "handoff"),
        ("Let's talk about mid-training. It's maybe something people have heard of", "handoff"),
        ("so what was your impression of this nearest neighbor search problem", "question"),
        ("What is going on with the SpaceX IPO? What are we expecting?", "question"),
    ],
)
def test_turn_taking_signals_without_speakers_or_punctuation(text: str, signal: str) -> None:
    assert getattr(turn_of(text, None, None), signal)
    assert getattr(turn_of(text.lower().replace("?", "").replace(".", ""), None, None), signal)


def test_decoder_keeps_strong_cues_and_weighs_the_rest_against_the_length_prior() -> None:
    model = Model(weights=(), length=100.0, sigma=0.5)
    times = [30.0, 100.0, 130.0, 200.0]
    assert decode(
        times, [8.0, 0.0, -3.0, 0.5], 300.0, model, min_seconds=30, first_min_seconds=8
    ) == [0, 1, 3]
    assert decode(
        times, [8.0, -3.0, -3.0, -3.0], 300.0, model, min_seconds=30, first_min_seconds=8
    ) == [0]
