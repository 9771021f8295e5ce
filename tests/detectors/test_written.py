"""Findings quote the applicant's words as written: case, contractions and program
names as the letter has them, though the detectors read a normalized copy."""

from __future__ import annotations

from inboxcoach import detectors
from inboxcoach.core.model import Program
from inboxcoach.core.rules._common import quoted
from inboxcoach.detectors.written import as_written

PROGRAMS = (Program("Riverside University Anesthesiology", aliases=("Riverside",)),)


def test_a_first_choice_letter_is_quoted_as_written() -> None:
    features = detectors.analyze(
        "Thank you", "Dear Dr. Lee,\n\nRiverside is my #1 Choice, and I'll definitely come if you rank me.", PROGRAMS, "out"
    )
    assert features.first_choice == ("the program is my #1 choice",)  # what the rules compare: normalized
    assert quoted(features.first_choice, features) == '"Riverside is my #1 Choice"'
    assert quoted(features.conditional_commitment, features) == "\"I'll definitely come if you rank\""


def test_a_placeholder_keeps_its_capitals() -> None:
    features = detectors.analyze("Thanks", "Dear Dr. [Last Name], thank you for the interview.", PROGRAMS, "out")
    assert quoted(features.placeholders, features) == '"[Last Name]"'


def test_contractions_and_spacing_are_found_again() -> None:
    assert as_written("i am so frustrated", "Honestly, I'm  so\nFRUSTRATED by this.", PROGRAMS) == "I'm so FRUSTRATED"
    assert as_written("do not", "I DON'T know.", PROGRAMS) == "DON'T"
    assert as_written("will not", "It won't matter.", PROGRAMS) == "won't"


def test_a_phrase_not_found_stays_as_stored() -> None:
    assert as_written("you are my #1 choice", "Nothing like it here.", PROGRAMS) == "you are my #1 choice"
    assert quoted(("phrase",)) == '"phrase"'  # without features: as stored
