"""Patterns rewritten so that Python's ``re`` can skip ahead to where a match may start.

``re`` searches a text fast only when a pattern starts with a literal (it then looks
for that literal, or for the first characters of a leading alternation); a leading
``\\b`` hides the literal behind it, and the pattern is tried at every position of
the text: ``\\bno\\s+other\\b`` costs 52 µs on a 3 KB letter, ``no(?<!\\wn)...`` 4.5 µs.

:func:`prefixed` moves such a leading ``\\b`` behind the letters it stands before:
``\\bword`` becomes ``word(?<!\\wword)`` and ``\\b(?:yes|no)`` becomes
``(?:yes(?<!\\wyes)|no(?<!\\wno))``. Before a word character, ``\\b`` says exactly that
the character before is not a word character, which the lookbehind says once the
letters are read: the matches, their spans and their groups are the same (the tests
compare them on generated text). re then looks for the letters (or, for a group, for
its first letters) and tries the pattern only there. Anything else is returned
unchanged, and so is a pattern whose branches start with many different letters.

:func:`scanner` gives the rewritten twin of a compiled pattern. The detectors keep
their patterns as written: the prefilter derives its needles from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["prefixed", "scanner"]

_QUANTIFIERS = frozenset("?*+{")


def prefixed(pattern: str, flags: int = 0) -> str:
    """``pattern`` with each leading ``\\b`` moved behind the literal it stands before;
    unchanged where that is not sure or would not let ``re`` skip ahead (see the module)."""
    if flags & (re.IGNORECASE | re.VERBOSE):
        return pattern
    branches = _alternatives(pattern)
    if branches is None:
        return pattern
    rewritten: list[str] = []
    letters: set[str] = set()
    for branch in branches:
        led = _prefixed_branch(branch, alone=len(branches) == 1)
        if led is None:
            return pattern
        rewritten.append(led[0])
        letters |= led[1]
    if len(letters) > MAX_FIRST_LETTERS:
        return pattern
    return "|".join(rewritten)


# A pattern whose branches start with more letters than this is left as it is: re
# then stops at nearly every letter of an English text, and the lookbehinds cost more
# than the one \b did (measured on the bench's letters: "january|february|..." ran
# 1.5 times slower rewritten, "my|our" twice as fast).
MAX_FIRST_LETTERS = 4


def scanner(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The compiled :func:`prefixed` form of ``pattern`` (itself when nothing moves).
    Made once per pattern and kept: for the detectors' patterns, which are constants (a
    pattern compiled per message would stay in the cache for good)."""
    known = _SCANNERS.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    twin = pattern
    rewritten = prefixed(pattern.pattern, pattern.flags)
    if rewritten != pattern.pattern:
        try:
            compiled = re.compile(rewritten, pattern.flags)
        except re.error:  # a pattern the splitting above misread: keep it as it is
            compiled = pattern
        if compiled.groups == pattern.groups and compiled.groupindex == pattern.groupindex:
            twin = compiled
    _SCANNERS[id(pattern)] = (pattern, twin)
    return twin


# By the pattern's identity, which it keeps alive: a compiled pattern hashes all of its
# compiled code on every dict lookup (31 us for the largest of the detectors').
_SCANNERS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _prefixed_branch(branch: str, *, alone: bool) -> tuple[str, set[str]] | None:
    """One top-level branch that starts with ``\\b``, rewritten, and the letters it may
    now start with; None if it cannot be. A leading group is split only in a pattern
    of one branch: re skips ahead to a branch that starts with a letter, not with a group."""
    if not branch.startswith(r"\b"):
        return None
    rest = branch[2:]
    if not rest.startswith("("):
        led = _lead(rest)
        return None if led is None else (led, {rest[0]})
    opener = "(?:" if rest.startswith("(?:") else "(" if not rest.startswith("(?") else None
    end = _group_end(rest)
    if not alone or opener is None or end is None or rest[end + 1 : end + 2] in _QUANTIFIERS:
        return None
    alternatives = _alternatives(rest[len(opener) : end])
    if alternatives is None:
        return None
    led_alternatives = [_lead(a) for a in alternatives]
    if any(a is None for a in led_alternatives):
        return None
    return opener + "|".join(a for a in led_alternatives if a is not None) + rest[end:], {a[0] for a in alternatives}


def _lead(text: str) -> str | None:
    """``text`` (which a ``\\b`` stood before) with that boundary as a lookbehind after
    the run of ASCII letters and digits it starts with (none of them quantified), so
    that re can look for the whole run; None when it does not start with one."""
    run = 0
    while run < len(text) and text[run].isascii() and text[run].isalnum():
        run += 1
    if run and text[run : run + 1] in _QUANTIFIERS:
        run -= 1  # "houses?": the last letter is optional
    if run == 0:
        return None
    literal = text[:run]
    return f"{literal}(?<!\\w{literal}){text[run:]}"


def _structure(text: str) -> Iterator[tuple[int, str]]:
    """(index, character) of the characters of ``text`` outside escapes and character
    classes: the ones whose parentheses and bars give the pattern its shape."""
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
        elif char == "[":
            i += 1
            if text[i : i + 1] == "^":
                i += 1
            if text[i : i + 1] == "]":  # a "]" first in a class is a member
                i += 1
            while i < len(text) and text[i] != "]":
                i += 2 if text[i] == "\\" else 1
            i += 1
        else:
            yield i, char
            i += 1


def _nesting(text: str) -> Iterator[tuple[int, str, int]]:
    """:func:`_structure` with the depth of parentheses after each character."""
    depth = 0
    for i, char in _structure(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        yield i, char, depth


def _group_end(text: str) -> int | None:
    """The index of the ")" that closes the group opened at ``text[0]``."""
    return next((i for i, char, depth in _nesting(text) if char == ")" and depth == 0), None)


def _alternatives(body: str) -> list[str] | None:
    """The top-level alternatives of a group's body; None if its parentheses do not pair."""
    found: list[str] = []
    start = depth = 0
    for i, char, depth in _nesting(body):
        if depth < 0:
            return None
        if char == "|" and depth == 0:
            found.append(body[start:i])
            start = i + 1
    if depth:
        return None
    found.append(body[start:])
    return found
