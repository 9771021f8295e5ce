"""Content analysis: what a message's own words say, reduced to :class:`Features`.

Bodies are never stored. ``analyze`` runs once on a message's own words (quotes,
forwards and signatures already removed) and keeps only short matched phrases,
flags, the configured programs it names, and a fingerprint/MinHash of the
normalized text. Every content rule later works on those features.

The detectors are phrase patterns over a normalized copy of the text: curly quotes
straightened, contractions expanded ("I'm" -> "i am", "didn't" -> "did not"),
abbreviation periods dropped ("Dr." -> "dr") so that sentences split cleanly, and
configured program names replaced by "the program". Each detector has guards for
the look-alikes a careful reader worries about: questions, negations, "one of my
top choices", "my first choice of interview dates", e-mail addresses in <...>.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence

from .model import Features, Program

__all__ = ["analyze", "mentioned_programs", "normalize_for_fingerprint", "similarity"]

MINHASH_SIZE = 128  # slots; the estimate's standard error is about 0.03 near 0.9
MIN_FINGERPRINT_WORDS = 15
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

_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\bwon't\b", "will not"),
        (r"\bcan't\b", "can not"),
        (r"\bcannot\b", "can not"),
        (r"\bshan't\b", "shall not"),
        (r"\bain't\b", "is not"),
        (r"\b(\w+)n't\b", r"\1 not"),
        (r"\b(i)'m\b", r"\1 am"),
        (r"\b(you|we|they)'re\b", r"\1 are"),
        (r"\b(it|that|there|this|what|who|he|she)'s\b", r"\1 is"),
        (r"\b(i|you|we|they|it|that|he|she)'ll\b", r"\1 will"),
        (r"\b(i|you|we|they)'ve\b", r"\1 have"),
        (r"\b(i|you|we|they|it|that|he|she)'d\b", r"\1 would"),
        # apostrophes left out, as hurried writers do
        (r"\bim\b", "i am"),
        (r"\bive\b", "i have"),
        (r"\byoure\b", "you are"),
        (r"\b(do|did|does|have|has|had|was|were|is|are|could|would|should)nt\b", r"\1 not"),
        (r"\bdont\b", "do not"),
        (r"\bcant\b", "can not"),
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
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    text = _NUMBER_ABBR.sub("no ", text)
    text = _ABBREVIATIONS.sub(lambda m: m.group(1).replace(".", ""), text)
    text = re.sub(r"\bu\.s\.a?\.?", "usa", text)
    return text


# ------------------------------------------------------------------- program names

def _name_pattern(name: str) -> re.Pattern[str] | None:
    name = _clean(name)
    words = name.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    pattern = rf"(?<![\w&'@./-]){body}(?![\w&@/-]|\.\w)"  # not inside addresses or URLs
    acronym = len(words) == 1 and len(name) <= 6 and name.isupper()
    return re.compile(pattern) if acronym else re.compile(pattern, re.I)


def _name_patterns(programs: Sequence[Program]) -> list[tuple[int, re.Pattern[str], str]]:
    pats: list[tuple[int, re.Pattern[str], str]] = []
    for program in programs:
        for label in (program.name, *program.aliases):
            pat = _name_pattern(label)
            if pat is not None:
                pats.append((len(label.strip()), pat, program.name))
    pats.sort(key=lambda t: -t[0])
    return pats


def _name_spans(text: str, programs: Sequence[Program]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, program) spans, longest names winning."""
    taken: list[tuple[int, int, str]] = []
    for _, pat, program in _name_patterns(programs):
        for m in pat.finditer(text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), program))
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

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\n]|\s-\s|\b(?:but|however|although|though|while)\b")
_NEGATOR = re.compile(
    r"\b(?:not|never|no longer|nor|unable|unsure|uncertain|whether|hardly|"
    r"prohibit\w*|forbid\w*|without|neither)\b"
)
_MANY = re.compile(r"\b(?:one of|among|some of|several|a few of|two of|three of)\b")
_DATEISH = re.compile(
    r"\b(?:date|dates|day|days|slot|slots|time|times|session|sessions|option|options|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|am|pm|\d+(?:st|nd|rd|th)?)\b"
)
_NOT_A_PROGRAM_AFTER = re.compile(
    r"^[- ]?\s*(?:(?:of|for|among|regarding|in terms of)\s+(?:[\w-]+\s+){0,2})?"
    r"(?:interview|interviews|date|dates|day|days|time|times|slot|slots|session|sessions|"
    r"specialty|specialties|field|location|locations|city|cities|region|state|hotel|"
    r"flight|elective|electives|rotation|rotations|topic|track|tracks|career|second\s+look|visit|social|dinner|"
    r"event|events)\b"
    r"|^\s*(?:in|by|among)\s+(?:the\s+)?(?:nation|country|state|region|world|usa|us\s+news|doximity|rankings?)\b"
    r"|^\s*(?:is|would\s+be|will\s+be|was)\s+(?:on\s+)?(?:the\s+)?(?:\d|(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|morning|afternoon|evening)\b)"
    r"|^\s*(?:in|of|among|out\s+of)\s+(?:my|the|our|all)\s+(?:\w+\s+)?(?:class|classes|cohort|batch|school|"
    r"year|exam|examination|students|classmates|peers|graduates)\b"
)
_SPECIALTY_SUBJECT = re.compile(
    r"^\s*(?:(?:and|so|truly|honestly|the (?:field|specialty) of)\s+)*"
    r"(?:anesthesiology|anesthesia|anaesthesia|anaesthesiology|this specialty|this field|"
    r"the specialty|medicine|surgery|pediatrics|psychiatry|radiology|neurology)\s+"
    r"(?:\w+\s+){0,3}$"
)


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - 240) : start]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(window):
        cut = m.end()
    return window[cut:]


def _last_words(text: str, start: int, n: int) -> str:
    return " ".join(_clause_before(text, start).split()[-n:])


def _is_question(text: str, end: int) -> bool:
    m = _SENTENCE_END.search(text, end)
    return m is not None and m.group(0) == "?"


def _negated(text: str, start: int, n: int = 4) -> bool:
    return bool(_NEGATOR.search(_last_words(text, start, n)))


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
    spans: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in spans):
                continue
            if not in_questions and _is_question(text, m.end()):
                continue
            if not negated and _negated(text, m.start()):
                continue
            if guard is not None and not guard(text, m):
                continue
            spans.append((m.start(), m.end()))
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
    return bool(_find(text, patterns, negated=negated))


