"""Ingest: a mail source -> the store. Headers first, bodies only where they matter.

1. Every message's header block is parsed on the fast path and stored, one
   transaction per batch. Malformed messages are counted and skipped.
2. From the stored envelopes, the messages that may belong to a program are marked:
   addresses of a program or platform, or a reply in a thread of such a message.
3. Only those bodies are loaded and analysed; their features are stored, one
   transaction per batch. A crash anywhere leaves the store consistent, and the next
   run picks up exactly what is missing (re-storing a message changes nothing).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass, field

from .analyser import ANALYSIS_VERSION, BodyAnalyser
from .config import Config
from .errors import SourceError
from .matching import MatchIndex, match_index
from .model import Envelope
from .parse import MalformedMessage, read_envelope
from .sources import MailSource
from .store import Sighting, Store

log = logging.getLogger(__name__)

HEADER_BATCH = 500
BODY_BATCH = 100

Progress = Callable[[str, int, int | None], None]  # (phase, done, total)


def _no_progress(phase: str, done: int, total: int | None) -> None:
    return None


@dataclass
class IngestStats:
    seen: int = 0
    new: int = 0
    skipped: int = 0
    analysed: int = 0
    dropped_drafts: int = 0
    seconds: float = 0.0
    skip_reasons: dict[str, int] = field(default_factory=dict)


def candidates(
    envelopes: Iterable[tuple[Envelope, str]], index: MatchIndex, known: Set[str] = frozenset()
) -> set[str]:
    """Keys of ``envelopes`` that may belong to a program: by headers, then by thread.

    ``known`` are candidates decided earlier: a reply to one of them is one too.
    """
    marked: set[str] = set()
    waiting: list[tuple[str, tuple[str, ...]]] = []
    for env, role in envelopes:
        if index.may_belong(env, role):
            marked.add(env.key)
        elif env.in_reply_to or env.references:
            waiting.append((env.key, env.thread_refs))
    _follow_threads(marked, waiting, known)
    return marked


def _follow_threads(marked: set[str], waiting: list[tuple[str, tuple[str, ...]]], known: Set[str]) -> None:
    """Add to ``marked`` every waiting message that replies (at any depth) to a marked
    or ``known`` one."""
    grew = True
    while grew and waiting:
        grew = False
        rest = []
        for key, refs in waiting:
            if any(ref in marked or ref in known for ref in refs):
                marked.add(key)
                grew = True
            else:
                rest.append((key, refs))
        waiting = rest


CANDIDATES_META = "candidates"


def candidates_stamp(config: Config) -> str:
    """What candidacy depends on: the programs' addresses, the applicant's, the platforms."""
    h = hashlib.sha1(ANALYSIS_VERSION.encode())
    for program in config.program_list:
        h.update(repr((program.name, program.aliases, program.domains, program.contacts)).encode())
    h.update(repr((sorted(config.account.addresses), config.matching.platform_senders)).encode())
    return h.hexdigest()[:16]


def update_candidates(store: Store, config: Config, index: MatchIndex) -> None:
    """Decide which new messages may belong to a program (all of them if the config changed).

    New messages arrive with their header candidacy already stored (``Sighting.candidate``),
    so only the undecided ones' thread headers are read: a pass with nothing new costs
    one small query. A new message replying to a candidate becomes one, and so does an
    older message replying to a new candidate.
    """
    stamp = candidates_stamp(config)
    if store.get_meta(CANDIDATES_META) != stamp:
        store.uncheck_all()
        unchecked = store.unchecked_envelopes()
        store.decide_candidates([env.key for env, _ in unchecked], candidates(unchecked, index))
        store.set_meta(CANDIDATES_META, stamp)
        return
    threads = store.unchecked_threads()
    if not threads:
        return
    unjudged = any(verdict is None for _, verdict, _ in threads)
    judged = {env.key: index.may_belong(env, role) for env, role in store.unchecked_envelopes()} if unjudged else {}
    verdicts = {key: judged[key] if verdict is None else verdict for key, verdict, _ in threads}
    known = store.candidate_keys(decided=True)
    marked = {key for key, _, _ in threads if verdicts[key]}
    _follow_threads(marked, [(key, refs) for key, _, refs in threads if not verdicts[key] and refs], known)
    found = set(marked)
    frontier = marked - known
    while frontier:
        replies = store.replies_to(frontier) - found
        found |= replies
        frontier = replies
    store.decide_candidates([key for key, _, _ in threads], found)


class CandidateJudge:
    """Judges each new message as it is stored: its headers tie it to a program, or it
    replies to a message that does (one stored before, or one seen earlier in this
    pass). Replies that come before their parent are found by update_candidates."""

    def __init__(self, index: MatchIndex, known: Callable[[], set[str]]) -> None:
        self.index = index
        self._load_known = known
        self._known: set[str] | None = None  # read when the first new message comes

    def __call__(self, envelope: Envelope, role: str) -> bool:
        if self._known is None:
            self._known = self._load_known()
        if self.index.may_belong(envelope, role) or any(ref in self._known for ref in envelope.thread_refs):
            self._known.add(envelope.key)
            return True
        return False


def prepare_candidates(store: Store, config: Config) -> CandidateJudge:
    """Before a pass: every stored decision brought up to date, and the judge of the
    new messages, so they can be decided as they are stored."""
    index = match_index(config)
    update_candidates(store, config, index)
    return CandidateJudge(index, store.candidate_keys)


Loader = Callable[[list[tuple[str, str]]], Iterator[tuple[str, bytes | None]]]
"""Given (key, location) pairs, yields (key, full message bytes or None if gone)."""


def _one_by_one(source: MailSource) -> Loader:
    def load(items: list[tuple[str, str]]) -> Iterator[tuple[str, bytes | None]]:
        for key, location in items:
            try:
                yield key, source.load(location)
            except (OSError, SourceError) as exc:
                log.warning("cannot read message %s again: %s", location, exc)
                yield key, None

    return load


def analyse_candidates(
    store: Store,
    config: Config,
    source_name: str,
    load: Loader,
    progress: Progress = _no_progress,
    analyser: BodyAnalyser | None = None,
) -> int:
    """Decide the candidates of the new messages and analyse every candidate not done yet.

    Bodies are loaded ``BODY_BATCH`` at a time and analysed by ``analyser`` (one is
    made when none is given), whose results are stored as they come. Returns how many
    messages this call analysed.
    """
    index = match_index(config)
    update_candidates(store, config, index)
    with contextlib.ExitStack() as stack:
        if analyser is None:
            analyser = stack.enter_context(BodyAnalyser(store, config))
        before = analyser.analysed
        for _round in range(2):  # a second round only if the worker lost what it held
            items = [p for p in store.pending_analysis(analyser.stamp, source_name) if p.key not in analyser.in_hand]
            for start in range(0, len(items), BODY_BATCH):
                chunk = {p.key: p for p in items[start : start + BODY_BATCH]}
                for key, data in load([(p.key, p.location) for p in chunk.values()]):
                    if data is not None:
                        p = chunk[key]
                        analyser.add(key, data, p.subject, p.from_addr, p.role)
                analyser.collect()
                progress("bodies", min(start + BODY_BATCH, len(items)), len(items))
            analyser.finish()
            if not analyser.lost:
                break
            analyser.lost = False
            analyser.in_hand.clear()
        return analyser.analysed - before


def ingest(
    source: MailSource,
    source_name: str,
    store: Store,
    config: Config,
    progress: Progress = _no_progress,
) -> IngestStats:
    """Read every message of ``source`` into ``store``. See the module docstring."""
    started = time.monotonic()
    stats = IngestStats()
    batch: list[Sighting] = []
    skipped: list[tuple[str, str, str]] = []
    drafts_seen: dict[str, set[str]] = {}
    judge = prepare_candidates(store, config)
    for raw in source.messages():
        stats.seen += 1
        env = read_envelope(raw.data, raw.size or None)
        if isinstance(env, MalformedMessage):
            skipped.append((source_name, raw.location, env.reason))
            stats.skip_reasons[env.reason] = stats.skip_reasons.get(env.reason, 0) + 1
            continue
        if raw.role == "drafts":
            drafts_seen.setdefault(raw.folder, set()).add(raw.location)
        batch.append(Sighting(env, raw.folder, raw.role, source_name, raw.location, judge(env, raw.role)))
        if len(batch) >= HEADER_BATCH:
            stats.new += store.add_sightings(batch)
            batch = []
            progress("headers", stats.seen, None)
    stats.new += store.add_sightings(batch)
    if skipped:
        store.record_skipped(skipped)
    stats.skipped = len(skipped)
    progress("headers", stats.seen, stats.seen)
    for folder, keys in drafts_seen.items():
        stats.dropped_drafts += store.forget_missing(source_name, folder, keys)

    stats.analysed = analyse_candidates(store, config, source_name, _one_by_one(source), progress)
    stats.seconds = time.monotonic() - started
    return stats
