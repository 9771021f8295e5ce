"""What the tests ask about real processes: children, liveness, open files (Linux /proc).

Every wait here polls with a deadline: nothing is judged after a fixed sleep.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

PROC = Path("/proc")


def needs_proc() -> None:
    if not (PROC / "self" / "stat").exists():
        pytest.skip("needs Linux /proc to see a process's children and open files")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses
    return text[text.rindex(")") + 2 :].split()


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (an orphan's zombie waits for init to reap it)."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (none where there is no /proc)."""
    found: list[int] = []
    if not PROC.is_dir():
        return found
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None and int(fields[1]) == pid and fields[0] not in ("Z", "X"):
                found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    """Live children of ``pid``, their children, and so on."""
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def open_files(pid: int) -> list[str]:
    """What the process's descriptors point at ("socket:[123]", "/path/x.db", "pipe:[9]")."""
    fd_dir = PROC / str(pid) / "fd"
    targets = []
    for fd in fd_dir.iterdir():
        try:
            targets.append(os.readlink(fd))
        except OSError:
            pass
    return targets


def poll(predicate: Callable[[], bool], seconds: float, what: str) -> None:
    """Return as soon as ``predicate()`` holds; fail the test naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        if predicate():
            return
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {seconds} s")
        time.sleep(0.02)
