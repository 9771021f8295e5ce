"""inboxcoach.sources.imap.connection against a real Dovecot (tests/imapserver.py), and its pure folder choice."""

from __future__ import annotations

import logging
import shlex
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import imapclient
import pytest
from conftest_imap import dovecot, make_dovecot  # noqa: F401 - fixtures
from imapserver import PASSWORD_ENV, DovecotServer, free_port

from inboxcoach.config import FoldersConfig
from inboxcoach.errors import AuthError, ConfigError, ConnectionFailed
from inboxcoach.sources.imap.connection import Folders, choose_folders, connect, disconnect, discover_folders, is_gmail

MESSAGE = (
    b"From: Riverside Anesthesia <anes.residency@riversidehealth.org>\r\n"
    b"To: sam@example.org\r\n"
    b"Subject: Interview invitation\r\n"
    b"Message-ID: <invite-1@riversidehealth.org>\r\n"
    b"Date: Tue, 03 Nov 2026 09:00:00 -0500\r\n"
    b"\r\n"
    b"We would like to invite you to interview.\r\n"
)


def assert_secret_hidden(exc: BaseException, secret: str, log_text: str) -> None:
    assert secret not in str(exc)
    assert secret not in repr(exc)
    assert secret not in "".join(traceback.format_exception(exc))
    assert secret not in log_text


# -- connecting ------------------------------------------------------------------


def test_connect_logs_in_and_announces_itself(dovecot: DovecotServer) -> None:
    client = connect(dovecot.account())
    try:
        assert "INBOX" in [name for _flags, _delim, name in client.list_folders()]
        assert is_gmail(client) is False
    finally:
        disconnect(client)
    dovecot.wait_for_log("Login: user=<sam@example.org>", "name=inboxcoach")


