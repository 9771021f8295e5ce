"""Words several detectors share: how a writer says "number one"."""

from __future__ import annotations

__all__ = ["N1", "N1_STRONG"]

N1_STRONG = r"(?:#\s?1(?!\d)|no\s?1(?!\d)|number\s(?:one|1)(?!\d))"
N1 = rf"(?:{N1_STRONG}|first|1st)"
