"""The phrase tables of content analysis: compiled patterns and the cues they combine.

Everything here is data: regular expressions over the *normalized* text that
:mod:`inboxcoach.features` produces (lower case, contractions expanded, abbreviation
periods dropped, configured program names replaced by "the program"). The logic that
combines them -- guards, sentence-level cue combinations -- lives in ``features``.

Two kinds of table: phrase lists (``FIRST_CHOICE``, ``NUDGE``, ...) whose every
match is a finding on its own, and sentence cues (``*_CUES`` and friends) of which a
detector needs several in one sentence, so that a paraphrase is recognised by its
meaning ("a question" + "about the rank list") rather than by its exact wording.
"""

from __future__ import annotations

import re


SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
CLAUSE_BREAK = re.compile(r"[.!?;:,()\n]|\s-\s|\b(?:but|however|although|though|while)\b")
NEGATOR = re.compile(
    r"\b(?:not|never|no longer|nor|unable|unsure|uncertain|whether|hardly|"
    r"prohibit\w*|forbid\w*|without|neither)\b"
)
MANY = re.compile(r"\b(?:one of|among|some of|several|a few of|two of|three of)\b")
DATEISH = re.compile(
    r"\b(?:date|dates|day|days|slot|slots|time|times|session|sessions|option|options|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|\d+(?:st|nd|rd|th)?)\b"
)
NOT_A_PROGRAM_AFTER = re.compile(
    r"^[- ]?\s*(?:(?:of|for|among|regarding|in terms of)\s+(?:[\w-]+\s+){0,2})?"
    r"(?:interview|interviews|date|dates|day|days|time|times|slot|slots|session|sessions|"
    r"specialty|specialties|field|location|locations|city|cities|region|state|hotel|"
    r"flight|elective|electives|rotation|rotations|topic|track|tracks|career|second\s+look|visit|social|dinner|"
    r"event|events)\b"
    r"|^\s*(?:in|by|among)\s+(?:the\s+)?(?:nation|country|state|region|world|usa|us\s+news|doximity|rankings?)\b"
    r"|^\s*(?:is|would\s+be|will\s+be|was)\s+(?:on\s+)?(?:the\s+)?(?:\d|(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|morning|afternoon|evening)\b)"
    r"|^\s*(?:in|of|among|out\s+of)\s+(?:my|the|our|all)\s+(?:\w+\s+)?(?:class|classes|cohort|batch|school|"
    r"year|exam|examination|students|classmates|peers|graduates)\b"
)
SPECIALTY_SUBJECT = re.compile(
    r"^\s*(?:(?:and|so|truly|honestly|the (?:field|specialty) of)\s+)*"
    r"(?:anesthesiology|anesthesia|anaesthesia|anaesthesiology|this specialty|this field|"
    r"the specialty|medicine|surgery|pediatrics|psychiatry|radiology|neurology)\s+"
    r"(?:\w+\s+){0,3}$"
)


