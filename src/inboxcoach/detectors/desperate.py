"""desperate: pleading, or telling a program it is the last hope ("my only chance",
"I have no other interviews", "I will do anything"). Not a calendar fact ("no other
interviews that week") and not a negated phrase.
"""

from __future__ import annotations

from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import find, table

__all__ = ["DETECTOR"]

DESPERATE = table(
    r"\b(?:my|our)\s+(?:only|last|final|one)\s+(?:remaining\s+)?(?:hope|chance|shot)\b",
    r"\b(?:i\s+have|i\s+got|i\s+received|there\s+are)\s+(?:no|not\s+(?:had|received|gotten)\s+any)\s+other\s+"
    r"(?:interviews?|interview\s+(?:offers?|invitations?)|invitations?|offers?|options)\b",
    r"\bi\s+do\s+not\s+have\s+any\s+other\s+(?:interviews?|options|invitations?)\b",
    # "no other interviews (so far / this season)", not "no other interviews scheduled that week"
    r"\bno\s+other\s+(?:interviews?|interview\s+(?:offers?|invitations?))\b"
    r"(?!\s+(?:were\s+|are\s+)?(?:scheduled|planned|booked|set)\b|\s+(?:that|this|on\s+that|the\s+same)\s+(?:week|day|date|morning|afternoon))",
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


def detect(t: Texts) -> dict[str, Any]:
    return {"desperate": find(t.body, t.scan.active(DESPERATE))}


DETECTOR = Detector(name="desperate", side="out", fields=("desperate",), needs=((DESPERATE,),), detect=detect)
