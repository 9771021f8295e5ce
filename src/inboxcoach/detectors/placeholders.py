"""placeholders: unfilled template slots ("[Program Name]", "{{name}}", "Dear ____,").

Runs on the cleaned subject and text (case kept: "XXX" and "PROGRAM NAME" are slots,
"xxx" in a sentence is not), not on normalized text. Addresses, references, "[sic]",
"[image: logo]" and HTML-to-text debris are not slots.
"""

from __future__ import annotations

import re
from typing import Any

from inboxcoach.detectors.base import Detector, Texts
from inboxcoach.detectors.match import DisjointSpans, phrase, table

__all__ = ["DETECTOR"]

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
PLACEHOLDER_BLANK = table(
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


def _placeholders(text: str, t: Texts) -> tuple[str, ...]:
    """Unfilled template slots, skipping addresses, references and HTML-to-text debris."""
    taken = DisjointSpans()
    spans: list[tuple[int, int, str]] = []

    def add(m: re.Match[str]) -> None:
        if taken.take(m.start(), m.end()):
            spans.append((m.start(), m.end(), phrase(m.group(0))))

    for pattern in t.cleaned_scan.active((PLACEHOLDER_SQUARE, PLACEHOLDER_ANGLE)):
        for m in pattern.finditer(text):
            inner = m.group(1)
            if BRACKET_NOISE.match(inner) or HTML_TAG.match(inner) or "et al" in inner:
                continue
            if PLACEHOLDER_WORD.search(inner):
                add(m)
    for pattern in t.cleaned_scan.active((PLACEHOLDER_CURLY, PLACEHOLDER_PAREN, *PLACEHOLDER_BLANK)):
        for m in pattern.finditer(text):
            add(m)
    return tuple(dict.fromkeys(p for _, _, p in sorted(spans)))  # each phrase once, in text order


def detect(t: Texts) -> dict[str, Any]:
    return {"placeholders": _placeholders(f"{t.cleaned_subject}\n{t.cleaned}", t)}


DETECTOR = Detector(
    name="placeholders",
    side="out",
    fields=("placeholders",),
    needs=(
        ((PLACEHOLDER_SQUARE, PLACEHOLDER_ANGLE), (PLACEHOLDER_WORD,)),
        ((PLACEHOLDER_CURLY, PLACEHOLDER_PAREN, *PLACEHOLDER_BLANK),),
    ),
    detect=detect,
    scope="cleaned",
)
