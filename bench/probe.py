"""Runs one inboxcoach command with its body analysis timed, for the benchmarks.

    python bench/probe.py RECORDS inboxcoach-arguments...

Does what ``python -m inboxcoach.cli inboxcoach-arguments...`` does, except that the
function that analyses one message's body (``ANALYSE``) is wrapped: every call
appends ``analyse <direction> <thread CPU seconds> <pid>`` to the file RECORDS, from
the main process and from a body worker forked from it (the file is opened with
O_APPEND before the command runs, so both write whole lines to it). At exit, via the
exit handlers that inboxcoach's ``entry`` runs, it appends ``rusage self <s>`` and
``rusage children <s>``: the CPU of the process itself and of its reaped children
(the worker). The first line, ``hooked <module>.<function>``, says the hook is in.

The wrapper costs two ``time.thread_time`` calls and one ``os.write`` per analysed
body: 1.5 microseconds measured on the 2-core development machine, against
milliseconds of analysis.

When the code moves (issue 11 restructures src/), update ``ANALYSE`` and ``CLI``
below, nothing else: they are this script's only ties to inboxcoach. If ``ANALYSE``
is not found, the command still runs, unhooked, with a warning on stderr; the
benchmarks then print "n/a" for the per-direction figures. A worker started with
the "spawn" method (the daemon's) does not inherit the hook: its bodies go unrecorded.
"""

from __future__ import annotations

import atexit
import functools
import importlib
import inspect
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

# -- the code under test: update these when it moves ------------------------------------
ANALYSE = ("inboxcoach.ingest.worker", "analyse_body")  # analyses one body; has a ``direction`` argument
CLI = ("inboxcoach.cli", "entry")  # the console script's function (reads sys.argv, exits)
DIRECTION = "direction"  # the name of ANALYSE's argument that says "in" or "out"
# ----------------------------------------------------------------------------------------


def _timed(function: Callable[..., Any], fd: int) -> Callable[..., Any]:
    try:
        position: int | None = list(inspect.signature(function).parameters).index(DIRECTION)
    except ValueError:
        position = None

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            cpu = time.thread_time() - started
            direction = kwargs.get(DIRECTION)
            if direction is None and position is not None and len(args) > position:
                direction = args[position]
            os.write(fd, f"analyse {direction or '-'} {cpu:.6f} {os.getpid()}\n".encode())

    return timed


def _hook(fd: int) -> bool:
    module_name, name = ANALYSE
    try:
        module = importlib.import_module(module_name)
        original = getattr(module, name)
    except (ImportError, AttributeError) as exc:
        print(f"probe: {module_name}.{name} not found ({exc}); running unhooked", file=sys.stderr)
        return False
    timed = _timed(original, fd)
    # Every module that holds the function (``from x import analyse_body``) gets the wrapper.
    for loaded in list(sys.modules.values()):
        if getattr(loaded, "__name__", "").split(".")[0] == module_name.split(".")[0]:
            for attr, value in list(vars(loaded).items()):
                if value is original:
                    setattr(loaded, attr, timed)
    os.write(fd, f"hooked {module_name}.{name}\n".encode())
    return True


def main() -> None:
    records, args = sys.argv[1], sys.argv[2:]
    # Records go through a pipe to a small process that writes the file: a forked body
    # worker keeps its pipes but points inherited files at /dev/null (it must hold no
    # file), and a thread here would make inboxcoach spawn its worker instead of forking.
    read_end, fd = os.pipe()
    copier = os.fork()
    if copier == 0:
        os.close(fd)
        out = os.open(records, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        while chunk := os.read(read_end, 65536):
            os.write(out, chunk)
        os._exit(0)
    os.close(read_end)
    pid = os.getpid()

    def usage() -> None:
        if os.getpid() != pid:  # a forked worker running the exit handlers it inherited
            return
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        lines = (
            f"rusage self {own.ru_utime + own.ru_stime:.6f}\n"
            f"rusage children {children.ru_utime + children.ru_stime:.6f}\n"
        )
        os.write(fd, lines.encode())
        os.close(fd)
        os.waitpid(copier, 0)

    atexit.register(usage)
    cli = getattr(importlib.import_module(CLI[0]), CLI[1])
    _hook(fd)
    sys.argv = ["inboxcoach", *args]
    cli()


if __name__ == "__main__":
    main()