def test_wrong_password_names_the_source_and_never_the_password(
    dovecot: DovecotServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "Wr0ng-Passw0rd-4242"
    monkeypatch.setenv(PASSWORD_ENV, wrong)
    caplog.set_level(logging.DEBUG)  # imapclient logs every command at DEBUG
    with pytest.raises(AuthError) as info:
        connect(dovecot.account())
    message = str(info.value)
    assert message.startswith("IMAP login to 127.0.0.1 as sam@example.org was refused")
    assert f"the password came from environment variable {PASSWORD_ENV} — check it" in message
    assert_secret_hidden(info.value, wrong, caplog.text)
    # the refusal is logged when the client goes; only then is the whole story there
    assert wrong not in dovecot.wait_for_log("auth failed", "user=<sam@example.org>")


def test_wrong_password_from_a_command_names_the_program(
    dovecot: DovecotServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    script = tmp_path / "mail-password"
    script.write_text(f"#!{sys.executable}\nprint('not-the-password-77')\n")
    script.chmod(0o755)
    caplog.set_level(logging.DEBUG)
    account = dovecot.account(password_env=None, password_command=shlex.quote(str(script)))
    with pytest.raises(AuthError) as info:
        connect(account)
    assert "the password came from command `mail-password`" in str(info.value)
    assert_secret_hidden(info.value, "not-the-password-77", caplog.text)


def test_missing_password_fails_before_connecting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INBOXCOACH_NOT_SET", raising=False)
    port = free_port()  # nothing listens: a connection attempt would say "refused"
    from inboxcoach.config import AccountConfig

    account = AccountConfig(
        email="sam@example.org",
        imap_host="127.0.0.1",
        imap_port=port,
        imap_security="none",
        password_env="INBOXCOACH_NOT_SET",
    )
    with pytest.raises(AuthError, match="environment variable INBOXCOACH_NOT_SET is not set"):
        connect(account)


def test_closed_port_is_connection_refused(dovecot: DovecotServer) -> None:
    port = free_port()
    with pytest.raises(ConnectionFailed) as info:
        connect(dovecot.account(imap_port=port))
    assert str(info.value) == f"cannot reach 127.0.0.1:{port}: connection refused"


def test_server_gone_is_connection_failed(dovecot: DovecotServer) -> None:
    dovecot.kill()
    with pytest.raises(ConnectionFailed, match=f"cannot reach 127.0.0.1:{dovecot.port}: connection refused"):
        connect(dovecot.account())


def test_oauth_refused_names_the_token_command(
    dovecot: DovecotServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    token = "ya29.token-that-must-not-leak"
    script = tmp_path / "oama"
    script.write_text(f"#!{sys.executable}\nprint({token!r})\n")
    script.chmod(0o755)
    caplog.set_level(logging.DEBUG)
    account = dovecot.account(password_env=None, oauth2_token_command=f"{shlex.quote(str(script))} access sam")
    with pytest.raises(AuthError) as info:  # this Dovecot offers PLAIN and LOGIN only
        connect(account)
    assert str(info.value).startswith("127.0.0.1 does not offer OAuth login with XOAUTH2;")
    assert_secret_hidden(info.value, token, caplog.text)


def test_oauth_token_refused_names_the_token_command(
    dovecot: DovecotServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "oama"
    script.write_text(f"#!{sys.executable}\nprint('ya29.expired-token')\n")
    script.chmod(0o755)
    account = dovecot.account(password_env=None, oauth2_token_command=str(script))
    # Dovecot here has no OAuth backend; pretend it advertises XOAUTH2 to reach the refusal.
    original = imapclient.IMAPClient.has_capability
    monkeypatch.setattr(
        imapclient.IMAPClient,
        "has_capability",
        lambda self, name: name == "AUTH=XOAUTH2" or original(self, name),
    )
    with pytest.raises(AuthError) as info:
        connect(account)
    message = str(info.value)
    assert message.startswith("IMAP login (XOAUTH2) to 127.0.0.1 as sam@example.org was refused")
    assert "the token came from OAuth token command `oama` — check that it prints a fresh access token" in message
    assert_secret_hidden(info.value, "ya29.expired-token", "")


# -- TLS ---------------------------------------------------------------------------


def test_tls_with_the_servers_ca_file(make_dovecot: Callable[..., DovecotServer]) -> None:
    server = make_dovecot(tls=True)
    client = connect(server.account(imap_port=server.tls_port, imap_security="tls", imap_ca_file=server.ca_file))
    try:
        assert client.ssl is True
        assert client.list_folders()
    finally:
        disconnect(client)


def test_tls_without_the_ca_file_fails_verification(make_dovecot: Callable[..., DovecotServer]) -> None:
    server = make_dovecot(tls=True)
    with pytest.raises(ConnectionFailed) as info:
        connect(server.account(imap_port=server.tls_port, imap_security="tls"))
    message = str(info.value)
    assert message.startswith(f"cannot verify the TLS certificate of 127.0.0.1:{server.tls_port}:")
    assert "set account.imap_ca_file" in message


def test_starttls_with_the_servers_ca_file(make_dovecot: Callable[..., DovecotServer]) -> None:
    server = make_dovecot(tls=True)
    client = connect(server.account(imap_security="starttls", imap_ca_file=server.ca_file))
    try:
        assert client._starttls_done is True
        assert client.list_folders()
    finally:
        disconnect(client)


def test_starttls_refused_by_a_plain_only_server(dovecot: DovecotServer) -> None:
    with pytest.raises(ConnectionFailed, match="does not offer STARTTLS"):
        connect(dovecot.account(imap_security="starttls"))


def test_tls_against_a_plain_port_fails_clearly(dovecot: DovecotServer) -> None:
    with pytest.raises(ConnectionFailed, match=f"TLS with 127.0.0.1:{dovecot.port} failed"):
        connect(dovecot.account(imap_security="tls", imap_ca_file=None), timeout=5)


# -- reading never changes the mailbox ----------------------------------------------


def test_reading_with_body_peek_leaves_messages_unseen(dovecot: DovecotServer) -> None:
    uid = dovecot.append("INBOX", MESSAGE)
    client = connect(dovecot.account())
    try:
        client.select_folder("INBOX", readonly=True)
        fetched = client.fetch([uid], ["BODY.PEEK[]", "FLAGS"])
    finally:
        disconnect(client)
    assert fetched[uid][b"BODY[]"] == MESSAGE
    assert b"\\Seen" not in fetched[uid][b"FLAGS"]
    assert b"\\Seen" not in dovecot.flags("INBOX", uid)


# -- folders ------------------------------------------------------------------------


def test_folders_found_by_special_use(dovecot: DovecotServer) -> None:
    client = connect(dovecot.account())
    try:
        assert discover_folders(client, FoldersConfig()) == Folders(inbox="INBOX", sent="Sent", drafts="Drafts")
    finally:
        disconnect(client)


def test_special_use_beats_a_common_name(make_dovecot: Callable[..., DovecotServer]) -> None:
    server = make_dovecot(folders={"Sent": None, "Outgoing archive": r"\Sent", "Drafts": r"\Drafts"})
    client = connect(server.account())
    try:
        assert discover_folders(client, FoldersConfig()).sent == "Outgoing archive"
    finally:
        disconnect(client)


def test_folders_found_by_common_name_without_special_use(make_dovecot: Callable[..., DovecotServer]) -> None:
    server = make_dovecot(special_use=False, folders={"Sent Items": None, "Drafts": None, "Deleted Items": None})
    client = connect(server.account())
    try:
        assert discover_folders(client, FoldersConfig()) == Folders(
            inbox="INBOX", sent="Sent Items", drafts="Drafts"
        )
    finally:
        disconnect(client)


def test_folders_found_by_localized_name(make_dovecot: Callable[..., DovecotServer]) -> None:
    server = make_dovecot(special_use=False, folders={})
    server.create_folder("Gesendete Elemente")
    server.create_folder("Entwürfe")
    client = connect(server.account())
    try:
        assert discover_folders(client, FoldersConfig()) == Folders(
            inbox="INBOX", sent="Gesendete Elemente", drafts="Entwürfe"
        )
    finally:
        disconnect(client)


def test_no_sent_folder_at_all_is_none(make_dovecot: Callable[..., DovecotServer]) -> None:
    server = make_dovecot(folders={})
    client = connect(server.account())
    try:
        assert discover_folders(client, FoldersConfig()) == Folders(inbox="INBOX", sent=None, drafts=None)
    finally:
        disconnect(client)


def test_configured_folder_wins(dovecot: DovecotServer) -> None:
    client = connect(dovecot.account())
    try:
        folders = discover_folders(client, FoldersConfig(sent="Trash"))
    finally:
        disconnect(client)
    assert folders == Folders(inbox="INBOX", sent="Trash", drafts="Drafts")


def test_configured_folder_missing_is_a_config_error(dovecot: DovecotServer) -> None:
    client = connect(dovecot.account())
    try:
        with pytest.raises(ConfigError) as info:
            discover_folders(client, FoldersConfig(sent="[Gmail]/Sent Mail"))
    finally:
        disconnect(client)
    assert str(info.value) == (
        "folders.sent: the server has no folder '[Gmail]/Sent Mail'; "
        "its folders are: 'Drafts', 'INBOX', 'Sent', 'Trash'"
    )


# -- the harness itself -------------------------------------------------------------


def test_recreated_folder_has_a_new_uidvalidity_and_no_mail(dovecot: DovecotServer) -> None:
    dovecot.append("Sent", MESSAGE)
    with dovecot.client() as client:
        before = client.folder_status("Sent", [b"UIDVALIDITY", b"MESSAGES"])
    after = dovecot.recreate_folder("Sent")
    with dovecot.client() as client:
        status = client.folder_status("Sent", [b"UIDVALIDITY", b"MESSAGES"])
    assert before[b"MESSAGES"] == 1
    assert status[b"MESSAGES"] == 0
    assert status[b"UIDVALIDITY"] == after != before[b"UIDVALIDITY"]


def test_restart_keeps_the_mail_and_the_port(dovecot: DovecotServer) -> None:
    uid = dovecot.append("INBOX", MESSAGE, flags=[b"\\Flagged"])
    port = dovecot.port
    dovecot.restart()
    assert dovecot.port == port
    assert b"\\Flagged" in dovecot.flags("INBOX", uid)


# -- choosing folders, pure -----------------------------------------------------------

GMAIL = [
    ((b"\\HasNoChildren",), b"/", "INBOX"),
    ((b"\\HasChildren", b"\\Noselect"), b"/", "[Gmail]"),
    ((b"\\All", b"\\HasNoChildren"), b"/", "[Gmail]/All Mail"),
    ((b"\\Drafts", b"\\HasNoChildren"), b"/", "[Gmail]/Entwürfe"),
    ((b"\\HasNoChildren", b"\\Sent"), b"/", "[Gmail]/Gesendet"),
]


def test_gmail_localized_folders_by_special_use() -> None:
    assert choose_folders(GMAIL, FoldersConfig()) == Folders("INBOX", "[Gmail]/Gesendet", "[Gmail]/Entwürfe")


def test_gmail_all_mail_is_never_watched() -> None:
    with pytest.raises(ConfigError, match="folders.sent: '\\[Gmail\\]/All Mail' is Gmail's All Mail"):
        choose_folders(GMAIL, FoldersConfig(sent="[Gmail]/All Mail"))
    all_mail_flagged_sent = [((b"\\All", b"\\Sent"), b"/", "[Gmail]/All Mail"), ((), b"/", "INBOX")]
    assert choose_folders(all_mail_flagged_sent, FoldersConfig()).sent is None


def test_gmail_names_without_flags() -> None:
    listing = [((), b"/", "INBOX"), ((), b"/", "[Google Mail]/Sent Mail"), ((), b"/", "[Google Mail]/Drafts")]
    assert choose_folders(listing, FoldersConfig()) == Folders(
        "INBOX", "[Google Mail]/Sent Mail", "[Google Mail]/Drafts"
    )


def test_inbox_prefixed_and_case_insensitive_names() -> None:
    listing = [((), b".", "INBOX"), ((), b".", "INBOX.Sent"), ((), b".", "INBOX.drafts")]
    assert choose_folders(listing, FoldersConfig()) == Folders("INBOX", "INBOX.Sent", "INBOX.drafts")


def test_unselectable_folder_is_not_chosen() -> None:
    listing = [((), b"/", "INBOX"), ((b"\\Noselect", b"\\Sent"), b"/", "Sent")]
    assert choose_folders(listing, FoldersConfig()) == Folders("INBOX", None, None)


def test_configured_inbox_in_any_case() -> None:
    assert choose_folders([((), b"/", "INBOX")], FoldersConfig(inbox="inbox")).inbox == "INBOX"
