"""Progress display for long work: a rich progress bar on a terminal, silence elsewhere."""

from __future__ import annotations

import atexit
from collections.abc import Callable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

_LABELS = {"headers": "Reading headers", "bodies": "Reading program mail", "fetch": "Fetching headers"}


def progress_callback(console: Console) -> Callable[[str, int, int | None], None]:
    """A ``(phase, done, total)`` callback drawing a bar on ``console`` if it is a terminal."""
    if not console.is_terminal:
        return lambda phase, done, total: None
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}
    started = False

    def update(phase: str, done: int, total: int | None) -> None:
        nonlocal started
        if not started:
            bar.start()
            atexit.register(bar.stop)
            started = True
        if phase not in tasks:
            tasks[phase] = bar.add_task(_LABELS.get(phase, phase), total=total)
        bar.update(tasks[phase], completed=done, total=total)
        if total is not None and done >= total:
            bar.stop_task(tasks[phase])
            if all(bar.tasks[t].finished for t in tasks.values()) and phase == "bodies":
                bar.stop()

    return update
