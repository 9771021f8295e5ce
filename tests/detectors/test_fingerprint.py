"""The fingerprint and MinHash signature behind the mass-email and same-request rules."""

from __future__ import annotations

import pytest

from inboxcoach.detectors import MINHASH_SIZE, normalize_for_fingerprint, similarity

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
