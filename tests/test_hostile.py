"""Hostile mail through every command: one bad message never stops the work.

The corpus in tests/data/hostile/ (written by tools/make_hostile_corpus.py) holds one
file per class of trouble: dates no clock has, terminal escapes and NUL bytes in
headers, broken MIME, bytes that are no mail at all. Each test puts it between good
program mail and checks that every good message is still read, counted and judged,
and that no command exits with anything but its documented codes.
"""

from __future__ import annotations

import json
import mailbox
import sqlite3
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from imapserver import PASSWORD_ENV, DovecotServer

from inboxcoach.cli import commands
from inboxcoach.ingest.worker import analyse_body
from inboxcoach.cli import main
from inboxcoach.clock import parse_moment
from inboxcoach.config import load_config
from inboxcoach.core.headers import MAX_THREAD_REFS
from inboxcoach.core.parse import parse_envelope
from inboxcoach.store import Store
from inboxcoach.service.sync import sync_account

HOSTILE = Path(__file__).parent / "data" / "hostile"
ME = "sam@example.org"
AS_OF = "2027-01-20T08:00:00-05:00"
CONFIG = f"""
[account]
email = "{ME}"
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
interview_date = 2026-11-12
"""


def good(frm: str, to: str, subject: str, body: str, when: str, msgid: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"] = frm, to, subject, when
    msg["Message-ID"] = msgid
    msg.set_content(body)
    return bytes(msg)


# Good mail: two #1 letters (multiple-first-choice), a thank-you and an invitation.
GOOD_SENT = {
    "<first-lake@x>": good(ME, "coord@lakeside.example", "Thank you", "Dear Dr. Lee,\n\nThank you for the interview. "
                           "Lakeside is my #1 choice and I will rank it first.\n\nSam\n",
                           "Tue, 05 Jan 2027 10:00:00 -0500", "<first-lake@x>"),
    "<first-river@x>": good(ME, "pd@riverside.example", "Update", "Dear Dr. Ray,\n\nRiverside is my first choice and I "
                            "will rank your program number one.\n\nSam\n",
                            "Wed, 06 Jan 2027 10:00:00 -0500", "<first-river@x>"),
    "<thanks-river@x>": good(ME, "pd@riverside.example", "Thank you", "Dear Dr. Ray,\n\nThank you for the interview day "
                             "at Riverside.\n\nSam\n", "Fri, 13 Nov 2026 09:00:00 -0500", "<thanks-river@x>"),
}
GOOD_INBOX = {
    "<invite-lake@x>": good("Coordinator <coord@lakeside.example>", ME, "Interview invitation",
                            "Dear Sam,\n\nWe are pleased to invite you to interview at Lakeside.\n",
                            "Tue, 20 Oct 2026 14:00:00 -0400", "<invite-lake@x>"),
}


def hostile() -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted(HOSTILE.glob("*.eml"))}
    assert len(files) >= 30, "the corpus is missing: run tools/make_hostile_corpus.py"
    files["references-80000.eml"] = huge_references(80_000)
    files["mime-nested-3000.eml"] = nested_mime(3000)
    return files


def huge_references(n: int) -> bytes:
    refs = " ".join(f"<r{i}@thread.example>" for i in range(n))
    return (f"From: coord@lakeside.example\nTo: {ME}\nSubject: Re: Interview\nDate: Tue, 1 Sep 2026 10:00:00 +0000\n"
            f"Message-ID: <h-refs@x>\nIn-Reply-To: <r{n - 1}@thread.example>\nReferences: {refs}\n\nHello.\n").encode()


def nested_mime(depth: int) -> bytes:
    head = f"From: coord@lakeside.example\nTo: {ME}\nSubject: deep\nDate: Tue, 1 Sep 2026 10:00:00 +0000\n" \
           "Message-ID: <h-deep@x>\nMIME-Version: 1.0\n"
    parts = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth))
    return (head + parts + "Content-Type: text/plain\n\nWe are pleased to invite you.\n").encode()


def maildir(root: Path) -> Path:
    """A Maildir whose Inbox and Sent each hold the whole hostile corpus around the good mail."""
    box = mailbox.Maildir(root, create=True)
    sent = box.add_folder("Sent")
    for folder, good_mail in ((box, GOOD_INBOX), (sent, GOOD_SENT)):
        items = list(good_mail.values())
        for i, data in enumerate(hostile().values()):
            if i % 9 == 0 and items:
                folder.add(items.pop())  # good mail between the hostile messages
            key = folder.add(b"")
            path = Path(folder._path) / "new" / key  # type: ignore[attr-defined]
            path.write_bytes(data)  # the exact bytes, not a normalised copy
        for data in items:
            folder.add(data)
    return root


