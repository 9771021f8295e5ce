"""SQLite store: what the report needs per message, never bodies.

One row per message identity (``Envelope.key``): the same Message-ID seen in two
folders is one row. Writes happen in explicit transactions, one per batch. The
schema version lives in ``PRAGMA user_version``; each migration is a named function
in ``MIGRATIONS``.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import sqlite3
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from types import FunctionType
from typing import Any, Concatenate, NamedTuple, ParamSpec, TypeVar

from inboxcoach.errors import StoreError
from inboxcoach.model import OWN_ROLES, Envelope, Features, FolderRole, FolderState, StoredMessage, sane_date

log = logging.getLogger(__name__)

# When one message is seen in several folders, the folder with the higher rank wins:
# a copy in Sent is the truth about a message that also sits in Drafts or a label.
ROLE_RANK: dict[str, int] = {"sent": 3, "inbox": 2, "other": 1, "drafts": 0}


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _migration_1_initial(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE messages (
            key          TEXT PRIMARY KEY,
            message_id   TEXT NOT NULL,
            date         TEXT,
            from_addr    TEXT NOT NULL,
            from_name    TEXT NOT NULL DEFAULT '',
            reply_to     TEXT NOT NULL DEFAULT '[]',
            to_addrs     TEXT NOT NULL DEFAULT '[]',
            cc_addrs     TEXT NOT NULL DEFAULT '[]',
            bcc_addrs    TEXT NOT NULL DEFAULT '[]',
            subject      TEXT NOT NULL DEFAULT '',
            in_reply_to  TEXT NOT NULL DEFAULT '[]',
            refs         TEXT NOT NULL DEFAULT '[]',
            automated    INTEGER NOT NULL DEFAULT 0,
            labels       TEXT NOT NULL DEFAULT '[]',
            size         INTEGER NOT NULL DEFAULT 0,
            folder       TEXT NOT NULL,
            role         TEXT NOT NULL,
            source       TEXT NOT NULL,
            location     TEXT NOT NULL,
            candidate    INTEGER NOT NULL DEFAULT 0,
            features     TEXT,
            analysis     TEXT
        );
        CREATE INDEX messages_role ON messages(role);
        CREATE TABLE skipped (
            source   TEXT NOT NULL,
            location TEXT NOT NULL,
            reason   TEXT NOT NULL,
            PRIMARY KEY (source, location)
        );
        CREATE TABLE folder_state (
            source        TEXT NOT NULL,
            folder        TEXT NOT NULL,
            uidvalidity   INTEGER,
            last_uid      INTEGER NOT NULL DEFAULT 0,
            highestmodseq INTEGER,
            PRIMARY KEY (source, folder)
        );
        CREATE TABLE digests (
            day        TEXT PRIMARY KEY,
            message_id TEXT NOT NULL,
            sent_at    TEXT
        );
        CREATE TABLE alerts (
            message_key TEXT NOT NULL,
            rule        TEXT NOT NULL,
            sent_at     TEXT NOT NULL,
            PRIMARY KEY (message_key, rule)
        );
        """
    )


def _migration_2_incremental_candidates(db: sqlite3.Connection) -> None:
    """``checked``: whether ``candidate`` was decided for the row; ``meta``: small settings."""
    _run_script(
        db,
        """
        ALTER TABLE messages ADD COLUMN checked INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX messages_unchecked ON messages(checked) WHERE checked = 0;
        CREATE INDEX messages_candidate ON messages(candidate) WHERE candidate = 1;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """,
    )


def _migration_3_thread_pending(db: sqlite3.Connection) -> None:
    """``checked`` gains a third value (2: the headers were judged, the thread not yet);
    the partial index covers every message not decided."""
    _run_script(
        db,
        """
        DROP INDEX messages_unchecked;
        CREATE INDEX messages_undecided ON messages(checked) WHERE checked != 1
        """,
    )


