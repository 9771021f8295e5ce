"""Program names and aliases: which configured programs a text names."""

from __future__ import annotations

import pytest

from inboxcoach.detectors import analyze, mentioned_programs

from .helpers import PROGRAMS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I loved Riverside Community.", ("Riverside Community Hospital",)),
        ("I loved Riverside.", ("Riverside University Anesthesiology",)),
        (
            "Lakeside and Riverside Community and Riverside",
            ("Lakeside Medical Center", "Riverside Community Hospital", "Riverside University Anesthesiology"),
        ),
        ("RUH Anesthesia was great; ruh is not a name.", ("Riverside University Anesthesiology",)),
        ("the ruh and lmc in lower case", ()),
        (
            "LMC, then riverside university anesthesiology",
            ("Lakeside Medical Center", "Riverside University Anesthesiology"),
        ),
        ("Riversides and Lakesider are not names", ()),
        ("Riverside’s residents", ("Riverside University Anesthesiology",)),
        ("Write to jane@riverside.edu or see www.lakeside.org/anes", ()),
        ("I loved Riverside. Lakeside too.", ("Riverside University Anesthesiology", "Lakeside Medical Center")),
    ],
)
def test_mentioned_programs(text: str, expected: tuple[str, ...]) -> None:
    assert mentioned_programs(text, PROGRAMS) == expected


def test_mentions_include_subject() -> None:
    f = analyze("Thank you, Lakeside", "Thank you for the interview at Riverside.", PROGRAMS)
    assert f.mentions == ("Lakeside Medical Center", "Riverside University Anesthesiology")
