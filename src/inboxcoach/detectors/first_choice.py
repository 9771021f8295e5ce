"""first_choice (a "#1" statement) and rank_interest (a ranking message short of one).

A "#1 statement" is what the multiple-first-choice and first-choice-outside-window
rules count: the applicant tells a program it is their first choice or that it will
be ranked first. Two layers find it, both in the applicant's words:

- phrases (``FIRST_CHOICE``): each match is a statement on its own, unless it sits in
  a question, or :func:`_guard` vetoes it ("one of my top choices", "my first choice
  of interview dates", "ranked first in my class", "anesthesiology is my first choice");
- sentences (``FIRST_CHOICE_CUES``, ``FIRST_CHOICE_SLOT``): a top position bound to the
  applicant's own rank list in one sentence, never negated, never "one of".

``rank_interest`` ("I will rank you highly", "one of my top choices") is read only
when there is no #1 statement.
"""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import clause_before, find, merge, negated, phrase, table
from inboxcoach.detectors.vocabulary import N1, N1_STRONG

__all__ = ["DETECTOR"]

MANY = re.compile(r"\b(?:one of|among|some of|several|a few of|two of|three of)\b")
DATEISH = re.compile(
    r"\b(?:date|dates|day|days|slot|slots|time|times|session|sessions|option|options|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|\d+(?:st|nd|rd|th)?)\b"
)
NOT_A_PROGRAM_AFTER = re.compile(
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
SPECIALTY_SUBJECT = re.compile(
    r"^\s*(?:(?:and|so|truly|honestly|the (?:field|specialty) of)\s+)*"
    r"(?:anesthesiology|anesthesia|anaesthesia|anaesthesiology|this specialty|this field|"
    r"the specialty|medicine|surgery|pediatrics|psychiatry|radiology|neurology)\s+"
    r"(?:\w+\s+){0,3}$"
)

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
_RANK_TOP = rf"(?:{N1}|highest|at\s+the\s+(?:very\s+)?top)"

FIRST_CHOICE = table(
    # "you are my #1", "Riverside remains my number one program"
    rf"{_SUBJECT}\b(?:are|is|remain|remains|be|been|become|becomes|became)\s+{_ADV}my\s+{_ADJ}"
    rf"{N1_STRONG}(?:\s+(?:and|&)\s+only)?(?:[- ]ranked)?(?:[- ](?:choice|pick|program|residency)\b(?!s))?"
    rf"(?=\s*(?:[.!,;:)\n]|$|-\s|and\b|but\b|on\s+my\b|in\s+my\b|program\b|residency\b|place\b|spot\b|choice\b))",
    # "you are my first." -- bare "first" only in the present, never "was my first"
    rf"{_SUBJECT}\b(?:are|is|remain|remains|be|become|becomes)\s+{_ADV}my\s+{_ADJ}(?:first|1st)"
    rf"(?:\s+(?:and|&)\s+only)?(?=\s*(?:[.!;\n]|$|on\s+my\b))",
    # "my first choice", "my #1 choice program", "my first-choice program"
    rf"\bmy\s+{_ADJ}{N1}(?:\s+(?:and|&)\s+only)?[- ]?(?:choice|pick|preference|selection)\b(?!s)",
    rf"\bmy\s+{_ADJ}(?:{N1}|highest|top)[- ]ranked\s+(?:program|residency|choice)\b(?!s)",
    rf"\bmy\s+{_ADJ}{N1_STRONG}\s+(?:program|residency|place|spot)\b(?!s)",
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
    rf"(?<![\w#]){N1}\s+(?:on|in)\s+my\s+{_LIST}",
    rf"\b(?:at|to)\s+the\s+(?:very\s+)?top\s+of\s+my\s+{_LIST}",
)

# first_choice: a top rank position bound to the applicant's own rank list/choice.
_POSITION = (
    rf"(?:{N1}|top|highest|lead|leading|(?:very\s+)?first)(?:[- ](?:ranked|place|spot|position|slot|program|"
    r"choice|one))?"
)
_MY_LIST = r"my\s+(?:own\s+)?(?:(?:final|rank|ranking|rank\s+order|match|nrmp|certified)\s+)*(?:list|rol)\b(?!\s+of\b)"
FIRST_CHOICE_CUES = table(
    # "the first program on my rank list", "#1 spot on my ROL", "first place on my list"
    rf"(?<![\w#]){_POSITION}\s+(?:(?:program|choice|place|spot|position|slot|one|entry)\s+)?(?:on|in|of|atop)\s+"
    rf"{_MY_LIST}",
    # "your program will top my rank list", "tops my list"
    rf"\b(?:top|tops|topping|head|heads|heading|lead|leads|leading)\s+{_MY_LIST}",
    # "I'm ranking you in the first spot", "rank it in the #1 position"
    rf"\b(?:rank|ranks|ranked|ranking|place|placed|placing|put|putting|list|listing)\s+{_OBJECT}\s+"
    rf"(?:in|at|into)\s+(?:the\s+|my\s+)?(?:very\s+)?(?:{N1}|top)\s+(?:spot|place|position|slot)\b",
    # "the one I'll rank highest", "the program I plan to rank first"
    rf"\b(?:the\s+(?:one|program|place)|which|that)\s+i\s+(?:will|would|plan\s+to|intend\s+to|am\s+going\s+to|"
    rf"have\s+decided\s+to|am|have)\s+(?:\w+\s+){{0,2}}?(?:rank|ranking|ranked|put|putting|place|placing)\s+"
    rf"(?:it\s+)?(?:as\s+)?(?:my\s+)?(?:{N1}|highest|at\s+the\s+(?:very\s+)?top)"
    r"(?=\s*(?:[.!,;:)\n]|$|-\s|is\b|will\b|would\b|and\b|on\b|in\b|when\b))",
    # "my rank list will have the program at the top", "my list starts with the program"
    rf"\b{_MY_LIST}\s+(?:will\s+|is\s+going\s+to\s+)?(?:have|has|show|shows|put|puts)\s+(?:[\w'&-]+\s+){{1,4}}?"
    rf"(?:at\s+the\s+(?:very\s+)?top|first|{N1_STRONG}|in\s+(?:the\s+)?first\s+place)\b",
    rf"\b{_MY_LIST}\s+(?:will\s+)?(?:start|starts|begin|begins|open|opens)\s+with\b",
    # "I plan to rank the program as my number one"
    rf"\brank(?:ing|ed)?\s+{_OBJECT}\s+as\s+my\s+{N1_STRONG}{_RANK_END}",
)
# A position with no list named needs the rank list somewhere in the sentence.
FIRST_CHOICE_SLOT = re.compile(
    rf"\b(?:in|at|into|take|takes|taking|hold|holds|holding|earn|earned|get|gets|occupy|occupies)\s+(?:the\s+)?"
    rf"(?:very\s+)?(?:{N1}|top)\s+(?:spot|place|position|slot)\b"
)
INTERVIEW_SCHEDULING = re.compile(r"\binterview\s+(?:day|date|schedule|slot|session)s?\b|\bsession\b|\bsecond\s+look\b")
RANK_LIST_CONTEXT = re.compile(r"\b(?:rank|ranks|ranking|ranked|rol)\b|\b(?:my|the)\s+(?:\w+\s+)?list\b")
# "one of my first choices", "among the first on my list", "my first rank list ever"
FIRST_CHOICE_VETO = re.compile(
    r"\b(?:one\s+of|among|some\s+of|several\s+of|a\s+few\s+of|two\s+of|three\s+of)\b"
    r"|\b(?:near|close\s+to|towards?|around)\s+the\s+(?:very\s+)?top\b"
    r"|\b(?:first|#\s?1|number\s+one)\s+(?:\w+\s+){0,5}(?:to|that|who)\s+(?:invite|invited|respond|responded|reply|"
    r"replied|contact|contacted|interview|interviewed|offer|offered)\b"
)

# rank interest: a ranking message short of a #1 statement ("top choice", "rank you highly")
# — allowed to several programs, but it makes a reply a ranking message (a contact).
RANK_INTEREST = table(
    r"\b(?:i\s+(?:will|would|plan\s+to|intend\s+to|am\s+going\s+to)\s+(?:be\s+)?rank(?:ing)?|ranking)\s+"
    r"(?!(?:this|the|that|my|our)\s+(?:experience|day|visit|interview|rotation|time|tour|talk|session)\b)"
    r"(?:you|your\s+(?:program|residency|department)|the\s+program|[\w.&'-]+(?:\s+[\w.&'-]+){0,3}?)\s+"
    r"(?:very\s+|quite\s+|extremely\s+)?(?:highly|high|near\s+the\s+top|among\s+my\s+top)",
    # "my top choice for interview dates" is about dates, not ranking
    r"\b(?:one\s+of\s+)?my\s+(?:very\s+)?top\s+(?:choices?|programs?|picks?)\b"
    r"(?!\s+(?:for|of)\s+(?!(?:residency|training|the\s+match|match|anesthesi)))",
    r"\b(?:very\s+|quite\s+)?high\s+on\s+my\s+(?:rank\s+)?list\b",
    r"\bnear\s+the\s+top\s+of\s+my\s+(?:rank\s+)?list\b",
)


def _guard(text: str, m: re.Match[str]) -> bool:
    """Not a #1 statement: "I have been ranked first in my class", "one of", a date or
    interview slot, a specialty ("anesthesiology is my first choice")."""
    before = clause_before(text, m.start())
    if re.match(r"(?:will|would|shall|going|has|have)\b", m.group(0)) and re.search(r"\b(?:i|we)\s*$", before):
        return False  # "I have been ranked first in my class"
    if MANY.search(before):
        return False
    if DATEISH.search(" ".join(before.split()[-4:])):
        return False
    if NOT_A_PROGRAM_AFTER.search(text[m.end() : m.end() + 60]):
        return False
    return not SPECIALTY_SUBJECT.match(before)


def _first_choice_sentences(t: Texts) -> tuple[str, ...]:
    """A top rank position bound to the applicant's own rank list, never "one of" or negated."""
    cues = t.scan.active(FIRST_CHOICE_CUES)
    slot_possible = t.scan.all((FIRST_CHOICE_SLOT,), (RANK_LIST_CONTEXT,))
    found: list[str] = []
    for _, sentence, question in t.sentences((FIRST_CHOICE_CUES,), ((FIRST_CHOICE_SLOT,), (RANK_LIST_CONTEXT,))):
        if question or FIRST_CHOICE_VETO.search(sentence):
            continue
        for pattern in cues:
            for m in pattern.finditer(sentence):
                if negated(sentence, m.start(), 6) or not _guard(sentence, m):
                    continue
                found.append(phrase(m.group(0)))
        slot = FIRST_CHOICE_SLOT.search(sentence) if slot_possible else None
        if (
            slot
            and RANK_LIST_CONTEXT.search(sentence)
            and not INTERVIEW_SCHEDULING.search(sentence)
            and not negated(sentence, slot.start(), 6)
            and _guard(sentence, slot)
        ):
            found.append(phrase(slot.group(0)))
    return tuple(found)


def detect(t: Texts) -> dict[str, Any]:
    in_sentences = t.scan.any(FIRST_CHOICE_CUES) or t.scan.all((FIRST_CHOICE_SLOT,), (RANK_LIST_CONTEXT,))
    first_choice = merge(
        find(t.body, t.scan.active(FIRST_CHOICE), in_questions=False, negated_ok=False, guard=_guard),
        _first_choice_sentences(t) if in_sentences else (),
    )
    if first_choice:
        return {"first_choice": first_choice, "rank_interest": ()}
    rank_interest = find(t.body, t.scan.active(RANK_INTEREST), in_questions=False, negated_ok=False)
    return {"first_choice": (), "rank_interest": rank_interest}


DETECTOR = Detector(
    name="first_choice",
    side="out",
    fields=("first_choice", "rank_interest"),
    needs=((FIRST_CHOICE,), (FIRST_CHOICE_CUES,), ((FIRST_CHOICE_SLOT,), (RANK_LIST_CONTEXT,)), (RANK_INTEREST,)),
    detect=detect,
)
