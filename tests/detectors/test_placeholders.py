"""placeholders: unfilled template slots."""

from __future__ import annotations

import pytest

from .helpers import features


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you for the interview at [Institution Name].", "[institution name]"),
        ("Dear Dr. [Last Name],", "[last name]"),
        ("I am excited about [Program Name].", "[program name]"),
        ("Sincerely, [Your Name]", "[your name]"),
        ("[Insert specific detail about the program here]", "[insert specific detail about the program here]"),
        ("Dear [NAME],", "[name]"),
        ("the residents at [Hospital] were kind", "[hospital]"),
        ("I loved <Program> and its people.", "<program>"),
        ("Dear <Program Name> team,", "<program name>"),
        ("Hello <name>,", "<name>"),
        ("Hello {name},", "{name}"),
        ("welcome to {{program}}", "{{program}}"),
        ("at {program_name}", "{program_name}"),
        ("Dear Dr. ___,", "dear dr. ___"),
        ("My interview at XXX Hospital was great.", "at xxx"),
        ("Dear (Program Name) team,", "(program name)"),
    ],
)
def test_placeholder_positives(text: str, expected: str) -> None:
    assert expected in features(text).placeholders


@pytest.mark.parametrize(
    "text",
    [
        "Please write to me at <jane.doe@example.org>.",
        "Jane Doe <jane.doe@example.org>",
        "See the study [1] and the review [2].",
        "He said it was 'their [sic] choice'.",
        "Details at https://riverside.edu/anes/[page] and <https://riverside.edu>.",
        "See [the brochure](https://riverside.edu/brochure).",
        "[image: Riverside logo] [cid:image001.png@01D9]",
        "[EXTERNAL] Re: interview",
        "I used <b>bold</b> text.",
        "We met on Dec 3 at 9 a.m.",
    ],
)
def test_placeholder_negatives(text: str) -> None:
    assert features(text).placeholders == ()


def test_placeholder_in_subject() -> None:
    assert features("Thank you.", subject="Thank you - [Program Name]").placeholders == ("[program name]",)
