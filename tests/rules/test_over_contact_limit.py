from inboxcoach.core.rules.counting import over_contact_limit

from .helpers import activity, at, context, msg


def test_more_contacts_than_the_limit_fire_once_with_every_contact() -> None:
    a = activity("A", [msg(f"m{i}", "A", at(2026, 12, i + 1)) for i in range(4)])
    [finding] = over_contact_limit(context(a))
    assert finding.rule == "over-contact-limit"
    assert finding.severity == "warning"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<m0>", "<m1>", "<m2>", "<m3>")
    assert "4 messages" in finding.text and "3" in finding.text
    assert finding.draft is False


def test_at_the_limit_and_below_fire_nothing() -> None:
    at_limit = activity("A", [msg(f"m{i}", "A", at(2026, 12, i + 1)) for i in range(3)])
    below = activity("B", [msg("b1", "B", at(2026, 12, 1))])
    assert list(over_contact_limit(context(at_limit, below))) == []


def test_drafts_and_non_contacts_are_not_evidence() -> None:
    messages = [msg(f"m{i}", "A", at(2026, 12, i + 1)) for i in range(4)]
    messages.append(msg("d", "A", at(2026, 12, 10), draft=True))
    messages.append(msg("r", "A", at(2026, 12, 11), contact=False))
    [finding] = over_contact_limit(context(activity("A", messages)))
    assert "<d>" not in finding.message_ids and "<r>" not in finding.message_ids
    assert len(finding.message_ids) == 4


def test_the_configured_limit_is_used() -> None:
    a = activity("A", [msg(f"m{i}", "A", at(2026, 12, i + 1)) for i in range(3)], limit=2)
    assert [f.programs for f in over_contact_limit(context(a, max_contacts=2))] == [("A",)]
