from inboxcoach.core.rules.content import desperate_tone

from .helpers import activity, at, context, msg

PHRASES = ("you are my only hope",)


def test_a_sent_message_with_the_wording_fires_once() -> None:
    a = activity("A", [msg("a1", "A", at(2027, 1, 10), desperate=PHRASES)])
    [finding] = desperate_tone(context(a, activity("B")))
    assert finding.rule == "desperate-tone"
    assert finding.severity == "warning"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<a1>",)
    assert finding.draft is False
    assert "desperate" in finding.text.lower()
    assert "Your message to A" in finding.text


def test_a_draft_fires_with_the_draft_flag() -> None:
    a = activity("A", [msg("d", "A", at(2027, 1, 19), draft=True, desperate=PHRASES)])
    [finding] = desperate_tone(context(a))
    assert finding.draft is True
    assert finding.text.startswith("Your draft to A")


def test_one_message_to_two_programs_is_one_finding_naming_both() -> None:
    a = activity("A", [msg("m", "A", at(2027, 1, 10), desperate=PHRASES)])
    b = activity("B", [msg("m", "B", at(2027, 1, 10), desperate=PHRASES)])
    [finding] = desperate_tone(context(a, b))
    assert finding.programs == ("A", "B")
    assert finding.message_ids == ("<m>",)


def test_each_message_gives_its_own_finding() -> None:
    a = activity(
        "A",
        [
            msg("a1", "A", at(2027, 1, 10), desperate=PHRASES),
            msg("a2", "A", at(2027, 1, 12), desperate=PHRASES),
        ],
    )
    assert [f.message_ids for f in desperate_tone(context(a))] == [("<a1>",), ("<a2>",)]


def test_plain_messages_and_program_mail_fire_nothing() -> None:
    a = activity(
        "A",
        [
            msg("a1", "A", at(2027, 1, 10)),
            msg("in", "A", at(2027, 1, 11), direction="in", desperate=PHRASES),
        ],
    )
    assert list(desperate_tone(context(a))) == []
