from inboxcoach.core.rules.counting import at_contact_limit

from .helpers import activity, at, context, msg


def test_contacts_equal_to_the_limit_fire_info() -> None:
    a = activity("A", [msg(f"m{i}", "A", at(2026, 12, i + 1)) for i in range(3)])
    [finding] = at_contact_limit(context(a))
    assert finding.rule == "at-contact-limit"
    assert finding.severity == "info"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<m0>", "<m1>", "<m2>")
    assert "no more messages" in finding.text.lower()


def test_below_or_over_the_limit_fire_nothing() -> None:
    below = activity("A", [msg("a1", "A", at(2026, 12, 1))])
    over = activity("B", [msg(f"b{i}", "B", at(2026, 12, i + 1)) for i in range(4)])
    assert list(at_contact_limit(context(below, over))) == []


def test_a_draft_does_not_bring_a_program_to_the_limit() -> None:
    messages = [msg(f"m{i}", "A", at(2026, 12, i + 1)) for i in range(2)]
    messages.append(msg("d", "A", at(2026, 12, 5), draft=True))
    assert list(at_contact_limit(context(activity("A", messages)))) == []


def test_a_limit_of_zero_does_not_flag_untouched_programs() -> None:
    assert list(at_contact_limit(context(activity("A"), max_contacts=0))) == []
