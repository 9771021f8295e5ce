"""thank_you, update and logistics: what kind of note the applicant wrote."""

from __future__ import annotations

import pytest

from .helpers import features


def test_thank_you_note() -> None:
    f = features(
        "Dear Dr. Patel,\n\nThank you for the opportunity to interview at Riverside yesterday. "
        "I enjoyed meeting the residents."
    )
    assert (f.thank_you, f.first_choice, f.nudge) == (True, (), ())


@pytest.mark.parametrize(
    "text",
    [
        "I wanted to update you on my application.",
        "I am pleased to share that my case report was accepted for publication.",
        "Please accept this letter of intent.",
        "I am writing to express my continued interest in your program.",
        "I received my Step 3 score last week.",
    ],
)
def test_update_positives(text: str) -> None:
    assert features(text).update is True


@pytest.mark.parametrize(
    "text",
    [
        "Could I reschedule my interview?",
        "I would like to confirm my attendance.",
        "Is there parking near the hospital?",
        "Does the program sponsor J-1 or H-1B visas?",
    ],
)
def test_logistics_positives(text: str) -> None:
    assert features(text).logistics is True


@pytest.mark.parametrize(
    "text",
    [
        "I just wanted to say thank you for organizing yesterday's interview day so smoothly - and please "
        "pass along my thanks to Dr. Gallagher and the residents.",
        "Many thanks for a wonderful interview day.",
        "I'm grateful for the time the residents spent with us.",
        "Thanks so much for having me on Tuesday.",
        "A big thank you to the whole team for the interview.",
        "I really appreciated how welcoming everyone was during my visit.",
        "Please extend my gratitude to the residents who gave us the tour.",
        "Thank you for hosting us yesterday.",
        "I am thankful for the conversation we had at the dinner on Monday.",
        "Thank you for a wonderful interview day on Friday.",
        "Thank you for taking the time to meet with me yesterday.",
        "I wanted to express my sincere gratitude for the interview.",
        "Please convey my thanks to the residents for a lovely pre-interview dinner.",
        "Thank you for showing us around the hospital.",
        "I truly appreciated the time you spent with me during the interview.",
        "Thanks again for having me today - I really enjoyed it.",
        "I am very grateful for the chance to interview at Riverside last week.",
        "Thank you, and the entire team, for a terrific interview experience.",
        "I appreciated the warm welcome from the residents on Monday.",
    ],
)
def test_thank_you_paraphrases(text: str) -> None:
    """Gratitude for the interview or visit, not a courtesy."""
    assert features(text).thank_you


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for asking.",
        "Thank you for checking in.",
        "Thanks for the reminder.",
        "Thank you for the update.",
        "Thank you for the interview invitation; I would like the December 3 date.",
        "Thanks for the details about the interview day schedule.",
        "Thank you for your time and consideration.",
        "I look forward to the interview day; thank you!",
        "Thank you for the reminder about the dinner tomorrow.",
        "Thanks for letting me know about the residents' social.",
        "Thank you for the interview details.",
        "Thanks for the heads up about parking.",
        "Thank you for your email.",
        "Thank you for your consideration of my application.",
        "Thank you for the invitation; I accept the January 5 date.",
        "I would be grateful for a chance to interview.",
        "Thank you for confirming my interview date.",
        "Thank you for the opportunity; I am excited to interview with you next week.",
        "Thank you so much! I am looking forward to the interview day and meeting the residents.",
        "Thanks for the info about the second look.",
        "Thank you for your patience with my schedule.",
        "Thank you for your email about the interview schedule.",
        "Thank you in advance for your time.",
    ],
)
def test_thank_you_look_alikes(text: str) -> None:
    assert not features(text).thank_you
