"""What a message's own words say, reduced to :class:`~inboxcoach.core.model.Features`.

Bodies are never stored. :func:`analyze` runs once on a message's own words (quotes,
forwards and signatures already removed) and keeps only short matched phrases,
flags, the configured programs it names, and a fingerprint/MinHash of the normalized
text. Every content rule later works on those features.

One module per detector, its patterns beside its logic; each declares the fields it
fills, the side it reads ("out": the applicant's words, "in": the program's) and the
pattern tables it needs (:class:`~.base.Detector`). Shared pieces: :mod:`.text`
(cleaning and normalization), :mod:`.match` (phrases, guards, sentences),
:mod:`.program_names`, :mod:`.needles` and :mod:`.prefilter` (one pass that picks the
detectors to run), :mod:`.analysis` (the order of work).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from inboxcoach.core.model import Features, Program

if TYPE_CHECKING:
    from inboxcoach.detectors.analysis import DETECTORS, analyze
    from inboxcoach.detectors.fingerprint import MINHASH_SIZE, normalize_for_fingerprint
    from inboxcoach.detectors.program_names import mentioned_programs

__all__ = [
    "DETECTORS",
    "MINHASH_SIZE",
    "analyze",
    "mentioned_programs",
    "normalize_for_fingerprint",
    "preload",
    "similarity",
]

# Loaded on first use: the detectors compile some hundred patterns (about 0.1 s), and
# the process that reads headers needs only :mod:`.namecheck` (a body worker, or the
# first body analysed in line, loads the rest).
_LAZY = {
    "DETECTORS": "analysis",
    "analyze": "analysis",
    "MINHASH_SIZE": "fingerprint",
    "normalize_for_fingerprint": "fingerprint",
    "mentioned_programs": "program_names",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def preload(programs: Sequence[Program]) -> None:
    """Build what the first analyses would (the needle automata, the programs' name
    matcher, the patterns' literal-led twins) now: a worker process calls this while it
    waits for its first bodies, the add-on's host once Thunderbird has started it."""
    from inboxcoach.detectors.analysis import DETECTORS, needle_index
    from inboxcoach.detectors.prefix import scanner
    from inboxcoach.detectors.program_names import name_matcher

    needle_index("normalized")
    needle_index("cleaned")
    name_matcher(tuple(programs))
    for detector in DETECTORS:
        for pattern in detector.tables():
            scanner(pattern)


def similarity(a: Features, b: Features) -> float:
    """Estimate the Jaccard similarity of two bodies (see :meth:`Features.similarity`)."""
    return a.similarity(b)
