"""One pass over a text that tells which patterns could match in it.

Every pattern's needles (:mod:`.needles`) go into one Aho-Corasick automaton
(ahocorasick-rs). :meth:`NeedleIndex.scan` runs it once over the folded text and
answers, for any pattern, whether all of its needle groups occur: when one does
not, the pattern cannot match anywhere in the text (nor in any part of it), and
running it would find nothing. ``scan(text, everything=True)`` answers yes to all,
which is how the tests compare the prefiltered analysis with the full one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence

from ahocorasick_rs import AhoCorasick  # type: ignore[import-not-found, unused-ignore]

from inboxcoach.core.needles import Needs, fold, needs_key, required

__all__ = ["NeedleIndex", "Scan"]

Table = Sequence[re.Pattern[str]]


class Scan:
    """Which needles one text holds, and so which patterns may match in it (or in a part)."""

    __slots__ = ("_cache", "_found", "_index", "_present", "everything")

    def __init__(
        self, index: NeedleIndex, present: set[int] | None, found: list[tuple[int, int, int]] | None = None
    ) -> None:
        self._index = index
        self._present = present
        self._found = found  # (needle id, start, end) of every occurrence; None: positions unknown
        self._cache: dict[int, tuple[re.Pattern[str], bool]] = {}  # by id: see NeedleIndex.groups
        self.everything = present is None

    def possible(self, pattern: re.Pattern[str]) -> bool:
        """False when ``pattern`` surely has no match in the scanned text."""
        present = self._present
        if present is None:
            return True
        known = self._cache.get(id(pattern))
        if known is not None and known[0] is pattern:
            return known[1]
        answer = True
        for group in self._index.groups(pattern):  # loops, not all(): asked ~100 times a message
            if group.isdisjoint(present):
                answer = False
                break
        self._cache[id(pattern)] = (pattern, answer)
        return answer

    def any(self, table: Table) -> bool:
        """Whether any pattern of ``table`` may match."""
        for pattern in table:  # noqa: SIM110 - a loop: any() over a generator costs a third more here
            if self.possible(pattern):
                return True
        return False

    def all(self, *tables: Table) -> bool:
        """Whether every table has a pattern that may match (cues needed together)."""
        for table in tables:  # noqa: SIM110 - as in any()
            if not self.any(table):
                return False
        return True

    def touches(self, *tables: Table) -> bool:
        """A cheaper, looser :meth:`all`: whether every table has at least one needle of
        one of its patterns in the text (a table with a pattern of no needles always
        has). Never false where :meth:`all` is true; for judging many short parts."""
        present = self._present
        if present is None:
            return True
        for table in tables:
            needles = self._index.table_needles(table)
            if needles is not None and needles.isdisjoint(present):
                return False
        return True

    def parts(self, spans: Sequence[tuple[int, int]]) -> list[Scan]:
        """The scans of the parts ``text[start:end]`` (sorted, not overlapping): each holds
        the needles that lie wholly inside its part, so a pattern run on that part alone
        may match only if its scan says so. Without positions, each part gets this scan."""
        if self._present is None or self._found is None:
            return [self] * len(spans)
        present: list[set[int]] = [set() for _ in spans]
        starts = [start for start, _ in spans]
        for needle, start, end in self._found:
            k = bisect_right(starts, start) - 1
            if k >= 0 and end <= spans[k][1]:
                present[k].add(needle)
        return [Scan(self._index, p) for p in present]

    def active(self, table: Table) -> tuple[re.Pattern[str], ...]:
        """The patterns of ``table`` that may match, in their order. Running only these
        finds exactly what running all would: the others have no match."""
        return tuple(p for p in table if self.possible(p))


class NeedleIndex:
    """The needles of a fixed set of patterns in one automaton."""

    def __init__(self, patterns: Iterable[re.Pattern[str]], known: Mapping[str, Needs] | None = None) -> None:
        """``known``: needles derived ahead, by :func:`.needles.needs_key` (deriving them
        parses the pattern: 0.4 ms each); a pattern not in it is derived here."""
        ids: dict[str, int] = {}
        self._groups: dict[re.Pattern[str], tuple[frozenset[int], ...]] = {}
        # The same by the pattern's identity. A compiled pattern hashes its whole compiled
        # code on every lookup, uncached: 31 us for the request detector's (16 KB of
        # expression), asked about many times per message. Every pattern asked about is
        # kept here: the detectors ask about their constant tables only.
        self._by_id: dict[int, tuple[re.Pattern[str], tuple[frozenset[int], ...]]] = {}
        # by the table's identity: tables are constants, asked about per sentence
        self._tables: dict[int, tuple[Table, frozenset[int] | None]] = {}
        for pattern in patterns:
            if pattern in self._groups:
                continue
            groups = known.get(needs_key(pattern)) if known else None
            if groups is None:
                groups = required(pattern)
            self._groups[pattern] = tuple(
                frozenset(ids.setdefault(needle, len(ids)) for needle in group) for group in groups
            )
        self.needles = tuple(ids)  # by id
        self._automaton = AhoCorasick(list(self.needles)) if self.needles else None

    def table_needles(self, table: Table) -> frozenset[int] | None:
        """Every needle id of every pattern of ``table``; None when one of its patterns
        has no needles (it may match anywhere)."""
        known = self._tables.get(id(table))
        if known is not None and known[0] is table:  # the table itself, not one since made at its address
            return known[1]
        groups = [self.groups(p) for p in table]
        needles = None if any(not g for g in groups) else frozenset(i for g in groups for group in g for i in group)
        self._tables[id(table)] = (table, needles)
        return needles

    def groups(self, pattern: re.Pattern[str]) -> tuple[frozenset[int], ...]:
        """The needle-id groups of ``pattern``; () (always run) for a pattern not indexed."""
        known = self._by_id.get(id(pattern))
        if known is not None and known[0] is pattern:  # the pattern itself, not one since made at its address
            return known[1]
        groups = self._groups.get(pattern, ())
        self._by_id[id(pattern)] = (pattern, groups)
        return groups

    def needs(self, pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
        """The needle groups of ``pattern`` as strings (for tests and reports)."""
        return tuple(frozenset(self.needles[i] for i in group) for group in self.groups(pattern))

    def scan(self, text: str, *, everything: bool = False) -> Scan:
        """Look for every needle in ``text`` at once (overlapping matches included)."""
        if everything:
            return Scan(self, None)
        if self._automaton is None or not text:
            return Scan(self, set(), [])
        folded = fold(text)
        found = self._automaton.find_matches_as_indexes(folded, overlapping=True)
        present = {i for i, _, _ in found}
        if len(folded) != len(text):  # "İ" folds to two characters: positions are lost
            return Scan(self, present)
        return Scan(self, present, found)
