"""The digest goes out exactly once a day, whichever path sends it: the daemon at
``send_at``, its catch-up after a sleep (tests/test_daemon.py), and ``digest --send``;
a digest sent ``--as-of`` another moment is never counted as that day's.

Real Dovecot and aiosmtpd servers and a real store; counts are what the SMTP server
received. ``digest --send`` runs through the CLI with the one real clock set.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from imapserver import PASSWORD_ENV
from processes import needs_proc, open_files, poll
from test_daemon import FAST, MORNING_AFTER_SEND_AT, Running, digests, mail_setup, setup  # noqa: F401 - fixtures
from test_daemon import wait_for

from inboxcoach import clock
from inboxcoach.cli import main
from inboxcoach.store.files import lock_path
from inboxcoach.service.delivery import digest_due
from inboxcoach.service.daemon import Daemon
from inboxcoach.service.smtp import digest_message_id
from inboxcoach.store import Store
from inboxcoach.service.sync import sync_account

DAWN = datetime(2026, 12, 20, 11, 0, tzinfo=timezone.utc)  # 06:00 in New York, before send_at (07:30)


def send_now(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["--config", str(db.parent / "config.toml"), "--db", str(db), "digest", "--send", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def synced(mail_setup: Any, monkeypatch: pytest.MonkeyPatch) -> Any:  # noqa: F811 - the fixture imported above
    """mail_setup after one sync; the clock set to 06:00 New York time of 20 December."""
    server, smtp, config, db = mail_setup
    sync_account(config, db)
    monkeypatch.setattr(clock, "now", lambda: DAWN)
    return server, smtp, config, db


def test_digest_send_sends_today_once_under_the_days_message_id(synced: Any, capsys: Any) -> None:
    _, smtp, config, db = synced
    code, out, _ = send_now(db, capsys)
    assert code == 0 and out == f"Digest for 2026-12-20 sent to {config.digest_to[0]}.\n"
    code, out, _ = send_now(db, capsys)
    assert code == 0 and "already sent at 06:00; it is not sent twice" in out
    assert len(digests(smtp)) == 1
    assert digests(smtp)[0].message["Message-ID"] == digest_message_id(config, DAWN.date())


def test_digest_send_early_means_the_daemon_sends_nothing_that_day(synced: Any, capsys: Any) -> None:
    _, smtp, config, db = synced
    assert send_now(db, capsys)[0] == 0
    with Running(Daemon(config, db, timing=FAST, now=lambda: MORNING_AFTER_SEND_AT)) as running:
        wait_for(lambda: running.daemon.digest_checks >= 1, 10)
    assert len(digests(smtp)) == 1


def test_the_daemons_digest_means_digest_send_sends_nothing(synced: Any, capsys: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _, smtp, config, db = synced
    with Running(Daemon(config, db, timing=FAST, now=lambda: MORNING_AFTER_SEND_AT)):
        wait_for(lambda: len(digests(smtp)) == 1, 10)
    monkeypatch.setattr(clock, "now", lambda: MORNING_AFTER_SEND_AT + timedelta(hours=1))
    code, out, _ = send_now(db, capsys)
    assert code == 0 and "already sent" in out
    assert len(digests(smtp)) == 1


def test_digest_send_as_of_a_future_day_does_not_take_that_days_digest(synced: Any, capsys: Any) -> None:
    _, smtp, config, db = synced
    code, out, _ = send_now(db, capsys, "--as-of", "2026-12-22T08:00")
    assert code == 0 and "not counted as that day's digest" in out
    [extra] = digests(smtp)
    assert extra.message["Message-ID"] != digest_message_id(config, datetime(2026, 12, 22).date())
    with Store(db) as store:
        assert store.digest_record(datetime(2026, 12, 22).date()) is None
    # 22 December, 08:00 New York: that day's real digest goes out, once
    that_morning = datetime(2026, 12, 22, 13, 0, tzinfo=timezone.utc)
    with Running(Daemon(config, db, timing=FAST, now=lambda: that_morning)):
        wait_for(lambda: len(digests(smtp)) == 2, 10)
    assert digests(smtp)[1].message["Message-ID"] == digest_message_id(config, that_morning.date())


def test_digest_send_as_of_today_leaves_today_to_the_daemon(synced: Any, capsys: Any) -> None:
    _, smtp, config, db = synced
    assert send_now(db, capsys, "--as-of", "2026-12-20T06:00")[0] == 0
    with Store(db) as store:
        assert digest_due(store, config, MORNING_AFTER_SEND_AT) == MORNING_AFTER_SEND_AT.date()
    with Running(Daemon(config, db, timing=FAST, now=lambda: MORNING_AFTER_SEND_AT)):
        wait_for(lambda: len(digests(smtp)) == 2, 10)


def test_digest_send_on_a_locked_database_sends_nothing(synced: Any, capsys: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _, smtp, config, db = synced
    monkeypatch.setattr("inboxcoach.store.BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program in the middle of a write
    try:
        code, out, err = send_now(db, capsys)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(db) in err and "locked" in err and "Traceback" not in err
    assert digests(smtp) == []
    assert send_now(db, capsys)[0] == 0  # the lock gone, it goes out, once
    assert len(digests(smtp)) == 1


def test_digest_send_waits_for_another_process_sending_and_then_sends_nothing(
    synced: Any, tmp_path: Path
) -> None:
    """The daemon and ``digest --send`` decide and send under the database's send lock:
    whichever comes second finds the day sent."""
    import fcntl

    needs_proc()
    server, smtp, config, db = synced
    real_today = datetime.now(timezone.utc).astimezone(config.season.tz).date()  # the subprocess's clock
    holder = os.open(lock_path(db, "send.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as the daemon holds it while it sends
    env = {**os.environ, PASSWORD_ENV: server.password}
    cmd = [sys.executable, "-m", "inboxcoach.cli", "--config", str(db.parent / "config.toml"), "--db", str(db),
           "digest", "--send"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        send_lock = str(lock_path(db, "send.lock"))
        poll(lambda: send_lock in open_files(proc.pid) or proc.poll() is not None, 30, "digest --send took the lock")
        assert proc.poll() is None, "digest --send did not wait for the send lock"
        with Store(db) as store:  # meanwhile the holder sends the day's digest and records it
            store.begin_digest(real_today, digest_message_id(config, real_today))
            store.finish_digest(real_today, datetime.now(timezone.utc))
    finally:
        os.close(holder)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "already sent" in out
    assert digests(smtp) == []
