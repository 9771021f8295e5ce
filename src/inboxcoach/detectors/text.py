"""The text the detectors read: cleaned, then normalized.

:func:`clean` straightens curly quotes and dashes and collapses whitespace (paragraphs
become one newline). :func:`normalize` lower-cases, expands contractions ("I'm" ->
"i am", "didn't" -> "did not") and drops abbreviation periods ("Dr." -> "dr") so that
sentences split cleanly. Every pattern of a detector runs on normalized text unless
its module says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ahocorasick_rs import AhoCorasick  # type: ignore[import-not-found, unused-ignore]

from inboxcoach.detectors.prefix import prefixed

__all__ = ["CHAR_MAP", "CHAR_PAIRS", "clean", "normalize", "replace_chars", "replacements", "word_count"]

CHAR_MAP = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "", "\ufeff": "",
        "\uff03": "#", "\u2116": "no ",
    }
)


def replacements(table: Mapping[int, str | None]) -> tuple[tuple[str, str], ...]:
    """A ``str.maketrans`` table as (character, replacement) pairs for :func:`replace_chars`."""
    return tuple((chr(k), v or "") for k, v in table.items())


def replace_chars(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text.translate(table)`` for a table whose replacements hold none of its own
    characters, by one ``str.replace`` per character present: translate() looks up
    every character of a non-ASCII text in the table (about 0.15 ms per 3 KB)."""
    for char, replacement in pairs:
        if char in text:
            text = text.replace(char, replacement)
    return text


CHAR_PAIRS = replacements(CHAR_MAP)

# (pattern, replacement, a piece of text every match contains, or pieces one of which
# every match contains: none of them, no search)
CONTRACTION_RULES: tuple[tuple[str, str, str | tuple[str, ...]], ...] = (
    (r"\bwon't\b", "will not", "n't"),
    (r"\bcan't\b", "can not", "n't"),
    (r"\bcannot\b", "can not", "cannot"),
    (r"\bshan't\b", "shall not", "n't"),
    (r"\bain't\b", "is not", "n't"),
    (r"\b(\w+)n't\b", r"\1 not", "n't"),
    (r"\b(i)'m\b", r"\1 am", "'m"),
    (r"\b(you|we|they)'re\b", r"\1 are", "'re"),
    (r"\b(it|that|there|this|what|who|he|she)'s\b", r"\1 is", "'s"),
    (r"\b(i|you|we|they|it|that|he|she)'ll\b", r"\1 will", "'ll"),
    (r"\b(i|you|we|they)'ve\b", r"\1 have", "'ve"),
    (r"\b(i|you|we|they|it|that|he|she)'d\b", r"\1 would", "'d"),
    # apostrophes left out, as hurried writers do
    (r"\bim\b", "i am", "im"),
    (r"\bive\b", "i have", "ive"),
    (r"\byoure\b", "you are", "youre"),
    (r"\b(do|did|does|have|has|had|was|were|is|are|could|would|should)nt\b", r"\1 not",
     ("dont", "didnt", "doesnt", "havent", "hasnt", "hadnt", "wasnt", "werent", "isnt", "arent", "couldnt", "wouldnt",
      "shouldnt")),  # not "nt": nearly every text has it ("want", "sent") and the expression has no literal to seek
    (r"\bdont\b", "do not", "dont"),
    (r"\bcant\b", "can not", "cant"),
)
# Compiled so that re looks for the literal first (.prefix): "im" is in nearly every
# text, and a pattern led by \b is tried at every position of it. "'s" is in nearly
# every letter ("the program's"), and its rule starts with too many letters for .prefix:
# the same rule led by the apostrophe, the word checked behind it (the match is then
# "'s" alone, which becomes " is": the same text).
_IS_WORDS = ("it", "that", "there", "this", "what", "who", "he", "she")
_IS_RULE = r"\b(it|that|there|this|what|who|he|she)'s\b"
_IS = re.compile("'(?:" + "|".join(rf"(?<=\b{word}')" for word in _IS_WORDS) + r")s\b")
_CONTRACTIONS = tuple(
    (_IS, " is", needle) if rule == _IS_RULE else (re.compile(prefixed(rule)), repl, needle)
    for rule, repl, needle in CONTRACTION_RULES
)


