"""The needles derived from a pattern: every match holds one string of each group."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from inboxcoach.detectors import DETECTORS
from inboxcoach.core.needles import SPECIAL_CASES, fold, required
from inboxcoach.core.prefilter import NeedleIndex

PATTERNS = sorted({p for d in DETECTORS for p in d.tables()}, key=lambda p: p.pattern)


def needs(pattern: str, flags: int = 0) -> set[frozenset[str]]:
    return set(required(re.compile(pattern, flags)))


def test_each_literal_run_is_a_group_and_common_words_are_left_out() -> None:
    groups = required(re.compile(r"\bsick\s+and\s+tired\b"))
    assert groups == (frozenset({"tired"}), frozenset({"sick"}))  # longest first; "and" narrows nothing


def test_an_alternation_needs_one_needle_of_each_alternative() -> None:
    assert needs(r"\b(?:hotel|lodging|flight)\b") == {frozenset({"hotel", "lodging", "flight"})}


def test_the_parsers_common_prefix_is_glued_back() -> None:
    # re's parser turns "rank|rol" into "r" + "ank|ol"
    assert needs(r"\b(?:rank|ranks|ranking|rol)\b") == {frozenset({"rank", "rol"})}


def test_a_repeat_needs_its_minimum() -> None:
    assert needs(r"x{3,}|_{2,}") == {frozenset({"xxx", "__"})}


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+ly",  # a class
        r"(?:very\s+)?",  # optional
        r"(?:sick|\d+)",  # one alternative needs nothing
        r"[^.!?]+\?x?",  # a negated class (the "?" is still needed)
        r"(?<=ab)",  # a lookbehind
        r"(a)\1",  # a back-reference (the group still needs "a")
    ],
)
def test_what_cannot_be_proven_needs_nothing_more(pattern: str) -> None:
    for group in needs(pattern):
        compiled = re.compile(pattern)
        for sample in ("?", "a", "aa", "abab", "x?"):
            for m in compiled.finditer(sample):
                assert any(n in fold(m.group(0)) for n in group)


def test_common_words_are_kept_only_when_nothing_better_exists() -> None:
    assert needs(r"\bmy\s+(?:chance|shot)\b") == {frozenset({"chance", "shot"})}
    assert needs(r"\bit\s+is\b") == {frozenset({"it"})} or needs(r"\bit\s+is\b") == {frozenset({"is"})}


def test_case_insensitive_needles_are_found_in_folded_text() -> None:
    [group] = needs(r"\bINSERT\b", re.I)
    assert group == {"insert"}
    assert "insert" in fold("Please İNSERT the ſchool name")


def test_non_ascii_letters_under_ignorecase_are_cut_out_of_needles() -> None:
    assert needs(r"\bstraße\b", re.I) == {frozenset({"stra"})}
    assert needs(r"\bÉcole\b", re.I) == {frozenset({"cole"})}
    assert needs(r"caf\u00e9", re.I) == {frozenset({"caf"})}


def test_caseless_characters_are_needles_even_under_ignorecase() -> None:
    assert needs(r"(?i:dear\s+\u2026)") == {frozenset({"dear"}), frozenset({"\u2026"})}


def test_fold_handles_every_letter_ignorecase_equates_with_ascii() -> None:
    letter = re.compile("[a-z]", re.I)
    found = {chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))}
    assert found == set(SPECIAL_CASES)
    for char, ascii_letter in SPECIAL_CASES.items():
        assert re.fullmatch(ascii_letter, char, re.I)
        assert fold(char) == ascii_letter


def test_every_detector_pattern_is_indexed_or_runs_always() -> None:
    index = NeedleIndex(PATTERNS)
    narrowed = [p for p in PATTERNS if index.groups(p)]
    # the derivation understands nearly all of them; the rest simply always run
    assert len(narrowed) >= 0.9 * len(PATTERNS)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:40])
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_detector_pattern_holds_its_needles(pattern: re.Pattern[str], data: st.DataObject) -> None:
    text = data.draw(st.from_regex(pattern))
    m = pattern.search(text)
    assume(m is not None)
    assert m is not None
    matched = fold(m.group(0))
    for group in required(pattern):
        assert any(needle in matched for needle in group), (m.group(0), group)
