"""clean() and normalize(): the text every detector reads.

Both take shortcuts (whitespace runs joined by str.split, expressions skipped when a
piece every match holds is absent, a case-sensitive expression on lower-case text).
Each must give what its plain definition below gives, on every season body and on
generated text full of the characters the shortcuts depend on.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from inboxcoach.detectors.text import (
    CHAR_MAP,
    CHAR_PAIRS,
    CONTRACTION_RULES,
    clean,
    normalize,
    replace_chars,
    word_count,
)

from .corpus import samples

_ABBREVIATIONS = re.compile(
    r"\b(dr|drs|mr|mrs|ms|prof|st|vs|etc|dept|univ|approx|jr|sr|ph\.d|m\.d|e\.g|i\.e)\.", re.I
)


def clean_by_definition(text: str) -> str:
    text = text.translate(CHAR_MAP)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*", "\x00", text)
    text = re.sub(r"\s+", " ", text)
    return text.replace("\x00", "\n").strip()


def normalize_by_definition(text: str) -> str:
    text = text.lower()
    for pattern, repl, _ in CONTRACTION_RULES:  # as written, not as compiled for speed
        text = re.sub(pattern, repl, text)
    text = re.sub(r"\bno\.\s?(?=\d)", "no ", text, flags=re.I)
    text = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), text)
    return re.sub(r"\bu\.s\.a?\.?", "usa", text)


PIECES = st.sampled_from(
    [
        "Dr.", "DR.", "dr", "Mrs.", "St.", "ſt.", "ST.", "Ph.D.", "M.D.", "e.g.", "I.E.", "ı.e.", "etc.", "No. 1",
        "no.2", "NO. 3", "U.S.", "u.s.a.", "U.S.A", "I'm", "I’m", "im", "IM", "can't", "CANNOT", "cannotn't", "imn't",
        "won't", "didn't", "dont", "youre", "Ive", "haven't", "it's", "they'd", "we'll", "you've", "hadnt", "cant",
        " ", "  ", "\n", "\n\n", " \n \n ", "\t", "\u00a0", "\u2003", "\x00", "\u200b", "\u2028", "\x1c", ".", ",",
        "-", "—", "'", "`", "İ", "K", "x", "word", "1", "the program", "_", "é", "9", "я",
        # each contraction and abbreviation whose expression normalize() runs in another form
        "that's", "He's", "she’s", "WHO'S", "there's", "what's", "this's", "hes", "drs.", "Ms.", "vs.", "prof.",
        "jr.", "Sr.", "dept.", "univ.", "approx.", "ph.", "d.", "m.", "g.", "i.", "e.", "isnt", "shouldnt",
    ]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(text=TEXTS)
def test_clean_and_normalize_are_their_definitions(text: str) -> None:
    assert clean(text) == clean_by_definition(text)
    assert normalize(text) == normalize_by_definition(text)
    assert normalize(clean(text)) == normalize_by_definition(clean_by_definition(text))


def test_clean_and_normalize_are_their_definitions_on_every_season_body() -> None:
    for s in samples():
        for text in (s.own_words, s.subject):
            assert clean(text) == clean_by_definition(text)
            assert normalize(clean(text)) == normalize_by_definition(clean(text))


def test_normalize_expands_contractions_and_drops_abbreviation_periods() -> None:
    assert normalize("I'm sure Dr. Lee didn't see the U.S. No. 1 list, e.g. yours.") == (
        "i am sure dr lee did not see the usa no 1 list, eg yours."
    )


def test_clean_keeps_paragraphs_as_one_newline() -> None:
    assert clean("Dear Dr. Lee,\n\n\n  Thank you —\tso much.\nBest") == "Dear Dr. Lee,\nThank you - so much. Best"


def test_word_count_counts_own_words() -> None:
    assert word_count("Dear Dr. O’Neil,\n\nI’m well-rested — thanks!") == 6


@settings(max_examples=1000, deadline=None)
@given(text=st.text(alphabet=st.sampled_from([*map(chr, CHAR_MAP), "\x00", "a", " ", "'", "ſ", "İ", "é"]), max_size=40))
def test_replace_chars_is_translate(text: str) -> None:
    assert replace_chars(text, CHAR_PAIRS) == text.translate(CHAR_MAP)