def _c(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


# --------------------------------------------------------------- phrase patterns
# All patterns run on normalized (lower-case, contraction-expanded) text.

_N1_STRONG = r"(?:#\s?1(?!\d)|no\s?1(?!\d)|number\s(?:one|1)(?!\d))"
_N1 = rf"(?:{_N1_STRONG}|first|1st)"
_ADJ = r"(?:(?:top\s+and|very|absolute|clear|true|undisputed|ultimate|definite|definitive|unequivocal|sincere)\s+)*"
_ADV = (
    r"(?:(?:still|truly|definitely|clearly|undoubtedly|absolutely|honestly|certainly|"
    r"unquestionably|easily|now|always|officially|also|indeed|by far|without (?:a |any )?doubt|"
    r"and will (?:always |continue to )?be)\s+)*"
)
_LIST = r"(?:(?:final|rank|ranking|rank\s+order|match|personal|nrmp)\s+)*list\b(?!\s+of\b)"
_RANK_END = (
    r"(?=\s*(?:[.!,;:)\n]|$|and\b|but\b|on\b|in\b|of\s+my\b|choice\b|place\b|position\b|"
    r"among\b|when\b|because\b|as\b|since\b|for\s+(?:the\s+)?match\b))"
)
_OBJECT = (
    r"(?:you|it|your\s+(?:[\w-]+\s+){0,3}?(?:program|programme|residency|institution|department|"
    r"hospital|team)|(?:the|this)\s+(?:[\w-]+\s+){0,2}?program)"
)
_SUBJECT = (
    r"(?:\b(?:you|it|this|that|the\s+program|your\s+program|this\s+program)\s+"
    r"(?:will\s+|would\s+|has\s+|have\s+)?)?"
)
_RANK_TOP = rf"(?:{_N1}|highest|at\s+the\s+(?:very\s+)?top)"

_FIRST_CHOICE = _c(
    # "you are my #1", "Riverside remains my number one program"
    rf"{_SUBJECT}\b(?:are|is|remain|remains|be|been|become|becomes|became)\s+{_ADV}my\s+{_ADJ}"
    rf"{_N1_STRONG}(?:\s+(?:and|&)\s+only)?(?:[- ]ranked)?(?:[- ](?:choice|pick|program|residency)\b(?!s))?"
    rf"(?=\s*(?:[.!,;:)\n]|$|-\s|and\b|but\b|on\s+my\b|in\s+my\b|program\b|residency\b|place\b|spot\b|choice\b))",
    # "you are my first." -- bare "first" only in the present, never "was my first"
    rf"{_SUBJECT}\b(?:are|is|remain|remains|be|become|becomes)\s+{_ADV}my\s+{_ADJ}(?:first|1st)"
    rf"(?:\s+(?:and|&)\s+only)?(?=\s*(?:[.!;\n]|$|on\s+my\b))",
    # "my first choice", "my #1 choice program", "my first-choice program"
    rf"\bmy\s+{_ADJ}{_N1}(?:\s+(?:and|&)\s+only)?[- ]?(?:choice|pick|preference|selection)\b(?!s)",
    rf"\bmy\s+{_ADJ}(?:{_N1}|highest)[- ]ranked\s+(?:program|residency|choice)\b(?!s)",
    rf"\bmy\s+{_ADJ}{_N1_STRONG}\s+(?:program|residency|place|spot)\b(?!s)",
    # "I will rank you / your program first", "ranked the program #1"
    rf"\b(?:rank|ranks|ranked|ranking|place|placed|placing|put|putting|list|listed|listing)\s+"
    rf"{_OBJECT}\s+(?:as\s+)?(?:my\s+)?(?:very\s+)?{_RANK_TOP}{_RANK_END}",
    # without configured names: "I will rank Riverside first"
    rf"\b(?:rank|ranked|ranking)\s+(?:(?!(?:me|us|my|our|them|him|her|myself|patient|patients)\b)"
    rf"(?!(?:interview|day|dinner|experience|social|tour|session)\b)[a-z][\w'&-]*\s+){{1,4}}?"
    rf"(?:as\s+)?(?:my\s+)?{_RANK_TOP}{_RANK_END}",
    # "with your program ranked first"
    rf"\b{_OBJECT}\s+(?:ranked|placed|listed)\s+(?:as\s+)?(?:my\s+)?(?:very\s+)?{_RANK_TOP}{_RANK_END}",
    # "you will be ranked first on my list"
    rf"\b(?:will|would|shall|going to|has|have)\s+(?:definitely\s+|certainly\s+|surely\s+)?"
    rf"(?:be|been)\s+(?:ranked|placed|listed)\s+(?:as\s+)?(?:my\s+)?(?:very\s+)?{_RANK_TOP}{_RANK_END}",
    # "#1 on my rank list", "at the top of my rank list"
    rf"(?<![\w#]){_N1}\s+(?:on|in)\s+my\s+{_LIST}",
    rf"\b(?:at|to)\s+the\s+(?:very\s+)?top\s+of\s+my\s+{_LIST}",
)


def _first_choice_guard(text: str, m: re.Match[str]) -> bool:
    before = _clause_before(text, m.start())
    if re.match(r"(?:will|would|shall|going|has|have)\b", m.group(0)) and re.search(r"\b(?:i|we)\s*$", before):
        return False  # "I have been ranked first in my class"
    if _MANY.search(before):
        return False
    if _DATEISH.search(" ".join(before.split()[-4:])):
        return False
    if _NOT_A_PROGRAM_AFTER.search(text[m.end() : m.end() + 60]):
        return False
    return not _SPECIALTY_SUBJECT.match(before)


_VERB_COMMIT = r"(?:come|sign|attend|accept|match|join|commit|choose|be\s+there|be\s+yours|rank\s+you)"
_RANKS_ME = (
    r"(?:rank|ranks|ranked|match|matches|accept|accepts|select|selects|choose|chooses|"
    r"offer\s+me\s+(?:a|the)\s+(?:position|spot|place|contract))"
)

_CONDITIONAL = _c(
    rf"\bif\s+(?:you|your\s+program|the\s+program|we)\s+(?:\w+\s+){{0,2}}?{_RANKS_ME}\s*(?:me\b)?"
    rf"[^.!?\n]{{0,80}}?\bi\s+(?:will|would|shall|am going to|promise|guarantee|commit)\b"
    rf"(?:\s+\w+){{0,3}}?\s+{_VERB_COMMIT}",
    rf"\bi\s+(?:will|would|shall|am going to|promise to|guarantee to)\s+(?:\w+\s+){{0,2}}?{_VERB_COMMIT}\b"
    rf"[^.!?\n]{{0,60}}?\bif\s+(?:you|your\s+program|the\s+program)\s+(?:\w+\s+){{0,2}}?{_RANKS_ME}",
    rf"\bi\s+(?:can\s+|will\s+|do\s+)?(?:promise|guarantee|assure\s+you|give\s+you\s+my\s+word|commit)\s+"
    rf"(?:you\s+)?(?:that\s+)?"
    rf"(?:i\s+(?:will|would|shall)|to)\s+(?:\w+\s+){{0,2}}?{_VERB_COMMIT}",
    rf"\bif\s+(?:i\s+am\s+)?(?:offered|given|matched|ranked|selected|accepted)\b[^.!?\n]{{0,60}}?"
    rf"\bi\s+(?:will|would)\s+(?:\w+\s+){{0,2}}?(?:accept|come|sign|attend|join)\b",
    r"\brank\s+me\s+to\s+match\b[^.!?\n]{0,60}?\bi\s+(?:will|would|promise)\b",
    rf"\brank\s+me\s+(?:first\s+|highly\s+)?and\s+i\s+(?:will|promise|guarantee)\s+(?:\w+\s+){{0,2}}?{_VERB_COMMIT}",
)

_PLACEHOLDER_WORDS = (
    r"(?:name|names|program|programme|institution|institute|hospital|school|university|college|"
    r"center|centre|department|dept|specialty|insert|recipient|title|position|city|state|date|"
    r"director|coordinator|chair|surname|organization|organisation|company|residency|faculty|"
    r"interviewer|pd|apd|your|last|first|here|signature|address|phone|email|role|x{2,}|_{2,})"
)
_BRACKET_NOISE = re.compile(
    r"^\s*(?:image|cid|mailto|http|https|www|sic|external|caution|warning|ext|attachment|"
    r"file|photo|logo|\d+)\b",
    re.I,
)
_PLACEHOLDER_SQUARE = re.compile(r"\[\s*([^\[\]\n]{1,80}?)\s*\](?!\()")
_PLACEHOLDER_ANGLE = re.compile(r"<\s*([^<>\n@/:]{1,40}?)\s*>")
_PLACEHOLDER_CURLY = re.compile(r"\{\{?\s*[A-Za-z_][A-Za-z0-9_ .-]{0,38}\s*\}\}?|%[A-Z][A-Z_]{2,30}%")
_PLACEHOLDER_WORD = re.compile(rf"\b{_PLACEHOLDER_WORDS}\b", re.I)
_PLACEHOLDER_BLANK = _c(
    r"(?i:\b(?:dear|dr|mr|mrs|ms|prof|to|at|from|with|join|of|in)\.?\s+(?:dr\.?\s+)?"
    r"(?:_{2,}|x{3,}\b|\.{3,}(?=\s*,)|\u2026(?=\s*,)))",
    r"(?:(?<!_)_{3,}|\bX{3,}\b)\s+(?i:hospital|program|programme|university|medical|residency|"
    r"institution|school|college|center|centre|department|health)\b",
    r"\bX{3,}\b",
    r"\bINSERT\s+[A-Z][A-Z' ]{2,30}\b|\b(?:PROGRAM|INSTITUTION|HOSPITAL|SCHOOL|YOUR|FIRST|LAST|RECIPIENT)\s+NAME\b",
)
_PLACEHOLDER_PAREN = re.compile(
    r"\(\s*(?i:insert\b[^()\n]{0,30}|(?:program|programme|institution|hospital|school|university|your|recipient|"
    r"pd|last|first|department)\s+name|name\s+of\s+[^()\n]{1,25})\s*\)|\b[A-Z]{3,}_NAME\b"
)
_HTML_TAG = re.compile(r"^/?(?:a|b|i|u|p|br|hr|div|span|em|strong|td|tr|table|li|ul|ol|font)\b", re.I)


def _placeholders(text: str) -> tuple[str, ...]:
    """Unfilled template slots, skipping addresses, references and HTML-to-text debris."""
    spans: list[tuple[int, int, str]] = []

    def add(m: re.Match[str]) -> None:
        if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
            spans.append((m.start(), m.end(), _phrase(m.group(0))))

    for pattern in (_PLACEHOLDER_SQUARE, _PLACEHOLDER_ANGLE):
        for m in pattern.finditer(text):
            inner = m.group(1)
            if _BRACKET_NOISE.match(inner) or _HTML_TAG.match(inner) or "et al" in inner:
                continue
            if _PLACEHOLDER_WORD.search(inner):
                add(m)
    for pattern in (_PLACEHOLDER_CURLY, _PLACEHOLDER_PAREN, *_PLACEHOLDER_BLANK):
        for m in pattern.finditer(text):
            add(m)
    out: list[str] = []
    for _, _, phrase in sorted(spans):
        if phrase not in out:
            out.append(phrase)
    return tuple(out)


_DESPERATE = _c(
    r"\b(?:my|our)\s+(?:only|last|final|one)\s+(?:remaining\s+)?(?:hope|chance|shot)\b",
    r"\b(?:i\s+have|i\s+got|i\s+received|there\s+are)\s+(?:no|not\s+(?:had|received|gotten)\s+any)\s+other\s+"
    r"(?:interviews?|interview\s+(?:offers?|invitations?)|invitations?|offers?|options)\b",
    r"\bi\s+do\s+not\s+have\s+any\s+other\s+(?:interviews?|options|invitations?)\b",
    r"\bno\s+other\s+(?:interviews?|interview\s+(?:offers?|invitations?))\b",
    r"\b(?:this|yours|it)\s+(?:is|was)\s+my\s+only\s+interview\b",
    r"\bi\s+(?:have|got|received|had)\s+only\s+(?:one|1|a\s+single)\s+interview\b",
    r"\b(?:you|your\s+program|the\s+program)\s+(?:are|is|were|was)\s+the\s+only\s+(?:program|one|place)\s+"
    r"(?:that|who|to)\s+(?:has\s+)?(?:invited|interviewed|gave|given|offered)",
    r"\bi\s+am\s+(?:so\s+|really\s+|truly\s+|very\s+|quite\s+|getting\s+|becoming\s+|absolutely\s+)?desperate\b",
    r"\bdesperately\s+(?:need|want|hope|hoping|wish|asking|seeking)\b",
    r"\bi\s+(?:am\s+)?beg(?:ging)?\b(?!\s+(?:your\s+pardon|to\s+differ))",
    r"\bbegging\s+(?:you|for)\b",
    r"\bi\s+(?:really\s+|truly\s+|desperately\s+|badly\s+|just\s+)?need\s+this\s+"
    r"(?:position|spot|match|opportunity|residency|chance)\b",
    r"\bi\s+(?:will|would)\s+(?:literally\s+|honestly\s+)?do\s+anything\b",
    r"\bnowhere\s+else\s+to\s+(?:go|turn)\b",
    r"\b(?:this\s+is|it\s+is)\s+my\s+(?:last|final)\s+(?:chance|attempt|try|opportunity|year)\b",
    r"\b(?:my|our)\s+(?:entire\s+|whole\s+)?(?:future|career|life|family|livelihood)\s+"
    r"(?:depends|rests|hinges)\s+on\b",
    r"\bplease,?\s+(?:just\s+)?give\s+me\s+(?:a|one)\s+chance\b",
)

_PROCESS = (
    r"(?:this|the|whole|entire)\s+(?:(?:match|application|residency|interview|eras|nrmp|selection)\s+)*"
    r"(?:process|system|match)"
)
_EMOTIONAL = _c(
    rf"\b{_PROCESS}\s+(?:is|has\s+been|was|feels|seems)\s+(?:so\s+|very\s+|completely\s+|totally\s+|extremely\s+|"
    r"really\s+|just\s+|simply\s+|utterly\s+|deeply\s+)?(?:unfair|broken|a\s+joke|ridiculous|rigged|a\s+scam|"
    r"absurd|cruel|insane|a\s+nightmare|inhumane|discriminatory|biased|corrupt|a\s+lottery|flawed|unjust)\b",
    r"\b(?:it|this|that)\s+(?:is|was|seems|feels)\s+(?:so\s+|really\s+|completely\s+|very\s+|just\s+|absolutely\s+|"
    r"frankly\s+|honestly\s+)?(?:unfair|ridiculous|outrageous|absurd|insulting|disgraceful|unacceptable|"
    r"a\s+joke|a\s+scam|a\s+disgrace|unjust)\b",
    r"\bi\s+(?:am|feel|felt|was|have\s+been|am\s+getting)\s+(?:so\s+|very\s+|really\s+|extremely\s+|quite\s+|"
    r"deeply\s+|incredibly\s+|increasingly\s+|honestly\s+|frankly\s+|absolutely\s+)?(?:frustrated|angry|"
    r"furious|disgusted|outraged|fed\s+up|bitter|insulted|offended|infuriated|livid)\b",
    r"\bi\s+(?:am|feel|felt|was|have\s+been)\s+(?:so\s+|very\s+|really\s+|extremely\s+|quite\s+|deeply\s+)?"
    r"(?:upset|hurt|annoyed|disappointed|dismayed)\s+(?:that\s+(?:no\s+one|nobody|no\s+program|programs|"
    r"other\s+programs|i\s+(?:was|have|had|did|never|still)\s+(?:not|never|no))|(?:with|by|at|about|in)\s+"
    r"(?:the\s+(?:process|system|match|programs)|how|programs|this\s+process|being\s+(?:ignored|rejected)))",
    r"\bi\s+(?:was|have\s+been|am\s+being|felt)\s+(?:\w+\s+)?treated\s+(?:so\s+|very\s+)?"
    r"(?:unfairly|poorly|badly|disrespectfully|rudely|unjustly|like)\b",
    r"\bi\s+(?:feel|felt|have\s+been|was|am|am\s+being)\s+(?:so\s+|completely\s+|totally\s+)?"
    r"(?:ignored|ghosted|disrespected)\b",
    r"\b(?:programs|they|everyone|the\s+programs)\s+(?:have\s+|has\s+)?(?:ignored|ghosted|disrespected|"
    r"discriminated\s+against)\s+me\b",
    r"\b(?:no\s+one|nobody|no\s+program)\s+(?:even\s+)?(?:bothers|bothered|cares|cared|"
    r"has\s+the\s+(?:courtesy|decency)|had\s+the\s+(?:courtesy|decency))\b",
    r"\bnot\s+even\s+(?:the\s+)?(?:courtesy|decency|bother)\b",
    r"\bdiscriminat\w*\s+against\s+(?:imgs?|international|foreign|us|me|applicants)\b",
    r"\b(?:a\s+(?:complete\s+|total\s+)?waste\s+of\s+(?:my\s+)?(?:time|money)|i\s+wasted\s+(?:so\s+much\s+)?"
    r"(?:time|money))\b",
    r"\bsick\s+and\s+tired\b",
)

_FEEDBACK = _c(
    r"\bwhy\s+(?:(?:did|was|were|have|has|is)\s+not\s+(?:i|my\s+application)|did\s+i\s+not|i\s+did\s+not|"
    r"was\s+i\s+not|i\s+was\s+not|have\s+i\s+not|i\s+have\s+not|"
    r"i\s+never|i\s+was|was\s+i|my\s+application\s+(?:was|has\s+been)|was\s+my\s+application)\s+"
    r"(?:\w+\s+){0,3}?(?:get|got|receive|received|granted|given|offered|invited|selected|chosen|considered|"
    r"accepted|rejected|declined|extended|successful|shortlisted|screened|invite|interview)\b",
    r"\b(?:feedback|comments|insights?|input|advice|critique)\s+(?:on|about|regarding|concerning|for|of)\s+"
    r"(?:my|the)\s+(?:\w+\s+)?(?:application|candidacy|file|cv|profile|materials)\b",
    r"\b(?:what|how|areas?\s+(?:where|in\s+which))\s+i\s+(?:could|can|should|might|need\s+to|may)\s+"
    r"(?:improve|strengthen|do\s+better|work\s+on)\b(?=[^.!?\n]{0,60}\b(?:application|candidacy|profile|cv|"
    r"next\s+(?:cycle|year|season|match)|reapply|chances)\b)",
    r"\breasons?\s+(?:why\s+)?(?:i\s+was|my\s+application\s+was|for\s+(?:my|the)\s+(?:rejection|application))"
    r"\s*(?:not|rejected|declined|unsuccessful|being\s+rejected)?",
    r"\bwhat\s+(?:made|makes|was\s+wrong\s+with|were\s+the\s+weaknesses\s+(?:in|of))\s+my\s+application\b",
    r"\b(?:weakness|weaknesses|shortcomings|deficiencies)\s+(?:in|of)\s+my\s+application\b",
)


def _feedback_guard(text: str, m: re.Match[str]) -> bool:
    before = _clause_before(text, m.start())
    return not re.search(r"\b(?:thank\s+you|thanks|appreciated|grateful\s+for\s+(?:the|your))\b", before)


_MAIL = (
    r"(?:email|e-mail|mail|message|letter|note|inquiry|enquiry|correspondence|request|question|update|"
    r"thank[- ]you(?:\s+note)?)"
)
_NOT_OTHERS = r"(?![^.!?\n]{0,25}\b(?:other|many|most|several|any\s+other|some)\s+(?:programs?|places|institutions))"
_NUDGE = _c(
    rf"\b(?:follow|following|followed)(?:-|\s)up\s+(?:on|regarding|about|to|with\s+regard\s+to)\s+"
    rf"(?:my\s+(?:previous\s+|prior\s+|earlier\s+|last\s+|recent\s+|initial\s+|original\s+|first\s+)?"
    rf"(?:\w+\s+)?|the\s+(?:previous|prior|earlier|last|initial|original)\s+(?:\w+\s+)?){_MAIL}\b",
    r"\bjust\s+(?:wanted\s+to\s+|writing\s+to\s+|a\s+quick\s+)?follow(?:ing)?(?:-|\s)?up\b"
    r"(?!\s+(?:after|from|following|on\s+(?:the|my|our)\s+(?:interview|visit|conversation)|"
    r"to\s+(?:thank|say|express|share|update|let)))",
    rf"\bdid\s+you\s+(?:receive|get|see|have\s+(?:a|the)\s+chance\s+to\s+(?:read|review|look\s+at|see))\s+"
    rf"(?:my|the)\s+(?:previous\s+|prior\s+|earlier\s+|last\s+|recent\s+)?{_MAIL}",
    rf"\b(?:make\s+sure|ensure|confirm|check)\s+(?:that\s+)?you\s+(?:received|got|saw|have\s+received|"
    rf"had\s+a\s+chance\s+to\s+(?:see|read))\s+my\b",
    r"\b(?:have|has)\s+not\s+(?:yet\s+)?heard\s+(?:back|anything|from\s+you)\b" + _NOT_OTHERS,
    r"\bnot\s+(?:yet\s+)?heard\s+back\b" + _NOT_OTHERS,
    r"\b(?:have|has)\s+not\s+(?:yet\s+)?(?:received|gotten|got)\s+(?:a|any)\s+(?:reply|response|answer)\b",
    r"\bno\s+(?:reply|response|answer)\s+(?:yet|so\s+far)\b",
    rf"\b(?:whether|if)\s+you\s+(?:have\s+)?(?:received|got|saw|had\s+a\s+chance\s+to\s+(?:see|read|review))\s+"
    rf"my\s+(?:previous\s+|earlier\s+|last\s+|prior\s+)?{_MAIL}",
    rf"\bhope\s+you\s+(?:have\s+)?(?:received|got)\s+my\s+(?:previous\s+|earlier\s+|last\s+|prior\s+)?{_MAIL}",
    r"\b(?:did|have)\s+not\s+(?:yet\s+)?(?:get|got|gotten|receive|received)\s+(?:a|any)\s+(?:reply|response|answer)\b"
    + _NOT_OTHERS,
    r"\b(?:checking|check)\s+in\s+again\b",
    rf"\bchecking\s+(?:in|back)\s+(?:on|regarding|about)\s+my\s+(?:previous\s+|earlier\s+|last\s+|prior\s+)?{_MAIL}",
    rf"\b(?:re-?sending|resend|re-send|sending\s+again)\s+(?:you\s+)?(?:my|this|the)\s+"
    rf"(?:previous\s+|earlier\s+)?{_MAIL}",
    rf"\bin\s+case\s+my\s+(?:previous\s+|earlier\s+|last\s+|prior\s+)?{_MAIL}\s+(?:was|got|has\s+been)\s+"
    r"(?:missed|lost|buried|overlooked)",
    r"\bstill\s+(?:awaiting|waiting\s+for|waiting\s+on)\s+(?:your|a)\s+(?:reply|response|answer)\b",
    rf"\bthis\s+is\s+my\s+(?:second|third|2nd|3rd)\s+(?:{_MAIL}|attempt)\b",
    r"\bbump(?:ing)?\s+(?:this|my)\s+(?:email|message|thread)\b",
)

_THANK_YOU = _c(
    r"\bthank(?:s|\s+you)\s+(?:(?:so|very)\s+much\s+|again\s+|once\s+again\s+|sincerely\s+)*for\s+"
    r"(?:(?:the|this|your|a|my|our|yesterday's|today's|last\s+week's)\s+)?(?:(?:wonderful|great|excellent|kind|"
    r"warm|informative|gracious|generous|enjoyable|insightful|amazing|virtual)\s+)*(?:opportunity\s+to\s+"
    r"(?:interview|meet|visit|speak|learn)|interview\b|invitation\s+to\s+interview|hospitality|interviewing\s+me|"
    r"meeting\s+with\s+me|having\s+me|hosting|welcoming|inviting\s+me\s+to\s+interview|conversation|tour|"
    r"interview\s+day|chance\s+to\s+(?:interview|meet|visit|speak))",
    r"\bthank(?:s|\s+you)\s+(?:(?:so|very)\s+much\s+)?for\s+taking\s+(?:the\s+)?time\s+(?:out\s+of\s+your\s+"
    r"(?:busy\s+)?(?:schedule|day)\s+)?(?:to\s+(?:interview|meet|speak|talk|chat|host|show|share|sit\s+down)|"
    r"(?:during|on)\s+(?:my|the|your)|yesterday|today)",
    r"\bi\s+(?:really\s+|thoroughly\s+|truly\s+|greatly\s+|very\s+much\s+|particularly\s+)?enjoyed\s+"
    r"(?:meeting|speaking|talking|our\s+conversation|learning|my\s+interview|the\s+interview|interviewing|"
    r"visiting|the\s+(?:interview\s+)?day|the\s+opportunity|getting\s+to\s+know)",
    r"\bit\s+was\s+(?:a\s+(?:real\s+|great\s+)?pleasure|an\s+honou?r|wonderful|great|so\s+nice|nice)\s+"
    r"(?:to\s+)?(?:meet|meeting|speak|speaking|interview|interviewing|talk|talking)",
    r"\b(?:grateful|appreciative|thankful)\s+(?:to\s+you\s+)?for\s+the\s+(?:opportunity|chance)\s+to\s+"
    r"(?:interview|meet|visit)",
    r"\b(?:i\s+)?(?:appreciated|appreciate)\s+(?:the|your)\s+(?:opportunity|time|hospitality)\s+"
    r"(?:to\s+interview|during|on\s+(?:my|the)\s+interview)",
)
_THANK_YOU_SUBJECT = re.compile(
    r"\bthank(?:s|\s+you)\b(?![^\n]{0,30}\bfor\s+(?:your\s+(?:application|interest|reply|response|email)|"
    r"applying|submitting|registering))"
)

_UPDATE = _c(
    r"\bi\s+(?:wanted|want|would\s+like)\s+to\s+(?:update\s+you|share\s+(?:an|a\s+brief|some|a\s+quick)\s+update|"
    r"give\s+you\s+(?:an|a\s+brief|a\s+quick)\s+update|let\s+you\s+know\s+(?:about|that\s+i\s+(?:have|recently)))",
    r"\bi\s+am\s+(?:pleased|happy|excited|delighted|thrilled|writing)\s+to\s+(?:share|update|announce|let\s+you\s+know|"
    r"inform\s+you\s+that\s+(?:i|my))",
    r"\bletter\s+of\s+(?:intent|interest|continued\s+interest)\b",
    r"\bcontinued\s+(?:and\s+\w+\s+)?interest\b",
    r"\b(?:update|updates)\s+(?:on|regarding|about|to)\s+my\s+(?:application|candidacy|progress|profile|cv)\b",
    r"\bnew(?:ly)?\s+(?:accepted\s+)?(?:publication|paper|manuscript|abstract|poster|award)\b",
    r"\b(?:paper|manuscript|abstract|article|case\s+report|poster|research)\s+"
    r"(?:has\s+been|was|got|have\s+been|were)\s+"
    r"(?:accepted|published|selected)\b",
    r"\bstep\s*(?:3|iii|three)\s+(?:score|result|results|exam)\b",
    r"\b(?:passed|cleared|took)\s+(?:usmle\s+)?step\s*(?:3|iii|2)\b",
    r"\b(?:received|obtained)\s+my\s+(?:ecfmg\s+certif\w*|step\s*3)\b",
    r"\b(?:remain|remains|am\s+still|continue\s+to\s+be)\s+(?:very\s+|highly\s+|extremely\s+|deeply\s+)?"
    r"(?:interested|enthusiastic|excited)\s+(?:in|about)\b",
)
_UPDATE_SUBJECT = re.compile(r"\b(?:update|letter\s+of\s+(?:intent|interest)|continued\s+interest)\b")

_LOGISTICS = _c(
    r"\bre-?schedul\w*|\bschedul(?:e|ing)\s+(?:my|an|the|a)\b",
    r"\bavailab(?:le|ility)\s+(?:dates?|slots?|times?|on|for)\b",
    r"\bconfirm\s+(?:my\s+)?(?:attendance|participation|interview|availability|registration|spot)\b",
    r"\b(?:parking|hotel|lodging|accommodations?|flight|directions|zoom\s+link|meeting\s+link|webex|"
    r"virtual\s+interview\s+link|dress\s+code|pre-interview\s+dinner|social\s+event|second\s+look|"
    r"travel\s+(?:arrangements|reimbursement|plans))\b",
    r"\b(?:j-?1|h-?1b|visa|visas|sponsor|sponsorship|sponsors|ecfmg\s+certificat\w*|work\s+permit|ead)\b",
    r"\b(?:documents?|transcripts?|paperwork|forms?|background\s+check|license|credentials?)\s+"
    r"(?:you\s+(?:need|require|requested)|required|needed|requested|attached)\b",
    r"\b(?:withdraw|withdrawing|cancel|cancell?ing)\s+(?:my|the)\s+(?:interview|application)\b",
    r"\binterview\s+(?:date|time|slot|schedule|link|location|day\s+schedule)\b",
    r"\btime\s+zone\b",
)

_REQUEST = _c(
    r"\b(?:could|would|can|will)\s+you\s+(?:please\s+|kindly\s+|possibly\s+)?(?:be\s+(?:able|willing)\s+to\s+)?"
    r"(?!(?:not)\b)(?:send|write|provide|share|tell|let|advise|confirm|help|schedule|meet|talk|speak|call|"
    r"consider|review|forward|recommend|clarify|explain|give|inform|arrange|look|put|connect|introduce|check)\b",
    r"\bwould\s+it\s+be\s+possible\b|\bis\s+it\s+possible\s+(?:for\s+me\s+)?to\b",
    r"\bi\s+would\s+(?:be\s+(?:very\s+|most\s+|truly\s+|so\s+)?(?:grateful|thankful|honou?red|obliged)|"
    r"(?:greatly\s+|really\s+|truly\s+)?appreciate\s+it)\s+if\s+you\s+(?:could|would|can)\b",
    r"\bmay\s+i\s+(?:ask|request|schedule|have|set\s+up|arrange|send)\b",
    r"\bi\s+would\s+like\s+to\s+(?:request|ask\s+(?:you|for|if|whether|about)|schedule|set\s+up|arrange)\b",
    r"\bi\s+(?:was|am)\s+wondering\s+(?:if|whether)\b",
    r"\bplease\s+(?:let\s+me\s+know\s+(?!if\s+(?:you|there)\s+(?:have|need|is|are)\s+(?:any|anything))|send|"
    r"provide|advise|share|confirm|tell|inform|forward|clarify)\b",
    r"\b(?:letter\s+of\s+recommendation|recommendation\s+letter|reference\s+letter|letter\s+of\s+support)\b",
)
_QUESTION = re.compile(r"(?:^|(?<=[.!?\n]))([^.!?\n]+)\?")
_SMALL_TALK = re.compile(r"\b(?:how\s+are\s+you|how\s+have\s+you\s+been|how\s+is\s+(?:everything|it\s+going))\b")


def _asks_question(text: str) -> bool:
    for m in _QUESTION.finditer(text):
        sentence = m.group(1)
        if len(sentence.split()) >= 4 and not _SMALL_TALK.search(sentence):
            return True
    return False


# Inbound: the program's words.

_OFFER_NOUN = (
    r"(?:(?:pgy-?\s?\d|categorical|preliminary|prelim|advanced|residency|resident|training|house\s*staff|"
    r"guaranteed|first[- ]year|intern|internship|pre-?match|post)\s+)*(?:position|spot|place|contract|"
    r"residency\s+position|training\s+position|job)\b"
)
_OFFER = _c(
    rf"\boffer\s+you\s+(?:a|an|the|our)\s+{_OFFER_NOUN}",
    r"\bpre[- ]?match\s+(?:offer|contract|position|agreement)\b",
    r"\b(?:commitment|intent\s+to\s+commit)\s+(?:letter|form)\b|\bletter\s+of\s+commitment\b",
    r"\bsign\s+(?:and\s+return\s+)?(?:the|this|our|your|a)\s+(?:attached\s+|enclosed\s+)?"
    r"(?:\w+\s+)?(?:contract|agreement|commitment\s+letter|offer\s+letter|letter\s+of\s+intent)\b",
    r"\bplease\s+sign\s+and\s+return\b",
    r"\b(?:position|contract|offer|positions|offered)\s+outside\s+(?:of\s+)?the\s+(?:nrmp\s+)?match\b",
    rf"\b(?:extend|make)\s+(?:you\s+)?an\s+offer\s+(?:of|for)\s+(?:a|an)\s+{_OFFER_NOUN}",
    r"\b(?:whether|if)\s+you\s+(?:will|would|can)\s+commit\s+to\s+(?:our|the|this|us)\b",
    r"\bcommit\s+to\s+(?:our|the|this)\s+program\s+by\s+sign",
    r"\boffer\s+(?:you\s+)?(?:\w+\s+){0,4}?outside\s+(?:of\s+)?the\s+match\b",
    r"\bif\s+you\s+(?:can\s+|will\s+|are\s+willing\s+to\s+|agree\s+to\s+)?(?:commit|sign)\b(?!\s+up)",
    r"\b(?:accept|accepting)\s+(?:this|our|the)\s+offer\s+(?:by|before|within)\b",
    r"\b(?:we\s+(?:would\s+like|want|need)\s+you\s+to|please|are\s+you\s+(?:willing|able)\s+to)\s+commit\s+to\s+"
    r"(?:our|the|this|us)\b",
)


_FORBIDDEN_AFTER = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:are|is|will\s+be)\s+(?:not|prohibited|forbidden|against|illegal|a\s+violation)"
)


