"""Message kinds and their priorities."""

from __future__ import annotations

import pytest

from inboxcoach.core.classify import classify_inbound, classify_outbound
from inboxcoach.core.model import INBOUND_KINDS, OUTBOUND_KINDS, Features

WORDS = {"word_count": 40}


@pytest.mark.parametrize(
    ("fields", "is_reply", "expected"),
    [
        ({"first_choice": ("you are my #1",), "thank_you": True, "update": True}, False, "rank_statement"),
        ({"first_choice": ("rank you first",)}, True, "rank_statement"),
        ({"thank_you": True, "update": True, "logistics": True}, False, "thank_you"),
        ({"thank_you": True}, True, "thank_you"),
        ({"update": True, "logistics": True}, False, "update"),
        ({"logistics": True, "request": True}, True, "logistics"),
        ({"request": True}, True, "reply"),
        ({}, True, "reply"),
        ({"request": True}, False, "other"),
        ({}, False, "other"),
    ],
)
def test_classify_outbound(fields: dict[str, object], is_reply: bool, expected: str) -> None:
    kind = classify_outbound(Features(**fields), is_reply=is_reply)  # type: ignore[arg-type]
    assert kind == expected
    assert kind in OUTBOUND_KINDS


@pytest.mark.parametrize(
    ("fields", "automated", "platform", "expected"),
    [
        ({"offer": ("offer you a position",), "invitation": True, "rank_inquiry": ("x",)}, False, False, "offer"),
        ({"offer": ("commitment letter",)}, True, True, "offer"),
        ({"rank_inquiry": ("where will you rank us",), "rejection": True}, False, False, "rank_inquiry"),
        ({"rejection": True, "invitation": True}, False, False, "rejection"),
        ({"invitation": True}, True, True, "invitation"),
        ({"invitation": True}, False, False, "invitation"),
        ({}, True, False, "automated"),
        ({}, False, True, "automated"),
        ({"no_contact_policy": ("no thank-you notes",)}, False, False, "reply"),
        ({}, False, False, "reply"),
    ],
)
def test_classify_inbound(fields: dict[str, object], automated: bool, platform: bool, expected: str) -> None:
    merged = {**WORDS, **fields}
    kind = classify_inbound(Features(**merged), automated=automated, platform=platform)  # type: ignore[arg-type]
    assert kind == expected
    assert kind in INBOUND_KINDS


def test_inbound_person_message_without_words_is_other() -> None:
    assert classify_inbound(Features(), automated=False, platform=False) == "other"
    assert classify_inbound(Features(), automated=True, platform=False) == "automated"


def test_rank_interest_makes_a_ranking_message_unless_it_is_the_thank_you() -> None:
    assert classify_outbound(Features(rank_interest=("rank you highly",)), is_reply=True) == "rank_statement"
    both = Features(rank_interest=("rank you highly",), thank_you=True)
    assert classify_outbound(both, is_reply=False) == "thank_you"
