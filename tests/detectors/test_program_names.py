"""Program names and aliases: which configured programs a text names."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxcoach.detectors import analyze, mentioned_programs
from inboxcoach.detectors.program_names import name_matcher, replace_names
from inboxcoach.detectors.text import clean
from inboxcoach.core.model import Program

from .corpus import samples
from .helpers import PROGRAMS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I loved Riverside Community.", ("Riverside Community Hospital",)),
        ("I loved Riverside.", ("Riverside University Anesthesiology",)),
        (
            "Lakeside and Riverside Community and Riverside",
            ("Lakeside Medical Center", "Riverside Community Hospital", "Riverside University Anesthesiology"),
        ),
        ("RUH Anesthesia was great; ruh is not a name.", ("Riverside University Anesthesiology",)),
        ("the ruh and lmc in lower case", ()),
        (
            "LMC, then riverside university anesthesiology",
            ("Lakeside Medical Center", "Riverside University Anesthesiology"),
        ),
        ("Riversides and Lakesider are not names", ()),
        ("Riverside’s residents", ("Riverside University Anesthesiology",)),
        ("Write to jane@riverside.edu or see www.lakeside.org/anes", ()),
        ("I loved Riverside. Lakeside too.", ("Riverside University Anesthesiology", "Lakeside Medical Center")),
    ],
)
def test_mentioned_programs(text: str, expected: tuple[str, ...]) -> None:
    assert mentioned_programs(text, PROGRAMS) == expected


def test_mentions_include_subject() -> None:
    f = analyze("Thank you, Lakeside", "Thank you for the interview at Riverside.", PROGRAMS)
    assert f.mentions == ("Lakeside Medical Center", "Riverside University Anesthesiology")


# ------------------------------------------------ the one-pass matcher = the expressions
# NameMatcher.spans (Aho-Corasick, boundaries checked by hand) must give exactly what
# the two defining expressions (NameMatcher.regex_spans) give, on any text.

ODD = (
    Program(name="St. Mary's Hospital", aliases=("St Mary's", "SMH", "Mary")),
    Program(name="Ruh Clinic", aliases=("RUH", "K-Med", "Sanſ")),  # "Ruh" folds like acronym "RUH"
    Program(name="Hôpital Nord", aliases=("Nord",)),  # a non-ASCII name: the expressions answer
)
PIECES = st.sampled_from(
    [
        "Riverside", "riverside", "RIVERSIDE", "Riverside Community", "riverside  community", "Riverside\nCommunity",
        "RUH", "ruh", "Ruh", "RUH Anesthesia", "LMC", "lmc", "Lakeside", "Lakeside Medical Center", "Mary", "SMH",
        "St. Mary's", "St Mary’s", "K-Med", "Sanſ", "Hôpital Nord", "Nord", "Clinic",
        " ", " ", " ", "\n", "\n\n", "  ", "\t", "\u00a0", "\u200b", "\x00", "\u2028", "-", ".", "@", "/", "&", "'",
        "`", "’", "_", ",", "x", "s", "é", "İ", "ı", "ſ", "K", "Σ", ".com", "www.", "jane@", "1",
    ]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=2000, deadline=None)
@given(text=TEXTS, odd=st.booleans())
def test_one_pass_spans_equal_the_expressions(text: str, odd: bool) -> None:
    matcher = name_matcher(ODD if odd else PROGRAMS)
    for candidate in (text, clean(text)):
        assert matcher.spans(candidate) == matcher.regex_spans(candidate)


def mentioned_by_the_expressions(text: str, programs: tuple[Program, ...]) -> tuple[str, ...]:
    """The definition: the programs of the expressions' spans over clean(text)."""
    seen: list[str] = []
    for _, _, program in name_matcher(programs).regex_spans(clean(text)):
        if program not in seen:
            seen.append(program)
    return tuple(seen)


@settings(max_examples=2000, deadline=None)
@given(text=TEXTS, odd=st.booleans())
def test_mentioned_programs_equals_the_expressions_on_cleaned_text(text: str, odd: bool) -> None:
    programs = ODD if odd else PROGRAMS
    assert mentioned_programs(text, programs) == mentioned_by_the_expressions(text, programs)


def test_regex_whitespace_is_str_whitespace() -> None:
    """mentioned_programs relies on str.split() and the expressions' \\s agreeing."""
    space = re.compile(r"\s")
    assert all(bool(space.fullmatch(chr(c))) == chr(c).isspace() for c in range(sys.maxunicode + 1))


def test_on_every_body_of_the_seasons() -> None:
    for s in samples():
        matcher = name_matcher(s.programs)
        for text in (s.own_words, f"{s.subject}\n{s.own_words}"):
            cleaned = clean(text)
            assert matcher.spans(cleaned) == matcher.regex_spans(cleaned), f"{s.source}/{s.key}"
            assert mentioned_programs(text, s.programs) == mentioned_by_the_expressions(text, s.programs)


def test_replace_names_keeps_the_rest() -> None:
    assert replace_names("I loved RUH and ruh at Riverside.", PROGRAMS, "the program") == (
        "I loved the program and ruh at the program."
    )


def test_what_is_built_per_configuration_is_found_by_identity_and_by_equality() -> None:
    from inboxcoach.detectors.configured import _PER_PROGRAMS, per_programs

    built: list[tuple[Program, ...]] = []

    @per_programs
    def names(programs: tuple[Program, ...]) -> tuple[str, ...]:
        built.append(programs)
        return tuple(p.name for p in programs)

    programs = tuple(PROGRAMS)
    assert names(programs) is names(programs) == tuple(p.name for p in PROGRAMS)
    assert names(tuple(list(programs))) is names(programs)  # an equal tuple: the same value, not built again
    assert len(built) == 1
    # many configurations: each gets its own value, before and after the identity cache is emptied
    others = [
        tuple(Program(name=f"Program {i}", domains=(f"p{i}.example",)) for i in range(k))
        for k in range(1, 3 * _PER_PROGRAMS)
    ]
    for _ in range(2):
        for other in others:
            assert names(other) == tuple(p.name for p in other)
    assert names(programs) == tuple(p.name for p in PROGRAMS)

