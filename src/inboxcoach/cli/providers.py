"""Mail providers: their IMAP/SMTP settings and how their users log in (2026).

Pure data, one lookup (:func:`detect_provider`) and the validators ``inboxcoach init``
uses for its questions. Host names, ports and login rules follow the providers' own
help pages as of 2026; an unknown domain gets guessed hosts, marked as guessed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inboxcoach.config import check_email
from inboxcoach.errors import InboxcoachError


@dataclass(frozen=True)
class Provider:
    """A mail provider's server settings and how its users log in.

    ``auth`` is ``"password"`` (an app password or the account password) or
    ``"oauth"`` (passwords are refused: only an OAuth token command works).
    ``guessed`` marks settings derived from the domain rather than known.
    """

    key: str
    name: str
    domains: tuple[str, ...]
    imap_host: str
    imap_port: int
    imap_security: Literal["tls", "starttls"]
    smtp_host: str
    smtp_port: int
    smtp_security: Literal["tls", "starttls"]
    auth: Literal["password", "oauth"]
    oauth: bool
    password_note: str
    notes: tuple[str, ...] = ()
    short_username: bool = False
    guessed: bool = False

    @property
    def host_note(self) -> str:
        """A trailing comment for the host lines: empty, or a warning that they are guessed."""
        return "a guess: check your provider's IMAP/SMTP settings" if self.guessed else ""

    @property
    def summary(self) -> str:
        """``imap.gmail.com:993 (tls), smtp.gmail.com:465 (tls)``."""
        return (
            f"IMAP {self.imap_host}:{self.imap_port} ({self.imap_security}), "
            f"SMTP {self.smtp_host}:{self.smtp_port} ({self.smtp_security})"
        )


GMAIL = Provider(
    key="gmail",
    name="Gmail",
    domains=("gmail.com", "googlemail.com"),
    imap_host="imap.gmail.com",
    imap_port=993,
    imap_security="tls",
    smtp_host="smtp.gmail.com",
    smtp_port=465,
    smtp_security="tls",
    auth="password",
    oauth=True,
    password_note=(
        "Gmail refuses your normal password here: create an app password (it needs "
        "2-Step Verification; myaccount.google.com/apppasswords), or log in with OAuth "
        "through a token command such as oama (scope https://mail.google.com/)."
    ),
    notes=("Google Workspace accounts may allow only OAuth: then use oauth2_token_command.",),
)
OUTLOOK = Provider(
    key="outlook",
    name="Outlook / Microsoft 365",
    domains=("outlook.com", "hotmail.com", "live.com", "msn.com"),
    imap_host="outlook.office365.com",
    imap_port=993,
    imap_security="tls",
    smtp_host="smtp.office365.com",
    smtp_port=587,
    smtp_security="starttls",
    auth="oauth",
    oauth=True,
    password_note="Microsoft accepts only OAuth: set oauth2_token_command.",
    notes=("IMAP and SMTP accept only OAuth2 here; see the password section below.",),
)
ICLOUD = Provider(
    key="icloud",
    name="iCloud Mail",
    domains=("icloud.com", "me.com", "mac.com"),
    imap_host="imap.mail.me.com",
    imap_port=993,
    imap_security="tls",
    smtp_host="smtp.mail.me.com",
    smtp_port=587,
    smtp_security="starttls",
    auth="password",
    oauth=False,
    password_note=(
        "iCloud needs an app-specific password (account.apple.com > Sign-In and "
        "Security; it needs two-factor authentication). iCloud has no OAuth for mail."
    ),
    short_username=True,
)
YAHOO = Provider(
    key="yahoo",
    name="Yahoo Mail",
    domains=("yahoo.com", "ymail.com"),
    imap_host="imap.mail.yahoo.com",
    imap_port=993,
    imap_security="tls",
    smtp_host="smtp.mail.yahoo.com",
    smtp_port=465,
    smtp_security="tls",
    auth="password",
    oauth=False,
    password_note=(
        "Yahoo needs an app password (Account Security > Generate app password), "
        "not your normal password."
    ),
)
GENERIC = Provider(
    key="generic",
    name="your mail provider (settings guessed from the domain)",
    domains=(),
    imap_host="imap.example.org",
    imap_port=993,
    imap_security="tls",
    smtp_host="smtp.example.org",
    smtp_port=465,
    smtp_security="tls",
    auth="password",
    oauth=True,
    password_note=(
        "Use the password your provider gives mail programs (some call it an app "
        "password); if it supports OAuth, use oauth2_token_command instead."
    ),
    notes=(
        "The host names below are a guess (imap./smtp. + your domain): look up your",
        "provider's IMAP and SMTP settings and correct them, then run `inboxcoach check`.",
    ),
    guessed=True,
)
PROVIDERS: tuple[Provider, ...] = (GMAIL, OUTLOOK, ICLOUD, YAHOO, GENERIC)
PROVIDER_KEYS: tuple[str, ...] = tuple(p.key for p in PROVIDERS)


def validate_email(text: str) -> str:
    """The address, trimmed and lower-cased, as the config stores it. Raises ValueError."""
    return check_email(text)


def validate_timezone(name: str) -> str:
    """The IANA time zone name, trimmed. Raises ValueError for an unknown zone."""
    name = name.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as America/New_York)") from None
    return name


def default_match_year(today: date) -> int:
    """The Match an applicant is most likely in: next year's from July on, else this year's."""
    return today.year + 1 if today.month > 6 else today.year


def detect_provider(email: str, override: str | None = None) -> Provider:
    """The provider for ``email``: by ``override`` (a key of :data:`PROVIDER_KEYS`) or
    else by the address's domain; unknown domains get :data:`GENERIC` with
    ``imap.<domain>``/``smtp.<domain>`` filled in. Raises InboxcoachError for an
    unknown override and ValueError for an invalid address."""
    domain = validate_email(email).rsplit("@", 1)[1]
    if override is not None:
        found = {p.key: p for p in PROVIDERS}.get(override.strip().lower())
        if found is None:
            raise InboxcoachError(f"unknown provider {override!r}; choose one of: {', '.join(PROVIDER_KEYS)}")
    else:
        found = next((p for p in PROVIDERS if domain in p.domains), GENERIC)
    if found.guessed:
        return dataclasses.replace(found, imap_host=f"imap.{domain}", smtp_host=f"smtp.{domain}")
    return found
