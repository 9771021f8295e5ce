"""Helpers every detector uses to turn pattern matches into findings.

A finding is a short lower-case phrase (:func:`phrase`). :func:`find` runs a table of
patterns over a text and keeps the matches no guard vetoes, without overlaps;
:func:`sentences` splits normalized text once (cached), for the detectors that need
several cues in one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from inboxcoach.detectors.prefix import scanner

__all__ = [
    "CLAUSE_BREAK",
    "NEGATOR",
    "SENTENCE_END",
    "DisjointSpans",
    "Guard",
    "any_match",
    "clause_before",
    "find",
    "is_question",
    "last_words",
    "merge",
    "negated",
    "one_pass",
    "phrase",
    "sentence_at",
    "sentences",
    "span",
    "table",
]

PHRASE_MAX = 80

SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
CLAUSE_BREAK = re.compile(r"[.!?;:,()\n]|\s-\s|\b(?:but|however|although|though|while)\b")
NEGATOR = re.compile(
    r"\b(?:not|never|no longer|nor|unable|unsure|uncertain|whether|hardly|"
    r"prohibit\w*|forbid\w*|without|neither)\b"
)

Guard = Callable[[str, "re.Match[str]"], bool]


def phrase(raw: str) -> str:
    """A match as stored evidence: lower case, whitespace collapsed, at most 80 characters."""
    text = " ".join(raw.lower().split()).strip(" ,.;:")
    if len(text) > PHRASE_MAX:
        text = text[:PHRASE_MAX].rsplit(" ", 1)[0]
    return text


def clause_before(text: str, start: int) -> str:
    """The clause of ``text`` that ends at ``start`` (at most 240 characters)."""
    window = text[max(0, start - 240) : start]
    cut = 0
    for m in CLAUSE_BREAK.finditer(window):
        cut = m.end()
    return window[cut:]


def last_words(text: str, start: int, n: int) -> str:
    """The last ``n`` words of the clause before ``start``."""
    return " ".join(clause_before(text, start).split()[-n:])


SENTENCE_MAX = 1000  # characters looked at after a match for the end of its sentence


def is_question(text: str, end: int) -> bool:
    """Whether the sentence around ``end`` ends with a question mark (looked for in
    the next ``SENTENCE_MAX`` characters: a text without sentence ends costs each
    match that much, not the rest of the text)."""
    m = SENTENCE_END.search(text, end, end + SENTENCE_MAX)
    return m is not None and m.group(0) == "?"


def negated(text: str, start: int, n: int = 4) -> bool:
    """Whether a negator stands in the ``n`` words before ``start`` (same clause)."""
    return bool(NEGATOR.search(last_words(text, start, n)))


class DisjointSpans:
    """Non-empty spans of a text that never overlap, kept sorted: whether a new one
    overlaps none is two comparisons after a binary search, so a text with thousands
    of matches costs n log n, not n squared."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps no span taken so far."""
        spans = self._spans
        i = bisect_left(spans, (start,))
        return not ((i < len(spans) and spans[i][0] < end) or (i > 0 and spans[i - 1][1] > start))

    def take(self, start: int, end: int) -> bool:
        """Add ``[start, end)`` if it overlaps no span taken so far; say whether it did."""
        if not self.free(start, end):
            return False
        insort(self._spans, (start, end))
        return True


def find(
    text: str,
    patterns: Iterable[re.Pattern[str]],
    *,
    in_questions: bool = True,
    negated_ok: bool = True,
    guard: Guard | None = None,
) -> tuple[str, ...]:
    """Matched phrases, in text order, skipping overlaps and guarded look-alikes.

    ``in_questions=False`` drops matches inside a question; ``negated_ok=False`` drops
    matches with a negator in the few words before them; ``guard`` may veto any.
    A pattern without a match changes nothing, so a table may be passed prefiltered.
    """
    spans = DisjointSpans()  # the matches kept
    found: list[tuple[int, str]] = []
    for pattern in patterns:
        for m in scanner(pattern).finditer(text):
            if not spans.free(m.start(), m.end()):
                continue
            if not in_questions and is_question(text, m.end()):
                continue
            if not negated_ok and negated(text, m.start()):
                continue
            if guard is not None and not guard(text, m):
                continue
            spans.take(m.start(), m.end())
            found.append((m.start(), phrase(m.group(0))))
    found.sort()
    return tuple(dict.fromkeys(p for _, p in found))  # each phrase once, in text order


def any_match(text: str, patterns: Iterable[re.Pattern[str]], *, negated_ok: bool = True) -> bool:
    """Whether ``find`` would find anything: the first match it keeps answers."""
    return any(
        negated_ok or not negated(text, m.start()) for pattern in patterns for m in scanner(pattern).finditer(text)
    )


Sentence = tuple[int, str, bool]


@lru_cache(maxsize=8)
def sentences(text: str) -> tuple[Sentence, ...]:
    """(offset, sentence, is_question) for each sentence of normalized text."""
    out: list[Sentence] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        if text[start : m.start()].strip():
            out.append((start, text[start : m.end()], m.group(0) == "?"))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:], False))
    return tuple(out)


def sentence_at(text: str, position: int) -> str:
    """The sentence of ``text`` that contains ``position`` (the whole text when none does)."""
    for offset, sentence, _ in sentences(text):
        if offset <= position < offset + len(sentence):
            return sentence
    return text


def span(sentence: str, matches: Sequence[re.Match[str]]) -> str:
    """The phrase from the first cue to the last: the stored evidence."""
    return phrase(sentence[min(m.start() for m in matches) : max(m.end() for m in matches)])


MERGED_MAX = 200  # phrases merge keeps: far more than a field keeps (analysis.MAX_PHRASES)


def merge(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases of all groups in order, without one that contains or is inside
    another; the first ``MERGED_MAX`` (each is compared with every one kept, so a text
    with thousands of distinct phrases must not make that quadratic)."""
    out: list[str] = []
    for p in (p for group in groups for p in group):
        if p not in out and not any(p in o or o in p for o in out):
            out.append(p)
            if len(out) >= MERGED_MAX:
                break
    return tuple(out)


def table(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """Compiled patterns, each a finding on its own (run one by one, in order)."""
    return tuple(re.compile(p) for p in patterns)


def one_pass(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """The alternatives as ONE compiled pattern: one pass over a body instead of one per
    alternative (the per-pass cost dominates: eleven passes cost about five times one)."""
    return (re.compile("|".join(f"(?:{p})" for p in patterns)),)
