"""The Thunderbird add-on in a real, headless Thunderbird (Debian's thunderbird).

Each test is one Thunderbird run with a throwaway profile and ``HOME`` in a temp dir:

- the suite's Dovecot (one Inbox message from Lakeshore carrying the keyword
  ``inboxcoach-risk``, set with imapclient) and an aiosmtpd server that records
  what is sent;
- inboxcoach's database knows of a #1 letter already sent to Lakeshore; the native
  host is registered by the real ``inboxcoach thunderbird install``;
- the add-on built from clients/thunderbird (tools/build_xpi.py, as ``make
  thunderbird``) and a test-only driver add-on (tests/e2e/driver) preinstalled. The
  driver sends letters through compose windows, as a user pressing Send would, and
  reports to an HTTP server on 127.0.0.1 here.

Proves: a second #1 letter is stopped (it never reaches the SMTP server); a harmless
letter and one with only a warning are sent; the server's keyword shows as the
add-on's tag, and the displayed message shows its program and meter. Without the
host registered, a letter goes out and the add-on says it could not check it.
"""

from __future__ import annotations

import json
import mailbox
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from imapserver import DovecotServer
from smtpserver import SmtpServer

from .tbharness import Reports, Thunderbird, ThunderbirdUnavailable, account_prefs, find_thunderbird, write_profile

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from build_xpi import build_xpi  # noqa: E402

ADDON_ID = "inboxcoach@inboxcoach.invalid"
DRIVER_ID = "e2e-driver@inboxcoach.invalid"
ME = "sam@example.org"
RUN_TIMEOUT = 90.0  # the whole Thunderbird run: 5-10 s here, generous for a loaded CI machine

CONFIG = f"""
[account]
email = "{ME}"

[season]
match_year = {{match_year}}
timezone = "America/New_York"

[[programs]]
name = "Riverside University Anesthesiology"
aliases = ["Riverside"]
domains = ["riverside.example"]

[[programs]]
name = "Lakeshore Medical Center Anesthesiology"
aliases = ["Lakeshore"]
domains = ["lakeshore.example"]
"""

FIRST_CHOICE = (
    "Dear Dr. Hale,\n\nThank you again for the interview day. After much reflection I want "
    "you to know that Riverside is my #1 choice and I will rank you first.\n\nBest regards,\nSam\n"
)
HARMLESS = (
    "Dear Dr. Hale,\n\nThank you for the interview day last week. I enjoyed meeting the "
    "residents and learning about the simulation curriculum.\n\nBest regards,\nSam\n"
)
FEEDBACK = (
    "Dear Dr. Hale,\n\nThank you for the interview day. Could you share any feedback on my "
    "interview and how I could improve my application?\n\nBest regards,\nSam\n"
)
TO_RIVERSIDE = ["Dr. Hale <pd@riverside.example>"]


@pytest.fixture
def thunderbird_binary() -> str:
    try:
        return find_thunderbird()
    except ThunderbirdUnavailable as exc:
        if os.environ.get("INBOXCOACH_REQUIRE_THUNDERBIRD"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))


def _letter(frm: str, to: str, subject: str, body: str, when: datetime, message_id: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = frm, to, subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = message_id
    message.set_content(body)
    return message


def _inboxcoach(*args: str, home: Path) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "inboxcoach.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(home)},
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.fixture
def season(tmp_path: Path) -> dict[str, Any]:
    return make_season(tmp_path)


def make_season(tmp_path: Path) -> dict[str, Any]:
    """HOME, config and database: a #1 letter to Lakeshore sent two days ago."""
    home = tmp_path / "home"
    home.mkdir()
    now = datetime.now(timezone.utc)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(match_year=now.year + 1), encoding="utf-8")
    sent = mailbox.mbox(tmp_path / "sent.mbox")
    sent.add(
        _letter(
            ME,
            "pd@lakeshore.example",
            "Thank you",
            FIRST_CHOICE.replace("Riverside", "Lakeshore"),
            now - timedelta(days=2),
            "<earlier-first-choice@example.org>",
        )
    )
    sent.close()
    db = tmp_path / "inboxcoach.db"
    _inboxcoach("--config", str(config), "--db", str(db), "scan", str(tmp_path / "sent.mbox"), home=home)
    return {"home": home, "config": config, "db": db}


