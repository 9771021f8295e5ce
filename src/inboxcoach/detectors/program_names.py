"""Configured program names and aliases in a text: which programs it names, and where.

A program counts when its name or an alias appears as a whole word or phrase:
case-insensitively, except one-word all-caps aliases of up to six characters ("RUH",
"MGH"), which must appear in capitals. Overlaps go to the longest name.

The rule is defined by two regular expressions (:meth:`NameMatcher.regex_spans`);
:meth:`NameMatcher.spans` finds the same spans with one Aho-Corasick pass over the
lower-cased text and checks the word boundaries itself, and falls back to the
expressions whenever it cannot be sure to agree with them (a non-ASCII name, a text
whose lower-casing changes its length, runs of whitespace inside the text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ahocorasick_rs import AhoCorasick  # type: ignore[import-not-found, unused-ignore]

from inboxcoach.core.model import Program
from inboxcoach.core.needles import SPECIAL_CASES
from inboxcoach.detectors.configured import per_programs
from inboxcoach.detectors.match import DisjointSpans
from inboxcoach.detectors.text import CHAR_PAIRS, clean, replace_chars

__all__ = ["NameMatcher", "mentioned_programs", "name_matcher", "replace_names"]

_NAME_BEFORE = r"(?<![\w&'@./-])"
_NAME_AFTER = r"(?![\w&@/-]|\.\w)"  # not inside addresses or URLs
_BAD_BEFORE = re.compile(r"[\w&'@./-]")
_BAD_AFTER = re.compile(r"[\w&@/-]|\.\w")
_ODD_SPACE = re.compile(r"[^\S ]")  # whitespace other than a space
_SPECIAL = tuple(SPECIAL_CASES.items())
# For mentions only: what clean() makes of the text, without caring which whitespace.
_MENTION_PAIRS = (*CHAR_PAIRS, ("\x00", " "))

Span = tuple[int, int, str]  # start, end, program name


def _label_key(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class _Label:
    text: str  # cleaned, words joined by one space
    program: str
    acronym: bool


@dataclass
class NameMatcher:
    """All program names and aliases of one configuration."""

    labels: tuple[_Label, ...]  # longest first; each folded key once, each acronym once
    program_of: dict[str, str]  # label key -> program name (case-insensitive labels)
    acronym_of: dict[str, str]  # exact acronym -> program name
    patterns: tuple[re.Pattern[str], ...]  # the defining expressions: case-insensitive names, acronyms
    _automaton: AhoCorasick | None = field(default=None, repr=False)
    _by_needle: tuple[tuple[int, ...], ...] = ()  # needle id -> label indexes (in label order)

    @classmethod
    def build(cls, programs: Sequence[Program]) -> NameMatcher:
        found: list[tuple[str, str, bool]] = []  # (cleaned label, program, is acronym)
        for program in programs:
            for label in (program.name, *program.aliases):
                cleaned = clean(label)
                words = cleaned.split()
                if words:
                    acronym = len(words) == 1 and len(cleaned) <= 6 and cleaned.isupper()
                    found.append((" ".join(words), program.name, acronym))
        found.sort(key=lambda item: -len(item[0]))  # longest first: it wins at a position
        program_of: dict[str, str] = {}
        acronym_of: dict[str, str] = {}
        labels: list[_Label] = []
        for text, name, acronym in found:
            if acronym:
                if text not in acronym_of:
                    acronym_of[text] = name
                    labels.append(_Label(text, name, True))
            elif _label_key(text) not in program_of:
                program_of[_label_key(text)] = name
                labels.append(_Label(text, name, False))
        folded = [r"\s+".join(re.escape(w) for w in lb.text.split()) for lb in labels if not lb.acronym]
        exact = [re.escape(lb.text) for lb in labels if lb.acronym]
        patterns = []
        if folded:
            patterns.append(re.compile(f"{_NAME_BEFORE}(?:{'|'.join(folded)}){_NAME_AFTER}", re.I))
        if exact:
            patterns.append(re.compile(f"{_NAME_BEFORE}(?:{'|'.join(exact)}){_NAME_AFTER}"))
        matcher = cls(tuple(labels), program_of, acronym_of, tuple(patterns))
        if labels and all(lb.text.isascii() for lb in labels):
            needles: dict[str, list[int]] = {}
            for index, lb in enumerate(labels):
                needles.setdefault(lb.text.lower(), []).append(index)
            matcher._automaton = AhoCorasick(list(needles))
            matcher._by_needle = tuple(tuple(v) for v in needles.values())
        return matcher

    def regex_spans(self, text: str) -> list[Span]:
        """The defining rule: non-overlapping (start, end, program) spans, longest names winning."""
        found: list[Span] = []
        for pattern in self.patterns:
            for m in pattern.finditer(text):
                self._name(found, text, m.start(), m.end())
        return _longest_first(found)

    def spans(self, text: str) -> list[Span]:
        """What :meth:`regex_spans` returns, in one pass over ``text`` when possible."""
        if self._automaton is None:
            return self.regex_spans(text) if self.patterns else []
        low = text.lower()
        if len(low) != len(text):  # "İ" lower-cases to two characters
            return self.regex_spans(text)
        if not low.isascii():
            low = replace_chars(low, _SPECIAL)
        if "\n" in low:
            low = low.replace("\n", " ")
        if "  " in low or (not low.isprintable() and _ODD_SPACE.search(low)):
            return self.regex_spans(text)  # the expressions allow any run of any whitespace
        starts: dict[int, list[tuple[int, int]]] = {}  # start -> [(label index, end)]
        for needle, start, end in self._automaton.find_matches_as_indexes(low, overlapping=True):
            for index in self._by_needle[needle]:
                starts.setdefault(start, []).append((index, end))
        if not starts:
            return []
        found: list[Span] = []
        for acronyms in (False, True):  # the two expressions, each scanned left to right
            cursor = 0
            for start in sorted(starts):
                if start < cursor or (start > 0 and _BAD_BEFORE.match(text, start - 1)):
                    continue
                for index, end in sorted(starts[start]):
                    label = self.labels[index]
                    if label.acronym != acronyms or (acronyms and text[start:end] != label.text):
                        continue
                    if not _BAD_AFTER.match(text, end):
                        self._name(found, text, start, end)
                        cursor = end
                        break
        return _longest_first(found)

    def _name(self, found: list[Span], text: str, start: int, end: int) -> None:
        matched = text[start:end]
        name = self.acronym_of.get(matched) or self.program_of.get(_label_key(matched))
        if name is not None:
            found.append((start, end, name))


def _longest_first(found: list[Span]) -> list[Span]:
    found.sort(key=lambda span: -(span[1] - span[0]))
    spans = DisjointSpans()
    taken = [(start, end, name) for start, end, name in found if spans.take(start, end)]
    taken.sort()
    return taken


@per_programs
def name_matcher(programs: tuple[Program, ...]) -> NameMatcher:
    """The matcher of a configuration's programs (built once per configuration)."""
    return NameMatcher.build(programs)


