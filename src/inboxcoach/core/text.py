"""A message body -> the writer's own words.

Content rules must judge only what the applicant (or the program) wrote in this
message, not the quoted text of earlier ones, forwarded messages or signatures.
``mail-parser-reply`` finds the newest reply and its signature; the few things it
misses (Outlook header blocks it leaves behind, "Forwarded message" markers,
sign-offs without a "-- " line, stray ``>`` lines) are handled here.

The reply parser costs most of the time here, in three expressions it runs over the
text (reply headers, disclaimers, signatures). They are compiled once, not per
message, and one whose needles (the literals every match of it holds, derived from
the expression itself) are absent from the text is replaced, for that message, by
an expression that never matches: it could not have matched, so the parser's result
is the same. The signature expression, which always has needles (a "-" at the start
of a line is one of its cues), is searched only from the places where a match can
start (:class:`_LineStarts`): its leading ``\\s*^`` makes ``re`` try every position.
"""

from __future__ import annotations

import re
from functools import cache

from mailparser_reply import EmailReplyParser  # type: ignore[import-untyped]
from mailparser_reply.parser import EmailMessage  # type: ignore[import-untyped]

from inboxcoach.core.needles import fold
from inboxcoach.core.prefilter import NeedleIndex, Scan

__all__ = ["normalize_whitespace", "own_words"]

# Longer bodies are cut before reply parsing: nobody writes 200,000 characters of
# their own words, and the parser's cost grows with length.
_MAX_CHARS = 200_000

# Lines where the writer's words end (matched against each stripped line).
_CUT_LINE_PATTERNS = (
    r"^-{2,}\s*forwarded message\s*-{2,}\s*$",
    r"^-{2,}\s*original message\s*-{2,}\s*$",
    r"^begin forwarded message:\s*$",
    r"^_{10,}\s*$",  # Outlook's line above "From: ... Sent: ..."
    r"^on\b.{0,200}\bwrote:\s*$",
    r"^-{2} ?$",  # signature delimiter "-- "
)
# "From: x" followed within a few lines by "Sent:"/"Date:" and "To:"/"Subject:".
_HEADER_START = re.compile(r"^\*?from:\*?\s", re.IGNORECASE)
_HEADER_FOLLOW = re.compile(r"^\*?(sent|date|to|cc|subject):\*?\s", re.IGNORECASE)

