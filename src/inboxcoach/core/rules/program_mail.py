"""Rules about what programs wrote, and how the applicant's mail relates to it.

``prematch-offer``, ``rank-inquiry`` (NRMP protections for the applicant) and
``contact-despite-policy`` (writing after a program asked for no further contact).
"""

from __future__ import annotations

from collections.abc import Iterator

from inboxcoach.core.model import Finding, MessageView, Severity
from inboxcoach.core.rules._common import day, join_names, message_order, quoted, unique_messages
from inboxcoach.core.rules.context import RuleContext

PREMATCH_OFFER: Severity = "critical"
RANK_INQUIRY: Severity = "warning"
CONTACT_DESPITE_POLICY: Severity = "warning"


def prematch_offer(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per program message offering a position or contract before Match Day.

    Fires for inbound messages with ``features.offer`` whose local date (``ctx.tz``)
    is before ``calendar.match_day``, whatever ``program.nrmp`` says; an undated
    offer fires too. The text adds the NRMP rule when a program is in the Match.
    """
    nrmp = {activity.program.name: activity.program.nrmp for activity in ctx.activities}
    offers = unique_messages(ctx, lambda m: m.direction == "in" and bool(m.features.offer))
    for message, programs in offers:
        moment = message.date
        if moment is not None and moment.astimezone(ctx.tz).date() >= ctx.calendar.match_day:
            continue
        names = join_names(programs)
        if any(nrmp.get(name, True) for name in programs):
            rule = "A program in the NRMP Match may not offer a contract before Match Day."
        else:
            rule = (
                "Outside the Match a binding offer is allowed, which is why a second "
                "reader matters."
            )
        yield Finding(
            rule="prematch-offer",
            severity=PREMATCH_OFFER,
            programs=programs,
            message_ids=(message.message_id,),
            text=(
                f"The message from {names} of {day(moment, ctx.tz)} reads as an offer of a "
                f"position, contract or commitment before Match Day. {rule} Before signing "
                'anything, ask "Is this position participating in the NRMP Match, or is it '
                'outside the Match system?" and have the GME office, a mentor or a lawyer '
                "read it."
            ),
        )


def rank_inquiry(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per program message asking how the applicant will rank it, or where else
    they applied."""
    inquiries = unique_messages(
        ctx, lambda m: m.direction == "in" and bool(m.features.rank_inquiry)
    )
    for message, programs in inquiries:
        yield Finding(
            rule="rank-inquiry",
            severity=RANK_INQUIRY,
            programs=programs,
            message_ids=(message.message_id,),
            text=(
                f"The message from {join_names(programs)} of {day(message.date, ctx.tz)} asks "
                f"how you will rank the program or where else you applied "
                f"({quoted(message.features.rank_inquiry, message.features)}). NRMP does not allow programs to "
                "ask this; you may politely decline to answer."
            ),
        )


def _first_policy(messages: tuple[MessageView, ...]) -> MessageView | None:
    policies = [
        m
        for m in messages
        if m.direction == "in" and m.features.no_contact_policy and m.date is not None
    ]
    return min(policies, key=message_order) if policies else None


def contact_despite_policy(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per outbound message to a program after it asked for no further contact.

    After the program's first inbound message with ``features.no_contact_policy``,
    every later sent contact fires, and so does every draft (it would go out after
    the request); a draft's finding carries ``draft=True``. A message to two such
    programs gives one finding naming both.
    """
    hits: dict[str, tuple[MessageView, list[str], MessageView]] = {}
    for activity in ctx.activities:
        policy = _first_policy(activity.messages)
        if policy is None or policy.date is None:
            continue
        for message in activity.messages:
            if message.direction != "out":
                continue
            later = message.date is not None and message.date > policy.date
            if message.draft or (message.counts_as_contact and later):
                entry = hits.setdefault(message.key, (message, [], policy))
                entry[1].append(activity.program.name)
    for message, programs, policy in sorted(hits.values(), key=lambda hit: message_order(hit[0])):
        names = join_names(programs)
        seen = f"Your draft to {names} would go out after" if message.draft else f"You wrote to {names} after"
        yield Finding(
            rule="contact-despite-policy",
            severity=CONTACT_DESPITE_POLICY,
            programs=tuple(programs),
            message_ids=(message.message_id, policy.message_id),
            text=(
                f"{seen} the program said on {day(policy.date, ctx.tz)} that it does not "
                f"want further contact ({quoted(policy.features.no_contact_policy, policy.features)}). "
                "Respecting that request from here on is good practice; no further "
                "message is needed."
            ),
            draft=message.draft,
        )
