from inboxcoach.core.rules.counting import repeat_after_silence

from .helpers import activity, at, context, msg

NUDGE = ("following up on my previous email",)


def test_a_nudge_after_an_unanswered_message_fires() -> None:
    a = activity(
        "A",
        [
            msg("first", "A", at(2026, 12, 1)),
            msg("nudge", "A", at(2026, 12, 15), nudge=NUDGE),
        ],
    )
    [finding] = repeat_after_silence(context(a))
    assert finding.rule == "repeat-after-silence"
    assert finding.severity == "warning"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<nudge>", "<first>")
    assert finding.draft is False
    assert "normal" in finding.text


def test_a_program_that_replied_in_between_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("first", "A", at(2026, 12, 1)),
            msg("reply", "A", at(2026, 12, 5), direction="in"),
            msg("nudge", "A", at(2026, 12, 15), nudge=NUDGE),
        ],
    )
    assert list(repeat_after_silence(context(a))) == []


def test_an_automated_message_is_not_a_reply() -> None:
    a = activity(
        "A",
        [
            msg("first", "A", at(2026, 12, 1)),
            msg("auto", "A", at(2026, 12, 5), direction="in", platform=True),
            msg("nudge", "A", at(2026, 12, 15), nudge=NUDGE),
        ],
    )
    assert [f.message_ids for f in repeat_after_silence(context(a))] == [("<nudge>", "<first>")]


def test_a_reply_before_the_previous_message_does_not_count() -> None:
    a = activity(
        "A",
        [
            msg("reply", "A", at(2026, 11, 20), direction="in"),
            msg("first", "A", at(2026, 12, 1)),
            msg("nudge", "A", at(2026, 12, 15), nudge=NUDGE),
        ],
    )
    assert len(list(repeat_after_silence(context(a)))) == 1


def test_a_nudge_with_nothing_before_it_fires_nothing() -> None:
    a = activity("A", [msg("nudge", "A", at(2026, 12, 15), nudge=NUDGE)])
    assert list(repeat_after_silence(context(a))) == []


def test_a_draft_nudge_fires_as_a_draft() -> None:
    a = activity(
        "A",
        [
            msg("first", "A", at(2026, 12, 1)),
            msg("d", "A", at(2026, 12, 15), draft=True, nudge=NUDGE),
        ],
    )
    [finding] = repeat_after_silence(context(a))
    assert finding.draft is True
    assert finding.message_ids == ("<d>", "<first>")


def test_a_draft_nudge_after_a_reply_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("first", "A", at(2026, 12, 1)),
            msg("d", "A", at(2026, 12, 3), draft=True, nudge=NUDGE),
            msg("reply", "A", at(2026, 12, 5), direction="in"),
        ],
    )
    assert list(repeat_after_silence(context(a))) == []


def test_the_text_never_asks_for_another_message() -> None:
    a = activity(
        "A",
        [msg("first", "A", at(2026, 12, 1)), msg("nudge", "A", at(2026, 12, 15), nudge=NUDGE)],
    )
    [finding] = repeat_after_silence(context(a))
    for phrase in ("write again", "reach out", "follow up", "send another"):
        assert phrase not in finding.text.lower()
