"""The report of what the store holds: the core's :func:`build_report` over the stored
messages, reading only those that may belong to a program when the store's
candidacy was decided for this config."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from inboxcoach import clock
from inboxcoach.config import Config
from inboxcoach.core.candidacy import CANDIDATES_META, candidates_stamp
from inboxcoach.core.model import Report, StoredMessage
from inboxcoach.core.report import build_report
from inboxcoach.store import Store


def season_messages(store: Store, config: Config) -> list[StoredMessage]:
    """The stored messages a report reads: only those that may belong to a program when
    the store's candidates were decided for this config, else every message."""
    if store.get_meta(CANDIDATES_META) == candidates_stamp(config):
        return store.messages(candidates_only=True)
    return store.messages()


def report_from_store(store: Store, config: Config, as_of: datetime) -> Report:
    """The report of everything stored, as of ``as_of``, with the unreadable messages
    counted by reason."""
    if store.get_meta(CANDIDATES_META) == candidates_stamp(config):
        messages = store.messages(candidates_only=True)
        elsewhere = store.count_noncandidates(as_of)
    else:
        messages, elsewhere = store.messages(), 0
    built = build_report(messages, config, as_of, clock.now(), unmatched_elsewhere=elsewhere)
    return dataclasses.replace(built, unreadable=tuple(sorted(store.unreadable().items())))
