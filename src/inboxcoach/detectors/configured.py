"""What is built once per configuration's programs (name automata, matchers)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from inboxcoach.core.model import Program

__all__ = ["per_programs"]

T = TypeVar("T")
_PER_PROGRAMS = 16  # configurations remembered (a test run makes many; a pass uses one)


def per_programs(build: Callable[[tuple[Program, ...]], T]) -> Callable[[tuple[Program, ...]], T]:
    """``build`` made once per configuration's programs, and found again by the tuple's
    identity first: hashing the tuple hashes every field of every program (3 us for
    25 programs), and a message asks for it several times. Another tuple that is equal
    finds the same value by equality, as ``lru_cache`` would."""
    by_value = functools.lru_cache(maxsize=_PER_PROGRAMS)(build)
    by_identity: dict[int, tuple[tuple[Program, ...], T]] = {}  # the tuple kept: its id stays its own

    @functools.wraps(build)
    def get(programs: tuple[Program, ...]) -> T:
        known = by_identity.get(id(programs))
        if known is not None and known[0] is programs:
            return known[1]
        value = by_value(programs)
        if len(by_identity) >= _PER_PROGRAMS:
            by_identity.clear()
        by_identity[id(programs)] = (programs, value)
        return value

    return get
