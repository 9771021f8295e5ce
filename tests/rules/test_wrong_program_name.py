from inboxcoach.core.rules.content import wrong_program_name

from .helpers import activity, at, context, msg


def test_a_message_naming_another_program_and_not_its_own_fires() -> None:
    a = activity("A", [msg("a1", "A", at(2027, 1, 10), mentions=("B",))])
    [finding] = wrong_program_name(context(a, activity("B")))
    assert finding.rule == "wrong-program-name"
    assert finding.severity == "critical"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<a1>",)
    assert "names B but not A" in finding.text
    assert finding.draft is False


def test_naming_both_its_own_and_another_program_is_fine() -> None:
    # "my interview at A reminded me of my rotation at B"
    a = activity("A", [msg("a1", "A", at(2027, 1, 10), mentions=("A", "B"))])
    assert list(wrong_program_name(context(a, activity("B")))) == []


def test_naming_only_its_own_program_or_none_is_fine() -> None:
    a = activity(
        "A",
        [msg("a1", "A", at(2027, 1, 10), mentions=("A",)), msg("a2", "A", at(2027, 1, 11))],
    )
    assert list(wrong_program_name(context(a, activity("B")))) == []


def test_a_draft_fires_with_the_draft_flag() -> None:
    a = activity("A", [msg("d", "A", at(2027, 1, 19), draft=True, mentions=("B",))])
    [finding] = wrong_program_name(context(a, activity("B")))
    assert finding.draft is True
    assert finding.text.startswith("Your draft to A")


def test_a_name_that_is_not_a_configured_program_is_ignored() -> None:
    a = activity("A", [msg("a1", "A", at(2027, 1, 10), mentions=("Elsewhere",))])
    assert list(wrong_program_name(context(a))) == []


def test_a_message_to_two_programs_naming_a_third_fires_for_each() -> None:
    a = activity("A", [msg("m", "A", at(2027, 1, 10), mentions=("C",))])
    b = activity("B", [msg("m", "B", at(2027, 1, 10), mentions=("C",))])
    findings = list(wrong_program_name(context(a, b, activity("C"))))
    assert [f.programs for f in findings] == [("A",), ("B",)]


def test_one_message_to_two_programs_naming_one_of_them_is_not_a_slip() -> None:
    a = activity("A", [msg("m", "A", at(2027, 1, 10), mentions=("A",))])
    b = activity("B", [msg("m", "B", at(2027, 1, 10), mentions=("A",))])
    assert list(wrong_program_name(context(a, b))) == []


def test_program_mail_naming_another_program_fires_nothing() -> None:
    a = activity("A", [msg("in", "A", at(2027, 1, 10), direction="in", mentions=("B",))])
    assert list(wrong_program_name(context(a, activity("B")))) == []
