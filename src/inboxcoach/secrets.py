"""The account's password or OAuth token, from exactly one configured source.

Sources (``[account]`` in the config; the config already rejects more than one):
``password_env`` (an environment variable), ``password_command`` (a command such as
``pass show mail/gmail`` or ``gpg -d ~/.mail.gpg | head -1``, run through ``/bin/sh``
as mbsync's ``PassCmd`` and msmtp's ``passwordeval`` are), ``keyring = true`` (the
system keyring, service ``inboxcoach``, user = the login; ``inboxcoach password set``
stores it there) and ``oauth2_token_command`` (a command that prints a fresh access
token, e.g. ``oama access me@gmail.com``, run the same way).

Errors say which source was used and what to check. They never contain the secret,
nor a command's output or error output (either might hold the secret, or a
passphrase prompt's echo): only the program's name and its exit status; nor the
keyring library's own exception text. Nothing here logs a secret.
"""

from __future__ import annotations

import logging
import os
import shlex
import signal
import subprocess
from pathlib import Path
from typing import Any

from inboxcoach.config import AccountConfig
from inboxcoach.errors import AuthError, ConfigError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "inboxcoach"
COMMAND_TIMEOUT = 30.0


def describe_source(account: AccountConfig) -> str:
    """Where the secret comes from, for messages: ``environment variable INBOXCOACH_PASSWORD``,
    ``command `pass```, ``the system keyring (service "inboxcoach", user "sam@example.org")``,
    ``OAuth token command `oama```, or ``no password source`` when none is configured."""
    if account.password_env:
        return f"environment variable {account.password_env}"
    if account.password_command:
        return f"command `{_program(account.password_command)}`"
    if account.keyring:
        return f'the system keyring (service "{KEYRING_SERVICE}", user "{account.login}")'
    if account.oauth2_token_command:
        return f"OAuth token command `{_program(account.oauth2_token_command)}`"
    return "no password source"


def get_password(account: AccountConfig) -> str:
    """The IMAP password from the account's one password source.

    Raises ConfigError when no password source is configured (or the account uses
    OAuth, see :func:`get_oauth_token`), and AuthError when the source gives nothing.
    """
    if account.password_env:
        return _from_env(account.password_env)
    if account.password_command:
        return _from_command(account.password_command, "account.password_command", "password")
    if account.keyring:
        return _from_keyring(account.login)
    if account.oauth2_token_command:
        raise ConfigError("account: this account logs in with oauth2_token_command, not a password")
    raise ConfigError(
        "account: no password source; set one of password_env, password_command, "
        "keyring = true or oauth2_token_command"
    )


def get_oauth_token(account: AccountConfig) -> str:
    """A fresh OAuth access token from ``oauth2_token_command``.

    Raises ConfigError when the account has no token command, AuthError when the
    command fails or prints nothing.
    """
    if not account.oauth2_token_command:
        raise ConfigError("account.oauth2_token_command: not set (needed for an OAuth login)")
    return _from_command(account.oauth2_token_command, "account.oauth2_token_command", "access token")


def _from_env(name: str) -> str:
    value = os.environ.get(name)
    if value is None:
        raise AuthError(
            f"account.password_env: environment variable {name} is not set; "
            f"export it in the environment inboxcoach runs in"
        )
    if not value:
        raise AuthError(f"account.password_env: environment variable {name} is empty")
    return value


def _program(command: str) -> str:
    """The program's name (without arguments or directory) for messages."""
    try:
        argv = shlex.split(command)
    except ValueError:
        return "?"
    return Path(argv[0]).name if argv else "?"


