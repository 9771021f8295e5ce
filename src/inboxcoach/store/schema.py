"""The database's schema: one named migration per version, the version in
``PRAGMA user_version``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


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


def _migration_7_no_role_index(db: sqlite3.Connection) -> None:
    """No query selects messages by role; the index only slowed every insert (by about
    6 % of storing a header at 20,000 messages)."""
    _run_script(db, "DROP INDEX IF EXISTS messages_role")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migration_1_initial,
    _migration_2_incremental_candidates,
    _migration_3_thread_pending,
    _migration_4_folder_index,
    _migration_5_labels,
    _migration_6_digest_append,
    _migration_7_no_role_index,
)
SCHEMA_VERSION = len(MIGRATIONS)