def mentioned_programs(text: str, programs: Sequence[Program]) -> tuple[str, ...]:
    """Return the names (``Program.name``) of configured programs named in ``text``.

    A program counts when its name or any alias appears as a whole word or phrase:
    case-insensitively, except one-word all-caps aliases of up to six characters
    ("RUH", "MGH"), which must appear in capitals. Overlaps go to the longest name,
    so "Riverside Community" does not also count as "Riverside". Names come in
    order of first appearance, each once. Cheap enough to ask of any message.
    """
    if not programs or not text:
        return ()
    # The names are matched on clean(text); which whitespace separates the words does
    # not matter to them, so one space in each run of it gives the same matches.
    flat = " ".join(replace_chars(text, _MENTION_PAIRS).split())
    seen: list[str] = []
    for _, _, program in name_matcher(tuple(programs)).spans(flat):
        if program not in seen:
            seen.append(program)
    return tuple(seen)


def replace_names(text: str, programs: Sequence[Program], token: str) -> str:
    """``text`` (cleaned) with each program name or alias replaced by ``token``."""
    if not programs:
        return text
    spans = name_matcher(tuple(programs)).spans(text)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end, _ in spans:
        out.append(text[last:start])
        out.append(token)
        last = end
    out.append(text[last:])
    return "".join(out)
