"""The body worker's side: what a task sent to it does, and the process it runs in.

:class:`~inboxcoach.ingest.analyser.BodyAnalyser` (the main process's side) sends
tasks of :data:`Item`; :func:`analyse` does one, in the worker or, at the end of a
pass or without a worker, in the main process. An item carries the message's bytes,
or only its location: a forked worker reads those on a reader of its own (over IMAP a
connection of its own), so a large pass's bodies never pass through the main process,
whose one core reads the headers. What cannot be read (the message is gone, the
reader failed) comes back as unread: it stays unanalysed in the store, and the end of
the pass reads it on the main connection.

The worker dies with the process that started it, however that one ends (SIGKILL
included), and holds none of its files: no orphan keeps the database or the IMAP
connection open.
"""

from __future__ import annotations

import logging
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence

from inboxcoach.core.body import parse_body, strip_attachments
from inboxcoach.core.model import Direction, Features, Program
from inboxcoach.core.parse import MalformedMessage
from inboxcoach.detectors.namecheck import program_named_in
from inboxcoach.sources import BodyReader

log = logging.getLogger(__name__)

STRIP_ABOVE = 64_000  # bytes: larger bodies lose their attachments before they are analysed (or queued)

# key, the message's bytes (None: not read yet, the worker reads it at its location),
# subject, direction, named only, location, size
Item = tuple[str, bytes | None, str, Direction, bool, str, int]
# key, features; None: a platform or no-reply message that names no program (most of
# them: nothing to send back from the worker but the key)
Result = tuple[str, Features | None]
# A task's results, the keys whose bodies could not be read (gone from the mailbox, or
# the reader failed), and why the reader failed (None: it did not)
Outcome = tuple[list[Result], list[str], str | None]
ReadBodies = Callable[[Sequence[str], Mapping[str, int]], Iterator[tuple[str, bytes | None]]]

_programs: tuple[Program, ...] = ()
_open_reader: Callable[[], BodyReader] | None = None  # how to open the worker's own reader of bodies
_reader: BodyReader | None = None
_reader_failed: str | None = None  # why it failed

# Linux kills the worker the moment its parent dies (prctl PR_SET_PDEATHSIG); a thread
# in the worker that watches for the parent's end does it everywhere else, and backs
# the signal up on Linux. A test turns the signal off to check the thread alone.
PDEATHSIG = sys.platform == "linux"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def start(
    programs: tuple[Program, ...], parent: int, pdeathsig: bool, open_reader: Callable[[], BodyReader] | None = None
) -> None:
    """The worker's initializer: die with ``parent``, let go of what the worker does not
    use, and load the parsers and detectors. ``open_reader``: how the worker opens a
    reader of its own for the bodies it is sent by location (a forked worker only)."""
    global _programs, _open_reader
    _programs = programs
    _open_reader = open_reader
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _drop_inherited_files()
    _die_with_parent(parent, pdeathsig)
    # Load the parsers and detectors now, while the main process is still reading
    # headers, rather than when the first bodies are waiting.
    import mailparser  # type: ignore[import-untyped]  # noqa: F401

    from inboxcoach import detectors

    detectors.preload(programs)


def _die_with_parent(parent: int, pdeathsig: bool) -> None:
    """Exit when ``parent`` (the process that started this worker) is gone.

    Without this a SIGKILLed ``sync`` leaves its worker waiting for tasks for good: the
    worker holds the write end of its own task queue (fork copies both ends), so it
    never reads an end of file there.

    PR_SET_PDEATHSIG fires when the *thread* that started the worker ends. A pool lives
    within one pass, on the one thread that runs it (the daemon's pass runs whole in
    one ``to_thread`` call), so that thread outlives the worker."""
    if pdeathsig:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.debug("prctl(PR_SET_PDEATHSIG) failed (errno %d)", ctypes.get_errno())
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="inboxcoach-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Exit the worker when its parent is gone: the pipe multiprocessing keeps to the
    parent reads end of file, or (belt and braces) this process was re-parented."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent_process = multiprocessing.parent_process()
    sentinel = parent_process.sentinel if parent_process is not None else None
    while os.getppid() == parent:
        if sentinel is None:
            time.sleep(0.5)
        elif wait([sentinel], timeout=0.5):
            break
    os._exit(1)


