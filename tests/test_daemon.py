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
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from imapserver import PASSWORD_ENV, DovecotServer
from test_sync import INVITE, ME, THANKS, mail, write_config

from inboxcoach.config import Config, load_config
from inboxcoach.service.daemon import Daemon, Timing

FAST = Timing(poll_interval=30, idle_check=0.5, heartbeat=3600, backoff_first=0.2, backoff_max=1.0)
EARLY_MORNING = datetime(2026, 12, 20, 10, 0, tzinfo=timezone.utc)  # 05:00 in New York, before send_at


def stored_keys(db: Path) -> set[str]:
    if not db.exists():
        return set()
    try:
        with closing(sqlite3.connect(db, timeout=1)) as con:  # closed now: polled many times a second
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
    with Running(Daemon(config, db, timing=FAST, now=lambda: EARLY_MORNING)) as running:
        assert key_of(INVITE[0]) in stored_keys(db)
        wait_for(lambda: running.daemon.idles >= 1, 10)  # the watcher is in IDLE: it will hear of the append
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
    with Running(Daemon(config, db, timing=FAST, now=lambda: EARLY_MORNING)) as running:
        wait_for(lambda: running.daemon.idles >= 1, 10)
        idles = running.daemon.idles
        server.stop()
        server.start()
        wait_for(lambda: running.daemon.idles > idles, 15)  # the watcher is back in IDLE on the new server
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


# -- the digest and draft alerts, with a real SMTP server --------------------------------

from smtpserver import SmtpServer  # noqa: E402

from test_sync import DRAFT  # noqa: E402

MORNING_AFTER_SEND_AT = datetime(2026, 12, 20, 13, 0, tzinfo=timezone.utc)  # 08:00 in New York


def write_mail_config(server: DovecotServer, smtp: SmtpServer, tmp_path: Path) -> Config:
    path = write_config(server, tmp_path)
    text = path.read_text().replace(
        f'password_env = "{PASSWORD_ENV}"',
        f'password_env = "{PASSWORD_ENV}"\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsmtp_security = "none"',
    )
    path.write_text(text + f'\n[digest]\nsend_at = "07:30"\nto = ["{ME}"]\n')
    return load_config(path)


@pytest.fixture
def mail_setup(setup: Any, make_smtp_server: Any) -> tuple[DovecotServer, SmtpServer, Config, Path]:
    server, _, db = setup
    smtp = make_smtp_server(password=server.password)
    return server, smtp, write_mail_config(server, smtp, db.parent), db


def digests(smtp: SmtpServer) -> list[Any]:
    return [r for r in smtp.received if r.message["X-Inboxcoach"] == "digest"]


def test_digest_sent_once_across_a_restart(mail_setup: Any) -> None:
    _, smtp, config, db = mail_setup
    with Running(Daemon(config, db, timing=FAST, now=lambda: MORNING_AFTER_SEND_AT)):
        wait_for(lambda: len(digests(smtp)) == 1, 10)
    with Running(Daemon(config, db, timing=FAST, now=lambda: MORNING_AFTER_SEND_AT)) as running:
        wait_for(lambda: running.daemon.digest_checks >= 1, 10)  # it asked the store, and sent nothing
    assert len(digests(smtp)) == 1
    message = digests(smtp)[0].message
    assert message["To"] == ME and "inboxcoach digest" in message["Subject"]


def test_missed_send_time_is_made_up_once(mail_setup: Any) -> None:
    _, smtp, config, db = mail_setup
    # the machine "slept" through 07:30; it wakes at 15:00 and the heartbeat ticks often
    woke = datetime(2026, 12, 20, 20, 0, tzinfo=timezone.utc)
    timing = Timing(poll_interval=30, idle_check=0.5, heartbeat=0.2, backoff_first=0.2, backoff_max=1.0)
    with Running(Daemon(config, db, timing=timing, now=lambda: woke)) as running:
        wait_for(lambda: len(digests(smtp)) == 1, 10)
        checks = running.daemon.digest_checks
        wait_for(lambda: running.daemon.digest_checks >= checks + 3, 10)  # several heartbeats after it
    assert len(digests(smtp)) == 1


def test_no_digest_before_send_at(mail_setup: Any) -> None:
    _, smtp, config, db = mail_setup
    with Running(Daemon(config, db, timing=FAST, now=lambda: EARLY_MORNING)) as running:
        wait_for(lambda: running.daemon.digest_checks >= 1, 10)
    assert digests(smtp) == []


def test_smtp_down_then_up(mail_setup: Any) -> None:
    _, smtp, config, db = mail_setup
    smtp.stop()
    timing = Timing(poll_interval=30, idle_check=0.5, heartbeat=0.3, backoff_first=0.2, backoff_max=1.0)
    from inboxcoach.service import smtp as smtp_module

    async def quick_send(message: Any, cfg: Config) -> None:
        await smtp_module.send_with_retry(message, cfg, attempts=2, first_delay=0.1, max_delay=0.2, timeout=5)

    with Running(Daemon(config, db, timing=timing, now=lambda: MORNING_AFTER_SEND_AT, send=quick_send)) as running:
        wait_for(lambda: running.daemon.digest_checks >= 1, 10)  # a first try, which failed
        assert digests(smtp) == []
        smtp.start()
        # the daemon's own backoff (heartbeat-based) brings the next try within seconds
        running.daemon._digest_retry_at = 0.0
        wait_for(lambda: len(digests(smtp)) == 1, 10)
    assert len(digests(smtp)) == 1


def test_draft_alert_sent_once(mail_setup: Any) -> None:
    server, smtp, config, db = mail_setup
    server.append("Drafts", DRAFT[1], flags=[b"\\Draft"])
    timing = Timing(poll_interval=0.5, idle_check=0.5, heartbeat=3600, backoff_first=0.2, backoff_max=1.0)
    with Running(Daemon(config, db, timing=timing, now=lambda: EARLY_MORNING)) as running:
        wait_for(lambda: any(r.message["X-Inboxcoach"] == "draft-alert" for r in smtp.received), 10)
        passes = running.daemon.passes
        wait_for(lambda: running.daemon.passes >= passes + 2, 10)  # more passes, no new alert
    alerts = [r for r in smtp.received if r.message["X-Inboxcoach"] == "draft-alert"]
    assert len(alerts) == 1
    body = alerts[0].message.get_body(("plain",)).get_content()
    assert "template-placeholder" in body or "[Institution Name]" in body or "template" in body.lower()


def test_backoff_delays_widen_to_the_maximum_and_start_again_after_a_success() -> None:
    from inboxcoach.service.daemon import Backoff

    backoff = Backoff(2.0, 300.0)
    for failure in range(1, 15):
        delay = backoff.next_delay()
        assert 1.0 <= delay <= min(300.0, 2.0 * 2 ** (failure - 1)), (failure, delay)
    late = [backoff.next_delay() for _ in range(200)]
    assert max(late) <= 300.0 and max(late) > 150.0  # the window has reached the maximum
    backoff.reset()
    assert backoff.failures == 0 and 1.0 <= backoff.next_delay() <= 2.0
