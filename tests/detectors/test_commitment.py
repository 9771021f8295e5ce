"""conditional_commitment: a promise to come made conditional on being ranked or matched."""

from __future__ import annotations

import pytest

from .helpers import features


@pytest.mark.parametrize(
    "text",
    [
        "I will definitely come if you rank me highly.",
        "If you rank me to match, I will definitely sign.",
        "If you rank me first, I will certainly attend.",
        "I promise to rank you first if you rank me.",
        "I can guarantee that I will come to your program.",
        "If I am offered a position, I would accept immediately.",
    ],
)
def test_conditional_commitment_positives(text: str) -> None:
    assert features(text).conditional_commitment != ()


@pytest.mark.parametrize(
    "text",
    [
        "I will definitely apply what I learned.",
        "I will definitely attend the pre-interview dinner.",
        "I hope to match with you.",
        "I would be honored to train at your program.",
    ],
)
def test_conditional_commitment_negatives(text: str) -> None:
    assert features(text).conditional_commitment == ()


@pytest.mark.parametrize(
    "text",
    [
        "Should Lakeside rank me, I'd accept without a second thought; consider it a promise.",
        "If I match there I will sign immediately, you have my word.",
        "Rank me and I will be there.",
        "As long as you rank me I commit to coming.",
        "You can count on me to accept if ranked.",
        "If your program ranks me to match, I will definitely accept.",
        "Once you rank me, I promise I will come.",
        "If I am matched with Riverside, I will absolutely be there on July 1 - I give you my word.",
        "Provided that the program ranks me highly, I will gladly commit.",
        "If you choose me, I will not hesitate to accept.",
        "If you rank me, I will accept without hesitation.",
        "If Riverside ranks me to match, I promise I will be there.",
        "Should I match at Lakeside, I will sign the contract the same day, I promise.",
        "If I'm matched at Riverside I'd join without a second thought.",
        "If your program offers me a position, I would take the position immediately.",
        "I guarantee I will come if you rank me high enough to match.",
        "Rank me to match and I will be yours.",
        "Rest assured, if you rank me I will commit to your program.",
        "If Lakeside ranks me to match, I will come - no question.",
        "Should you decide to rank me, rest assured that I will accept.",
        "If I end up matching at Riverside, I will absolutely accept.",
        "You can count on me to sign if I am ranked.",
    ],
)
def test_conditional_commitment_paraphrases(text: str) -> None:
    """A condition on being ranked or matched plus a promise to come."""
    assert features(text).conditional_commitment != ()


@pytest.mark.parametrize(
    "text",
    [
        "If I am fortunate enough to match, I would be honored.",
        "I will definitely apply what I learned.",
        "If I match with you, I would be thrilled to join your team.",
        "I will definitely attend the second look if you host one.",
        "If you rank me, I will work hard every day.",
        "If you have any questions, I will be happy to come in for a visit.",
        "I promise to keep you updated on my Step 3 score.",
        "If I match, I will come ready to learn.",
        "Should I rank you first?",
        "If I match at Riverside, it would be a dream come true.",
        "If given the opportunity, I would be proud to train at Lakeside.",
        "If you have time, I would love to come to the second look.",
        "I will rank programs in my true order of preference.",
        "If you need anything else, I will send it right away.",
        "I hope you will consider ranking me.",
        "If I match, I would be thrilled to join your team.",
        "If I am lucky enough to match at Riverside, I will feel at home.",
        "Should I be selected, I would be grateful for the opportunity.",
        "If you rank me, thank you in advance.",
        "I will accept the invitation for January 5.",
    ],
)
def test_conditional_commitment_look_alikes(text: str) -> None:
    assert features(text).conditional_commitment == ()
