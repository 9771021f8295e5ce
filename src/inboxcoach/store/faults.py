"""SQLite's faults as one line a user can act on (:class:`StoreError`), and the
database's files created private."""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FunctionType
from typing import Any, Concatenate, ParamSpec, TypeVar

from inboxcoach.errors import StoreError

BUSY_TIMEOUT = 10.0  # seconds a write waits for another's; inboxcoach's own last well under one

_LOCKED = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def store_error(path: Path, exc: sqlite3.Error) -> StoreError | None:
    """One line for a database this process cannot use (locked, damaged, read-only,
    unopenable, full disk, I/O error): the file, the cause, what to do. None for any
    other sqlite3 error, which is a bug in inboxcoach, not a fault of the database."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF  # extended codes keep the primary one in the low byte
    if primary in _LOCKED:
        return StoreError(
            f"{path}: the database is locked: another inboxcoach (a running `inboxcoach run`, a sync) "
            "may be using it; try again when it has finished"
        )
    if primary in _DAMAGED:
        return StoreError(
            f"{path}: the database is damaged ({exc}); `inboxcoach sync --rebuild` moves it aside "
            "(nothing is deleted) and rebuilds it from the mailbox"
        )
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM):
        why = _unwritable(path)
        if why is not None or primary == sqlite3.SQLITE_READONLY:
            return StoreError(
                f"{path}: the database is read-only ({why or exc}); make it writable, "
                "or choose another file with --db"
            )
        return StoreError(f"{path}: cannot open the database ({exc}); its folder must exist and be writable")
    if primary == sqlite3.SQLITE_FULL:
        return StoreError(
            f"{path}: the disk is full ({exc}); free some space and run it again (what was stored is kept)"
        )
    if primary == sqlite3.SQLITE_IOERR:
        return StoreError(f"{path}: the disk failed to read or write the database ({exc}); check the disk")
    return None


def _unwritable(path: Path) -> str | None:
    """Why the database at ``path`` cannot be written, as far as the file system tells."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "it is on a read-only file system"
    except OSError:
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is not writable"
    if folder.exists() and not os.access(folder, os.W_OK):
        return "its folder is not writable, and SQLite writes its -wal and -shm files there"
    return None


@contextmanager
def _database_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3's errors about the database at ``path`` into StoreError (see store_error)."""
    try:
        yield
    except sqlite3.Error as exc:
        error = store_error(path, exc)
        if error is None:
            raise
        raise error from exc


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _translating(method: Callable[Concatenate[Any, _P], _R]) -> Callable[Concatenate[Any, _P], _R]:
    @functools.wraps(method)
    def translated(self: Any, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:  # not _database_errors: a try costs nothing until something is raised
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            error = store_error(self.path, exc)
            if error is None:
                raise
            raise error from exc

    return translated  # type: ignore[return-value]  # functools.wraps' _Wrapped is this callable


_C = TypeVar("_C", bound=type)


def _database_errors_translated(cls: _C) -> _C:
    """Every public method of the Store raises StoreError (see store_error) for a
    database that cannot be used, however its query got there: a read meets a lock or
    a damaged page as readily as a write."""
    for name, member in list(vars(cls).items()):
        if isinstance(member, FunctionType) and not name.startswith("_") and name != "transaction":
            setattr(cls, name, _translating(member))
    return cls


def _create_private(path: Path) -> None:
    """Create the database file, readable by its owner only (SQLite gives its -wal and
    -shm files the database's mode), and its folder (0700) when missing; make an existing
    database written by an older version private too. Raises OSError."""
    if not path.parent.is_dir():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return
    except FileExistsError:
        pass
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = name.stat().st_mode
            if mode & 0o077:
                name.chmod(stat.S_IMODE(mode) & 0o700)
        except OSError:
            pass  # missing, or not ours to change: SQLite says what it cannot do
