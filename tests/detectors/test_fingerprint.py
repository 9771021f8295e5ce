"""The fingerprint and MinHash signature behind the mass-email and same-request rules."""

from __future__ import annotations

import hashlib
import random
import re
import statistics
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxcoach.detectors import MINHASH_SIZE, fingerprint, normalize_for_fingerprint, similarity
from inboxcoach.detectors.fingerprint import minhash
from inboxcoach.detectors.program_names import replace_names
from inboxcoach.detectors.text import CHAR_PAIRS, replace_chars

from .helpers import PROGRAMS, features

TEMPLATE = (
    "Dear Dr. {doctor},\n\n"
    "Thank you for the opportunity to interview at {program} on {date}. I enjoyed learning about "
    "the clinical training, the supportive residents and the strong focus on education at {program}. "
    "I believe I would be a great fit and I hope to have the chance to train with you.\n\n"
    "Thank you again for your time."
)


def test_template_with_names_swapped_has_the_same_fingerprint() -> None:
    a = features(TEMPLATE.format(doctor="Patel", program="Riverside", date="November 12"))
    b = features(TEMPLATE.format(doctor="Jane Smith", program="Lakeside Medical Center", date="December 3"))
    assert a.fingerprint != ""
    assert a.fingerprint == b.fingerprint
    assert similarity(a, b) == 1.0


def test_template_with_a_small_edit_is_near_duplicate() -> None:
    a = features(TEMPLATE.format(doctor="Patel", program="Riverside", date="November 12"))
    edited = TEMPLATE.replace("supportive residents", "friendly residents and the regional block rotation")
    b = features(edited.format(doctor="Lee", program="Lakeside", date="January 5"))
    assert a.fingerprint != b.fingerprint
    assert similarity(a, b) >= 0.6


def test_two_different_thank_you_notes_are_not_similar() -> None:
    a = features(
        "Dear Dr. Patel, Thank you so much for taking the time to speak with me during my interview. "
        "I truly enjoyed our conversation about the regional anesthesia curriculum and the residents' "
        "quality improvement projects, and I could picture myself training in your simulation center."
    )
    b = features(
        "Hello Dr. Gomez, I wanted to thank you for interviewing me yesterday. The cardiac cases you "
        "described and the way your residents teach one another stayed with me on the flight home, "
        "and our talk about global health made the day memorable."
    )
    assert a.fingerprint and b.fingerprint
    assert similarity(a, b) < 0.5


def test_short_text_has_no_fingerprint() -> None:
    f = features("Thank you for the interview.")
    assert (f.fingerprint, f.minhash, f.word_count) == ("", (), 5)
    assert similarity(f, f) == 0.0


def test_minhash_is_stable_and_sized() -> None:
    text = TEMPLATE.format(doctor="Patel", program="Riverside", date="November 12")
    a = features(text)
    assert len(a.minhash) == MINHASH_SIZE
    assert a.minhash == features(text).minhash
    assert len(a.fingerprint) == 40
    assert int(a.fingerprint, 16) >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Dr. Smith,\nThank you for 2 great days at Riverside!", "thank you for great days at programname"),
        ("Hi Dr. Lee - great to meet you", "great to meet you"),
        ("Good morning Dr. Ng,\nI met Dr. Jane Roe at RUH.", "i met at programname"),
        ("No greeting here, just words.", "no greeting here just words"),
    ],
)
def test_normalize_for_fingerprint(text: str, expected: str) -> None:
    assert normalize_for_fingerprint(text, PROGRAMS) == expected


# ------------------------------------------------ the signature estimates Jaccard
# One-permutation hashing with densification: one digest per shingle. The share of
# equal slots must estimate the Jaccard similarity of the shingle sets as well as
# 128 independent hash functions would (standard error about 0.04 at 0.7).


PINNED = (273247164, 2187059556, 458209680, 1561669931)


def shingles(words: list[str]) -> set[str]:
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def letter_pair(seed: int, length: int, changed: int) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    a = [f"w{rng.randrange(5000)}" for _ in range(length)]
    b = list(a)
    for i in rng.sample(range(length), changed):
        b[i] = f"x{rng.randrange(5000)}"
    return a, b


def estimate(a: list[str], b: list[str]) -> float:
    x, y = minhash(a), minhash(b)
    return sum(p == q for p, q in zip(x, y, strict=True)) / MINHASH_SIZE


