"""What a template keeps of a letter, for the mass-email and same-request rules.

:func:`normalize_for_fingerprint` drops the greeting, program names, titled names,
digits and calendar words; ``fingerprint`` is the SHA-1 of the result and
``minhash`` a 128-slot signature of its word 3-shingles, whose share of equal slots
estimates the Jaccard similarity of two letters (:meth:`Features.similarity`).

The signature is one-permutation hashing with optimal densification (Shrivastava,
ICML 2017): one 64-bit hash per shingle; its low 7 bits pick one of 128 bins and each
bin keeps the least of the rest; an empty bin takes the value of the first non-empty
bin along its own fixed probe sequence. Two slots are equal with probability exactly
the Jaccard similarity, as with 128 independent hash functions, for one hash per
shingle instead of 128.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from ..model import MIN_FINGERPRINT_WORDS, Program
from .base import Detector, Texts
from .program_names import replace_names
from .text import CHAR_MAP

__all__ = ["DETECTOR", "MINHASH_SIZE", "minhash", "normalize_for_fingerprint"]

MINHASH_SIZE = 128  # slots; the estimate's standard error is about 0.04 near 0.9
_BITS = MINHASH_SIZE.bit_length() - 1  # 7: the bin is the hash's low bits
_EMPTY = 1 << 64
_PERSON = b"inboxcoach-oph1"

# For each slot, the other bins in a fixed order: slot i probes i + k*step_i (mod 128),
# an odd step, so every bin is visited once. Fixed for all time: signatures stored by
# one run are compared with those of the next.
_PROBES: tuple[tuple[int, ...], ...] = tuple(
    tuple(
        (i + k * (2 * hashlib.blake2b(bytes([i]), digest_size=1, person=_PERSON).digest()[0] + 1))
        % MINHASH_SIZE
        for k in range(1, MINHASH_SIZE)
    )
    for i in range(MINHASH_SIZE)
)

# Whitespace for the fingerprint, as clean() makes it (the last step joins words by
# one space, so which whitespace it was does not matter).
_FLAT_MAP = {**CHAR_MAP, 0: " "}

_GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|hey|good\s+(?:morning|afternoon|evening|day)|greetings|to\s+whom\s+it\s+may\s+concern)"
    r"\b",
    re.I,
)
_GREETING_CUT = re.compile(r"[,:!]|\s-\s")
_TITLED_NAME = re.compile(
    r"\b(?:Dr|Drs|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s+(?:[A-Z][\w'-]*\.?\s+){0,2}[A-Z][\w'-]*"
)
_DIGITS = re.compile(r"[\d_]+")
_CALENDAR_WORDS = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|st|nd|rd|th)\b"
)
_PUNCTUATION = re.compile(r"[^\w\s]+")


def _drop_greeting(text: str) -> str:
    first, _, rest = text.partition("\n")
    if _GREETING.match(first) is None:
        return text
    cut = _GREETING_CUT.search(first)
    if cut is not None and cut.start() <= 80:
        return first[cut.end() :] + "\n" + rest
    return rest if len(first) <= 60 else text


def normalize_for_fingerprint(own_words: str, programs: Sequence[Program]) -> str:
    """Return the body reduced to what a template keeps: no greeting, names or digits.

    The greeting line is dropped, configured program names and aliases become one
    token, titled names ("Dr. Jane Smith") and calendar words (months, weekdays) are
    dropped, and the rest is lower-cased with digits and punctuation removed and
    whitespace collapsed.
    """
    text = _drop_greeting(own_words.translate(CHAR_MAP).lstrip())
    text = " ".join(text.translate(_FLAT_MAP).split())
    text = replace_names(text, programs, " programname ")
    if "Dr" in text or "Pro" in text or "M" in text:  # every titled name holds one
        text = _TITLED_NAME.sub(" ", text)
    text = _DIGITS.sub(" ", text.lower())
    text = _CALENDAR_WORDS.sub(" ", text)
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def detect(t: Texts) -> dict[str, Any]:
    """``fingerprint`` (SHA-1 of the normalized text) and ``minhash``; both empty when the
    normalized text has fewer than MIN_FINGERPRINT_WORDS words."""
    normalized = normalize_for_fingerprint(t.own_words, t.programs)
    words = normalized.split()
    if len(words) < MIN_FINGERPRINT_WORDS:
        return {"fingerprint": "", "minhash": ()}
    return {"fingerprint": hashlib.sha1(normalized.encode()).hexdigest(), "minhash": minhash(words)}


def minhash(words: Sequence[str]) -> tuple[int, ...]:
    """The 128-slot signature of the word 3-shingles of ``words`` (see the module)."""
    if len(words) < 3:
        shingles = {" ".join(words)}
    else:
        shingles = set(map(" ".join, zip(words, words[1:], words[2:])))
    bins = [_EMPTY] * MINHASH_SIZE
    mask = MINHASH_SIZE - 1
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    for shingle in shingles:
        h = from_bytes(blake2b(shingle.encode(), digest_size=8, person=_PERSON).digest(), "big")
        slot, value = h & mask, h >> _BITS
        if value < bins[slot]:
            bins[slot] = value
    if _EMPTY not in bins:
        return tuple(bins)
    signature = list(bins)
    for slot, value in enumerate(bins):
        if value == _EMPTY:
            signature[slot] = next(bins[j] for j in _PROBES[slot] if bins[j] != _EMPTY)
    return tuple(signature)


DETECTOR = Detector(name="fingerprint", side="out", fields=("fingerprint", "minhash"), needs=((),), detect=detect)
