"""Content analysis: what a message's own words say, reduced to :class:`Features`.

Bodies are never stored. ``analyze`` runs once on a message's own words (quotes,
forwards and signatures already removed) and keeps only short matched phrases,
flags, the configured programs it names, and a fingerprint/MinHash of the
normalized text. Every content rule later works on those features.

The detectors run over a normalized copy of the text: curly quotes straightened,
contractions expanded ("I'm" -> "i am", "didn't" -> "did not"), abbreviation periods
dropped ("Dr." -> "dr") so that sentences split cleanly, and configured program names
replaced by "the program". Two layers, both fed by the tables in :mod:`.phrases`:

- phrase patterns, each match a finding on its own, with guards for the look-alikes a
  careful reader worries about (questions, negations, "one of my top choices", "my
  first choice of interview dates", e-mail addresses in <...>);
- sentence-level detectors, which need a cue of every kind in ONE sentence (a
  question + the rank list; my earlier message + did-it-arrive; a condition on being
  ranked + a promise), so that paraphrases are caught by meaning, not wording.

A detector's findings are the union of both layers; the stored phrase is the short
span from the first cue to the last.
"""

from __future__ import annotations

import hashlib
import re
import struct
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any
from collections.abc import Callable, Iterable, Sequence

from . import phrases as ph
from .model import MIN_FINGERPRINT_WORDS, Direction, Features, Program

__all__ = ["analyze", "mentioned_programs", "normalize_for_fingerprint", "similarity"]

MINHASH_SIZE = 128  # slots; the estimate's standard error is about 0.03 near 0.9

_PHRASE_MAX = 80

# --------------------------------------------------------------------------- text

_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "", "\ufeff": "",
        "\uff03": "#", "\u2116": "no ",
    }
)

# (pattern, replacement, a piece of text every match contains: no piece, no search)
_CONTRACTIONS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(p), r, needle)
    for p, r, needle in (
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
        (r"\b(do|did|does|have|has|had|was|were|is|are|could|would|should)nt\b", r"\1 not", "nt"),
        (r"\bdont\b", "do not", "dont"),
        (r"\bcant\b", "can not", "cant"),
    )
)

# Periods that do not end a sentence.
_ABBREVIATIONS = re.compile(
    r"\b(dr|drs|mr|mrs|ms|prof|st|vs|etc|dept|univ|approx|jr|sr|ph\.d|m\.d|e\.g|i\.e)\.", re.I
)
_NUMBER_ABBR = re.compile(r"\bno\.\s?(?=\d)", re.I)


def _clean(text: str) -> str:
    """Straighten quotes and dashes; paragraphs become one newline, other runs one space."""
    text = text.translate(_CHAR_MAP)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*", "\x00", text)
    text = re.sub(r"\s+", " ", text)
    return text.replace("\x00", "\n").strip()


def _normalize(text: str) -> str:
    """Lower-case, contractions expanded, abbreviation periods dropped."""
    text = text.lower()
    for pattern, repl, needle in _CONTRACTIONS:
        if needle in text:
            text = pattern.sub(repl, text)
    text = _NUMBER_ABBR.sub("no ", text)
    text = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), text)
    text = re.sub(r"\bu\.s\.a?\.?", "usa", text)
    return text


# ------------------------------------------------------------------- program names

_NAME_BEFORE = r"(?<![\w&'@./-])"
_NAME_AFTER = r"(?![\w&@/-]|\.\w)"  # not inside addresses or URLs