@pytest.fixture
def season(tmp_path: Path) -> tuple[Path, Path, Path]:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    return config, tmp_path / "ic.db", maildir(tmp_path / "Maildir")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return code, output


def test_scan_reads_every_good_message_around_hostile_mail(season: tuple[Path, Path, Path]) -> None:
    config_path, db, root = season
    config = load_config(config_path)
    stats = commands.scan(root, config, db)
    assert stats.seen == 2 * len(hostile()) + len(GOOD_SENT) + len(GOOD_INBOX)
    assert stats.skipped >= 2  # no headers at all: counted and skipped, with a reason
    with Store(db) as store:
        keys = {m.envelope.key for m in store.messages()}
    assert {k.strip("<>") for k in (*GOOD_SENT, *GOOD_INBOX)} <= keys
    report = commands.report(config, db, parse_moment(AS_OF, config.season.tz))
    by_name = {p.program.name: p for p in report.programs}
    assert by_name["Riverside Anesthesiology"].contacts == 2
    assert by_name["Lakeside Anesthesiology"].replies >= 1
    first_choice = [f for f in report.findings if f.rule == "multiple-first-choice"]
    assert len(first_choice) == 1
    assert set(first_choice[0].programs) == {"Lakeside Anesthesiology", "Riverside Anesthesiology"}
    assert any(f.rule == "template-placeholder" for f in report.findings)
    assert dict(report.unreadable)  # the skipped ones are reported, with reasons
    # scanning again changes nothing and counts nothing twice
    assert commands.scan(root, config, db).new == 0
    again = commands.report(config, db, parse_moment(AS_OF, config.season.tz))
    assert [(p.program.name, p.contacts, p.replies) for p in again.programs] == [
        (p.program.name, p.contacts, p.replies) for p in report.programs
    ]


