"""The shared matching helpers on texts a sender may make hostile: thousands of
matches, no sentence ends, thousands of distinct phrases. What is kept is bounded
and the same as the plain definition where the plain definition is cheap."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from inboxcoach.detectors import analyze
from inboxcoach.detectors.analysis import MAX_PHRASES
from inboxcoach.detectors.match import MERGED_MAX, SENTENCE_MAX, DisjointSpans, find, is_question, merge

from .helpers import PROGRAMS

_SPAN = st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda s: (s[0], s[0] + s[1]))


@given(st.lists(_SPAN, max_size=40))
def test_disjoint_spans_take_what_overlaps_nothing_taken(spans: list[tuple[int, int]]) -> None:
    taken = DisjointSpans()
    plain: list[tuple[int, int]] = []
    for start, end in spans:
        free = all(end <= s or start >= e for s, e in plain)  # the definition, quadratic
        assert taken.free(start, end) is free
        assert taken.take(start, end) is free
        if free:
            plain.append((start, end))


def test_the_end_of_a_sentence_is_looked_for_only_so_far() -> None:
    assert is_question("would you rank me first?", 10)
    assert not is_question("would you rank me first" + " and" * (SENTENCE_MAX // 4) + "?", 10)
    assert not is_question("I will rank you first. Is that fine?", 10)  # a sentence end comes first


def test_find_keeps_each_phrase_once_in_text_order() -> None:
    text = " ".join(f"slot{i % 3} slot{i % 3}" for i in range(3000))
    assert find(text, [re.compile(r"slot\d")]) == ("slot0", "slot1", "slot2")


def test_merge_keeps_the_first_phrases_and_drops_those_inside_others() -> None:
    assert merge(("my first choice", "first choice"), ("rank you first",)) == ("my first choice", "rank you first")
    many = tuple(f"phrase number {i} here" for i in range(5 * MERGED_MAX))
    assert merge(many) == many[:MERGED_MAX]


def test_thousands_of_distinct_placeholders_keep_the_first_few() -> None:
    text = "Dear Dr. Lee, " + " ".join(f"[Institution Name {i}]" for i in range(5000))
    f = analyze("Update", text, PROGRAMS, "out")
    assert len(f.placeholders) == MAX_PHRASES
    assert f.placeholders[0] == "[institution name 0]" and f.placeholders[-1] == f"[institution name {MAX_PHRASES - 1}]"


def test_a_letter_of_thousands_of_program_names_and_placeholders_is_analysed() -> None:
    names = " ".join(f"{p.name}, [Program Name] and {{name}}" for p in PROGRAMS) + ". "
    f = analyze("Update", names * 400, PROGRAMS, "out")
    assert set(f.mentions) == {p.name for p in PROGRAMS}
    assert "[program name]" in f.placeholders and "{name}" in f.placeholders
