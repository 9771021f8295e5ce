"""TOML configuration -> validated, frozen :class:`Config`.

Errors name the file and the key (``config.toml: programs["St. Luke's"].domains: ...``:
a program by its name, not its position) and say what was expected, in our words,
never the validator's. They are raised as :class:`ConfigError`, which the CLI prints as
one line with exit code 2.

The tables are msgspec ``Struct`` types: ``msgspec.convert`` checks the types, the
bounds and the unknown keys; each table's ``__post_init__`` checks and normalizes its
values (an address lower-cased, a domain stripped of its ``@``). msgspec imports in a
few milliseconds where pydantic took about 75: every command, the sync and the
add-on's check at Send start with this module. Constructing a table directly runs
the same ``__post_init__`` checks (a ``ValueError``), not the type checks.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
import platformdirs
from msgspec import Meta, Struct, field

from inboxcoach.config_errors import FieldError, explain, key_path, shown
from inboxcoach.core.model import Program
from inboxcoach.errors import ConfigError
from inboxcoach.mail_domains import is_public_mail_domain

APP_NAME = "inboxcoach"
CONFIG_ENV = "INBOXCOACH_CONFIG"
DEFAULT_PLATFORM_SENDERS = ("thalamusgme.com", "aamc.org", "interviewbroker.com")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Port = Annotated[int, Meta(ge=1, le=65535)]
Security = Literal["tls", "starttls", "none"]


class ClockTime(time):
    """``digest.send_at``: a time of day, from TOML as ``"07:30"`` or as a bare
    ``07:30:00`` (msgspec reads only the RFC 3339 form of a time by itself)."""

    @classmethod
    def of(cls, value: object) -> ClockTime:
        if isinstance(value, time):
            return cls(value.hour, value.minute, value.second, value.microsecond)
        if isinstance(value, str):
            match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                raise ValueError(f"expected a time of day as HH:MM, got {value!r}")
            return cls(int(match[1]), int(match[2]))
        raise ValueError(f'expected a time of day such as "07:30", got {shown(value)}')


def _decode_hook(kind: type, value: object) -> object:
    if kind is ClockTime:
        return ClockTime.of(value)
    raise NotImplementedError(kind)


class _Section(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A table of the config: no key beyond its fields, never changed once made."""


def _set(table: _Section, key: str, value: object) -> None:
    msgspec.structs.force_setattr(table, key, value)


def check_email(value: str) -> str:
    """The address, trimmed and lower-cased. Raises ValueError."""
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValueError(f"not an email address: {value!r}")
    return value.lower()


def _emails(key: str, values: tuple[str, ...]) -> tuple[str, ...]:
    try:
        return tuple(check_email(v) for v in values)
    except ValueError as exc:
        raise FieldError(key, str(exc)) from None


class AccountConfig(_Section, frozen=True):
    email: str
    username: str | None = None
    aliases: tuple[str, ...] = ()
    imap_host: str | None = None
    imap_port: Port | None = None
    imap_security: Security = "tls"
    imap_ca_file: str | None = None
    password_env: str | None = None
    password_command: str | None = None
    keyring: bool = False
    oauth2_token_command: str | None = None
    oauth2_mechanism: Literal["XOAUTH2", "OAUTHBEARER"] = "XOAUTH2"
    smtp_host: str | None = None
    smtp_port: Port | None = None
    smtp_security: Security = "tls"
    smtp_username: str | None = None

    def __post_init__(self) -> None:
        _set(self, "email", _emails("email", (self.email,))[0])
        _set(self, "aliases", _emails("aliases", self.aliases))
        sources = [
            name
            for name, set_ in (
                ("password_env", self.password_env),
                ("password_command", self.password_command),
                ("keyring", self.keyring),
                ("oauth2_token_command", self.oauth2_token_command),
            )
            if set_
        ]
        if len(sources) > 1:
            raise ValueError(f"choose exactly one password source, not {' and '.join(sources)}")
        for host, security in ((self.imap_host, self.imap_security), (self.smtp_host, self.smtp_security)):
            if host and security == "none" and host not in ("localhost", "127.0.0.1", "::1"):
                raise ValueError(f"security 'none' is only allowed for localhost, not {host}")

    @property
    def addresses(self) -> frozenset[str]:
        """The applicant's own addresses: the email and its aliases."""
        return frozenset((self.email, *self.aliases))

    @property
    def login(self) -> str:
        return self.username or self.email

    @property
    def password_source(self) -> str | None:
        for name in ("password_env", "password_command", "keyring", "oauth2_token_command"):
            if getattr(self, name):
                return name
        return None


class FoldersConfig(_Section, frozen=True):
    inbox: str | None = None
    sent: str | None = None
    drafts: str | None = None


class SeasonConfig(_Section, frozen=True):
    match_year: Annotated[int, Meta(ge=2000, le=2100)]
    specialty: str = "anesthesiology"
    timezone: str = "America/New_York"
    rank_list_deadline: date | None = None
    match_day: date | None = None

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise FieldError(
                "timezone", f"unknown time zone {self.timezone!r} (use an IANA name such as America/New_York)"
            ) from None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class LimitsConfig(_Section, frozen=True):
    max_contacts_per_program: Annotated[int, Meta(ge=1, le=20)] = 3
    thank_you_window_hours: Annotated[int, Meta(ge=1, le=24 * 30)] = 72
    quiet_after_days: Annotated[int, Meta(ge=1, le=365)] = 7


