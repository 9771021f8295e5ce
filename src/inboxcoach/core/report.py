"""Stored messages + config + a moment -> :class:`Report`. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from inboxcoach.config import Config
from inboxcoach.core.calendar import SeasonCalendar
from inboxcoach.core.contacts import count
from inboxcoach.core.matching import match_all, match_index
from inboxcoach.core.model import Report, StoredMessage
from inboxcoach.core.rules import RuleContext, run_rules


def season_calendar(config: Config) -> SeasonCalendar:
    """The season's dates: configured where given, estimated otherwise."""
    return SeasonCalendar.build(
        config.season.match_year,
        rank_list_deadline=config.season.rank_list_deadline,
        match_day=config.season.match_day,
        interview_dates=tuple(p.interview_date for p in config.programs if p.interview_date),
    )


def build_report(
    messages: Sequence[StoredMessage],
    config: Config,
    as_of: datetime,
    generated_at: datetime,
    *,
    unmatched_elsewhere: int = 0,
) -> Report:
    """Match, count and apply the rules as of ``as_of`` (aware). Later mail is ignored.

    ``messages`` may be only those that can belong to a program; ``unmatched_elsewhere``
    counts the others (dated up to ``as_of``) for the report's ``unmatched``.
    """
    tz = config.season.tz
    as_of = as_of.astimezone(tz)
    visible = [m for m in messages if m.envelope.date is None or m.envelope.date <= as_of]
    index = match_index(config)
    counted = count(visible, match_all(visible, index), index, config.limits.max_contacts_per_program, tz)
    ctx = RuleContext(
        activities=counted.activities,
        as_of=as_of,
        tz=tz,
        calendar=season_calendar(config),
        max_contacts=config.limits.max_contacts_per_program,
        thank_you_window_hours=config.limits.thank_you_window_hours,
        quiet_after_days=config.limits.quiet_after_days,
    )
    return Report(
        generated_at=generated_at.astimezone(tz),
        as_of=as_of,
        account=config.account.email,
        limit=config.limits.max_contacts_per_program,
        programs=counted.activities,
        findings=tuple(run_rules(ctx, ignore=config.rules.ignore)),
        unmatched=counted.unmatched + unmatched_elsewhere,
        ambiguous=counted.ambiguous,
    )
