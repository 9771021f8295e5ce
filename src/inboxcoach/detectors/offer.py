"""offer: a program offers a position or asks for a commitment outside the Match
(a pre-match offer, a contract to sign) -- in the program's words. Not an interview
offer, not a line saying such offers are forbidden.
"""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import find, table

__all__ = ["DETECTOR"]

_OFFER_NOUN = (
    r"(?:(?:pgy-?\s?\d|categorical|preliminary|prelim|advanced|residency|resident|training|house\s*staff|"
    r"guaranteed|first[- ]year|intern|internship|pre-?match|post)\s+)*(?:position|spot|place|contract|"
    r"residency\s+position|training\s+position|job)\b"
)
OFFER = table(
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


FORBIDDEN_AFTER = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:are|is|will\s+be)\s+(?:not|prohibited|forbidden|against|illegal|a\s+violation)"
)


def _guard(text: str, m: re.Match[str]) -> bool:
    start = text.rfind("\n", 0, m.start()) + 1
    sentence = text[max(start, m.start() - 160) : m.end() + 80]
    if re.search(r"\boffer\s+you\s+an?\s+(?:interview|invitation)", m.group(0)):
        return False
    after = text[m.end() : m.end() + 40]
    if FORBIDDEN_AFTER.match(after):
        return False  # "pre-match offers are not permitted"
    return not (
        re.search(r"\b(?:spot|place|commit|sign)\b", m.group(0))
        and re.search(r"\b(?:interview|wait\s*-?list|session|date|social|dinner|tour)\b", sentence)
    )


def detect(t: Texts) -> dict[str, Any]:
    return {"offer": find(t.both, t.scan.active(OFFER), negated_ok=False, guard=_guard)}


DETECTOR = Detector(name="offer", side="in", fields=("offer",), needs=((OFFER,),), detect=detect)
