"""first_choice and rank_interest: "#1 statements" and ranking messages short of one."""

from __future__ import annotations

import pytest

from inboxcoach.detectors import analyze

from .helpers import features


@pytest.mark.parametrize(
    "text",
    [
        "You are my #1 choice.",
        "You're my number one!",
        "You are my No. 1 choice for residency.",
        "You’re my first choice.",
        "I will rank you first.",
        "I’ll rank your program #1 on my rank list.",
        "I have ranked Riverside first.",
        "I ranked your program first.",
        "I will rank your program at the top of my rank list.",
        "Riverside is my first choice program.",
        "My first choice program is Lakeside.",
        "Lakeside is my #1 choice.",
        "You will be ranked first on my list.",
        "Riverside is #1 on my rank list.",
        "Your program remains my number one choice.",
        "I plan to rank your program as my first choice.",
        "I am writing to let you know that I will be ranking Riverside as my number one choice.",
        "I have decided to rank Lakeside number one.",
        "I am not sure about the dates, but you are my first choice.",
        "After 12 interviews, Riverside is truly my first-choice program.",
        "I have certified my rank list with your program ranked first.",
        "Lakeside is, and has always been, my #1 choice.",
    ],
)
def test_first_choice_positives(text: str) -> None:
    assert features(text).first_choice != ()


@pytest.mark.parametrize(
    "text",
    [
        "You are my top choice.",
        "You are one of my top choices.",
        "Riverside remains one of my top choices, and I will rank it very highly.",
        "You are very high on my list and I will rank you highly.",
        "The #1 thing I liked was the team.",
        "My first choice of interview dates is December 3.",
        "December 3 is my first choice for the interview date.",
        "My first-choice interview date is Dec 3.",
        "I first learned about your program in 2020.",
        "It was the first time I saw a liver transplant.",
        "You were my first interview of the season.",
        "Riverside was my first, and I loved it.",
        "Is this your #1 priority?",
        "Should I rank you first?",
        "I cannot say you are my first choice yet.",
        "I will not rank you first.",
        "Anesthesiology has always been my first choice.",
        "My first choice of specialty was always anesthesiology.",
        "I have been ranked first in my class.",
        "One of the programs at the top of my list is yours.",
        "Patient safety is my number one priority.",
        "I listed my publications first.",
        "Your program, ranked first in the nation for research, impressed me.",
        "My first choice for the second look would be January 10.",
        "I hope to match at my top choice.",
    ],
)
def test_first_choice_negatives(text: str) -> None:
    assert features(text).first_choice == ()


def test_first_choice_phrase_is_short_and_lower_case() -> None:
    assert features("I will rank Riverside FIRST.").first_choice == ("rank the program first",)


@pytest.mark.parametrize(
    "text",
    [
        "I have decided that Lakeside will be the first program on my rank list.",
        "You'll be first on my list.",
        "Your program will top my rank list.",
        "I'm ranking you in the first spot.",
        "Your program is the one I'll rank highest.",
        "Riverside holds the #1 spot on my rank order list.",
        "Lakeside will take first place on my ROL.",
        "I plan to rank Riverside as my number one.",
        "Riverside is going to be the very first program on my list when I certify it.",
        "I am placing your program in the number one position.",
        "Lakeside will head my rank list this year.",
        "I will put Riverside in the top spot on my rank list.",
        "The program I have decided to rank first is Lakeside.",
        "Your residency sits at #1 on my final rank list.",
        "After much reflection, Riverside will be number one on my rank order list.",
        "I wanted you to know that your program will be ranked at the very top of my list.",
        "I intend to rank Lakeside first.",
        "Lakeside is, without question, the program I will rank first.",
        "I have officially placed Riverside at the top of my rank list.",
        "You are my first choice, and I will rank you accordingly.",
        "It will be my pleasure to rank your program #1.",
        "I'll be listing Riverside as my #1 when I certify.",
        "Your program is going to be first on my rank list.",
        "Riverside is the program I'm ranking number one.",
        "I will rank you as my first choice program.",
        "Lakeside has earned the top spot on my rank list.",
        "When I submit my list, Riverside will be in the number one slot.",
        "Riverside will occupy the first position on my rank order list.",
        "I wanted to share that I am ranking Lakeside #1.",
        "Lakeside is the clear front-runner and will be first on my rank list.",
        "My rank list will have Riverside at the top.",
        "I've decided your program will be my top-ranked program.",
    ],
)
def test_first_choice_paraphrases(text: str) -> None:
    """A top rank position bound to the applicant's own rank list."""
    assert features(text).first_choice != ()


@pytest.mark.parametrize(
    "text",
    [
        "You are one of my top choices.",
        "You are my top choice.",
        "I will rank you highly.",
        "Your program is high on my list.",
        "The #1 reason I applied was the simulation center.",
        "My first choice of dates is December 3.",
        "This was my first interview.",
        "I was ranked first in my class.",
        "Riverside was the first program on my list to invite me.",
        "You are among the first programs on my list.",
        "Lakeside is one of the top programs on my rank list.",
        "I will not be placing you in the first spot, I am afraid.",
        "Which program should be first on my list?",
        "The first item on my list of questions is about call.",
        "Riverside was the first program I interviewed with.",
        "Riverside will be ranked very high on my list.",
        "Your program is near the top of my rank list.",
        "Riverside is among my top choices.",
        "I certified my rank list last night.",
        "Your program was the first to reply to my inquiry.",
        "Your residents were the first to welcome me.",
        "First, I want to thank you for the interview.",
        "I am first author on the paper.",
        "My number one priority is patient safety.",
        "The first program on my interview schedule was Lakeside.",
        "Riverside will be high on my rank list.",
        "Lakeside will be one of the first programs on my rank list.",
        "I will rank programs based on fit.",
        "Your program is ranked #1 in the state for research funding.",
        "I will rank you very highly.",
        "Riverside is in my top three.",
        "Your program is a top contender on my list.",
        "I spoke with the first-year residents.",
        "Lakeside was the first stop on my interview trail.",
        "Riverside ranks first nationally in NIH funding.",
    ],
)
def test_first_choice_look_alikes(text: str) -> None:
    assert features(text).first_choice == ()


@pytest.mark.parametrize(
    "text",
    [
        "I will rank Red Mesa very highly.",
        "I plan to rank your program highly.",
        "You are one of my top choices.",
        "Your program is very high on my list.",
        "I am ranking you near the top.",
    ],
)
def test_rank_interest(text: str) -> None:
    features = analyze("", text, [])
    assert features.rank_interest != () and features.first_choice == ()


@pytest.mark.parametrize(
    "text",
    [
        "I would rank this experience highly among my rotations.",
        "I will rank the programs after my last interview.",
        "You are my #1 choice.",  # a first-choice statement, not mere interest
    ],
)
def test_not_rank_interest(text: str) -> None:
    assert analyze("", text, []).rank_interest == ()


def test_top_choice_of_interview_dates_is_no_rank_interest() -> None:
    text = "Thank you! My top choice for interview dates is Jan 5; Jan 12 would also work."
    assert analyze("", text, []).rank_interest == ()
    assert analyze("", "Your program is my top choice for residency.", []).rank_interest != ()
