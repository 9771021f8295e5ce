"""no_contact_policy: a program says it wants no thank-you notes or further contact."""

from __future__ import annotations

from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import find, table

__all__ = ["DETECTOR"]

_THANKS = r"(?:thank[- ]you|thank\s+you|post-interview|follow-up|follow\s+up)"
NO_CONTACT = table(
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


def detect(t: Texts) -> dict[str, Any]:
    return {"no_contact_policy": find(t.body, t.scan.active(NO_CONTACT))}


DETECTOR = Detector(
    name="policy", side="in", fields=("no_contact_policy",), needs=((NO_CONTACT,),), detect=detect
)