def _driver_xpi(tmp_path: Path, scenario: dict[str, Any]) -> Path:
    source = tmp_path / "driver"
    source.mkdir()
    for path in (Path(__file__).parent / "driver").iterdir():
        (source / path.name).write_bytes(path.read_bytes())
    (source / "scenario.json").write_text(json.dumps(scenario), encoding="utf-8")
    return build_xpi(source, tmp_path / "driver.xpi")


def _allow_slow_checks(home: Path, budget_ms: int) -> None:
    """Managed storage for the add-on (where an administrator would set it): the test
    must not depend on how fast a loaded CI machine starts Python."""
    directory = home / ".mozilla" / "managed-storage"
    directory.mkdir(parents=True)
    manifest = {"name": ADDON_ID, "description": "test", "type": "storage", "data": {"checkBudgetMs": budget_ms}}
    (directory / f"{ADDON_ID}.json").write_text(json.dumps(manifest), encoding="utf-8")


def _run(
    tmp_path: Path, home: Path, dovecot: DovecotServer, smtp: SmtpServer, letters: list[dict[str, Any]], tag: str | None
) -> tuple[dict[str, Any], str]:
    """One headless Thunderbird with the add-on and the driver: the driver's reports
    (send results by letter name, and the tags step) and Thunderbird's output."""
    reports = Reports()
    scenario = {
        "report_url": reports.url,
        "imap": {"origin": "imap://127.0.0.1", "user": dovecot.user, "password": dovecot.password},
        "letters": letters,
        "tag": tag,
        "tag_timeout_ms": 30_000,
    }
    _allow_slow_checks(home, 20_000)
    profile = tmp_path / "profile"
    write_profile(
        profile,
        account_prefs(user=dovecot.user, imap_port=dovecot.port, smtp_port=smtp.port),
        {
            ADDON_ID: build_xpi(ROOT / "clients" / "thunderbird", tmp_path / "inboxcoach-thunderbird.xpi"),
            DRIVER_ID: _driver_xpi(tmp_path, scenario),
        },
    )
    thunderbird = Thunderbird(profile, home, tmp_path / "thunderbird.log")
    try:
        thunderbird.start()
        steps = _collect(reports, thunderbird, RUN_TIMEOUT)
    finally:
        thunderbird.stop()
        reports.close()
    errors = [s for s in steps if s["step"] == "error"]
    assert not errors, f"{errors}\n--- thunderbird output ---\n{thunderbird.output()[-4000:]}"
    results = {s["name"]: s for s in steps if s["step"] == "send"}
    results.update({s["step"]: s for s in steps if s["step"] in ("tags", "meter")})
    return results, thunderbird.output()


def _collect(reports: Reports, thunderbird: Thunderbird, timeout: float) -> list[dict[str, Any]]:
    """Every report until the driver says done (or Thunderbird dies, or time runs out)."""
    seen: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            report = reports.next(timeout=1.0)
        except TimeoutError:
            if not thunderbird.running:
                break
            continue
        seen.append(report)
        if report["step"] == "done":
            return seen
    raise AssertionError(f"the driver did not finish: {seen}\n--- thunderbird output ---\n{thunderbird.output()[-4000:]}")


def _risky_inbox_message(dovecot: DovecotServer) -> None:
    """One Inbox message from Lakeshore with the keyword inboxcoach-risk, set on the server."""
    uid = dovecot.append(
        "INBOX",
        _letter(
            "pd@lakeshore.example", ME, "Interview follow-up", "Hello Sam.\n", datetime.now(timezone.utc),
            "<risky@lakeshore.example>",
        ).as_bytes(),
    )
    with dovecot.client() as client:
        client.select_folder("INBOX")
        client.add_flags([uid], [b"inboxcoach-risk"])


