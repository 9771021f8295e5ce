"""The rewritten twins of the detectors' patterns find exactly what the patterns find."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inboxcoach.detectors import DETECTORS, fingerprint
from inboxcoach.detectors.prefix import prefixed, scanner

from .test_prefilter import _NEEDLES, _WORDS, TEXTS

# the detectors' tables, and the expressions their modules scan whole texts with
PATTERNS = sorted(
    {p for d in DETECTORS for p in d.tables()} | {fingerprint._TITLED_NAME},
    key=lambda p: p.pattern,
)


@pytest.mark.parametrize(
    ("pattern", "rewritten"),
    [
        (r"\bno\s+other\b", r"no(?<!\wno)\s+other\b"),
        (r"\b(?:my|our)\s+only", r"(?:my(?<!\wmy)|our(?<!\wour))\s+only"),
        (r"\b(dr|m\.d)\.", r"(dr(?<!\wdr)|m(?<!\wm)\.d)\."),  # a capturing group keeps its text
        (r"\b(?:a(?:b|c)|d\|e)q", r"(?:a(?<!\wa)(?:b|c)|d(?<!\wd)\|e)q"),
        (r"\bhouses?x", r"house(?<!\whouse)s?x"),  # the optional letter stays out of the run
        (r"\bre-?do|\bredo", r"re(?<!\wre)-?do|redo(?<!\wredo)"),  # every branch led by letters
        # unchanged:
        (r"\b(?:ab|[x|y]z)q", r"\b(?:ab|[x|y]z)q"),  # a branch that starts with a class
        (r"\b(?:ab|c)?d", r"\b(?:ab|c)?d"),  # an optional group: no boundary to move
        (r"\bs?he", r"\bs?he"),  # a quantified first letter
        (r"\b\w+n't", r"\b\w+n't"),  # no literal
        (r"\b(?=x)x", r"\b(?=x)x"),  # a lookahead, not a group to split
        (r"\b#1", r"\b#1"),  # not a word character: \b means something else before it
        (r"(?:\bno)", r"(?:\bno)"),  # only a leading \b moves
        (r"\b(?:a|b)x|\bc", r"\b(?:a|b)x|\bc"),  # a group in one of several branches
        (r"\bx|y", r"\bx|y"),  # a branch without \b
        (r"\b(?:al|be|ca|de|ed)x", r"\b(?:al|be|ca|de|ed)x"),  # five first letters: no faster
    ],
)
def test_prefixed(pattern: str, rewritten: str) -> None:
    assert prefixed(pattern) == rewritten
    re.compile(prefixed(pattern))


def test_a_case_blind_pattern_is_left_as_it_is() -> None:
    pattern = re.compile(r"\bno\s+other", re.IGNORECASE)
    assert scanner(pattern) is pattern


def test_most_detector_patterns_get_a_faster_twin() -> None:
    """Not a timing: the rewrite must actually apply to the tables it was made for."""
    rewritten = sum(scanner(p) is not p for p in PATTERNS)
    assert rewritten > 0.7 * len(PATTERNS)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_twins_find_the_same_in_every_text_of_the_detector_tests() -> None:
    for text in TEXTS:
        for variant in (text, text.lower()):
            for pattern in PATTERNS:
                assert _found(scanner(pattern), variant) == _found(pattern, variant), (pattern.pattern, variant)


# Cue words glued to word characters of all kinds (letters, digits, "_", accented and
# other scripts) and to punctuation, so the boundary is tested from both sides.
_GLUE = st.sampled_from(["", "", "", " ", "x", "_", "9", "é", "ß", "я", "-", "'", "#", ".", "\n", "İ"])
_PIECE = st.builds(lambda a, w, b: a + w + b, _GLUE, st.sampled_from(_WORDS + _NEEDLES), _GLUE)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECE, min_size=1, max_size=30).map(" ".join))
def test_the_twins_find_the_same_in_generated_text(text: str) -> None:
    for variant in (text, text.lower()):
        for pattern in PATTERNS:
            assert _found(scanner(pattern), variant) == _found(pattern, variant), pattern.pattern


def test_a_rewrite_that_would_not_compile_or_would_renumber_groups_is_not_used() -> None:
    # "(?#...)" comments are not read by the splitter: a ")" in one unbalances it
    odd = re.compile(r"\bab(?#x)|\bcd")
    assert scanner(odd).pattern in (odd.pattern, prefixed(odd.pattern))
    assert _found(scanner(odd), "ab cd xab") == _found(odd, "ab cd xab")
