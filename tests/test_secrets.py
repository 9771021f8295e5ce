"""inboxcoach.secrets: one password source, clear errors, never the secret in them."""

from __future__ import annotations

import logging
import os
import time
import shlex
import sys
import traceback
from pathlib import Path
from typing import Any

import pytest

from inboxcoach import secrets
from inboxcoach.config import AccountConfig
from inboxcoach.errors import AuthError, ConfigError
from inboxcoach.secrets import describe_source, get_oauth_token, get_password

SECRET = "hunter2-Very-Secret"


def account(**values: Any) -> AccountConfig:
    return AccountConfig(email="sam@example.org", imap_host="imap.example.org", **values)


def script(tmp_path: Path, body: str, name: str = "get-password") -> str:
    """An executable Python script in tmp_path; returns the command line for it."""
    path = tmp_path / name
    path.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n")
    path.chmod(0o755)
    return shlex.quote(str(path))


def assert_hidden(exc: BaseException, secret: str = SECRET) -> None:
    assert secret not in str(exc)
    assert secret not in repr(exc)
    assert secret not in "".join(traceback.format_exception(exc))


# -- environment variable -----------------------------------------------------------


def test_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INBOXCOACH_PASSWORD", SECRET)
    assert get_password(account(password_env="INBOXCOACH_PASSWORD")) == SECRET


def test_env_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INBOXCOACH_PASSWORD", raising=False)
    with pytest.raises(AuthError) as info:
        get_password(account(password_env="INBOXCOACH_PASSWORD"))
    assert str(info.value).startswith(
        "account.password_env: environment variable INBOXCOACH_PASSWORD is not set"
    )


def test_env_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INBOXCOACH_PASSWORD", "")
    with pytest.raises(AuthError, match="environment variable INBOXCOACH_PASSWORD is empty"):
        get_password(account(password_env="INBOXCOACH_PASSWORD"))


# -- command ------------------------------------------------------------------------


def test_command_first_line_trimmed(tmp_path: Path) -> None:
    command = script(tmp_path, f"print('  {SECRET}  ')\nprint('login: sam')")
    assert get_password(account(password_command=command)) == SECRET


def test_command_arguments_are_quoted_as_in_a_shell(tmp_path: Path) -> None:
    command = script(tmp_path, "print(sys.argv[1] + '|' + sys.argv[2])") + " 'two words' '$HOME'"
    assert get_password(account(password_command=command)) == "two words|$HOME"


def test_command_runs_through_the_shell_like_passcmd(tmp_path: Path) -> None:
    """``gpg -d ~/.mail.gpg | head -1`` as mbsync's PassCmd and msmtp's passwordeval run it:
    a pipeline, ``~`` and ``$VARIABLES`` work."""
    secret_file = tmp_path / "mail.txt"
    secret_file.write_text(f"{SECRET}\nlogin: sam\n")
    command = f"cat {shlex.quote(str(secret_file))} | head -1"
    assert get_password(account(password_command=command)) == SECRET
    assert describe_source(account(password_command=command)) == "command `cat`"


