"""One ``inboxcoach run`` per database, with real processes against the suite's Dovecot
and aiosmtpd: a second daemon refuses in one line naming the lock and the first one's
PID, a SIGKILLed daemon leaves no stale lock, and ``sync`` beside a daemon is allowed
(the store is SQLite WAL with keyed, transactional writes; see inboxcoach.store.files).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from imapserver import PASSWORD_ENV, DovecotServer
from processes import poll
from smtpserver import SmtpServer
from test_daemon import digests, key_of, mail_setup, setup, stored_keys  # noqa: F401 - fixtures
from test_sync import ME, mail, report, write_config

from inboxcoach.config import load_config
from inboxcoach.store.files import lock_path
from inboxcoach.service.sync import sync_account


class Cli:
    """``inboxcoach`` commands as processes of their own, their stderr in a file."""

    def __init__(self, server: DovecotServer, db: Path) -> None:
        self.env = {**os.environ, PASSWORD_ENV: server.password}
        self.db = db
        self.config = db.parent / "config.toml"
        self.procs: list[tuple[subprocess.Popen[bytes], Path]] = []

    def start(self, *args: str) -> tuple[subprocess.Popen[bytes], Path]:
        log = self.db.parent / f"stderr-{len(self.procs)}.log"
        cmd = [sys.executable, "-m", "inboxcoach.cli", "--config", str(self.config), "--db", str(self.db), *args]
        with open(log, "wb") as err:
            proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.PIPE, stderr=err)
        self.procs.append((proc, log))
        return proc, log

    def finish(self, proc: subprocess.Popen[bytes], seconds: float = 60) -> str:
        out, _ = proc.communicate(timeout=seconds)
        return out.decode()

    def stop_all(self) -> None:
        for proc, _ in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()


@pytest.fixture
def cli(mail_setup: Any) -> Iterator[tuple[Cli, SmtpServer]]:  # noqa: F811 - the fixture imported above
    server, smtp, _, db = mail_setup
    config = db.parent / "config.toml"
    # the digest is due from midnight on: a daemon sends it right after its first pass
    config.write_text(config.read_text().replace('send_at = "07:30"', 'send_at = "00:00"'))
    runner = Cli(server, db)
    yield runner, smtp
    runner.stop_all()


def running(cli: Cli, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the daemon ``proc`` holds the lock and has logged that it runs."""

    def holds() -> bool:
        assert proc.poll() is None, log.read_text()
        text = lock_path(cli.db).read_text() if lock_path(cli.db).exists() else ""
        return text.startswith(f"{proc.pid} ") and "inboxcoach running" in log.read_text()

    poll(holds, 30, "the daemon started")


def test_a_second_daemon_on_the_same_database_refuses_and_one_digest_goes_out(cli: Any) -> None:
    runner, smtp = cli
    first, first_log = runner.start("run")
    running(runner, first, first_log)
    poll(lambda: len(digests(smtp)) == 1, 30, "the first daemon sent the day's digest")
    second, second_log = runner.start("run")
    assert second.wait(30) == 2
    err = second_log.read_text()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"inboxcoach: {runner.db} is in use by another `inboxcoach run` (PID {first.pid})" in err
    assert str(lock_path(runner.db)) in err
    assert first.poll() is None  # the first one goes on
    first.send_signal(signal.SIGTERM)
    assert first.wait(15) == 0
    assert len(digests(smtp)) == 1


def digests_recorded(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as con:
        return int(con.execute("SELECT COUNT(*) FROM digests WHERE sent_at IS NOT NULL").fetchone()[0])


def test_a_sigkilled_daemon_leaves_no_stale_lock(cli: Any) -> None:
    runner, smtp = cli
    first, first_log = runner.start("run")
    running(runner, first, first_log)
    poll(lambda: len(digests(smtp)) == 1, 30, "the first daemon sent the day's digest")
    # and recorded it: killed between the server's answer and the record, a daemon
    # sends again under the same Message-ID (at least once), which is not this test
    poll(lambda: digests_recorded(runner.db) == 1, 30, "the first daemon recorded the digest as sent")
    first.send_signal(signal.SIGKILL)
    first.wait()
    second, second_log = runner.start("run")
    running(runner, second, second_log)  # the lock died with the first
    second.send_signal(signal.SIGTERM)
    assert second.wait(15) == 0
    assert "inboxcoach stopped" in second_log.read_text()
    assert len(digests(smtp)) == 1  # the store said the day's digest was sent


def test_sync_beside_a_running_daemon_is_allowed_and_counts_nothing_twice(
    cli: Any, mail_setup: Any  # noqa: F811 - the fixture imported above
) -> None:
    runner, _ = cli
    server, _, _, db = mail_setup
    daemon, daemon_log = runner.start("run")
    running(runner, daemon, daemon_log)
    for i in range(30):  # new mail both of them read at once
        _, raw = mail("coord@lakeside.example", ME, f"Schedule {i}", "Details inside.\n", "2026-12-02T10:00")
        server.append("INBOX", raw)
    sync, sync_log = runner.start("sync")
    out = runner.finish(sync)
    assert sync.returncode == 0, sync_log.read_text()
    assert out.startswith("Synced: ")
    poll(lambda: len(stored_keys(db)) == 32, 30, "the daemon and the sync stored the new mail")
    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(15) == 0
    config = load_config(runner.config)
    clean = db.parent / "clean.db"
    sync_account(config, clean)
    assert report(config, db) == report(config, clean)
