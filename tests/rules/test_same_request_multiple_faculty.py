import pytest

from inboxcoach.detectors import analyze
from inboxcoach.core.model import Features, MessageView, Program
from inboxcoach.core.rules.comparison import same_request_multiple_faculty

from .helpers import activity, at, context, msg

PROGRAM = Program(name="A", aliases=("Riverside",), domains=("a.edu",))


def letter(greeting: str, middle: str, closing: str) -> Features:
    """The features of a realistic letter, as the analyser stores them."""
    text = (
        f"{greeting}\n\nI interviewed at Riverside on December 3rd and truly enjoyed my conversations with "
        f"the residents and faculty, especially about the regional anesthesia curriculum.\n\n{middle}\n\n"
        f"{closing}\n\nBest regards,\nSam"
    )
    return analyze("Riverside", text, (PROGRAM,), "out")


def two_faculty(middle: str, closing: str) -> list[MessageView]:
    """The same letter, as two separate messages to two faculty of A."""
    return [
        msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), features=letter("Dear Dr. Xu,", middle, closing)),
        msg("m2", "A", at(2027, 1, 10, 14), to=("dr.y@a.edu",), features=letter("Dear Dr. Young,", middle, closing)),
    ]


def test_the_same_request_to_two_faculty_of_one_program_fires() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), request=True, fingerprint="f"),
            msg("m2", "A", at(2027, 1, 10, 13), to=("dr.y@a.edu",), request=True, fingerprint="f"),
        ],
    )
    [finding] = same_request_multiple_faculty(context(a))
    assert finding.rule == "same-request-multiple-faculty"
    assert finding.severity == "warning"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<m1>", "<m2>")
    assert "2 separate messages to 2 people at A" in finding.text


def test_the_same_request_to_the_same_person_twice_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), request=True, fingerprint="f"),
            msg("m2", "A", at(2027, 1, 20), to=("dr.x@a.edu",), request=True, fingerprint="f"),
        ],
    )
    assert list(same_request_multiple_faculty(context(a))) == []


def test_one_message_to_two_people_is_not_separate_messages() -> None:
    a = activity(
        "A",
        [
            msg(
                "m",
                "A",
                at(2027, 1, 10),
                to=("dr.x@a.edu", "dr.y@a.edu"),
                request=True,
                fingerprint="f",
            )
        ],
    )
    assert list(same_request_multiple_faculty(context(a))) == []


def test_different_bodies_or_no_request_fire_nothing() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), request=True, fingerprint="f"),
            msg("m2", "A", at(2027, 1, 11), to=("dr.y@a.edu",), request=True, fingerprint="g"),
            msg("m3", "A", at(2027, 1, 12), to=("dr.z@a.edu",), fingerprint="f"),
        ],
    )
    assert list(same_request_multiple_faculty(context(a))) == []


def test_the_same_request_to_two_programs_is_not_this_rule() -> None:
    a = activity(
        "A", [msg("a", "A", at(2027, 1, 10), to=("x@a.edu",), request=True, fingerprint="f")]
    )
    b = activity(
        "B", [msg("b", "B", at(2027, 1, 10), to=("y@b.edu",), request=True, fingerprint="f")]
    )
    assert list(same_request_multiple_faculty(context(a, b))) == []


def test_drafts_do_not_count() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2027, 1, 10), to=("dr.x@a.edu",), request=True, fingerprint="f"),
            msg(
                "d",
                "A",
                at(2027, 1, 11),
                to=("dr.y@a.edu",),
                draft=True,
                request=True,
                fingerprint="f",
            ),
        ],
    )
    assert list(same_request_multiple_faculty(context(a))) == []


@pytest.mark.parametrize(
    ("middle", "closing"),
    [
        pytest.param(
            "I was wondering whether there might be any possibility of a second look or a shadowing day in the "
            "main OR in late January.",
            "Thank you for considering my request.",
            id="wondering-whether-a-possibility",
        ),
        pytest.param(
            "Seeing the daily workflow firsthand would help me a great deal. Would there be any opportunity to "
            "spend a day with the cardiac team before the rank list deadline.",
            "Thank you so much for your time.",
            id="would-there-be-an-opportunity",
        ),
        pytest.param(
            "I would be very grateful for the chance to observe a day in the OR before I finalize my rank list.",
            "Thank you for your time.",
            id="grateful-for-the-chance",
        ),
        pytest.param(
            "I am writing to ask whether a second look visit might be possible in February.",
            "With gratitude,",
            id="writing-to-ask-whether-possible",
        ),
        pytest.param(
            "If it is at all possible, I would love to return for a second look before the rank list deadline.",
            "Thank you again.",
            id="if-at-all-possible",
        ),
    ],
)
def test_the_same_indirect_request_to_two_faculty_fires(middle: str, closing: str) -> None:
    [finding] = same_request_multiple_faculty(context(activity("A", two_faculty(middle, closing))))
    assert finding.message_ids == ("<m1>", "<m2>")


@pytest.mark.parametrize(
    ("middle", "closing"),
    [
        # the same thank-you note to each interviewer is good practice, not the same request
        pytest.param(
            "Thank you for taking the time to speak with me. I would welcome the opportunity to train at Riverside.",
            "Please let me know if you need anything else from me.",
            id="thank-you-with-courtesy",
        ),
        pytest.param(
            "Please pass along my thanks to the residents. I remain very interested in the program.",
            "Thank you again for your time and consideration.",
            id="thank-you-passing-thanks",
        ),
        # an update with a courtesy closing
        pytest.param(
            "I wanted to share that my abstract on erector spinae blocks was accepted at the ASA annual meeting.",
            "If there is anything else I can provide, please let me know.",
            id="update-with-courtesy",
        ),
    ],
)
def test_the_same_thank_you_or_update_to_two_faculty_fires_nothing(middle: str, closing: str) -> None:
    messages = two_faculty(middle, closing)
    assert messages[0].features.fingerprint == messages[1].features.fingerprint  # the same body
    assert list(same_request_multiple_faculty(context(activity("A", messages)))) == []
