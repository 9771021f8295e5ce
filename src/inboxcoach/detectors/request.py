"""request: the applicant asks the reader for something (an action, an answer, a chance).

A ``REQUEST`` phrase that nothing in the three words before it undoes ("I do not need
a letter of recommendation"), or a question that is not small talk or a courtesy
offer of more help ("Is there anything else you need from me?").
"""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import last_words, one_pass
from inboxcoach.detectors.prefix import scanner

__all__ = ["DETECTOR"]

# request: an ask for an action, an answer or an opportunity, however politely it is
# put ("could you", "I was wondering whether there might be any possibility of",
# "I'd appreciate the chance to", "thank you for considering my request"). Not a
# request: a courtesy offer of more help ("let me know if you need anything else"), a
# thank-you, an update, or the hope to train at the program ("I would welcome the
# opportunity to join your residency") -- an identical thank-you note to each
# interviewer is good practice, not the same request to several people.
#
# What a courtesy offer says after "let me know if" / "if there is any": the program
# may need or ask something, the applicant can provide it.
_COURTESY = (
    r"(?![^.!?\n,;]{0,50}?\b(?:(?:you|the\s+program|your\s+(?:team|office|committee))\s+(?:\w+\s+)?"
    r"(?:need|needs|require|requires|have\s+(?:any|further|additional|other|more)|"
    r"would\s+like\s+(?:me|any|more|further|additional|to)|want\s+(?:me|any|more)|wish)"
    r"|(?:i|we)\s+(?:can|could|may|might)\s+(?:\w+\s+)?(?:help|assist|provide|do|send|share|clarify|answer|add|supply|"
    r"submit|offer|be\s+of)|anything\s+(?:else|further|more)"
    r"|any\s+(?:further|additional|other|more)\s+(?:information|questions?|details|documents?|materials?)"
    r"|questions|helpful|useful)\b)"
)
# What the ask is for when it is membership, not a request: to train, match or work here.
_MEMBERSHIP = (
    r"(?![^.!?\n,;]{0,30}?\b(?:match|matching|matched|join|joining|train|training|become|becoming|be\s+(?:a\s+)?part|"
    r"being\s+(?:a\s+)?part|be\s+(?:ranked|matched|considered|selected|chosen|accepted)|rank|ranked|ranking|"
    r"consider(?:ing)?\s+(?:me|my\s+(?:application|candidacy))|work|working|contribute|contributing|continue|"
    r"continuing|grow|growing|serve|serving|call\s+(?:the\s+program|it|this\s+place)\s+home|pursue|pursuing|"
    r"learn\s+from|learning\s+from|start\s+my|begin\s+my|as\s+(?:a|an|your|one\s+of)\s+(?:\w+\s+)?(?:resident|intern|"
    r"trainee|member|colleague)s?|have\s+a\s+(?:great|good|wonderful|nice|lovely|restful|happy)|enjoy|"
    r"see\s+(?:you|everyone|the\s+(?:team|residents))\s+(?:again|soon))\b)"
)
_HELP = (
    r"(?:advice|guidance|help|assistance|information|info|details|insights?|input|suggestions?|thoughts|"
    r"recommendations?|feedback|clarification|updates?|call|meeting|chat|conversation|introduction|perspective|"
    r"direction|pointers|tips)"
)
_OPENING = (
    r"(?:chance|chances|possibility|possibilities|opportunity|opportunities|way|room|opening|openings|availability|"
    r"spot|spots|slot|slots|space|option|options|second\s+look|visit|shadowing)"
)
_GLAD = (
    r"(?:love|like|welcome|value|appreciate|cherish|enjoy|be\s+(?:\w+\s+)?(?:grateful|thankful|glad|delighted|happy|"
    r"honou?red|obliged|appreciative|thrilled|excited|eager))"
)
_POLITE_IF = (  # "if you could", "if you have a moment" -- not "if you would like", "if you need"
    r"if\s+you\s+(?:kindly\s+|please\s+)?(?:could|would|might|can|were\s+able|are\s+able|would\s+be\s+(?:able|willing)|"
    r"are\s+willing|have\s+(?:a\s+)?(?:moment|minute|chance|few\s+minutes|time)|get\s+a\s+chance|do\s+not\s+mind|"
    r"would\s+not\s+mind)\b(?!\s+(?:not|like|prefer|need|want|use|require)\b)"
)
_PLEASE = (  # "please advise", "kindly let me know whether" -- not "please send my regards"
    r"(?:(?:please|kindly)\s+(?:(?:kindly|do)\s+)?|do\s+(?=let\b))(?:let\s+me\s+know\s+(?=[a-z])" + _COURTESY +
    r"|send|provide|advise|"
    r"share|confirm|tell|inform|forward|clarify|arrange|connect|help|pass|direct|suggest|recommend|reply|respond|add|"
    r"include|allow|accommodate|keep\s+me\s+(?:updated|informed|posted)|update\s+me|schedule|"
    r"consider\s+(?!(?:me|my\s+(?:application|candidacy))\b))\b"
    r"(?!\s+(?:\w+\s+){0,2}?(?:thanks|gratitude|regards|appreciation|best\s+wishes|greetings)\b)"
)
_THERE_MAY_BE = (  # "is there any chance", "whether there might be any possibility of", "hoping there might be a"
    r"(?:(?:is|are|was|were|would|will|might|could|may)\s+there|(?:whether|if)\s+there\s+(?:is|are|was|were|would|"
    r"will|might|could|may)|(?:hope|hoping|hoped|perhaps|maybe)\s+(?:that\s+)?there\s+(?:might|may|could|would))\s+"
    r"(?:still\s+|perhaps\s+|possibly\s+|ever\s+|also\s+)?(?:be\s+)?(?:any|a|an|some)\s+(?:\w+\s+){0,2}?"
    + _OPENING + r"\b" + _COURTESY + _MEMBERSHIP
)
_I_ASK = (  # "I am writing to ask", "I wanted to see if", "I would like to visit", "I kindly request"
    r"i\s+(?:also\s+|just\s+|really\s+)?(?:would\s+(?:like|love)\s+to|wanted\s+to|want\s+to|wish\s+to|"
    r"am\s+(?:writing|reaching\s+out|emailing|e-mailing|contacting\s+you|hoping)\s+to|"
    r"was\s+(?:writing|hoping|going)\s+to|write\s+to|hoped\s+to|had\s+hoped\s+to|kindly|respectfully|humbly|"
    r"would\s+(?:kindly|respectfully|humbly))\s+"
    r"(?:(?:also|just|kindly|respectfully|humbly|briefly|reach\s+out(?:\s+to\s+you)?\s+to|write\s+to\s+you\s+to)\s+)?"
    r"(?:ask|request|inquire|enquire|seek|find\s+out|(?:check|see|know|learn|hear)\s+(?:if|whether)|"
    r"(?:get|have|receive)\s+(?:your|some|any|a|an)\s+(?:\w+\s+)?(?:advice|guidance|input|thoughts|feedback|"
    r"insights?|perspective|call|meeting|chat|conversation|moment|minutes|word)|"
    r"(?:arrange|schedule|set\s+up|book)\s+(?:a|an|some|the)\s+(?:\w+\s+)?(?:call|meeting|visit|time|chat|"
    r"conversation|second\s+look|shadowing|day|zoom|phone|appointment|tour|session)|visit|shadow|observe|speak|talk|"
    r"meet|attend|sit\s+in|come\s+back|return|rotate|spend\s+(?:a|an|some|the)\s+(?:\w+\s+)?(?:day|days|time|morning|"
    r"afternoon|week|hours?))\b" + _MEMBERSHIP
)
_MAY_I = (
    r"(?:may|might|could|can)\s+i\s+(?:please\s+|possibly\s+|perhaps\s+|kindly\s+|also\s+)?(?:ask|request|have|join|"
    r"visit|schedule|arrange|come|speak|talk|meet|set\s+up|shadow|observe|attend|send|get|return|stop\s+by|sit\s+in|"
    r"spend|trouble\s+you|bother\s+you|impose)\b"
)
_GRATEFUL_IF = (  # "I would be grateful if you", "I shall be obliged if" -- not "if I could match"
    r"i\s+(?:would|will|shall)\s+(?:\w+\s+)?(?:be\s+(?:\w+\s+)?(?:grateful|thankful|honou?red|obliged|appreciative|"
    r"delighted|happy|glad|thrilled)|appreciate(?:\s+it)?)\s+if\s+(?:you|it|there|someone|somebody|anyone|one\s+of|"
    r"a\s+(?:current\s+)?(?:resident|faculty)|i\s+(?:could|might|may|can))\b" + _MEMBERSHIP
)
_HOPE_YOU_COULD = (  # "I was hoping you could", "I hope a resident might be able to"
    r"(?:hope|hoping|hoped)\s+(?:that\s+)?(?:you|someone|somebody|one\s+of\s+(?:you|your|the)|a\s+(?:current\s+)?"
    r"(?:resident|faculty\s+member)|your\s+(?:team|office)|the\s+program)\s+(?:\w+\s+)?(?:could|would|might|can|may|"
    r"will\s+be\s+able|would\s+be\s+(?:able|willing)|are\s+able|is\s+able)\b" + _MEMBERSHIP
)
REQUEST = one_pass(
    # asked of "you": "could you send", "if you could", "please advise", "kindly let me know whether"
    r"\b(?:could|would|can|will)\s+you\s+(?:please\s+|kindly\s+|possibly\s+|perhaps\s+)?"
    r"(?:be\s+(?:able|willing)\s+to\s+)?(?!(?:not)\b)(?:send|write|provide|share|tell|let|advise|confirm|help|"
    r"schedule|meet|talk|speak|call|consider|review|forward|recommend|clarify|explain|give|inform|arrange|look|put|"
    r"connect|introduce|check|pass|direct|point|suggest|allow|accommodate|add|include|reply|respond|answer|spare|"
    r"host|keep\s+me)\b"
    rf"|\b{_POLITE_IF}{_MEMBERSHIP}|\b{_PLEASE}|\bif\s+you\s+(?:kindly|please)\s+(?!consider\s+(?:me|my)\b)[a-z]",
    # asking whether something may be: "would it be possible", "is there any chance",
    # "whether there might be any possibility of", "if a second look might be possible"
    r"\b(?:would|will|might|could|is)\s+it\s+(?:\w+\s+)?be\s+(?:possible|feasible|okay|ok|alright|all\s+right|"
    r"acceptable)\b|\bis\s+it\s+(?:possible|feasible|okay|ok|alright)\s+(?:for\s+(?:me|us)\s+)?(?:to|if)\b"
    r"|\b(?:whether|if|hope|hoping|wonder\w*)\b[^.!?\n,;]{0,50}?\b(?:is|are|might|could|would|may|will)\s+"
    r"(?:still\s+|also\s+|at\s+all\s+)?(?:be\s+)?(?:possible|feasible)\b"
    rf"|\b{_THERE_MAY_BE}|\bany\s+possibility\s+(?:of|to|for|that)\b{_MEMBERSHIP}"
    r"|\b(?:ask|asking|inquire|inquiring|enquire|enquiring|writing|write|reaching\s+out|contacting\s+you|emailing|"
    r"explore|exploring|discuss|discussing)\s+(?:\w+\s+){0,3}?(?:about|regarding|concerning|into|on)\s+the\s+"
    rf"(?:possibility|feasibility)\s+(?:of|to|for|that)\b{_MEMBERSHIP}"
    r"|\bif\s+(?:\w+\s+){0,4}?(?:could|can|might|may|would)\s+be\s+(?:arranged|organi[sz]ed|scheduled|set\s+up|"
    r"accommodated|made\s+available)\b"
    r"|\bany\s+chance\s+(?:that\s+)?(?:you|i|there|it|we|of)\b"
    r"|\bif\s+(?:at\s+all\s+)?(?:(?:it|that|this)\s+(?:is|would\s+be|were)\s+)?(?:possible|feasible|convenient)\b"
    r"|\bif\s+(?:it|that|this)\s+(?:is|would\s+be|were)\s+(?:okay|ok|alright|all\s+right|acceptable)\b"
    r"|\bat\s+your\s+(?:earliest\s+)?convenience\b|\bwhen(?:ever)?\s+(?:it\s+is\s+)?convenient\s+for\s+you\b",
    # the applicant says they ask: "I was wondering whether", "I am writing to ask",
    # "may I request", "I have a small favor to ask", "thank you for considering my request"
    r"\bi\s+(?:was|am|have\s+been)\s+(?:\w+\s+)?(?:wondering\s+(?:if|whether|about)|curious\s+(?:if|whether|"
    r"to\s+know))\b|\bi\s+(?:just\s+|also\s+|therefore\s+|now\s+)?wonder\s+(?:if|whether)\b"
    r"|\bi\s+(?:just\s+|also\s+)?wondered\s+(?:if|whether)\s+(?:there|you|it\s+(?:would|might|could|may))\b"
    rf"|\b{_I_ASK}|\b{_MAY_I}"
    r"|\bmy\s+(?:(?:one|only|main|quick|brief|small|last)\s+)?(?:question|request)\s+(?:is|was|would\s+be)\b"
    r"|\b(?:interested|keen|eager|curious)\s+to\s+(?:know|learn|hear|find\s+out)\s+(?:if|whether|about)\b"
    r"|\b(?:a|one|small|quick|brief|humble|special|little|kind|further|final)\s+(?:request|favou?r)\b"
    r"|\b(?:consider|considering|consideration\s+of)\s+(?:my|this|the|our)\s+(?:request|inquiry|enquiry|question)\b"
    r"|\b(?:thank\s+you|thanks|thanking\s+you)\s+(?:so\s+much\s+|very\s+much\s+)?in\s+(?:advance|anticipation)\b"
    r"(?!\s+for\s+(?:your|the)\s+(?:kind\s+)?(?:time\s+and\s+)?consideration\b)"
    r"|\b(?:letter\s+of\s+recommendation|recommendation\s+letter|reference\s+letter|letter\s+of\s+support)\b",
    # what would please the applicant, when it is a chance, help or an answer:
    # "I'd appreciate the opportunity to speak with a resident", "grateful for any advice"
    rf"\bi\s+would\s+(?:\w+\s+)?{_GLAD}\s+(?:for\s+|to\s+have\s+|to\s+get\s+|of\s+)?(?:the|an|any|a|some|this|"
    rf"another)\s+(?:\w+\s+)?(?:opportunity|chance|possibility|occasion)\s+(?:to|of|for)\b{_MEMBERSHIP}"
    r"|\bi\s+would\s+(?:\w+\s+)?(?:appreciate|value|welcome|love|be\s+(?:\w+\s+)?(?:grateful|thankful))\s+"
    rf"(?:for\s+|to\s+(?:have|get|hear|receive)\s+)?(?:any|your|a|an|some|the)\s+(?:\w+\s+){{0,2}}?{_HELP}\b"
    r"|\b(?:appreciate|grateful\s+for|thankful\s+for|welcome|value|(?:thank\s+you|thanks)\s+(?:\w+\s+)?for)\s+any\s+"
    rf"(?:\w+\s+){{0,2}}?(?:{_HELP}|chance|opportunity|possibility)\b"
    rf"|\b{_GRATEFUL_IF}|\b{_HOPE_YOU_COULD}"
    rf"|\b(?:any|your)\s+(?:\w+\s+)?{_HELP}\s+(?:that\s+)?you\s+(?:could|can|might|may|would\s+be\s+able\s+to)\b"
    r"(?!\s+(?:need|require|want|use|find|wish|like|have))"
    r"|\bit\s+would\s+(?:(?:really|truly)\s+)?(?:mean\s+(?:a\s+lot|so\s+much|the\s+world|a\s+great\s+deal)|"
    r"be\s+(?:\w+\s+)?(?:wonderful|great|helpful|amazing|ideal|a\s+privilege|an\s+honou?r|valuable|lovely))\s+"
    rf"(?:to\s+me\s+)?(?:if|to\s+(?:have|get)\s+(?:the|an?)\s+(?:opportunity|chance))\b{_MEMBERSHIP}"
    rf"|\bhoping\s+for\s+(?:a|an|any|the|some|your)\s+(?:\w+\s+)?(?:{_HELP}|visit|second\s+look|shadowing|chance|"
    rf"opportunity|possibility)\b{_MEMBERSHIP}",
)

