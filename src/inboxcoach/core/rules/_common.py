"""Small helpers shared by the rule modules: message grouping, similarity, wording."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from inboxcoach.core.model import MIN_FINGERPRINT_WORDS, Features, MessageView
from inboxcoach.core.rules.context import RuleContext

NEAR_DUPLICATE = 0.7
"""MinHash similarity from which two bodies count as the same text (names, greetings
and dates are already normalized away; two genuinely different notes score < 0.3)."""


def message_order(message: MessageView) -> tuple[float, str]:
    """Sort key: oldest first, undated last, then by key for a stable order."""
    moment = message.date
    return (moment.timestamp() if moment is not None else float("inf"), message.key)


def unique_messages(
    ctx: RuleContext, keep: Callable[[MessageView], bool]
) -> list[tuple[MessageView, tuple[str, ...]]]:
    """Each kept message once, with the names of every program it was matched to.

    A message addressed to two programs appears in both activities with the same
    key; rules that judge the message itself must report it once, naming both.
    Returns (message, program names in configuration order), oldest first.
    """
    first: dict[str, MessageView] = {}
    programs: dict[str, list[str]] = {}
    for activity in ctx.activities:
        for message in activity.messages:
            if not keep(message):
                continue
            first.setdefault(message.key, message)
            names = programs.setdefault(message.key, [])
            if activity.program.name not in names:
                names.append(activity.program.name)
    ordered = sorted(first.values(), key=message_order)
    return [(message, tuple(programs[message.key])) for message in ordered]


def same_body(a: Features, b: Features) -> bool:
    """True when two normalized bodies are identical or near-identical.

    Short notes ("Noted with thanks.") are never "the same text": a few words
    share most of their shingles by chance.
    """
    if min(a.word_count, b.word_count) < MIN_FINGERPRINT_WORDS:
        return False
    return a.similarity(b) >= NEAR_DUPLICATE


def components(count: int, linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Connected components of the graph on 0..count-1 whose edges ``linked`` gives.

    Each component is a sorted list of indices; components come in order of their
    smallest index.
    """
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(count):
        for j in range(i + 1, count):
            if root(i) != root(j) and linked(i, j):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda group: group[0])


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def day(moment: datetime | None, tz: ZoneInfo) -> str:
    """The local date of ``moment`` in ``tz``, e.g. '12 November 2026'."""
    if moment is None:
        return "an unknown date"
    local = moment.astimezone(tz)
    return f"{local.day} {local:%B %Y}"


def quoted(phrases: Sequence[str], features: Features | None = None) -> str:
    """The first matched phrase in quotes, as the message writes it when ``features``
    know (phrases are short by construction)."""
    if not phrases:
        return ""
    phrase = dict(features.written).get(phrases[0], phrases[0]) if features is not None else phrases[0]
    if len(phrase) > 60:
        phrase = phrase[:57].rstrip() + "..."
    return f'"{phrase}"'


def your_message(draft: bool) -> str:
    """'Your draft' or 'Your message', for the start of a finding's text."""
    return "Your draft" if draft else "Your message"
