from datetime import date

from inboxcoach.core.rules.timing import late_thank_you

from .helpers import activity, at, context, msg

INTERVIEW = date(2026, 11, 12)  # the interview day ends at midnight 13 November, Eastern


def test_a_first_message_after_the_window_fires() -> None:
    a = activity("A", [msg("ty", "A", at(2026, 11, 16, 1))], interview_date=INTERVIEW)
    [finding] = late_thank_you(context(a))
    assert finding.rule == "late-thank-you"
    assert finding.severity == "info"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<ty>",)
    assert "12 November 2026" in finding.text
    assert "3 days" in finding.text


def test_a_message_just_inside_the_window_fires_nothing() -> None:
    # 72 hours after midnight of 13 November is midnight of 16 November
    a = activity("A", [msg("ty", "A", at(2026, 11, 16, 0))], interview_date=INTERVIEW)
    assert list(late_thank_you(context(a))) == []


def test_a_message_on_the_interview_day_is_on_time() -> None:
    a = activity(
        "A",
        [msg("same-day", "A", at(2026, 11, 12, 18)), msg("later", "A", at(2026, 11, 30))],
        interview_date=INTERVIEW,
    )
    assert list(late_thank_you(context(a))) == []


def test_an_interview_with_no_message_fires_nothing() -> None:
    a = activity("A", [], interview_date=INTERVIEW)
    assert list(late_thank_you(context(a, as_of=at(2027, 1, 20)))) == []


def test_no_interview_date_fires_nothing() -> None:
    a = activity("A", [msg("m", "A", at(2026, 12, 20))])
    assert list(late_thank_you(context(a))) == []


def test_messages_before_the_interview_and_drafts_are_not_the_first_after_it() -> None:
    a = activity(
        "A",
        [
            msg("before", "A", at(2026, 11, 1)),
            msg("draft", "A", at(2026, 11, 13), draft=True),
            msg("ty", "A", at(2026, 11, 20)),
        ],
        interview_date=INTERVIEW,
    )
    [finding] = late_thank_you(context(a))
    assert finding.message_ids == ("<ty>",)


def test_the_configured_window_is_used() -> None:
    a = activity("A", [msg("ty", "A", at(2026, 11, 14, 6))], interview_date=INTERVIEW)
    assert list(late_thank_you(context(a))) == []
    [finding] = late_thank_you(context(a, thank_you_window_hours=24))
    assert "30 hours" in finding.text
