"""rank_inquiry: a program asks how the applicant will rank it, or where else they applied.

Phrases (``RANK_INQUIRY``) and sentences that ask (a question or ``INQUIRY_ASK``) about
the applicant's ranking (``INQUIRY_TOPIC``) or, when about the applicant, their other
programs (``INQUIRY_OTHERS``); never a policy line ("you are under no obligation to
share your rank list").
"""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import find, merge, phrase, sentence_at, span, table
from inboxcoach.detectors.vocabulary import N1

__all__ = ["DETECTOR"]

RANK_INQUIRY = table(
    r"\b(?:where|how)\s+(?:will|would|do|are|might)\s+you\s+(?:plan\s+to\s+|intend\s+to\s+|going\s+to\s+)?"
    r"(?:rank|ranking|place)\s+(?:us|our\s+program|this\s+program|the\s+program|our\s+residency)\b",
    r"\b(?:how|where)\s+(?:high|highly)\s+(?:will|would|do)\s+you\s+(?:plan\s+to\s+)?rank\b",
    r"\b(?:are|is)\s+(?:we|our\s+program|the\s+program|this\s+program)\s+(?:still\s+)?your\s+"
    rf"(?:{N1}|top|highest)\s*(?:choice|pick|program)?\b",
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

# rank_inquiry: a question/request to the applicant + the applicant's ranking or other programs.
INQUIRY_ASK = re.compile(
    r"\b(?:could|would|can|will)\s+you\s+(?:please\s+|kindly\s+)?(?:let\s+(?:us|me)\s+know|tell\s+(?:us|me)|share|"
    r"inform\s+(?:us|me)|indicate|confirm|disclose)\b"
    r"|\bplease\s+(?:let\s+(?:us|me)\s+know|tell\s+(?:us|me)|share|indicate|inform\s+(?:us|me)|disclose)\b"
    r"|\blet\s+(?:us|me)\s+know\b|\btell\s+(?:us|me)\b"
    r"|\b(?:help|helpful|useful|good)\s+(?:for\s+)?(?:me|us)\s+to\s+know\b|\b(?:like|love|want)\s+to\s+know\b"
    r"|\b(?:we|i)\s+would\s+(?:appreciate|welcome)\s+(?:knowing|hearing|it\s+if\s+you)\b"
    r"|\b(?:we\s+are|i\s+am)\s+(?:curious|wondering)\b|\bmind\s+(?:sharing|telling)\b"
)
INQUIRY_TOPIC = table(
    r"\bwhere\b[^.!?\n]{0,60}?\b(?:land|lands|stand|stands|fall|falls|end\s+up|fit|fits|place|rank|ranks|be)\b"
    r"[^.!?\n]{0,30}?\b(?:your\s+(?:\w+\s+){0,2}?list|rank\s+list|rank\s+order)\b(?!\s+of\b)",
    r"\bwhere\s+(?:(?:do|does|will|would|might|is|are|should)\s+)?(?:we|our\s+(?:program|residency)|the\s+program|"
    r"this\s+program|us)\b[^.!?\n]{0,40}?\b(?:land|lands|stand|stands|fall|falls|end\s+up|fit|fits|rank|ranks)\b",
    r"\bhow\s+(?:high|highly|far\s+up)\b[^.!?\n]{0,40}?\b(?:list|rank\w*|we|us|our\s+program)\b",
    r"\b(?:rank|ranking)\s+(?:us|our\s+(?:program|residency|department)|the\s+program|this\s+program)\b",
    r"\byour\s+top\s+(?:two|three|four|five|few|ten|2|3|4|5|10)\b",
    # "your #1 pick for the dinner" is about the dinner; "for residency" is about ranking
    r"\byour\s+(?:very\s+)?(?:top|first|#\s?1|no\s?1|number\s+one)[- ](?:\w+\s+)?(?:choice|pick|program|spot|place)\b"
    r"(?!\s+(?:for|of)\s+(?!(?:residency|training|the\s+match|match|your\s+rank|ranking|anesthesi)))",
    r"\b(?:on|at\s+the\s+top\s+of|high\s+on|near\s+the\s+top\s+of|atop|in)\s+your\s+(?:rank\s+|rank\s+order\s+|"
    r"final\s+)?(?:list|rol)\b(?!\s+of\b)",
    r"\bhow\s+(?:you\s+(?:will\s+|plan\s+to\s+|intend\s+to\s+|are\s+going\s+to\s+)?|(?:will|would|do)\s+you\s+"
    r"(?:plan\s+to\s+|intend\s+to\s+)?)rank\b",
)
# Other programs the applicant applied to, interviewed at or is considering.
INQUIRY_OTHERS = table(
    r"\b(?:which|what)\s+(?:other\s+)?(?:[\w-]+\s+){0,2}?(?:programs?|institutions|places|hospitals|residencies)\b",
    r"\bother\s+(?:[\w-]+\s+){0,2}?(?:programs?|institutions|residencies|hospitals|interviews|offers)\b",
    r"\b(?:where|anywhere)\s+else\b|\belsewhere\b",
    r"\bstill\s+considering\b",
)
INQUIRY_APPLICANT = re.compile(
    r"\byou\b[^.!?\n]{0,30}?\b(?:interview\w*|appl(?:y|ied|ying)|rank\w*|consider\w*|visit\w*|look\w*\s+at|"
    r"offers?|list\w*|prefer\w*|received|receiving|got|gotten|hear\w*)\b"
)
INQUIRY_VETO = re.compile(
    r"\b(?:not|never|no\s+longer|prohibit\w*|forbid\w*|violat\w*|against\s+(?:the\s+)?(?:nrmp|rules|policy)|"
    r"under\s+no|nrmp\s+(?:rules|policy|policies|code)|match\s+participation\s+agreement|communication\s+code)\b"
)


def _not_a_policy_line(text: str, match: re.Match[str]) -> bool:
    """Guard: "you are under no obligation to share your rank list, and we will not ask"
    states the rule; it does not ask."""
    return not INQUIRY_VETO.search(sentence_at(text, match.start()))


def _rank_inquiry_sentences(t: Texts) -> tuple[str, ...]:
    """A question or request to the applicant about their ranking or other programs; not a policy line."""
    own_topics, others = t.scan.active(INQUIRY_TOPIC), t.scan.active(INQUIRY_OTHERS)
    found: list[str] = []
    for _, sentence, question in t.sentences((INQUIRY_TOPIC,), (INQUIRY_OTHERS, (INQUIRY_APPLICANT,))):
        ask = INQUIRY_ASK.search(sentence)
        if INQUIRY_VETO.search(sentence) or not (question or ask):
            continue
        after = 0 if question else ask.end() if ask else 0
        topics = list(own_topics)
        if others and INQUIRY_APPLICANT.search(sentence):
            topics += others
        topic = next((m for p in topics for m in p.finditer(sentence, after)), None)
        if topic:
            found.append(phrase(topic.group(0)) if question or not ask else span(sentence, (ask, topic)))
    return tuple(found)


def detect(t: Texts) -> dict[str, Any]:
    in_sentences = t.scan.any(INQUIRY_TOPIC) or t.scan.all(INQUIRY_OTHERS, (INQUIRY_APPLICANT,))
    return {
        "rank_inquiry": merge(
            find(t.body, t.scan.active(RANK_INQUIRY), negated_ok=False, guard=_not_a_policy_line),
            _rank_inquiry_sentences(t) if in_sentences else (),
        )
    }


DETECTOR = Detector(
    name="rank_inquiry",
    side="in",
    fields=("rank_inquiry",),
    needs=((RANK_INQUIRY,), (INQUIRY_TOPIC,), (INQUIRY_OTHERS, (INQUIRY_APPLICANT,))),
    detect=detect,
)
