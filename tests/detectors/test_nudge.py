"""nudge: chasing an earlier message."""

from __future__ import annotations

import pytest

from inboxcoach.detectors import analyze

from .helpers import features


@pytest.mark.parametrize(
    "text",
    [
        "I am following up on my previous email.",
        "Just following up on my message from last week.",
        "Did you receive my email?",
        "Did you receive my letter of intent?",
        "I haven't heard back regarding my question.",
        "I have not heard back from you.",
        "Checking in again about my inquiry.",
        "I wanted to make sure you got my email.",
        "As I mentioned in my last email, I have not received a response.",
        "Kindly let me know whether you received my previous email.",
        "I sent an email two weeks ago and haven't received any response.",
    ],
)
def test_nudge_positives(text: str) -> None:
    assert features(text).nudge != ()


@pytest.mark.parametrize(
    "text",
    [
        "I look forward to hearing from you.",
        "I have follow-up questions about the curriculum.",
        "Following the interview, I reflected on our conversation.",
        "I am following up on our conversation at the interview.",
        "Just following up after my interview to say thank you again.",
        "I have not heard back from other programs yet, but I remain interested.",
    ],
)
def test_nudge_negatives(text: str) -> None:
    assert features(text).nudge == ()


@pytest.mark.parametrize(
    "text",
    [
        "Did my message from last month come through? I wanted to make sure it didn't land in a spam folder.",
        "I wanted to circle back on the note I sent on October 1st, in case it got buried in your inbox.",
        "I'm writing again regarding my earlier email.",
        "Just bumping this up.",
        "I hadn't received a response to my previous message.",
        "Resending my email from last week in case it was missed.",
        "Checking whether you had a chance to read my letter.",
        "I am not sure whether my previous note reached you.",
        "I sent you an email on December 2 and wanted to make sure it arrived.",
        "Has my inquiry from November gotten lost?",
        "Forwarding my earlier message below in case it was overlooked.",
        "I am writing to follow up on the email I sent on November 3.",
        "I wanted to make sure my previous email reached you.",
        "I sent a message earlier this month and have not received a reply.",
        "Just checking that my letter of intent arrived safely.",
        "Apologies for the second email; I wanted to confirm you received my update.",
        "I noticed I had not heard back about my question from last week.",
        "Sending my earlier note again in case it went to spam.",
        "Did you get a chance to look at my last email?",
        "Following up on my previous message, I wanted to check whether it reached the right person.",
        "I realize you are busy, but I haven't received any reply to my email from December.",
        "I'm re-sending my note below since I was not sure it went through.",
        "This is a gentle reminder about my email from two weeks ago.",
    ],
)
def test_nudge_paraphrases(text: str) -> None:
    """The applicant's earlier message plus a did-it-arrive / no-answer / resend cue."""
    assert features(text).nudge != ()


@pytest.mark.parametrize(
    "text",
    [
        "I look forward to hearing from you.",
        "Following my interview, I reflected on the program.",
        "I have a follow-up question about the curriculum.",
        "Thank you for your reply last week.",
        "Thank you for your quick response to my previous email.",
        "My email address has changed to priya@example.org.",
        "As I mentioned in my previous email, I passed Step 3.",
        "My letters of recommendation were received by ERAS.",
        "I hope this message finds you well.",
        "My last email had a typo in the date; the correct date is January 5.",
        "Thanks for replying to my message so quickly.",
        "I hope my email finds you well.",
        "Please find my updated CV attached to this email.",
        "In my earlier email I mentioned my interest in research.",
        "I received your message about the second look.",
        "My previous message included my Step 3 score.",
        "I will follow up with my Step 3 score when I receive it.",
        "Following up on our conversation at the interview, here is the article I mentioned.",
        "As noted in my last email, I am very interested in your program.",
        "Thank you for answering my earlier question so quickly.",
        "I followed up with my mentor about the research project.",
        "My message to the residents was about the social.",
    ],
)
def test_nudge_look_alikes(text: str) -> None:
    assert features(text).nudge == ()


def test_reminder_about_previous_mail_is_a_nudge() -> None:
    text = ("Respected Sir/Madam, I am once again writing to remind about my previous mail dated 12th October. "
            "Kindly confirm whether you have received it.")
    assert analyze("", text, []).nudge != ()
    assert analyze("", "I am writing to remind you about my interview tomorrow.", []).nudge == ()
