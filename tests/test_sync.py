"""Incremental IMAP sync against a real Dovecot: counts, PEEK, UIDVALIDITY, drafts, crashes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pytest
from imapserver import PASSWORD_ENV, DovecotServer
from processes import alive, children, poll

from inboxcoach.cli import commands
from inboxcoach.clock import parse_moment
from inboxcoach.config import Config, load_config
from inboxcoach.core.present import report_to_dict
from inboxcoach.service.sync import sync_account

ME = "sam@example.org"
AS_OF = "2026-12-20T08:00:00-05:00"


def write_config(server: DovecotServer, tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[account]
email = "{ME}"
username = "{server.user}"
imap_host = "127.0.0.1"
imap_port = {server.port}
imap_security = "none"
password_env = "{PASSWORD_ENV}"

[season]
match_year = 2027

[[programs]]
name = "Lakeside Anesthesiology"
aliases = ["Lakeside"]
domains = ["lakeside.example"]
interview_date = 2026-11-10

[[programs]]
name = "Riverside Anesthesiology"
aliases = ["Riverside"]
domains = ["riverside.example"]
"""
    )
    return path


def mail(frm: str, to: str, subject: str, body: str, when: str, *, msgid: str | None = None,
         in_reply_to: str | None = None, headers: dict[str, str] | None = None) -> tuple[str, bytes]:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = frm, to, subject
    msg["Date"] = format_datetime(datetime.fromisoformat(when).replace(tzinfo=timezone.utc))
    msg["Message-ID"] = msgid or make_msgid(domain="test.example")
    if in_reply_to:
        msg["In-Reply-To"] = msg["References"] = in_reply_to
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    return msg["Message-ID"], bytes(msg)


INVITE = mail("Coordinator <coord@lakeside.example>", ME, "Interview invitation",
              "Dear Sam,\n\nWe are pleased to invite you to interview with our anesthesiology program.\n",
              "2026-10-20T14:00", msgid="<invite@lakeside.example>")
SCHEDULE = mail(ME, "coord@lakeside.example", "Re: Interview invitation",
                "Thank you, I would like to confirm November 10.\n", "2026-10-21T10:00",
                in_reply_to="<invite@lakeside.example>")
THANKS = mail(ME, "pd@lakeside.example", "Thank you",
              "Dear Dr. Lee,\n\nThank you for the opportunity to interview at Lakeside. I enjoyed meeting "
              "the residents and learning about the simulation curriculum.\n\nBest regards,\nSam\n",
              "2026-11-11T15:00")
DRAFT = mail(ME, "coord@riverside.example", "Thank you",
             "Dear Dr. Smith,\n\nThank you for the opportunity to interview at [Institution Name]. I enjoyed "
             "meeting the team.\n\nBest regards,\nSam\n", "2026-12-01T09:00")
NOISE = [mail("news@shop.example", ME, f"Deals {i}", "Big sale this week.\n", "2026-11-01T08:00",
              headers={"List-Id": "<deals.shop.example>"}) for i in range(5)]


def fill(server: DovecotServer) -> dict[str, list[int]]:
    uids: dict[str, list[int]] = {"INBOX": [], "Sent": [], "Drafts": []}
    for _, raw in [INVITE, *NOISE]:
        uids["INBOX"].append(server.append("INBOX", raw))
    for _, raw in (SCHEDULE, THANKS):
        uids["Sent"].append(server.append("Sent", raw, flags=[b"\\Seen"]))
    uids["Drafts"].append(server.append("Drafts", DRAFT[1], flags=[b"\\Draft"]))
    return uids


def report(config: Config, db: Path) -> dict[str, Any]:
    result = report_to_dict(commands.report(config, db, parse_moment(AS_OF, config.season.tz)))
    result.pop("generated_at")
    return result


def program(result: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in result["programs"] if p["name"] == name)


