"""offer: a program offers a position or asks for a commitment outside the Match."""

from __future__ import annotations

import pytest

from .helpers import features


@pytest.mark.parametrize(
    "text",
    [
        "We would like to offer you a position in our program.",
        "This is a pre-match offer.",
        "Please sign the attached contract.",
        "Please return the signed commitment letter.",
        "We would like to offer you a PGY-1 position outside the Match.",
        "Please sign and return by Friday.",
        "We can offer you a spot if you commit.",
        "We are excited to extend you an offer for a PGY-1 position.",
        "The position is offered outside of the NRMP Match.",
    ],
)
def test_offer_positives(text: str) -> None:
    assert features(text).offer != ()


@pytest.mark.parametrize(
    "text",
    [
        "We offer a competitive salary.",
        "The program offers research time.",
        "We are happy to offer you an interview on January 5.",
        "Thank you for your interest in our program.",
        "We can offer you a spot at the pre-interview dinner.",
        "If you sign up for the social, please bring ID.",
        "Pre-match offers are not permitted under NRMP rules.",
        "Our program does not offer pre-match positions.",
    ],
)
def test_offer_negatives(text: str) -> None:
    assert features(text).offer == ()


def test_interview_offer_is_an_invitation() -> None:
    f = features("We are happy to offer you an interview on January 5.")
    assert (f.invitation, f.offer) == (True, ())
