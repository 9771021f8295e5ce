from inboxcoach.core.rules.comparison import multiple_first_choice

from .helpers import activity, at, context, msg

NUMBER_ONE = ("you are my #1 choice",)


def test_first_choice_to_two_programs_is_one_finding_naming_both_oldest_first() -> None:
    a = activity("A", [msg("a1", "A", at(2027, 1, 15), first_choice=NUMBER_ONE)])
    b = activity("B", [msg("b1", "B", at(2027, 1, 10), first_choice=("i will rank you first",))])
    [finding] = multiple_first_choice(context(a, b))
    assert finding.rule == "multiple-first-choice"
    assert finding.severity == "critical"
    assert finding.programs == ("B", "A")
    assert finding.message_ids == ("<b1>", "<a1>")
    assert finding.draft is False


def test_top_choice_to_several_programs_fires_nothing() -> None:
    # "top choice" is not a #1 statement, so the analysis leaves first_choice empty
    a = activity("A", [msg("a1", "A", at(2027, 1, 10))])
    b = activity("B", [msg("b1", "B", at(2027, 1, 11))])
    assert list(multiple_first_choice(context(a, b))) == []


def test_the_same_letter_to_one_program_twice_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("a1", "A", at(2027, 1, 10), first_choice=NUMBER_ONE),
            msg("a2", "A", at(2027, 2, 10), first_choice=NUMBER_ONE),
        ],
    )
    assert list(multiple_first_choice(context(a, activity("B")))) == []


def test_one_message_addressed_to_two_programs_fires() -> None:
    a = activity("A", [msg("m", "A", at(2027, 1, 10), first_choice=NUMBER_ONE)])
    b = activity("B", [msg("m", "B", at(2027, 1, 10), first_choice=NUMBER_ONE)])
    [finding] = multiple_first_choice(context(a, b))
    assert finding.programs == ("A", "B")
    assert finding.message_ids == ("<m>",)


def test_a_draft_to_a_second_program_fires_as_a_draft() -> None:
    a = activity("A", [msg("a1", "A", at(2027, 1, 10), first_choice=NUMBER_ONE)])
    b = activity("B", [msg("d", "B", at(2027, 1, 19), draft=True, first_choice=NUMBER_ONE)])
    [finding] = multiple_first_choice(context(a, b))
    assert finding.draft is True
    assert finding.programs == ("B", "A")
    assert finding.message_ids == ("<d>", "<a1>")
    assert "draft" in finding.text.lower()


def test_a_draft_to_the_same_program_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("a1", "A", at(2027, 1, 10), first_choice=NUMBER_ONE),
            msg("d", "A", at(2027, 1, 19), draft=True, first_choice=NUMBER_ONE),
        ],
    )
    assert list(multiple_first_choice(context(a, activity("B")))) == []


def test_two_drafts_to_different_programs_warn_on_each() -> None:
    a = activity("A", [msg("da", "A", at(2027, 1, 18), draft=True, first_choice=NUMBER_ONE)])
    b = activity("B", [msg("db", "B", at(2027, 1, 19), draft=True, first_choice=NUMBER_ONE)])
    findings = list(multiple_first_choice(context(a, b)))
    assert [(f.programs, f.draft) for f in findings] == [(("A", "B"), True), (("B", "A"), True)]


def test_sent_pair_plus_draft_gives_a_sent_and_a_draft_finding() -> None:
    a = activity("A", [msg("a1", "A", at(2027, 1, 10), first_choice=NUMBER_ONE)])
    b = activity("B", [msg("b1", "B", at(2027, 1, 11), first_choice=NUMBER_ONE)])
    c = activity("C", [msg("d", "C", at(2027, 1, 19), draft=True, first_choice=NUMBER_ONE)])
    findings = list(multiple_first_choice(context(a, b, c)))
    assert [(f.programs, f.draft) for f in findings] == [
        (("A", "B"), False),
        (("C", "A", "B"), True),
    ]
    assert findings[0].message_ids == ("<a1>", "<b1>")


def test_inbound_wording_is_not_the_applicant_s_statement() -> None:
    a = activity("A", [msg("a1", "A", at(2027, 1, 10), direction="in", first_choice=NUMBER_ONE)])
    b = activity("B", [msg("b1", "B", at(2027, 1, 11), first_choice=NUMBER_ONE)])
    assert list(multiple_first_choice(context(a, b))) == []
