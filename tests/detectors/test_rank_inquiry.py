"""rank_inquiry: a program asks how the applicant will rank it, or where else they applied."""

from __future__ import annotations

import pytest

from inboxcoach.detectors import analyze

from .helpers import features


@pytest.mark.parametrize(
    "text",
    [
        "Where will you rank us?",
        "Are we your first choice?",
        "How do you plan to rank our program?",
        "Which other programs did you apply to?",
        "Which other programs did you interview at?",
        "Please let us know if you will rank us first.",
        "Are we at the top of your list?",
        "Will you be ranking us to match?",
    ],
)
def test_rank_inquiry_positives(text: str) -> None:
    assert features(text).rank_inquiry != ()


@pytest.mark.parametrize(
    "text",
    [
        "I will rank your program very highly.",
        "In line with NRMP policy, we will not ask how you plan to rank us.",
        "NRMP rules prohibit us from asking how you will rank our program.",
    ],
)
def test_rank_inquiry_negatives(text: str) -> None:
    assert features(text).rank_inquiry == ()


@pytest.mark.parametrize(
    "text",
    [
        "Just between us - where is Lakeside likely to land on your rank list? It would also help me to know "
        "which other Midwest programs you are still considering.",
        "Could you let us know which other programs you have interviewed with this season?",
        "How high are we on your list?",
        "Are we in your top three?",
        "Please tell us where you plan to rank us.",
        "What other programs are you considering?",
        "Have you interviewed elsewhere in the region?",
        "Will you be ranking us to match?",
        "We would appreciate knowing where our program stands on your rank list.",
        "Out of curiosity, where else have you interviewed?",
        "Would you mind sharing how you plan to rank us?",
        "Is Riverside your first choice program?",
        "Where do you see our program on your rank list?",
        "May I ask where we stand on your list?",
        "Can you tell us if we are your top choice?",
        "Which other institutions did you interview with?",
        "Would you share how you intend to rank our program?",
        "We are curious which other programs you applied to.",
        "Is our program at the top of your list?",
        "Have you received other interview offers in the area?",
        "Please tell us where we fall on your rank list.",
        "Do you plan to rank us highly?",
        "Off the record, are we your number one?",
        "Where are we going to end up on your list?",
        "It would be useful for us to know how you plan to rank our program.",
        "Tell me honestly: how highly will you rank us?",
        "Are you also interviewing at other programs in Texas?",
    ],
)
def test_rank_inquiry_paraphrases(text: str) -> None:
    """A program's question or request about the applicant's ranking or other programs."""
    assert features(text).rank_inquiry != ()


@pytest.mark.parametrize(
    "text",
    [
        "We will not ask how you plan to rank us.",
        "NRMP rules prohibit us from asking about your rank list.",
        "You will be ranked highly on our list.",
        "Please rank programs in your true order of preference.",
        "Do you have any questions about other programs in our health system?",
        "Please let us know which interview date works best for you.",
        "Have you interviewed with us before?",
        "Let us know if you have questions about the rank list process.",
        "Could you let us know where you will be staying during the visit?",
        "We hope you enjoyed meeting the residents; good luck with the rest of the season.",
        "We will rank you highly.",
        "Our program does not ask applicants where they plan to rank us.",
        "Please do not share your rank list plans with us.",
        "Please remember to certify your rank list by March 4.",
        "Which dates would work best for your second look?",
        "Did you enjoy the interview day?",
        "If you have questions about our program, please ask.",
        "We look forward to seeing where your career takes you.",
        "Please let us know if you will attend the second look.",
        "Per NRMP policy, you are not obligated to tell us how you will rank programs.",
        "Our program will not ask you about your rank list.",
        "Applicants are never asked where they will rank us.",
        "We hope you will consider us when you make your rank list.",
        "Please let us know if you have questions about other programs in our department.",
        "Could you tell us which interview session you prefer?",
    ],
)
def test_rank_inquiry_look_alikes(text: str) -> None:
    assert features(text).rank_inquiry == ()


def test_policy_sentence_about_rank_lists_is_no_rank_inquiry() -> None:
    text = "Please know that you are under no obligation to share your rank list with us, and we will not ask."
    assert analyze("", text, []).rank_inquiry == ()
    assert analyze("", "Could you share your rank list with us?", []).rank_inquiry != ()


def test_resident_joke_is_no_rank_inquiry() -> None:
    text = "Great meeting you tonight. Was I your #1 pick for the dinner? Kidding, the tacos won."
    assert analyze("", text, []).rank_inquiry == ()
    assert analyze("", "Are we your top choice for residency?", []).rank_inquiry != ()
