"""The input every rule reads: :class:`RuleContext`, and the :data:`Rule` signature.

Kept apart from ``rules/__init__.py`` so that the rule modules can import it while
``__init__`` imports them (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from inboxcoach.core.calendar import SeasonCalendar
from inboxcoach.core.model import Finding, ProgramActivity


@dataclass(frozen=True, slots=True)
class RuleContext:
    """Everything a rule may look at. ``activities`` hold messages dated <= as_of only."""

    activities: tuple[ProgramActivity, ...]
    as_of: datetime
    tz: ZoneInfo
    calendar: SeasonCalendar
    max_contacts: int
    thank_you_window_hours: int
    quiet_after_days: int


Rule = Callable[[RuleContext], Iterable[Finding]]