def test_every_command_succeeds_on_a_hostile_season(
    season: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config, db, root = season
    base = ("--config", str(config), "--db", str(db))
    assert run(capsys, *base, "scan", str(root))[0] == 0
    code, output = run(capsys, *base, "status", "--as-of", AS_OF)
    assert code == 0 and "Riverside" in output and "could not be read" in output
    code, output = run(capsys, *base, "report", "--json", "--as-of", AS_OF)
    assert code == 0
    assert {f["rule"] for f in json.loads(output)["findings"]} >= {"multiple-first-choice"}
    code, output = run(capsys, *base, "digest", "--as-of", AS_OF)
    assert code == 0 and "Subject:" in output
    assert "\x1b[2J" not in output and "\x00" not in output  # nothing of a subject reaches the terminal raw
    assert run(capsys, *base, "digest", "--html", "--as-of", AS_OF)[0] == 0


@pytest.mark.parametrize("name", sorted(hostile()))
def test_lint_of_a_hostile_draft_answers_with_a_documented_code(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    draft = tmp_path / name
    draft.write_bytes(hostile()[name])
    code, output = run(capsys, "--config", str(config), "--db", str(tmp_path / "none.db"), "lint", str(draft),
                       "--to", "coord@lakeside.example")
    assert code in (0, 1, 2), output  # nothing found / critical findings / one-line reason
    if code == 2:
        assert len(output.strip().splitlines()) == 1, output


def test_references_are_read_in_linear_time_and_bounded() -> None:
    env = parse_envelope(huge_references(80_000))  # 1.8 MB: only the first MB of a header block is read
    assert len(env.references) == MAX_THREAD_REFS
    assert env.references[0] == "r0@thread.example"  # the thread's root is kept
    assert env.in_reply_to == ("r79999@thread.example",)
    env = parse_envelope(huge_references(30_000))
    assert len(env.references) == MAX_THREAD_REFS
    assert env.references[:2] == ("r0@thread.example", "r29901@thread.example")  # the root, then the newest
    assert env.references[-1] == "r29999@thread.example"
    assert parse_envelope(huge_references(5)).references == tuple(f"r{i}@thread.example" for i in range(5))


def test_deeply_nested_mime_is_analysed_without_error_escaping() -> None:
    features = analyse_body(nested_mime(3000), "deep", ())
    assert features.error == "" or features.error.startswith("unreadable body")


def test_a_year_one_date_stored_by_an_older_version_never_stops_a_report(
    season: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config, db, root = season
    base = ("--config", str(config), "--db", str(db))
    assert run(capsys, *base, "scan", str(root))[0] == 0
    with sqlite3.connect(db) as raw:  # what the old hand-written date parser stored
        raw.execute("UPDATE messages SET date = '0001-01-01T10:00:00+00:00' WHERE key = 'thanks-river@x'")
        raw.execute("UPDATE messages SET date = 'not a date' WHERE key = 'invite-lake@x'")
    for command in (("status",), ("report", "--json"), ("digest",)):
        code, output = run(capsys, *base, *command, "--as-of", AS_OF)
        assert code == 0, output
    loaded = load_config(config)
    report = commands.report(loaded, db, parse_moment(AS_OF, loaded.season.tz))
    riverside = next(p for p in report.programs if p.program.name == "Riverside Anesthesiology")
    assert riverside.contacts == 2  # the undated message still counts


def test_sync_reads_past_hostile_mail_in_every_folder(dovecot: DovecotServer, tmp_path: Path) -> None:
    """Against a real Dovecot: the hostile corpus in the Inbox, Sent and Drafts does not
    stop a pass; the good mail after it, and the draft in Drafts, are read; the next
    pass finds nothing new and completes too (what a daemon does every minute)."""
    config_path = tmp_path / "config.toml"
    config_path.write_text(
        CONFIG.replace("[season]", f'username = "{dovecot.user}"\nimap_host = "127.0.0.1"\n'
                       f'imap_port = {dovecot.port}\nimap_security = "none"\npassword_env = "{PASSWORD_ENV}"\n[season]')
    )
    config = load_config(config_path)
    refused = 0
    for folder in ("INBOX", "Sent", "Drafts"):
        for data in hostile().values():
            try:
                dovecot.append(folder, data)
            except Exception:  # noqa: BLE001 - a server may refuse some bytes (NUL) outright
                refused += 1
    for data in GOOD_INBOX.values():
        dovecot.append("INBOX", data)
    for data in GOOD_SENT.values():
        dovecot.append("Sent", data)
    draft = good(ME, "coord@lakeside.example", "Thank you", "Dear Dr. [Last Name],\n\nThank you.\n",
                 "Thu, 14 Jan 2027 10:00:00 -0500", "<draft-lake@x>")
    dovecot.append("Drafts", draft)
    db = tmp_path / "ic.db"
    first = sync_account(config, db)
    assert first.new >= len(GOOD_SENT) + len(GOOD_INBOX) + 1
    assert sync_account(config, db).new == 0  # the next pass completes, nothing counted twice
    report = commands.report(config, db, parse_moment(AS_OF, config.season.tz))
    assert {p.program.name: p.contacts for p in report.programs}["Riverside Anesthesiology"] == 2
    assert any(f.rule == "multiple-first-choice" for f in report.findings)
    assert any(f.rule == "template-placeholder" and f.draft for f in report.findings)  # Drafts was reached
    assert refused < len(hostile())  # most of the corpus really went through the server


def test_daemon_completes_its_passes_and_sends_the_digest_over_hostile_mail(
    dovecot: DovecotServer, make_smtp_server: Any, tmp_path: Path
) -> None:
    """The daemon over a mailbox of hostile mail and a database holding a year-1 date
    (as an older version stored it): every pass completes and the digest goes out,
    once; before, it retried the same pass for ever, or exited when the digest was due."""
    from test_daemon import FAST, MORNING_AFTER_SEND_AT, Running, digests, wait_for, write_mail_config

    from inboxcoach.service.daemon import Daemon

    for folder in ("INBOX", "Sent"):
        for data in hostile().values():
            try:
                dovecot.append(folder, data)
            except Exception:  # noqa: BLE001 - a server may refuse some bytes (NUL) outright
                pass
    smtp = make_smtp_server(password=dovecot.password)
    config = write_mail_config(dovecot, smtp, tmp_path)
    db = tmp_path / "ic.db"
    sync_account(config, db)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE messages SET date = '0001-01-01T10:00:00+00:00' WHERE key = 'h-qp@x'")
    with Running(Daemon(config, db, timing=FAST, now=lambda: MORNING_AFTER_SEND_AT)) as running:
        wait_for(lambda: len(digests(smtp)) == 1, 15)
        # new mail after the hostile mail is still read: the passes go on
        dovecot.append("INBOX", good("coord@lakeside.example", ME, "Parking", "Parking is in lot B.\n",
                                     "Tue, 15 Dec 2026 10:00:00 -0500", "<parking@x>"))
        wait_for(lambda: _stored(db, "parking@x"), 10)
    assert len(digests(smtp)) == 1


def _stored(db: Path, key: str) -> bool:
    try:
        with sqlite3.connect(db, timeout=1) as raw:
            return raw.execute("SELECT 1 FROM messages WHERE key = ?", (key,)).fetchone() is not None
    except sqlite3.OperationalError:
        return False
