"""What a message's words say about a program: its name, and the interview date.

Pure functions over strings, used by :mod:`inboxcoach.core.programs` to propose
``[[programs]]`` blocks. Nothing here reads a file, a clock or the network.

Names: a run of capitalised words that holds an institution word (University,
Hospital, Medical Center, ...) or the specialty (Anesthesiology, ...) and at least one
word of its own (``Riverside``, ``St. Agnes``): "Riverside University Anesthesiology
- Interview Invitation" gives "Riverside University Anesthesiology"; "the Westbrook
Memorial anesthesiology program" gives "Westbrook Memorial Anesthesiology". Journals,
societies, newsletters and the platforms themselves are no program.

Dates: a sentence that speaks of the interview and holds exactly one date gives that
date ("you are confirmed for Thursday, November 12"); a sentence with several dates
offers a choice and gives none ("dates available: November 5, November 12 and
December 3"), unless it moves the interview ("from December 2 to Tuesday, December
15"). "Tomorrow" in a reminder, and "yesterday" or "today" in a thank-you note, count
from the day the message was written. A year left out is the season's: August to
December of the year before the Match, January to July of the Match year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = [
    "DateClue",
    "Name",
    "dates_in",
    "find_names",
    "fresh_text",
    "has_residency_signal",
    "is_thank_you",
    "outside_match",
    "sentences",
    "tokens_of",
]

# -- words ----------------------------------------------------------------------------

SPECIALTY = frozenset({"anesthesiology", "anesthesia", "anaesthesia", "anaesthesiology", "anesthesiologists"})
INSTITUTION = frozenset(
    {
        "university", "hospital", "hospitals", "medical", "center", "centre", "health", "healthcare",
        "system", "college", "clinic", "clinics", "institute", "memorial", "regional", "community",
        "children's", "childrens", "school", "medicine", "foundation", "infirmary", "general",
        "sciences", "campus", "uh", "mc", "rmc", "umc", "va",
    }
)  # fmt: skip
# Words a program name may end in that are not part of the name proper.
_TAIL = frozenset(
    {
        "residency", "residencies", "program", "programs", "programme", "department", "dept", "gme",
        "office", "team", "division", "categorical", "advanced", "preliminary", "interview",
        "interviews", "invitation", "day", "news", "update", "coordinator",
    }
)  # fmt: skip
# Words a subject line starts with before the name.
_LEAD = frozenset(
    {
        "re", "fw", "fwd", "aw", "the", "thank", "thanks", "you", "interview", "interviews",
        "invitation", "invite", "new", "your", "our", "dear", "hi", "hello", "welcome",
        "reminder", "update", "congratulations", "change", "position", "offer", "request",
        "confirmation", "confirmed", "information", "visit", "question", "application", "status",
        "checking", "in", "at", "from", "with", "to", "for", "of", "and", "about", "important",
        "urgent", "virtual", "program", "residency", "director", "coordinator", "department",
        "dr", "mr", "ms", "mrs", "prof", "professor", "md", "do", "phd", "a", "an", "my", "on",
        "interest", "second", "look", "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "this", "please", "dean",
        "chair", "chief", "faculty", "resident", "residents", "graduate", "education",
    }
)  # fmt: skip
# A name holding one of these is no program: publications, societies, platforms, shops.
_NOT_PROGRAMS = frozenset(
    {
        "journal", "society", "association", "board", "forum", "weekly", "news", "newsletter",
        "digest", "bank", "airlines", "airways", "insurance", "store", "shop", "careers",
        "conference", "congress", "academy", "meeting", "thalamus", "broker", "eras", "myeras",
        "aamc", "nrmp", "ecfmg", "usmle", "step", "match", "magazine", "review", "press",
        "podcast", "webinar", "library", "apartments", "inn", "hotel", "gym", "education",
        "management", "realty", "rentals", "survey",
    }
)  # fmt: skip
# Programs of other specialties (an applicant's preliminary or transitional year, a
# platform's other dashboards): not the season's program unless it is the specialty.
OTHER_SPECIALTIES = re.compile(
    r"\b(internal medicine|family medicine|transitional year|preliminary|prelim|general surgery|surgery|"
    r"pediatrics|psychiatry|neurology|radiology|pathology|emergency medicine|obstetrics|gynecology|"
    r"dermatology|ophthalmology|urology|orthopa?edic\w*|otolaryngology|neurosurgery|physical medicine|"
    r"internal med|im residency)\b",
    re.IGNORECASE,
)

# Words that never make a name distinctive on their own.
_GENERIC = SPECIALTY | INSTITUTION | _TAIL | _LEAD | frozenset(
    {"st", "saint", "mt", "mount", "ft", "fort", "new", "city", "county", "state", "children",
     "national", "international", "valley", "lake", "bay", "year",
     # other specialties: a rotation or an elective is no program of the applicant's
     "emergency", "internal", "family", "surgery", "surgical", "pediatrics", "pediatric",
     "radiology", "neurology", "psychiatry", "pathology", "critical", "care", "cardiology",
     "cardiac", "obstetrics", "obstetric", "gynecology", "trauma", "pain", "transitional",
     "intensive", "primary", "research", "clinical", "simulation", "science", "services",
     "perioperative"}
)  # fmt: skip

_CAP = r"(?:St\.|Mt\.|Ft\.|[A-Z][A-Za-z'’-]*[A-Za-z]|[A-Z]{2,}|[A-Z](?![a-z]))"
_CONNECTOR = r"(?:of(?:[ \t]+the)?|and|&|for|de|la|del|at)"
_SPECIALTY_TAIL = r"(?:[ \t]+(?:anesthesiology|anesthesia|anaesthesia|anaesthesiology))"
_RUN = re.compile(
    rf"(?<![\w@.])({_CAP}(?:[ \t]+(?:{_CONNECTOR}[ \t]+)?{_CAP})*)(?:['’]s)?({_SPECIALTY_TAIL}(?:[ \t]+(?:residency|program))?)?"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def tokens_of(text: str) -> tuple[str, ...]:
    """Lower-cased words of a name, possessives and quotes dropped."""
    return tuple(w.lower().replace("’", "'").removesuffix("'s").strip("'-") for w in _WORD.findall(text))


def _distinctive(words: Iterable[str]) -> tuple[str, ...]:
    out = []
    for word in words:
        if word in _GENERIC or len(word) < 3:
            continue
        if word not in out:
            out.append(word)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Name:
    """A program name seen in a text: as written (a lower-case specialty title-cased)
    and its distinctive words (``("riverside",)`` for "Riverside University
    Anesthesiology")."""

    text: str
    distinctive: tuple[str, ...]
    specialty: bool  # it names the specialty
    institution: bool  # it holds an institution word

    @property
    def bare(self) -> bool:
        """Only its own words ("Juniper Heights"): a name when the domain holds them."""
        return not (self.specialty or self.institution)

    @property
    def key(self) -> str:
        return self.text.lower()


def _name_of(words: list[str], tail: str, specialty_words: frozenset[str], bare: bool = False) -> Name | None:
    if any(w in _NOT_PROGRAMS for w in tokens_of(" ".join(words))):
        return None
    while words and words[0].lower().strip(".") in _LEAD | {"of", "and", "&", "for", "the", "at"}:
        words = words[1:]
    if words:
        words[-1] = re.sub(r"['’]s$", "", words[-1])  # "Glenwood Medical Center's anesthesiology"
    tail_words = [w.capitalize() for w in tail.split()] if tail else []
    words = [*words, *tail_words]
    while words and (words[-1].lower().strip(".") in _TAIL | {"of", "and", "&", "for", "the", "at"}):
        words = words[:-1]
    # "at" joins a department to its institution ("Anesthesiology at Riverside University")
    # only inside a longer name; a name never starts or ends with it.
    if not words:
        return None
    lowered = tokens_of(" ".join(words))
    distinctive = _distinctive(lowered)
    specialty = any(w in SPECIALTY or w in specialty_words for w in lowered)
    institution = any(w in INSTITUTION for w in lowered)
    if not distinctive or not (specialty or institution or bare):
        return None
    if "at" in lowered:  # "Department of Anesthesiology at X": the name is X's part
        index = max(i for i, w in enumerate(words) if w.lower() == "at")
        rest = _name_of(words[index + 1 :], "", specialty_words, bare)
        return rest
    text = " ".join(words)
    return Name(text=text, distinctive=distinctive, specialty=specialty, institution=institution)


_CAMPUS = frozenset({"campus", "site", "location", "branch"})
_DASH = re.compile(r"[ \t]+[-–—][ \t]+$")


def find_names(
    text: str, specialty_words: frozenset[str] = frozenset(), *, bare: bool = False, specialty: str = ""
) -> list[Name]:
    """The program names in one line or sentence, in order (see the module docstring).
    With ``bare``, also runs of capitalised words with no institution or specialty
    word ("Interview confirmed: Juniper Heights"), which only a domain can confirm.
    "Northgate Health Anesthesiology - Central Campus" is one name. A name of another
    specialty than ``specialty`` ("Brookside Internal Medicine") is none."""
    others = [] if specialty and specialty.lower() in text.lower() else list(OTHER_SPECIALTIES.finditer(text))
    names: list[Name] = []
    previous_end = -1
    for match in _RUN.finditer(text):
        if any(other.start() <= match.end() + 1 and other.end() >= match.start() - 2 for other in others):
            continue  # "Brookside Internal Medicine": another specialty's program
        words = match.group(1).split()
        name = _name_of(words, (match.group(2) or "").strip(), specialty_words, bare)
        if name is None:
            previous_end = -1
            continue
        gap = text[previous_end : match.start()] if previous_end >= 0 else ""
        if names and previous_end >= 0 and _DASH.match(gap) and set(tokens_of(name.text)) & _CAMPUS:
            first = names.pop()
            joined = f"{first.text} - {name.text}"
            distinctive = tuple(dict.fromkeys((*first.distinctive, *name.distinctive)))
            name = Name(joined, distinctive, first.specialty or name.specialty, True)
        names.append(name)
        previous_end = match.end()
    return names


# -- text -------------------------------------------------------------------------------

_QUOTE_START = re.compile(
    r"^(>|on\b.{0,200}\bwrote:\s*$|-{2,}\s*(original|forwarded) message|_{10,}\s*$|begin forwarded message"
    r"|from:\s.*\s(sent|date):\s)",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^\*?from:\*?\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\*?(sent|date|to|subject):\*?\s", re.IGNORECASE)


def fresh_text(text: str) -> str:
    """The newest part of a message: everything before the first quoted line, "On ...
    wrote:" line, forwarded or original-message block. Unlike the content rules' own
    words, the signature stays: it often names the program."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _QUOTE_START.match(stripped):
            return "\n".join(lines[:index]).strip()
        if _OUTLOOK_FROM.match(stripped):
            following = [ln.strip() for ln in lines[index + 1 : index + 5]]
            if sum(1 for ln in following if _OUTLOOK_NEXT.match(ln)) >= 2:
                return "\n".join(lines[:index]).strip()
    return "\n".join(lines).strip()


_ABBREVIATIONS = re.compile(r"\b(St|Mt|Ft|Dr|Mr|Ms|Mrs|Prof|No|Jr|Sr|vs|a\.m|p\.m|e\.g|i\.e)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def sentences(text: str) -> Iterator[str]:
    """The sentences of a text: its lines, split after ``.``, ``!`` and ``?`` (not
    after "St." or "Dr.")."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        guarded = _ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + "\x00", line)
        for part in _SENTENCE_END.split(guarded):
            part = part.replace("\x00", ".").strip()
            if part:
                yield part


_RESIDENCY = re.compile(
    r"\b(interview|residen|applica|applying|invit|pgy|positions?\b|match\b|coordinator|program director"
    r"|observership|sponsor)",
    re.IGNORECASE,
)


def has_residency_signal(text: str) -> bool:
    """Whether a text speaks of applications, interviews, residency or positions."""
    return bool(_RESIDENCY.search(text))


_THANK_YOU_SUBJECT = re.compile(r"^((re|fw|fwd):\s*)*(thank|thanks)\b", re.IGNORECASE)
_THANK_YOU_BODY = re.compile(
    r"\b(thank you|thanks|grateful)\b.{0,80}\b(interview|meeting|met|meet|time|day|hosting|welcom|visit)",
    re.IGNORECASE,
)


def is_thank_you(subject: str, text: str) -> bool:
    """A thank-you note: the subject starts with thanks, or the first lines thank for
    an interview, a meeting or a day."""
    if _THANK_YOU_SUBJECT.match(subject.strip()):
        return True
    opening = " ".join(list(sentences(text))[:3])
    return bool(_THANK_YOU_BODY.search(opening))


_OUTSIDE_MATCH = re.compile(r"\boutside (of )?(the )?(nrmp )?(main residency )?match\b", re.IGNORECASE)


def outside_match(sentence: str) -> bool:
    """A statement (not a question) that positions are filled outside the NRMP Match."""
    return bool(_OUTSIDE_MATCH.search(sentence)) and not sentence.rstrip().endswith("?")


# -- dates ----------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_PATTERNS = (
    # November 12, Nov. 12th, 2026
    re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE),
    # 12 November 2026
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE),
    # 2026-11-12
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    # 11/12/2026 (US order)
    re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
)


