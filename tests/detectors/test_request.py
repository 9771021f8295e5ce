"""request: the applicant asks the reader for something."""

from __future__ import annotations

import pytest

from .helpers import features


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Could you write me a letter of recommendation?", True),
        ("Would it be possible to schedule a call?", True),
        ("I would be grateful if you could share some advice.", True),
        ("Is there a research track that I could join?", True),
        ("Thank you again. Please let me know if you have any questions.", False),
        ("I enjoyed meeting you and the residents.", False),
    ],
)
def test_request(text: str, expected: bool) -> None:
    assert features(text).request is expected


# An ask for an action, an answer or an opportunity, however politely it is put.
@pytest.mark.parametrize(
    "text",
    [
        # whether an opportunity might exist
        "I was wondering whether there might be any possibility of a second look or a shadowing day.",
        "I wonder if there might be an opportunity to spend a day in the cardiac rooms",
        "I am writing to see if there might be any possibility of a second look.",
        "Would there be any possibility of a shadowing day in February.",
        "If there is any possibility of a second look, I would be very grateful.",
        "I was hoping there might be an opportunity to observe a day in the OR.",
        "Is there any chance I could spend a day with the regional team",
        "I am reaching out regarding the possibility of a second look visit.",
        # saying that one asks
        "I was hoping to ask whether a second look visit might be available in February.",
        "I wanted to ask whether your program considers applicants with observership experience.",
        "I am writing to inquire about the possibility of a shadowing day.",
        "I kindly ask whether I could have a short call with you.",
        "I have a small favor to ask.",
        "Thank you for considering my request.",
        "Thanking you in anticipation.",
        # what would please the applicant
        "I'd appreciate the opportunity to speak with a current resident about the research track.",
        "I would be grateful for the chance to observe a day in the OR.",
        "I would welcome any opportunity to return for a second look.",
        "I would really appreciate any advice on preparing for the second look.",
        "I shall be grateful if you kindly share the schedule of the dinner.",
        "I hope it might be possible to arrange a brief call with Dr. Lee.",
        # conditions of politeness and "please ..." with something to answer
        "If possible, I would like to visit again in February.",
        "Please let me know whether a second look day could be arranged.",
        "Kindly let me know at your convenience.",
        "Please let me know if I need to bring anything on the interview day.",
        "Do let me know whether a second look is planned this year.",
        "I would be most grateful if a brief meeting could be arranged.",
        "It would be wonderful if I could come back for a second look.",
        "My question is whether the program offers a research track.",
        "I'd be interested to know whether residents can moonlight.",
        "Any guidance you could offer would be greatly appreciated.",
        "I was hoping to get your advice on strengthening my research portfolio.",
        # hedges are part of asking politely, not negations of the ask
        "I hope this is not an imposition and I was wondering whether there might be any possibility of a second look.",
        "I am not sure whether it would be possible to arrange a shadowing day.",
    ],
)
def test_request_however_politely_worded(text: str) -> None:
    assert features(text).request is True


@pytest.mark.parametrize(
    "text",
    [
        # courtesy offers of more help
        "Please let me know if you need anything else from me.",
        "Please do not hesitate to let me know if you need any further information.",
        "If you need anything else, please let me know.",
        "Should you need any additional documents, please let me know.",
        "If there is anything else I can provide, please let me know.",
        "If there is any way I can help, please let me know.",
        "Let me know if you would like any more information.",
        "Is there anything else you need from me?",
        "Would you like me to send my updated CV?",
        # thank-you notes and closings
        "Thank you again for a wonderful interview day. I enjoyed meeting the residents.",
        "Please pass along my thanks to the residents.",
        "Please extend my gratitude to Ms. Chen for organizing the day.",
        "I was glad to have the chance to speak with the residents.",
        "Thank you again for your time and consideration.",
        "Thank you in advance for your consideration.",
        "I look forward to hearing from you.",
        "Hoping for a positive response.",
        "I hope there will be a chance to see you again at the second look.",
        # the hope to train at the program is no request
        "I would welcome the opportunity to join your residency.",
        "I would be grateful for the opportunity to train at Riverside.",
        "I would love the chance to be a part of this program.",
        "I would be thrilled if I could match at Riverside.",
        "I would be honored if you would rank me highly.",
        "I hope you will consider my application favorably.",
        "I am hoping to return as a resident next year.",
        # updates and past narration
        "I wanted to share that my abstract was accepted.",
        "I wanted to let you know that I passed Step 3.",
        "I do not need a letter of recommendation.",
        "I asked Dr. Patel whether residents could rotate abroad, and she said yes.",
        "During the interview I wondered whether I could handle the call schedule, but the residents reassured me.",
        "The residents told me there might be an opportunity to do a global health elective.",
        "I was excited to learn about the possibility of doing a research year at the program.",
        "I'm very much looking forward to the possibility of joining the program.",
        "I would be happy to provide any further information you may need.",
        "It would be wonderful if I matched at the program.",
        "Your consideration would be greatly appreciated.",
    ],
)
def test_no_request_in_courtesies_thanks_and_updates(text: str) -> None:
    assert features(text).request is False
