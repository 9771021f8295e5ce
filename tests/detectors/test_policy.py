"""no_contact_policy: a program asks for no thank-you notes or further contact."""

from __future__ import annotations

import pytest

from .helpers import features


@pytest.mark.parametrize(
    "text",
    [
        "We do not accept thank-you notes.",
        "We do not accept post-interview thank-you notes.",
        "No thank you notes are necessary.",
        "No further communication is needed.",
        "Please do not send thank-you letters.",
        "Post-interview communication will not affect your ranking.",
        "There is no need for further contact.",
        "We kindly ask that you do not send thank you notes.",
    ],
)
def test_no_contact_policy_positives(text: str) -> None:
    assert features(text).no_contact_policy != ()


@pytest.mark.parametrize(
    "text",
    [
        "We do not require a letter from your chair.",
        "Attendance at the dinner will not affect your ranking.",
        "Thank you for your note.",
        "Thank-you notes are appreciated but not required.",
    ],
)
def test_no_contact_policy_negatives(text: str) -> None:
    assert features(text).no_contact_policy == ()
