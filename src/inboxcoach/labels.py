"""The plugin surface in every mail client: IMAP keywords, or Gmail labels, on program mail.

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

:func:`desired_labels` is the pure part (report in, labels per message out).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from inboxcoach.model import Report
from inboxcoach.sources.imap import location, parse_location

log = logging.getLogger(__name__)

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


@dataclass
class LabelStats:
    added: int = 0
    removed: int = 0
    refused: list[str] = field(default_factory=list)  # folders that keep no keywords

    @property
    def changed(self) -> int:
        return self.added + self.removed


def apply_labels(client: Any, store: Any, desired: Mapping[str, Labels], source: str, *, gmail: bool) -> LabelStats:
    """Send the label changes to the server and record them; returns what was done.

    Batched: one STORE per folder, label and direction. A folder whose PERMANENTFLAGS
    lack ``\\*`` (and our keyword) is skipped and named in ``refused``; its messages
    stay recorded as unlabelled, so a later pass tries again."""

    stats = LabelStats()
    applied = store.applied_labels(source)
    todo = changes(desired, applied, store.imap_locations(source, set(desired) | set(applied)))
    by_folder: dict[str, list[Change]] = defaultdict(list)
    for change in todo:
        by_folder[parse_location(change.location)[2]].append(change)
    for folder, folder_changes in sorted(by_folder.items()):
        done = _apply_folder(client, folder, folder_changes, gmail, stats)
        store.record_labels(source, done)
    return stats


def _apply_folder(client: Any, folder: str, todo: list[Change], gmail: bool, stats: LabelStats) -> list[Change]:
    answer = client.select_folder(folder, readonly=False)
    try:
        return _store_changes(client, answer, todo, gmail, stats, folder)
    finally:
        leave_read_write(client, folder)


def leave_read_write(client: Any, folder: str) -> None:
    """Leave a folder selected read-write without expunging anything: UNSELECT where
    the server has it, else EXAMINE it again (which closes the read-write selection
    without an expunge, RFC 3501 6.3.1) before CLOSE. A plain CLOSE would remove the
    messages the user marked \\Deleted."""
    if client.has_capability("UNSELECT"):
        client.unselect_folder()
    else:
        client.select_folder(folder, readonly=True)
        client.close_folder()


def _store_changes(
    client: Any, answer: dict[bytes, Any], todo: list[Change], gmail: bool, stats: LabelStats, folder: str
) -> list[Change]:
    uidvalidity = int(answer.get(b"UIDVALIDITY", 0))
    current = [c for c in todo if parse_location(c.location)[0] == uidvalidity]
    if not gmail and not _keeps_keywords(answer.get(b"PERMANENTFLAGS", ())):
        stats.refused.append(folder)
        return []  # nothing was applied: a later pass tries again
    plan: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for change in current:
        uid = parse_location(change.location)[1]
        for label in change.add:
            plan[(label, True)].append(uid)
        for label in change.remove:
            plan[(label, False)].append(uid)
    for (label, add), uids in sorted(plan.items()):
        for start in range(0, len(uids), 500):
            chunk = sorted(uids[start : start + 500])
            if gmail:
                (client.add_gmail_labels if add else client.remove_gmail_labels)(chunk, [label], silent=True)
            else:
                (client.add_flags if add else client.remove_flags)(chunk, [label.encode()], silent=True)
            if add:
                stats.added += len(chunk)
            else:
                stats.removed += len(chunk)
    # a change at a location of an older UIDVALIDITY is moot: that copy is gone
    return todo


def _keeps_keywords(permanent: Iterable[bytes]) -> bool:
    flags = set(permanent)
    return b"\\*" in flags or {KEYWORD.encode(), RISK_KEYWORD.encode()} <= flags


def clear_labels(client: Any, store: Any, source: str, folders: Iterable[str], *, gmail: bool) -> LabelStats:
    """Remove every keyword or label inboxcoach set: what the store recorded, and on
    servers with keywords also any message in ``folders`` that still carries one
    (found by SEARCH KEYWORD). Nothing else is touched."""
    remove: dict[str, set[str]] = defaultdict(set)  # location -> labels
    for where, labels in store.applied_labels(source).values():
        remove[where] |= labels
    if not gmail:
        for folder in folders:
            answer = client.select_folder(folder, readonly=True)
            uidvalidity = int(answer.get(b"UIDVALIDITY", 0))
            for keyword in (KEYWORD, RISK_KEYWORD):
                for uid in client.search(["KEYWORD", keyword]):
                    remove[location(uidvalidity, uid, folder)].add(keyword)
    by_folder: dict[str, list[Change]] = defaultdict(list)
    for where, labels in remove.items():
        by_folder[parse_location(where)[2]].append(Change(where, where, frozenset(), frozenset(labels)))
    stats = LabelStats()
    for folder, folder_changes in sorted(by_folder.items()):
        _apply_folder(client, folder, folder_changes, gmail, stats)
    store.forget_labels(source)
    return stats


LABELS_META = "labels"
_warned: set[str] = set()


def label_pass(client: Any, store: Any, config: Any, source: str, *, changed: bool) -> LabelStats | None:
    """After a pass: bring the server's keywords (or Gmail labels) up to date.

    Skipped (None) when the pass changed nothing and the labels were brought up to
    date for this config before. A server that refuses a STORE, or keeps no keywords,
    is logged, never raised: labels are never the reason a pass fails. A dropped
    connection is raised as usual (the pass is retried)."""
    import imaplib

    from inboxcoach import clock
    from inboxcoach.commands import report_from_store
    from inboxcoach.imap import is_gmail
    from inboxcoach.candidacy import candidates_stamp

    gmail = is_gmail(client)
    stamp = f"{candidates_stamp(config)}:{'gmail' if gmail else 'keywords'}"
    if not changed and store.get_meta(LABELS_META) == stamp:
        return None
    report = report_from_store(store, config, clock.now())
    try:
        stats = apply_labels(client, store, desired_labels(report, gmail=gmail), source, gmail=gmail)
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error as exc:
        log.warning("labels not updated: the server refused (%s)", exc)
        return None
    for folder in stats.refused:
        if folder not in _warned:
            _warned.add(folder)
            log.warning("%s keeps no keywords (no \\* in PERMANENTFLAGS): its messages get no labels", folder)
    store.set_meta(LABELS_META, stamp)
    return stats
