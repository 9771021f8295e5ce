"""The account's password or OAuth token, from exactly one configured source.

Sources (``[account]`` in the config; the config already rejects more than one):
``password_env`` (an environment variable), ``password_command`` (a command such as
``pass show mail/gmail``, run without a shell), ``keyring = true`` (the system keyring,
service ``inboxcoach``, user = the login) and ``oauth2_token_command`` (a command that
prints a fresh access token, e.g. ``oama access me@gmail.com``).

Errors say which source was used and what to check. They never contain the secret,
nor a command's output (which might be the secret): only the program's name and its
exit status. Nothing here logs a secret.
"""

from __future__ import annotations

import logging
import os
import shlex
import subprocess
from pathlib import Path

from .config import AccountConfig
from .errors import AuthError, ConfigError

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
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise ConfigError(f"{key}: cannot split the command into words: {exc}") from None
    if not argv:
        raise ConfigError(f"{key}: the command is empty")
    program = Path(argv[0]).name
    log.debug("running %s for the %s", key, what)
    try:
        result = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise AuthError(f"{key}: program `{argv[0]}` not found; check the command and PATH") from None
    except PermissionError:
        raise AuthError(f"{key}: program `{argv[0]}` cannot be run (is it executable?)") from None
    except subprocess.TimeoutExpired:
        raise AuthError(
            f"{key}: command `{program}` did not finish within {COMMAND_TIMEOUT:g} s "
            "(is it waiting for a passphrase?)"
        ) from None
    except OSError as exc:
        raise AuthError(f"{key}: command `{program}` could not be started: {exc.strerror}") from None
    if result.returncode != 0:
        raise AuthError(
            f"{key}: command `{program}` failed with exit status {result.returncode}; "
            "run it yourself to see why"
        )
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    secret = lines[0].strip() if lines else ""
    if not secret:
        raise AuthError(f"{key}: command `{program}` printed no {what} (its first line is empty)")
    return secret


def _from_keyring(login: str) -> str:
    try:
        import keyring
        import keyring.errors
    except ImportError:
        raise ConfigError("account.keyring: the keyring package is not installed (pip install keyring)") from None
    try:
        password = keyring.get_password(KEYRING_SERVICE, login)
    except keyring.errors.KeyringError as exc:
        raise AuthError(f"account.keyring: the system keyring cannot be read ({type(exc).__name__}: {exc})") from None
    if not password:
        raise AuthError(
            f'account.keyring: no password in the system keyring for service "{KEYRING_SERVICE}", '
            f'user "{login}"; store one with: keyring set {KEYRING_SERVICE} {login}'
        )
    return password
