from inboxcoach.core.rules.counting import quiet_program

from .helpers import activity, at, context, msg

AS_OF = at(2027, 1, 20, 8)


def test_a_program_silent_since_the_last_contact_is_quiet() -> None:
    a = activity("A", [msg("m1", "A", at(2026, 12, 1)), msg("m2", "A", at(2027, 1, 10))])
    [finding] = quiet_program(context(a, as_of=AS_OF))
    assert finding.rule == "quiet-program"
    assert finding.severity == "info"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<m2>",)
    assert "10 January 2027" in finding.text
    assert "normal" in finding.text


def test_the_text_asks_for_nothing() -> None:
    a = activity("A", [msg("m1", "A", at(2026, 12, 1))])
    [finding] = quiet_program(context(a, as_of=AS_OF))
    text = finding.text.lower()
    for phrase in ("follow up", "follow-up", "reach out", "write again", "send another", "remind"):
        assert phrase not in text


def test_a_recent_contact_is_not_quiet_yet() -> None:
    a = activity("A", [msg("m1", "A", at(2027, 1, 14))])
    assert list(quiet_program(context(a, as_of=AS_OF))) == []


def test_exactly_quiet_after_days_is_quiet() -> None:
    a = activity("A", [msg("m1", "A", at(2027, 1, 13, 8))])
    assert len(list(quiet_program(context(a, as_of=AS_OF)))) == 1


def test_a_reply_after_the_last_contact_means_not_quiet() -> None:
    a = activity(
        "A",
        [msg("m1", "A", at(2026, 12, 1)), msg("r", "A", at(2026, 12, 3), direction="in")],
    )
    assert list(quiet_program(context(a, as_of=AS_OF))) == []


def test_automated_mail_after_the_contact_does_not_end_the_quiet() -> None:
    a = activity(
        "A",
        [
            msg("m1", "A", at(2026, 12, 1)),
            msg("auto", "A", at(2026, 12, 3), direction="in", platform=True),
        ],
    )
    assert len(list(quiet_program(context(a, as_of=AS_OF)))) == 1


def test_a_reply_before_the_last_contact_does_not_count() -> None:
    a = activity(
        "A",
        [msg("r", "A", at(2026, 11, 20), direction="in"), msg("m1", "A", at(2026, 12, 1))],
    )
    assert len(list(quiet_program(context(a, as_of=AS_OF)))) == 1


def test_programs_never_contacted_or_with_only_drafts_are_not_quiet() -> None:
    drafts_only = activity("B", [msg("d", "B", at(2026, 12, 1), draft=True)])
    assert list(quiet_program(context(activity("A"), drafts_only, as_of=AS_OF))) == []
