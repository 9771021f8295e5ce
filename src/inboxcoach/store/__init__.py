"""SQLite store: what the report needs per message, never bodies.

One row per message identity (``Envelope.key``): the same Message-ID seen in two
folders is one row. Writes happen in explicit transactions, one per batch. The
schema version lives in ``PRAGMA user_version``; each migration is a named function
in ``MIGRATIONS``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence, Set
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from inboxcoach.core.model import OWN_ROLES, Envelope, Features, FolderState, StoredMessage
from inboxcoach.errors import StoreError
from inboxcoach.store.faults import (
    BUSY_TIMEOUT,
    _create_private,
    _database_errors,
    _database_errors_translated,
    store_error,
)
from inboxcoach.store.ledger import Ledger
from inboxcoach.store.rows import (
    _ENVELOPE_COLUMNS,
    _INSERT_MESSAGE,
    ROLE_RANK,
    UNDECIDED,
    Pending,
    Sighting,
    _date_text,
    _dump,
    _envelope_from_row,
    _keys_among,
    _load,
    _sighting_row,
    _union,
    _variant_key,
    features_from_json,
    features_to_json,
)
from inboxcoach.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

WAL_CHECKPOINT_PAGES = 8192  # 32 MiB of 4 KiB pages (see Store._open)

__all__ = [
    "BUSY_TIMEOUT", "ROLE_RANK", "SCHEMA_VERSION", "Pending", "Sighting", "Store", "features_from_json",
    "features_to_json", "store_error",
]  # fmt: skip


@_database_errors_translated
class Store(Ledger):
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
            # Copy the write-ahead log into the database every 32 MiB of it, not every
            # 4 MiB (the default): a first sync commits a batch of headers about every
            # 500 messages, and three quarters of its commit time went to checkpoints
            # that wrote the same index pages again and again (0.09 -> 0.02 s at 20,000).
            self.db.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
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
        decided at once, and the rest wait for :func:`ingest.candidacy.update_candidates`.
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

    def thread_children(self) -> dict[str, list[str]]:
        """For each key, the decided non-candidates whose thread headers name it (what
        :meth:`replies_to` answers, for every key at once: one pass over the threaded
        messages, for a walk down a long thread)."""
        older = "SELECT key, in_reply_to, refs FROM messages WHERE checked = 1 AND candidate = 0"
        children: dict[str, list[str]] = {}
        for key, irt, refs in self.db.execute(older + " AND (in_reply_to != '[]' OR refs != '[]')"):
            for parent in set(_load(irt) + _load(refs)):
                children.setdefault(parent, []).append(key)
        return children

    def decide_candidates(self, checked: Iterable[str], candidates: Iterable[str]) -> None:
        """Mark ``checked`` messages decided, and ``candidates`` as candidates, in one
        transaction (each row written once: a candidate is not first unmarked)."""
        found = set(candidates)
        decided = list(checked)
        others = found.difference(decided)
        with self.transaction() as db:
            db.executemany(
                "UPDATE messages SET checked = 1, candidate = ? WHERE key = ?", ((int(k in found), k) for k in decided)
            )
            db.executemany("UPDATE messages SET checked = 1, candidate = 1 WHERE key = ?", ((k,) for k in others))

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
            (until.astimezone(UTC).isoformat(),),
        ).fetchone()
        return int(row[0])
