"""What a detector is, and the texts it reads.

A :class:`Detector` declares the :class:`~inboxcoach.core.model.Features` fields it fills,
the side whose words it reads ("out": the applicant's, "in": the program's), the
text it runs on, and ``needs``: the pattern tables without which it cannot find
anything. The analysis runs a detector only when the prefilter says one of its
``needs`` is met; otherwise its fields keep their defaults.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from inboxcoach.core.model import Direction, Program
from inboxcoach.core.prefilter import Scan
from inboxcoach.detectors.match import Sentence, sentences

__all__ = ["Detector", "Need", "Scope", "Texts"]

Table = Sequence[re.Pattern[str]]
Need = tuple[Table, ...]
"""Tables that must all hold a possible match (cues needed together)."""

Scope = Literal["normalized", "cleaned"]


@dataclass(frozen=True, slots=True)
class Texts:
    """One message as the detectors see it.

    ``body`` and ``subj`` are normalized (lower case, contractions expanded, program
    names replaced by "the program"), ``both`` is ``subj`` and ``body`` on two lines;
    ``cleaned``/``cleaned_subject`` are only cleaned (case and names kept). ``scan``
    answers for normalized text, ``cleaned_scan`` for ``cleaned_subject`` + ``cleaned``.
    """

    subject: str
    own_words: str
    programs: tuple[Program, ...]
    cleaned: str
    cleaned_subject: str
    body: str
    subj: str
    both: str
    scan: Scan
    cleaned_scan: Scan
    _sentence_scans: list[Scan] = field(default_factory=list, repr=False, compare=False)

    def scan_for(self, scope: Scope) -> Scan:
        return self.scan if scope == "normalized" else self.cleaned_scan

    def sentences(self, *needs: Need) -> Iterator[Sentence]:
        """The sentences of ``body`` (:func:`.match.sentences`) in which one of ``needs``
        is met. A detector that judges each sentence on its own and finds something
        only where its cues meet in one sentence may skip the others: it would find
        nothing there."""
        found = sentences(self.body)
        if not self._sentence_scans:
            shift = len(self.subj) + 1 if self.subj else 0  # where body starts in ``both``
            spans = [(shift + offset, shift + offset + len(text)) for offset, text, _ in found]
            self._sentence_scans.extend(self.scan.parts(spans))
        for sentence, scan in zip(found, self._sentence_scans, strict=True):
            if any(scan.touches(*need) for need in needs):  # looser than all(), many times cheaper
                yield sentence


@dataclass(frozen=True, slots=True)
class Detector:
    """One detector: ``detect(texts)`` returns values for ``fields`` (others untouched)."""

    name: str
    side: Direction
    fields: tuple[str, ...]
    needs: tuple[Need, ...]
    detect: Callable[[Texts], Mapping[str, Any]]
    scope: Scope = "normalized"

    def may_find(self, scan: Scan) -> bool:
        """Whether one of ``needs`` is met in the scanned text."""
        return any(scan.all(*need) for need in self.needs)

    def tables(self) -> tuple[re.Pattern[str], ...]:
        """Every pattern named in ``needs``."""
        return tuple(p for need in self.needs for table in need for p in table)
