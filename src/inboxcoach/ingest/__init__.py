"""The one loop from a mailbox's bytes to the store, for IMAP and files alike.

1. The source yields header blocks in batches. Each is parsed on the fast path and
   judged at once: may it belong to a program (its addresses, a platform sender, or
   a thread of such a message)? The batch is stored in one transaction, together with
   the folder state it reaches. A message that cannot be read is stored as
   unreadable with its reason; every other message goes on.
2. Right after its batch, the batch's new candidates go to the
   :class:`~inboxcoach.ingest.analyser.BodyAnalyser`, which analyses them beside the
   header reading, in a worker process when the pass is large. Where the source can
   open a second reader (IMAP: a second connection), a forked worker reads their
   bodies itself, so they never pass through this process; a spawned one (a process
   with threads, such as the daemon's, cannot fork) gets them from a thread here
   that reads them on the second reader
   (:class:`~inboxcoach.ingest.prefetch.BodyPrefetch`). Otherwise they are read between
   batches (over IMAP while the folder is still selected). Either way the header
   reading never waits for bodies on a large pass.
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
from types import TracebackType

from inboxcoach.config import Config
from inboxcoach.core.candidacy import CandidateJudge
from inboxcoach.core.matching import MatchIndex, match_index
from inboxcoach.core.model import Envelope
from inboxcoach.core.parse import MalformedMessage, read_envelope
from inboxcoach.ingest.analyser import LARGE_PASS, BodyAnalyser
from inboxcoach.ingest.candidacy import prepare_candidates, update_candidates
from inboxcoach.ingest.prefetch import BodyPrefetch
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
    analyser = BodyAnalyser(store, config, reader=source.second_reader(),
                            read_here=lambda locations, sizes: source.bodies(locations, should_stop, sizes))  # fmt: skip
    with analyser, _Bodies(source, analyser, judge.index, should_stop) as bodies:
        if not known:
            analyser.expect(LARGE_PASS)  # a first pass: start the worker before the first batch
        for batch in source.batches(known, should_stop):
            if batch.new_in_folder:
                analyser.expect(batch.new_in_folder)
            candidates = _store_batch(batch, source.name, store, judge, stats)
            bodies.queue(candidates, store)
            progress("headers", stats.seen, None)
        progress("headers", stats.seen, stats.seen)
        bodies.finish(progress)
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


class _Bodies:
    """Reads the bodies of each batch's new candidates into the analyser: between
    batches on the source itself, or, once the analyser has a worker process (a large
    pass) and the source can open a second reader, in a thread beside the headers."""

    def __init__(self, source: MailSource, analyser: BodyAnalyser, index: MatchIndex, should_stop: StopCheck) -> None:
        self.source = source
        self.analyser = analyser
        self.index = index
        self.should_stop = should_stop
        self._prefetch: BodyPrefetch | None = None
        self._asked: dict[str, Sighting] = {}  # by location: asked of the prefetch, not delivered yet

    def __enter__(self) -> _Bodies:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._prefetch is not None:
            self._prefetch.close()

    def queue(self, candidates: list[Sighting], store: Store) -> None:
        """Read the bodies of a batch's candidates not analysed yet and queue them."""
        if candidates:
            asked = {s.envelope.key for s in self._asked.values()}
            todo = store.unanalysed([s.envelope.key for s in candidates], self.analyser.stamp)
            todo -= self.analyser.in_hand | asked
            by_location: dict[str, Sighting] = {}
            for sighting in candidates:  # one copy of each message (a batch may hold two)
                if sighting.envelope.key in todo:
                    todo.discard(sighting.envelope.key)
                    by_location[sighting.location] = sighting
            sizes = {location: s.envelope.size for location, s in by_location.items()}
            prefetch = self._prefetching()
            if self.analyser.reads_bodies:
                for sighting in by_location.values():
                    self._add(sighting, None, read_later=True)  # the worker reads it
            elif prefetch is not None:
                self._asked.update(by_location)
                prefetch.request(sizes)
            else:
                for location, body in self.source.bodies(list(by_location), self.should_stop, sizes):
                    self._add(by_location[location], body)
        if self._prefetch is not None:
            for location, body in self._prefetch.ready():
                self._add(self._asked.pop(location), body)
        self.analyser.collect()

    def finish(self, progress: Progress) -> None:
        """Take every body the thread still reads (a far server may still be sending
        many: shown as progress). What it could not read stays unanalysed in the store
        (the end of the pass reads it again)."""
        if self._prefetch is not None:
            total = len(self._asked)
            for done, (location, body) in enumerate(self._prefetch.finish(), 1):
                self._add(self._asked.pop(location), body)
                if done % PROGRESS_EVERY == 0:
                    self.analyser.collect()
                    progress("bodies", done, total)
            if total:
                progress("bodies", total, total)
            self._asked.clear()

    def _prefetching(self) -> BodyPrefetch | None:
        if self._prefetch is None and self.analyser.has_worker and not self.analyser.reads_bodies:
            # Only once the worker process is made: it is forked, and a process with
            # threads must not fork.
            opener = self.source.second_reader()
            if opener is not None:
                self._prefetch = BodyPrefetch(opener)
        if self._prefetch is not None and self._prefetch.failed:
            return None
        return self._prefetch

    def _add(self, sighting: Sighting, body: bytes | None, *, read_later: bool = False) -> None:
        if body is not None or read_later:
            envelope = sighting.envelope
            self.analyser.add(envelope.key, body, envelope.subject, envelope.from_addr, sighting.role,
                              named_only=self.index.named_only(envelope, sighting.role),
                              location=sighting.location, size=envelope.size)  # fmt: skip


BODY_BATCH = 100
PROGRESS_EVERY = 100  # bodies between two progress reports while the last bodies are read


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
        analyser.finish(progress, PROGRESS_EVERY)
        if not analyser.lost:
            break
        analyser.lost = False
        analyser.in_hand.clear()
