"""The applicant's words as written: a stored phrase found again in the message.

Detectors match normalized text (lower case, contractions expanded, program names
replaced by "the program"), so the phrases they keep are lower-cased and may read
"i am" where the letter said "I'm". A finding quotes the applicant's own words, so
each phrase is looked up in the cleaned text (case and contractions as written):
its words in order, any punctuation or space between them, a contraction for its
expanded form, a program's name for "the program". Not found (it should be), the
phrase stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from inboxcoach.core.model import Program

# the expanded word after a word, and what the letter may have written instead
_SHORT = {"am": "'m", "are": "'re", "is": "'s", "will": "'ll", "would": "'d", "have": "'ve", "not": "n't"}
_TOKEN = re.compile(r"\w+|[^\w\s]")


@lru_cache(maxsize=4096)
def _pattern(phrase: str, names: tuple[str, ...]) -> re.Pattern[str] | None:
    tokens = _TOKEN.findall(phrase)
    if not tokens:
        return None
    pieces: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (token, following) == ("the", "program"):
            alternatives = ["the\\W+program", *(r"\W+".join(map(re.escape, name.split())) for name in names)]
            pieces.append("(?:" + "|".join(alternatives) + ")")
            i += 2
            continue
        if (token, following) == ("will", "not"):
            pieces.append(r"(?:will\W+not|won't)")
            i += 2
            continue
        if (token, following) == ("can", "not"):
            pieces.append(r"(?:can\W*not|can't)")
            i += 2
            continue
        if following in _SHORT and token.isalpha():
            pieces.append(f"{re.escape(token)}(?:\\W+{following}|{re.escape(_SHORT[following])})")
            i += 2
            continue
        pieces.append(re.escape(token) + (r"\.?" if token.isalpha() else ""))
        i += 1
    try:
        return re.compile(r"\W*".join(pieces), re.IGNORECASE)
    except re.error:
        return None


def as_written(phrase: str, text: str, programs: Sequence[Program]) -> str:
    """``phrase`` as ``text`` writes it (whitespace collapsed), or ``phrase`` itself."""
    names = tuple(sorted({label for p in programs for label in (p.name, *p.aliases)}, key=len, reverse=True))
    pattern = _pattern(phrase, names)
    found = pattern.search(text) if pattern is not None else None
    return " ".join(found.group(0).split()) if found else phrase


def written_pairs(phrases: Iterable[str], text: str, programs: Sequence[Program]) -> tuple[tuple[str, str], ...]:
    """(phrase, as written) for each phrase the letter writes otherwise than it is stored."""
    pairs: dict[str, str] = {}
    for phrase in phrases:
        if phrase not in pairs:
            written = as_written(phrase, text, programs)
            if written != phrase:
                pairs[phrase] = written
    return tuple(pairs.items())