def _label_key(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class _NameMatcher:
    """All program names and aliases as two alternations (one pass over a text each):
    case-insensitive names, and short all-caps acronyms that must match in capitals."""

    patterns: tuple[re.Pattern[str], ...]
    program_of: dict[str, str]  # label key -> program name (case-insensitive labels)
    acronym_of: dict[str, str]  # exact acronym -> program name


@lru_cache(maxsize=16)
def _name_matcher(programs: tuple[Program, ...]) -> _NameMatcher:
    labels: list[tuple[str, str, bool]] = []  # (cleaned label, program, is acronym)
    for program in programs:
        for label in (program.name, *program.aliases):
            cleaned = _clean(label)
            words = cleaned.split()
            if words:
                acronym = len(words) == 1 and len(cleaned) <= 6 and cleaned.isupper()
                labels.append((cleaned, program.name, acronym))
    labels.sort(key=lambda item: -len(item[0]))  # longest first: it wins at a position
    program_of: dict[str, str] = {}
    acronym_of: dict[str, str] = {}
    folded: list[str] = []
    exact: list[str] = []
    for cleaned, name, acronym in labels:
        body = r"\s+".join(re.escape(w) for w in cleaned.split())
        if acronym:
            if cleaned not in acronym_of:
                acronym_of[cleaned] = name
                exact.append(body)
        elif _label_key(cleaned) not in program_of:
            program_of[_label_key(cleaned)] = name
            folded.append(body)
    patterns = []
    if folded:
        patterns.append(re.compile(f"{_NAME_BEFORE}(?:{'|'.join(folded)}){_NAME_AFTER}", re.I))
    if exact:
        patterns.append(re.compile(f"{_NAME_BEFORE}(?:{'|'.join(exact)}){_NAME_AFTER}"))
    return _NameMatcher(tuple(patterns), program_of, acronym_of)


def _name_spans(text: str, programs: Sequence[Program]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, program) spans, longest names winning."""
    matcher = _name_matcher(tuple(programs))
    found: list[tuple[int, int, str]] = []
    for pattern in matcher.patterns:
        for m in pattern.finditer(text):
            name = matcher.acronym_of.get(m.group(0)) or matcher.program_of.get(_label_key(m.group(0)))
            if name is not None:
                found.append((m.start(), m.end(), name))
    found.sort(key=lambda span: -(span[1] - span[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, name in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, name))
    taken.sort()
    return taken


def mentioned_programs(text: str, programs: Sequence[Program]) -> tuple[str, ...]:
    """Return the names (``Program.name``) of configured programs named in ``text``.

    A program counts when its name or any alias appears as a whole word or phrase:
    case-insensitively, except one-word all-caps aliases of up to six characters
    ("RUH", "MGH"), which must appear in capitals. Overlaps go to the longest name,
    so "Riverside Community" does not also count as "Riverside". Names come in
    order of first appearance, each once.
    """
    seen: list[str] = []
    for _, _, program in _name_spans(_clean(text), programs):
        if program not in seen:
            seen.append(program)
    return tuple(seen)


def _replace_names(text: str, programs: Sequence[Program], token: str) -> str:
    out: list[str] = []
    last = 0
    for start, end, _ in _name_spans(text, programs):
        out.append(text[last:start])
        out.append(token)
        last = end
    out.append(text[last:])
    return "".join(out)


# ------------------------------------------------------------------ match helpers


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - 240) : start]
    cut = 0
    for m in ph.CLAUSE_BREAK.finditer(window):
        cut = m.end()
    return window[cut:]


def _last_words(text: str, start: int, n: int) -> str:
    return " ".join(_clause_before(text, start).split()[-n:])


def _is_question(text: str, end: int) -> bool:
    m = ph.SENTENCE_END.search(text, end)
    return m is not None and m.group(0) == "?"


def _negated(text: str, start: int, n: int = 4) -> bool:
    return bool(ph.NEGATOR.search(_last_words(text, start, n)))


Guard = Callable[[str, "re.Match[str]"], bool]


def _find(
    text: str,
    patterns: Iterable[re.Pattern[str]],
    *,
    in_questions: bool = True,
    negated: bool = True,
    guard: Guard | None = None,
) -> tuple[str, ...]:
    """Matched phrases, in text order, skipping overlaps and guarded look-alikes.

    ``in_questions=False`` drops matches inside a question; ``negated=False`` drops
    matches with a negator in the few words before them; ``guard`` may veto any.
    """
    spans: list[tuple[int, int]] = []  # accepted, never overlapping: sorted by start and by end
    found: list[tuple[int, str]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            i = bisect_left(spans, (m.start(),))
            if (i < len(spans) and spans[i][0] < m.end()) or (i > 0 and spans[i - 1][1] > m.start()):
                continue
            if not in_questions and _is_question(text, m.end()):
                continue
            if not negated and _negated(text, m.start()):
                continue
            if guard is not None and not guard(text, m):
                continue
            insort(spans, (m.start(), m.end()))
            found.append((m.start(), _phrase(m.group(0))))
    found.sort()
    out: list[str] = []
    for _, phrase in found:
        if phrase not in out:
            out.append(phrase)
    return tuple(out)


def _phrase(raw: str) -> str:
    phrase = " ".join(raw.lower().split()).strip(" ,.;:")
    if len(phrase) > _PHRASE_MAX:
        phrase = phrase[:_PHRASE_MAX].rsplit(" ", 1)[0]
    return phrase


def _any(text: str, patterns: Iterable[re.Pattern[str]], *, negated: bool = True) -> bool:
    """Whether ``_find`` would find anything: the first match it keeps answers."""
    return any(
        negated or not _negated(text, m.start()) for pattern in patterns for m in pattern.finditer(text)
    )



def _first_choice_guard(text: str, m: re.Match[str]) -> bool:
    before = _clause_before(text, m.start())
    if re.match(r"(?:will|would|shall|going|has|have)\b", m.group(0)) and re.search(r"\b(?:i|we)\s*$", before):
        return False  # "I have been ranked first in my class"
    if ph.MANY.search(before):
        return False
    if ph.DATEISH.search(" ".join(before.split()[-4:])):
        return False
    if ph.NOT_A_PROGRAM_AFTER.search(text[m.end() : m.end() + 60]):
        return False
    return not ph.SPECIALTY_SUBJECT.match(before)



def _placeholders(text: str) -> tuple[str, ...]:
    """Unfilled template slots, skipping addresses, references and HTML-to-text debris."""
    spans: list[tuple[int, int, str]] = []

    def add(m: re.Match[str]) -> None:
        if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
            spans.append((m.start(), m.end(), _phrase(m.group(0))))

    for pattern in (ph.PLACEHOLDER_SQUARE, ph.PLACEHOLDER_ANGLE):
        for m in pattern.finditer(text):
            inner = m.group(1)
            if ph.BRACKET_NOISE.match(inner) or ph.HTML_TAG.match(inner) or "et al" in inner:
                continue
            if ph.PLACEHOLDER_WORD.search(inner):
                add(m)
    for pattern in (ph.PLACEHOLDER_CURLY, ph.PLACEHOLDER_PAREN, *ph.PLACEHOLDER_BLANK):
        for m in pattern.finditer(text):
            add(m)
    out: list[str] = []
    for _, _, phrase in sorted(spans):
        if phrase not in out:
            out.append(phrase)
    return tuple(out)


def _feedback_guard(text: str, m: re.Match[str]) -> bool:
    before = _clause_before(text, m.start())
    return not re.search(r"\b(?:thank\s+you|thanks|appreciated|grateful\s+for\s+(?:the|your))\b", before)



def _asks(text: str) -> bool:
    """An ask for an action, an answer or an opportunity: a request phrase that nothing
    just before it undoes, or a question that is not small talk or a courtesy."""
    return any(
        not ph.ASK_NEGATOR.search(_last_words(text, m.start(), 3)) for pattern in ph.REQUEST
        for m in pattern.finditer(text)
    ) or _asks_question(text)


def _asks_question(text: str) -> bool:
    for m in ph.QUESTION.finditer(text):
        sentence = m.group(1)
        if len(sentence.split()) >= 4 and not ph.SMALL_TALK.search(sentence):
            return True
    return False


# Inbound: the program's words.

def _offer_guard(text: str, m: re.Match[str]) -> bool:
    start = text.rfind("\n", 0, m.start()) + 1
    sentence = text[max(start, m.start() - 160) : m.end() + 80]
    if re.search(r"\boffer\s+you\s+an?\s+(?:interview|invitation)", m.group(0)):
        return False
    after = text[m.end() : m.end() + 40]
    if ph.FORBIDDEN_AFTER.match(after):
        return False  # "pre-match offers are not permitted"
    return not (
        re.search(r"\b(?:spot|place|commit|sign)\b", m.group(0))
        and re.search(r"\b(?:interview|wait\s*-?list|session|date|social|dinner|tour)\b", sentence)
    )



# ------------------------------------------------------- sentence-level detectors
# Each detector below needs several cues in ONE sentence (see phrases.py), so that
# a paraphrase is caught by what it means and a look-alike lacks one of the cues.


def _sentences(text: str) -> list[tuple[int, str, bool]]:
    """(offset, sentence, is_question) for each sentence of normalized text."""
    out: list[tuple[int, str, bool]] = []
    start = 0
    for m in ph.SENTENCE_END.finditer(text):
        if text[start : m.start()].strip():
            out.append((start, text[start : m.end()], m.group(0) == "?"))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:], False))
    return out


def _span(sentence: str, matches: Sequence[re.Match[str]]) -> str:
    """The phrase from the first cue to the last: the stored evidence."""
    return _phrase(sentence[min(m.start() for m in matches) : max(m.end() for m in matches)])


def _merge(*groups: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for phrase in (p for group in groups for p in group):
        if phrase not in out and not any(phrase in o or o in phrase for o in out):
            out.append(phrase)
    return tuple(out)


def _first_choice_sentences(text: str) -> tuple[str, ...]:
    """A top rank position bound to the applicant's own rank list, never "one of" or negated."""
    found: list[str] = []
    for _, sentence, question in _sentences(text):
        if question or ph.FIRST_CHOICE_VETO.search(sentence):
            continue
        for pattern in ph.FIRST_CHOICE_CUES:
            for m in pattern.finditer(sentence):
                if _negated(sentence, m.start(), 6) or not _first_choice_guard(sentence, m):
                    continue
                found.append(_phrase(m.group(0)))
        slot = ph.FIRST_CHOICE_SLOT.search(sentence)
        if (
            slot
            and ph.RANK_LIST_CONTEXT.search(sentence)
            and not ph.INTERVIEW_SCHEDULING.search(sentence)
            and not _negated(sentence, slot.start(), 6)
            and _first_choice_guard(sentence, slot)
        ):
            found.append(_phrase(slot.group(0)))
    return tuple(found)


def _conditional_sentences(text: str) -> tuple[str, ...]:
    """A condition on being ranked or matched and a promise to come, in one sentence."""
    found: list[str] = []
    for _, sentence, question in _sentences(text):
        if question:
            continue
        condition = next((m for p in ph.CONDITION_CUES for m in p.finditer(sentence)), None)
        promise = next((m for p in ph.COMMITMENT_CUES for m in p.finditer(sentence)), None)
        if condition and promise:
            found.append(_span(sentence, (condition, promise)))
    return tuple(found)


def _feedback_sentences(text: str) -> tuple[str, ...]:
    """An ask for information about a shortfall of the application: "why", "what could I improve"."""
    found: list[str] = []
    for _, sentence, question in _sentences(text):
        if ph.FEEDBACK_VETO.search(sentence) or not (question or ph.ASKING.search(sentence)):
            continue
        cues = [ph.FEEDBACK_ASK.search(sentence), ph.FEEDBACK_SHORTFALL.search(sentence),
                ph.FEEDBACK_TOPIC.search(sentence)]
        if all(cues):
            found.append(_span(sentence, [m for m in cues if m]))
    return tuple(found)


def _sentence_at(text: str, position: int) -> str:
    """The sentence of ``text`` that contains ``position``."""
    for offset, sentence, _ in _sentences(text):
        if offset <= position < offset + len(sentence):
            return sentence
    return text


def _not_a_policy_line(text: str, match: re.Match[str]) -> bool:
    """Guard: "you are under no obligation to share your rank list, and we will not ask"
    states the rule; it does not ask."""
    return not ph.INQUIRY_VETO.search(_sentence_at(text, match.start()))


def _rank_inquiry_sentences(text: str) -> tuple[str, ...]:
    """A question or request to the applicant about their ranking or other programs; not a policy line."""
    found: list[str] = []
    for _, sentence, question in _sentences(text):
        ask = ph.INQUIRY_ASK.search(sentence)
        if ph.INQUIRY_VETO.search(sentence) or not (question or ask):
            continue
        after = 0 if question else ask.end() if ask else 0
        topics = list(ph.INQUIRY_TOPIC)
        if ph.INQUIRY_APPLICANT.search(sentence):
            topics += ph.INQUIRY_OTHERS
        topic = next((m for p in topics for m in p.finditer(sentence, after)), None)
        if topic:
            found.append(_phrase(topic.group(0)) if question or not ask else _span(sentence, (ask, topic)))
    return tuple(found)


def _nudge_sentences(text: str) -> tuple[str, ...]:
    """The applicant's earlier message and a did-it-arrive / no-answer / resend cue together."""
    found: list[str] = []
    for _, sentence, _question in _sentences(text):
        if ph.NUDGE_VETO.search(sentence):
            continue
        alone = [m for p in ph.NUDGE_ALONE for m in p.finditer(sentence)]
        if alone:
            found.append(_phrase(alone[0].group(0)))
            continue
        earlier = ph.EARLIER_MESSAGE.search(sentence)
        cue = ph.NUDGE_CUES.search(sentence)
        if earlier and cue:
            found.append(_span(sentence, (earlier, cue)))
    return tuple(found)


_CONTEXT = 300  # characters of a sentence read on either side of a cue
_LOOKS_PER_FEELING = 5


class _Around:
    """The sentence around a position of ``text``, with the one before and the one after,
    each cut to ``_CONTEXT`` characters on the position's side: ``text`` is split once, on
    the first question, so a body full of cues costs one pass, not one per cue."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: list[tuple[int, str, bool]] | None = None
        self._starts: list[int] = []

    def __call__(self, position: int) -> tuple[str, str, str]:
        if self._sentences is None:
            self._sentences = _sentences(self.text)
            self._starts = [offset for offset, _, _ in self._sentences]
        sentences = self._sentences
        i = bisect_right(self._starts, position) - 1
        if i < 0:
            return "", self.text[max(0, position - _CONTEXT) : position + _CONTEXT], ""
        offset, sentence, _ = sentences[i]
        local = position - offset
        before = sentences[i - 1][1][-_CONTEXT:] if i > 0 else ""
        after = sentences[i + 1][1][:_CONTEXT] if i + 1 < len(sentences) else ""
        return before, sentence[max(0, local - _CONTEXT) : local + _CONTEXT], after


def _emotional(text: str) -> tuple[str, ...]:
    """Complaints or venting about programs or the process, never a struggle of one's own
    told as growth: the EMOTIONAL phrases, and feelings aimed at programs or the process."""
    around = _Around(text)

    def not_a_growth_story(_: str, m: re.Match[str]) -> bool:
        # "it was unfair, but it taught me ..." tells a past struggle as growth
        if not ph.PAST_TELLING.search(m.group(0)):
            return True
        _, sentence, after = around(m.start())
        return not ph.GROWTH.search(f"{sentence} {after}")

    return _merge(_find(text, ph.EMOTIONAL, negated=False, guard=not_a_growth_story), _venting(text, around))


def _bare(text: str, end: int) -> bool:
    """Whether a feeling ending at ``end`` names no object of its own: "I am so frustrated."
    or "... and I am tired of it all." -- a few words at most before its sentence ends."""
    stop = ph.SENTENCE_END.search(text, end, end + 40)
    return stop is not None and len(text[end : stop.start()].split()) <= 3


def _venting(text: str, around: _Around) -> tuple[str, ...]:
    """Feelings aimed at programs or the process ("I am tired of waiting", "it is frustrating
    that no program ..."), not at oneself, and not a past struggle told as growth."""
    found: list[str] = []
    # The same words are judged a few times at most: once found they need no second look,
    # and a body repeating them thousands of times is judged on the first few.
    looks: dict[str, int] = {}
    for m in ph.FEELING.finditer(text):
        feeling = _phrase(m.group(0))
        looks[feeling] = looks.get(feeling, 0) + 1
        if looks[feeling] > _LOOKS_PER_FEELING:
            continue
        before, sentence, after = around(m.start())
        past = bool(m.group("past") or m.group("past_it"))
        strong = bool(m.group("strong"))
        nearby = f"{before} {sentence} {after}" if strong and not past and _bare(text, m.end()) else sentence
        if not (ph.VENT_TARGET.search(nearby) or (strong and ph.VENT_OUTCOME.search(nearby))):
            continue
        if ph.SELF_TARGET.search(sentence) or (past and ph.GROWTH.search(f"{sentence} {after}")):
            continue
        looks[feeling] = _LOOKS_PER_FEELING
        evidence = _vented_at(text, m)  # "i am tired of waiting", not "i am tired of"
        if evidence not in found:
            found.append(evidence)
    return tuple(found)


def _vented_at(text: str, m: re.Match[str]) -> str:
    """The feeling with what it is aimed at, when that follows closely in its sentence."""
    tail = text[m.start() : m.start() + _PHRASE_MAX]
    stop = ph.SENTENCE_END.search(tail, m.end() - m.start())
    tail = tail[: stop.start()] if stop else tail
    feeling_end = m.end() - m.start()
    ends = [t.end() for pattern in (ph.VENT_TARGET, ph.VENT_OUTCOME) for t in pattern.finditer(tail)]
    end = min((e for e in ends if e > feeling_end), default=feeling_end)
    return _phrase(tail[:end])


def _thank_you_sentences(text: str) -> bool:
    """Gratitude for the interview or visit itself, not a courtesy ("thank you for asking")."""
    return any(
        not question
        and ph.GRATITUDE.search(sentence)
        and ph.VISIT_TOPIC.search(sentence)
        and not ph.COURTESY_VETO.search(sentence)
        for _, sentence, question in _sentences(text)
    )


# ---------------------------------------------------------------- fingerprinting

_GREETING = re.compile(
    r"^\s*(?:dear|hi|hello|hey|good\s+(?:morning|afternoon|evening|day)|greetings|to\s+whom\s+it\s+may\s+concern)"
    r"\b",
    re.I,
)
_TITLED_NAME = re.compile(
    r"\b(?:Dr|Drs|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s+(?:[A-Z][\w'-]*\.?\s+){0,2}[A-Z][\w'-]*"
)


_CALENDAR_WORDS = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|st|nd|rd|th)\b"
)


