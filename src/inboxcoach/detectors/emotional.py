"""emotional: complaints or venting about programs or the process, in the applicant's words.

Two layers: ``EMOTIONAL`` phrases ("this process is unfair", "no one even bothers to
reply"), unless told as a past struggle that taught something; and feelings
(``FEELING``: "I am frustrated", "it is disheartening") aimed at programs or the
process (``VENT_TARGET``), never at oneself, and not a struggle told as growth.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import PHRASE_MAX, SENTENCE_END, Sentence, find, merge, one_pass, phrase, sentences

__all__ = ["DETECTOR"]

_PROCESS = (
    r"(?:this|the|whole|entire)\s+(?:(?:match|application|residency|interview|eras|nrmp|selection)\s+)*"
    r"(?:process|system|match)"
)
EMOTIONAL = one_pass(
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

_CONTEXT = 300  # characters of a sentence read on either side of a cue
_LOOKS_PER_FEELING = 5


class _Around:
    """The sentence around a position of ``text``, with the one before and the one after,
    each cut to ``_CONTEXT`` characters on the position's side: ``text`` is split once, on
    the first question, so a body full of cues costs one pass, not one per cue."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: tuple[Sentence, ...] | None = None
        self._starts: list[int] = []

    def __call__(self, position: int) -> tuple[str, str, str]:
        if self._sentences is None:
            self._sentences = sentences(self.text)
            self._starts = [offset for offset, _, _ in self._sentences]
        found = self._sentences
        i = bisect_right(self._starts, position) - 1
        if i < 0:
            return "", self.text[max(0, position - _CONTEXT) : position + _CONTEXT], ""
        offset, sentence, _ = found[i]
        local = position - offset
        before = found[i - 1][1][-_CONTEXT:] if i > 0 else ""
        after = found[i + 1][1][:_CONTEXT] if i + 1 < len(found) else ""
        return before, sentence[max(0, local - _CONTEXT) : local + _CONTEXT], after


def _emotional(t: Texts) -> tuple[str, ...]:
    """Complaints or venting about programs or the process, never a struggle of one's own
    told as growth: the EMOTIONAL phrases, and feelings aimed at programs or the process."""
    text = t.body
    around = _Around(text)

    def not_a_growth_story(_: str, m: re.Match[str]) -> bool:
        # "it was unfair, but it taught me ..." tells a past struggle as growth
        if not PAST_TELLING.search(m.group(0)):
            return True
        _, sentence, after = around(m.start())
        return not GROWTH.search(f"{sentence} {after}")

    # A feeling's target may be read in the text around it, joined with spaces: the
    # prefilter answers for FEELING alone, the rest is judged as always.
    return merge(
        find(text, t.scan.active(EMOTIONAL), negated_ok=False, guard=not_a_growth_story),
        _venting(text, around) if t.scan.possible(FEELING) else (),
    )


def _bare(text: str, end: int) -> bool:
    """Whether a feeling ending at ``end`` names no object of its own: "I am so frustrated."
    or "... and I am tired of it all." -- a few words at most before its sentence ends."""
    stop = SENTENCE_END.search(text, end, end + 40)
    return stop is not None and len(text[end : stop.start()].split()) <= 3


def _venting(text: str, around: _Around) -> tuple[str, ...]:
    """Feelings aimed at programs or the process ("I am tired of waiting", "it is frustrating
    that no program ..."), not at oneself, and not a past struggle told as growth."""
    found: list[str] = []
    # The same words are judged a few times at most: once found they need no second look,
    # and a body repeating them thousands of times is judged on the first few.
    looks: dict[str, int] = {}
    for m in FEELING.finditer(text):
        feeling = phrase(m.group(0))
        looks[feeling] = looks.get(feeling, 0) + 1
        if looks[feeling] > _LOOKS_PER_FEELING:
            continue
        before, sentence, after = around(m.start())
        past = bool(m.group("past") or m.group("past_it"))
        strong = bool(m.group("strong"))
        nearby = f"{before} {sentence} {after}" if strong and not past and _bare(text, m.end()) else sentence
        if not (VENT_TARGET.search(nearby) or (strong and VENT_OUTCOME.search(nearby))):
            continue
        if SELF_TARGET.search(sentence) or (past and GROWTH.search(f"{sentence} {after}")):
            continue
        looks[feeling] = _LOOKS_PER_FEELING
        evidence = _vented_at(text, m)  # "i am tired of waiting", not "i am tired of"
        if evidence not in found:
            found.append(evidence)
    return tuple(found)


def _vented_at(text: str, m: re.Match[str]) -> str:
    """The feeling with what it is aimed at, when that follows closely in its sentence."""
    tail = text[m.start() : m.start() + PHRASE_MAX]
    stop = SENTENCE_END.search(tail, m.end() - m.start())
    tail = tail[: stop.start()] if stop else tail
    feeling_end = m.end() - m.start()
    ends = [e.end() for pattern in (VENT_TARGET, VENT_OUTCOME) for e in pattern.finditer(tail)]
    end = min((e for e in ends if e > feeling_end), default=feeling_end)
    return phrase(tail[:end])


def detect(t: Texts) -> dict[str, Any]:
    return {"emotional": _emotional(t)}


DETECTOR = Detector(
    name="emotional", side="out", fields=("emotional",), needs=((EMOTIONAL,), ((FEELING,),)), detect=detect
)
