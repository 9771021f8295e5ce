"""Bodies read on a second connection, in a thread, while the main one reads headers.

On a large pass the main thread is busy from the first header batch to the last
(reading, parsing, storing), and reading the bodies of each batch's candidates on the
same connection made it wait for the server between batches besides. A source that
can open a second reader (:meth:`~inboxcoach.sources.MailSource.second_reader`: IMAP
opens another connection) gets its bodies read here instead: the main thread asks for
a batch's candidates and goes on; a thread reads them on the second connection and
leaves them in a queue that the main thread empties into the analyser after each batch
(the analyser and the store stay on the main thread).

A forked body worker reads its bodies itself (:mod:`inboxcoach.ingest.worker`), which
keeps them off the main process altogether; this thread reads them where it cannot:
for a spawned worker (a process with threads, such as the daemon's, must not fork, and
a spawned worker would need the reader's opener, password and all, sent to it) and
after the worker's own reader failed.

Nothing is lost when the second reader fails (it cannot log in, its connection drops):
the thread stops, and what it had not delivered stays unanalysed in the store, where
the end of the pass (``ingest._analyse_the_rest``) reads it on the main connection.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType

from inboxcoach.sources import BodyReader

log = logging.getLogger(__name__)

Delivery = tuple[str, bytes | None]  # (location, the whole message or None if it is gone)
STOP_WAIT = 0.5  # seconds close() lets the read under way finish
CLOSE_WAIT = 10.0  # seconds it waits for the thread once its connection is cut


class BodyPrefetch:
    """Read bodies by location on ``open_reader()``'s reader, in a thread.

    Use as a context manager (leaving it stops the thread and closes the reader).
    :meth:`request` asks for locations, :meth:`ready` takes what has been read, without
    waiting; :meth:`finish` hands on the rest as it comes. Not thread-safe itself: one thread
    (the pass's) calls it."""

    def __init__(self, open_reader: Callable[[], BodyReader]) -> None:
        self._open_reader = open_reader
        self._requests: queue.SimpleQueue[dict[str, int] | None] = queue.SimpleQueue()  # location -> size
        self._delivered: queue.SimpleQueue[Delivery | None] = queue.SimpleQueue()  # None: the thread is done
        self._ended = False  # the thread's None taken
        self._stop = threading.Event()
        self.failed: str | None = None  # why the second reader stopped early (no secret in it)
        self._reader: BodyReader | None = None  # once the thread has opened it
        self.waiting: set[str] = set()  # locations asked for and not delivered yet
        self._thread = threading.Thread(target=self._run, name="inboxcoach-bodies", daemon=True)
        self._thread.start()

    def __enter__(self) -> BodyPrefetch:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def request(self, sizes: Mapping[str, int]) -> None:
        """Ask for these bodies (location -> the message's size; read in the order asked)."""
        if sizes:
            self.waiting.update(sizes)
            self._requests.put(dict(sizes))

    def ready(self) -> list[Delivery]:
        """The bodies read since the last call, without waiting."""
        out: list[Delivery] = []
        while not self._ended:
            try:
                item = self._delivered.get_nowait()
            except queue.Empty:
                break
            if item is None:  # the thread's last word
                self._ended = True
            else:
                self.waiting.discard(item[0])
                out.append(item)
        return out

    def finish(self) -> Iterator[Delivery]:
        """The bodies not taken yet, as they are read, until every one asked for is
        read (or the reader has failed). Locations still in :attr:`waiting` afterwards
        were not read."""
        self._requests.put(None)
        while not self._ended:
            item = self._delivered.get()
            if item is None:
                self._ended = True
            else:
                self.waiting.discard(item[0])
                yield item

    def close(self) -> None:
        """Stop the thread: after the read under way, or, when that takes longer than
        a moment (a large answer from a far server, Ctrl-C pressed), by cutting the
        second connection under it. Nothing it had not delivered is lost (see the
        module)."""
        self._stop.set()
        self._requests.put(None)
        self._thread.join(STOP_WAIT)
        reader = self._reader
        if self._thread.is_alive() and reader is not None:
            reader.interrupt()
            self._thread.join(CLOSE_WAIT)

    # -- the thread -----------------------------------------------------------

    def _run(self) -> None:
        reader: BodyReader | None = None
        try:
            reader = self._reader = self._open_reader()
            done = False
            while not done:
                # Everything asked for meanwhile in one go: fewer, larger reads
                sizes = self._requests.get()
                if sizes is None:
                    break
                while True:
                    try:
                        more = self._requests.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        done = True
                        break
                    sizes.update(more)
                for delivery in reader.bodies(list(sizes), self._stop.is_set, sizes):
                    self._delivered.put(delivery)
        except Exception as exc:  # noqa: BLE001 - the main connection reads what is left
            self.failed = type(exc).__name__
            if self._stop.is_set():
                pass
            elif reader is None:  # a server may allow one connection at a time
                log.warning("could not open a second connection to read program mail (%s); "
                            "reading it on the main connection instead", self.failed)  # fmt: skip
            else:
                log.warning("the second connection reading program mail failed (%s); "
                            "reading the rest on the main connection", self.failed)  # fmt: skip
        finally:
            self._delivered.put(None)  # before logging out: nobody need wait for that
            if reader is not None:
                reader.close()
