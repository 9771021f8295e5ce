"""Season dates and phases, configured or estimated.

Official NRMP dates are published late, so configured dates win. Without them:
Match Day is the third Friday of March of the match year, and the rank-list
certification deadline is the Wednesday 16 days before it at 9 p.m. Eastern
(2025: deadline 5 March, Match Day 21 March). Estimated dates say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")


class Phase(StrEnum):
    BEFORE_INTERVIEWS = "before_interviews"
    INTERVIEW_SEASON = "interview_season"
    FOLLOW_UP = "follow_up"
    RANKING = "ranking"
    RANKS_CERTIFIED = "ranks_certified"
    MATCH_WEEK = "match_week"
    AFTER_MATCH = "after_match"


def third_friday_of_march(year: int) -> date:
    first = date(year, 3, 1)
    first_friday = first + timedelta(days=(4 - first.weekday()) % 7)
    return first_friday + timedelta(days=14)


@dataclass(frozen=True, slots=True)
class SeasonCalendar:
    """The dates of one application season. All datetimes are aware."""

    match_year: int
    match_day: date
    match_day_estimated: bool
    rank_deadline: datetime  # certification deadline, 9 p.m. Eastern
    rank_deadline_estimated: bool
    follow_up_start: date  # late December of the year before the Match
    follow_up_end: date  # early February of the match year
    ranking_start: date  # 1 January of the match year
    first_interview: date | None

    @classmethod
    def build(
        cls,
        match_year: int,
        *,
        rank_list_deadline: date | None = None,
        match_day: date | None = None,
        interview_dates: tuple[date, ...] = (),
    ) -> SeasonCalendar:
        day = match_day or third_friday_of_march(match_year)
        deadline_day = rank_list_deadline or (day - timedelta(days=16))
        return cls(
            match_year=match_year,
            match_day=day,
            match_day_estimated=match_day is None,
            rank_deadline=datetime.combine(deadline_day, time(21, 0), EASTERN),
            rank_deadline_estimated=rank_list_deadline is None,
            follow_up_start=date(match_year - 1, 12, 20),
            follow_up_end=date(match_year, 2, 7),
            ranking_start=date(match_year, 1, 1),
            first_interview=min(interview_dates) if interview_dates else None,
        )

    @property
    def match_week_start(self) -> date:
        return self.match_day - timedelta(days=self.match_day.weekday())

    def in_ranking_window(self, moment: datetime, tz: ZoneInfo = EASTERN) -> bool:
        """True from 1 January of the match year (midnight in ``tz``, the season's time
        zone) up to the rank-list deadline (9 p.m. Eastern, as NRMP sets it)."""
        start = datetime.combine(self.ranking_start, time(0, 0), tz)
        return start <= moment <= self.rank_deadline

    def phase(self, moment: datetime, tz: ZoneInfo) -> Phase:
        """The season phase at ``moment`` (aware), judged on the local date in ``tz``."""
        today = moment.astimezone(tz).date()
        if today > self.match_day:
            return Phase.AFTER_MATCH
        if today >= self.match_week_start:
            return Phase.MATCH_WEEK
        if moment > self.rank_deadline:
            return Phase.RANKS_CERTIFIED
        if today >= self.ranking_start:
            return Phase.RANKING
        if today >= self.follow_up_start:
            return Phase.FOLLOW_UP
        if self.first_interview is not None and today < self.first_interview:
            return Phase.BEFORE_INTERVIEWS
        return Phase.INTERVIEW_SEASON
