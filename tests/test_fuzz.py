"""Fuzzing in CI: seeded hostile inputs for every reader and config file kind, through the
API and the command line; anything but shownotes' own error fails the test.

The long campaign (10,000+ inputs per kind) is ``benchmarks/fuzz_campaign.py``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from fuzzing import CONFIG_KINDS, READER_KINDS, campaign
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shownotes.errors import ShownotesError
from shownotes.transcripts import parse_transcript

#: Inputs per kind: readers take ~4 ms an input, config kinds (a publish each) ~50 ms.
PER_READER, PER_CONFIG = 600, 120


@pytest.mark.parametrize("kind", READER_KINDS)
def test_readers_survive_mutated_files(kind: str, tmp_path: Path) -> None:
    counts, failures = campaign((kind,), PER_READER, seed=16, root=tmp_path)
    assert counts[kind] == PER_READER
    assert not failures, "\n\n".join(str(f) for f in failures[:3])


@pytest.mark.parametrize("kind", CONFIG_KINDS)
def test_config_files_survive_mutation_through_the_cli(kind: str, tmp_path: Path) -> None:
    counts, failures = campaign((kind,), PER_CONFIG, seed=16, root=tmp_path)
    assert counts[kind] == PER_CONFIG
    assert not failures, "\n\n".join(str(f) for f in failures[:3])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), fmt=st.sampled_from(["seed", "text", "srt", "vtt", "json"]))
def test_any_text_in_any_format_reads_or_fails_cleanly(text: str, fmt: str) -> None:
    with contextlib.suppress(ShownotesError):
        parse_transcript(text, f"t.{fmt}", fmt)