def _offer_guard(text: str, m: re.Match[str]) -> bool:
    start = text.rfind("\n", 0, m.start()) + 1
    sentence = text[max(start, m.start() - 160) : m.end() + 80]
    if re.search(r"\boffer\s+you\s+an?\s+(?:interview|invitation)", m.group(0)):
        return False
    after = text[m.end() : m.end() + 40]
    if _FORBIDDEN_AFTER.match(after):
        return False  # "pre-match offers are not permitted"
    return not (
        re.search(r"\b(?:spot|place|commit|sign)\b", m.group(0))
        and re.search(r"\b(?:interview|wait\s*-?list|session|date|social|dinner|tour)\b", sentence)
    )


_RANK_INQUIRY = _c(
    r"\b(?:where|how)\s+(?:will|would|do|are|might)\s+you\s+(?:plan\s+to\s+|intend\s+to\s+|going\s+to\s+)?"
    r"(?:rank|ranking|place)\s+(?:us|our\s+program|this\s+program|the\s+program|our\s+residency)\b",
    r"\b(?:how|where)\s+(?:high|highly)\s+(?:will|would|do)\s+you\s+(?:plan\s+to\s+)?rank\b",
    r"\b(?:are|is)\s+(?:we|our\s+program|the\s+program|this\s+program)\s+(?:still\s+)?your\s+"
    rf"(?:{_N1}|top|highest)\s*(?:choice|pick|program)?\b",
    r"\b(?:will|would|do)\s+you\s+(?:plan\s+to\s+|intend\s+to\s+)?(?:be\s+)?rank(?:ing)?\s+"
    r"(?:us|our\s+program|the\s+program|"
    r"this\s+program)\s+(?:first|#\s?1|number\s+one|highly|high|at\s+the\s+top|to\s+match)",
    r"\b(?:which|what)\s+other\s+(?:programs?|institutions|places|hospitals)\s+(?:did|have|are|will)\s+you\s+"
    r"(?:\w+\s+)?(?:apply|applied|interview|interviewed|interviewing|considering|ranking|rank)",
    r"\b(?:are|is)\s+(?:we|our\s+program)\s+(?:still\s+)?(?:at\s+the\s+top\s+of|high\s+on|on\s+top\s+of)\s+"
    r"your\s+(?:rank\s+)?list\b",
    r"\bwhich\s+(?:other\s+)?programs\s+(?:you\s+are|are\s+you)\s+(?:considering|ranking|interviewing)",
    r"\bwhere\s+else\s+(?:did|have|are)\s+you\s+(?:\w+\s+)?(?:apply|applied|interview|interviewed|interviewing)",
    r"\blet\s+us\s+know\s+(?:if|whether|how)\s+you\s+(?:will|plan\s+to|intend\s+to|would)\s+rank\s+"
    r"(?:us|our\s+program|the\s+program)",
    r"\b(?:share|tell\s+us|let\s+us\s+know|inform\s+us\s+of)\s+(?:about\s+)?your\s+(?:ranking|rank|rank\s+order)\s+"
    r"(?:plans|intentions|list|order|preferences)\b",
    r"\b(?:where|how)\s+(?:we|our\s+program)\s+(?:stand|stands|fall|falls|rank|ranks)\s+on\s+your\s+(?:rank\s+)?list\b",
)

