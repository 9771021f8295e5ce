"""Candidacy, the pure part: which messages may belong to a program, and the stamps
that say when stored decisions and analyses are stale.

A message is a candidate when its headers tie it to a program (the addresses of a
program, or a platform or no-reply sender: :meth:`MatchIndex.may_belong`), or when it
replies, at any depth, to a candidate. Only candidates get their bodies read and
analysed. Deciding it over the store is :mod:`inboxcoach.ingest.candidacy`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Set

from inboxcoach.config import Config
from inboxcoach.core.matching import MatchIndex
from inboxcoach.core.model import Envelope, Program

# Bump when parsing or analysis changes so stored features are recomputed.
ANALYSIS_VERSION = "8"


def analysis_stamp(programs: Iterable[Program], own: Iterable[str]) -> str:
    """Everything stored features depend on: the analysis version, the programs' names
    (mentions) and the applicant's addresses (which side wrote a message, so which
    detectors ran). A change in any makes every stored analysis stale."""
    h = hashlib.sha1(ANALYSIS_VERSION.encode())
    for program in programs:
        h.update(("\x00" + program.name + "\x01" + "\x01".join(program.aliases)).encode())
    h.update(("\x02" + "\x01".join(sorted(own))).encode())
    return h.hexdigest()[:16]


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
    or ``known`` one: a walk down the replies from those, each reply looked at once
    (however long the thread and in whatever order it was read)."""
    replies: dict[str, list[str]] = {}
    for key, refs in waiting:
        for ref in refs:
            replies.setdefault(ref, []).append(key)
    roots = {ref for ref in replies if ref in marked or ref in known}
    walk_down(roots, lambda keys: [key for ref in keys for key in replies.get(ref, ())], marked)


def walk_down(frontier: Set[str], replies_of: Callable[[set[str]], Iterable[str]], seen: set[str]) -> None:
    """Add to ``seen`` every message that replies, at any depth, to one in ``frontier``:
    level by level, each message's replies asked for once (``replies_of`` answers for
    a whole level at a time)."""
    level = set(frontier)
    while level:
        level = set(replies_of(level)) - seen
        seen |= level


CANDIDATES_META = "candidates"


def candidates_stamp(config: Config) -> str:
    """What candidacy depends on: the programs' addresses, the applicant's, the platforms."""
    h = hashlib.sha1(ANALYSIS_VERSION.encode())
    for program in config.program_list:
        h.update(repr((program.name, program.aliases, program.domains, program.contacts)).encode())
    h.update(repr((sorted(config.account.addresses), config.matching.platform_senders)).encode())
    return h.hexdigest()[:16]


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
