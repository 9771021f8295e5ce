"""invitation and rejection in a program's words."""

from __future__ import annotations

import pytest

from .helpers import features


@pytest.mark.parametrize(
    ("text", "invitation", "rejection"),
    [
        ("We are pleased to invite you to interview.", True, False),
        ("Please schedule your interview in Thalamus.", True, False),
        ("We regret to inform you that we cannot proceed.", False, True),
        ("We are unable to offer you an interview.", False, True),
        ("We are not able to extend an invitation this year.", False, True),
        ("The position has been filled.", False, True),
        ("Our program offers a strong curriculum.", False, False),
    ],
)
def test_invitation_and_rejection(text: str, invitation: bool, rejection: bool) -> None:
    f = features(text)
    assert (f.invitation, f.rejection) == (invitation, rejection)