def _from_command(command: str, key: str, what: str) -> str:
    """The first line a shell command prints. The command runs through ``/bin/sh -c``
    in a session of its own, so a pipeline works and a timeout ends every process of
    it. Its output and error output are never shown (either might hold the secret)."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise ConfigError(f"{key}: cannot split the command into words: {exc}") from None
    if not argv:
        raise ConfigError(f"{key}: the command is empty")
    program = Path(argv[0]).name
    log.debug("running %s for the %s", key, what)
    try:
        process = subprocess.Popen(
            command,
            shell=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise AuthError(f"{key}: command `{program}` could not be started: {exc.strerror}") from None
    try:
        stdout, _stderr = process.communicate(timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_session(process)
        raise AuthError(
            f"{key}: command `{program}` did not finish within {COMMAND_TIMEOUT:g} s "
            "(is it waiting for a passphrase?)"
        ) from None
    if process.returncode == 127:
        raise AuthError(f"{key}: program `{argv[0]}` not found (exit status 127); check the command and PATH")
    if process.returncode == 126:
        raise AuthError(f"{key}: program `{argv[0]}` cannot be run (exit status 126; is it executable?)")
    if process.returncode != 0:
        raise AuthError(
            f"{key}: command `{program}` failed with exit status {process.returncode}; "
            "run it yourself to see why"
        )
    lines = stdout.decode("utf-8", "replace").splitlines()
    secret = lines[0].strip() if lines else ""
    if not secret:
        raise AuthError(f"{key}: command `{program}` printed no {what} (its first line is empty)")
    return secret


def _kill_session(process: subprocess.Popen[bytes]) -> None:
    """End the shell and everything it started (a pipeline's other commands too)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


# -- the system keyring ---------------------------------------------------------------

KEYRING_MISSING = (
    "no system keyring is available here: install and unlock one (GNOME Keyring or KWallet, "
    "through the Secret Service; or `pip install keyrings.alt` for an encrypted file), "
    "or use password_env or password_command instead"
)


def _keyring() -> Any:
    """The keyring package with a usable backend. Raises ConfigError with
    :data:`KEYRING_MISSING` when there is none (or the package is missing)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        raise ConfigError(f"account.keyring: {KEYRING_MISSING}") from None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a backend failing to load is "no keyring", its text stays out
        raise ConfigError(f"account.keyring: {KEYRING_MISSING}") from None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        raise ConfigError(f"account.keyring: {KEYRING_MISSING}")
    return keyring


def keyring_name() -> str:
    """The name of the keyring backend in use (for messages). Raises ConfigError."""
    backend = _keyring().get_keyring()
    name = getattr(backend, "name", "") or type(backend).__name__
    return str(name)


def store_password(login: str, password: str) -> str:
    """Store ``password`` in the system keyring (service "inboxcoach", user ``login``)
    and read it back. Returns the backend's name.

    Raises ConfigError when there is no usable keyring, AuthError when it refuses to
    store or return the password. Neither message holds the password or the keyring
    library's own text.
    """
    keyring = _keyring()
    where = f'the system keyring ({keyring_name()}, service "{KEYRING_SERVICE}", user "{login}")'
    try:
        keyring.set_password(KEYRING_SERVICE, login, password)
        stored = keyring.get_password(KEYRING_SERVICE, login)
    except Exception:  # noqa: BLE001 - every backend has its own errors; none of their text is shown
        raise AuthError(f"{where} refused to store the password; unlock it and try again, or use password_env") from None
    if stored != password:
        raise AuthError(f"{where} did not keep the password; use password_env or password_command instead")
    log.debug("stored the password in the keyring for %s", login)
    return keyring_name()


def _from_keyring(login: str) -> str:
    keyring = _keyring()
    try:
        password = keyring.get_password(KEYRING_SERVICE, login)
    except Exception:  # noqa: BLE001 - a locked or broken keyring: one line, not its text
        raise AuthError(
            f"account.keyring: the system keyring could not be read ({keyring_name()}); "
            "unlock it, or use password_env or password_command"
        ) from None
    if not password:
        raise AuthError(
            f'account.keyring: no password in the system keyring for service "{KEYRING_SERVICE}", '
            f'user "{login}"; store one with: inboxcoach password set'
        )
    return str(password)
