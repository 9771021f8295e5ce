"""The needles of every detector pattern, derived ahead and shipped in ``data/needles.json``.

Deriving a pattern's needles (:func:`inboxcoach.core.needles.required`) parses it with
``re``'s own parser: 0.08 s for the detectors' 193 patterns, paid by every process on
its first analysis (the sync's worker, the Thunderbird add-on's check at Send). The
prefilter takes them from this table instead and derives only what the table does
not hold, so a stale table costs time, never a wrong answer: a pattern is found by
its text and flags, and the table is used only by the Python version and the
derivation code (``core/needles.py``, by its hash) that made it.

``tests/detectors/test_needle_table.py`` fails when the table is stale; write it anew
with::

    .venv/bin/python -m inboxcoach.detectors.needle_table
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from inboxcoach.core import needles
from inboxcoach.core.needles import Needs, needs_key, required

__all__ = ["known", "write"]

log = logging.getLogger(__name__)

FILE = "needles.json"


def _python() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def _derivation() -> str:
    """The hash of the code that derives needles ("" when it cannot be read)."""
    try:
        return hashlib.sha1(Path(needles.__file__).read_bytes()).hexdigest()
    except OSError:
        return ""


def _shipped() -> Path:
    return Path(str(resources.files("inboxcoach") / "data" / FILE))


def known(path: Path | None = None) -> Mapping[str, Needs]:
    """The table at ``path`` (default: the shipped one), by :func:`needs_key`; empty
    when it is missing, unreadable, or made by another Python version or another
    derivation."""
    try:
        data = json.loads((path or _shipped()).read_text("utf-8"))
        if data["python"] != _python() or data["derivation"] != _derivation() or not data["derivation"]:
            return {}
        found = data["needles"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.debug("needle table not used (%s): deriving the needles", type(exc).__name__)
        return {}
    if not isinstance(found, dict) or not all(map(_is_needs, found.values())):
        log.debug("needle table not used (not a table): deriving the needles")
        return {}
    return {key: tuple(frozenset(group) for group in groups) for key, groups in found.items()}


def _is_needs(groups: object) -> bool:
    """Whether ``groups`` is what the table holds for a pattern: lists of strings."""
    return isinstance(groups, list) and all(
        isinstance(group, list) and all(isinstance(needle, str) for needle in group) for group in groups
    )


def write(path: Path | None = None) -> Path:
    """Write the table of every detector's patterns to ``path`` (default: the package's),
    one pattern a line: a changed pattern is a changed line."""
    from inboxcoach.detectors.analysis import DETECTORS

    found = {needs_key(p): [sorted(group) for group in required(p)] for d in DETECTORS for p in d.tables()}
    head = json.dumps({"python": _python(), "derivation": _derivation()})[:-1]
    lines = ",\n".join(f"  {json.dumps(key)}: {json.dumps(groups)}" for key, groups in sorted(found.items()))
    target = path or _shipped()
    target.write_text(f'{head}, "needles": {{\n{lines}\n}}}}\n', "utf-8")
    return target


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    print(f"wrote {write()}")
