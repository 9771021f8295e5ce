"""The one loop from a mailbox's bytes to the store, for IMAP and files alike.

1. The source yields header blocks in batches. Each is parsed on the fast path and
   judged at once: may it belong to a program (its addresses, a platform sender, or
   a thread of such a message)? The batch is stored in one transaction, together with
   the folder state it reaches. A message that cannot be read is stored as
   unreadable with its reason; every other message goes on.
2. Right after its batch, the bodies of the batch's new candidates are read (over
   IMAP while the folder is still selected) and handed to the
   :class:`~inboxcoach.ingest.analyser.BodyAnalyser`, which analyses them beside the header
   reading, in a worker process when the pass is large.
3. After the last batch: drafts that left the Drafts folder are forgotten, and the
   few candidates found only by a later reply (a thread read out of order) are
   analysed.

A crash anywhere leaves the store consistent; the next pass picks up exactly what is
missing, and reading a message again changes nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from inboxcoach.config import Config
from inboxcoach.core.candidacy import CandidateJudge
from inboxcoach.core.matching import MatchIndex, match_index
from inboxcoach.core.model import Envelope
from inboxcoach.core.parse import MalformedMessage, read_envelope
from inboxcoach.ingest.analyser import LARGE_PASS, BodyAnalyser
from inboxcoach.ingest.candidacy import prepare_candidates, update_candidates
from inboxcoach.sources import Batch, MailSource, StopCheck, _never
from inboxcoach.store import Sighting, Store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int | None], None]  # (phase, done, total)


def no_progress(phase: str, done: int, total: int | None) -> None:
    return None


@dataclass
class IngestStats:
    """What one pass read, stored, skipped and analysed."""

    seen: int = 0
    new: int = 0
    skipped: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)
    analysed: int = 0
    dropped_drafts: int = 0
    resynced: list[str] = field(default_factory=list)  # folders the server renumbered
    labelled: int = 0  # keywords or labels added or removed on the server
    seconds: float = 0.0


def ingest(
    source: MailSource,
    store: Store,
    config: Config,
    progress: Progress = no_progress,
    should_stop: StopCheck = _never,
) -> IngestStats:
    """Read everything new in ``source`` into ``store``; see the module docstring.

    Raises what the source raises (a dropped connection, ``SyncInterrupted`` between
    batches when ``should_stop()`` turns true); what was stored so far is kept."""
    started = time.monotonic()
    stats = IngestStats()
    judge = prepare_candidates(store, config)
    known = store.folder_states(source.name)
    with BodyAnalyser(store, config) as analyser:
        if not known:
            analyser.expect(LARGE_PASS)  # a first pass: start the worker before the first batch
        for batch in source.batches(known, should_stop):
            if batch.new_in_folder:
                analyser.expect(batch.new_in_folder)
            candidates = _store_batch(batch, source.name, store, judge, stats)
            _queue_bodies(source, candidates, store, analyser, judge.index, should_stop)
            progress("headers", stats.seen, None)
        progress("headers", stats.seen, stats.seen)
        stats.resynced = list(source.renumbered)
        for folder, present in source.drafts_present().items():
            stats.dropped_drafts += store.forget_missing(source.name, folder, present)
        _analyse_the_rest(source, store, config, analyser, progress, should_stop)
        stats.analysed = analyser.analysed
    stats.seconds = time.monotonic() - started
    return stats


def _store_batch(batch: Batch, source: str, store: Store, judge: CandidateJudge, stats: IngestStats) -> list[Sighting]:
    """Parse, judge and store one batch; return the new messages that may belong to a program."""
    sightings: list[Sighting] = []
    skipped: list[tuple[str, str, str]] = []
    for raw in batch.messages:
        stats.seen += 1
        envelope = read_envelope(raw.data, raw.size or None)
        if isinstance(envelope, MalformedMessage):
            skipped.append((source, raw.location, envelope.reason))
            stats.skip_reasons[envelope.reason] = stats.skip_reasons.get(envelope.reason, 0) + 1
            continue
        sightings.append(Sighting(envelope, raw.folder, raw.role, source, raw.location, judge(envelope, raw.role)))
    stats.new += store.add_sightings(sightings, folder_state=batch.state)
    if skipped:
        store.record_skipped(skipped)
        stats.skipped += len(skipped)
    return [s for s in sightings if s.candidate]


def _queue_bodies(
    source: MailSource,
    candidates: list[Sighting],
    store: Store,
    analyser: BodyAnalyser,
    index: MatchIndex,
    should_stop: StopCheck,
) -> None:
    """Read the bodies of a batch's candidates not analysed yet and queue them."""
    if not candidates:
        analyser.collect()
        return
    todo = store.unanalysed([s.envelope.key for s in candidates], analyser.stamp) - analyser.in_hand
    by_location: dict[str, Sighting] = {}
    for sighting in candidates:  # one copy of each message (a batch may hold two)
        if sighting.envelope.key in todo:
            todo.discard(sighting.envelope.key)
            by_location[sighting.location] = sighting
    for location, body in source.bodies(list(by_location), should_stop):
        if body is not None:
            sighting = by_location[location]
            envelope = sighting.envelope
            analyser.add(envelope.key, body, envelope.subject, envelope.from_addr, sighting.role,
                         named_only=index.named_only(envelope, sighting.role))  # fmt: skip
    analyser.collect()


BODY_BATCH = 100


def _analyse_the_rest(
    source: MailSource,
    store: Store,
    config: Config,
    analyser: BodyAnalyser,
    progress: Progress,
    should_stop: StopCheck,
) -> None:
    """Decide candidacy through threads read out of order, and analyse every
    candidate of this source whose analysis is missing or stale (a config change, a
    worker that died): usually a handful, all of them after a config change."""
    index = match_index(config)
    update_candidates(store, config, index)
    for _round in range(2):  # a second round only if the worker lost what it held
        items = [p for p in store.pending_analysis(analyser.stamp, source.name) if p.key not in analyser.in_hand]
        for start in range(0, len(items), BODY_BATCH):
            chunk = {p.location: p for p in items[start : start + BODY_BATCH]}
            for location, data in source.bodies(list(chunk), should_stop):
                if data is not None:
                    p = chunk[location]
                    sender = Envelope(key=p.key, message_id="", date=None, from_addr=p.from_addr, from_name="")
                    analyser.add(p.key, data, p.subject, p.from_addr, p.role, named_only=index.named_only(sender, p.role))
            analyser.collect()
            progress("bodies", min(start + BODY_BATCH, len(items)), len(items))
        analyser.finish()
        if not analyser.lost:
            break
        analyser.lost = False
        analyser.in_hand.clear()
