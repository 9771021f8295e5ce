"""``analyze``: a message's own words -> :class:`Features`, running only the detectors
that can find something.

The text is cleaned and normalized once, program names are replaced once, and one
Aho-Corasick pass over the normalized subject and body (:mod:`.prefilter`) tells
which patterns could match; a detector none of whose needs is met is skipped and
its fields keep their defaults, which is what running it would have given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import cache
from typing import Any

from inboxcoach.core.model import Direction, Features, Program
from inboxcoach.core.prefilter import NeedleIndex
from inboxcoach.detectors import (
    commitment,
    courtesy,
    desperate,
    emotional,
    feedback,
    fingerprint,
    first_choice,
    invitation,
    needle_table,
    nudge,
    offer,
    placeholders,
    policy,
    rank_inquiry,
    request,
)
from inboxcoach.detectors.base import Detector, Scope, Texts
from inboxcoach.detectors.program_names import mentioned_programs, replace_names
from inboxcoach.detectors.text import clean, normalize, word_count
from inboxcoach.detectors.written import written_pairs

__all__ = ["DETECTORS", "analyze", "needle_index"]

DETECTORS: tuple[Detector, ...] = (
    # the applicant's words
    first_choice.DETECTOR,
    commitment.DETECTOR,
    placeholders.DETECTOR,
    desperate.DETECTOR,
    emotional.DETECTOR,
    feedback.DETECTOR,
    nudge.DETECTOR,
    *courtesy.DETECTORS,
    request.DETECTOR,
    fingerprint.DETECTOR,
    # the program's words
    offer.DETECTOR,
    rank_inquiry.DETECTOR,
    policy.DETECTOR,
    *invitation.DETECTORS,
)


@cache
def needle_index(scope: Scope) -> NeedleIndex:
    """The needles of every detector that reads ``scope`` (built on first use, from the
    table derived ahead: deriving them here parses every pattern, about 0.08 s)."""
    return NeedleIndex((p for d in DETECTORS if d.scope == scope for p in d.tables()), known=needle_table.known())


def analyze(
    subject: str,
    own_words: str,
    programs: Sequence[Program],
    direction: Direction | None = None,
    *,
    prefilter: bool = True,
) -> Features:
    """Return the :class:`Features` of a message: matched phrases, flags, mentions, fingerprint.

    ``own_words`` is the text without quotes, forwards and signatures (the greeting
    kept). Phrases are short and lower-cased. ``direction`` limits the work to what the
    rules read: the applicant's detectors and the fingerprint for ``"out"``, the
    program's (offer, rank inquiry, policy, invitation, rejection) for ``"in"``; None
    runs all. Mentions and the word count are always filled. ``prefilter=False`` runs
    every chosen detector whatever the prefilter says (the result is the same; the
    tests check it). Pure: no I/O; never raises on odd text.
    """
    programs = tuple(programs)
    chosen = [d for d in DETECTORS if direction is None or d.side == direction]
    cleaned = clean(own_words)
    cleaned_subject = clean(subject)
    body = normalize(replace_names(cleaned, programs, "the program"))
    subj = normalize(replace_names(cleaned_subject, programs, "the program"))
    both = f"{subj}\n{body}" if subj else body
    everything = not prefilter
    reads_cleaned = any(d.scope == "cleaned" for d in chosen)
    texts = Texts(
        subject=subject,
        own_words=own_words,
        programs=programs,
        cleaned=cleaned,
        cleaned_subject=cleaned_subject,
        body=body,
        subj=subj,
        both=both,
        scan=needle_index("normalized").scan(both, everything=everything),
        cleaned_scan=needle_index("cleaned").scan(
            f"{cleaned_subject}\n{cleaned}" if reads_cleaned else "", everything=everything
        ),
    )
    values: dict[str, Any] = {
        "mentions": mentioned_programs(f"{subject}\n{own_words}", programs),
        "word_count": word_count(own_words),
    }
    for detector in chosen:
        if detector.may_find(texts.scan_for(detector.scope)):
            values.update(detector.detect(texts))
    for name in _PHRASE_FIELDS:  # a finding quotes a few; a hostile text may hold thousands
        if len(values.get(name, ())) > MAX_PHRASES:
            values[name] = values[name][:MAX_PHRASES]
    phrases = [p for name in _PHRASE_FIELDS for p in values.get(name, ())]
    if phrases:
        values["written"] = written_pairs(phrases, f"{cleaned_subject}\n{cleaned}", programs)
    return Features(**values)


MAX_PHRASES = 20  # phrases kept per field, the first in the text

# the fields that hold matched phrases (quoted in findings); mentions are program names
_PHRASE_FIELDS = tuple(
    f.name for f in dataclasses.fields(Features) if f.type == "tuple[str, ...]" and f.name != "mentions"
)
