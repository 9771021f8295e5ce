"""feedback_request: asking why the application fell short, or how to improve it.

Phrases (``FEEDBACK``: "why was I not invited", "feedback on my application"), unless
they thank for feedback already given; and sentences that ask (a question or
``ASKING``) and hold an ask for information, a shortfall and the application together.
"""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import clause_before, find, merge, span, table

__all__ = ["DETECTOR"]

FEEDBACK = table(
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

# An ask of any kind: a request, a hoped-for answer, an offer to be told.
ASKING = re.compile(
    r"\b(?:could|would|can|will)\s+you\b|\bplease\b|\bi\s+would\s+(?:\w+\s+)?(?:appreciate|welcome|value|"
    r"be\s+(?:\w+\s+)?(?:grateful|thankful|obliged))|\bany\s+(?:\w+\s+)?(?:feedback|advice|suggestions?|insights?|"
    r"guidance)\b|\b(?:like|love|want|wanted|hoping|hope)\s+to\s+(?:know|understand|learn|hear|ask)\b|\bwondering\b|"
    r"\bhelp\s+me\b|\bmay\s+i\s+ask\b|\bis\s+there\s+anything\b|\bwhat\s+(?:can|could|should)\s+i\b"
)

# feedback_request: an ask for information + a shortfall + the application.
FEEDBACK_ASK = re.compile(
    r"\b(?:feedback|advice|suggestions?|insights?|guidance|pointers|critique|recommendations)\b"
    r"|\b(?:tell|show|share\s+with)\s+me\s+(?:why|what|how|which|where)\b|\bshare\s+(?:why|what|how|which|any)\b"
    r"|\bexplain\s+(?:why|what)\b|\bwhy\b|\bwhat\s+(?:in|about|made|makes|led|was|were|kept|held)\b"
    r"|\bwhich\s+(?:parts?|areas?|aspects?|sections?)\b|\bwhat\s+(?:else\s+)?i\s+(?:could|can|might|should)\b"
    r"|\b(?:is|was)\s+there\s+(?:anything|something)\b|\banything\s+(?:that\s+)?i\s+(?:could|should|can|might|would)\b"
    r"|\bareas?\s+(?:where|in\s+which|to|for|that)\b|\bhow\s+(?:i\s+)?(?:could|can|might|should|to)\s+(?:\w+\s+)?"
    r"(?:improve|strengthen|better)\b"
)
FEEDBACK_SHORTFALL = re.compile(
    r"\b(?:improve\w*|strengthen\w*|better|differently|less\s+competitive|more\s+competitive|weak\w*|lacking|"
    r"shortcomings?|deficienc\w*|unsuccessful|rejected|rejection|declined|reapply\w*|re-apply\w*|"
    r"not\s+(?:to\s+)?(?:\w+\s+)?(?:selected|invited|offered|extended|chosen|successful|extend|invite|offer|interview)|"
    r"decision\s+not|no\s+interview|did\s+not\s+(?:get|receive|make)|next\s+(?:year|cycle|season|match|time)|"
    r"(?:fell|fall|falls)\s+short|stronger|kept\s+(?:my|me)|held\s+(?:my\s+\w+|me)\s+back|"
    r"from\s+being\s+(?:invited|selected|interviewed))\b"
)
FEEDBACK_TOPIC = re.compile(
    r"\b(?:application|applicant|candidate|candidacy|file|cv|profile|materials|reapply|re-apply|interview)\b"
)
FEEDBACK_VETO = re.compile(
    r"\b(?:thank\s+you|thanks)\s+(?:\w+\s+){0,3}?for\s+(?:the|your|all)\b"
    r"|\b(?:appreciated|enjoyed|valued)\s+(?:the|your|all)\b"
    r"|\b(?:we|our\s+(?:program|committee))\s+(?:are|is|do|does|can|will)\s+(?:not|unable)\b"
)


def _guard(text: str, m: re.Match[str]) -> bool:
    before = clause_before(text, m.start())
    return not re.search(r"\b(?:thank\s+you|thanks|appreciated|grateful\s+for\s+(?:the|your))\b", before)


def _feedback_sentences(t: Texts) -> tuple[str, ...]:
    """An ask for information about a shortfall of the application: "why", "what could I improve"."""
    found: list[str] = []
    for _, sentence, question in t.sentences(((FEEDBACK_ASK,), (FEEDBACK_SHORTFALL,), (FEEDBACK_TOPIC,))):
        if FEEDBACK_VETO.search(sentence) or not (question or ASKING.search(sentence)):
            continue
        cues = [FEEDBACK_ASK.search(sentence), FEEDBACK_SHORTFALL.search(sentence), FEEDBACK_TOPIC.search(sentence)]
        if all(cues):
            found.append(span(sentence, [m for m in cues if m]))
    return tuple(found)


def detect(t: Texts) -> dict[str, Any]:
    in_sentences = t.scan.all((FEEDBACK_ASK,), (FEEDBACK_SHORTFALL,), (FEEDBACK_TOPIC,))
    return {
        "feedback_request": merge(
            find(t.body, t.scan.active(FEEDBACK), guard=_guard), _feedback_sentences(t) if in_sentences else ()
        )
    }


DETECTOR = Detector(
    name="feedback",
    side="out",
    fields=("feedback_request",),
    needs=((FEEDBACK,), ((FEEDBACK_ASK,), (FEEDBACK_SHORTFALL,), (FEEDBACK_TOPIC,))),
    detect=detect,
)
