import pytest

from inboxcoach.detectors import analyze
from inboxcoach.core.model import MessageView, Program
from inboxcoach.core.rules.content import emotional_tone

from .helpers import activity, at, context, msg

PROGRAM = Program(name="A", aliases=("Riverside",), domains=("a.edu",))

PHRASES = ("this process is unfair",)


def test_a_sent_message_with_the_wording_fires_once() -> None:
    a = activity("A", [msg("a1", "A", at(2027, 1, 10), emotional=PHRASES)])
    [finding] = emotional_tone(context(a, activity("B")))
    assert finding.rule == "emotional-tone"
    assert finding.severity == "warning"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<a1>",)
    assert finding.draft is False
    assert "complaint" in finding.text.lower()
    assert "Your message to A" in finding.text


def test_a_draft_fires_with_the_draft_flag() -> None:
    a = activity("A", [msg("d", "A", at(2027, 1, 19), draft=True, emotional=PHRASES)])
    [finding] = emotional_tone(context(a))
    assert finding.draft is True
    assert finding.text.startswith("Your draft to A")


def test_one_message_to_two_programs_is_one_finding_naming_both() -> None:
    a = activity("A", [msg("m", "A", at(2027, 1, 10), emotional=PHRASES)])
    b = activity("B", [msg("m", "B", at(2027, 1, 10), emotional=PHRASES)])
    [finding] = emotional_tone(context(a, b))
    assert finding.programs == ("A", "B")
    assert finding.message_ids == ("<m>",)


def test_each_message_gives_its_own_finding() -> None:
    a = activity(
        "A",
        [
            msg("a1", "A", at(2027, 1, 10), emotional=PHRASES),
            msg("a2", "A", at(2027, 1, 12), emotional=PHRASES),
        ],
    )
    assert [f.message_ids for f in emotional_tone(context(a))] == [("<a1>",), ("<a2>",)]


def test_plain_messages_and_program_mail_fire_nothing() -> None:
    a = activity(
        "A",
        [
            msg("a1", "A", at(2027, 1, 10)),
            msg("in", "A", at(2027, 1, 11), direction="in", emotional=PHRASES),
        ],
    )
    assert list(emotional_tone(context(a))) == []


def sent(text: str) -> list[MessageView]:
    """One letter to A, analysed as the analyser does."""
    features = analyze("Update", f"Dear Dr. Xu,\n\n{text}\n\nBest regards,\nSam", (PROGRAM,), "out")
    return [msg("a1", "A", at(2027, 1, 10), features=features)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "I have applied to more than sixty programs and I am tired of waiting. It is frustrating that no "
            "program has even acknowledged my emails.",
            id="tired-of-waiting",
        ),
        pytest.param(
            "Honestly, the Match feels rigged against applicants like me, and I have been ignored by every "
            "program I wrote to.",
            id="ignored-by-programs",
        ),
        pytest.param(
            "I was frustrated when not a single program replied to my letters.", id="past-frustration-at-programs"
        ),
    ],
)
def test_venting_at_programs_or_the_process_fires(text: str) -> None:
    [finding] = emotional_tone(context(activity("A", sent(text))))
    assert finding.message_ids == ("<a1>",)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "During my anesthesia rotation I was frustrated when my first epidurals failed, but with practice I "
            "placed them confidently by the end of the month, and the residents at Riverside were generous teachers.",
            id="epidurals-with-practice",
        ),
        pytest.param(
            "I was frustrated at first by how slowly I learned ultrasound-guided blocks. Over time, and with "
            "feedback from my attendings, they became my favourite part of the day.",
            id="slow-learning-curve",
        ),
        pytest.param(
            "Not matching last year was hard. I was frustrated when I did not match, but the research year taught "
            "me resilience and brought two publications.",
            id="not-matching-as-growth",
        ),
    ],
)
def test_a_struggle_of_ones_own_told_as_growth_fires_nothing(text: str) -> None:
    assert list(emotional_tone(context(activity("A", sent(text))))) == []
