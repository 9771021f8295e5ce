"""Rules about how often the applicant wrote and how programs answered.

``over-contact-limit``, ``at-contact-limit``, ``repeat-after-silence``,
``quiet-program``. None of them ever suggests writing to a program: no reply is
normal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from inboxcoach.core.model import Finding, MessageView, ProgramActivity, Severity
from inboxcoach.core.rules._common import day, message_order, your_message
from inboxcoach.core.rules.context import RuleContext

OVER_CONTACT_LIMIT: Severity = "warning"
AT_CONTACT_LIMIT: Severity = "info"
REPEAT_AFTER_SILENCE: Severity = "warning"
QUIET_PROGRAM: Severity = "info"


def _contact_ids(activity: ProgramActivity) -> tuple[str, ...]:
    return tuple(m.message_id for m in activity.messages if m.counts_as_contact and not m.draft)


def over_contact_limit(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per program whose contacts exceed ``ctx.max_contacts``.

    Evidence is the program's contact messages.
    """
    for activity in ctx.activities:
        if activity.contacts > ctx.max_contacts:
            name = activity.program.name
            yield Finding(
                rule="over-contact-limit",
                severity=OVER_CONTACT_LIMIT,
                programs=(name,),
                message_ids=_contact_ids(activity),
                text=(
                    f"You have sent {activity.contacts} messages to {name}, more than the "
                    f"recommended {ctx.max_contacts}. More than 2 or 3 messages per program can "
                    "read as intrusive, so no further messages are recommended."
                ),
            )


def at_contact_limit(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per program whose contacts equal ``ctx.max_contacts`` (at least one).

    Evidence is the program's contact messages.
    """
    for activity in ctx.activities:
        if activity.contacts >= 1 and activity.contacts == ctx.max_contacts:
            name = activity.program.name
            yield Finding(
                rule="at-contact-limit",
                severity=AT_CONTACT_LIMIT,
                programs=(name,),
                message_ids=_contact_ids(activity),
                text=(
                    f"You have sent {activity.contacts} messages to {name}, which is the "
                    "recommended limit; no more messages are recommended."
                ),
            )


def _person_reply_after(activity: ProgramActivity, moment: datetime, until: datetime) -> bool:
    """True when a person at the program wrote after ``moment`` and up to ``until``."""
    return any(
        m.direction == "in"
        and m.is_reply_by_person
        and m.date is not None
        and moment < m.date <= until
        for m in activity.messages
    )


def _previous_sent(activity: ProgramActivity, moment: datetime, exclude: str) -> MessageView | None:
    """The applicant's latest sent message to the program dated before ``moment``."""
    earlier = [
        m
        for m in activity.messages
        if m.direction == "out"
        and not m.draft
        and m.key != exclude
        and m.date is not None
        and m.date < moment
    ]
    return max(earlier, key=message_order) if earlier else None


def repeat_after_silence(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per nudge ("did you receive …") to a program that had not replied.

    A sent nudge fires when no person at the program wrote between the applicant's
    previous sent message and the nudge; a draft nudge is judged as if sent at
    ``ctx.as_of`` and carries ``draft=True``. A nudge with no earlier sent message on
    record fires nothing: there is nothing it repeats.
    """
    seen: set[tuple[str, str]] = set()
    for activity in ctx.activities:
        name = activity.program.name
        for nudge in activity.messages:
            if nudge.direction != "out" or not nudge.features.nudge or (nudge.key, name) in seen:
                continue
            moment = ctx.as_of if nudge.draft else nudge.date
            if moment is None:
                continue
            previous = _previous_sent(activity, moment, nudge.key)
            if previous is None or previous.date is None:
                continue
            if _person_reply_after(activity, previous.date, moment):
                continue
            seen.add((nudge.key, name))
            yield Finding(
                rule="repeat-after-silence",
                severity=REPEAT_AFTER_SILENCE,
                programs=(name,),
                message_ids=(nudge.message_id, previous.message_id),
                text=(
                    f"{your_message(nudge.draft)} to {name} follows up on your message of "
                    f"{day(previous.date, ctx.tz)}, which has had no reply. No reply is normal "
                    "and is not a rejection; programs are inundated, and a message asking "
                    "about an unanswered one can read as pressure."
                ),
                draft=nudge.draft,
            )


def quiet_program(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per contacted program that has been silent since the last contact.

    Fires when the program has at least one contact, no person there wrote after the
    last contact, and that contact is at least ``ctx.quiet_after_days`` old. The text
    says silence is normal and asks for nothing.
    """
    for activity in ctx.activities:
        last = activity.last_contact
        if activity.contacts < 1 or last is None:
            continue
        if ctx.as_of - last < timedelta(days=ctx.quiet_after_days):
            continue
        if _person_reply_after(activity, last, ctx.as_of):
            continue
        name = activity.program.name
        last_ids = tuple(
            m.message_id
            for m in activity.messages
            if m.counts_as_contact and not m.draft and m.date == last
        )
        days = (ctx.as_of - last).days
        yield Finding(
            rule="quiet-program",
            severity=QUIET_PROGRAM,
            programs=(name,),
            message_ids=last_ids,
            text=(
                f"{name} has not replied since your message of {day(last, ctx.tz)} "
                f"({days} days ago). That is normal: programs are inundated, silence is "
                "not a rejection, and nothing more is needed from you."
            ),
        )
