"""desperate: pleading, or telling a program it is the last hope."""

from __future__ import annotations

import pytest

from inboxcoach.detectors import analyze

from .helpers import features


@pytest.mark.parametrize(
    "text",
    [
        "You are my only hope.",
        "You are my last hope.",
        "I have no other interviews.",
        "I do not have any other interviews this season.",
        "I am desperate.",
        "I'm begging you to consider me.",
        "Please, I beg you.",
        "I really need this position or I will have to leave medicine.",
        "I will do anything to join your program.",
        "I have nowhere else to go.",
        "This is my last chance to match.",
        "I have only one interview, yours.",
    ],
)
def test_desperate_positives(text: str) -> None:
    assert features(text).desperate != ()


@pytest.mark.parametrize(
    "text",
    [
        "I hope to hear from you soon.",
        "My only question is about parking.",
        "I have no other questions.",
        "I beg your pardon for the delay.",
        "I look forward to the next steps.",
    ],
)
def test_desperate_negatives(text: str) -> None:
    assert features(text).desperate == ()


def test_a_calendar_fact_is_no_desperation() -> None:
    text = "There were no other interviews scheduled that week, so I could also attend the resident social."
    assert analyze("", text, []).desperate == ()
    assert analyze("", "I have no other interviews this season.", []).desperate != ()