def _drop_inherited_files() -> None:
    """Point every inherited socket and regular file (the IMAP connection, the database
    and its lock) at /dev/null: a forked worker must not keep them open after its
    parent, and it never uses them. Pipes (the worker's queues) and 0-2 stay."""
    try:
        fds = [int(name) for name in os.listdir("/dev/fd")]
    except OSError:
        return  # no /dev/fd: nothing to enumerate (spawned workers inherit none anyway)
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in fds:
            if fd <= 2 or fd == devnull:
                continue
            try:
                mode = os.fstat(fd).st_mode
            except OSError:
                continue  # listdir's own descriptor, closed by now
            if stat.S_ISSOCK(mode) or stat.S_ISREG(mode):
                os.dup2(devnull, fd, inheritable=False)  # the number stays taken: nothing reuses it by accident
    finally:
        os.close(devnull)


def ready() -> None:
    """A first task, so the worker process starts (and loads) as soon as it is made."""


def analyse(items: list[Item], programs: tuple[Program, ...], read: ReadBodies | None = None) -> Outcome:
    """Analyse a task's items; those not read yet are read with ``read`` first (as
    they come, so no more than one answer's bodies is held). Never raises for one
    message: a body that cannot be read is left for the end of the pass."""
    results: list[Result] = []
    unread: list[str] = []
    failed: str | None = None
    located = {item[5]: item for item in items if item[1] is None}
    for key, data, subject, side, named_only, _location, _size in items:
        if data is not None:
            results.append((key, _analyse_one(data, subject, programs, side, named_only)))
    if located:
        if read is None:
            return results, [item[0] for item in located.values()], "no reader"
        try:
            for location, data in read(list(located), {loc: item[6] for loc, item in located.items()}):
                key, _, subject, side, named_only, _location, _size = located.pop(location)
                if data is None:
                    unread.append(key)  # gone from the mailbox meanwhile
                    continue
                if len(data) > STRIP_ABOVE:
                    data = strip_attachments(data)
                results.append((key, _analyse_one(data, subject, programs, side, named_only)))
        except Exception as exc:  # noqa: BLE001 - what is not read is read again at the end of the pass
            failed = type(exc).__name__
        unread.extend(item[0] for item in located.values())
    return results, unread, failed


def _analyse_one(
    data: bytes, subject: str, programs: tuple[Program, ...], side: Direction, named_only: bool
) -> Features | None:
    """The features of one body. Mail that only program names can tie to a program
    (platform and no-reply mail) first passes the cheap name test, and naming none
    is done: it belongs to no program and gets no analysis (SPEC), None."""
    if named_only and not program_named_in(data, subject, programs):
        return None
    return analyse_body(data, subject, programs, side)


def analyse_in_worker(items: list[Item]) -> Outcome:
    return analyse(items, _programs, _worker_bodies if _open_reader is not None else None)


def _worker_bodies(locations: Sequence[str], sizes: Mapping[str, int]) -> Iterator[tuple[str, bytes | None]]:
    """Bodies read on the worker's own reader: opened at the first call, closed when the
    worker ends. Once it has failed it is not tried again (the main process reads what
    is left)."""
    global _reader, _reader_failed
    if _reader_failed is not None:
        raise ConnectionError(_reader_failed)
    try:
        if _reader is None:
            assert _open_reader is not None
            import multiprocessing.util

            _reader = _open_reader()
            multiprocessing.util.Finalize(None, _reader.close, exitpriority=10)
        yield from _reader.bodies(locations, sizes=sizes)
    except Exception as exc:
        _reader_failed = type(exc).__name__
        raise


def analyse_body(
    data: bytes, subject: str, programs: tuple[Program, ...], direction: Direction | None = None
) -> Features:
    """Parse a whole message and analyse its own words. Never raises: a body that
    cannot be parsed or analysed gives empty features whose ``error`` says why, so
    one message never stops a pass.

    ``direction`` limits the analysis to what the rules read for that side."""
    from inboxcoach.detectors import analyze  # late: a pass with nothing new never needs the detectors

    try:
        body = parse_body(data)
    except MalformedMessage as exc:
        return Features(error=f"unreadable body ({exc.reason})")
    except RecursionError:
        return Features(error="unreadable body (MIME nested too deeply)")
    except Exception as exc:  # noqa: BLE001 - one message must never stop a pass
        return Features(error=f"unreadable body ({type(exc).__name__})")
    try:
        return analyze(subject, body.own_words, programs, direction)
    except Exception as exc:  # noqa: BLE001
        log.warning("the analysis of one message failed (%s); it counts by its headers only", type(exc).__name__)
        return Features(error=f"analysis failed ({type(exc).__name__})")


