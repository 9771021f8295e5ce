"""Keywords and Gmail labels written over IMAP: only the changes, batched, read-write
only for the STOREs, never an expunge; and taken back by ``labels --clear``."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from inboxcoach.core.labels import KEYWORD, RISK_KEYWORD, Change, Labels, changes, desired_labels
from inboxcoach.sources.imap import location, parse_location

log = logging.getLogger(__name__)


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
    from inboxcoach.core.candidacy import candidates_stamp
    from inboxcoach.sources.imap.connection import is_gmail
    from inboxcoach.store.report import report_from_store

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
