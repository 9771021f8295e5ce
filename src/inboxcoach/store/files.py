"""The files beside the database: the lock that keeps one daemon per database, and
moving a database aside so ``sync --rebuild`` can read the mailbox into a fresh one.

One ``inboxcoach run`` per database: it holds an exclusive ``flock`` on
``<database>.lock`` for as long as it runs, and a second one refuses to start, naming
the lock and the PID holding it. The operating system drops the lock when its holder
ends, however it ends (SIGKILL, a crash, a power cut), so a crashed daemon never
leaves a stale lock behind; the PID written into the file is only a hint for the
message.

``sync`` and ``scan`` beside a running daemon are safe, and allowed: the store is
SQLite in WAL mode, every write is one short transaction that reads what it depends
on (the keys already stored) inside it, messages are keyed by their identity, and a
folder's saved position only decides where the next pass starts reading, so two
writers store each message once; only the daemon sends digests and alerts.
``sync --rebuild`` takes the daemon's lock, as it moves the database's files.

Sending a digest is serialised across processes too (``digest --send`` beside the
daemon): :func:`sending` holds ``<database>.send.lock`` from "is this day's digest
sent?" until its sent time is recorded.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import datetime
from pathlib import Path

from inboxcoach.errors import StoreError

_COMPANIONS = ("-wal", "-shm")  # SQLite's files beside a WAL database


def lock_path(database: Path, kind: str = "lock") -> Path:
    """A lock file of ``database``: beside it, named after it (``kind`` "lock" or "send.lock")."""
    return database.with_name(f"{database.name}.{kind}")


def _open_lock(path: Path) -> int:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the lock file: {exc.strerror or exc}") from None


@contextmanager
def exclusive(database: Path, purpose: str) -> Iterator[Path]:
    """Hold ``database``'s lock for ``purpose`` (e.g. "inboxcoach run") while inside.

    Yields the lock file's path. Raises StoreError, naming the database, the lock file
    and the holder's PID, when another process holds the lock."""
    path = lock_path(database)
    fd = _open_lock(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"{database} is in use by {_holder(fd)} (lock {path}); stop it first, "
                "or give this one another database with --db"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {purpose}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # releases the lock; the file stays (removing it would race a newcomer)


@asynccontextmanager
async def sending(database: Path) -> AsyncIterator[None]:
    """Hold ``database``'s send lock while inside, waiting (without blocking the event
    loop) while another process holds it. Raises StoreError when the lock file cannot
    be created."""
    fd = _open_lock(lock_path(database, "send.lock"))
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                await asyncio.sleep(0.1)
        yield
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """Who holds the lock, from the line it wrote: "`inboxcoach run` (PID 123)"."""
    text = ""
    for _ in range(20):  # the holder writes its line just after taking the lock
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        if text:
            break
        time.sleep(0.025)
    pid, _, purpose = text.partition(" ")
    if not pid.isdigit():
        return "another inboxcoach process"
    return f"another `{purpose or 'inboxcoach'}` (PID {pid})"


def move_aside(database: Path, now: datetime) -> Path | None:
    """Rename ``database`` and its -wal/-shm files to ``<name>.<YYYYmmdd-HHMMSS>`` (with
    the same -wal/-shm endings, so SQLite still reads them as one database there).

    Nothing is deleted. Returns the new path, or None when there was no database. Call
    it holding :func:`exclusive`: a process with the database open would go on writing
    into the moved files. Raises StoreError when a file cannot be renamed."""
    if not database.exists():
        return None
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = database.with_name(f"{database.name}.{stamp}")
    n = 1
    while any(Path(f"{target}{end}").exists() for end in ("", *_COMPANIONS)):
        n += 1
        target = database.with_name(f"{database.name}.{stamp}-{n}")
    for end in (*_COMPANIONS, ""):
        source = Path(f"{database}{end}")
        try:
            if source.exists():
                source.rename(f"{target}{end}")
        except OSError as exc:
            raise StoreError(f"{source}: cannot move it aside to {target}{end}: {exc.strerror or exc}") from None
    return target
