"""Rules that compare the applicant's messages with each other.

``multiple-first-choice`` and ``mass-email`` (across programs, one finding naming
all of them) and ``same-request-multiple-faculty`` (within one program).
"""

from __future__ import annotations

from collections.abc import Iterator

from inboxcoach.core.model import Finding, MessageView, Severity
from inboxcoach.core.rules._common import components, join_names, message_order, same_body, unique_messages
from inboxcoach.core.rules.context import RuleContext

MULTIPLE_FIRST_CHOICE: Severity = "critical"
MASS_EMAIL: Severity = "warning"
SAME_REQUEST_MULTIPLE_FACULTY: Severity = "warning"

_GOOD_PRACTICE = (
    "A #1 statement belongs to exactly one program, and only if true; "
    '"top choice" or "very high on my list" can go to several.'
)


def _by_first_date(statements: list[tuple[MessageView, tuple[str, ...]]]) -> list[str]:
    """Program names in the order they first received one of ``statements`` (oldest first)."""
    names: list[str] = []
    for _message, programs in statements:  # already oldest first
        names.extend(name for name in programs if name not in names)
    return names


def multiple_first_choice(ctx: RuleContext) -> Iterator[Finding]:
    """Findings for a "#1 choice" statement made to two or more programs.

    Sent mail: one finding (``draft=False``) naming every program that received a
    #1 statement, oldest first, when there are two or more. Drafts: one finding
    (``draft=True``) per draft whose #1 statement would reach a program other than
    those already sent or drafted one, naming the draft's programs first. The same
    program twice fires nothing.
    """
    statements = unique_messages(
        ctx, lambda m: m.direction == "out" and bool(m.features.first_choice)
    )
    sent = [(m, p) for m, p in statements if not m.draft]
    sent_programs = _by_first_date(sent)
    if len(sent_programs) >= 2:
        yield Finding(
            rule="multiple-first-choice",
            severity=MULTIPLE_FIRST_CHOICE,
            programs=tuple(sent_programs),
            message_ids=tuple(m.message_id for m, _ in sent),
            text=(
                f"You told {join_names(sent_programs)} that each is your first choice. "
                + _GOOD_PRACTICE
            ),
        )
    for draft, own in statements:
        if not draft.draft:
            continue
        others = [(m, p) for m, p in statements if m.key != draft.key]
        other_programs = [name for name in _by_first_date(others) if name not in own]
        if not other_programs and len(own) < 2:
            continue
        evidence = [draft.message_id] + [m.message_id for m, p in others if set(p) - set(own)]
        named = list(own) + other_programs
        if other_programs:
            seen = (
                f"Your draft to {join_names(list(own))} says it is your first choice, and a #1 "
                f"statement already went to or is drafted for {join_names(other_programs)}."
            )
        else:
            seen = f"Your draft tells {join_names(list(own))} that each is your first choice."
        yield Finding(
            rule="multiple-first-choice",
            severity=MULTIPLE_FIRST_CHOICE,
            programs=tuple(named),
            message_ids=tuple(evidence),
            text=f"{seen} {_GOOD_PRACTICE}",
            draft=True,
        )


def mass_email(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per group of sent messages with the same body that reached 3+ programs.

    Messages are grouped by connected components of "same body" (equal non-empty
    fingerprint or MinHash similarity >= NEAR_DUPLICATE). A message addressed to
    several programs counts for each of them. Only contacts are compared: drafts,
    and short answers in a program's own thread ("Noted, thank you"), are no mass email.
    """
    sent = unique_messages(ctx, lambda m: m.direction == "out" and m.counts_as_contact)
    features = [m.features for m, _ in sent]
    for group in components(len(sent), lambda i, j: same_body(features[i], features[j])):
        members = [sent[i] for i in group]
        programs = _by_first_date(members)
        if len(programs) < 3:
            continue
        yield Finding(
            rule="mass-email",
            severity=MASS_EMAIL,
            programs=tuple(programs),
            message_ids=tuple(m.message_id for m, _ in members),
            text=(
                f"The same text went to {len(programs)} programs ({join_names(programs)}). "
                "A template sent unchanged is easy to spot; a few lines written for each "
                "program read as real interest."
            ),
        )


def _same_body_groups(messages: list[MessageView]) -> list[list[MessageView]]:
    """``messages`` (oldest first, each key once) grouped by same or near-identical body."""
    unique = list({m.key: m for m in messages}.values())
    groups = components(len(unique), lambda i, j: same_body(unique[i].features, unique[j].features))
    return [[unique[i] for i in group] for group in groups]


def same_request_multiple_faculty(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per program where the same request went, as separate messages, to 2+ people.

    Sent messages with ``features.request`` and the same body (equal fingerprint or
    similarity >= 0.8) are grouped; a group fires when its messages went to at least
    two different To lists.
    """
    for activity in ctx.activities:
        name = activity.program.name
        requests = sorted(
            (
                m
                for m in activity.messages
                if m.direction == "out" and not m.draft and m.features.request
            ),
            key=message_order,
        )
        for members in _same_body_groups(requests):
            recipients = {frozenset(m.envelope.to) for m in members}
            if len(members) < 2 or len(recipients) < 2:
                continue
            people = len({address for to in recipients for address in to})
            yield Finding(
                rule="same-request-multiple-faculty",
                severity=SAME_REQUEST_MULTIPLE_FACULTY,
                programs=(name,),
                message_ids=tuple(m.message_id for m in members),
                text=(
                    f"The same request went as {len(members)} separate messages to {people} "
                    f"people at {name}. Good practice is to ask one person, usually the "
                    "program coordinator, who will pass it on."
                ),
            )