def test_command_expands_home_and_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".mail-password").write_text(SECRET + "\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("MAIL_PASSWORD_FILE", ".mail-password")
    assert get_password(account(password_command='cat ~/"$MAIL_PASSWORD_FILE"')) == SECRET


def test_a_failing_pipeline_gives_one_line_with_the_exit_status(tmp_path: Path) -> None:
    command = f"cat {shlex.quote(str(tmp_path / 'missing.gpg'))} 2>&1 | grep -q nothing-matches"
    with pytest.raises(AuthError) as info:
        get_password(account(password_command=command))
    assert str(info.value) == (
        "account.password_command: command `cat` failed with exit status 1; run it yourself to see why"
    )
    assert "\n" not in str(info.value) and "missing.gpg" not in str(info.value)


def test_command_failure_names_the_program_not_the_output(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    command = script(tmp_path, f"print({SECRET!r})\nprint({SECRET!r}, file=sys.stderr)\nsys.exit(3)")
    with pytest.raises(AuthError) as info:
        get_password(account(password_command=command))
    assert str(info.value) == (
        "account.password_command: command `get-password` failed with exit status 3; run it yourself to see why"
    )
    assert_hidden(info.value)
    assert SECRET not in caplog.text


def test_command_not_found() -> None:
    with pytest.raises(AuthError) as info:
        get_password(account(password_command="no-such-password-tool show mail"))
    assert str(info.value) == (
        "account.password_command: program `no-such-password-tool` not found (exit status 127); "
        "check the command and PATH"
    )


def test_command_printing_nothing(tmp_path: Path) -> None:
    with pytest.raises(AuthError, match="command `get-password` printed no password"):
        get_password(account(password_command=script(tmp_path, "print()")))


def test_command_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets, "COMMAND_TIMEOUT", 0.3)
    with pytest.raises(AuthError, match="command `get-password` did not finish within 0.3 s"):
        get_password(account(password_command=script(tmp_path, "time.sleep(5)")))


def test_command_timeout_ends_the_whole_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shell and every command of its pipeline are ended, not left holding the pipe."""
    monkeypatch.setattr(secrets, "COMMAND_TIMEOUT", 0.3)
    marker = tmp_path / "pids"
    sleeper = script(tmp_path, f"import os\nopen({str(marker)!r}, 'a').write(str(os.getpid()) + '\\n')\ntime.sleep(30)")
    with pytest.raises(AuthError, match="did not finish"):
        get_password(account(password_command=f"{sleeper} | {sleeper} | head -1"))
    pids = [int(p) for p in marker.read_text().split()]
    assert len(pids) == 2
    for pid in pids:  # killed: gone or a zombie within moments (the kernel delivers SIGKILL asynchronously)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _running(pid):
            time.sleep(0.02)
        assert not _running(pid), f"{pid} still runs"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_command_that_cannot_be_split() -> None:
    with pytest.raises(ConfigError, match="account.password_command: cannot split the command"):
        get_password(account(password_command="pass show 'mail/gmail"))


# -- OAuth --------------------------------------------------------------------------


def test_oauth_token(tmp_path: Path) -> None:
    command = script(tmp_path, "print('ya29.abc')", name="oama") + " access sam@example.org"
    oauth = account(oauth2_token_command=command)
    assert get_oauth_token(oauth) == "ya29.abc"
    assert describe_source(oauth) == "OAuth token command `oama`"
    with pytest.raises(ConfigError, match="logs in with oauth2_token_command"):
        get_password(oauth)


def test_oauth_token_command_failure(tmp_path: Path) -> None:
    command = script(tmp_path, f"print({SECRET!r})\nsys.exit(1)", name="oama")
    with pytest.raises(AuthError) as info:
        get_oauth_token(account(oauth2_token_command=command))
    assert str(info.value).startswith("account.oauth2_token_command: command `oama` failed with exit status 1")
    assert_hidden(info.value)


def test_oauth_token_needs_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="account.oauth2_token_command: not set"):
        get_oauth_token(account(password_env="X"))


# -- sources ------------------------------------------------------------------------


def test_two_sources_are_rejected_by_the_config() -> None:
    with pytest.raises(ValueError, match="choose exactly one password source"):
        account(password_env="INBOXCOACH_PASSWORD", password_command="pass show mail")


def test_no_source() -> None:
    with pytest.raises(ConfigError, match="account: no password source"):
        get_password(account())


def test_describe_source() -> None:
    assert describe_source(account(password_env="INBOXCOACH_PASSWORD")) == (
        "environment variable INBOXCOACH_PASSWORD"
    )
    assert describe_source(account(password_command="pass show mail/gmail")) == "command `pass`"
    assert describe_source(account(password_command="/usr/local/bin/get-pw --x")) == "command `get-pw`"
    assert describe_source(account(keyring=True, username="sam")) == (
        'the system keyring (service "inboxcoach", user "sam")'
    )
    assert describe_source(account()) == "no password source"


# -- keyring --------------------------------------------------------------------------


@pytest.fixture
def memory_keyring() -> Any:
    """The keyring package with an in-memory backend in place of the system's."""
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            del self.store[(service, username)]

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield keyring
    keyring.set_keyring(previous)


@pytest.fixture
def file_keyring(tmp_path: Path) -> Any:
    """keyrings.alt's PlaintextKeyring in a temporary file (tests only: it is not encrypted)."""
    keyring = pytest.importorskip("keyring")
    plaintext = pytest.importorskip("keyrings.alt.file")
    backend = plaintext.PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield keyring
    keyring.set_keyring(previous)


def test_keyring(memory_keyring: Any) -> None:
    memory_keyring.set_password("inboxcoach", "sam@example.org", SECRET)
    assert get_password(account(keyring=True)) == SECRET


def test_keyring_uses_the_login(memory_keyring: Any) -> None:
    memory_keyring.set_password("inboxcoach", "sam", SECRET)
    assert get_password(account(keyring=True, username="sam")) == SECRET


def test_keyring_without_an_entry(memory_keyring: Any) -> None:
    with pytest.raises(AuthError) as info:
        get_password(account(keyring=True))
    assert str(info.value) == (
        'account.keyring: no password in the system keyring for service "inboxcoach", '
        'user "sam@example.org"; store one with: inboxcoach password set'
    )


@pytest.fixture
def no_keyring() -> Any:
    """keyring's own "fail" backend: what a machine without any keyring service gets."""
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield keyring
    keyring.set_keyring(previous)


def test_keyring_without_a_backend_says_what_to_install(no_keyring: Any) -> None:
    with pytest.raises(ConfigError) as info:
        get_password(account(keyring=True))
    message = str(info.value)
    assert message == f"account.keyring: {secrets.KEYRING_MISSING}"
    assert "keyrings.alt" in message and "password_env" in message
    assert "No recommended backend" not in message and "\n" not in message  # never keyring's own text


def test_storing_without_a_backend_is_the_same_one_line(no_keyring: Any) -> None:
    with pytest.raises(ConfigError, match="no system keyring is available here"):
        secrets.store_password("sam@example.org", SECRET)


def test_store_password_in_a_file_keyring(file_keyring: Any) -> None:
    """keyrings.alt's plain file backend: a real keyring, written and read back."""
    assert secrets.store_password("sam@example.org", SECRET) == secrets.keyring_name()
    assert file_keyring.get_password("inboxcoach", "sam@example.org") == SECRET
    assert get_password(account(keyring=True)) == SECRET


def test_a_keyring_that_fails_shows_none_of_its_text(file_keyring: Any, tmp_path: Path) -> None:
    file_keyring.get_keyring().file_path = str(tmp_path / "no-such-dir" / "keyring.cfg")
    (tmp_path / "no-such-dir").write_text("a file where the keyring wants a directory")
    with pytest.raises(AuthError) as info:
        secrets.store_password("sam@example.org", SECRET)
    assert str(info.value).endswith("refused to store the password; unlock it and try again, or use password_env")
    assert "Errno" not in str(info.value) and "no-such-dir" not in str(info.value)
    assert_hidden(info.value)