def season_year(month: int, match_year: int) -> int:
    """The year of a date written without one: the season runs from August of the
    year before the Match to July of the Match year."""
    return match_year - 1 if month >= 8 else match_year


def _explicit_dates(sentence: str, match_year: int) -> list[tuple[int, date]]:
    """(position, date) of every date written out in ``sentence``."""
    found: dict[int, date] = {}
    for kind, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(sentence):
            if any(start <= m.start() < start + 12 for start in found):
                continue
            try:
                if kind == 0:
                    month, day, year = _MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)), m.group(3)
                elif kind == 1:
                    day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower().rstrip(".")], m.group(3)
                elif kind == 2:
                    year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
                else:
                    month, day, year = int(m.group(1)), int(m.group(2)), m.group(3)
                found[m.start()] = date(int(year) if year else season_year(month, match_year), month, day)
            except (ValueError, KeyError):
                continue
    return sorted(found.items())


#: How sure a date is: the program or a platform confirms it (a confirmation, a
#: reminder, an itinerary, a changed date); a thank-you note speaks of it after the day
#: ("yesterday"); it was offered or accepted (an invitation to one date).
SURE, AFTERWARDS, OFFERED = 3, 2, 1


@dataclass(frozen=True, slots=True)
class DateClue:
    """An interview date a sentence gives, and how sure it is (:data:`SURE`,
    :data:`AFTERWARDS`, :data:`OFFERED`)."""

    day: date
    strength: int
    sentence: str


