"""Progress display for long work: a rich progress bar on a terminal, silence elsewhere."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from inboxcoach.ingest import Progress as ProgressCallback

SHOW_AFTER = 1.0  # seconds of work before a bar is drawn: a short command draws none
_LABELS = {"headers": "Reading headers", "bodies": "Reading program mail", "fetch": "Fetching headers"}


@contextlib.contextmanager
def progress_bar(console: Console) -> Iterator[ProgressCallback]:
    """Yield a ``(phase, done, total)`` callback that draws one bar per phase on
    ``console`` when it is a terminal that can redraw a line (nothing otherwise).

    The bar appears with the first call after ``SHOW_AFTER`` seconds (work that ends
    sooner draws nothing, not a flicker) and is erased when the block ends, normally
    or by an exception, so the terminal is given back (cursor shown) before anything
    else is printed. While it is drawn, lines written to ``sys.stdout`` or
    ``sys.stderr`` (log records, say) are printed above it.
    """
    if not console.is_terminal or console.is_dumb_terminal:
        yield _silent
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}
    started = time.monotonic()
    shown = False

    def update(phase: str, done: int, total: int | None) -> None:
        nonlocal shown
        if not shown and time.monotonic() - started >= SHOW_AFTER:
            bar.start()
            shown = True
        if phase not in tasks:
            tasks[phase] = bar.add_task(_LABELS.get(phase, phase), total=total)
        bar.update(tasks[phase], completed=done, total=total)
        if total is not None and done >= total:
            bar.stop_task(tasks[phase])

    try:
        yield update
    finally:
        if shown:
            bar.stop()


def _silent(phase: str, done: int, total: int | None) -> None:
    pass
