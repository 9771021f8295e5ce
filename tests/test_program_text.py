"""inboxcoach.core.programs.text: program names and interview dates in subjects and sentences."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inboxcoach.core.programs.text import AFTERWARDS, OFFERED, SURE, dates_in, find_names, fresh_text, sentences

NY = ZoneInfo("America/New_York")


def names(text: str, **options: object) -> list[str]:
    return [n.text for n in find_names(text, **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Riverside University Anesthesiology - Interview Invitation", ["Riverside University Anesthesiology"]),
        ("Interview Invitation - St. Agnes Anesthesiology Residency", ["St. Agnes Anesthesiology"]),
        ("New interview invitation from Pinecrest University Anesthesiology", ["Pinecrest University Anesthesiology"]),
        ("applying to the Westbrook Memorial anesthesiology program.", ["Westbrook Memorial Anesthesiology"]),
        ("to interview with Glenwood Medical Center's anesthesiology residency", ["Glenwood Medical Center Anesthesiology"]),
        ("On behalf of the Department of Anesthesiology at Riverside University, we", ["Riverside University"]),
        ("Program Director, Pinecrest University Anesthesiology", ["Pinecrest University Anesthesiology"]),
        ("Interview Invitation: Northgate Health Anesthesiology - Central Campus", ["Northgate Health Anesthesiology - Central Campus"]),
        ("Your application has been delivered to Northgate University Anesthesiology (Categorical).", ["Northgate University Anesthesiology"]),
    ],
)
def test_program_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "SRMC Anesthesia News - October issue",  # a newsletter
        "accepted by the Journal of Regional Practice last week",
        "State Society of Anesthesiologists: Call for abstracts",
        "New jobs for Anesthesiology Resident",
        "Department of Anesthesiology",  # no name of its own
        "Thank you - Pinecrest interview",  # a bare name: only a domain can confirm it
        "Thalamus Team",
        "my Emergency Medicine rotation",
    ],
)
def test_no_program_names(text: str) -> None:
    assert names(text) == []


def test_other_specialties_are_no_program_of_the_season() -> None:
    assert names("Interview Update: Brookside Internal Medicine (Preliminary)", specialty="anesthesiology") == []
    assert names("Interview Update: Fairhaven Transitional Year", specialty="anesthesiology") == []
    assert names("Reminder: Laurel Heights Anesthesiology", specialty="anesthesiology") == ["Laurel Heights Anesthesiology"]


def test_bare_names_only_when_asked() -> None:
    assert names("Interview confirmed: Juniper Heights", bare=True) == ["Juniper Heights"]
    assert names("Interview confirmed: Juniper Heights") == []


def clue(sentence: str, written: str = "2026-11-10T10:00", *, thank_you: bool = False, outbound: bool = False):  # type: ignore[no-untyped-def]
    return dates_in(sentence, datetime.fromisoformat(written).replace(tzinfo=NY), 2027, thank_you=thank_you, outbound=outbound)


def test_a_confirmation_is_sure() -> None:
    found = clue("You are confirmed for Thursday, November 12.")
    assert found is not None and (found.day, found.strength) == (date(2026, 11, 12), SURE)


def test_a_choice_of_dates_gives_none() -> None:
    assert clue("Interview dates available: November 5, November 12 and December 3 (all virtual).") is None
    assert clue("We have openings on December 10 and January 7.") is None


def test_a_moved_interview_gives_the_new_date() -> None:
    found = clue("We need to move your interview from December 2 to Tuesday, December 15.")
    assert found is not None and found.day == date(2026, 12, 15)


def test_the_year_is_the_seasons() -> None:
    found = clue("We have an interview opening on January 7.", "2026-11-02T10:00")
    assert found is not None and found.day == date(2027, 1, 7)


def test_an_invitation_to_one_date_is_an_offer() -> None:
    found = clue("We would like to invite you to interview on Monday, November 9.")
    assert found is not None and (found.day, found.strength) == (date(2026, 11, 9), OFFERED)


def test_tomorrow_in_a_reminder() -> None:
    found = clue("Reminder: interview tomorrow - Pinecrest University Anesthesiology", "2026-11-15T14:04")
    assert found is not None and (found.day, found.strength) == (date(2026, 11, 16), SURE)


def test_yesterday_in_a_thank_you_note_counts_from_the_writing_day() -> None:
    found = clue("Thank you for interviewing me yesterday.", "2026-11-18T08:09", thank_you=True, outbound=True)
    assert found is not None and (found.day, found.strength) == (date(2026, 11, 17), AFTERWARDS)
    # written just after midnight, "yesterday" is still the day before the evening's
    late = clue("Thank you for interviewing me yesterday.", "2026-12-16T00:04", thank_you=True, outbound=True)
    assert late is not None and late.day == date(2026, 12, 14)


@pytest.mark.parametrize(
    "sentence",
    [
        "Will you be joining the resident dinner on the evening of November 23?",
        "We're hosting a virtual social for applicants on Sunday, November 22 at 7 PM.",
        "Please sign and return it by January 5 to secure your position.",
        "I am out of the office until October 12.",
    ],
)
def test_other_events_are_not_the_interview(sentence: str) -> None:
    assert clue(sentence) is None


def test_fresh_text_keeps_the_signature_and_drops_the_quote() -> None:
    text = (
        "Hello Sam,\n\nYes, we sponsor J-1 visas.\n\nKathleen O'Donnell\nLakeshore Medical Center\n\n"
        "On Tue, Sep 15, 2026 at 9:21 PM Sam <sam@example.org> wrote:\n> Dear Ms. O'Donnell,\n> Riverside"
    )
    fresh = fresh_text(text)
    assert fresh.endswith("Lakeshore Medical Center") and "Riverside" not in fresh


def test_sentences_do_not_split_after_st_or_dr() -> None:
    assert list(sentences("Interviews are at St. Agnes Hospital. Dr. Kwon will meet you.")) == [
        "Interviews are at St. Agnes Hospital.",
        "Dr. Kwon will meet you.",
    ]
