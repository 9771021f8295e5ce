"""Counting: which matched messages are contacts, which are replies, per program.

- A contact is an outbound, sent (not draft) message the applicant initiated. A
  reply to a message the program sent is not a contact, unless it is itself a
  thank-you, update or ranking message.
- A reply is an inbound message from the program written by a person: not platform
  mail, not no-reply, not Auto-Submitted / Precedence bulk / List-Id mail.
- One message counts once per program, however many of its people it addresses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from typing import Literal

from inboxcoach.core.classify import classify_inbound, classify_outbound
from inboxcoach.core.matching import Match, MatchIndex, parents
from inboxcoach.core.model import Ambiguous, Features, MessageView, Program, ProgramActivity, StoredMessage

COUNTING_KINDS = frozenset({"thank_you", "update", "rank_statement"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EMPTY = Features()


@dataclass(frozen=True, slots=True)
class Counted:
    activities: tuple[ProgramActivity, ...]
    unmatched: int
    ambiguous: tuple[Ambiguous, ...]


def sort_key(view: MessageView) -> tuple[datetime, str]:
    return (view.date or _EPOCH, view.key)


def thread_root(message: StoredMessage, by_key: Mapping[str, StoredMessage]) -> StoredMessage:
    """The oldest known message of ``message``'s thread (itself when none is known).

    References list the thread oldest first; the first one in the mailbox is taken,
    then followed further up in case it names older ones.
    """
    current = message
    seen = {message.envelope.key}
    while True:
        env = current.envelope
        known = [r for r in (*env.references, *env.in_reply_to) if r in by_key and r not in seen]
        if not known:
            return current
        current = by_key[known[0]]
        seen.add(current.envelope.key)


def _answers_program_question(message: StoredMessage, by_key: Mapping[str, StoredMessage], index: MatchIndex) -> bool:
    """Whether ``message`` directly answers a program's question about ranking or an offer."""
    parent = next((by_key[r] for r in parents(message.envelope) if r in by_key), None)
    if parent is None or index.is_outbound(parent.envelope, parent.role) or parent.features is None:
        return False
    return bool(parent.features.rank_inquiry or parent.features.offer)


def _before_interview(moment: datetime | None, interview: date | None, tz: tzinfo) -> bool:
    return moment is not None and interview is not None and moment.astimezone(tz).date() < interview


def _view(
    message: StoredMessage,
    program: Program,
    match: Match,
    index: MatchIndex,
    by_key: Mapping[str, StoredMessage],
    tz: tzinfo,
) -> MessageView:
    env = message.envelope
    features = message.features
    if index.is_outbound(env, message.role):
        root = thread_root(message, by_key)
        if root is not message:
            replies_to_program = not index.is_outbound(root.envelope, root.role)
        else:
            # The message it answers is not in the mailbox: trust In-Reply-To.
            replies_to_program = bool(env.in_reply_to)
        kind = classify_outbound(message.features or _EMPTY, is_reply=replies_to_program)
        if kind == "thank_you" and _before_interview(env.date, program.interview_date, tz):
            # thanks before the interview day (for the invitation, a call) is no thank-you note
            without = replace(message.features or _EMPTY, thank_you=False)
            kind = classify_outbound(without, is_reply=replies_to_program)
        draft = message.role == "drafts"
        if _answers_program_question(message, by_key, index):
            # Answering "how will you rank us?" or an offer is a reply, whatever courtesies
            # it opens with, unless it makes a ranking statement itself.
            counts = kind == "rank_statement"
        elif replies_to_program:
            counts = kind in COUNTING_KINDS
        else:
            counts = True
        counts = counts and not draft
        return MessageView(
            stored=message,
            program=program.name,
            direction="out",
            draft=draft,
            kind=kind,
            counts_as_contact=counts,
            platform=False,
            is_reply_by_person=False,
            initiated_by_program=replies_to_program,
        )
    sender = env.from_addr or (env.reply_to[0] if env.reply_to else "")
    platform = match.platform or index.is_platform(sender)
    automated = env.automated or platform
    kind = classify_inbound(features or _EMPTY, automated=env.automated, platform=platform)
    return MessageView(
        stored=message,
        program=program.name,
        direction="in",
        draft=False,
        kind=kind,
        counts_as_contact=False,
        platform=platform,
        is_reply_by_person=not automated,
        initiated_by_program=True,
    )


def activity(program: Program, views: Sequence[MessageView], limit: int) -> ProgramActivity:
    """Counts and status of one program from its message views (any order)."""
    ordered = tuple(sorted(views, key=sort_key))
    contacts = [v for v in ordered if v.counts_as_contact]
    replies = [v for v in ordered if v.is_reply_by_person]
    n = len({v.key for v in contacts})
    status: Literal["ok", "at_limit", "over_limit"] = "over_limit" if n > limit else "at_limit" if n == limit else "ok"
    return ProgramActivity(
        program=program,
        messages=ordered,
        contacts=n,
        replies=len({v.key for v in replies}),
        status=status,
        last_contact=max((v.date for v in contacts if v.date), default=None),
        last_reply=max((v.date for v in replies if v.date), default=None),
    )


def count(
    messages: Sequence[StoredMessage],
    matches: Mapping[str, Match],
    index: MatchIndex,
    limit: int,
    tz: tzinfo = UTC,
) -> Counted:
    """Build every program's activity from matched messages (dates judged in ``tz``)."""
    by_key = {m.envelope.key: m for m in messages}
    programs = {p.name: p for p in index.programs}
    views: dict[str, list[MessageView]] = {p.name: [] for p in index.programs}
    unmatched = 0
    ambiguous: list[Ambiguous] = []
    for message in messages:
        match = matches.get(message.envelope.key, Match())
        if not match.programs:
            if match.ambiguous:
                ambiguous.append(Ambiguous(message.envelope.message_id, match.ambiguous))
            else:
                unmatched += 1
            continue
        for name in match.programs:
            views[name].append(_view(message, programs[name], match, index, by_key, tz))
    activities = tuple(activity(p, views[p.name], limit) for p in index.programs)
    ambiguous.sort(key=lambda a: a.message_id)
    return Counted(activities=activities, unmatched=unmatched, ambiguous=tuple(ambiguous))

