"""A database that cannot be used — locked, damaged, read-only, on a full disk — gives
one line naming the file and what to do, exit code 2, and loses nothing; a damaged one
is rebuilt from the mailbox by ``sync --rebuild``. The database's files are private.

Real faults on real files: another connection holding a write lock, bytes that are
not a database, a damaged page, a read-only directory (for root, who ignores
permission bits: a read-only bind mount, else ``chattr +i``), a database that may not
grow (``PRAGMA max_page_count``) and a small full tmpfs where mounting is allowed.
"""

from __future__ import annotations

import mailbox
import os
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from imapserver import DovecotServer
from test_sync import fill, report, write_config

from inboxcoach.cli import main
from inboxcoach.config import load_config
from inboxcoach.store.files import exclusive, lock_path
from inboxcoach.store import Store

DATA = resources.files("inboxcoach") / "data"
CONFIG = str(DATA / "sample_config.toml")
MBOX = str(DATA / "sample_season.mbox")
SAMPLE_MESSAGES = 351  # what a scan of the sample season stores


def run(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--config", CONFIG, "--db", str(db), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line(err: str, db: Path, *words: str) -> None:
    assert err.count("\n") == 1 and err.startswith(f"inboxcoach: {db}"), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, (word, err)


def stored(db: Path) -> int:
    with closing(sqlite3.connect(db)) as con:  # closed now, not when a collection finds it
        return int(con.execute("SELECT COUNT(*) FROM messages").fetchone()[0])


@pytest.fixture
def scanned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database holding the sample season, in a folder of its own."""
    db = tmp_path / "data" / "ic.db"
    assert run(db, capsys, "scan", MBOX)[0] == 0
    assert stored(db) == SAMPLE_MESSAGES
    return db


# -- locked --------------------------------------------------------------------------


def test_a_locked_database_is_one_line_and_readers_go_on(
    scanned: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("inboxcoach.store.BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(scanned, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    try:
        code, _, err = run(scanned, capsys, "scan", MBOX)
        assert code == 2
        assert_one_line(err, scanned, "locked", "another inboxcoach")
        assert run(scanned, capsys, "status")[0] == 0  # WAL: reading goes on beside a writer
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert run(scanned, capsys, "scan", MBOX)[0] == 0
    assert stored(scanned) == SAMPLE_MESSAGES


def test_a_database_locked_even_for_readers_is_one_line(
    scanned: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("inboxcoach.store.BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(scanned, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")  # as some database browsers do
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO meta VALUES ('browser', 'was here')")
    try:
        code, _, err = run(scanned, capsys, "status")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2
    assert_one_line(err, scanned, "locked")


# -- damaged ---------------------------------------------------------------------------


def test_a_file_of_garbage_is_damaged_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ic.db"
    garbage = bytes(range(256)) * 64
    db.write_bytes(garbage)
    for command in (["status"], ["scan", MBOX], ["digest"]):
        code, _, err = run(db, capsys, *command)
        assert code == 2, command
        assert_one_line(err, db, "damaged", "file is not a database", "inboxcoach sync --rebuild")
    assert db.read_bytes() == garbage  # nothing written over it


def test_a_damaged_page_met_while_reading_is_one_line(scanned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with closing(sqlite3.connect(scanned)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(scanned.read_bytes())
    pages = len(data) // page_size
    for page in range(pages // 2, pages):  # the schema (page 1) is fine, half the table is not
        data[page * page_size] = 0xFF  # no b-tree page has this type
    scanned.write_bytes(bytes(data))
    for command in (["status"], ["report", "--json"], ["scan", MBOX]):
        code, out, err = run(scanned, capsys, *command)
        assert code == 2, command
        assert_one_line(err, scanned, "damaged", "database disk image is malformed", "sync --rebuild")
    assert scanned.read_bytes() == bytes(data)


# -- read-only --------------------------------------------------------------------------


def _tool(*command: str) -> bool:
    try:
        return subprocess.run(command, capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


@contextmanager
def read_only(directory: Path) -> Iterator[str]:
    """``directory`` and its files read-only for this process; yields how it was done."""
    files = [p for p in directory.iterdir() if p.is_file()]
    if os.geteuid() != 0:
        for path in files:
            path.chmod(0o444)
        directory.chmod(0o555)
        try:
            yield "chmod 444 files in a 555 directory"
        finally:
            directory.chmod(0o755)
            for path in files:
                path.chmod(0o644)
        return
    # root ignores permission bits: a read-only bind mount of the folder, else immutable files
    if _tool("mount", "--bind", str(directory), str(directory)):
        try:
            if _tool("mount", "-o", "remount,ro,bind", str(directory)):
                yield "read-only bind mount"
                return
        finally:
            _tool("umount", str(directory))
    names = [str(p) for p in (*files, directory)]
    if _tool("chattr", "+i", *names):
        try:
            yield "chattr +i"
        finally:
            _tool("chattr", "-i", *names)
        return
    pytest.skip("running as root, and neither a read-only bind mount nor chattr +i works here")


def test_a_read_only_database_is_one_line_naming_the_cause(scanned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = scanned.read_bytes()
    with read_only(scanned.parent) as how:
        code, _, err = run(scanned, capsys, "scan", MBOX)
    assert code == 2, how
    assert_one_line(err, scanned, "read-only", "make it writable")
    assert any(cause in err for cause in ("read-only file system", "not writable")), err
    assert scanned.read_bytes() == before


# -- a full disk -----------------------------------------------------------------------------


def more_mail(path: Path, count: int) -> str:
    """An mbox of ``count`` messages the sample season does not have."""
    box = mailbox.mbox(path)
    for i in range(count):
        box.add(
            f"From: news{i}@letters.example\nTo: sam@example.org\nSubject: Letter {i}\n"
            f"Message-ID: <letter-{i}@letters.example>\nDate: Mon, 07 Dec 2026 08:00:00 -0500\n\n{'Hello. ' * 200}\n"
        )
    box.close()
    return str(path)


def test_a_full_disk_is_one_line_and_loses_nothing(
    scanned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    letters = more_mail(tmp_path / "letters.mbox", 2000)
    with closing(sqlite3.connect(scanned)) as con:
        pages = con.execute("PRAGMA page_count").fetchone()[0]
    real_open = Store._open

    def full_disk(self: Store) -> None:
        real_open(self)
        self.db.execute(f"PRAGMA max_page_count = {pages + 8}")  # room for a little, not for 2,000 letters

    monkeypatch.setattr(Store, "_open", full_disk)
    code, _, err = run(scanned, capsys, "scan", letters)
    assert code == 2
    assert_one_line(err, scanned, "the disk is full", "free some space")
    with closing(sqlite3.connect(scanned)) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert SAMPLE_MESSAGES <= stored(scanned) < SAMPLE_MESSAGES + 2000  # what was stored is kept
    monkeypatch.undo()
    assert run(scanned, capsys, "scan", letters)[0] == 0  # space freed: the next run completes
    assert stored(scanned) == SAMPLE_MESSAGES + 2000


def test_a_really_full_disk_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    disk = tmp_path / "tiny"
    disk.mkdir()
    if os.geteuid() != 0 or not _tool("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)):
        pytest.skip("mounting a small tmpfs needs root and mount rights")
    try:
        db = disk / "ic.db"
        code, _, err = run(db, capsys, "scan", MBOX)
        assert code == 2
        assert_one_line(err, db, "the disk is full")
        assert _tool("mount", "-o", "remount,size=16m", str(disk))  # space freed
        assert run(db, capsys, "scan", MBOX)[0] == 0
        assert stored(db) == SAMPLE_MESSAGES
    finally:
        if not _tool("umount", str(disk)):
            _tool("umount", "--lazy", str(disk))


# -- private files ------------------------------------------------------------------------------


@pytest.fixture
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # what most systems give: files 0644 unless made otherwise
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_its_wal_shm_and_locks_are_private(tmp_path: Path, usual_umask: None) -> None:
    db = tmp_path / "data" / "ic.db"
    with Store(db) as store:
        store.set_meta("written", "yes")  # the -wal and -shm files exist while it is open
        files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
        assert {path.name: mode(path) for path in files} == {path.name: 0o600 for path in files}
        with exclusive(db, "test"):
            assert mode(lock_path(db)) == 0o600
    assert mode(db.parent) == 0o700


def test_the_send_lock_is_private(tmp_path: Path, usual_umask: None) -> None:
    import asyncio

    from inboxcoach.store.files import sending

    async def hold() -> None:
        async with sending(tmp_path / "ic.db"):
            pass

    asyncio.run(hold())
    assert mode(lock_path(tmp_path / "ic.db", "send.lock")) == 0o600


def test_a_world_readable_database_of_an_older_version_is_made_private(tmp_path: Path, usual_umask: None) -> None:
    db = tmp_path / "ic.db"
    sqlite3.connect(db).close()  # created as older versions did
    assert mode(db) == 0o644
    Store(db).close()
    assert mode(db) == 0o600


# -- sync --rebuild --------------------------------------------------------------------------------


def test_sync_rebuild_moves_a_damaged_database_aside_and_reads_the_mailbox_again(
    dovecot: DovecotServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(dovecot)
    config_path = write_config(dovecot, tmp_path)
    db = tmp_path / "ic.db"
    garbage = b"\x00not a database\xff" * 1000
    db.write_bytes(garbage)
    args = ["--config", str(config_path), "--db", str(db), "sync"]
    assert main(args) == 2
    assert_one_line(capsys.readouterr().err, db, "damaged", "inboxcoach sync --rebuild")
    assert main([*args, "--rebuild"]) == 0
    out = capsys.readouterr().out
    [moved] = [p for p in tmp_path.iterdir() if p.name.startswith("ic.db.") and p.name != "ic.db.lock"]
    assert f"Moved the old database aside to {moved}" in out and "Synced: 9 new message(s)" in out
    assert moved.read_bytes() == garbage  # kept, never deleted
    config = load_config(config_path)
    clean = tmp_path / "clean.db"
    assert main(["--config", str(config_path), "--db", str(clean), "sync"]) == 0
    assert report(config, db) == report(config, clean)


def test_sync_rebuild_beside_a_running_daemon_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make_dovecot: Any
) -> None:
    server = make_dovecot()
    config_path = write_config(server, tmp_path)
    db = tmp_path / "ic.db"
    db.write_bytes(b"whatever is there stays there")
    with exclusive(db, "inboxcoach run"):  # as `inboxcoach run` holds it
        assert main(["--config", str(config_path), "--db", str(db), "sync", "--rebuild"]) == 2
    err = capsys.readouterr().err
    assert_one_line(err, db, f"`inboxcoach run` (PID {os.getpid()})", str(lock_path(db)))
    assert db.read_bytes() == b"whatever is there stays there"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ic.db")) == ["ic.db", "ic.db.lock"]
