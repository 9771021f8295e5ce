"""The SQLite store: idempotent writes, one row per Message-ID, features round-trip."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from builders import msg

from inboxcoach.errors import StoreError
from inboxcoach.core.model import Features
from inboxcoach.store import SCHEMA_VERSION, Sighting, Store


def sighting(message, folder="INBOX", role="inbox", location="1"):  # type: ignore[no-untyped-def]
    return Sighting(message.envelope, folder, role, "src", location)


def test_same_message_twice_is_one_row(tmp_path: Path) -> None:
    m = msg(frm="pd@lakeside.example", to=("sam@example.org",))
    with Store(tmp_path / "db.sqlite") as store:
        assert store.add_sightings([sighting(m)]) == 1
        assert store.add_sightings([sighting(m), sighting(m, "Important", "other", "2")]) == 0
        assert store.count() == 1
        assert store.messages()[0].folder == "INBOX"  # Inbox ranks above a label


def test_sent_copy_wins_over_inbox_copy(tmp_path: Path) -> None:
    m = msg(to=("pd@lakeside.example",))
    with Store(tmp_path / "db.sqlite") as store:
        store.add_sightings([sighting(m, "INBOX", "inbox")])
        store.add_sightings([sighting(m, "Sent", "sent", "9")])
        stored = store.messages()[0]
        assert (stored.folder, stored.role) == ("Sent", "sent")


def test_envelope_and_features_round_trip(tmp_path: Path) -> None:
    m = msg(to=("a@x.example", "b@x.example"), cc=("c@x.example",), subject="Thank you — Riverside",
            in_reply_to=("p@x",), references=("r@x", "p@x"))
    features = Features(first_choice=("you are my #1 choice",), thank_you=True, minhash=(1, 2, 3),
                        mentions=("Riverside",), fingerprint="abc", word_count=42)
    with Store(tmp_path / "db.sqlite") as store:
        store.add_sightings([sighting(m)])
        store.set_features([(m.envelope.key, features)], "stamp1")
        stored = store.messages()[0]
    assert stored.envelope == m.envelope
    assert stored.features == features


def test_pending_analysis_follows_candidates_and_stamp(tmp_path: Path) -> None:
    a, b = msg(key="a@x"), msg(key="b@x")
    with Store(tmp_path / "db.sqlite") as store:
        store.add_sightings([sighting(a, location="1"), sighting(b, location="2")])
        store.decide_candidates(["a@x", "b@x"], ["a@x"])
        assert [p[0] for p in store.pending_analysis("s1", "src")] == ["a@x"]
        store.set_features([("a@x", Features())], "s1")
        assert store.pending_analysis("s1", "src") == []
        assert [p[0] for p in store.pending_analysis("s2", "src")] == ["a@x"]  # config changed


def test_failed_batch_leaves_nothing_half_written(tmp_path: Path) -> None:
    good = msg(key="good@x")
    with Store(tmp_path / "db.sqlite") as store:
        with pytest.raises(RuntimeError):
            with store.transaction() as db:
                db.execute("INSERT INTO skipped VALUES ('s', 'l', 'r')")
                raise RuntimeError("crash mid-batch")
        assert store.skipped() == {}
        store.add_sightings([sighting(good)])
        assert store.count() == 1


def test_forget_missing_drafts(tmp_path: Path) -> None:
    d1, d2 = msg(key="d1@x", role="drafts"), msg(key="d2@x", role="drafts")
    with Store(tmp_path / "db.sqlite") as store:
        store.add_sightings([sighting(d1, "Drafts", "drafts", "1"), sighting(d2, "Drafts", "drafts", "2")])
        assert store.forget_missing("src", "Drafts", {"1"}) == 1  # locations seen
        assert [m.envelope.key for m in store.messages()] == ["d1@x"]


def test_schema_version_and_newer_database_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_a_version_2_database_is_upgraded_and_keeps_its_rows(tmp_path: Path) -> None:
    from inboxcoach.store.schema import MIGRATIONS

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(MIGRATIONS[:2]):
        migration(db)
        db.execute(f"PRAGMA user_version = {number + 1}")
    db.execute(
        "INSERT INTO messages (key, message_id, from_addr, folder, role, source, location, checked) "
        "VALUES ('k', '<k>', 'a@b.example', 'INBOX', 'inbox', 'src', '1', 0)"
    )
    db.close()
    with Store(path) as store:
        assert store.count() == 1
        assert [key for key, _, _ in store.unchecked_threads()] == ["k"]
    indexes = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"messages_undecided", "messages_folder"} <= indexes and "messages_unchecked" not in indexes


@pytest.mark.parametrize(
    "values",
    [(), ("a@b.example",), ("a@b.example", "c@d.example"), ('qu"ote@x', "back\\slash"), ("caf\u00e9@x.example",),
     ("tab\there",), ('", "',)],
)
def test_address_lists_round_trip_as_json(values: tuple[str, ...]) -> None:
    import json

    from inboxcoach.store.rows import _dump, _load

    text = _dump(values)
    assert tuple(json.loads(text)) == values
    assert _load(text) == values
    assert _load(json.dumps(list(values))) == values  # rows written by json.dumps read the same


def test_no_index_that_no_query_uses(tmp_path: Path) -> None:
    # messages_role slowed every insert and served no query (migration 7 drops it)
    with Store(tmp_path / "s.db") as store:
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "messages_role" not in indexes
    assert {"messages_folder", "messages_candidate", "messages_undecided"} <= indexes


def test_the_write_ahead_log_is_checkpointed_every_32_mib(tmp_path: Path) -> None:
    # A first sync commits every ~500 messages; checkpointing every 4 MiB (SQLite's
    # default) rewrote the same index pages at most commits.
    with Store(tmp_path / "s.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 8192
    assert not (tmp_path / "s.db-wal").exists() or (tmp_path / "s.db-wal").stat().st_size == 0