def _c(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _one(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """The alternatives as ONE compiled pattern: one pass over a body instead of one per
    alternative (the per-pass cost dominates: eleven passes cost about five times one)."""
    return (re.compile("|".join(f"(?:{p})" for p in patterns)),)


# --------------------------------------------------------------- phrase patterns
# All patterns run on normalized (lower-case, contraction-expanded) text.

_N1_STRONG = r"(?:#\s?1(?!\d)|no\s?1(?!\d)|number\s(?:one|1)(?!\d))"
_N1 = rf"(?:{_N1_STRONG}|first|1st)"
_ADJ = r"(?:(?:top\s+and|very|absolute|clear|true|undisputed|ultimate|definite|definitive|unequivocal|sincere)\s+)*"
_ADV = (
    r"(?:(?:still|truly|definitely|clearly|undoubtedly|absolutely|honestly|certainly|"
    r"unquestionably|easily|now|always|officially|also|indeed|by far|without (?:a |any )?doubt|"
    r"and will (?:always |continue to )?be)\s+)*"
)
_LIST = r"(?:(?:final|rank|ranking|rank\s+order|match|personal|nrmp)\s+)*list\b(?!\s+of\b)"
_RANK_END = (
    r"(?=\s*(?:[.!,;:)\n]|$|and\b|but\b|on\b|in\b|of\s+my\b|choice\b|place\b|position\b|"
    r"among\b|when\b|because\b|as\b|since\b|for\s+(?:the\s+)?match\b))"
)
_OBJECT = (
    r"(?:you|it|your\s+(?:[\w-]+\s+){0,3}?(?:program|programme|residency|institution|department|"
    r"hospital|team)|(?:the|this)\s+(?:[\w-]+\s+){0,2}?program)"
)
_SUBJECT = (
    r"(?:\b(?:you|it|this|that|the\s+program|your\s+program|this\s+program)\s+"
    r"(?:will\s+|would\s+|has\s+|have\s+)?)?"
)
_RANK_TOP = rf"(?:{_N1}|highest|at\s+the\s+(?:very\s+)?top)"

FIRST_CHOICE = _c(
    # "you are my #1", "Riverside remains my number one program"
    rf"{_SUBJECT}\b(?:are|is|remain|remains|be|been|become|becomes|became)\s+{_ADV}my\s+{_ADJ}"
    rf"{_N1_STRONG}(?:\s+(?:and|&)\s+only)?(?:[- ]ranked)?(?:[- ](?:choice|pick|program|residency)\b(?!s))?"
    rf"(?=\s*(?:[.!,;:)\n]|$|-\s|and\b|but\b|on\s+my\b|in\s+my\b|program\b|residency\b|place\b|spot\b|choice\b))",
    # "you are my first." -- bare "first" only in the present, never "was my first"
    rf"{_SUBJECT}\b(?:are|is|remain|remains|be|become|becomes)\s+{_ADV}my\s+{_ADJ}(?:first|1st)"
    rf"(?:\s+(?:and|&)\s+only)?(?=\s*(?:[.!;\n]|$|on\s+my\b))",
    # "my first choice", "my #1 choice program", "my first-choice program"
    rf"\bmy\s+{_ADJ}{_N1}(?:\s+(?:and|&)\s+only)?[- ]?(?:choice|pick|preference|selection)\b(?!s)",
    rf"\bmy\s+{_ADJ}(?:{_N1}|highest|top)[- ]ranked\s+(?:program|residency|choice)\b(?!s)",
    rf"\bmy\s+{_ADJ}{_N1_STRONG}\s+(?:program|residency|place|spot)\b(?!s)",
    # "I will rank you / your program first", "ranked the program #1"
    rf"\b(?:rank|ranks|ranked|ranking|place|placed|placing|put|putting|list|listed|listing)\s+"
    rf"{_OBJECT}\s+(?:as\s+)?(?:my\s+)?(?:very\s+)?{_RANK_TOP}{_RANK_END}",
    # without configured names: "I will rank Riverside first"
    rf"\b(?:rank|ranked|ranking)\s+(?:(?!(?:me|us|my|our|them|him|her|myself|patient|patients)\b)"
    rf"(?!(?:interview|day|dinner|experience|social|tour|session)\b)[a-z][\w'&-]*\s+){{1,4}}?"
    rf"(?:as\s+)?(?:my\s+)?{_RANK_TOP}{_RANK_END}",
    # "with your program ranked first"
    rf"\b{_OBJECT}\s+(?:ranked|placed|listed)\s+(?:as\s+)?(?:my\s+)?(?:very\s+)?{_RANK_TOP}{_RANK_END}",
    # "you will be ranked first on my list"
    rf"\b(?:will|would|shall|going to|has|have)\s+(?:definitely\s+|certainly\s+|surely\s+)?"
    rf"(?:be|been)\s+(?:ranked|placed|listed)\s+(?:as\s+)?(?:my\s+)?(?:very\s+)?{_RANK_TOP}{_RANK_END}",
    # "#1 on my rank list", "at the top of my rank list"
    rf"(?<![\w#]){_N1}\s+(?:on|in)\s+my\s+{_LIST}",
    rf"\b(?:at|to)\s+the\s+(?:very\s+)?top\s+of\s+my\s+{_LIST}",
)



_VERB_COMMIT = r"(?:come|sign|attend|accept|match|join|commit|choose|be\s+there|be\s+yours|rank\s+you)"
_RANKS_ME = (
    r"(?:rank|ranks|ranked|match|matches|accept|accepts|select|selects|choose|chooses|"
    r"offer\s+me\s+(?:a|the)\s+(?:position|spot|place|contract))"
)

CONDITIONAL = _c(
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

_PLACEHOLDER_WORDS = (
    r"(?:name|names|program|programme|institution|institute|hospital|school|university|college|"
    r"center|centre|department|dept|specialty|insert|recipient|title|position|city|state|date|"
    r"director|coordinator|chair|surname|organization|organisation|company|residency|faculty|"
    r"interviewer|pd|apd|your|last|first|here|signature|address|phone|email|role|x{2,}|_{2,})"
)
BRACKET_NOISE = re.compile(
    r"^\s*(?:image|cid|mailto|http|https|www|sic|external|caution|warning|ext|attachment|"
    r"file|photo|logo|\d+)\b",
    re.I,
)
PLACEHOLDER_SQUARE = re.compile(r"\[\s*([^\[\]\n]{1,80}?)\s*\](?!\()")
PLACEHOLDER_ANGLE = re.compile(r"<\s*([^<>\n@/:]{1,40}?)\s*>")
PLACEHOLDER_CURLY = re.compile(r"\{\{?\s*[A-Za-z_][A-Za-z0-9_ .-]{0,38}\s*\}\}?|%[A-Z][A-Z_]{2,30}%")
PLACEHOLDER_WORD = re.compile(rf"\b{_PLACEHOLDER_WORDS}\b", re.I)
PLACEHOLDER_BLANK = _c(
    r"(?i:\b(?:dear|dr|mr|mrs|ms|prof|to|at|from|with|join|of|in)\.?\s+(?:dr\.?\s+)?"
    r"(?:_{2,}|x{3,}\b|\.{3,}(?=\s*,)|\u2026(?=\s*,)))",
    r"(?:(?<!_)_{3,}|\bX{3,}\b)\s+(?i:hospital|program|programme|university|medical|residency|"
    r"institution|school|college|center|centre|department|health)\b",
    r"\bX{3,}\b",
    r"\bINSERT\s+[A-Z][A-Z' ]{2,30}\b|\b(?:PROGRAM|INSTITUTION|HOSPITAL|SCHOOL|YOUR|FIRST|LAST|RECIPIENT)\s+NAME\b",
)
PLACEHOLDER_PAREN = re.compile(
    r"\(\s*(?i:insert\b[^()\n]{0,30}|(?:program|programme|institution|hospital|school|university|your|recipient|"
    r"pd|last|first|department)\s+name|name\s+of\s+[^()\n]{1,25})\s*\)|\b[A-Z]{3,}_NAME\b"
)
HTML_TAG = re.compile(r"^/?(?:a|b|i|u|p|br|hr|div|span|em|strong|td|tr|table|li|ul|ol|font)\b", re.I)


DESPERATE = _c(
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

_PROCESS = (
    r"(?:this|the|whole|entire)\s+(?:(?:match|application|residency|interview|eras|nrmp|selection)\s+)*"
    r"(?:process|system|match)"
)
EMOTIONAL = _one(
    rf"\b{_PROCESS}\s+(?:is|has\s+been|was|feels|seems)\s+(?:so\s+|very\s+|completely\s+|totally\s+|extremely\s+|"
    r"really\s+|just\s+|simply\s+|utterly\s+|deeply\s+)?(?:unfair|broken|a\s+joke|ridiculous|rigged|a\s+scam|"
    r"absurd|cruel|insane|a\s+nightmare|inhumane|discriminatory|biased|corrupt|a\s+lottery|flawed|unjust|frustrating|"
    r"exhausting|demoraliz\w*|demoralis\w*|disheartening|infuriating|maddening|soul-crushing|a\s+mess|a\s+disaster|"
    r"opaque|dehumanizing)\b",
    r"\b(?:it|this|that)\s+(?:is|was|seems|feels)\s+(?:so\s+|really\s+|completely\s+|very\s+|just\s+|absolutely\s+|"
    r"frankly\s+|honestly\s+)?(?:unfair|ridiculous|outrageous|absurd|insulting|disgraceful|unacceptable|"
    r"a\s+joke|a\s+scam|a\s+disgrace|unjust)\b",
    r"\bi\s+(?:was|have\s+been|am\s+being|felt)\s+(?:\w+\s+)?treated\s+(?:so\s+|very\s+)?"
    r"(?:unfairly|poorly|badly|disrespectfully|rudely|unjustly|like)\b",
    r"\b(?:programs|they|everyone|the\s+programs)\s+(?:have\s+|has\s+)?(?:ignored|ghosted|disrespected|"
    r"discriminated\s+against)\s+me\b",
    r"\b(?:no\s+one|nobody|no\s+program)\s+(?:even\s+)?(?:bothers|bothered|cares|cared|"
    r"has\s+the\s+(?:courtesy|decency)|had\s+the\s+(?:courtesy|decency))\b",
    r"\bnot\s+even\s+(?:the\s+)?(?:courtesy|decency|bother)\b",
    r"\b(?:programs|they|the\s+program|you)\s+(?:do|does|did)\s+not\s+even\s+(?:read|look\s+at|bother|care|respond|"
    r"reply|open|acknowledge|answer)\b",
    r"\blos(?:ing|t)\s+(?:all\s+)?(?:faith|trust|patience|hope)\s+in\s+(?:the\s+|this\s+|these\s+|residency\s+)*"
    r"(?:process|system|match|programs)\b",
    r"\bdiscriminat\w*\s+against\s+(?:imgs?|international|foreign|us|me|applicants)\b",
    r"\b(?:a\s+(?:complete\s+|total\s+)?waste\s+of\s+(?:my\s+)?(?:time|money)|i\s+wasted\s+(?:so\s+much\s+)?"
    r"(?:time|money))\b",
    r"\bsick\s+and\s+tired\b",
)

# An EMOTIONAL match told as a past story: its verb is in the past.
PAST_TELLING = re.compile(r"\b(?:was|were|felt|had|became|got|wasted|lost|did)\b")

# emotional-tone, the feelings: "I am frustrated", "it is disheartening", "I am tired of".
# A feeling is venting only when it is aimed at programs or the process (VENT_TARGET):
# "I was frustrated when my first epidurals failed, but with practice I ..." is a
# struggle overcome, told as growth (GROWTH), and no complaint. A bare ``strong`` feeling
# in the present, which names no object of its own, may find its target in the sentence
# before or after ("No program has answered. I am so frustrated."); the others need it
# in their own sentence, and a ``mild`` one (disappointment) needs blame, not only its
# own outcome (VENT_OUTCOME).
_FEEL_ADV = (
    r"(?:(?:so|very|really|extremely|quite|deeply|incredibly|increasingly|honestly|frankly|absolutely|completely|"
    r"totally|utterly|a\s+bit|a\s+little|somewhat|rather|just|now|more\s+and\s+more|beyond|truly|genuinely|pretty|"
    r"also|still|getting|becoming|growing|starting\s+to\s+(?:feel|get))\s+)*"
)
_I_FEEL = (
    r"i\s+(?:(?:often|sometimes|always|really|honestly|truly|now|still|just|also|increasingly|constantly|frequently|"
    r"definitely|certainly|frankly)\s+)?(?:(?P<present>am|feel|have\s+been|am\s+getting|am\s+becoming|grow|"
    r"keep\s+feeling|have\s+become|have\s+grown|find\s+myself|am\s+being)|(?P<past>was|felt|got|became|grew|"
    r"had\s+been|had\s+become|found\s+myself))"
)
_IT_FEELS = (
    r"(?:it|this|that|all\s+(?:of\s+)?this|the\s+(?:silence|wait|waiting|lack\s+of\s+\w+))\s+"
    r"(?:(?P<present_it>is|has\s+been|feels|remains)|(?P<past_it>was|had\s+been|felt))"
)
_STRONG_FEELING = (
    r"frustrat\w*|angry|angered|furious|disgusted|disgusting|outraged|outrageous|fed\s+up|bitter|insulted|offended|"
    r"infuriat\w*|livid|exasperat\w*|enraged|resentful|(?:sick|tired|weary)\s+(?:and\s+tired\s+)?of|"
    r"exhausted\s+(?:by|with)|ignored|ghosted|disrespected|unappreciated"
)
_MILD_FEELING = (
    r"upset|upsetting|hurt|hurtful|annoyed|annoying|irritated|irritating|disappointed|disappointing|dismayed|"
    r"discouraged|discouraging|disheartened|disheartening|demoraliz\w*|demoralis\w*|saddened|let\s+down|"
    r"overlooked|dismissed"
)
FEELING = re.compile(
    rf"\b(?:{_I_FEEL}|{_IT_FEELS})\s+{_FEEL_ADV}(?:(?P<strong>{_STRONG_FEELING})|(?P<mild>{_MILD_FEELING}))\b"
)
VENT_TARGET = re.compile(  # the process, or how programs behave towards applicants
    r"\b(?:(?:the|this|whole|entire|application|residency|interview|match|matching)\s+(?:(?:application|residency|"
    r"interview|match|eras|nrmp|selection)\s+)*(?:process|system|cycle|season|algorithm)"
    r"|eras|nrmp|the\s+match|thalamus|interview\s+broker|no\s+(?:one|program|programs|body)|nobody"
    r"|(?:with|by|about|of|that|how|when|because|since|why)\s+(?:(?:the|other|many|most|some|these|all|so\s+many)\s+)?"
    r"programs\b|programs\s+(?:\w+\s+)?(?:do|does|did|have|has|are|were|never|ignor\w*|treat\w*|reject\w*|fail\w*|"
    r"refuse\w*|will\s+not|can\s+not|not)\b"
    r"|not\s+(?:a\s+)?single\s+(?:program|one|reply|response)"
    r"|(?:no|any|a\s+single)\s+(?:\w+\s+)?(?:reply|replies|response|responses|answer|word|feedback|acknowledg\w*|"
    r"updates?|news|communication)"
    r"|without\s+(?:a\s+|any\s+)?(?:reply|response|answer|word|acknowledg\w*)"
    r"|(?:not|never)\s+(?:\w+\s+){0,3}?(?:hear\w*|heard|repl\w*|respond\w*|answer\w*|acknowledg\w*|get\s+back|"
    r"(?:an?|any|one|single)\s+(?:\w+\s+)?(?:response|reply))"
    r"|silence|ignor\w*|ghost\w*|unfair\w*|injustice|bias\w*|discriminat\w*"
    r"|(?:of|with|by|about|at|from)\s+(?:(?:all\s+)?(?:this|the)\s+)?(?:endless\s+|constant\s+)?waiting\b"
    r"(?!\s+(?:times?|rooms?|lists?))|(?:still|keep|kept)\s+waiting|waiting\s+(?:for|on)\s+(?:a|an|any|your|the|"
    r"programs?|news|replies|responses|invit\w*|decisions?)|the\s+wait\b|to\s+wait\b|wait\s+(?:so\s+long|for\s+"
    r"(?:a|an|any|your|the)\s+(?:\w+\s+)?(?:reply|response|answer|decision|news|word|invit\w*))"
    r"|hear(?:d|ing)?\s+(?:back|nothing)|application\s+fees|fees"
    r"|(?:applicants|imgs|we|i|candidates|international\s+\w+|students|my\s+application)\s+(?:are|were|am|was|is|"
    r"have\s+been|has\s+been|get|got|being)\s+(?:\w+\s+)?(?:handled|treated|dismissed|screened\s+out|filtered\s+out|"
    r"overlooked|brushed\s+off)|(?:treat|treats|treated|treating|handle|handles|handled)\s+(?:applicants|imgs|us|me|"
    r"candidates|international|my\s+application)"
    r"|(?:the|your|this)\s+program\s+(?:has\s+|have\s+|had\s+)?(?:not|never|ignored|declined|did\s+not|failed))\b"
)
# The applicant's own outcome: a target for anger ("I am frustrated that I have no
# interviews"), not for disappointment ("I was disappointed not to receive an interview").
VENT_OUTCOME = re.compile(
    r"\b(?:not\s+(?:a\s+)?single\s+(?:interview|invit\w*|offer)|(?:no|any|a\s+single|so\s+few|few)\s+(?:\w+\s+)?"
    r"(?:interviews?|invitations?|invites|offers?)|(?:not|never)\s+(?:\w+\s+){0,3}?(?:invited|offered|shortlisted|"
    r"selected|(?:an?|any|one|single)\s+(?:\w+\s+)?(?:interview|invitation|offer))|rejections?"
    r"|(?:i|me|my\s+(?:\w+\s+)?applications?|applications|applicants|imgs)\s+(?:was\s+|were\s+|have\s+been\s+|"
    r"has\s+been\s+|keep\s+(?:getting\s+|being\s+)?|got\s+|get\s+)rejected|rejected\s+(?:me|my\s+application))\b"
)
# Not venting: a struggle overcome, told as growth, or frustration with oneself.
GROWTH = re.compile(
    r"\b(?:learn(?:ed|t)|learning\s+(?:to|from|how)|taught\s+me|teaches\s+me|with\s+(?:more\s+|enough\s+|continued\s+|"
    r"deliberate\s+|repeated\s+|a\s+lot\s+of\s+)?(?:practice|time|persistence|patience|repetition|guidance|mentorship|"
    r"coaching|feedback|help|support)|over\s+time|eventually|in\s+time|improv(?:ed|ing|ement)|overc[oa]me|overcoming|"
    r"mastered|grew|growth|motivat\w*|pushed\s+me|helped\s+me|made\s+me\s+(?:a\s+)?(?:better|stronger|more)|"
    r"resilien\w*|persever\w*|persist\w*|determin(?:ed|ation)|confiden\w*|proud|at\s+first|initially|"
    r"became\s+(?:more|better|comfortable|proficient|competent|the)|now\s+(?:i|feel|comfortable|confident|enjoy)|"
    r"kept\s+(?:practicing|practising|trying|working)|turned\s+(?:it|that|this)\s+into|revis\w*|fixed|succeed\w*|"
    r"figured\s+out|got\s+better|paid\s+off)\b"
)
SELF_TARGET = re.compile(r"\b(?:(?:at|with|in)\s+myself|my\s+own)\b")

FEEDBACK = _c(
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



_MAIL = (
    r"(?:email|e-mail|mail|message|letter|note|inquiry|enquiry|correspondence|request|question|update|"
    r"thank[- ]you(?:\s+note)?)"
)
_NOT_OTHERS = r"(?![^.!?\n]{0,25}\b(?:other|many|most|several|any\s+other|some)\s+(?:programs?|places|institutions))"
NUDGE = _c(
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

THANK_YOU = _c(
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

UPDATE = _c(
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

LOGISTICS = _c(
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
REQUEST = _one(
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


_OFFER_NOUN = (
    r"(?:(?:pgy-?\s?\d|categorical|preliminary|prelim|advanced|residency|resident|training|house\s*staff|"
    r"guaranteed|first[- ]year|intern|internship|pre-?match|post)\s+)*(?:position|spot|place|contract|"
    r"residency\s+position|training\s+position|job)\b"
)
OFFER = _c(
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



RANK_INQUIRY = _c(
    r"\b(?:where|how)\s+(?:will|would|do|are|might)\s+you\s+(?:plan\s+to\s+|intend\s+to\s+|going\s+to\s+)?"
    r"(?:rank|ranking|place)\s+(?:us|our\s+program|this\s+program|the\s+program|our\s+residency)\b",
    r"\b(?:how|where)\s+(?:high|highly)\s+(?:will|would|do)\s+you\s+(?:plan\s+to\s+)?rank\b",
    r"\b(?:are|is)\s+(?:we|our\s+program|the\s+program|this\s+program)\s+(?:still\s+)?your\s+"
    rf"(?:{_N1}|top|highest)\s*(?:choice|pick|program)?\b",
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

_THANKS = r"(?:thank[- ]you|thank\s+you|post-interview|follow-up|follow\s+up)"
NO_CONTACT = _c(
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

INVITATION = _c(
    r"\b(?:pleased|happy|delighted|excited|honou?red)\s+to\s+(?:invite|offer)\s+you\s+(?:an?\s+|to\s+)?"
    r"(?:interview|virtual\s+interview|in-person\s+interview)",
    r"\b(?:like|wish|want)\s+to\s+invite\s+you\s+(?:to|for)\s+(?:an?\s+)?(?:\w+\s+)?interview",
    r"\binvite\s+you\s+to\s+(?:\w+\s+)?interview\b",
    r"\b(?:interview\s+invitation|invitation\s+to\s+interview|invited\s+to\s+interview)\b",
    r"\boffer\s+you\s+an\s+(?:\w+\s+)?interview\b",
    r"\b(?:schedule|select|choose|book|sign\s+up\s+for)\s+(?:your|an)\s+interview\b",
    r"\bextend\s+(?:you\s+)?an\s+(?:interview\s+)?invitation\b",
)
REJECTION = _c(
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


# ------------------------------------------------------------------ sentence cues
# A sentence-level detector fires when one sentence holds a cue of each kind it
# needs and none of its vetoes. The cues name meanings, not sentences.

# first_choice: a top rank position bound to the applicant's own rank list/choice.
_POSITION = (
    rf"(?:{_N1}|top|highest|lead|leading|(?:very\s+)?first)(?:[- ](?:ranked|place|spot|position|slot|program|"
    r"choice|one))?"
)
_MY_LIST = r"my\s+(?:own\s+)?(?:(?:final|rank|ranking|rank\s+order|match|nrmp|certified)\s+)*(?:list|rol)\b(?!\s+of\b)"
FIRST_CHOICE_CUES = _c(
    # "the first program on my rank list", "#1 spot on my ROL", "first place on my list"
    rf"(?<![\w#]){_POSITION}\s+(?:(?:program|choice|place|spot|position|slot|one|entry)\s+)?(?:on|in|of|atop)\s+"
    rf"{_MY_LIST}",
    # "your program will top my rank list", "tops my list"
    rf"\b(?:top|tops|topping|head|heads|heading|lead|leads|leading)\s+{_MY_LIST}",
    # "I'm ranking you in the first spot", "rank it in the #1 position"
    rf"\b(?:rank|ranks|ranked|ranking|place|placed|placing|put|putting|list|listing)\s+{_OBJECT}\s+"
    rf"(?:in|at|into)\s+(?:the\s+|my\s+)?(?:very\s+)?(?:{_N1}|top)\s+(?:spot|place|position|slot)\b",
    # "the one I'll rank highest", "the program I plan to rank first"
    rf"\b(?:the\s+(?:one|program|place)|which|that)\s+i\s+(?:will|would|plan\s+to|intend\s+to|am\s+going\s+to|"
    rf"have\s+decided\s+to|am|have)\s+(?:\w+\s+){{0,2}}?(?:rank|ranking|ranked|put|putting|place|placing)\s+"
    rf"(?:it\s+)?(?:as\s+)?(?:my\s+)?(?:{_N1}|highest|at\s+the\s+(?:very\s+)?top)"
    r"(?=\s*(?:[.!,;:)\n]|$|-\s|is\b|will\b|would\b|and\b|on\b|in\b|when\b))",
    # "my rank list will have the program at the top", "my list starts with the program"
    rf"\b{_MY_LIST}\s+(?:will\s+|is\s+going\s+to\s+)?(?:have|has|show|shows|put|puts)\s+(?:[\w'&-]+\s+){{1,4}}?"
    rf"(?:at\s+the\s+(?:very\s+)?top|first|{_N1_STRONG}|in\s+(?:the\s+)?first\s+place)\b",
    rf"\b{_MY_LIST}\s+(?:will\s+)?(?:start|starts|begin|begins|open|opens)\s+with\b",
    # "I plan to rank the program as my number one"
    rf"\brank(?:ing|ed)?\s+{_OBJECT}\s+as\s+my\s+{_N1_STRONG}{_RANK_END}",
)
# A position with no list named needs the rank list somewhere in the sentence.
FIRST_CHOICE_SLOT = re.compile(
    rf"\b(?:in|at|into|take|takes|taking|hold|holds|holding|earn|earned|get|gets|occupy|occupies)\s+(?:the\s+)?"
    rf"(?:very\s+)?(?:{_N1}|top)\s+(?:spot|place|position|slot)\b"
)
INTERVIEW_SCHEDULING = re.compile(r"\binterview\s+(?:day|date|schedule|slot|session)s?\b|\bsession\b|\bsecond\s+look\b")
RANK_LIST_CONTEXT = re.compile(r"\b(?:rank|ranks|ranking|ranked|rol)\b|\b(?:my|the)\s+(?:\w+\s+)?list\b")
# "one of my first choices", "among the first on my list", "my first rank list ever"
FIRST_CHOICE_VETO = re.compile(
    r"\b(?:one\s+of|among|some\s+of|several\s+of|a\s+few\s+of|two\s+of|three\s+of)\b"
    r"|\b(?:near|close\s+to|towards?|around)\s+the\s+(?:very\s+)?top\b"
    r"|\b(?:first|#\s?1|number\s+one)\s+(?:\w+\s+){0,5}(?:to|that|who)\s+(?:invite|invited|respond|responded|reply|"
    r"replied|contact|contacted|interview|interviewed|offer|offered)\b"
)

# conditional_commitment: a condition on being ranked/matched + a promise to come.
CONDITION_CUES = _c(
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
COMMITMENT_CUES = _c(
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
INQUIRY_TOPIC = _c(
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
INQUIRY_OTHERS = _c(
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
NUDGE_ALONE = _c(
    r"\bbump(?:ing)?\s+(?:this|my|it)\b(?:\s+(?:up|back\s+up|to\s+the\s+top))?",
    r"\b(?:landed|land|ended\s+up|end\s+up|went|go)\s+(?:in|into)\s+(?:a|the|your)\s+(?:spam|junk)\b",
)
NUDGE_VETO = re.compile(
    r"\b(?:thank\s+you|thanks)\s+(?:\w+\s+){0,3}?for\s+(?:your|the)\s+(?:quick\s+|prompt\s+|kind\s+)?"
    r"(?:reply|response|answer)\b|\byou\s+(?:replied|responded|answered|wrote\s+back)\b"
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


# rank interest: a ranking message short of a #1 statement ("top choice", "rank you highly")
# — allowed to several programs, but it makes a reply a ranking message (a contact).
RANK_INTEREST = _c(
    r"\b(?:i\s+(?:will|would|plan\s+to|intend\s+to|am\s+going\s+to)\s+(?:be\s+)?rank(?:ing)?|ranking)\s+"
    r"(?!(?:this|the|that|my|our)\s+(?:experience|day|visit|interview|rotation|time|tour|talk|session)\b)"
    r"(?:you|your\s+(?:program|residency|department)|the\s+program|[\w.&'-]+(?:\s+[\w.&'-]+){0,3}?)\s+"
    r"(?:very\s+|quite\s+|extremely\s+)?(?:highly|high|near\s+the\s+top|among\s+my\s+top)",
    # "my top choice for interview dates" is about dates, not ranking
    r"\b(?:one\s+of\s+)?my\s+(?:very\s+)?top\s+(?:choices?|programs?|picks?)\b"
    r"(?!\s+(?:for|of)\s+(?!(?:residency|training|the\s+match|match|anesthesi)))",
    r"\b(?:very\s+|quite\s+)?high\s+on\s+my\s+(?:rank\s+)?list\b",
    r"\bnear\s+the\s+top\s+of\s+my\s+(?:rank\s+)?list\b",
)
