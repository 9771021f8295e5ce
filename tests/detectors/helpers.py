"""The programs and the one-call helper the detector tests share."""

from __future__ import annotations

from inboxcoach.detectors import analyze
from inboxcoach.core.model import Features, Program

RIVERSIDE = Program(
    name="Riverside University Anesthesiology",
    aliases=("Riverside", "RUH Anesthesia", "RUH"),
    domains=("riverside.edu",),
)
RIVERSIDE_COMMUNITY = Program(name="Riverside Community Hospital", aliases=("Riverside Community",))
LAKESIDE = Program(name="Lakeside Medical Center", aliases=("Lakeside", "LMC"))
PROGRAMS = (RIVERSIDE, RIVERSIDE_COMMUNITY, LAKESIDE)


def features(text: str, subject: str = "") -> Features:
    return analyze(subject, text, PROGRAMS)
