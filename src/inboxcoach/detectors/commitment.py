"""conditional_commitment: a promise to come made conditional on being ranked or matched.

Phrases (``CONDITIONAL``: "if you rank me highly, I will sign") and sentences that hold
a condition on being ranked/matched (``CONDITION_CUES``) and a promise to come
(``COMMITMENT_CUES``) together; never in a question or negated.
"""

from __future__ import annotations

from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import find, merge, span, table

__all__ = ["DETECTOR"]

_VERB_COMMIT = r"(?:come|sign|attend|accept|match|join|commit|choose|be\s+there|be\s+yours|rank\s+you)"
_RANKS_ME = (
    r"(?:rank|ranks|ranked|match|matches|accept|accepts|select|selects|choose|chooses|"
    r"offer\s+me\s+(?:a|the)\s+(?:position|spot|place|contract))"
)

CONDITIONAL = table(
    rf"\bif\s+(?:you|your\s+program|the\s+program|we)\s+(?:\w+\s+){{0,2}}?{_RANKS_ME}\s*(?:me\b)?"
    rf"[^.!?\n]{{0,80}}?\bi\s+(?:will|would|shall|am going to|promise|guarantee|commit)\b"
    rf"(?:\s+\w+){{0,3}}?\s+{_VERB_COMMIT}",
    rf"\bi\s+(?:will|would|shall|am going to|promise to|guarantee to)\s+(?:\w+\s+){{0,2}}?{_VERB_COMMIT}\b"
    rf"[^.!?\n]{{0,60}}?\bif\s+(?:you|your\s+program|the\s+program)\s+(?:\w+\s+){{0,2}}?{_RANKS_ME}",
    rf"\bi\s+(?:can\s+|will\s+|do\s+)?(?:promise|guarantee|assure\s+you|give\s+you\s+my\s+word|commit)\s+"
    rf"(?:you\s+)?(?:that\s+)?"
    rf"(?:i\s+(?:will|would|shall)|to)\s+(?:\w+\s+){{0,2}}?{_VERB_COMMIT}",
    r"\bif\s+(?:i\s+am\s+)?(?:offered|given|matched|ranked|selected|accepted)\b[^.!?\n]{0,60}?"
    r"\bi\s+(?:will|would)\s+(?:\w+\s+){0,2}?(?:accept|come|sign|attend|join)\b",
    r"\brank\s+me\s+to\s+match\b[^.!?\n]{0,60}?\bi\s+(?:will|would|promise)\b",
    rf"\brank\s+me\s+(?:first\s+|highly\s+)?and\s+i\s+(?:will|promise|guarantee)\s+(?:\w+\s+){{0,2}}?{_VERB_COMMIT}",
)

# conditional_commitment: a condition on being ranked/matched + a promise to come.
CONDITION_CUES = table(
    r"\b(?:if|should|once|when|provided(?:\s+that)?|as\s+long\s+as|assuming)\s+(?:you|your\s+(?:\w+\s+)?program|"
    r"the\s+program|your\s+team|we|they)\s+(?:\w+\s+){0,3}?(?:rank|ranks|ranked|match|matches|select|selects|"
    r"choose|chooses|offer|offers|accept|accepts|take|takes)\b",
    r"\b(?:if|should|once|provided(?:\s+that)?|as\s+long\s+as|assuming)\s+(?!i\b)(?:[\w'&.-]+\s+){1,5}?(?:rank|ranks|"
    r"match|matches|select|selects|choose|chooses|offer|offers|take|takes)\s+me\b",
    r"\b(?:if|should|once|when|provided(?:\s+that)?|as\s+long\s+as|assuming)\s+i\s+(?:am\s+|get\s+|were\s+|was\s+|"
    r"end\s+up\s+|do\s+)?(?:\w+\s+)?(?:match|matched|matching|ranked|offered|selected|accepted|chosen|given)\b",
    r"\bif\s+(?:ranked|matched|selected|offered|chosen)\b",
    r"\bshould\s+i\s+(?:match|be\s+(?:ranked|matched|selected|offered))\b",
    r"\brank\s+me\s+(?:\w+\s+){0,3}?and\s+i\b",
)
COMMITMENT_CUES = table(
    r"\bi\s+(?:will|would|shall|am\s+going\s+to|promise\s+(?:to|i\s+will|that\s+i\s+will)|commit\s+to|guarantee|"
    r"can\s+promise|assure\s+you\s+i\s+(?:will|would))\s+"
    r"(?:(?:definitely|certainly|surely|absolutely|immediately|happily|gladly|readily|100%|without\s+(?:a\s+|any\s+)?"
    r"(?:second\s+thought|hesitation|question|doubt|hesitating)|not\s+hesitate\s+to|be\s+sure\s+to|right\s+away|"
    r"instantly|unreservedly|wholeheartedly|then)\s+)*"
    r"(?:accept\w*|sign(?:ing)?(?!\s+up)\b|com(?:e|ing)\b(?!\s+(?:back|ready|prepared|in\b|to\s+(?:learn|work|the\s+"
    r"(?:dinner|social|second|event))))|be\s+there\b|be\s+yours\b|commit\w*|join(?:ing)?\b|attend(?:ing)?\b"
    r"(?!\s+the\s+(?:dinner|social|second|event))|choos\w*|tak(?:e|ing)\s+(?:the|your|that)\s+(?:position|spot|offer|"
    r"place))",
    r"\b(?:you\s+have\s+my\s+word|consider\s+it\s+a\s+promise|i\s+(?:give\s+you\s+my\s+word|promise|guarantee)|"
    r"(?:you\s+can\s+)?count\s+on\s+me\s+to\s+(?:accept|sign|come|join|be\s+there))\b",
)


def _conditional_sentences(t: Texts) -> tuple[str, ...]:
    """A condition on being ranked or matched and a promise to come, in one sentence."""
    conditions, promises = t.scan.active(CONDITION_CUES), t.scan.active(COMMITMENT_CUES)
    found: list[str] = []
    for _, sentence, question in t.sentences((CONDITION_CUES, COMMITMENT_CUES)):
        if question:
            continue
        condition = next((m for p in conditions for m in p.finditer(sentence)), None)
        promise = next((m for p in promises for m in p.finditer(sentence)), None)
        if condition and promise:
            found.append(span(sentence, (condition, promise)))
    return tuple(found)


def detect(t: Texts) -> dict[str, Any]:
    return {
        "conditional_commitment": merge(
            find(t.body, t.scan.active(CONDITIONAL), in_questions=False, negated_ok=False),
            _conditional_sentences(t) if t.scan.all(CONDITION_CUES, COMMITMENT_CUES) else (),
        )
    }


DETECTOR = Detector(
    name="commitment",
    side="out",
    fields=("conditional_commitment",),
    needs=((CONDITIONAL,), (CONDITION_CUES, COMMITMENT_CUES)),
    detect=detect,
)