_THANKS = r"(?:thank[- ]you|thank\s+you|post-interview|follow-up|follow\s+up)"
_NO_CONTACT = _c(
    r"\b(?:we|our\s+program|the\s+program|our\s+department)\s+(?:do|does|will)\s+not\s+(?:accept|require|expect|"
    r"need|encourage|read|respond\s+to|consider|request|want)\s+(?:any\s+)?(?:"
    rf"(?:(?:post-interview|{_THANKS})\s+){{1,2}}(?:notes?|letters?|emails?|cards?|communications?|contact|"
    r"correspondence|messages?)|(?:further|additional)\s+(?:communications?|contact|correspondence)"
    r"|(?:communications?|contact|correspondence)\s+after\s+(?:the|your)\s+interview)\b",
    rf"\bno\s+(?:post-interview\s+)?{_THANKS}?\s*(?:notes?|letters?|emails?|cards?|communications?)\s+"
    r"(?:are|is|will\s+be)\s+(?:necessary|needed|required|expected)\b",
    r"\bno\s+(?:further|additional|post-interview)\s+(?:communication|contact|correspondence)\s+(?:is|will\s+be)\s+"
    r"(?:necessary|needed|required|expected)\b",
    r"\bno\s+need\s+(?:for|to\s+send)\s+(?:any\s+)?(?:further\s+|additional\s+|post-interview\s+)?"
    rf"(?:contact|communication|correspondence|{_THANKS}|notes|letters|emails)\b",
    r"\bplease\s+(?:do\s+not|refrain\s+from)\s+(?:send|sending|contact|contacting|email|emailing)\s+"
    rf"(?:us\s+)?(?:any\s+)?(?:{_THANKS}|post-interview|letters|notes|emails|further)",
    r"\b(?:ask|request)\s+(?:that\s+)?(?:you\s+)?(?:do\s+not|not\s+to|refrain\s+from)\s+send(?:ing)?\s+(?:any\s+)?"
    rf"(?:{_THANKS}|post-interview|letters|notes|emails)",
    r"\bwe\s+will\s+not\s+(?:be\s+)?(?:respond|responding|reply|replying)\s+to\s+(?:any\s+)?"
    rf"(?:post-interview|{_THANKS})",
    rf"\b(?:post-interview|{_THANKS})\s+(?:communications?|contact|correspondence|notes?|letters?|emails?)\s+"
    r"(?:will|does|do|is|are)\s+(?:not|neither)\s+(?:affect|influence|impact|change|be\s+considered|necessary|needed|"
    r"required|expected|be\s+read)",
    r"\b(?:communications?|contact|correspondence|thank[- ]you\s+(?:notes?|letters?|emails?)|letters|emails)\b"
    r"[^.!?\n]{0,60}\b(?:will|does|do)\s+not\s+(?:affect|influence|impact)\s+(?:your|the|our)\s+"
    r"(?:rank|ranking|rank\s+list)\b",
)

