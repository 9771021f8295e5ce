from inboxcoach.core.rules.timing import first_choice_outside_window

from .helpers import activity, at, context, msg

NUMBER_ONE = ("you are my #1 choice",)


def test_a_first_choice_statement_before_1_january_fires() -> None:
    a = activity("A", [msg("m", "A", at(2026, 12, 31, 23, 30), first_choice=NUMBER_ONE)])
    [finding] = first_choice_outside_window(context(a))
    assert finding.rule == "first-choice-outside-window"
    assert finding.severity == "info"
    assert finding.programs == ("A",)
    assert finding.message_ids == ("<m>",)
    assert finding.draft is False
    assert "before 1 January 2027" in finding.text
    assert "3 March 2027 (estimated)" in finding.text


def test_inside_the_window_fires_nothing() -> None:
    a = activity(
        "A",
        [
            msg("start", "A", at(2027, 1, 1, 0, 0), first_choice=NUMBER_ONE),
            msg("end", "A", at(2027, 3, 3, 21, 0), first_choice=NUMBER_ONE),
        ],
    )
    assert list(first_choice_outside_window(context(a, as_of=at(2027, 3, 4)))) == []


def test_after_the_rank_list_deadline_fires() -> None:
    a = activity("A", [msg("m", "A", at(2027, 3, 3, 21, 1), first_choice=NUMBER_ONE)])
    [finding] = first_choice_outside_window(context(a, as_of=at(2027, 3, 5)))
    assert "after the rank-list deadline" in finding.text


def test_a_message_without_a_first_choice_statement_fires_nothing() -> None:
    a = activity("A", [msg("m", "A", at(2026, 12, 1))])
    assert list(first_choice_outside_window(context(a))) == []


def test_a_draft_is_judged_at_as_of() -> None:
    # saved in December, but it would go out now, inside the window
    a = activity("A", [msg("d", "A", at(2026, 12, 1), draft=True, first_choice=NUMBER_ONE)])
    assert list(first_choice_outside_window(context(a, as_of=at(2027, 1, 20)))) == []
    [finding] = first_choice_outside_window(context(a, as_of=at(2026, 12, 2)))
    assert finding.draft is True
    assert finding.text.startswith("Your draft to A")


def test_new_year_is_midnight_in_the_season_time_zone() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    chicago = ZoneInfo("America/Chicago")
    late_dec = datetime(2026, 12, 31, 23, 30, tzinfo=chicago)  # already 1 January in UTC and New York
    early_jan = datetime(2027, 1, 1, 0, 30, tzinfo=chicago)
    for moment, fires in ((late_dec, True), (early_jan, False)):
        a = activity("A", [msg("a", "A", moment, first_choice=("you are my #1",))])
        assert bool(list(first_choice_outside_window(context(a, tz=chicago)))) is fires
