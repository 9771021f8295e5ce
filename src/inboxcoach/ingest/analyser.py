"""Body analysis beside the header fetch: candidates in, features in the store out.

A first sync reads tens of thousands of header blocks and a few thousand bodies. The
header phase keeps one core busy with the IMAP connection; the bodies (reading them,
mail-parser, quote stripping, the phrase detectors) are work that needs nothing from
it. So :class:`BodyAnalyser` queues each candidate as its header is stored and, once a
pass has queued more than ``PARALLEL_AFTER`` of them, hands them to one worker process
(:mod:`inboxcoach.ingest.worker`) while the main process goes on reading headers. A
forked worker reads the bodies itself, on a reader of its own (over IMAP a second
connection): the main process sends it locations, never the bytes. Small passes (the
daemon's usual one or two new messages) never start a worker: they are analysed in
line.

At the end of a pass the main process shares what is left: the tasks still waiting
here and those sent to the worker that it has not begun, taken back from its queue;
those that need only the name test first, or all of them when the backlog repays
loading the detectors here too (``worth_helping``).

Results are stored FLUSH_AT at a time (one transaction each) and when the pass ends,
however it ends. If the worker or its reader fails, what it had not returned stays
unanalysed in the store and the end of the pass (``ingest._analyse_the_rest``) reads
and analyses it in line: nothing is lost, and a crash anywhere leaves the store as
consistent as before.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from inboxcoach.config import Config
from inboxcoach.core.body import strip_attachments
from inboxcoach.core.candidacy import analysis_stamp
from inboxcoach.core.model import NO_FEATURES, direction
from inboxcoach.ingest import worker
from inboxcoach.ingest.worker import STRIP_ABOVE, Item, Outcome, ReadBodies, Result
from inboxcoach.sources import BodyReader
from inboxcoach.store import Store

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)

PARALLEL_AFTER = 40  # bodies queued in one pass before a worker process is started
LARGE_PASS = 500  # new messages in a folder that make a pass start the worker at once
# Estimated CPU ms of one task sent to the worker (about 130 program messages, or 1,600
# that only need the name test). The worker reads a task's bodies itself and waits for
# the server's first answer of each task (the FETCHes within a task are sent ahead);
# every task also costs a round of the pool's threads in the main process. Tasks of
# 8 ms made a first sync of the program15 mix at 20,000 take 3.58 s, of 40 ms 3.35 s,
# of 160 ms 3.28 s (newsletter: 1.59, 1.53, 1.53 s; run alternately, 3 December 2026).
TASK_MS = 160.0
INLINE_TASK_MS = 8.0  # the same without a worker: results come (and are kept) as bodies are read
# The worker is kept this far ahead (estimated CPU ms of the tasks sent to it): enough
# that it never waits while the main process reads a batch of headers, little enough
# that at the end of a pass the main process can take the rest of the waiting work
# (and take back the tasks sent that the worker has not begun).
AHEAD_MS = 300.0
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


class BodyAnalyser:
    """Analyse bodies and store their features; in a worker process when there are many.

    Tasks wait here and go to the worker as it needs them, so that it always holds
    about ``AHEAD_MS`` of work: it never idles while the main process reads a batch of
    headers, and at the end of a pass the main process works through what still waits
    while the worker finishes what it holds.

    Use as a context manager: leaving it stops the worker (what was not stored yet is
    analysed again by the next pass). Call :meth:`finish` to wait for everything."""

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        parallel: bool = True,
        reader: Callable[[], BodyReader] | None = None,
        read_here: ReadBodies | None = None,
    ) -> None:
        self.store = store
        self._open_reader = reader  # for a forked worker: how it opens a reader of its own
        self._read_here = read_here  # how this process reads bodies sent by location, after the header phase
        self._worker_reads = False
        self.programs = config.program_list
        self.own = config.account.addresses
        self.stamp = analysis_stamp(self.programs, self.own)
        self.parallel = parallel
        self.analysed = 0
        self.lost = False
        self._queued = 0
        self.in_hand: set[str] = set()  # keys queued or at the worker, not stored yet
        # The tasks being filled: mail that only needs the name test apart, so that at
        # the end of a pass this process can take it without loading the detectors.
        self._batches: dict[bool, list[Item]] = {False: [], True: []}  # True: named only
        self._batch_ms = {False: 0.0, True: 0.0}
        self._waiting: deque[list[Item]] = deque()  # tasks not sent to the worker yet
        self._waiting_bytes = 0
        self._waiting_ms = 0.0  # their estimated cost
        self._pool: ProcessPoolExecutor | None = None
        self._tasks: deque[tuple[Future[Outcome], float, list[Item]]] = deque()  # with their cost and items
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

    @property
    def reads_bodies(self) -> bool:
        """Whether the worker reads the bodies it analyses on a reader of its own:
        then :meth:`add` takes a location instead of the bytes."""
        return self._pool is not None and self._worker_reads

    def expect(self, new_messages: int) -> None:
        """A folder has this many new messages: start the worker now if that is a lot,
        so it is ready when the first bodies come."""
        if new_messages >= LARGE_PASS and self.parallel and self._pool is None:
            self._start()

    def add(
        self,
        key: str,
        data: bytes | None,
        subject: str,
        from_addr: str,
        role: str,
        *,
        named_only: bool = False,
        location: str = "",
        size: int = 0,
    ) -> None:
        """Queue one message's bytes for analysis (its result is stored by a later
        :meth:`collect` or :meth:`finish`); ``data`` None when :attr:`reads_bodies`:
        the worker reads the message at ``location`` (``size``: its size, if known).

        ``named_only``: only a program name in its text can tie the message to a
        program (platform and no-reply mail): one that names none gets no analysis."""
        if data is not None and len(data) > STRIP_ABOVE:
            data = strip_attachments(data)
        item = (key, data, subject, direction(from_addr, role, self.own), named_only, location, size)
        kind = named_only and self._pool is not None  # apart only when the worker shares the work
        self._batches[kind].append(item)
        self._batch_ms[kind] += _item_cost(item)
        self.in_hand.add(key)
        self._queued += 1
        if self._pool is None and self.parallel and self._queued > PARALLEL_AFTER:
            self._start()
        if self._batch_ms[kind] >= (TASK_MS if self._pool is not None else INLINE_TASK_MS):
            self._queue(kind)
            self._gather()
            if self._waiting and (self._waiting_bytes > WAITING_BYTES or self._pool is None):
                self._run_here()

    def collect(self) -> None:
        """Take the results that are ready, without waiting, and keep the worker fed.
        They are stored FLUSH_AT at a time (one transaction each), and the rest when
        the pass ends: not one transaction per batch of headers. A worker that holds
        less than a task gets the tasks being filled as they are: it never idles while
        there is work."""
        if self._pool is not None and not self._waiting and self._ahead_ms < TASK_MS:
            self._queue()
        self._gather()

    def finish(self, progress: Callable[[str, int, int | None], None] | None = None, every: int = 100) -> int:
        """Analyse and store everything queued; return how many were stored in all.
        ``progress("bodies", done, total)`` is told every ``every`` bodies (a far server
        may keep the worker reading for a while).

        The main process works through the waiting tasks (from the end) while the
        worker finishes the ones it has, so neither side idles at the end."""
        self._queue()
        total = len(self.in_hand) - len(self._done)
        told = 0
        while self._waiting or self._tasks:
            self._gather()
            # Help only with a real backlog: the first task run here pays for loading
            # mail-parser and the detectors in this process too (``worth_helping``),
            # unless it only needs the cheap name test.
            here = self._to_run_here()
            if here is not None:
                self._run_here(here)
            elif (items := self._take_back()) is not None:
                self._analyse_here(items)
            elif self._tasks:
                self._take(*self._tasks.popleft()[:2])
            elif self._waiting:
                self._run_here()  # the worker has gone
            done = total - (len(self.in_hand) - len(self._done))
            if progress is not None and done - told >= every:
                progress("bodies", done, total)
                told = done
        self._flush()
        if progress is not None and total and told < total:
            progress("bodies", total, total)
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
        # A forked worker inherits how to open a reader of its own (a spawned one would
        # need it pickled: a connection's opener holds its password).
        opener = self._open_reader if fork else None
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context(method),
            initializer=worker.start,
            initargs=(self.programs, os.getpid(), worker.PDEATHSIG, opener),
        )
        self._worker_reads = opener is not None
        self._tasks.append((self._pool.submit(worker.ready), 0.0, []))  # type: ignore[arg-type]
        log.debug("body analysis moves to a worker process (%s)", method)

    def _pump(self) -> None:
        while self._pool is not None and self._waiting and (self._ahead_ms < AHEAD_MS or not self._tasks):
            items = self._waiting[0]
            try:
                task = self._pool.submit(worker.analyse_in_worker, items)
            except Exception as exc:  # noqa: BLE001 - the pool broke: go on in line
                self._worker_failed(exc)
                return
            self._waiting.popleft()
            self._waiting_bytes -= _size(items)
            cost = _cost(items)
            self._waiting_ms -= cost
            self._ahead_ms += cost
            self._tasks.append((task, cost, items))

    def _gather(self) -> None:
        """Take the results that are ready (kept until :meth:`_flush`); keep the worker fed."""
        self._take_ready()
        self._pump()
        if len(self._done) >= FLUSH_AT:
            self._flush()

    def _take_ready(self) -> None:
        while self._tasks and self._tasks[0][0].done():
            self._take(*self._tasks.popleft()[:2])

    def _to_run_here(self) -> int | None:
        """Which waiting task this process takes at the end of a pass, if any: the
        newest (the worker takes from the other end), or the newest that needs only the
        name test when loading the detectors here would not pay."""
        if not self._waiting:
            return None
        if self._pool is None or worth_helping(self._waiting_ms):
            return len(self._waiting) - 1
        for index in range(len(self._waiting) - 1, -1, -1):
            if _names_only(self._waiting[index]):
                return index
        return None

    def _take_back(self) -> list[Item] | None:
        """The items of the newest task sent to the worker that it has not started yet
        (the pool passes it a task or two at a time; the rest can be cancelled), if it
        needs only the name test or this process has the detectors loaded already (the
        worker holds too little to repay loading them here)."""
        if not self._tasks:
            return None
        task, cost, items = self._tasks[-1]
        if not items or not (_names_only(items) or _detectors_loaded()):
            return None
        if not _cancel(task):
            return None
        self._tasks.pop()
        self._ahead_ms -= cost
        return items

    def _run_here(self, index: int = -1) -> None:
        items = self._waiting[index]
        del self._waiting[index]
        self._waiting_bytes -= _size(items)
        self._waiting_ms -= _cost(items)
        self._analyse_here(items)

    def _analyse_here(self, items: list[Item]) -> None:
        """Analyse a task in this process; what it holds by location is read on the source."""
        self._settle(worker.analyse(items, self.programs, self._read_here))

    def _queue(self, *kinds: bool) -> None:
        """Close the tasks being filled (of these kinds: named only or not; default both)."""
        for named_only in kinds or (False, True):
            batch = self._batches[named_only]
            if batch:
                self._waiting.append(batch)
                self._waiting_bytes += _size(batch)
                self._waiting_ms += self._batch_ms[named_only]
                self._batches[named_only] = []
                self._batch_ms[named_only] = 0.0

    def _take(self, task: Future[Outcome], cost: float) -> None:
        self._ahead_ms -= cost
        try:
            outcome = task.result()
        except Exception as exc:  # noqa: BLE001 - a dead worker must not stop the sync
            self._worker_failed(exc)
            return
        if outcome is not None:  # None: the first task, which only starts the worker
            self._settle(outcome)

    def _settle(self, outcome: Outcome) -> None:
        """Keep a task's results; what could not be read is no longer in hand (it stays
        unanalysed in the store: the end of the pass reads it)."""
        results, unread, failed = outcome
        self._done.extend(results)
        self.in_hand.difference_update(unread)
        if failed is not None:
            self.lost = True
            if self._worker_reads:
                self._worker_reads = False
                log.warning("the second connection reading program mail failed (%s); "
                            "reading the rest on the main connection", failed)  # fmt: skip

    def _worker_failed(self, exc: Exception) -> None:
        self._drop_located()
        if self._pool is not None:
            log.warning("the body analysis worker failed (%s); the rest is analysed in line", type(exc).__name__)
            self.parallel = False
            pool, self._pool = self._pool, None
            # Not cancel_futures: on Python 3.11 a broken pool then fails a cancelled
            # future again (InvalidStateError in its thread); it fails the pending ones
            # itself.
            pool.shutdown(wait=False)
        self.lost = True  # what the worker held stays unanalysed: the caller reads it again

    def _drop_located(self) -> None:
        """Leave the tasks that were the worker's to read: this process reads them at
        the end of the pass, not between two batches of headers."""
        self._worker_reads = False
        self._queue()
        kept: deque[list[Item]] = deque()
        for items in self._waiting:
            mine = [item for item in items if item[1] is not None]
            self.in_hand.difference_update(item[0] for item in items if item[1] is None)
            if mine:
                kept.append(mine)
        self._waiting = kept
        self._waiting_bytes = sum(map(_size, kept))
        self._waiting_ms = sum(map(_cost, kept))

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
        loaded = _detectors_loaded()
    return waiting_ms >= HELP_AFTER_MS + (0.0 if loaded else LOAD_MS)


def _names_only(items: list[Item]) -> bool:
    """Whether a task holds only platform and no-reply mail (the name test first)."""
    return all(item[4] for item in items)


def _cancel(task: Future[Outcome]) -> bool:
    """Cancel a task the worker has not begun. Python 3.11's pool keeps a cancelled
    task among its pending ones until it would pass it on; if the worker dies before
    that, the pool's thread fails the cancelled future again (InvalidStateError; fixed
    in 3.12) and stops there, before it ends the worker and its queue's thread. That
    late failure of a task nobody waits for any more is ignored."""
    if not task.cancel():
        return False
    if sys.version_info < (3, 12):
        task.set_exception = _ignore  # type: ignore[method-assign,assignment]
    return True


def _ignore(_exc: BaseException | None) -> None:
    return None


def _detectors_loaded() -> bool:
    return "inboxcoach.detectors.analysis" in sys.modules


def _size(items: list[Item]) -> int:
    return sum(len(item[1] or b"") for item in items)


def _cost(items: list[Item]) -> float:
    """The estimated CPU milliseconds of a task (to keep the worker just far enough ahead)."""
    return sum(map(_item_cost, items))


def _item_cost(item: Item) -> float:
    side, named_only = item[3], item[4]
    return COST_MS["named"] if named_only else COST_MS[side]
