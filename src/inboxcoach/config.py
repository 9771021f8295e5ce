"""TOML configuration -> validated, frozen :class:`Config`.

Errors name the file and the key (``config.toml: programs["St. Luke's"].domains: ...``:
a program by its name, not its position) and say what was expected, in our words,
never pydantic's. They are raised as :class:`ConfigError`, which the CLI prints as
one line with exit code 2.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from datetime import date, time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from inboxcoach.core.model import Program
from inboxcoach.errors import ConfigError
from inboxcoach.mail_domains import is_public_mail_domain

APP_NAME = "inboxcoach"
CONFIG_ENV = "INBOXCOACH_CONFIG"
DEFAULT_PLATFORM_SENDERS = ("thalamusgme.com", "aamc.org", "interviewbroker.com")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValueError(f"not an email address: {value!r}")
    return value.lower()


class AccountConfig(_Section):
    email: str
    username: str | None = None
    aliases: tuple[str, ...] = ()
    imap_host: str | None = None
    imap_port: int | None = Field(default=None, ge=1, le=65535)
    imap_security: Literal["tls", "starttls", "none"] = "tls"
    imap_ca_file: str | None = None
    password_env: str | None = None
    password_command: str | None = None
    keyring: bool = False
    oauth2_token_command: str | None = None
    oauth2_mechanism: Literal["XOAUTH2", "OAUTHBEARER"] = "XOAUTH2"
    smtp_host: str | None = None
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_security: Literal["tls", "starttls", "none"] = "tls"
    smtp_username: str | None = None

    _email = field_validator("email")(classmethod(lambda cls, v: _check_email(v)))

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_email(v) for v in value)

    @model_validator(mode="after")
    def _one_password_source(self) -> AccountConfig:
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
        return self

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


class FoldersConfig(_Section):
    inbox: str | None = None
    sent: str | None = None
    drafts: str | None = None


class SeasonConfig(_Section):
    match_year: int = Field(ge=2000, le=2100)
    specialty: str = "anesthesiology"
    timezone: str = "America/New_York"
    rank_list_deadline: date | None = None
    match_day: date | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as America/New_York)") from None
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class LimitsConfig(_Section):
    max_contacts_per_program: int = Field(default=3, ge=1, le=20)
    thank_you_window_hours: int = Field(default=72, ge=1, le=24 * 30)
    quiet_after_days: int = Field(default=7, ge=1, le=365)


class DigestConfig(_Section):
    send_at: time = time(7, 30)
    to: tuple[str, ...] = ()
    # "smtp": mailed to `to`; "append": put in an `inboxcoach` folder of the mailbox
    # (no SMTP needed); "both"
    deliver: Literal["smtp", "append", "both"] = "smtp"

    @property
    def by_smtp(self) -> bool:
        return self.deliver in ("smtp", "both")

    @property
    def by_append(self) -> bool:
        return self.deliver in ("append", "both")

    @field_validator("send_at", mode="before")
    @classmethod
    def _send_at(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                raise ValueError(f"expected a time of day as HH:MM, got {value!r}")
            return time(int(match[1]), int(match[2]))
        return value

    @field_validator("to")
    @classmethod
    def _to(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_email(v) for v in value)


class PluginConfig(_Section):
    labels: bool = False
    draft_alerts: bool = True


class RulesConfig(_Section):
    ignore: tuple[str, ...] = ()

    @field_validator("ignore")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from inboxcoach.core.rules import RULE_NAMES  # late: rules import model only

        unknown = [name for name in value if name not in RULE_NAMES]
        if unknown:
            raise ValueError(f"unknown rule {unknown[0]!r}; rules are: {', '.join(RULE_NAMES)}")
        return value


class MatchingConfig(_Section):
    platform_senders: tuple[str, ...] = DEFAULT_PLATFORM_SENDERS

    @field_validator("platform_senders")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().lower().lstrip("@") for v in value if v.strip())


class ProgramConfig(_Section):
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    interview_date: date | None = None
    nrmp: bool = True

    @field_validator("domains")
    @classmethod
    def _domains(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for domain in value:
            domain = domain.strip().lower().lstrip("@")
            if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
                raise ValueError(f"not a domain: {domain!r}")
            if is_public_mail_domain(domain):
                raise ValueError(
                    f"{domain} is a public mail domain: anyone can write from it, so it is never "
                    "a program's domain; list the coordinator's exact address under contacts instead"
                )
            out.append(domain)
        return tuple(out)

    @field_validator("contacts")
    @classmethod
    def _contacts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_email(v) for v in value)

    @model_validator(mode="after")
    def _evidence(self) -> ProgramConfig:
        if not self.domains and not self.contacts:
            raise ValueError("a program needs at least one of domains or contacts")
        return self

    def to_program(self) -> Program:
        return Program(
            name=self.name,
            aliases=self.aliases,
            domains=self.domains,
            contacts=self.contacts,
            interview_date=self.interview_date,
            nrmp=self.nrmp,
        )


class Config(_Section):
    account: AccountConfig
    folders: FoldersConfig = FoldersConfig()
    season: SeasonConfig
    limits: LimitsConfig = LimitsConfig()
    digest: DigestConfig = DigestConfig()
    plugin: PluginConfig = PluginConfig()
    rules: RulesConfig = RulesConfig()
    matching: MatchingConfig = MatchingConfig()
    programs: tuple[ProgramConfig, ...] = Field(default=(), alias="programs")

    @field_validator("programs")
    @classmethod
    def _unique_names(cls, programs: tuple[ProgramConfig, ...]) -> tuple[ProgramConfig, ...]:
        seen: set[str] = set()
        for program in programs:
            if program.name.lower() in seen:
                raise ValueError(f"two programs are named {program.name!r}; give each its own name")
            seen.add(program.name.lower())
        return programs

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


def program_key(name: str) -> str:
    """How errors name a program: ``programs["St. Luke's"]``."""
    return 'programs["' + name.replace("\\", "\\\\").replace('"', '\\"') + '"]'


def _key_path(loc: tuple[int | str, ...], data: Any) -> str:
    """``programs["Riverside"].domains`` for a pydantic location; a program is named
    by its name when it has one, else by its position (``programs[2]``)."""
    out = ""
    node = data
    for part in loc:
        child = None
        if isinstance(part, int):
            name = None
            if isinstance(node, list) and 0 <= part < len(node):
                child = node[part]
                if isinstance(child, dict) and isinstance(child.get("name"), str) and child["name"].strip():
                    name = child["name"]
            out = program_key(name) if name is not None and out == "programs" else f"{out}[{part}]"
        else:
            if isinstance(node, dict):
                child = node.get(part)
            out += ("." if out else "") + str(part)
        node = child
    return out


def _value_at(loc: tuple[int | str, ...], data: Any) -> Any:
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def _shown(value: Any) -> str:
    """A short rendering of a wrong value for the message (no value is a secret in the
    config: password sources name a variable or a command, never the password)."""
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    text = json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (str, list, dict)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_EXPECTED: dict[str, str] = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "a text in quotes",
    "date_type": "a date such as 2026-11-12 (no quotes)",
    "date_parsing": "a date such as 2026-11-12 (no quotes)",
    "date_from_datetime_parsing": "a date such as 2026-11-12 (no quotes)",
    "date_from_datetime_inexact": "a date such as 2026-11-12 (no quotes, no time)",
    "time_type": 'a time of day such as "07:30"',
    "time_parsing": 'a time of day such as "07:30"',
    "tuple_type": 'a list in brackets, e.g. ["a", "b"]',
    "list_type": 'a list in brackets, e.g. ["a", "b"]',
    "dict_type": "a table (a [section] with keys)",
    "model_type": "a table (a [section] with keys)",
    "model_attributes_type": "a table (a [section] with keys)",
}


def _reason(error: Any, data: Any, loc: tuple[int | str, ...]) -> str:
    """What was wrong, in our words (pydantic's "Input should be ..." never shows)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown key (check its spelling and its [section])"
    if kind == "missing":
        return "required key is missing"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", '"')
        return f"expected one of {expected}, got {_shown(_value_at(loc, data))}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most",
                 "greater_than": "more than", "less_than": "less than"}[kind]  # fmt: skip
        limit = next(iter(ctx.values()), "?")
        return f"expected a number {bound} {limit}, got {_shown(_value_at(loc, data))}"
    if kind == "string_too_short":
        return "must not be empty"
    if loc == ("programs",) and kind in ("tuple_type", "list_type"):
        return "expected one [[programs]] block per program"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_shown(_value_at(loc, data))}"
    return f"invalid value {_shown(_value_at(loc, data))}"


def parse_config(data: dict[str, Any], source: str = "<config>") -> Config:
    """Validate a parsed TOML document. Raises ConfigError naming the file and key."""
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        key = _key_path(loc, data) or "(top level)"
        raise ConfigError(f"{source}: {key}: {_reason(error, data, loc)}") from None


def validate_program(data: dict[str, Any], source: str) -> ProgramConfig:
    """Validate one ``[[programs]]`` block given as a dict (``programs add``, a CSV row)
    exactly as the config file's blocks are. Raises ConfigError
    ``{source}: programs["Name"].domains: ...``."""
    wrapped = {"programs": [data]}
    try:
        return ProgramConfig.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = ("programs", 0, *(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-"))))
        raise ConfigError(f"{source}: {_key_path(loc, wrapped)}: {_reason(error, wrapped, loc)}") from None


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
