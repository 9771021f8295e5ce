"""Getting started: ``inboxcoach init`` (a commented config for the user's provider) and
``inboxcoach check`` (is the config valid, do IMAP and SMTP logins work, which folders
will be watched).

:func:`render_config` is pure (the provider table is in :mod:`inboxcoach.cli.providers`,
re-exported here). :func:`init_config` writes one file; :func:`check` talks to the
servers and turns every failure into one line of a :class:`CheckReport`, so one
problem never hides the next. No line holds a secret: the errors it reports come
from :mod:`inboxcoach.sources.imap.connection`, :mod:`inboxcoach.service.smtp` and :mod:`inboxcoach.secrets`,
which name the password source, never the password.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from rich.console import Console
from rich.markup import escape

from inboxcoach.cli.config_edit import EXAMPLE_DOMAIN  # the example program's domain, one name for both
from inboxcoach.cli.providers import (
    GENERIC,
    GMAIL,
    ICLOUD,
    OUTLOOK,
    PROVIDER_KEYS,
    PROVIDERS,
    YAHOO,
    Provider,
    default_match_year,
    detect_provider,
    validate_email,
    validate_timezone,
)
from inboxcoach.config import AccountConfig, parse_config
from inboxcoach.core.calendar import SeasonCalendar
from inboxcoach.errors import ConfigError, InboxcoachError

if TYPE_CHECKING:
    pass

__all__ = [
    "DEFAULT_TIMEZONE",
    "EXAMPLE_DOMAIN",
    "GENERIC",
    "GMAIL",
    "ICLOUD",
    "OUTLOOK",
    "PASSWORD_ENV",
    "PROVIDERS",
    "PROVIDER_KEYS",
    "YAHOO",
    "Asker",
    "Provider",
    "default_match_year",
    "detect_provider",
    "ensure_writable",
    "first_run",
    "init_config",
    "next_steps",
    "print_init",
    "render_config",
    "validate_email",
    "validate_timezone",
]

DEFAULT_TIMEZONE = "America/New_York"
PASSWORD_ENV = "INBOXCOACH_PASSWORD"


def _toml_string(value: object) -> str:
    """``value`` as a TOML basic string (quotes, backslashes and control characters escaped)."""
    out = ['"']
    for char in str(value):
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _note(text: str, comment: str, column: int = 41) -> str:
    """``text`` with ``# comment`` aligned at ``column`` (at least one space between);
    a commented-out key aligns one further, its value under the live keys' values."""
    if not comment:
        return text
    if text.startswith("# "):
        column += 1
    return f"{text}{' ' * max(column - len(text), 1)}# {comment}"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("inboxcoach", "templates"),
        autoescape=False,  # TOML, not HTML: values are escaped by the toml filter
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["toml"] = _toml_string
    env.filters["note"] = _note
    return env


def render_config(
    email: str,
    provider: Provider,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    match_year: int,
    programs: Sequence[tuple[str, str]] = (),
) -> str:
    """A fully commented config file (TOML text) for ``email`` at ``provider``.

    ``programs`` are (name, domain) pairs, one ``[[programs]]`` block each; without
    them the file holds one example block on a reserved ``.example`` domain. Raises
    ValueError for an invalid address or time zone, ConfigError if the result would
    not load (a bug or an invalid program).
    """
    email = validate_email(email)
    timezone = validate_timezone(timezone)
    calendar = SeasonCalendar.build(match_year)
    text = _environment().get_template("config.toml.j2").render(
        email=email,
        local_part=email.split("@", 1)[0],
        example_domain=EXAMPLE_DOMAIN,
        provider=provider,
        timezone=timezone,
        match_year=match_year,
        match_day=calendar.match_day.isoformat(),
        rank_list_deadline=calendar.rank_deadline.date().isoformat(),
        programs=[(name, domain.strip().lower().lstrip("@")) for name, domain in programs],
    )
    parse_config(tomllib.loads(text), "generated config")  # it must load as written
    return text


def ensure_writable(path: Path, *, force: bool) -> None:
    """Raise InboxcoachError when ``init`` must not write ``path``: it is a directory, or a
    file is there and ``force`` is false (the CLI asks this before its questions)."""
    if path.is_dir():
        raise InboxcoachError(f"{path}: is a directory; give the path of the config file")
    if path.exists() and not force:
        raise InboxcoachError(f"{path}: a config file is already there; pass --force to overwrite it")


def init_config(
    path: Path,
    *,
    email: str,
    provider: str | None,
    timezone: str,
    match_year: int,
    force: bool,
    programs: Sequence[tuple[str, str]] = (),
) -> Path:
    """Write a commented config for ``email`` to ``path`` (mode 0600, parent
    directories created) and return the path.

    ``provider`` is a key of :data:`PROVIDER_KEYS`, or None to detect it from the
    address. Raises InboxcoachError when the file exists and ``force`` is false,
    ConfigError for an invalid address or time zone, and InboxcoachError when the
    file cannot be written.
    """
    path = Path(path).expanduser()
    try:
        chosen = detect_provider(email, provider)
        text = render_config(email, chosen, timezone=timezone, match_year=match_year, programs=programs)
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    ensure_writable(path, force=force)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, flags, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)  # an overwritten file may have been wider
            handle.write(text)
    except FileExistsError:
        raise InboxcoachError(f"{path}: a config file is already there; pass --force to overwrite it") from None
    except OSError as exc:
        raise InboxcoachError(f"{path}: cannot write: {exc.strerror}") from None
    return path