_INTERVIEW = re.compile(r"\binterview", re.IGNORECASE)
_SURE = re.compile(
    r"\b(confirm(ed|s)?|scheduled|schedule for|itinerary|is tomorrow|reminder|is on\b|link for your|"
    r"welcome packet|we look forward to (seeing|meeting) you on|see you on)",
    re.IGNORECASE,
)
_MOVED = re.compile(r"\b(move|moved|moving|reschedul\w*|chang\w*|postpon\w*)\b.*\bto\b", re.IGNORECASE)
_NOT_THE_INTERVIEW = re.compile(
    r"\b(social|dinner|deadline|expire|second look|rank|open house|webinar|information session|"
    r"happy hour|meet and greet|sign|return it|contract|out of (the )?office|until)\b",
    re.IGNORECASE,
)
_THANKS_CUE = re.compile(
    r"\b(interview|meet|met|meeting|time|spent|day|visit|hosting|welcom|conversation|speaking|talking)",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_TODAY = re.compile(r"\b(today|this morning|earlier today)\b", re.IGNORECASE)
_TOMORROW = re.compile(r"\btomorrow\b", re.IGNORECASE)
# "Thank you" written after midnight still speaks of the evening before.
_LATE_NIGHT_HOUR = 4


def writing_day(moment: datetime) -> date:
    """The day a message was written on, as its writer thinks of it: before 4 a.m. it
    is still the day before."""
    day = moment.date()
    return day - timedelta(days=1) if moment.hour < _LATE_NIGHT_HOUR else day


def dates_in(
    sentence: str, written: datetime | None, match_year: int, *, thank_you: bool, outbound: bool, subject: bool = False
) -> DateClue | None:
    """The interview date one sentence gives, if it gives one (see the module docstring).

    ``written`` is when the message was sent, in the season's time zone; ``thank_you``
    whether the message is a thank-you note; ``outbound`` whether the applicant wrote it.
    """
    if _NOT_THE_INTERVIEW.search(sentence):
        return None
    explicit = _explicit_dates(sentence, match_year)
    days = list(dict.fromkeys(d for _, d in explicit))
    cue = bool(_INTERVIEW.search(sentence)) or (thank_you and bool(_THANKS_CUE.search(sentence)))
    sure = bool(_SURE.search(sentence))
    if len(days) >= 2:
        moved = _MOVED.search(sentence)
        if moved and (cue or subject) and explicit[-1][0] > moved.start():
            return DateClue(explicit[-1][1], SURE, sentence)
        return None  # a choice of dates, or several events
    if len(days) == 1:
        if not (cue or sure):
            return None
        if sure and not outbound:
            strength = SURE
        elif thank_you:
            strength = AFTERWARDS
        else:
            strength = OFFERED
        return DateClue(days[0], strength, sentence)
    if written is None or not (cue or sure):
        return None
    today = writing_day(written)
    if _TOMORROW.search(sentence) and not thank_you:
        return DateClue(written.date() + timedelta(days=1), SURE, sentence)
    if thank_you or _INTERVIEW.search(sentence):
        if _YESTERDAY.search(sentence):
            return DateClue(today - timedelta(days=1), AFTERWARDS, sentence)
        if _TODAY.search(sentence) and (thank_you or "interviewing" in sentence.lower()):
            return DateClue(today, AFTERWARDS, sentence)
    return None
