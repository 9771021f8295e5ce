"""Required literals of a regular expression: the needles of the prefilter.

``required(pattern)`` reads the pattern's parse tree (the ``re`` module's own parser)
and returns groups of strings such that every match of the pattern contains at least
one string of EACH group. A text that lacks every string of some group cannot hold a
match, so a detector whose patterns all lack their needles has nothing to find and is
skipped; the needles are derived from the patterns themselves, so they never drift.

Only what can be proven is returned: anything the derivation does not understand
(a lookaround, a back-reference, a character class, an optional part) adds no
group, and a pattern with no group at all is "always run". Needles are lower case
and are looked up in :func:`fold`-ed text, which makes the test hold for
case-insensitive patterns too.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

_sre: Any
_sre_parse: Any
try:  # Python 3.11 to 3.13 keep re's parser here; a later version may move it
    _sre = importlib.import_module("re._constants")
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - no parser: every pattern is "always run"
    _sre = _sre_parse = None
# What re.IGNORECASE itself asks of a character: whether it has case variants (None:
# unknown, and then no non-ASCII needle under IGNORECASE).
_unicode_iscased: Callable[[int], bool] | None = getattr(importlib.import_module("_sre"), "unicode_iscased", None)

__all__ = ["Needs", "fold", "needs_key", "required"]

Needs = tuple[frozenset[str], ...]
"""A conjunction of groups: a match contains one string of every group. () = unknown."""

# Characters outside ASCII that re.IGNORECASE matches with an ASCII letter
# (tests/detectors/test_needles.py checks this against every code point).
SPECIAL_CASES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}

# Words so common that a group made of them does not narrow anything (in normalized text
# every program name reads "the program").
_COMMON = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "do", "for", "from", "have", "i", "if", "in", "is", "it", "me", "my", "no", "not", "of", "on", "or", "our", "please", "program", "programs", "so", "thank", "that", "the", "this", "to", "was", "we", "will", "with", "would", "you", "your"]
)
_RARE = frozenset("#?%[]{}<>_|@\u2026")  # characters few letters hold: needles on their own
_SELECTIVE = 3  # a group whose every needle weighs this much is worth a place in the automaton
_CLAUSES = 3  # at most this many groups are drawn from one alternation


def fold(text: str) -> str:
    """``text`` lower-cased, with the few non-ASCII letters that ``re.IGNORECASE``
    equates with ASCII ones ("ſ", "K", "ı", "İ") made ASCII: a needle of any pattern,
    case-sensitive or not, occurs in ``fold(text)`` wherever the pattern matches."""
    if text.isascii():
        return text.lower()
    for char, letter in SPECIAL_CASES.items():
        if char in text:
            text = text.replace(char, letter)
    return text.lower()


def needs_key(pattern: re.Pattern[str]) -> str:
    """A short name of ``pattern`` (its text and flags) for a table of needles derived
    ahead (:mod:`inboxcoach.detectors.needle_table`)."""
    return hashlib.sha1(f"{pattern.flags}\n{pattern.pattern}".encode("utf-8", "surrogatepass")).hexdigest()[:24]


def required(pattern: re.Pattern[str]) -> Needs:
    """Groups of lower-case strings, every match of ``pattern`` holding one of each group.

    The most selective group comes first. ``()`` when nothing can be proven (the
    pattern must then always run)."""
    if _sre_parse is None:  # pragma: no cover
        return ()
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unknown parser shape: always run
        return ()
    groups = _sequence(list(tree), bool(pattern.flags & re.IGNORECASE))
    return _choose(groups)


def _weight(needle: str) -> int:
    word = needle.strip()
    if word in _COMMON:
        return 0
    if len(word) < _SELECTIVE and word and all(c in _RARE for c in word):
        return _SELECTIVE
    return len(word)


def _score(group: frozenset[str]) -> int:
    return min(_weight(n) for n in group)


def _long(needle: str) -> bool:
    word = needle.strip()
    return len(word) >= _SELECTIVE or (bool(word) and all(c in _RARE for c in word))


def _choose(groups: Sequence[frozenset[str]]) -> Needs:
    """The groups worth looking for, best first: all whose needles are long enough and
    uncommon enough to be rare in a letter (each narrows the others further), or else
    the best one."""
    unique = sorted(set(groups), key=lambda g: (-_score(g), len(g), sorted(g)))
    if not unique:
        return ()
    usable = [g for g in unique if all(_long(n) and _weight(n) for n in g)]
    return tuple(usable) if usable else (unique[0],)


def _reduce(strings: Iterable[str]) -> frozenset[str] | None:
    """The strings lower-cased, without those that contain a shorter one (its presence
    already answers); None when a string cannot be looked up in folded text."""
    out: list[str] = []
    for s in sorted({x.lower() for x in strings}, key=len):
        if not s or not all(c.isascii() or (c.lower() == c == c.upper()) for c in s):
            return None
        if not any(o in s for o in out):
            out.append(s)
    return frozenset(out)


def _exact_under_ignorecase(value: str) -> bool:
    """Whether re.IGNORECASE matches ``value`` only as written or in ASCII case variants
    (which :func:`fold` handles): true unless it holds a non-ASCII letter with case."""
    return all(c.isascii() or (_unicode_iscased is not None and not _unicode_iscased(ord(c))) for c in value)


def _literal(value: str, icase: bool) -> frozenset[str] | None:
    if icase and not _exact_under_ignorecase(value):
        return None  # case variants of non-ASCII letters are not folded
    return _reduce([value])


def _literal_run(value: str, icase: bool) -> list[frozenset[str]]:
    """A run of literals as groups: under IGNORECASE cut around the letters that
    :func:`fold` cannot handle ("café" needs "caf")."""
    pieces = [value]
    if icase and not _exact_under_ignorecase(value):
        pieces = "".join(c if _exact_under_ignorecase(c) else "\x00" for c in value).split("\x00")
    return [g for g in (_literal(p, icase) for p in pieces if p) if g]


def _sequence(items: list[tuple[Any, Any]], icase: bool) -> list[frozenset[str]]:
    """Groups required by a sequence of parse nodes: each node's, and each run of literals.

    A run of literals next to an alternation is glued to the literals each alternative
    starts (or ends) with: the parser turns "rank|rol" into "r" + "ank|ol", and "r"
    alone would narrow nothing."""
    tokens: list[tuple[str, Any, Any]] = []  # ("lit", text, None) or ("node", op, av)
    for op, av in items:
        if op is _sre.LITERAL:
            if tokens and tokens[-1][0] == "lit":
                tokens[-1] = ("lit", tokens[-1][1] + chr(av), None)
            else:
                tokens.append(("lit", chr(av), None))
        else:
            tokens.append(("node", op, av))
    groups: list[frozenset[str]] = []
    glued: set[int] = set()  # literal tokens already part of a glued group
    for index, (kind, op, av) in enumerate(tokens):
        if kind == "lit" or op is not _sre.BRANCH:
            continue
        before = tokens[index - 1][1] if index > 0 and tokens[index - 1][0] == "lit" else ""
        after = tokens[index + 1][1] if index + 1 < len(tokens) and tokens[index + 1][0] == "lit" else ""
        if not before and not after:
            continue
        edges = [_edges(list(branch)) for branch in av[1]]
        if all(whole for _, _, whole in edges):
            strings = [before + lead + after for lead, _, _ in edges]
        elif before:
            strings, after = [before + lead for lead, _, _ in edges], ""
        else:
            strings, before = [trail + after for _, trail, _ in edges], ""
        group = _reduce(strings) if not icase or all(_exact_under_ignorecase(x) for x in strings) else None
        if group:
            groups.append(group)
            glued.update(i for i, used in ((index - 1, before), (index + 1, after)) if used)
    for index, (kind, op, av) in enumerate(tokens):
        if kind == "lit":
            if index not in glued:
                groups.extend(_literal_run(op, icase))
        else:
            groups.extend(_node(op, av, icase))
    return groups


def _edges(branch: list[tuple[Any, Any]]) -> tuple[str, str, bool]:
    """The literals an alternative starts and ends with, and whether it is only literals."""
    lead = ""
    for op, av in branch:
        if op is not _sre.LITERAL:
            break
        lead += chr(av)
    trail = ""
    for op, av in reversed(branch):
        if op is not _sre.LITERAL:
            break
        trail = chr(av) + trail
    return lead, trail, len(lead) == len(branch)


def _node(op: Any, av: Any, icase: bool) -> list[frozenset[str]]:
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        inner = (icase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _sequence(list(sub), inner)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(list(av), icase)
    if op is _sre.BRANCH:
        # Each alternative needs all of its groups; a group drawn from every
        # alternative (its k-th best) is then needed by the alternation.
        options = [_choose(_sequence(list(branch), icase)) for branch in av[1]]
        if not all(options):
            return []  # one alternative needs nothing: the choice needs nothing
        out = []
        for k in range(min(_CLAUSES, max(len(o) for o in options))):
            group = _reduce(s for o in options for s in o[min(k, len(o) - 1)])
            if group:
                out.append(group)
        return out
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, sub = av
        if low < 1:
            return []
        sub = list(sub)
        if all(o is _sre.LITERAL for o, _ in sub):  # "x{3,}" holds "xxx"
            group = _literal("".join(chr(c) for _, c in sub) * low, icase)
            return [group] if group else []
        return _sequence(sub, icase)
    if op is _sre.IN:
        if len(av) <= 4 and all(o is _sre.LITERAL for o, _ in av):  # [.!?], not [^...] or ranges
            chars = "".join(chr(c) for _, c in av)
            group = _reduce(chars) if not icase or _exact_under_ignorecase(chars) else None
            return [group] if group else []
        return []
    return []  # AT, ANY, NOT_LITERAL, lookarounds, back-references: no needle