class DigestConfig(_Section, frozen=True):
    send_at: ClockTime = ClockTime(7, 30)
    to: tuple[str, ...] = ()
    # "smtp": mailed to `to`; "append": put in an `inboxcoach` folder of the mailbox
    # (no SMTP needed); "both"
    deliver: Literal["smtp", "append", "both"] = "smtp"

    def __post_init__(self) -> None:
        if not isinstance(self.send_at, ClockTime):  # made directly, from a time or "HH:MM"
            try:
                _set(self, "send_at", ClockTime.of(self.send_at))
            except ValueError as exc:
                raise FieldError("send_at", str(exc)) from None
        _set(self, "to", _emails("to", self.to))

    @property
    def by_smtp(self) -> bool:
        return self.deliver in ("smtp", "both")

    @property
    def by_append(self) -> bool:
        return self.deliver in ("append", "both")


class PluginConfig(_Section, frozen=True):
    labels: bool = False
    draft_alerts: bool = True


class RulesConfig(_Section, frozen=True):
    ignore: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        from inboxcoach.core.rules import RULE_NAMES  # late: rules import model only

        unknown = [name for name in self.ignore if name not in RULE_NAMES]
        if unknown:
            raise FieldError("ignore", f"unknown rule {unknown[0]!r}; rules are: {', '.join(RULE_NAMES)}")
        _set(self, "ignore", tuple(self.ignore))


class MatchingConfig(_Section, frozen=True):
    platform_senders: tuple[str, ...] = DEFAULT_PLATFORM_SENDERS

    def __post_init__(self) -> None:
        _set(self, "platform_senders", tuple(v.strip().lower().lstrip("@") for v in self.platform_senders if v.strip()))


def _domain(domain: str) -> str:
    domain = domain.strip().lower().lstrip("@")
    if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
        raise FieldError("domains", f"not a domain: {domain!r}")
    if is_public_mail_domain(domain):
        raise FieldError(
            "domains",
            f"{domain} is a public mail domain: anyone can write from it, so it is never "
            "a program's domain; list the coordinator's exact address under contacts instead",
        )
    return domain


class ProgramConfig(_Section, frozen=True):
    name: Annotated[str, Meta(min_length=1)]
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    interview_date: date | None = None
    nrmp: bool = True

    def __post_init__(self) -> None:
        if not self.name:
            raise FieldError("name", "must not be empty")
        _set(self, "aliases", tuple(self.aliases))
        _set(self, "domains", tuple(_domain(d) for d in self.domains))
        _set(self, "contacts", _emails("contacts", self.contacts))
        if not self.domains and not self.contacts:
            raise ValueError("a program needs at least one of domains or contacts")

    def to_program(self) -> Program:
        return Program(
            name=self.name,
            aliases=self.aliases,
            domains=self.domains,
            contacts=self.contacts,
            interview_date=self.interview_date,
            nrmp=self.nrmp,
        )


class Config(_Section, frozen=True):
    account: AccountConfig
    season: SeasonConfig
    folders: FoldersConfig = field(default_factory=FoldersConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    plugin: PluginConfig = field(default_factory=PluginConfig)
    rules: RulesConfig = field(default_factory=RulesConfig)
    matching: MatchingConfig = field(default_factory=MatchingConfig)
    programs: tuple[ProgramConfig, ...] = ()

    def __post_init__(self) -> None:
        _set(self, "programs", tuple(self.programs))
        seen: set[str] = set()
        for program in self.programs:
            if program.name.lower() in seen:
                raise FieldError("programs", f"two programs are named {program.name!r}; give each its own name")
            seen.add(program.name.lower())

    @property
    def program_list(self) -> tuple[Program, ...]:
        return tuple(p.to_program() for p in self.programs)

    @property
    def digest_to(self) -> tuple[str, ...]:
        return self.digest.to or (self.account.email,)


def default_config_path() -> Path:
    """``$INBOXCOACH_CONFIG``, else the platform's user config dir."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def _convert(data: Any, kind: type[Any]) -> Any:
    return msgspec.convert(data, kind, strict=False, dec_hook=_decode_hook)


def parse_config(data: dict[str, Any], source: str = "<config>") -> Config:
    """Validate a parsed TOML document. Raises ConfigError naming the file and key."""
    try:
        config: Config = _convert(data, Config)
    except msgspec.ValidationError as exc:
        loc, reason = explain(exc, data, Config)
        key = key_path(loc, data) or "(top level)"
        raise ConfigError(f"{source}: {key}: {reason}") from None
    return config


def validate_program(data: dict[str, Any], source: str) -> ProgramConfig:
    """Validate one ``[[programs]]`` block given as a dict (``programs add``, a CSV row)
    exactly as the config file's blocks are. Raises ConfigError
    ``{source}: programs["Name"].domains: ...``."""
    wrapped = {"programs": [data]}
    try:
        program: ProgramConfig = _convert(data, ProgramConfig)
    except msgspec.ValidationError as exc:
        loc, reason = explain(exc, data, ProgramConfig)
        where = ("programs", 0, *loc)
        raise ConfigError(f"{source}: {key_path(where, wrapped)}: {reason}") from None
    return program


def load_config(path: Path | str | None = None) -> Config:
    """Read and validate the config file. Raises ConfigError."""
    path = Path(path).expanduser() if path else default_config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no config file here (run `inboxcoach init`, or pass --config)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_config(data, str(path))
