from inboxcoach.core.rules.program_mail import contact_despite_policy

from .helpers import activity, at, context, msg

POLICY = ("no thank-you notes",)


def test_a_contact_after_the_policy_fires() -> None:
    a = activity(
        "A",
        [
            msg("policy", "A", at(2026, 11, 10), direction="in", no_contact_policy=POLICY),
            msg("ty", "A", at(2026, 11, 14)),
        ],
    )
    [finding] = contact_despite_policy(context(a))
    assert finding.rule == "contact-despite-policy"
    assert finding.severity == "warning"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<ty>", "<policy>")
    assert finding.draft is False
    assert "10 November 2026" in finding.text


def test_contacts_before_the_policy_fire_nothing() -> None:
    a = activity(
        "A",
        [
            msg("ty", "A", at(2026, 11, 9)),
            msg("policy", "A", at(2026, 11, 10), direction="in", no_contact_policy=POLICY),
        ],
    )
    assert list(contact_despite_policy(context(a))) == []


def test_a_reply_that_is_not_a_contact_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("policy", "A", at(2026, 11, 10), direction="in", no_contact_policy=POLICY),
            msg("logistics", "A", at(2026, 11, 11), contact=False),
        ],
    )
    assert list(contact_despite_policy(context(a))) == []


def test_a_draft_fires_as_a_draft() -> None:
    a = activity(
        "A",
        [
            msg("policy", "A", at(2026, 11, 10), direction="in", no_contact_policy=POLICY),
            msg("d", "A", at(2026, 11, 14), draft=True),
        ],
    )
    [finding] = contact_despite_policy(context(a))
    assert finding.draft is True
    assert finding.text.startswith("Your draft to A")


def test_each_later_contact_fires_and_other_programs_do_not() -> None:
    a = activity(
        "A",
        [
            msg("policy", "A", at(2026, 11, 10), direction="in", no_contact_policy=POLICY),
            msg("ty", "A", at(2026, 11, 14)),
            msg("update", "A", at(2027, 1, 14)),
        ],
    )
    b = activity("B", [msg("b", "B", at(2026, 11, 14))])
    findings = list(contact_despite_policy(context(a, b)))
    assert [f.message_ids[0] for f in findings] == ["<ty>", "<update>"]
    assert all(f.programs == ("A",) for f in findings)


def test_no_policy_fires_nothing() -> None:
    a = activity(
        "A", [msg("in", "A", at(2026, 11, 10), direction="in"), msg("ty", "A", at(2026, 11, 14))]
    )
    assert list(contact_despite_policy(context(a))) == []