def _migration_4_folder_index(db: sqlite3.Connection) -> None:
    """Drafts are re-listed on every pass: finding a folder's messages must not scan
    the whole table (26 ms at 88,000 messages)."""
    _run_script(db, "CREATE INDEX messages_folder ON messages(source, folder)")


def _migration_5_labels(db: sqlite3.Connection) -> None:
    """What inboxcoach set on the server (keywords or Gmail labels), per message and
    location, so a pass sends only changes and ``labels --clear`` takes all back."""
    _run_script(
        db,
        """
        CREATE TABLE labels (
            source   TEXT NOT NULL,
            key      TEXT NOT NULL,
            location TEXT NOT NULL,
            applied  TEXT NOT NULL,
            PRIMARY KEY (source, key)
        )
        """,
    )


def _migration_6_digest_append(db: sqlite3.Connection) -> None:
    """A digest may also be put in the mailbox (``[digest] deliver``): when it was."""
    _run_script(db, "ALTER TABLE digests ADD COLUMN appended_at TEXT")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migration_1_initial,
    _migration_2_incremental_candidates,
    _migration_3_thread_pending,
    _migration_4_folder_index,
    _migration_5_labels,
    _migration_6_digest_append,
)
SCHEMA_VERSION = len(MIGRATIONS)

_ENVELOPE_COLUMNS = (
    "key, message_id, date, from_addr, from_name, reply_to, to_addrs, cc_addrs, bcc_addrs, "
    "subject, in_reply_to, refs, automated, labels, size"
)


def _dump(values: Sequence[str]) -> str:
    if not values:
        return "[]"
    joined = "".join(values)
    if joined.isascii() and joined.isprintable() and '"' not in joined and "\\" not in joined:
        return '["' + '", "'.join(values) + '"]'  # what json.dumps writes for these, 5x faster
    return json.dumps(list(values), ensure_ascii=False)


def _load(text: str) -> tuple[str, ...]:
    if text == "[]":
        return ()
    if "\\" not in text and text.startswith('["') and text.endswith('"]'):
        return tuple(text[2:-2].split('", "'))  # no escapes: a quote only ever delimits
    return tuple(json.loads(text))


_FEATURE_FIELDS = tuple(f.name for f in dataclasses.fields(Features))


def features_to_json(features: Features) -> str:
    # dataclasses.asdict deep-copies every tuple first; the fields are flat already
    values = {name: getattr(features, name) for name in _FEATURE_FIELDS}
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def features_from_json(text: str) -> Features:
    """The stored features; features whose ``error`` says so when the JSON is damaged."""
    try:
        data = json.loads(text)
        values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in _FEATURE_SET}
        return Features(**values)
    except (ValueError, TypeError, AttributeError):
        return Features(error="stored analysis damaged")


_FEATURE_SET = frozenset(_FEATURE_FIELDS)


def _envelope_row(env: Envelope) -> tuple[Any, ...]:
    return (
        env.key,
        env.message_id,
        _date_text(env),
        env.from_addr,
        env.from_name,
        _dump(env.reply_to),
        _dump(env.to),
        _dump(env.cc),
        _dump(env.bcc),
        env.subject,
        _dump(env.in_reply_to),
        _dump(env.references),
        int(env.automated),
        _dump(env.labels),
        env.size,
    )


def _stored_date(text: str | None) -> datetime | None:
    """A stored date, or None for one no report can use (a year-1 date written by an
    older version, a damaged value)."""
    if not text:
        return None
    try:
        return sane_date(datetime.fromisoformat(text))
    except (ValueError, TypeError):
        return None


def _envelope_from_row(row: sqlite3.Row) -> Envelope:
    return Envelope(
        key=row["key"],
        message_id=row["message_id"],
        date=_stored_date(row["date"]),
        from_addr=row["from_addr"],
        from_name=row["from_name"],
        reply_to=_load(row["reply_to"]),
        to=_load(row["to_addrs"]),
        cc=_load(row["cc_addrs"]),
        bcc=_load(row["bcc_addrs"]),
        subject=row["subject"],
        in_reply_to=_load(row["in_reply_to"]),
        references=_load(row["refs"]),
        automated=bool(row["automated"]),
        labels=_load(row["labels"]),
        size=row["size"],
    )