_INVITATION = _c(
    r"\b(?:pleased|happy|delighted|excited|honou?red)\s+to\s+(?:invite|offer)\s+you\s+(?:an?\s+|to\s+)?"
    r"(?:interview|virtual\s+interview|in-person\s+interview)",
    r"\b(?:like|wish|want)\s+to\s+invite\s+you\s+(?:to|for)\s+(?:an?\s+)?(?:\w+\s+)?interview",
    r"\binvite\s+you\s+to\s+(?:\w+\s+)?interview\b",
    r"\b(?:interview\s+invitation|invitation\s+to\s+interview|invited\s+to\s+interview)\b",
    r"\boffer\s+you\s+an\s+(?:\w+\s+)?interview\b",
    r"\b(?:schedule|select|choose|book|sign\s+up\s+for)\s+(?:your|an)\s+interview\b",
    r"\bextend\s+(?:you\s+)?an\s+(?:interview\s+)?invitation\b",
)
_REJECTION = _c(
    r"\bregret\s+to\s+inform\s+you\b",
    r"\bregret\s+that\s+we\s+(?:are|were)\s+(?:unable|not\s+able)\b",
    r"\b(?:unable|not\s+able)\s+to\s+(?:offer|extend)\s+(?:you\s+)?(?:an?\s+)?(?:interview|invitation|position)",
    r"\bwill\s+not\s+be\s+(?:able\s+to\s+)?(?:offering|extending|inviting)\s+you\b",
    r"\b(?:position|positions|spots?)\s+(?:has|have)\s+(?:now\s+)?(?:already\s+)?been\s+filled\b",
    r"\bnot\s+(?:been\s+)?selected\s+(?:for|to)\s+(?:an?\s+)?interview",
    r"\b(?:unable|decided\s+not|not\s+be\s+able)\s+to\s+move\s+forward\s+with\s+your\s+application\b",
    r"\bwill\s+not\s+be\s+moving\s+forward\b",
    r"\binterview\s+(?:season|slots?|spots?|schedule)\s+(?:is|are|has\s+been)\s+(?:now\s+)?(?:full|filled)\b",
    r"\bunfortunately,?\s+(?:we|your\s+application)\s+(?:are|were|was|have|has|will|can)\s+(?:not|unable)\b",
)
_INVITATION_SUBJECT = re.compile(r"\binterview\s+invitation\b|\binvitation\s+to\s+interview\b")


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


