"""The needles derived ahead (data/needles.json): fresh, used, and never trusted blindly."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from inboxcoach.core.needles import needs_key, required
from inboxcoach.core.prefilter import NeedleIndex
from inboxcoach.detectors import needle_table
from inboxcoach.detectors.analysis import DETECTORS, needle_index

PATTERNS = [p for d in DETECTORS for p in d.tables()]
STALE = "the needle table is stale: write it anew with `.venv/bin/python -m inboxcoach.detectors.needle_table`"


def test_the_shipped_table_holds_every_detector_patterns_needles_as_derived_now() -> None:
    table = needle_table.known()
    assert table, STALE  # made by another Python version or another core/needles.py
    for pattern in PATTERNS:
        assert table.get(needs_key(pattern)) == required(pattern), f"{STALE} ({pattern.pattern[:60]!r})"
    assert len(table) == len({needs_key(p) for p in PATTERNS}), STALE  # nothing left of patterns since changed


def test_the_detectors_index_is_the_one_derived_here() -> None:
    for scope in ("normalized", "cleaned"):
        shipped, derived = needle_index(scope), NeedleIndex(p for d in DETECTORS if d.scope == scope for p in d.tables())
        for pattern in PATTERNS:
            assert shipped.needs(pattern) == derived.needs(pattern)


def test_a_pattern_the_table_does_not_hold_is_derived() -> None:
    new = re.compile(r"\bnever\s+seen\s+before\b")
    index = NeedleIndex([new, *PATTERNS[:3]], known=needle_table.known())
    assert index.needs(new) == required(new) != ()
    assert not index.scan("something else entirely").possible(new)
    assert index.scan("I have never seen before such a place").possible(new)


def _table_file(tmp_path: Path, **changes: object) -> Path:
    data = json.loads(needle_table._shipped().read_text("utf-8"))
    data.update(changes)
    path = tmp_path / "needles.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


@pytest.mark.parametrize(
    "changes",
    [
        {"python": "2.7"},  # another Python: re's parser may read a pattern otherwise
        {"derivation": "0" * 40},  # another core/needles.py: the needles may be derived otherwise
        {"derivation": ""},
        {"needles": "not a table"},
        {"needles": {needs_key(PATTERNS[0]): ["a group that is a string"]}},
        {"needles": {needs_key(PATTERNS[0]): [[1, 2]]}},
        {"needles": [["a list", "not a table"]]},
    ],
)
def test_a_table_made_otherwise_is_not_used(tmp_path: Path, changes: dict[str, object]) -> None:
    assert needle_table.known(_table_file(tmp_path)), "the unchanged copy is used"
    assert needle_table.known(_table_file(tmp_path, **changes)) == {}


@pytest.mark.parametrize("content", ["", "{", "[]", '{"python": "3.11"}', "\x00\xff"])
def test_a_damaged_or_missing_table_is_not_used(tmp_path: Path, content: str) -> None:
    path = tmp_path / "needles.json"
    assert needle_table.known(path) == {}  # missing
    path.write_text(content, "utf-8", errors="surrogateescape")
    assert needle_table.known(path) == {}


def test_writing_the_table_gives_what_is_read_back(tmp_path: Path) -> None:
    path = needle_table.write(tmp_path / "needles.json")
    table = needle_table.known(path)
    assert {needs_key(p): required(p) for p in PATTERNS} == dict(table)
    assert path.read_text("utf-8").count("\n") == len(table) + 2  # one pattern a line
    assert json.loads(path.read_text("utf-8"))["python"] == f"{sys.version_info[0]}.{sys.version_info[1]}"