def test_sync_counts_and_never_marks_read(dovecot: DovecotServer, tmp_path: Path) -> None:
    uids = fill(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    db = tmp_path / "ic.db"
    stats = sync_account(config, db)
    assert stats.new == 9
    result = report(config, db)
    lakeside = program(result, "Lakeside Anesthesiology")
    assert (lakeside["contacts"], lakeside["replies"], lakeside["status"]) == (1, 1, "ok")
    placeholder = [f for f in result["findings"] if f["rule"] == "template-placeholder"]
    assert placeholder and placeholder[0]["draft"] and placeholder[0]["programs"] == ["Riverside Anesthesiology"]
    # nothing became \Seen: INBOX was unread before and is unread now
    for uid in uids["INBOX"]:
        assert b"\\Seen" not in dovecot.flags("INBOX", uid)
    assert b"\\Seen" not in dovecot.flags("Drafts", uids["Drafts"][0])


def test_second_sync_fetches_nothing(dovecot: DovecotServer, tmp_path: Path) -> None:
    fill(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    db = tmp_path / "ic.db"
    sync_account(config, db)
    again = sync_account(config, db)
    assert (again.new, again.seen, again.analysed) == (0, 0, 0)
    _, raw = mail("coord@lakeside.example", ME, "Question", "Could you send your CV?\n", "2026-12-02T10:00")
    dovecot.append("INBOX", raw)
    third = sync_account(config, db)
    assert (third.new, third.seen) == (1, 1)
    assert program(report(config, db), "Lakeside Anesthesiology")["replies"] == 2


def test_uidvalidity_change_does_not_count_twice(dovecot: DovecotServer, tmp_path: Path) -> None:
    fill(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    db = tmp_path / "ic.db"
    sync_account(config, db)
    before = report(config, db)
    dovecot.recreate_folder("Sent")
    for _, raw in (SCHEDULE, THANKS):
        dovecot.append("Sent", raw)
    stats = sync_account(config, db)
    assert stats.resynced == ["Sent"] and stats.new == 0 and stats.seen == 2
    assert report(config, db) == before


def test_sent_or_deleted_draft_stops_producing_findings(dovecot: DovecotServer, tmp_path: Path) -> None:
    uids = fill(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    db = tmp_path / "ic.db"
    sync_account(config, db)
    assert any(f["rule"] == "template-placeholder" for f in report(config, db)["findings"])
    with dovecot.client() as client:
        client.select_folder("Drafts")
        client.delete_messages(uids["Drafts"])
        client.expunge()
    stats = sync_account(config, db)
    assert stats.dropped_drafts == 1
    assert not any(f["rule"] == "template-placeholder" for f in report(config, db)["findings"])


def test_dropped_connection_is_retried(dovecot: DovecotServer, tmp_path: Path) -> None:
    fill(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    dovecot.stop()
    waits: list[int] = []

    def come_back(attempt: int) -> float:
        waits.append(attempt)
        dovecot.start()
        return 0.0

    stats = sync_account(config, tmp_path / "ic.db", wait=come_back)
    assert waits == [1] and stats.new == 9


def test_sigkill_mid_sync_then_rerun_gives_the_clean_report(make_dovecot: Any, tmp_path: Path) -> None:
    server = make_dovecot()
    fill(server)
    # enough mail for several header batches, written straight into the Maildir (fast)
    maildir = Path(server.directory) / "mail" / server.user / "cur"
    for i in range(3000):
        _, raw = mail(f"sender{i % 40}@news.example", ME, f"Newsletter {i}", "Hello.\n", "2026-11-05T08:00")
        (maildir / f"{1700000000 + i}.bench{i}:2,").write_bytes(raw)
    config_path = write_config(server, tmp_path)
    config = load_config(config_path)
    killed_db = tmp_path / "killed.db"
    env = {**os.environ, PASSWORD_ENV: server.password}
    cmd = [sys.executable, "-m", "inboxcoach.cli", "--config", str(config_path), "--db", str(killed_db), "sync"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if killed_db.exists():
            try:
                with sqlite3.connect(killed_db, timeout=0.1) as db:
                    stored = db.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 500:
                break
        time.sleep(0.005)
    assert proc.poll() is None, "the sync finished before it could be killed"
    workers = children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    poll(lambda: not any(alive(pid) for pid in workers), 10, "the body worker outlived the killed sync")
    assert 0 < stored < 3009
    sync_account(config, killed_db)  # the rerun finishes the job
    clean_db = tmp_path / "clean.db"
    sync_account(config, clean_db)
    assert report(config, killed_db) == report(config, clean_db)
    with sqlite3.connect(killed_db) as db:
        assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 3009


def test_cli_sync_prints_summary(dovecot: DovecotServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from inboxcoach.cli import main

    fill(dovecot)
    config = write_config(dovecot, tmp_path)
    assert main(["--config", str(config), "--db", str(tmp_path / "ic.db"), "sync"]) == 0
    assert "Synced: 9 new message(s)" in capsys.readouterr().out
    args = ["--config", str(config), "--db", str(tmp_path / "ic.db"), "report", "--json", "--as-of", AS_OF]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert program(data, "Lakeside Anesthesiology")["contacts"] == 1


def test_cli_sync_bad_password_exits_2(dovecot: DovecotServer, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from inboxcoach.cli import main

    monkeypatch.setenv(PASSWORD_ENV, "wrong-secret-123")
    config = write_config(dovecot, tmp_path)
    assert main(["--config", str(config), "--db", str(tmp_path / "ic.db"), "sync"]) == 2
    err = capsys.readouterr().err
    assert PASSWORD_ENV in err and "wrong-secret-123" not in err


def test_mail_arriving_between_passes_on_one_connection_is_seen(dovecot: DovecotServer, tmp_path: Path) -> None:
    """Dovecot answers STATUS on a connection's selected folder from a stale view: a
    pass must not leave the Inbox selected, or the next "nothing new?" check lies."""
    from inboxcoach.sources.imap.connection import connect, disconnect, discover_folders
    from inboxcoach.store import Store
    from inboxcoach.service.sync import sync

    fill(dovecot)
    config = load_config(write_config(dovecot, tmp_path))
    client = connect(config.account)
    try:
        folders = discover_folders(client, config.folders)
        with Store(tmp_path / "ic.db") as store:
            sync(client, folders, store, config)
            for i in range(3):
                msgid, raw = mail("coord@lakeside.example", ME, f"Note {i}", "Hello.\n", "2026-12-03T10:00")
                dovecot.append("INBOX", raw)
                stats = sync(client, folders, store, config)
                assert stats.new == 1, f"pass {i} missed the new message"
                assert store.has(msgid.strip("<>").lower())
    finally:
        disconnect(client)