def _minhash(words: list[str]) -> tuple[int, ...]:
    if len(words) < 3:
        shingles = {" ".join(words)}
    else:
        shingles = {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}
    mins = [2**32 - 1] * MINHASH_SIZE
    for shingle in shingles:
        data = shingle.encode()
        values: list[int] = []
        for person in _MINHASH_SEEDS:
            digest = hashlib.blake2b(data, digest_size=64, person=person).digest()
            values.extend(int.from_bytes(digest[i : i + 4], "big") for i in range(0, 64, 4))
        mins = [min(a, b) for a, b in zip(mins, values)]
    return tuple(mins)


def similarity(a: Features, b: Features) -> float:
    """Estimate the Jaccard similarity of two bodies' word 3-shingles from their MinHashes.

    Returns 1.0 for identical fingerprints, 0.0 when either MinHash is empty (too
    short to compare) or the signatures differ in length.
    """
    if a.fingerprint and a.fingerprint == b.fingerprint:
        return 1.0
    if not a.minhash or not b.minhash or len(a.minhash) != len(b.minhash):
        return 0.0
    return sum(x == y for x, y in zip(a.minhash, b.minhash)) / len(a.minhash)


# ----------------------------------------------------------------------- analyze

def _word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['\u2019-][^\W_]+)*", text))


def analyze(subject: str, own_words: str, programs: Sequence[Program]) -> Features:
    """Return the :class:`Features` of a message: matched phrases, flags, mentions, fingerprint.

    ``own_words`` is the text without quotes, forwards and signatures (the greeting
    kept). Phrases are short and lower-cased. Pure: no I/O; never raises on odd text.
    """
    cleaned = _clean(own_words)
    cleaned_subject = _clean(subject)
    body = _normalize(_replace_names(cleaned, programs, "the program"))
    subj = _normalize(_replace_names(cleaned_subject, programs, "the program"))
    both = f"{subj}\n{body}" if subj else body

    first_choice = _find(body, _FIRST_CHOICE, in_questions=False, negated=False, guard=_first_choice_guard)
    request = _any(body, _REQUEST, negated=False) or _asks_question(body)

    normalized = normalize_for_fingerprint(own_words, programs)
    words = normalized.split()
    long_enough = len(words) >= MIN_FINGERPRINT_WORDS
    return Features(
        first_choice=first_choice,
        conditional_commitment=_find(body, _CONDITIONAL, in_questions=False, negated=False),
        placeholders=_placeholders(f"{cleaned_subject}\n{cleaned}"),
        desperate=_find(body, _DESPERATE),
        emotional=_find(body, _EMOTIONAL, negated=False),
        feedback_request=_find(body, _FEEDBACK, guard=_feedback_guard),
        nudge=_find(body, _NUDGE, negated=False),
        thank_you=_any(body, _THANK_YOU, negated=False) or bool(_THANK_YOU_SUBJECT.search(subj)),
        update=_any(both, _UPDATE, negated=False) or bool(_UPDATE_SUBJECT.search(subj)),
        logistics=_any(both, _LOGISTICS),
        request=request,
        offer=_find(both, _OFFER, negated=False, guard=_offer_guard),
        rank_inquiry=_find(body, _RANK_INQUIRY, negated=False),
        no_contact_policy=_find(body, _NO_CONTACT),
        invitation=_any(body, _INVITATION, negated=False) or bool(_INVITATION_SUBJECT.search(subj)),
        rejection=_any(body, _REJECTION),
        mentions=mentioned_programs(f"{subject}\n{own_words}", programs),
        fingerprint=hashlib.sha1(normalized.encode()).hexdigest() if long_enough else "",
        minhash=_minhash(words) if long_enough else (),
        word_count=_word_count(own_words),
    )
