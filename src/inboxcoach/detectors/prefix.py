"""Patterns rewritten so that Python's ``re`` can skip ahead to where a match may start.

``re`` searches a text fast only when a pattern starts with a literal (it then looks
for that literal, or for the first characters of a leading alternation); a leading
``\\b`` hides the literal behind it, and the pattern is tried at every position of
the text: ``\\bno\\s+other\\b`` costs 52 µs on a 3 KB letter, ``no(?<!\\wn)...`` 4.5 µs.

:func:`prefixed` moves such a leading ``\\b`` behind the first character:
``\\bword`` becomes ``w(?<!\\ww)ord`` and ``\\b(?:yes|no)`` becomes
``(?:y(?<!\\wy)es|n(?<!\\wn)o)``. Before a word character, ``\\b`` says exactly that
the character before is not a word character, which the lookbehind says once that
character is read: the matches, their spans and their groups are the same (the
tests compare them on generated text). Anything else is returned unchanged.

:func:`scanner` gives the rewritten twin of a compiled pattern. The detectors keep
their patterns as written: the prefilter derives its needles from them.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["prefixed", "scanner"]

_QUANTIFIERS = frozenset("?*+{")
_GROUP_OPENERS = ("(?:", "(")


def prefixed(pattern: str, flags: int = 0) -> str:
    """``pattern`` with a leading ``\\b`` moved behind the literal it stands before
    (in every alternative of a leading group); unchanged where that is not sure."""
    if flags & (re.IGNORECASE | re.VERBOSE) or not pattern.startswith(r"\b"):
        return pattern
    rest = pattern[2:]
    for opener in _GROUP_OPENERS:
        if rest.startswith(opener) and not (opener == "(" and rest.startswith("(?")):
            return _prefixed_group(rest, opener) or pattern
    return _lead(rest) or pattern


@cache
def scanner(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The compiled :func:`prefixed` form of ``pattern`` (itself when nothing moves)."""
    rewritten = prefixed(pattern.pattern, pattern.flags)
    return pattern if rewritten == pattern.pattern else re.compile(rewritten, pattern.flags)


def _prefixed_group(rest: str, opener: str) -> str | None:
    end = _group_end(rest)
    if end is None or rest[end + 1 : end + 2] in _QUANTIFIERS:
        return None
    alternatives = _alternatives(rest[len(opener) : end])
    if alternatives is None:
        return None
    led = [_lead(a) for a in alternatives]
    if any(a is None for a in led):
        return None
    return opener + "|".join(a for a in led if a is not None) + rest[end:]


def _lead(text: str) -> str | None:
    """``text`` (which a ``\\b`` stood before) with that boundary as a lookbehind after
    its first character, when that is an ASCII letter or digit that no quantifier
    follows; else None."""
    if not text or not (text[0].isascii() and text[0].isalnum()) or text[1:2] in _QUANTIFIERS:
        return None
    first = text[0]
    return f"{first}(?<!\\w{first}){text[1:]}"


def _skip(text: str, i: int) -> int | None:
    """The index after the escape or character class at ``text[i]``, or None if
    ``text[i]`` is neither."""
    if text[i] == "\\":
        return i + 2
    if text[i] != "[":
        return None
    j = i + 1
    if text[j : j + 1] == "^":
        j += 1
    if text[j : j + 1] == "]":  # a "]" first in a class is a member
        j += 1
    while j < len(text) and text[j] != "]":
        j += 2 if text[j] == "\\" else 1
    return j + 1


def _group_end(text: str) -> int | None:
    """The index of the ")" that closes the group opened at ``text[0]``."""
    depth = 0
    i = 0
    while i < len(text):
        skipped = _skip(text, i)
        if skipped is not None:
            i = skipped
            continue
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _alternatives(body: str) -> list[str] | None:
    """The top-level alternatives of a group's body; None if its parentheses do not pair."""
    found: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(body):
        skipped = _skip(body, i)
        if skipped is not None:
            i = skipped
            continue
        char = body[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            found.append(body[start:i])
            start = i + 1
        i += 1
    if depth:
        return None
    found.append(body[start:])
    return found