# What undoes an ask, in the three words before it: "I do not need a letter of
# recommendation". Not the hedges that come with polite asks: "whether", "not sure
# whether", "I hope this is not an imposition and I was wondering ...".
ASK_NEGATOR = re.compile(r"\b(?:not(?!\s+(?:sure|certain|always|only|quite))|never|no\s+longer|nor|neither|without)\b")

QUESTION = re.compile(r"(?:^|(?<=[.!?\n]))([^.!?\n]+)\?")
# Questions that ask for nothing: small talk, and the courtesy offer of more help
# ("Is there anything else you need from me?").
SMALL_TALK = re.compile(
    r"\b(?:how\s+are\s+you|how\s+have\s+you\s+been|how\s+is\s+(?:everything|it\s+going))\b"
    r"|\b(?:anything|something)\s+(?:else\s+|further\s+|more\s+)?(?:that\s+)?(?:(?:you|the\s+program)\s+"
    r"(?:\w+\s+)?(?:need|needs|require|requires|want|would\s+like\s+(?:me|from))|i\s+(?:can|could|may)\s+(?:do|"
    r"provide|send|help|share|submit|clarify|answer|bring)\b(?!\s+to\s+(?!help|assist)))\b"
    r"|\b(?:you|the\s+program|your\s+(?:team|office))\s+(?:\w+\s+)?(?:need|needs|require|requires)\s+"
    r"(?:\w+\s+){0,3}?(?:from\s+me|else|further|more|additional)\b"
    r"|\b(?:can|could|may|shall)\s+i\s+(?:\w+\s+)?(?:help|provide|send\s+(?:you\s+)?(?:anything|any)|assist|be\s+of)\b"
    r"|\bwould\s+you\s+like\s+me\s+to\b"
)


def _asks(t: Texts) -> bool:
    """An ask for an action, an answer or an opportunity: a request phrase that nothing
    just before it undoes, or a question that is not small talk or a courtesy."""
    text = t.body
    return any(
        not ASK_NEGATOR.search(last_words(text, m.start(), 3))
        for pattern in t.scan.active(REQUEST)
        for m in scanner(pattern).finditer(text)
    ) or (t.scan.possible(QUESTION) and _asks_question(text))


def _asks_question(text: str) -> bool:
    for m in QUESTION.finditer(text):
        sentence = m.group(1)
        if len(sentence.split()) >= 4 and not SMALL_TALK.search(sentence):
            return True
    return False


def detect(t: Texts) -> dict[str, Any]:
    return {"request": _asks(t)}


DETECTOR = Detector(
    name="request", side="out", fields=("request",), needs=((REQUEST,), ((QUESTION,),)), detect=detect
)