_SIGN_OFFS = (
    "best",
    "best regards",
    "best wishes",
    "kind regards",
    "kindest regards",
    "warm regards",
    "warmest regards",
    "warm wishes",
    "regards",
    "respectfully",
    "respectfully yours",
    "sincerely",
    "sincerely yours",
    "yours sincerely",
    "yours truly",
    "yours faithfully",
    "gratefully",
    "cheers",
    "all the best",
    "with best regards",
    "with kind regards",
    "with warm regards",
)
_SIGN_OFF = re.compile(r"^(" + "|".join(re.escape(s) for s in _SIGN_OFFS) + r")\s*[,.!]?\s*$", re.IGNORECASE)
# Thanks-type sign-offs carry meaning (a thank-you note): the line stays, the name
# lines after it go.
_THANKS = re.compile(
    r"^(thanks|thank you|many thanks|thanks again|thank you again|thank you so much"
    r"|with gratitude|with appreciation)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(r"^(dr\.?\s+)?[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3}(,?\s*(MD|M\.D\.|DO|MBBS|PhD))?$")
_MOBILE = r"^(sent from my \w+.*|sent from (outlook|mail|yahoo mail|gmail).*|get outlook for \w+.*)$"
# All of them as one expression: one match per line instead of seven
_CUT_LINE = re.compile("|".join(f"(?:{p})" for p in (*_CUT_LINE_PATTERNS, _MOBILE)), re.IGNORECASE)
# A sign-off is followed by at most this many short lines (name, degrees, titles).
_MAX_SIGNATURE_LINES = 8
_MAX_SIGNATURE_LINE = 80


def normalize_whitespace(text: str) -> str:
    """Return ``text`` with CRLF/CR turned into LF, trailing spaces removed, runs of
    blank lines collapsed to one and the ends stripped."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip()


_LANGUAGES = ["en"]
_NEVER = re.compile(r"(?!)")
# EmailMessage's expressions, by the name of the field that caches them
_EXPRESSIONS = {
    "_header_regex": "HEADER_REGEX",
    "_disclaimers_regex": "DISCLAIMERS_REGEX",
    "_signature_regex": "SIGNATURE_REGEX",
}


@cache
def _reply_expressions() -> tuple[dict[str, re.Pattern[str]], NeedleIndex]:
    """The reply parser's three expressions for our languages, and their needles."""
    template = EmailMessage(text="", languages=list(EmailReplyParser(languages=_LANGUAGES).languages))
    compiled = {name: getattr(template, prop) for name, prop in _EXPRESSIONS.items()}
    return compiled, NeedleIndex(compiled.values())


# The signature expression of mail-parser-reply 1.36 for "en", whose alternatives
# each start at a line (checked by the tests). Another version's expression is used
# as it is, until the tests have looked at it.
_SIGNATURE_TESTED = (
    r"((\s*^(?:> ?)*(?:[-_]{2}\n|- ?\w).*|(\n{2,} ?[_-]{32,})|\s*^(?:> ?)*(?:Sent from my|Get Outlook for) ?"
    r"(?:(?:[\w.<>:// ]+)|(?:\w+ )(1, 3))$|(?<!\A)^(?:> ?)*(?:Best regards|Kind Regards|Thanks,|Thank you,|Best,|"
    r"All the best|regards,))(.|\s)*)"
)


class _LineStarts:
    """``pattern.search`` for an expression (MULTILINE) each of whose alternatives
    starts with ``\\s*^``, ``^`` or a newline, tried only where such a match can begin:
    the start of the text, each line start, the first newline of each run of them, and
    the start of each run of whitespace that holds a newline (``\\s*`` reaches a line
    start only through one; a match found inside such a run is found from its start).
    The first position that matches is the one ``search`` finds, and ``match`` from it
    gives the same match. The reply parser's signature expression is of this kind.

    Two expressions find where trying can begin, each in one pass of ``re``: every
    match of ``pattern`` starts, or reaches through whitespace only, at a match of
    ``at_start`` at the start of the text or of ``anywhere`` (whose matches start with
    a newline). A text with neither has no match, and the positions before the
    whitespace that leads to the first need no trying (most of a letter: its sign-off
    is near its end)."""

    __slots__ = ("anywhere", "at_start", "pattern")

    def __init__(self, pattern: re.Pattern[str], at_start: re.Pattern[str], anywhere: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.at_start = at_start
        self.anywhere = anywhere

    def search(self, text: str) -> re.Match[str] | None:
        floor = 0
        if not self.at_start.match(text):
            cue = self.anywhere.search(text)
            if cue is None:
                return None
            floor = cue.start()
            while floor > 0 and text[floor - 1].isspace():
                floor -= 1
        match = self.pattern.match
        for start in _line_start_candidates(text, floor):
            found = match(text, start)
            if found is not None:
                return found
        return None


# Where an alternative of _SIGNATURE_TESTED can begin a line, after its leading "\s*"
# and without its lookbehind; the other begins with two newlines. Led by its newline,
# the search runs at the speed of a scan for newlines.
_SIGNATURE_CUE = (
    r"(?:> ?)*(?:[-_]{2}\n|- ?\w|Sent from my|Get Outlook for|Best regards|Kind Regards|Thanks,|Thank you,|Best,|"
    r"All the best|regards,)"
)
_SIGNATURE_SEARCH = (
    re.compile(_SIGNATURE_CUE, re.IGNORECASE),
    re.compile(rf"\n(?:{_SIGNATURE_CUE}|\n+ ?[_-]{{32,}})", re.IGNORECASE),
)


def _line_start_candidates(text: str, start: int = 0) -> list[int]:
    """Where a match of a :class:`_LineStarts` expression may start, in order, from
    ``start`` on (``start`` itself, then as in the whole text; linear in the text: a
    run of whitespace across many lines is walked once)."""
    starts = {start}
    run = start  # where the whitespace run holding the last newline starts
    last = start - 1  # the last newline (before the first one: where the walk begins)
    newline = text.find("\n", start)
    while newline != -1:
        between = text[last + 1 : newline]
        if last == start - 1 or (between and not between.isspace()):
            run = newline
            while run > last + 1 and text[run - 1].isspace():
                run -= 1
        starts.add(run)
        if text[newline - 1 : newline] != "\n":
            starts.add(newline)
        starts.add(newline + 1)
        last = newline
        newline = text.find("\n", newline + 1)
    return sorted(starts)


def _reply_message(text: str) -> EmailMessage:
    """What ``EmailReplyParser(languages=["en"]).read(text)`` reads, minus the work
    that cannot find anything in ``text``."""
    compiled, index = _reply_expressions()
    message = EmailMessage(text=text, languages=list(EmailReplyParser(languages=_LANGUAGES).languages), **compiled)
    scan: Scan = index.scan(fold(message.text))  # the parser reads its own normalized copy
    for name, pattern in compiled.items():
        if not scan.possible(pattern):
            setattr(message, name, _NEVER)
        elif name == "_signature_regex" and pattern.pattern == _SIGNATURE_TESTED:
            message._signature_regex = _LineStarts(pattern, *_SIGNATURE_SEARCH)  # its only use is .search(text).group()
    return message.read()


def _newest_reply(text: str) -> str:
    try:
        replies = _reply_message(text).replies
    except Exception:  # noqa: BLE001 - the reply parser must never stop a scan
        return text
    if not replies:
        return text
    newest = replies[0]
    signature = str(getattr(newest, "signatures", "") or "")
    # The library takes everything after a "Thank you," line as signature; when
    # that "signature" holds sentences, they are the writer's words.
    if any(_is_sentence(line) for line in signature.split("\n")[1:]):
        return str(newest.content)
    return str(newest.body)


def _is_sentence(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > _MAX_SIGNATURE_LINE or (
        len(stripped.split()) >= 5 and stripped.endswith((".", "!", "?"))
    )


def _cut_at_markers(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _CUT_LINE.match(stripped):
            return lines[:index]
        if _HEADER_START.match(stripped):
            following = [ln.strip() for ln in lines[index + 1 : index + 5]]
            if sum(1 for ln in following if _HEADER_FOLLOW.match(ln)) >= 2:
                return lines[:index]
    return lines


def _cut_sign_off(lines: list[str]) -> list[str]:
    """Remove a trailing "Best regards,\\nJane Doe\\nMD" block, or the name lines
    after a "Thank you," sign-off; else a lone name line closing the message."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].strip()
        sign_off = _SIGN_OFF.match(line)
        if not sign_off and not _THANKS.match(line):
            continue
        tail = [ln for ln in lines[index + 1 :] if ln.strip()]
        if len(tail) <= _MAX_SIGNATURE_LINES and not any(_is_sentence(ln) for ln in tail):
            return lines[:index] if sign_off else lines[: index + 1]
        return lines
    return _cut_name_line(lines)


def _cut_name_line(lines: list[str]) -> list[str]:
    """Drop a last paragraph that is only a name ("Jane", "Jane Doe, MD")."""
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(content) < 2:
        return lines
    last = content[-1]
    before = content[-2]
    if last - before >= 2 and _NAME_LINE.match(lines[last].strip()):
        return lines[:last]
    return lines


def own_words(text: str) -> str:
    """Return the writer's own words in ``text``: the newest reply with quoted lines
    (``>``), "On ... wrote:" blocks, Outlook "Original Message" / "From: ... Sent:"
    header blocks, forwarded messages, mobile footers and signatures or sign-offs
    removed; the greeting line is kept. Whitespace is normalized. Never raises;
    "" for empty input."""
    if not text or not text.strip():
        return ""
    clean = normalize_whitespace(text[:_MAX_CHARS])
    reply = _newest_reply(clean)
    lines = [ln for ln in reply.split("\n") if not ln.lstrip().startswith(">")]
    lines = _cut_at_markers(lines)
    lines = _cut_sign_off(lines)
    return normalize_whitespace("\n".join(lines))
