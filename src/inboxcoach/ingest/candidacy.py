"""Candidacy over the store: new messages judged as they are stored, and what reading
order left open settled at the end of a pass (the pure part: :mod:`inboxcoach.core.candidacy`).

A message is a candidate when its headers tie it to a program (the addresses of a
program, or a platform or no-reply sender: :meth:`MatchIndex.may_belong`), or when it
replies, at any depth, to a candidate. New messages are judged as they are stored
(:class:`CandidateJudge`); :func:`update_candidates` settles what reading order left
open (a reply read before its parent) and decides everything again when the config
changed. Only candidates get their bodies read and analysed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from inboxcoach.config import Config
from inboxcoach.core.candidacy import (
    CANDIDATES_META,
    CandidateJudge,
    _follow_threads,
    candidates,
    candidates_stamp,
    walk_down,
)
from inboxcoach.core.matching import MatchIndex, match_index
from inboxcoach.store import Store

# Levels of a thread walked down by asking the store (cheap for the few replies a pass
# usually finds); deeper, the walk reads every thread once and goes on in memory, so a
# chain of thousands of replies costs one pass over the store, not one per reply.
QUERIED_LEVELS = 3


def update_candidates(store: Store, config: Config, index: MatchIndex) -> None:
    """Decide which new messages may belong to a program (all of them if the config changed).

    New messages arrive with their header candidacy already stored (``Sighting.candidate``),
    so only the undecided ones' thread headers are read: a pass with nothing new costs
    one small query. A new message replying to a candidate becomes one, and so does an
    older message replying to a new candidate.
    """
    if _decide_all_if_the_config_changed(store, config, index):
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
    levels = itertools.count(1)
    children: dict[str, list[str]] | None = None

    def older_replies(keys: set[str]) -> Iterable[str]:
        nonlocal children
        if children is None and next(levels) > QUERIED_LEVELS:  # a long thread: one pass, then memory
            children = store.thread_children()
        if children is None:
            return store.replies_to(keys)
        return [child for key in keys for child in children.get(key, ())]

    found = set(marked)
    walk_down(marked - known, older_replies, found)
    store.decide_candidates([key for key, _, _ in threads], found)


def _decide_all_if_the_config_changed(store: Store, config: Config, index: MatchIndex) -> bool:
    """Decide every stored message again if the config changed what candidacy depends
    on since the last decision; say whether it did."""
    stamp = candidates_stamp(config)
    if store.get_meta(CANDIDATES_META) == stamp:
        return False
    store.uncheck_all()
    unchecked = store.unchecked_envelopes()
    store.decide_candidates([env.key for env, _ in unchecked], candidates(unchecked, index))
    store.set_meta(CANDIDATES_META, stamp)
    return True


def prepare_candidates(store: Store, config: Config) -> CandidateJudge:
    """Before a pass: the stored decisions redone if the config changed, and the judge
    of the new messages, so they can be decided as they are stored. What an earlier
    pass left undecided (it was interrupted) is decided with this pass's new messages
    by :func:`update_candidates` at its end: the one thread walk of a pass."""
    index = match_index(config)
    _decide_all_if_the_config_changed(store, config, index)
    return CandidateJudge(index, store.candidate_keys)
