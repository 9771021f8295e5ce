"""Whole messages through analyze(): every detector together, word counts, empty text."""

from __future__ import annotations

from inboxcoach.detectors import analyze
from inboxcoach.core.model import Features

from .helpers import PROGRAMS, features


def test_word_count_counts_own_words() -> None:
    assert features("Dear Dr. O’Neil,\n\nI’m well-rested — thanks!").word_count == 6


def test_letter_of_intent_to_one_program() -> None:
    f = features(
        "Dear Dr. Chen,\nI am writing to express my continued interest in the Riverside University "
        "Anesthesiology residency. Since my interview, I passed USMLE Step 3 and my case report was "
        "accepted for publication. Riverside is my first choice and I intend to rank your program #1."
    )
    assert f.update is True
    assert f.first_choice == ("my first choice", "rank your program #1")
    assert f.mentions == ("Riverside University Anesthesiology",)


def test_program_invitation_with_policy() -> None:
    f = features(
        "Dear Applicant,\nWe are pleased to invite you to interview for a PGY-1 position. Our program "
        "offers a competitive salary. We do not accept post-interview thank-you notes."
    )
    assert (f.invitation, f.offer, f.rejection) == (True, (), False)
    assert f.no_contact_policy == ("we do not accept post-interview thank-you notes",)


def test_empty_text() -> None:
    f = analyze("", "", PROGRAMS)
    assert f == Features()