def _drop_greeting(text: str) -> str:
    first, _, rest = text.partition("\n")
    m = _GREETING.match(first)
    if m is None:
        return text
    cut = re.search(r"[,:!]|\s-\s", first)
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
    text = _drop_greeting(own_words.translate(_CHAR_MAP).lstrip())
    text = _clean(text)
    text = _replace_names(text, programs, " programname ")
    text = _TITLED_NAME.sub(" ", text)
    text = text.lower()
    text = re.sub(r"[\d_]+", " ", text)
    text = _CALENDAR_WORDS.sub(" ", text)
    text = re.sub(r"[^\w\s]+", " ", text)
    return " ".join(text.split())


_MINHASH_SEEDS = tuple(f"inboxcoach-mh{i}".encode() for i in range(MINHASH_SIZE // 16))


_SLOTS = struct.Struct(f">{MINHASH_SIZE}I")


def _minhash(words: list[str]) -> tuple[int, ...]:
    """MinHash of the word 3-shingles: slot i is the least 32-bit value of hash i.

    The 128 hashes of a shingle are 8 keyed blake2b digests of 64 bytes, read as
    big-endian 32-bit words; the minimum per slot is taken in C (``map(min, zip(*…))``).
    """
    if len(words) < 3:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}
    rows = []
    for shingle in shingles:
        data = shingle.encode()
        digests = b"".join(hashlib.blake2b(data, digest_size=64, person=p).digest() for p in _MINHASH_SEEDS)
        rows.append(_SLOTS.unpack(digests))
    return tuple(map(min, zip(*rows)))


def similarity(a: Features, b: Features) -> float:
    """Estimate the Jaccard similarity of two bodies (see :meth:`Features.similarity`)."""
    return a.similarity(b)


# ----------------------------------------------------------------------- analyze

def _word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['\u2019-][^\W_]+)*", text))


def analyze(
    subject: str, own_words: str, programs: Sequence[Program], direction: Direction | None = None
) -> Features:
    """Return the :class:`Features` of a message: matched phrases, flags, mentions, fingerprint.

    ``own_words`` is the text without quotes, forwards and signatures (the greeting
    kept). Phrases are short and lower-cased. ``direction`` limits the work to what the
    rules read: the applicant's detectors and the fingerprint for ``"out"``, the
    program's (offer, rank inquiry, policy, invitation, rejection) for ``"in"``; None
    runs all. Mentions and the word count are always filled. Pure: no I/O; never
    raises on odd text.
    """
    cleaned = _clean(own_words)
    cleaned_subject = _clean(subject)
    body = _normalize(_replace_names(cleaned, programs, "the program"))
    subj = _normalize(_replace_names(cleaned_subject, programs, "the program"))
    both = f"{subj}\n{body}" if subj else body
    common = Features(mentions=mentioned_programs(f"{subject}\n{own_words}", programs), word_count=_word_count(own_words))
    found: dict[str, Any] = {}
    if direction != "in":
        found.update(_applicant_features(body, subj, both, cleaned, cleaned_subject, own_words, programs))
    if direction != "out":
        found.update(_program_features(body, subj, both))
    return replace(common, **found)


def _applicant_features(
    body: str, subj: str, both: str, cleaned: str, cleaned_subject: str, own_words: str, programs: Sequence[Program]
) -> dict[str, Any]:
    """What the content rules read in the applicant's own words (and the fingerprint)."""
    first_choice = _merge(
        _find(body, ph.FIRST_CHOICE, in_questions=False, negated=False, guard=_first_choice_guard),
        _first_choice_sentences(body),
    )
    normalized = normalize_for_fingerprint(own_words, programs)
    words = normalized.split()
    long_enough = len(words) >= MIN_FINGERPRINT_WORDS
    return {
        "first_choice": first_choice,
        "rank_interest": () if first_choice else _find(body, ph.RANK_INTEREST, in_questions=False, negated=False),
        "conditional_commitment": _merge(
            _find(body, ph.CONDITIONAL, in_questions=False, negated=False), _conditional_sentences(body)
        ),
        "placeholders": _placeholders(f"{cleaned_subject}\n{cleaned}"),
        "desperate": _find(body, ph.DESPERATE),
        "emotional": _emotional(body),
        "feedback_request": _merge(_find(body, ph.FEEDBACK, guard=_feedback_guard), _feedback_sentences(body)),
        "nudge": _merge(_find(body, ph.NUDGE, negated=False), _nudge_sentences(body)),
        "thank_you": _any(body, ph.THANK_YOU, negated=False)
        or _thank_you_sentences(body)
        or bool(ph.THANK_YOU_SUBJECT.search(subj)),
        "update": _any(both, ph.UPDATE, negated=False) or bool(ph.UPDATE_SUBJECT.search(subj)),
        "logistics": _any(both, ph.LOGISTICS),
        "request": _asks(body),
        "fingerprint": hashlib.sha1(normalized.encode()).hexdigest() if long_enough else "",
        "minhash": _minhash(words) if long_enough else (),
    }


def _program_features(body: str, subj: str, both: str) -> dict[str, Any]:
    """What the rules read in a program's message."""
    return {
        "offer": _find(both, ph.OFFER, negated=False, guard=_offer_guard),
        "rank_inquiry": _merge(
            _find(body, ph.RANK_INQUIRY, negated=False, guard=_not_a_policy_line), _rank_inquiry_sentences(body)
        ),
        "no_contact_policy": _find(body, ph.NO_CONTACT),
        "invitation": _any(body, ph.INVITATION, negated=False) or bool(ph.INVITATION_SUBJECT.search(subj)),
        "rejection": _any(body, ph.REJECTION),
    }
