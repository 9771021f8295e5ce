"""The rules of the SPEC: one small pure function per rule, named after the rule.

Each rule takes a :class:`RuleContext` (plain data, no I/O) and yields
:class:`~inboxcoach.model.Finding` objects. ``RULES`` maps every rule name to its
severity and function; ``run_rules`` applies all that are not ignored.

Where to find a rule: ``multiple-first-choice`` is ``multiple_first_choice`` in
``rules/content.py`` … see ``RULES`` below for the module of each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ..calendar import SeasonCalendar
from ..model import Finding, ProgramActivity, Severity

RULE_NAMES: tuple[str, ...] = (
    "over-contact-limit",
    "at-contact-limit",
    "multiple-first-choice",
    "conditional-commitment",
    "template-placeholder",
    "wrong-program-name",
    "desperate-tone",
    "emotional-tone",
    "feedback-request",
    "mass-email",
    "same-request-multiple-faculty",
    "repeat-after-silence",
    "late-thank-you",
    "first-choice-outside-window",
    "prematch-offer",
    "rank-inquiry",
    "contact-despite-policy",
    "quiet-program",
)


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
