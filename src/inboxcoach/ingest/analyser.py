"""Body analysis beside the header fetch: bodies in, features in the store out.

A first sync reads tens of thousands of header blocks and a few hundred bodies. The
header phase keeps one core busy with the IMAP connection; the bodies (mail-parser,
quote stripping, the phrase detectors) are CPU work that needs nothing from it. So
:class:`BodyAnalyser` takes each body as soon as it is fetched and, once a pass has
queued more than ``PARALLEL_AFTER`` of them, hands them to one worker process while
the main process goes on fetching headers. Small passes (the daemon's usual one or
two new messages) never start a worker: they are analysed in line.

Results are stored FLUSH_AT at a time (one transaction each) and when the pass ends,
however it ends. If the worker fails, what it had not returned stays unanalysed in
the store and the end of the pass (``ingest._analyse_the_rest``) analyses it in
line: nothing is lost, and a crash anywhere leaves the store as consistent as before.
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
from collections import deque
from types import TracebackType
from typing import TYPE_CHECKING

from inboxcoach.config import Config
from inboxcoach.core.body import parse_body, strip_attachments
from inboxcoach.core.candidacy import analysis_stamp
from inboxcoach.core.model import NO_FEATURES, Direction, Features, Program, direction
from inboxcoach.core.parse import MalformedMessage
from inboxcoach.detectors.namecheck import program_named_in
from inboxcoach.store import Store

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)

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


PARALLEL_AFTER = 40  # bodies queued in one pass before a worker process is started
LARGE_PASS = 500  # new messages in a folder that make a pass start the worker at once
TASK_MS = 8.0  # estimated CPU ms of one task sent to the worker (2 to 7 program bodies, ~80 that only need the name test)
# The worker is kept this far ahead (estimated CPU ms of the tasks sent to it): enough
# that it never waits while the main process reads a batch of headers, little enough
# that at the end of a pass the main process can take the rest of the waiting work.
AHEAD_MS = 150.0
HELP_AFTER_MS = 100.0  # waiting work at the end of a pass worth helping with here
# CPU ms the first analysis in a process spends loading mail-parser, the detectors and
# their automata (measured: 0.22 s); helping is only worth it with more work than that
LOAD_MS = 250.0
# Rough CPU of one body (bench/analysis_bench.py, 3 December 2026). Estimates that were
# too high (2.0 and 4.0 before the detectors got faster) kept the worker too little
# ahead and had the main process take more of the analysis: 4.8 -> 4.5 s for a first
# sync of the program15 mix at 20,000, run alternately.
COST_MS = {"named": 0.1, "in": 1.2, "out": 3.6}
WAITING_BYTES = 24 * 2**20  # bodies waiting here before the main process takes some itself (bounds memory)
FLUSH_AT = 500  # results kept before they are stored (one transaction)
STRIP_ABOVE = 64_000  # bytes: larger bodies lose their attachments before they are queued

Item = tuple[str, bytes, str, Direction, bool]  # key, message bytes, subject, direction, named only
# key, features; None: a platform or no-reply message that names no program (most of
# them: nothing to send back from the worker but the key)
Result = tuple[str, Features | None]

_programs: tuple[Program, ...] = ()

# Linux kills the worker the moment its parent dies (prctl PR_SET_PDEATHSIG); a thread
# in the worker that watches for the parent's end does it everywhere else, and backs
# the signal up on Linux. A test turns the signal off to check the thread alone.
PDEATHSIG = sys.platform == "linux"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _start_worker(programs: tuple[Program, ...], parent: int, pdeathsig: bool) -> None:
    """The worker's initializer: die with ``parent``, let go of what the worker does not
    use, and load the parsers and detectors."""
    global _programs
    _programs = programs
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


def _ready() -> None:
    """A first task, so the worker process starts (and loads) as soon as it is made."""


def _analyse(items: list[Item], programs: tuple[Program, ...]) -> list[Result]:
    return [(key, _analyse_one(data, subject, programs, direction, named_only))
            for key, data, subject, direction, named_only in items]  # fmt: skip


def _analyse_one(
    data: bytes, subject: str, programs: tuple[Program, ...], side: Direction, named_only: bool
) -> Features | None:
    """The features of one body. Mail that only program names can tie to a program
    (platform and no-reply mail) first passes the cheap name test, and naming none
    is done: it belongs to no program and gets no analysis (SPEC), None."""
    if named_only and not program_named_in(data, subject, programs):
        return None
    return analyse_body(data, subject, programs, side)


def _analyse_in_worker(items: list[Item]) -> list[Result]:
    return _analyse(items, _programs)


class BodyAnalyser:
    """Analyse bodies and store their features; in a worker process when there are many.

    Tasks wait here and go to the worker as it needs them, so that it always holds
    about ``AHEAD_MS`` of work: it never idles while the main process reads a batch of
    headers, and at the end of a pass the main process works through what still waits
    while the worker finishes what it holds.

    Use as a context manager: leaving it stops the worker (what was not stored yet is
    analysed again by the next pass). Call :meth:`finish` to wait for everything."""

    def __init__(self, store: Store, config: Config, *, parallel: bool = True) -> None:
        self.store = store
        self.programs = config.program_list
        self.own = config.account.addresses
        self.stamp = analysis_stamp(self.programs, self.own)
        self.parallel = parallel
        self.analysed = 0
        self.lost = False
        self._queued = 0
        self.in_hand: set[str] = set()  # keys queued or at the worker, not stored yet
        self._batch: list[Item] = []  # the task being filled
        self._batch_ms = 0.0
        self._waiting: deque[list[Item]] = deque()  # tasks not sent to the worker yet
        self._waiting_bytes = 0
        self._waiting_ms = 0.0  # their estimated cost
        self._pool: ProcessPoolExecutor | None = None
        self._tasks: deque[tuple[Future[list[Result]], float]] = deque()  # with their cost
        self._ahead_ms = 0.0  # estimated cost of the tasks at the worker
        self._done: list[Result] = []  # results not stored yet

    def __enter__(self) -> BodyAnalyser:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        try:
            self._take_ready()
            self._flush()  # what is done is kept, however the pass ends (a stopped pass, a dropped connection)
        except Exception as error:  # noqa: BLE001 - the store itself may be what failed; the next pass redoes it
            log.debug("results not stored at the end of the pass: %s", type(error).__name__)
        finally:
            self.close()

    @property
    def has_worker(self) -> bool:
        """Whether a worker process analyses bodies (started, and not failed)."""
        return self._pool is not None

    def expect(self, new_messages: int) -> None:
        """A folder has this many new messages: start the worker now if that is a lot,
        so it is ready when the first bodies come."""
        if new_messages >= LARGE_PASS and self.parallel and self._pool is None:
            self._start()

    def add(self, key: str, data: bytes, subject: str, from_addr: str, role: str, *, named_only: bool = False) -> None:
        """Queue one message's bytes for analysis (its result is stored by a later
        :meth:`collect` or :meth:`finish`).

        ``named_only``: only a program name in its text can tie the message to a
        program (platform and no-reply mail): one that names none gets no analysis."""
        if len(data) > STRIP_ABOVE:
            data = strip_attachments(data)
        item = (key, data, subject, direction(from_addr, role, self.own), named_only)
        self._batch.append(item)
        self._batch_ms += _item_cost(item)
        self.in_hand.add(key)
        self._queued += 1
        if self._pool is None and self.parallel and self._queued > PARALLEL_AFTER:
            self._start()
        if self._batch_ms >= TASK_MS:
            self._queue()
            self._gather()
            if self._waiting_bytes > WAITING_BYTES or self._pool is None:
                self._run_here()

    def collect(self) -> None:
        """Take the results that are ready, without waiting, and keep the worker fed.
        They are stored FLUSH_AT at a time (one transaction each), and the rest when
        the pass ends: not one transaction per batch of headers."""
        self._gather()

    def finish(self) -> int:
        """Analyse and store everything queued; return how many were stored in all.

        The main process works through the waiting tasks (from the end) while the
        worker finishes the ones it has, so neither side idles at the end."""
        self._queue()
        while self._waiting or self._tasks:
            self._gather()
            # Help only with a real backlog: the first task run here pays for loading
            # mail-parser and the detectors in this process too (``worth_helping``).
            if self._waiting and (self._pool is None or worth_helping(self._waiting_ms)):
                self._run_here()
            elif self._tasks:
                self._done.extend(self._take(*self._tasks.popleft()))
            elif self._waiting:
                self._run_here()  # the worker has gone
        self._flush()
        return self.analysed

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    # -- inside ---------------------------------------------------------------

    def _start(self) -> None:
        import multiprocessing  # late: a small pass never starts a worker
        from concurrent.futures import ProcessPoolExecutor

        # fork is instant and shares the loaded modules, but only a single-threaded
        # process may fork safely; the daemon (threads) pays for a fresh interpreter.
        fork = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
        method = "fork" if fork else "spawn"
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=(self.programs, os.getpid(), PDEATHSIG),
        )
        self._tasks.append((self._pool.submit(_ready), 0.0))  # type: ignore[arg-type]
        log.debug("body analysis moves to a worker process (%s)", method)

    def _pump(self) -> None:
        while self._pool is not None and self._waiting and (self._ahead_ms < AHEAD_MS or not self._tasks):
            items = self._waiting[0]
            try:
                task = self._pool.submit(_analyse_in_worker, items)
            except Exception as exc:  # noqa: BLE001 - the pool broke: go on in line
                self._worker_failed(exc)
                return
            self._waiting.popleft()
            self._waiting_bytes -= _size(items)
            cost = _cost(items)
            self._waiting_ms -= cost
            self._ahead_ms += cost
            self._tasks.append((task, cost))

    def _gather(self) -> None:
        """Take the results that are ready (kept until :meth:`_flush`); keep the worker fed."""
        self._take_ready()
        self._pump()
        if len(self._done) >= FLUSH_AT:
            self._flush()

    def _take_ready(self) -> None:
        while self._tasks and self._tasks[0][0].done():
            self._done.extend(self._take(*self._tasks.popleft()))

    def _run_here(self) -> None:
        items = self._waiting.pop()  # the newest: the worker takes from the other end
        self._waiting_bytes -= _size(items)
        self._waiting_ms -= _cost(items)
        self._done.extend(_analyse(items, self.programs))

    def _queue(self) -> None:
        if self._batch:
            self._waiting.append(self._batch)
            self._waiting_bytes += _size(self._batch)
            self._waiting_ms += self._batch_ms
            self._batch = []
            self._batch_ms = 0.0

    def _take(self, task: Future[list[Result]], cost: float) -> list[Result]:
        self._ahead_ms -= cost
        try:
            return task.result() or []
        except Exception as exc:  # noqa: BLE001 - a dead worker must not stop the sync
            self._worker_failed(exc)
            return []

    def _worker_failed(self, exc: Exception) -> None:
        if self._pool is not None:
            log.warning("the body analysis worker failed (%s); the rest is analysed in line", type(exc).__name__)
            self.parallel = False
            pool, self._pool = self._pool, None
            # Not cancel_futures: on Python 3.11 a broken pool then fails a cancelled
            # future again (InvalidStateError in its thread); it fails the pending ones
            # itself.
            pool.shutdown(wait=False)
        self.lost = True  # what the worker held stays unanalysed: the caller reads it again

    def _flush(self) -> None:
        results, self._done = self._done, []
        if not results:
            return
        self.store.set_features([(key, features or NO_FEATURES) for key, features in results], self.stamp)
        self.analysed += len(results)
        self.in_hand.difference_update(key for key, _ in results)


def worth_helping(waiting_ms: float, loaded: bool | None = None) -> bool:
    """Whether the main process should take waiting tasks at the end of a pass, given
    their estimated cost: loading the detectors here first costs LOAD_MS, which a
    small backlog does not repay (the worker finishes it sooner). ``loaded``: whether
    this process has the detectors already (default: ask ``sys.modules``)."""
    if loaded is None:
        loaded = "inboxcoach.detectors.analysis" in sys.modules
    return waiting_ms >= HELP_AFTER_MS + (0.0 if loaded else LOAD_MS)


def _size(items: list[Item]) -> int:
    return sum(len(item[1]) for item in items)


def _cost(items: list[Item]) -> float:
    """The estimated CPU milliseconds of a task (to keep the worker just far enough ahead)."""
    return sum(map(_item_cost, items))


def _item_cost(item: Item) -> float:
    _key, _data, _subject, side, named_only = item
    return COST_MS["named"] if named_only else COST_MS[side]
