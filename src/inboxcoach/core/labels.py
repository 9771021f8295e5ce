"""The plugin surface in every mail client: which IMAP keywords, or Gmail labels, program mail carries.

With ``[plugin] labels = true``, after each pass every message matched to a program
carries the keyword ``inboxcoach`` and, while it has a critical finding, also
``inboxcoach-risk``. On Gmail (X-GM-EXT-1) the same is said with labels, which
Gmail's web and phone apps show: ``inboxcoach/<program name>`` and ``inboxcoach/risk``.

Only these keywords and labels are ever added or removed; no other flag or label is
touched (\\Seen least of all: STORE ``+FLAGS.SILENT`` / ``-FLAGS.SILENT`` of our own
keywords changes nothing else). The store remembers what was applied where
(table ``labels``), so a pass sends only the changes, batched per folder and label,
and ``inboxcoach labels --clear`` can take back everything inboxcoach ever set.

A folder is opened read-write (SELECT) only for its STOREs; every other read of the
mailbox stays EXAMINE and BODY.PEEK. A server that cannot keep keywords (no ``\\*``
in PERMANENTFLAGS) is skipped with a warning: a pass never fails for labels.

:func:`desired_labels` says what each message should carry (report in, labels out)
and :func:`changes` what must change on the server; writing them over IMAP is
:mod:`inboxcoach.sources.imap.labels`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from inboxcoach.core.model import Report

KEYWORD = "inboxcoach"
RISK_KEYWORD = "inboxcoach-risk"
GMAIL_PREFIX = "inboxcoach/"
GMAIL_RISK = "inboxcoach/risk"

Labels = frozenset[str]


def desired_labels(report: Report, *, gmail: bool) -> dict[str, Labels]:
    """The keywords (or Gmail labels) each program message should carry, by message key.

    Every message matched to a program gets ``inboxcoach`` (Gmail: one label per
    program it belongs to); one that a critical finding names gets ``inboxcoach-risk``
    (Gmail: ``inboxcoach/risk``). Messages matched to no program are not in the result.
    """
    risky = {
        message_id
        for finding in report.findings
        if finding.severity == "critical"
        for message_id in finding.message_ids
    }
    wanted: dict[str, set[str]] = defaultdict(set)
    for activity in report.programs:
        for view in activity.messages:
            labels = wanted[view.key]
            labels.add(GMAIL_PREFIX + _label_safe(activity.program.name) if gmail else KEYWORD)
            if view.message_id in risky:
                labels.add(GMAIL_RISK if gmail else RISK_KEYWORD)
    return {key: frozenset(labels) for key, labels in wanted.items()}


def _label_safe(name: str) -> str:
    """A program name as one Gmail label level: a '/' would nest it deeper."""
    return " ".join(name.replace("/", "-").split())


def is_ours(label: str) -> bool:
    """True for a keyword or label inboxcoach sets (and so may remove)."""
    return label in (KEYWORD, RISK_KEYWORD) or label.startswith(GMAIL_PREFIX)


@dataclass(frozen=True, slots=True)
class Change:
    """What one message's labels need: added and removed, at its location."""

    key: str
    location: str  # "uidvalidity:uid:folder", as sync stores it
    add: Labels
    remove: Labels


def changes(
    desired: Mapping[str, Labels],
    applied: Mapping[str, tuple[str, Labels]],
    locations: Mapping[str, str],
) -> list[Change]:
    """The changes that bring ``applied`` (key -> (location, labels)) to ``desired``.

    ``locations`` are the messages' current IMAP locations (key -> location); a
    message with no IMAP location (read from a file) is left alone. A message that
    moved (a higher-ranked copy, a renumbered folder) loses its labels at the old
    location and gets them at the new one. Pure."""
    out: list[Change] = []
    for key in sorted(set(desired) | set(applied)):
        want = desired.get(key, frozenset())
        location = locations.get(key)
        old_location, have = applied.get(key, ("", frozenset()))
        if old_location and old_location != location and have:
            out.append(Change(key, old_location, frozenset(), have))
            have = frozenset()
        if location is None:
            continue
        add, remove = want - have, have - want
        if add or remove:
            out.append(Change(key, location, add, remove))
    return out
