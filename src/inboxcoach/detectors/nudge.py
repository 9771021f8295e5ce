"""nudge: chasing an earlier message ("following up on my previous email", "did you
receive my letter", "I have not heard back").

Phrases (``NUDGE``, ``NUDGE_ALONE``) and sentences that name the applicant's earlier
message (``EARLIER_MESSAGE``) with a did-it-arrive / no-answer / resend cue
(``NUDGE_CUES``); not when thanking for a reply.
"""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import find, merge, phrase, span, table

__all__ = ["DETECTOR"]

_MAIL = (
    r"(?:email|e-mail|mail|message|letter|note|inquiry|enquiry|correspondence|request|question|update|"
    r"thank[- ]you(?:\s+note)?)"
)
_NOT_OTHERS = r"(?![^.!?\n]{0,25}\b(?:other|many|most|several|any\s+other|some)\s+(?:programs?|places|institutions))"
NUDGE = table(
    rf"\b(?:follow|following|followed)(?:-|\s)up\s+(?:on|regarding|about|to|with\s+regard\s+to)\s+"
    rf"(?:my\s+(?:previous\s+|prior\s+|earlier\s+|last\s+|recent\s+|initial\s+|original\s+|first\s+)?"
    rf"(?:\w+\s+)?|the\s+(?:previous|prior|earlier|last|initial|original)\s+(?:\w+\s+)?){_MAIL}\b",
    r"\bjust\s+(?:wanted\s+to\s+|writing\s+to\s+|a\s+quick\s+)?follow(?:ing)?(?:-|\s)?up\b"
    r"(?!\s+(?:after|from|following|on\s+(?:the|my|our)\s+(?:interview|visit|conversation)|"
    r"to\s+(?:thank|say|express|share|update|let)))",
    rf"\bdid\s+you\s+(?:receive|get|see|have\s+(?:a|the)\s+chance\s+to\s+(?:read|review|look\s+at|see))\s+"
    rf"(?:my|the)\s+(?:previous\s+|prior\s+|earlier\s+|last\s+|recent\s+)?{_MAIL}",
    r"\b(?:make\s+sure|ensure|confirm|check)\s+(?:that\s+)?you\s+(?:received|got|saw|have\s+received|"
    r"had\s+a\s+chance\s+to\s+(?:see|read))\s+my\b",
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

# nudge: the applicant's earlier message + did-it-arrive / no answer / resend / circle back.
EARLIER_MESSAGE = re.compile(
    r"\bmy\s+(?:(?:previous|prior|earlier|last|first|original|initial|recent|brief|short)\s+)?"
    r"(?:e-?mail|(?<=previous\s)mail|(?<=earlier\s)mail|(?<=last\s)mail|message|note|letter(?!s?\s+of\s+(?:recommendation|reference|support))|inquiry|enquiry|"
    r"thank[- ]you(?:\s+note)?|question|request)\b(?!\s+address)"
    r"|\b(?:the|an?)\s+(?:(?:previous|prior|earlier)\s+)?(?:e-?mail|message|note|letter|inquiry)\s+"
    r"(?:that\s+)?i\s+(?:sent|wrote|emailed|mailed|forwarded)\b"
    r"|\b(?:previous|prior|earlier)\s+(?:e-?mail|message|note|letter|inquiry|correspondence)\b"
    r"|\bi\s+(?:sent|wrote|emailed)\s+(?:you\s+|to\s+you\s+)?(?:an?\s+|my\s+)?(?:e-?mail|message|note|letter)\b"
)
NUDGE_CUES = re.compile(
    r"\b(?:come|came|gone|went|got|get|gotten|go)\s+through\b"
    r"|\b(?:did|have|has|had)\s+(?:you|it|they|your\s+office)\s+(?:\w+\s+)?(?:receive|received|get|got|gotten|see|seen|"
    r"arrive|arrived|reach|reached)\b"
    r"|\b(?:whether|if|sure|ensure|confirm|hope|check)\s+(?:that\s+)?(?:you|it|the\s+program|your\s+office)\s+"
    r"(?:\w+\s+)?(?:received|got|saw|seen|arrived|reached|receive|get)\b"
    r"|\b(?:spam|junk)\b|\bslipped\s+through\b|\bfell\s+through\b|\bthe\s+cracks\b|\bwent\s+astray\b"
    r"|\b(?:was|got|gotten|been|be|is|get|gets|went|gone)\s+(?:\w+\s+)?"
    r"(?:missed|lost|buried|overlooked|filtered|misplaced)\b"
    r"|\breminder\b|\bremind(?:ing)?\s+(?:you\s+)?(?:about|of|regarding)\b|\bcircl\w*\s+back\b|\bbump\w*\b"
    r"|\bonce\s+again\s+(?:writing|reaching\s+out|contacting)\b"
    r"|\bfollow\w*(?:-|\s)?up\s+(?:on|regarding|about|with\s+regard\s+to)\b"
    r"|\bre-?send\w*\b|\bsending\s+(?:it\s+|this\s+)?again\b"
    r"|\b(?:writing|reaching\s+out|emailing|contacting\s+you)\s+(?:to\s+you\s+)?again\b"
    r"|\bnot\s+(?:yet\s+)?(?:received|heard|gotten|got|had|seen)\s+(?:a\s+|any\s+)?"
    r"(?:reply|response|answer|back|word)\b"
    r"|\b(?:reached|reach)\s+(?:you|your\s+(?:office|inbox|desk))\b|\barriv(?:e|ed)\b"
    r"|\bno\s+(?:reply|response|answer|word)\b|\bchance\s+to\s+(?:read|review|look|see|consider|respond)\b"
)
NUDGE_ALONE = table(
    r"\bbump(?:ing)?\s+(?:this|my|it)\b(?:\s+(?:up|back\s+up|to\s+the\s+top))?",
    r"\b(?:landed|land|ended\s+up|end\s+up|went|go)\s+(?:in|into)\s+(?:a|the|your)\s+(?:spam|junk)\b",
)
NUDGE_VETO = re.compile(
    r"\b(?:thank\s+you|thanks)\s+(?:\w+\s+){0,3}?for\s+(?:your|the)\s+(?:quick\s+|prompt\s+|kind\s+)?"
    r"(?:reply|response|answer)\b|\byou\s+(?:replied|responded|answered|wrote\s+back)\b"
)


def _nudge_sentences(t: Texts) -> tuple[str, ...]:
    """The applicant's earlier message and a did-it-arrive / no-answer / resend cue together."""
    alone_patterns = t.scan.active(NUDGE_ALONE)
    pairs = t.scan.all((EARLIER_MESSAGE,), (NUDGE_CUES,))
    found: list[str] = []
    for _, sentence, _question in t.sentences((NUDGE_ALONE,), ((EARLIER_MESSAGE,), (NUDGE_CUES,))):
        if NUDGE_VETO.search(sentence):
            continue
        alone = [m for p in alone_patterns for m in p.finditer(sentence)]
        if alone:
            found.append(phrase(alone[0].group(0)))
            continue
        if not pairs:
            continue
        earlier = EARLIER_MESSAGE.search(sentence)
        cue = NUDGE_CUES.search(sentence)
        if earlier and cue:
            found.append(span(sentence, (earlier, cue)))
    return tuple(found)


def detect(t: Texts) -> dict[str, Any]:
    in_sentences = t.scan.any(NUDGE_ALONE) or t.scan.all((EARLIER_MESSAGE,), (NUDGE_CUES,))
    return {
        "nudge": merge(
            find(t.body, t.scan.active(NUDGE), negated_ok=False), _nudge_sentences(t) if in_sentences else ()
        )
    }


DETECTOR = Detector(
    name="nudge",
    side="out",
    fields=("nudge",),
    needs=((NUDGE,), (NUDGE_ALONE,), ((EARLIER_MESSAGE,), (NUDGE_CUES,))),
    detect=detect,
)
