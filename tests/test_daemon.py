"""The daemon against a real Dovecot: IDLE latency, server restarts, clean SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from imapserver import PASSWORD_ENV, DovecotServer
from test_sync import INVITE, ME, THANKS, mail, write_config

from inboxcoach.config import Config, load_config
from inboxcoach.service import Daemon, Timing

FAST = Timing(poll_interval=30, idle_check=0.5, heartbeat=3600, backoff_first=0.2, backoff_max=1.0)
EARLY_MORNING = datetime(2026, 12, 20, 10, 0, tzinfo=timezone.utc)  # 05:00 in New York, before send_at


def stored_keys(db: Path) -> set[str]:
    if not db.exists():
        return set()
    try:
        with sqlite3.connect(db, timeout=1) as con:
            return {row[0] for row in con.execute("SELECT key FROM messages")}
    except sqlite3.OperationalError:
        return set()


def wait_for(predicate: Callable[[], bool], seconds: float) -> float:
    """Seconds it took for ``predicate`` to hold; fails the test after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.02)
    pytest.fail(f"not within {seconds} s")


class Running:
    """A Daemon on a thread of its own, with its own event loop."""

    def __init__(self, daemon: Daemon) -> None:
        self.daemon = daemon
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self.daemon.run())
        except BaseException as exc:  # noqa: BLE001  reported by stop()
            self.error = exc

    def __enter__(self) -> Running:
        self.thread.start()
        assert self.daemon.synced.wait(15), "no first pass"
        return self

    def __exit__(self, *exc: object) -> None:
        started = time.monotonic()
        self.daemon.stop()
        self.thread.join(10)
        assert not self.thread.is_alive(), "daemon did not stop"
        assert time.monotonic() - started < 5
        if self.error is not None:
            raise self.error


@pytest.fixture
def setup(dovecot: DovecotServer, tmp_path: Path) -> Iterator[tuple[DovecotServer, Config, Path]]:
    dovecot.append("INBOX", INVITE[1])
    dovecot.append("Sent", THANKS[1])
    yield dovecot, load_config(write_config(dovecot, tmp_path)), tmp_path / "ic.db"


def key_of(message_id: str) -> str:
    return message_id.strip("<>").lower()


def test_append_while_idling_is_stored_within_5_seconds(setup: Any) -> None:
    server, config, db = setup
    with Running(Daemon(config, db, timing=FAST, now=lambda: EARLY_MORNING)):
        assert key_of(INVITE[0]) in stored_keys(db)
        time.sleep(0.5)  # let the watcher settle into IDLE
        msgid, raw = mail("coord@lakeside.example", ME, "Parking", "Parking is in lot B.\n", "2026-12-01T10:00")
        server.append("INBOX", raw)
        latency = wait_for(lambda: key_of(msgid) in stored_keys(db), 5)
    assert latency < 5


def test_sent_mail_is_picked_up_by_the_poll(setup: Any) -> None:
    server, config, db = setup
    timing = Timing(poll_interval=1, idle_check=0.5, heartbeat=3600, backoff_first=0.2, backoff_max=1.0)
    with Running(Daemon(config, db, timing=timing, now=lambda: EARLY_MORNING)):
        msgid, raw = mail(ME, "coord@riverside.example", "Question", "Is parking available?\n", "2026-12-01T10:00")
        server.append("Sent", raw)
        wait_for(lambda: key_of(msgid) in stored_keys(db), 5)


def test_daemon_recovers_when_the_server_restarts(setup: Any) -> None:
    server, config, db = setup
    with Running(Daemon(config, db, timing=FAST, now=lambda: EARLY_MORNING)):
        server.stop()
        time.sleep(1.5)  # both connections notice and back off
        server.start()
        msgid, raw = mail("coord@lakeside.example", ME, "After restart", "Hello again.\n", "2026-12-02T10:00")
        server.append("INBOX", raw)
        wait_for(lambda: key_of(msgid) in stored_keys(db), 15)


def test_sigterm_stops_the_daemon_cleanly(setup: Any, tmp_path: Path) -> None:
    server, _, db = setup
    config_path = tmp_path / "config.toml"
    env = {**os.environ, PASSWORD_ENV: server.password}
    cmd = [sys.executable, "-m", "inboxcoach.cli", "--config", str(config_path), "--db", str(db), "run"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: key_of(INVITE[0]) in stored_keys(db), 15)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
        assert time.monotonic() - started < 5
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _, err = proc.communicate()
    assert proc.returncode == 0
    log = err.decode()
    assert "inboxcoach running" in log and "inboxcoach stopped" in log
    assert server.password not in log
