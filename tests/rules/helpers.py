"""Builders for the plain data the rules read: messages, program activities, contexts.

Counts, statuses and last dates are computed the way ``contacts.py`` promises, so
a test only says which messages a program has.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from inboxcoach.core.calendar import SeasonCalendar
from inboxcoach.core.model import (
    Direction,
    Envelope,
    Features,
    FolderRole,
    MessageView,
    Program,
    ProgramActivity,
    StoredMessage,
)
from inboxcoach.core.rules import RuleContext

TZ = ZoneInfo("America/New_York")
AS_OF = datetime(2027, 1, 20, 8, 0, tzinfo=TZ)
CALENDAR = SeasonCalendar.build(2027)  # Match Day 19 March 2027, deadline 3 March 2027 9 p.m.


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """An aware datetime in the season time zone."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def msg(
    key: str,
    program: str,
    when: datetime | None,
    *,
    direction: Direction = "out",
    draft: bool = False,
    contact: bool | None = None,
    person: bool | None = None,
    platform: bool = False,
    kind: str = "other",
    to: tuple[str, ...] = ("coordinator@example.edu",),
    features: Features | None = None,
    **feature_values: object,
) -> MessageView:
    """One message as matched to ``program``.

    ``contact`` defaults to True for sent outbound mail; ``person`` (a reply by a
    person) defaults to True for inbound mail that is not from a platform. Extra
    keyword arguments become :class:`Features` fields.
    """
    if features is None:
        if ("fingerprint" in feature_values or "minhash" in feature_values) and "word_count" not in feature_values:
            feature_values["word_count"] = 60  # a real letter, not a two-line note
        features = Features(**feature_values)  # type: ignore[arg-type]
    envelope = Envelope(
        key=key,
        message_id=f"<{key}>",
        date=when,
        from_addr="applicant@example.org" if direction == "out" else "coordinator@example.edu",
        from_name="",
        to=to if direction == "out" else ("applicant@example.org",),
    )
    folder = "Drafts" if draft else ("Sent" if direction == "out" else "INBOX")
    role: FolderRole = "drafts" if draft else ("sent" if direction == "out" else "inbox")
    stored = StoredMessage(envelope=envelope, folder=folder, role=role, features=features)
    outbound = direction == "out"
    return MessageView(
        stored=stored,
        program=program,
        direction=direction,
        draft=draft,
        kind=kind,
        counts_as_contact=(outbound and not draft) if contact is None else contact,
        platform=platform,
        is_reply_by_person=(not outbound and not platform) if person is None else person,
        initiated_by_program=False,
    )


def activity(
    name: str,
    messages: Iterable[MessageView] = (),
    *,
    interview_date: date | None = None,
    nrmp: bool = True,
    limit: int = 3,
) -> ProgramActivity:
    """A program's activity with counts computed as ``contacts.py`` does."""
    ordered = tuple(sorted(messages, key=lambda m: (m.date is None, m.date or AS_OF, m.key)))
    contacts = [m for m in ordered if m.counts_as_contact and not m.draft]
    replies = [m for m in ordered if m.direction == "in" and m.is_reply_by_person]
    count = len(contacts)
    status: Literal["ok", "at_limit", "over_limit"] = (
        "over_limit" if count > limit else "at_limit" if count == limit else "ok"
    )
    return ProgramActivity(
        program=Program(name=name, interview_date=interview_date, nrmp=nrmp),
        messages=ordered,
        contacts=count,
        replies=len(replies),
        status=status,
        last_contact=max((m.date for m in contacts if m.date), default=None),
        last_reply=max((m.date for m in replies if m.date), default=None),
    )


def context(
    *activities: ProgramActivity,
    as_of: datetime = AS_OF,
    max_contacts: int = 3,
    thank_you_window_hours: int = 72,
    quiet_after_days: int = 7,
    calendar: SeasonCalendar = CALENDAR,
    tz: ZoneInfo = TZ,
) -> RuleContext:
    """A rule context over ``activities``."""
    return RuleContext(
        activities=tuple(activities),
        as_of=as_of,
        tz=tz,
        calendar=calendar,
        max_contacts=max_contacts,
        thank_you_window_hours=thank_you_window_hours,
        quiet_after_days=quiet_after_days,
    )
