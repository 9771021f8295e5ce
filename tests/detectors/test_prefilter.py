"""The safety net of the prefilter: skipping detectors never changes what analyze finds.

``analyze(...)`` (detectors and patterns skipped when their needles are absent) must
equal ``analyze(..., prefilter=False)`` (every detector run) on every body of every
season, the hostile corpus, every text of the detector tests, and generated sentences
built from the detectors' own phrases.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inboxcoach.detectors import DETECTORS, analyze
from inboxcoach.detectors.analysis import needle_index
from inboxcoach.core.prefilter import NeedleIndex
from inboxcoach.core.model import Features

from .corpus import samples
from .helpers import PROGRAMS

HERE = Path(__file__).parent


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)
    elif hasattr(value, "values"):  # pytest.param
        yield from _strings(value.values)


def detector_test_texts() -> list[str]:
    """Every string the detector tests feed to analyze (their parametrized cases)."""
    texts: set[str] = set()
    for path in sorted(HERE.glob("test_*.py")):
        if path.stem in ("test_prefilter", "test_needles", "test_prefix"):  # test_prefix reads these
            continue
        module = importlib.import_module(f"{__package__}.{path.stem}")
        for name in dir(module):
            for mark in getattr(getattr(module, name), "pytestmark", []):
                if mark.name == "parametrize":
                    texts.update(_strings(mark.args[1]))
        texts.update(s for s in vars(module).values() if isinstance(s, str) and len(s) > 20)
    return sorted(t for t in texts if len(t.split()) > 1)


TEXTS = detector_test_texts()


def both_ways(subject: str, own_words: str, programs: Any) -> tuple[Features, Features]:
    return analyze(subject, own_words, programs), analyze(subject, own_words, programs, prefilter=False)


def test_the_detector_tests_are_many() -> None:
    assert len(TEXTS) > 500


def test_on_every_text_of_the_detector_tests() -> None:
    for text in TEXTS:
        fast, full = both_ways("", text, PROGRAMS)
        assert fast == full, text
        fast, full = both_ways(text, "", PROGRAMS)  # as a subject
        assert fast == full, text


def test_on_every_body_of_the_seasons_and_the_hostile_corpus() -> None:
    corpus = samples()
    assert {s.source for s in corpus} == {
        "sample_season", "eval_season", "img_season", "edge_season", "time_season", "hostile"
    }
    assert len(corpus) > 5000
    differ = []
    seen: set[tuple[str, str, object]] = set()
    for s in corpus:
        if (s.subject, s.own_words, s.programs) in seen:
            continue  # a newsletter sent many times is checked once
        seen.add((s.subject, s.own_words, s.programs))
        fast, full = both_ways(s.subject, s.own_words, s.programs)
        if fast != full:
            differ.append(f"{s.source}/{s.key}")
    assert differ == []


def test_the_prefilter_skips_most_detectors_on_most_bodies() -> None:
    """Not a timing: the prefilter must actually decide something."""
    index = needle_index("normalized")
    skipped = total = 0
    for text in TEXTS[:200]:
        scan = index.scan(text.lower())
        for detector in DETECTORS:
            if detector.scope == "normalized":
                total += 1
                skipped += not detector.may_find(scan)
    assert skipped > total / 2


# Generated messages: words and phrases of the detectors' own tests and needles,
# shuffled into sentences, so cues meet in new company and across sentence ends.
_WORDS = sorted({w for t in TEXTS for w in re.findall(r"[\w'#-]+|[.,!?;:]", t)})
_NEEDLES = sorted(needle_index("normalized").needles + needle_index("cleaned").needles)
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_NEEDLES),
    st.sampled_from(TEXTS),
    st.sampled_from(["Riverside", "RUH", "Lakeside Medical Center", "\n\n", "\n", "[Program Name]", "I'm", "didn't"]),
)
_MESSAGES = st.lists(_PIECES, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=st.lists(_PIECES, max_size=4).map(" ".join), body=_MESSAGES)
def test_on_generated_messages(subject: str, body: str) -> None:
    fast, full = both_ways(subject, body, PROGRAMS)
    assert fast == full


def test_a_skipped_detector_keeps_its_defaults() -> None:
    features = analyze("", "The weather was fine and the coffee was hot.", PROGRAMS)
    defaults = Features()
    for detector in DETECTORS:
        if detector.name == "fingerprint":
            continue
        for field in detector.fields:
            assert getattr(features, field) == getattr(defaults, field)


def test_detectors_declare_every_analysed_field_once() -> None:
    declared = [f for d in DETECTORS for f in d.fields]
    analysed = {f.name for f in dataclasses.fields(Features)} - {"mentions", "word_count", "error", "written"}
    assert sorted(declared) == sorted(analysed)
    assert {d.side for d in DETECTORS} == {"in", "out"}


def test_a_direction_runs_only_its_sides_detectors() -> None:
    text = "We are pleased to invite you to interview. You are my #1 choice."
    inbound, outbound = analyze("", text, PROGRAMS, "in"), analyze("", text, PROGRAMS, "out")
    assert inbound.invitation and not inbound.first_choice
    assert outbound.first_choice and not outbound.invitation


def test_a_scan_answers_for_patterns_and_tables() -> None:
    hotel, visa = re.compile(r"\bhotel\b"), re.compile(r"\bvisa\b")
    index = NeedleIndex([hotel, visa])
    scan = index.scan("Is there a HOTEL nearby?")
    assert scan.possible(hotel) and not scan.possible(visa)
    assert scan.active((visa, hotel)) == (hotel,)
    assert scan.any((visa, hotel)) and not scan.all((hotel,), (visa,))
    everything = index.scan("", everything=True)
    assert everything.possible(visa) and everything.active((visa, hotel)) == (visa, hotel)
    assert index.scan("anything").possible(re.compile("not indexed"))


def test_a_pattern_equal_to_an_indexed_one_is_answered_alike() -> None:
    # Lookups go by the pattern's identity first (hashing a pattern hashes its compiled
    # code); an equal pattern compiled anew still finds the indexed one's needles.
    visa = re.compile(r"\bvisa\b")
    index = NeedleIndex([visa])
    re.purge()
    again = re.compile(r"\bvisa\b")
    assert again is not visa and again == visa
    assert index.groups(again) == index.groups(visa) != ()
    scan = index.scan("no hotel here")
    assert not scan.possible(again) and not scan.possible(visa)
    assert index.scan("a visa question").possible(again)


@pytest.mark.parametrize("scope", ["normalized", "cleaned"])
def test_every_needle_is_lower_case(scope: str) -> None:
    from inboxcoach.core.needles import fold

    assert all(fold(n) == n for n in needle_index(scope).needles)  # type: ignore[arg-type]
