"""What kind of note the applicant wrote: thank_you, update, logistics.

thank_you: a thank-you phrase for the interview or visit (``THANK_YOU``), a sentence
holding gratitude and the visit it is for without a mere courtesy ("thank you for
the link"), or a thank-you subject. update: news or continued interest (``UPDATE``).
logistics: scheduling, travel, documents, visas (``LOGISTICS``).
"""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import any_match, table

__all__ = ["DETECTORS"]

THANK_YOU = table(
    r"\bthank(?:s|\s+you)\s+(?:(?:so|very)\s+much\s+|again\s+|once\s+again\s+|sincerely\s+)*for\s+"
    r"(?:(?:the|this|your|a|my|our|yesterday's|today's|last\s+week's)\s+)?(?:(?:wonderful|great|excellent|kind|"
    r"warm|informative|gracious|generous|enjoyable|insightful|amazing|virtual)\s+)*(?:opportunity\s+to\s+"
    r"(?:interview|meet|visit|speak|learn)|"
    r"interview\b(?![\s-]+(?:invit\w*|date|time|slot|schedule|link|details|info\w*))|"
    r"hospitality|interviewing\s+me|meeting\s+with\s+me|having\s+me|hosting|welcoming|conversation|tour|"
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
THANK_YOU_SUBJECT = re.compile(
    r"\bthank(?:s|\s+you)\b(?![^\n]{0,30}\bfor\s+(?:your\s+(?:application|interest|reply|response|email)|"
    r"applying|submitting|registering))"
)

UPDATE = table(
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
UPDATE_SUBJECT = re.compile(r"\b(?:update|letter\s+of\s+(?:intent|interest)|continued\s+interest)\b")

LOGISTICS = table(
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

# thank_you: gratitude + the interview or visit it is for; courtesies excluded.
GRATITUDE = re.compile(
    r"\b(?:thank|thanks|thankful|grateful|gratitude|appreciate|appreciated|appreciative|appreciation)\b"
)
VISIT_TOPIC = re.compile(
    r"\binterview(?:ing)?\b(?![\s-]+(?:invitation|invite|date|time|slot|schedule|link|details|information|info|"
    r"confirmation|instructions|itinerary|offer|request))"
    r"|\b(?:visit|hospitality|having\s+me|hosting|hosted|welcom\w*|tour|residents|resident\s+team|the\s+team|"
    r"your\s+team|whole\s+team|faculty|the\s+day|program\s+day|spent\s+with|meeting\s+(?:me|with\s+me)|"
    r"speaking\s+with\s+me|talking\s+with\s+me|our\s+conversation|showing\s+(?:me|us)|dinner|social|yesterday|"
    r"today|organiz\w*|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
)
COURTESY_VETO = re.compile(
    r"\b(?:thank(?:s|\s+you)|grateful|appreciate)\s+(?:(?:so|very)\s+much\s+|again\s+)?(?:for\s+)?"
    r"(?:(?:the|your|this)\s+(?:quick\s+|prompt\s+|kind\s+)?)?"
    r"(?:asking|checking|reminder|reminding|update|updates|updating|information|info|email|e-mail|message|reply|"
    r"response|note|letting|clarif\w*|confirm\w*|details|link|patience|interest|application|consideration|"
    r"invit\w*|reaching\s+out|sending|following)\b"
    r"|\bwould\s+(?:\w+\s+)?(?:be\s+(?:\w+\s+)?)?(?:grateful|thankful|appreciate|appreciative)\b"
    r"|\binvit\w*\b|\blook(?:ing)?\s+forward\s+to\s+(?:the|my|our|meeting|visiting|interviewing)\b|\bupcoming\b"
    r"|\btomorrow\b|\bsee\s+you\b|\bnext\s+(?:week|month)\b|\bexcited\s+to\s+(?:interview|visit|meet|join)\b"
)


def _thank_you_sentences(t: Texts) -> bool:
    """Gratitude for the interview or visit itself, not a courtesy ("thank you for asking")."""
    return any(
        not question
        and GRATITUDE.search(sentence)
        and VISIT_TOPIC.search(sentence)
        and not COURTESY_VETO.search(sentence)
        for _, sentence, question in t.sentences(((GRATITUDE,), (VISIT_TOPIC,)))
    )


def detect_thank_you(t: Texts) -> dict[str, Any]:
    found = (
        any_match(t.body, t.scan.active(THANK_YOU), negated_ok=False)
        or (t.scan.all((GRATITUDE,), (VISIT_TOPIC,)) and _thank_you_sentences(t))
        or (t.scan.possible(THANK_YOU_SUBJECT) and bool(THANK_YOU_SUBJECT.search(t.subj)))
    )
    return {"thank_you": found}


def detect_update(t: Texts) -> dict[str, Any]:
    found = any_match(t.both, t.scan.active(UPDATE), negated_ok=False) or (
        t.scan.possible(UPDATE_SUBJECT) and bool(UPDATE_SUBJECT.search(t.subj))
    )
    return {"update": found}


def detect_logistics(t: Texts) -> dict[str, Any]:
    return {"logistics": any_match(t.both, t.scan.active(LOGISTICS))}


DETECTORS = (
    Detector(
        name="thank_you",
        side="out",
        fields=("thank_you",),
        needs=((THANK_YOU,), ((GRATITUDE,), (VISIT_TOPIC,)), ((THANK_YOU_SUBJECT,),)),
        detect=detect_thank_you,
    ),
    Detector(
        name="update", side="out", fields=("update",), needs=((UPDATE,), ((UPDATE_SUBJECT,),)), detect=detect_update
    ),
    Detector(name="logistics", side="out", fields=("logistics",), needs=((LOGISTICS,),), detect=detect_logistics),
)