def _pieces(needle: str | tuple[str, ...]) -> tuple[str, ...]:
    return (needle,) if isinstance(needle, str) else needle


# Which rules' pieces a text holds, in one pass (about 30 substring searches otherwise).
# A replacement never makes a piece that was not there: its words hold none, and a
# match starts and ends beside a non-word character, so none spans its edges either.
_PIECES = sorted({piece for *_, needle in CONTRACTION_RULES for piece in _pieces(needle)})
_PIECE_FINDER = AhoCorasick(_PIECES)
_RULES = tuple(
    (pattern, repl, frozenset(map(_PIECES.index, _pieces(needle)))) for pattern, repl, needle in _CONTRACTIONS
)

# Periods that do not end a sentence.
_ABBREVIATION_WORDS = ("dr", "drs", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "dept", "univ", "approx", "jr", "sr",
                       "ph.d", "m.d", "e.g", "i.e")  # fmt: skip
_ABBREVIATION_LIST = r"\b(" + "|".join(re.escape(word) for word in _ABBREVIATION_WORDS) + r")\."
_ABBREVIATIONS = re.compile(_ABBREVIATION_LIST, re.I)
# The same on lower-case text without "ı" or "ſ" (the only characters IGNORECASE would
# still equate with its letters), at half the cost.
# Its first letters are too many for .prefix, so the lower-case twin finds each match
# from its first period and checks the letters before it behind ("dr." as the "." after
# "\bdr", "ph.d." as the ".d." after "\bph"): re seeks the period. Dropping the periods
# of what it matches gives the same text as dropping those of the match above.
_ABBREVIATIONS_LOWER = re.compile(
    r"\.(?:"
    + "|".join(
        rf"(?<=\b{re.escape(head)}\.)" + (rf"{re.escape(rest)}\." if rest else "")
        for head, _, rest in (word.partition(".") for word in _ABBREVIATION_WORDS)
    )
    + ")"
)
_NUMBER_ABBR = re.compile(r"\bno\.\s?(?=\d)", re.I)
_PARAGRAPH = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*")
_USA = re.compile(prefixed(r"\bu\.s\.a?\.?"))
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def clean(text: str) -> str:
    """Straighten quotes and dashes; paragraphs become one newline, other runs one space."""
    text = replace_chars(text, CHAR_PAIRS)
    text = _PARAGRAPH.sub("\x00", text)
    # every run of whitespace one space (str.split's whitespace is the expressions' \s)
    text = " ".join(text.split())
    return text.replace("\x00", "\n").strip()


def _no_period(m: re.Match[str]) -> str:
    return m.group(1).replace(".", "")


def _periods_dropped(m: re.Match[str]) -> str:
    return m.group(0).replace(".", "")


def normalize(text: str) -> str:
    """Lower-case, contractions expanded, abbreviation periods dropped."""
    text = text.lower()
    present = {piece for piece, _, _ in _PIECE_FINDER.find_matches_as_indexes(text, overlapping=True)}
    for pattern, repl, pieces in _RULES:
        if not pieces.isdisjoint(present):
            text = pattern.sub(repl, text)
    if "no." in text:
        text = _NUMBER_ABBR.sub("no ", text)
    if "." in text:
        exact = text.isascii() or ("\u0131" not in text and "\u017f" not in text)
        text = _ABBREVIATIONS_LOWER.sub(_periods_dropped, text) if exact else _ABBREVIATIONS.sub(_no_period, text)
    if "u.s" in text:
        text = _USA.sub("usa", text)
    return text


def word_count(text: str) -> int:
    """The words of ``text`` (hyphenated and apostrophe'd words count once)."""
    return len(_WORD.findall(text))
