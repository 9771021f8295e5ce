"""feedback_request: asking why the application fell short, or how to improve it."""

from __future__ import annotations

import pytest

from .helpers import features


@pytest.mark.parametrize(
    "text",
    [
        "Why didn't I get an interview?",
        "Why was I not invited?",
        "Could you tell me why I was not selected for an interview?",
        "I would appreciate feedback on my application.",
        "Could you tell me what I could improve in my application?",
        "What was the reason I was rejected?",
        "Why wasn't my application selected?",
    ],
)
def test_feedback_request_positives(text: str) -> None:
    assert features(text).feedback_request != ()


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for the feedback during my interview.",
        "I appreciated the feedback on my presentation.",
        "I want to learn how I can improve as a clinician.",
    ],
)
def test_feedback_request_negatives(text: str) -> None:
    assert features(text).feedback_request == ()


@pytest.mark.parametrize(
    "text",
    [
        "Would you be willing to tell me what in my application led to the decision not to extend an "
        "interview? Any feedback would help me strengthen my application if I need to reapply.",
        "Is there anything I could have done differently in my application?",
        "What made my application less competitive?",
        "I would appreciate any advice on how to improve my candidacy for next year.",
        "Could you share why my application was not selected?",
        "I would be grateful for any insight into the weaknesses of my file.",
        "May I ask what kept my application from being invited?",
        "Please let me know which parts of my CV I should strengthen before I reapply.",
        "Any suggestions on how I could make my application more competitive next cycle would be appreciated.",
        "I am hoping to understand why I did not receive an interview.",
        "Could you share any feedback on why I was not offered an interview?",
        "I would be grateful to know what I could improve before I reapply next year.",
        "Can you tell me which parts of my application were weakest?",
        "If possible, could you let me know why my application was unsuccessful?",
        "I would welcome any guidance on how to make my application stronger for the next cycle.",
        "Was there something in my application that held me back?",
        "I would really value any feedback on where my application fell short.",
        "Could you let me know what I might do to become a stronger applicant next season?",
        "I am trying to understand why I was not invited for an interview and would appreciate any insight.",
    ],
)
def test_feedback_request_paraphrases(text: str) -> None:
    """An ask about what fell short in the application."""
    assert features(text).feedback_request != ()


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for the feedback during the interview.",
        "I appreciated the feedback on my presentation.",
        "Please let me know if I should send an updated CV to strengthen my application.",
        "I would appreciate any advice on how to prepare for the interview day.",
        "I have worked hard to strengthen my application with a new publication.",
        "Could you tell me what the interview day schedule looks like?",
        "Is there anything else you need from me to complete my application?",
        "I know my application is stronger now that I passed Step 3.",
        "I am grateful for the feedback you gave me on my research.",
        "Thanks for the helpful advice on my application timeline.",
        "Could you confirm that my application is complete?",
        "I would appreciate any advice on housing near the hospital.",
        "Why did I choose anesthesiology? Because of my father.",
        "Could you let me know whether my updated CV was added to my application?",
        "I appreciate the advice you gave me about research during the interview.",
        "Could you let me know if my application is under review?",
        "I would welcome any advice about living in the city.",
    ],
)
def test_feedback_request_look_alikes(text: str) -> None:
    assert features(text).feedback_request == ()
