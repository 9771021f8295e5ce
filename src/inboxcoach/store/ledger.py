"""The store's ledger: what inboxcoach itself did, so it never does it twice: the
keywords and labels it set on the server, the messages it could not read, the
digests and alerts it sent."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from inboxcoach.errors import StoreError
from inboxcoach.store.faults import _database_errors_translated


@_database_errors_translated
class Ledger:
    """Mixed into :class:`~inboxcoach.store.Store` (its connection and transactions)."""

    db: sqlite3.Connection
    path: Path
    transaction: Callable[[], AbstractContextManager[sqlite3.Connection]]

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
                (appended_at.astimezone(UTC).isoformat(), day.isoformat()),
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
                (sent_at.astimezone(UTC).isoformat(), day.isoformat()),
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
                (self._alert_key(message_id), rule, sent_at.astimezone(UTC).isoformat()),
            )
