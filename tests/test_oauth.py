"""OAuth2 logins (``oauth2_token_command``) that succeed, against a real Dovecot offering
XOAUTH2 and OAUTHBEARER as Gmail and Microsoft 365 do: the path their users depend on,
not only its failures (those are in test_imap.py)."""

from __future__ import annotations

import logging
import shlex
import sys
from collections.abc import Callable
from email.message import EmailMessage
from datetime import datetime, timezone
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from imapserver import DovecotServer

from inboxcoach.cli.commands import sync
from inboxcoach.config import parse_config
from inboxcoach.errors import AuthError
from inboxcoach.sources.imap.connection import connect, disconnect
from inboxcoach.cli.check import check
from inboxcoach.store import Store

TOKEN = "ya29.a0-static-test-token"


def token_command(tmp_path: Path, token: str = TOKEN) -> str:
    """A helper like oama: prints a fresh access token on its first line (and noise on stderr)."""
    script = tmp_path / "oama"
    script.write_text(f"#!{sys.executable}\nimport sys\nprint({token!r})\nprint('refreshed', file=sys.stderr)\n")
    script.chmod(0o755)
    return f"{shlex.quote(str(script))} access sam@example.org"


@pytest.fixture
def oauth_dovecot(make_dovecot: Callable[..., DovecotServer]) -> DovecotServer:
    return make_dovecot(oauth_token=TOKEN)


@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_login_with_a_token_command(oauth_dovecot: DovecotServer, tmp_path: Path, mechanism: str) -> None:
    account = oauth_dovecot.account(
        password_env=None, oauth2_token_command=token_command(tmp_path), oauth2_mechanism=mechanism
    )
    client = connect(account, timeout=10)
    try:
        assert client.list_folders()  # logged in: the folders are there
    finally:
        disconnect(client)
    assert wait_for_login_line(oauth_dovecot, f"Login: user=<sam@example.org>, method={mechanism},")


def wait_for_login_line(server: DovecotServer, text: str) -> bool:
    """Dovecot writes its log line just after answering; poll for it briefly."""
    import time

    for _ in range(100):
        if text in server.log_text():
            return True
        time.sleep(0.02)
    return False


def test_a_token_through_a_shell_pipeline(oauth_dovecot: DovecotServer, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.txt"
    tokens.write_text(f"{TOKEN}\nan older token\n")
    account = oauth_dovecot.account(password_env=None, oauth2_token_command=f"cat {shlex.quote(str(tokens))} | head -1")
    disconnect(connect(account, timeout=10))


def test_a_wrong_token_is_refused_and_never_shown(
    oauth_dovecot: DovecotServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "ya29.expired-and-secret"
    account = oauth_dovecot.account(password_env=None, oauth2_token_command=token_command(tmp_path, wrong))
    with pytest.raises(AuthError) as info:
        connect(account, timeout=10)
    assert str(info.value).startswith("IMAP login (XOAUTH2) to 127.0.0.1 as sam@example.org was refused")
    assert "OAuth token command `oama`" in str(info.value)
    assert wrong not in str(info.value) and wrong not in caplog.text and TOKEN not in caplog.text


def test_sync_and_check_over_oauth(oauth_dovecot: DovecotServer, tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Jane Whitaker <coord@riverside.example>"
    message["To"] = "sam@example.org"
    message["Subject"] = "Riverside Anesthesiology - Interview Invitation"
    message["Date"] = format_datetime(datetime(2026, 10, 8, 14, 0, tzinfo=timezone.utc))
    message["Message-ID"] = make_msgid(domain="riverside.example")
    message.set_content("You are confirmed for Thursday, November 12.")
    oauth_dovecot.append("INBOX", message.as_bytes())
    config = parse_config(
        {
            "account": {
                "email": "sam@example.org",
                "imap_host": "127.0.0.1",
                "imap_port": oauth_dovecot.port,
                "imap_security": "none",
                "oauth2_token_command": token_command(tmp_path),
            },
            "season": {"match_year": 2027},
            "programs": [{"name": "Riverside Anesthesiology", "domains": ["riverside.example"]}],
        },
        "test.toml",
    )
    stats = sync(config, tmp_path / "inboxcoach.db")
    assert stats.new == 1 and stats.analysed == 1
    with Store(tmp_path / "inboxcoach.db") as store:
        assert store.count() == 1
    item = check(config, timeout=10).item("imap")
    assert item.status == "ok" and item.line.startswith("IMAP: logged in to 127.0.0.1")