def test_the_add_on_stops_a_second_first_choice_letter_and_shows_keywords_as_tags(
    thunderbird_binary: str,
    make_dovecot: Callable[..., DovecotServer],
    make_smtp_server: Callable[..., SmtpServer],
    season: dict[str, Any],
    tmp_path: Path,
) -> None:
    home = season["home"]
    installed = _inboxcoach("--config", str(season["config"]), "--db", str(season["db"]), "thunderbird", "install", home=home)
    assert str(home / ".mozilla" / "native-messaging-hosts" / "inboxcoach.json") in installed
    dovecot = make_dovecot()
    _risky_inbox_message(dovecot)
    smtp = make_smtp_server(auth=False)
    letters = [
        {"name": "second #1", "to": TO_RIVERSIDE, "subject": "Thank you", "body": FIRST_CHOICE},
        {"name": "harmless", "to": TO_RIVERSIDE, "subject": "Thank you", "body": HARMLESS},
        {"name": "warning", "to": TO_RIVERSIDE, "subject": "Feedback", "body": FEEDBACK},
    ]
    results, output = _run(tmp_path, home, dovecot, smtp, letters, tag="inboxcoach-risk")

    # the second #1 letter: stopped by the add-on, with the reason; nothing reached SMTP
    assert results["second #1"]["sent"] is False
    assert "Send aborted by an onBeforeSend event" in results["second #1"]["error"]
    assert "inboxcoach: send stopped: multiple-first-choice" in output
    # the harmless one and the one with only a warning went out; nothing else did
    assert results["harmless"]["sent"] is True and results["warning"]["sent"] is True
    assert "inboxcoach: sent with a warning: feedback-request" in output
    assert [r.message["Subject"] for r in smtp.received] == ["Thank you", "Feedback"]
    assert smtp.received[0].rcpt_tos == ("pd@riverside.example",)
    assert "simulation curriculum" in smtp.received[0].message.get_content()
    assert not any("#1" in r.message.get_content() for r in smtp.received)
    # the keyword set on the server is the add-on's tag, in colour
    tags = {t["key"]: t for t in results["tags"]["tags"]}
    assert (tags["inboxcoach-risk"]["tag"], tags["inboxcoach-risk"]["color"]) == ("inboxcoach: risk", "#D93025")
    assert (tags["inboxcoach"]["tag"], tags["inboxcoach"]["color"]) == ("inboxcoach", "#2A6FDB")
    tagged = results["tags"]["tagged"]
    assert [m["subject"] for m in tagged] == ["Interview follow-up"]
    assert "inboxcoach-risk" in tagged[0]["tags"]
    # displayed, the message shows its program and the meter from the database
    assert results["meter"]["meter"] == (
        "Lakeshore Medical Center Anesthesiology · 1 of 3 contacts · no reply yet · silence is normal"
    )


def test_without_the_host_a_letter_goes_out_and_the_add_on_says_it_was_not_checked(
    thunderbird_binary: str,
    make_dovecot: Callable[..., DovecotServer],
    make_smtp_server: Callable[..., SmtpServer],
    season: dict[str, Any],
    tmp_path: Path,
) -> None:
    dovecot = make_dovecot()
    smtp = make_smtp_server(auth=False)
    letters = [{"name": "second #1", "to": TO_RIVERSIDE, "subject": "Thank you", "body": FIRST_CHOICE}]
    # no `inboxcoach thunderbird install` in this HOME: Thunderbird finds no host
    results, output = _run(tmp_path, season["home"], dovecot, smtp, letters, tag=None)

    assert results["second #1"]["sent"] is True
    assert len(smtp.received) == 1
    assert "inboxcoach: could not check the message, so it was sent unchecked: No such native application inboxcoach" in output