def next_steps(path: Path, provider: Provider) -> list[str]:
    """What the user does after ``init``, one instruction per line: no TOML to edit."""
    steps = []
    if provider.guessed:
        steps.append(f"Check imap_host and smtp_host in {path}: they are guessed from your domain.")
    if provider.auth == "oauth":
        steps.append(
            "Set up an OAuth token command (e.g. oama) for your account and uncomment "
            f"account.oauth2_token_command in {path}: Microsoft refuses passwords."
        )
    else:
        steps.append(
            f"Store your {'app ' if provider.key in ('gmail', 'yahoo', 'icloud') else ''}password in the system "
            f"keyring: `inboxcoach password set` (or export {PASSWORD_ENV}=... where inboxcoach runs)."
        )
    steps.append("Read your mail and find your programs: `inboxcoach sync`, then `inboxcoach programs suggest --write`.")
    steps.append("Run `inboxcoach check` to test the logins and see the folders it will watch.")
    steps.append("Start the daemon: `inboxcoach run` (or under systemd, see the README).")
    return steps


# -- after init: password, first sync, programs ------------------------------------


@dataclass(frozen=True)
class Asker:
    """How the first-run set-up asks: a yes/no question, and a hidden password prompt
    (click's in a terminal; scripted answers in tests)."""

    confirm: Callable[[str], bool]
    password: Callable[[str], str]


def first_run(console: Console, path: Path, db_path: Path, ask: Asker) -> bool:
    """After ``init``: store the password, read the mailbox once and add the programs
    found in it, asking before each step, so a new user ends with a working config.

    Returns True when programs were added. Problems (no keyring, a refused login)
    end it with one line saying what to do next; they never raise.
    """
    from inboxcoach import secrets
    from inboxcoach.cli import programs as program_setup
    from inboxcoach.cli.commands import sync, sync_summary
    from inboxcoach.cli.config_edit import use_keyring
    from inboxcoach.config import load_config

    config = load_config(path)
    account = config.account

    def say(text: str) -> None:
        console.print(escape(text))

    if _needs_oauth(account):
        say("Your provider needs an OAuth token command first (see above); then run `inboxcoach sync`.")
        return False
    if not account.oauth2_token_command and not _password_ready(account):
        if not ask.confirm("Store your mail password in the system keyring now?"):
            say("Later: `inboxcoach password set`, then `inboxcoach sync` and `inboxcoach programs suggest --write`.")
            return False
        try:
            secrets.keyring_name()
            secrets.store_password(account.login, ask.password(f"Password for {account.login}"))
            use_keyring(path)
        except InboxcoachError as exc:
            say(f"{exc}")
            return False
        config = load_config(path)
        say(f'Stored in the system keyring; {path} now says keyring = true.')
    if not ask.confirm("Read your mailbox now (Inbox, Sent, Drafts; nothing is marked read) and suggest your programs?"):
        say("Later: `inboxcoach sync`, then `inboxcoach programs suggest --write`.")
        return False
    try:
        say(sync_summary(sync(config, db_path)))
        found = program_setup.find_programs(config, db_path)
    except InboxcoachError as exc:
        say(f"{exc}")
        return False
    suggestions = found.suggestions.programs
    if not suggestions:
        say("No programs found in your mail yet; add them with `inboxcoach programs add` or `programs import FILE.csv`.")
        return False
    program_setup.print_found(console, found)
    added = program_setup.write_suggestions(
        path, suggestions, lambda s: ask.confirm(f"Add {s.name} ({s.evidence.summary()})?")
    )
    say(f"Added {len(added)} program{'s' if len(added) != 1 else ''} to {path}.")
    if added:
        try:
            say(sync_summary(sync(load_config(path), db_path)))  # their mail is read as program mail now
        except InboxcoachError as exc:
            say(f"{exc}")
        say("Next: `inboxcoach check`, then `inboxcoach run`.")
    return bool(added)


def _needs_oauth(account: AccountConfig) -> bool:
    """A Microsoft account without its OAuth token command yet: no password works."""
    if account.oauth2_token_command:
        return False
    return account.imap_host == OUTLOOK.imap_host or detect_provider(account.email, None).auth == "oauth"


def _password_ready(account: AccountConfig) -> bool:
    """Whether the configured password source gives a password right now."""
    from inboxcoach.secrets import get_password

    try:
        get_password(account)
    except InboxcoachError:
        return False
    return True


def print_init(console: Console, path: Path, provider: Provider) -> None:
    """Print what ``init`` wrote (never a secret) and the numbered next steps."""
    console.print(f"Wrote {escape(str(path))} for {escape(provider.name)}: {escape(provider.summary)}.")
    console.print("Next:")
    for number, step in enumerate(next_steps(path, provider), 1):
        console.print(f"  {number}. {escape(step)}")
