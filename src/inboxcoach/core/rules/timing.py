"""Rules about when the applicant wrote, judged against the season calendar.

``late-thank-you`` (the first message after the interview, against the thank-you
window) and ``first-choice-outside-window`` (a #1 statement outside 1 January –
rank-list deadline).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from inboxcoach.core.model import Finding, Severity
from inboxcoach.core.rules._common import day, join_names, quoted, unique_messages, your_message
from inboxcoach.core.rules.context import RuleContext

LATE_THANK_YOU: Severity = "info"
FIRST_CHOICE_OUTSIDE_WINDOW: Severity = "info"


def _duration(delay: timedelta) -> str:
    """'30 hours' below two days, else '4 days'."""
    if delay < timedelta(days=2):
        return f"{int(delay.total_seconds() // 3600)} hours"
    return f"{delay.days} days"


def late_thank_you(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per interviewed program whose first message after the interview was late.

    The first sent (non-draft) message dated on or after local midnight of
    ``interview_date`` is judged; it is late when it went out more than
    ``ctx.thank_you_window_hours`` after the end of the interview day (the next
    local midnight in ``ctx.tz``). No message after the interview fires nothing.
    """
    for activity in ctx.activities:
        interview = activity.program.interview_date
        if interview is None:
            continue
        day_start = datetime.combine(interview, time(0, 0), ctx.tz)
        day_end = datetime.combine(interview + timedelta(days=1), time(0, 0), ctx.tz)
        first = next(
            (
                m
                for m in activity.messages
                if m.direction == "out"
                and not m.draft
                and m.date is not None
                and m.date >= day_start
            ),
            None,
        )
        if first is None or first.date is None:
            continue
        delay = first.date - day_end
        if delay <= timedelta(hours=ctx.thank_you_window_hours):
            continue
        name = activity.program.name
        yield Finding(
            rule="late-thank-you",
            severity=LATE_THANK_YOU,
            programs=(name,),
            message_ids=(first.message_id,),
            text=(
                f"Your first message to {name} after the interview on {day(day_start, ctx.tz)} "
                f"went out {_duration(delay)} after the interview day ended. A thank-you "
                f"within {ctx.thank_you_window_hours} hours is usual; a later one is still "
                "courteous, and nothing more is needed."
            ),
        )


def _deadline(ctx: RuleContext) -> str:
    estimated = " (estimated)" if ctx.calendar.rank_deadline_estimated else ""
    return f"{day(ctx.calendar.rank_deadline, ctx.tz)}{estimated}"


def first_choice_outside_window(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per #1 statement sent before 1 January or after the rank-list deadline.

    The window is ``calendar.in_ranking_window``: from midnight of 1 January in the
    season's time zone to the rank-list deadline. Sent messages are
    judged by their date; drafts by ``ctx.as_of``, the moment they would be sent,
    and carry ``draft=True``.
    """
    statements = unique_messages(
        ctx, lambda m: m.direction == "out" and bool(m.features.first_choice)
    )
    for message, programs in statements:
        moment = ctx.as_of if message.draft else message.date
        if moment is None or ctx.calendar.in_ranking_window(moment, ctx.tz):
            continue
        early = moment < ctx.calendar.rank_deadline
        when = "would go out" if message.draft else "went out"
        if early:
            seen = f"{when} before 1 January {ctx.calendar.match_year}"
            advice = (
                "A #1 statement means most in the ranking window, from 1 January to the "
                f"rank-list deadline on {_deadline(ctx)}."
            )
        else:
            seen = f"{when} after the rank-list deadline ({_deadline(ctx)})"
            advice = "Rank lists are certified by then, so it can no longer change one."
        yield Finding(
            rule="first-choice-outside-window",
            severity=FIRST_CHOICE_OUTSIDE_WINDOW,
            programs=programs,
            message_ids=(message.message_id,),
            text=(
                f"{your_message(message.draft)} to {join_names(programs)} with a #1 statement "
                f"({quoted(message.features.first_choice, message.features)}) {seen}. {advice}"
            ),
            draft=message.draft,
        )