def _date_text(env: Envelope) -> str | None:
    return env.date.astimezone(timezone.utc).isoformat() if env.date else None


def _variant_key(env: Envelope) -> str:
    """The key of a message that shares its Message-ID with a different message."""
    what = "\x00".join((env.from_addr, _date_text(env) or "", env.subject))
    return f"{env.key}#{hashlib.sha1(what.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def _union(stored: tuple[str, ...], seen: tuple[str, ...]) -> tuple[str, ...]:
    """``stored`` followed by those of ``seen`` it lacks."""
    if not seen or set(seen) <= set(stored):
        return stored
    return stored + tuple(a for a in dict.fromkeys(seen) if a not in stored)


_INSERT_MESSAGE = (
    f"INSERT INTO messages ({_ENVELOPE_COLUMNS}, folder, role, source, location, candidate, checked) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _keys_among(
    db: sqlite3.Connection, keys: Sequence[str], condition: str = "", params: tuple[Any, ...] = ()
) -> set[str]:
    """Those of ``keys`` stored (and meeting ``condition``), 500 keys a query."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"SELECT key FROM messages WHERE key IN ({marks}) {condition}", (*chunk, *params))
        found.update(r[0] for r in rows)
    return found


# messages.checked: how far a message's candidacy is decided.
UNDECIDED, DECIDED, THREAD_PENDING = 0, 1, 2


def _sighting_row(s: Sighting) -> tuple[Any, ...]:
    env = s.envelope
    if s.candidate is None:
        checked = UNDECIDED
    elif not s.candidate and not (env.in_reply_to or env.references):
        checked = DECIDED  # only a reply could make it one, and a reply names it
    else:
        # ``candidate`` holds the headers' verdict; update_candidates still follows the
        # thread (and looks for older replies to a new candidate).
        checked = THREAD_PENDING
    return (*_envelope_row(env), s.folder, s.role, s.source, s.location, int(bool(s.candidate)), checked)


class Pending(NamedTuple):
    """A message whose body is still to be analysed."""

    key: str
    location: str
    subject: str
    from_addr: str
    role: str


@dataclasses.dataclass(frozen=True, slots=True)
class Sighting:
    """One message seen in one folder of one source, ready to be stored."""

    envelope: Envelope
    folder: str
    role: FolderRole
    source: str
    location: str
    # Whether the headers alone tie it to a program (MatchIndex.may_belong), when the
    # caller knows; stored with a new message so candidacy need not read it back.
    candidate: bool | None = None


# -- the database as a file: who may read it, and what goes wrong with it ------------

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


def _translating(method: Callable[Concatenate[Store, _P], _R]) -> Callable[Concatenate[Store, _P], _R]:
    @functools.wraps(method)
    def translated(self: Store, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:  # not _database_errors: a try costs nothing until something is raised
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            error = store_error(self.path, exc)
            if error is None:
                raise
            raise error from exc

    return translated


def _database_errors_translated(cls: type[Store]) -> type[Store]:
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


@_database_errors_translated
class Store:
    """The inboxcoach database. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        """Open (creating it, owner-only, if missing) and migrate the database at ``path``;
        with ``readonly``, open an existing one for reading only.

        Raises StoreError naming the file when it cannot be created, opened or used."""
        self.path = Path(path)
        self._damaged_rows = 0
        if readonly:
            self._open_readonly()
            return
        try:
            if str(path) != ":memory:":
                _create_private(self.path)
            self.db = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the database: {exc.strerror or exc}") from None
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) or StoreError(f"{path}: cannot open the database: {exc}") from exc
        try:
            self._open()
        except BaseException:
            self.db.close()
            raise

    def _open(self) -> None:
        self.db.row_factory = sqlite3.Row
        with _database_errors(self.path):
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            # 32 MiB of page cache (the default is 2): an 80,000-message first sync looks up
            # and inserts keys all over the primary-key index.
            self.db.execute("PRAGMA cache_size=-32768")
            self._migrate()

    def _open_readonly(self) -> None:
        """Open an existing database for reading only (``mode=ro``): nothing is created,
        migrated or written, so it is safe beside a running daemon (WAL readers do not
        block its writes). Raises StoreError when it is missing or of another schema."""
        try:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=0.2)
            self.db.row_factory = sqlite3.Row
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from None
        if version != SCHEMA_VERSION:
            self.db.close()
            raise StoreError(
                f"{self.path}: database schema {version}, this inboxcoach reads {SCHEMA_VERSION}; "
                "run `inboxcoach sync` once with this version"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema {version} is newer than this inboxcoach "
                f"understands ({SCHEMA_VERSION}); upgrade inboxcoach"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                MIGRATIONS[number](self.db)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One explicit transaction: committed on success, rolled back on any error.

        Raises StoreError when the database cannot be used (see :func:`store_error`);
        nothing of the transaction is then kept, and nothing before it is lost."""
        with _database_errors(self.path):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self._rollback()
                raise
            try:
                self.db.execute("COMMIT")
            except BaseException:
                self._rollback()  # a COMMIT refused (locked, disk full) leaves the transaction open
                raise

    def _rollback(self) -> None:
        if self.db.in_transaction:  # SQLite itself may have rolled back (a full disk, say)
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the error that made us roll back is the one to report

    # -- messages ---------------------------------------------------------------

    def add_sightings(
        self,
        sightings: Iterable[Sighting],
        folder_state: FolderState | None = None,
    ) -> int:
        """Store a batch in one transaction. Returns how many were new messages.

        A message already stored keeps its features; it moves to the new folder only
        when that folder ranks higher (Sent over Inbox over labels over Drafts). Seen
        again in the same folder at a new location (a server renumbered it, a draft
        was saved again), its location is updated, and a draft is analysed again.
        ``folder_state``, when given, is written in the same transaction, so the
        highest UID seen never runs ahead of the messages stored.

        A new message's candidacy starts from ``Sighting.candidate``: a header
        candidate is stored as one, a message with no thread headers that is none is
        decided at once, and the rest wait for :func:`pipeline.update_candidates`.
        """
        batch = list(sightings)
        keys = [s.envelope.key for s in batch]
        repeated = {key for key, n in Counter(keys).items() if n > 1}
        new = 0
        with self.transaction() as db:
            known = _keys_among(db, keys)
            fresh = [s for s in batch if s.envelope.key not in known and s.envelope.key not in repeated]
            db.executemany(_INSERT_MESSAGE, (_sighting_row(s) for s in fresh))
            new += len(fresh)
            for s in batch:
                if s.envelope.key in known or s.envelope.key in repeated:
                    new += self._add_one(db, s)
            if folder_state is not None:
                self._save_folder_state(db, folder_state)
        return new

    @staticmethod
    def _add_one(db: sqlite3.Connection, s: Sighting) -> int:
        """Store one sighting of a key that may be stored already; 1 if it was new.

        A copy of a stored message (same Message-ID, From, Date and Subject) adds the
        recipients it knows (only the Sent copy carries Bcc) whatever the order the
        copies come in, and moves the message to its higher-ranked folder. A different
        message under the same Message-ID is stored as a message of its own."""
        env = s.envelope
        row = db.execute(
            "SELECT date, from_addr, subject, role, folder, source, location, to_addrs, cc_addrs, bcc_addrs, "
            "candidate FROM messages WHERE key = ?",
            (env.key,),
        ).fetchone()
        if row is None:
            db.execute(_INSERT_MESSAGE, _sighting_row(s))
            return 1
        if (row["from_addr"], row["subject"], row["date"]) != (env.from_addr, env.subject, _date_text(env)):
            return Store._add_one(db, dataclasses.replace(s, envelope=dataclasses.replace(env, key=_variant_key(env))))
        merged = {
            column: _union(_load(row[column]), mine)
            for column, mine in (("to_addrs", env.to), ("cc_addrs", env.cc), ("bcc_addrs", env.bcc))
        }
        grown = {column: _dump(values) for column, values in merged.items() if len(values) > len(_load(row[column]))}
        if grown:
            # new recipients may tie a message to a program: its candidacy is decided again
            again = ", checked = 0" if not row["candidate"] else ""
            sets = ", ".join(f"{column} = ?" for column in grown)
            db.execute(f"UPDATE messages SET {sets}{again} WHERE key = ?", (*grown.values(), env.key))
        if (ROLE_RANK[s.role], row["folder"]) > (ROLE_RANK[row["role"]], s.folder):
            # the folder can change which side wrote it, so which detectors ran
            stale = ", analysis = NULL" if (s.role in OWN_ROLES) != (row["role"] in OWN_ROLES) else ""
            db.execute(
                f"UPDATE messages SET folder = ?, role = ?, source = ?, location = ?{stale} WHERE key = ?",
                (s.folder, s.role, s.source, s.location, env.key),
            )
        elif (row["folder"], row["source"]) == (s.folder, s.source) and row["location"] != s.location:
            stale = ", analysis = NULL" if s.role == "drafts" else ""
            db.execute(f"UPDATE messages SET location = ?{stale} WHERE key = ?", (s.location, env.key))
        return 0

    def has(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM messages WHERE key = ?", (key,)).fetchone() is not None

    # -- which messages may belong to a program --------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def uncheck_all(self) -> None:
        """Decide every message's candidacy again (the programs changed)."""
        with self.transaction() as db:
            db.execute("UPDATE messages SET checked = 0")

    def unchecked_envelopes(self) -> list[tuple[Envelope, str]]:
        """Envelopes (with role) of the messages whose headers were not judged yet."""
        # "checked != 1" repeats the partial index's condition so SQLite uses the index
        # (with "checked = 0" alone it scans the table).
        rows = self.db.execute(f"SELECT {_ENVELOPE_COLUMNS}, role FROM messages WHERE checked != 1 AND checked = 0")
        return [(_envelope_from_row(r), r["role"]) for r in rows]

    def candidate_keys(self, *, decided: bool = False) -> set[str]:
        """Keys of the candidates (only those decided before this pass with ``decided``)."""
        where = " AND checked = 1" if decided else ""
        return {r["key"] for r in self.db.execute(f"SELECT key FROM messages WHERE candidate = 1{where}")}

    def unchecked_threads(self) -> list[tuple[str, bool | None, tuple[str, ...]]]:
        """(key, the headers' verdict, thread references) of every message not decided
        yet; the verdict is None when the headers were not judged when it was stored."""
        rows = self.db.execute(
            "SELECT key, candidate, in_reply_to, refs, checked FROM messages WHERE checked != 1"
        )
        threads = []
        for key, candidate, in_reply_to, refs, checked in rows:
            parents = _load(in_reply_to)
            verdict = None if checked == UNDECIDED else bool(candidate)
            threads.append((key, verdict, parents + tuple(r for r in _load(refs) if r not in parents)))
        return threads

    def replies_to(self, keys: Set[str]) -> set[str]:
        """Decided non-candidates whose thread headers name one of ``keys``."""
        older = "SELECT key, in_reply_to, refs FROM messages WHERE checked = 1 AND candidate = 0"
        if len(keys) > 20:  # one pass over the threaded messages beats a scan per key
            rows = self.db.execute(older + " AND (in_reply_to != '[]' OR refs != '[]')")
            return {key for key, irt, refs in rows if not keys.isdisjoint(_load(irt) + _load(refs))}
        found: set[str] = set()
        for key in keys:
            needle = json.dumps(key)
            rows = self.db.execute(older + " AND (instr(in_reply_to, ?) > 0 OR instr(refs, ?) > 0)", (needle, needle))
            found.update(row[0] for row in rows if key in _load(row[1]) + _load(row[2]))
        return found

    def decide_candidates(self, checked: Iterable[str], candidates: Iterable[str]) -> None:
        """Mark ``checked`` messages decided, and ``candidates`` as candidates, in one transaction."""
        with self.transaction() as db:
            db.executemany("UPDATE messages SET checked = 1, candidate = 0 WHERE key = ?", ((k,) for k in checked))
            db.executemany("UPDATE messages SET checked = 1, candidate = 1 WHERE key = ?", ((k,) for k in candidates))

    def pending_analysis(self, stamp: str, source: str) -> list[Pending]:
        """Candidates of ``source`` whose features are missing or stale."""
        rows = self.db.execute(
            "SELECT key, location, subject, from_addr, role FROM messages WHERE source = ? AND candidate = 1 "
            "AND (analysis IS NULL OR analysis != ?) ORDER BY location",
            (source, stamp),
        )
        return [Pending(r["key"], r["location"], r["subject"], r["from_addr"], r["role"]) for r in rows]

    def unanalysed(self, keys: Sequence[str], stamp: str) -> set[str]:
        """Those of ``keys`` whose features are missing or stale."""
        return _keys_among(self.db, keys, "AND (analysis IS NULL OR analysis != ?)", (stamp,))

    def set_features(self, items: Iterable[tuple[str, Features]], stamp: str) -> None:
        """Store analysed features for a batch of messages, in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE messages SET features = ?, analysis = ? WHERE key = ?",
                ((features_to_json(f), stamp, key) for key, f in items),
            )

    def messages(self, *, candidates_only: bool = False) -> list[StoredMessage]:
        """Every stored message (or only those that may belong to a program), with features.

        A row that cannot be read back (damaged, or written by a broken version) is
        left out and counted in :meth:`unreadable`; it never stops a report."""
        where = " WHERE candidate = 1" if candidates_only else ""
        rows = self.db.execute(f"SELECT {_ENVELOPE_COLUMNS}, folder, role, features FROM messages{where}")
        result = []
        self._damaged_rows = 0
        for r in rows:
            try:
                result.append(
                    StoredMessage(
                        envelope=_envelope_from_row(r),
                        folder=r["folder"],
                        role=r["role"],
                        features=features_from_json(r["features"]) if r["features"] else None,
                    )
                )
            except (ValueError, TypeError, KeyError):
                self._damaged_rows += 1
        if self._damaged_rows:
            log.warning("%s: %d stored message(s) could not be read back", self.path, self._damaged_rows)
        return result

    def origins(self, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Where each of ``keys`` can be read again: key -> (source, location)."""
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(f"SELECT key, source, location FROM messages WHERE key IN ({marks})", chunk):
                found[r["key"]] = (r["source"], r["location"])
        return found

    def unreadable(self) -> dict[str, int]:
        """How many messages could not be read, or read fully, by reason: those skipped
        when they were stored, those whose body could not be analysed (they count by
        their headers), and stored rows the last :meth:`messages` could not read."""
        reasons = self.skipped()
        rows = self.db.execute(
            "SELECT json_extract(features, '$.error') AS reason, COUNT(*) AS n FROM messages "
            "WHERE candidate = 1 AND features IS NOT NULL AND json_valid(features) "
            "AND json_extract(features, '$.error') != '' GROUP BY reason"
        )
        for r in rows:
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + r["n"]
        if self._damaged_rows:
            reasons["damaged in the database"] = reasons.get("damaged in the database", 0) + self._damaged_rows
        return reasons

    # -- incremental sync state ------------------------------------------------

    def folder_state(self, source: str, folder: str) -> FolderState | None:
        row = self.db.execute(
            "SELECT uidvalidity, last_uid, highestmodseq FROM folder_state WHERE source = ? AND folder = ?",
            (source, folder),
        ).fetchone()
        if row is None:
            return None
        return FolderState(source, folder, row["uidvalidity"], row["last_uid"], row["highestmodseq"])

    def folder_states(self, source: str) -> dict[str, FolderState]:
        """How far the incremental reading of each folder of ``source`` got."""
        rows = self.db.execute(
            "SELECT folder, uidvalidity, last_uid, highestmodseq FROM folder_state WHERE source = ?", (source,)
        )
        return {r["folder"]: FolderState(source, r["folder"], r["uidvalidity"], r["last_uid"], r["highestmodseq"]) for r in rows}

    def save_folder_state(self, state: FolderState) -> None:
        with self.transaction() as db:
            self._save_folder_state(db, state)

    @staticmethod
    def _save_folder_state(db: sqlite3.Connection, state: FolderState) -> None:
        db.execute(
            "INSERT INTO folder_state (source, folder, uidvalidity, last_uid, highestmodseq) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, folder) DO UPDATE SET "
            "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
            "highestmodseq = excluded.highestmodseq",
            (state.source, state.folder, state.uidvalidity, state.last_uid, state.highestmodseq),
        )

    def locations(self, source: str, folder: str) -> dict[str, str]:
        """Stored messages of one folder: location -> key."""
        rows = self.db.execute("SELECT key, location FROM messages WHERE source = ? AND folder = ?", (source, folder))
        return {r["location"]: r["key"] for r in rows}

    def forget(self, keys: Iterable[str]) -> int:
        """Drop messages (drafts that were sent or deleted). Returns how many."""
        keys = list(keys)
        with self.transaction() as db:
            db.executemany("DELETE FROM messages WHERE key = ?", ((k,) for k in keys))
        return len(keys)

    def forget_missing(self, source: str, folder: str, seen: set[str]) -> int:
        """Drop stored messages of ``folder`` in ``source`` whose location is not in
        ``seen`` any more.

        Used for Drafts, which are re-listed on every pass: a draft that was sent or
        deleted stops producing findings. Returns how many were dropped.
        """
        gone = [key for location, key in self.locations(source, folder).items() if location not in seen]
        return self.forget(gone) if gone else 0

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM messages").fetchone()[0])

    def count_noncandidates(self, until: datetime) -> int:
        """Messages that cannot belong to a program, dated up to ``until`` (or undated)."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM messages WHERE candidate = 0 AND (date IS NULL OR date <= ?)",
            (until.astimezone(timezone.utc).isoformat(),),
        ).fetchone()
        return int(row[0])

    # -- keywords and labels set on the server --------------------------------------

    def applied_labels(self, source: str) -> dict[str, tuple[str, frozenset[str]]]:
        """What inboxcoach set: message key -> (location, keywords or labels)."""
        rows = self.db.execute("SELECT key, location, applied FROM labels WHERE source = ?", (source,))
        return {r["key"]: (r["location"], frozenset(json.loads(r["applied"]))) for r in rows}

    def imap_locations(self, source: str, keys: Iterable[str]) -> dict[str, str]:
        """The current location of each of ``keys`` stored from ``source``."""
        wanted = list(keys)
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT key, location FROM messages WHERE source = ? AND key IN ({marks})", (source, *chunk)
            )
            found.update((r["key"], r["location"]) for r in rows)
        return found

    def record_labels(self, source: str, done: Iterable[Any]) -> None:
        """Record label changes (``labels.Change``) that reached the server, in one transaction."""
        with self.transaction() as db:
            for change in done:
                row = db.execute(
                    "SELECT location, applied FROM labels WHERE source = ? AND key = ?", (source, change.key)
                ).fetchone()
                if row is not None and row["location"] != change.location and not change.add:
                    continue  # taken back from a copy the message no longer lives at
                have = frozenset(json.loads(row["applied"])) if row and row["location"] == change.location else frozenset()
                now = (have - change.remove) | change.add
                if now:
                    db.execute(
                        "INSERT INTO labels (source, key, location, applied) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (source, key) DO UPDATE SET location = excluded.location, applied = excluded.applied",
                        (source, change.key, change.location, json.dumps(sorted(now))),
                    )
                else:
                    db.execute("DELETE FROM labels WHERE source = ? AND key = ?", (source, change.key))

    def forget_labels(self, source: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM labels WHERE source = ?", (source,))

    # -- skipped (malformed) messages -------------------------------------------

    def record_skipped(self, items: Iterable[tuple[str, str, str]]) -> None:
        """Remember malformed messages (source, location, reason) so they are counted once."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?)", items)

    def skipped(self) -> dict[str, int]:
        """How many messages were skipped, by reason."""
        rows = self.db.execute("SELECT reason, COUNT(*) AS n FROM skipped GROUP BY reason")
        return {r["reason"]: r["n"] for r in rows}

    # -- digests and alerts -----------------------------------------------------
    # The truth about what inboxcoach itself has sent: one row per digest day (its
    # Message-ID written before sending, sent_at after), one per (draft, rule) alert.

    def digest_record(self, day: date) -> tuple[str, str | None] | None:
        """The digest for ``day``: (Message-ID, sent_at as ISO text or None while only
        attempted), or None when no attempt was recorded."""
        row = self.db.execute("SELECT message_id, sent_at FROM digests WHERE day = ?", (day.isoformat(),)).fetchone()
        return None if row is None else (row["message_id"], row["sent_at"])

    def digest_appended(self, day: date) -> bool:
        """Whether the digest for ``day`` was put in the mailbox."""
        row = self.db.execute("SELECT appended_at FROM digests WHERE day = ?", (day.isoformat(),)).fetchone()
        return row is not None and row["appended_at"] is not None

    def finish_append(self, day: date, appended_at: datetime) -> None:
        """Record that the digest for ``day`` (begun with :meth:`begin_digest`) was
        put in the mailbox."""
        with self.transaction() as db:
            db.execute(
                "UPDATE digests SET appended_at = ? WHERE day = ?",
                (appended_at.astimezone(timezone.utc).isoformat(), day.isoformat()),
            )

    def begin_digest(self, day: date, message_id: str) -> None:
        """Record an attempt to send the digest for ``day``, before sending it.

        An earlier attempt's row (and its Message-ID) is kept, so a retry after a
        crash goes out under the same Message-ID.
        """
        with self.transaction() as db:
            db.execute(
                "INSERT INTO digests (day, message_id, sent_at) VALUES (?, ?, NULL) ON CONFLICT (day) DO NOTHING",
                (day.isoformat(), message_id),
            )

    def finish_digest(self, day: date, sent_at: datetime) -> None:
        """Record that the digest for ``day`` was sent (``sent_at`` aware; stored in UTC).

        Raises StoreError when no attempt was begun for ``day``.
        """
        with self.transaction() as db:
            updated = db.execute(
                "UPDATE digests SET sent_at = ? WHERE day = ?",
                (sent_at.astimezone(timezone.utc).isoformat(), day.isoformat()),
            ).rowcount
        if not updated:
            raise StoreError(f"{self.path}: no digest attempt recorded for {day.isoformat()}")

    @staticmethod
    def _alert_key(message_id: str) -> str:
        # the draft's identity as Envelope.key has it: no <>, lower-cased
        return message_id.strip().strip("<>").lower()

    def alert_sent(self, message_id: str, rule: str) -> bool:
        """True when an alert about ``rule`` on this draft (Message-ID or key) was sent."""
        row = self.db.execute(
            "SELECT 1 FROM alerts WHERE message_key = ? AND rule = ?", (self._alert_key(message_id), rule)
        ).fetchone()
        return row is not None

    def record_alert(self, message_id: str, rule: str, sent_at: datetime) -> None:
        """Record that an alert about ``rule`` on this draft went out (kept once)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO alerts (message_key, rule, sent_at) VALUES (?, ?, ?) "
                "ON CONFLICT (message_key, rule) DO NOTHING",
                (self._alert_key(message_id), rule, sent_at.astimezone(timezone.utc).isoformat()),
            )
