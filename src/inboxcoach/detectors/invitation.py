"""invitation (to interview) and rejection, in a program's words or subject."""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import any_match, table

__all__ = ["DETECTORS"]

INVITATION = table(
    r"\b(?:pleased|happy|delighted|excited|honou?red)\s+to\s+(?:invite|offer)\s+you\s+(?:an?\s+|to\s+)?"
    r"(?:interview|virtual\s+interview|in-person\s+interview)",
    r"\b(?:like|wish|want)\s+to\s+invite\s+you\s+(?:to|for)\s+(?:an?\s+)?(?:\w+\s+)?interview",
    r"\binvite\s+you\s+to\s+(?:\w+\s+)?interview\b",
    r"\b(?:interview\s+invitation|invitation\s+to\s+interview|invited\s+to\s+interview)\b",
    r"\boffer\s+you\s+an\s+(?:\w+\s+)?interview\b",
    r"\b(?:schedule|select|choose|book|sign\s+up\s+for)\s+(?:your|an)\s+interview\b",
    r"\bextend\s+(?:you\s+)?an\s+(?:interview\s+)?invitation\b",
)
REJECTION = table(
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
INVITATION_SUBJECT = re.compile(r"\binterview\s+invitation\b|\binvitation\s+to\s+interview\b")


def detect_invitation(t: Texts) -> dict[str, Any]:
    found = any_match(t.body, t.scan.active(INVITATION), negated_ok=False) or (
        t.scan.possible(INVITATION_SUBJECT) and bool(INVITATION_SUBJECT.search(t.subj))
    )
    return {"invitation": found}


def detect_rejection(t: Texts) -> dict[str, Any]:
    return {"rejection": any_match(t.body, t.scan.active(REJECTION))}


DETECTORS = (
    Detector(
        name="invitation",
        side="in",
        fields=("invitation",),
        needs=((INVITATION,), ((INVITATION_SUBJECT,),)),
        detect=detect_invitation,
    ),
    Detector(name="rejection", side="in", fields=("rejection",), needs=((REJECTION,),), detect=detect_rejection),
)