@pytest.mark.parametrize("length", [15, 40, 120, 400])
def test_the_signature_estimates_jaccard_without_bias(length: int) -> None:
    errors = []
    for seed in range(120):
        a, b = letter_pair(seed, length, changed=1 + seed % max(2, length // 6))
        exact = len(shingles(a) & shingles(b)) / len(shingles(a) | shingles(b))
        errors.append(estimate(a, b) - exact)
    assert abs(statistics.mean(errors)) < 0.02
    assert statistics.pstdev(errors) < 0.06
    assert max(abs(e) for e in errors) < 0.2


def test_equal_shingles_give_equal_signatures_and_different_ones_differ() -> None:
    words = ["i", "enjoyed", "meeting", "the", "residents", "and", "learning", "about", "the", "program"]
    assert minhash(["x", "y", "z", "x", "y", "z", "x", "y", "z"]) == minhash(["x", "y", "z", "x", "y", "z"])  # one shingle set
    assert estimate(words, [w.upper() for w in words]) < 0.1


def test_the_signature_is_128_values_of_32_bits_even_for_a_tiny_text() -> None:
    for words in (["a"], ["a", "b", "c"], [f"w{i}" for i in range(1000)]):
        signature = minhash(words)
        assert len(signature) == MINHASH_SIZE
        assert all(0 <= v < 2**32 for v in signature)


def test_the_signature_is_fixed_across_runs() -> None:
    """Stored signatures are compared with new ones: the hashing must never change."""
    assert minhash(["thank", "you", "for", "the", "interview", "at", "the", "program"])[:4] == PINNED


# Stored fingerprints are compared with the next run's: the normalization must give
# the same text as it did when calendar words were removed by an expression before
# the punctuation (as below, the definition).
_CALENDAR = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|st|nd|rd|th)\b"
)


def _normalized_by_definition(own_words: str) -> str:
    text = fingerprint._drop_greeting(replace_chars(own_words, CHAR_PAIRS).lstrip())
    text = " ".join(replace_chars(text, fingerprint._FLAT_PAIRS).split())
    text = replace_names(text, PROGRAMS, " programname ")
    text = fingerprint._TITLED_NAME.sub(" ", text)
    text = fingerprint._DIGITS.sub(" ", text.lower())
    text = _CALENDAR.sub(" ", text)
    text = fingerprint._PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


_PIECES = st.sampled_from(
    [
        "May", "may", "MAY's", "may-june", "1st", "2nd", "3rd", "4th", "x_may", "mayß", "marché", "march",
        "Sept.", "sept", "on Monday,", "Dr. Jane Smith", "thanks", "st.", "St", "_", "9", "٣", "’", "'", "-",
        ".", ",", " ", "\n", "\u00a0", "\u2003", "é", "Riverside", "Dear Dr. Smith,", "I look forward",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=30), glue=st.sampled_from(["", " ", "-", "'"]))
def test_normalize_for_fingerprint_is_its_definition(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces)
    assert normalize_for_fingerprint(text, PROGRAMS) == _normalized_by_definition(text)


def _minhash_by_definition(words: list[str]) -> tuple[int, ...]:
    """The signature as first written: a new keyed blake2b per shingle, four 64-bit
    hashes each, the top 7 bits the bin and the low 32 the value."""
    shingles = {" ".join(words)} if len(words) < 3 else {" ".join(t) for t in zip(words, words[1:], words[2:], strict=False)}
    bins = [1 << 32] * MINHASH_SIZE
    for shingle in shingles:
        digest = hashlib.blake2b(shingle.encode(), digest_size=32, person=b"inboxcoach-oph1").digest()
        for h in struct.unpack(">4Q", digest):
            bins[h >> 57] = min(bins[h >> 57], h & 0xFFFFFFFF)
    return tuple(
        value if value != 1 << 32 else next(bins[j] for j in fingerprint._PROBES[slot] if bins[j] != 1 << 32)
        for slot, value in enumerate(bins)
    )


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(["a", "b", "the", "program", "interview", "é", "x y", ""]), max_size=60))
def test_minhash_is_its_definition(words: list[str]) -> None:
    assert minhash(words) == _minhash_by_definition(words)


def test_minhash_is_its_definition_on_long_letters() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(400)]
    for size in (3, 50, 500, 3000):
        words = [rng.choice(vocabulary) for _ in range(size)]
        assert minhash(words) == _minhash_by_definition(words)


def test_the_probe_order_is_as_first_written() -> None:
    """Stored signatures depend on it: the per-slot step computed once gives the same order."""
    first_written = tuple(
        tuple(
            (i + k * (2 * hashlib.blake2b(bytes([i]), digest_size=1, person=b"inboxcoach-oph1").digest()[0] + 1))
            % MINHASH_SIZE
            for k in range(1, MINHASH_SIZE)
        )
        for i in range(MINHASH_SIZE)
    )
    assert fingerprint._PROBES == first_written
    assert all(sorted(order) == sorted(set(range(MINHASH_SIZE)) - {slot}) for slot, order in enumerate(first_written))
