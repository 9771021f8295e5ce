"""`inboxcoach scan` over a Maildir of odd messages: counted and skipped, never a crash."""

from __future__ import annotations

import mailbox
from pathlib import Path

import pytest

from inboxcoach.cli import commands
from inboxcoach.config import load_config
from inboxcoach.store import Store

CONFIG = """
[account]
email = "sam@example.org"
[season]
match_year = 2027
[[programs]]
name = "Lakeside Anesthesiology"
domains = ["lakeside.example"]
"""

HEAD = b"From: Coordinator <coord@lakeside.example>\r\nTo: sam@example.org\r\nDate: Tue, 10 Nov 2026 09:00:00 -0500\r\n"


def odd_messages() -> dict[str, bytes]:
    attachment = b"A" * (20 * 1024 * 1024)
    recipients = ", ".join(f"person{i}@lakeside.example" for i in range(1000))
    return {
        "no headers": b"\r\njust a body, no header block at all\r\n",
        "truncated mime": HEAD + b"Message-ID: <trunc@x>\r\nSubject: cut\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n'
        b"Thank you for your interest. We regret\r\n--b1\r\nContent-Type: application/pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJ",
        "invalid utf-8": HEAD + b"Message-ID: <utf@x>\r\nSubject: caf\xe9 \xff\xfe\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nWe are pleased to invite you \xff\xfe to interview.\r\n",
        "20 MB attachment": HEAD + b"Message-ID: <big@x>\r\nSubject: Contract\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b2"\r\n\r\n--b2\r\nContent-Type: text/plain\r\n\r\n'
        b"Please find the schedule attached.\r\n--b2\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + attachment + b"\r\n--b2--\r\n",
        "1,000 recipients": b"From: sam@example.org\r\nTo: " + recipients.encode() + b"\r\n"
        b"Message-ID: <many@x>\r\nSubject: Hello all\r\nDate: Tue, 10 Nov 2026 10:00:00 -0500\r\n\r\nHello.\r\n",
        "empty": b"",
    }


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    root = tmp_path / "Maildir"
    box = mailbox.Maildir(root, create=True)
    for raw in odd_messages().values():
        key = box.add(b"")  # then overwrite the file with the exact bytes (no normalising)
        path = root / "new" / key
        path.write_bytes(raw)
    box.add(mailbox.MaildirMessage(b"From: coord@lakeside.example\nTo: sam@example.org\nMessage-ID: <ok@x>\n"
                                   b"Subject: Interview\nDate: Tue, 10 Nov 2026 11:00:00 -0500\n\nWe are pleased to invite you.\n"))
    return root


def test_odd_messages_are_counted_and_skipped(maildir: Path, tmp_path: Path) -> None:
    config_path = tmp_path / "config.toml"
    config_path.write_text(CONFIG)
    config = load_config(config_path)
    db = tmp_path / "ic.db"
    stats = commands.scan(maildir, config, db)
    assert stats.seen == 7
    assert stats.skipped == 2 and set(stats.skip_reasons) == {"no headers", "empty message"}
    with Store(db) as store:
        keys = {m.envelope.key for m in store.messages()}
        assert keys == {"trunc@x", "utf@x", "big@x", "many@x", "ok@x"}
        assert store.skipped() == {"no headers": 1, "empty message": 1}
        many = next(m for m in store.messages() if m.envelope.key == "many@x")
        assert len(many.envelope.to) == 1000
    report = commands.report(config, db, commands.clock.parse_moment("2026-12-01", config.season.tz))
    lakeside = report.programs[0]
    assert lakeside.contacts == 1  # the 1,000-recipient message, once
    # scanning again changes nothing and skips the same two again without counting them twice
    again = commands.scan(maildir, config, db)
    assert again.new == 0
    with Store(db) as store:
        assert store.skipped() == {"no headers": 1, "empty message": 1}
