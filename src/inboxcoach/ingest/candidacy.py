"""Candidacy: which messages may belong to a program, so their bodies are read.

A message is a candidate when its headers tie it to a program (the addresses of a
program, or a platform or no-reply sender: :meth:`MatchIndex.may_belong`), or when it
replies, at any depth, to a candidate. New messages are judged as they are stored
(:class:`CandidateJudge`); :func:`update_candidates` settles what reading order left
open (a reply read before its parent) and decides everything again when the config
changed. Only candidates get their bodies read and analysed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Set

from inboxcoach.ingest.analyser import ANALYSIS_VERSION
from inboxcoach.config import Config
from inboxcoach.core.matching import MatchIndex, match_index
from inboxcoach.core.model import Envelope
from inboxcoach.store import Store


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
