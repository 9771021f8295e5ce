"""Sending inboxcoach's own mail: the daily digest and draft alerts (aiosmtplib).

Two halves: building a message is pure (:func:`build_digest_email`,
:func:`build_alert_email`); sending is one short-lived connection per message
(:func:`send_message`, :func:`send_with_retry`), plus :func:`check_login` for
``inboxcoach check``.

Mail goes only to the configured digest address(es) (SPEC "Never"): the builders
address nothing else and :func:`send_message` refuses a message whose recipients are
not all among them, before any connection is made. Every message carries
``Auto-Submitted: auto-generated`` and ``X-Inboxcoach`` so that inboxcoach's own mail
is never mistaken for mail about a program.

Errors: :class:`~inboxcoach.errors.SmtpError` with ``temporary`` set for connection
problems, disconnects, timeouts and 4xx replies (worth retrying) and cleared for 5xx
replies and refused recipients; :class:`~inboxcoach.errors.AuthError` when the login
is refused or the secret cannot be read. Messages name ``host:port`` and the password
source, never the secret.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import ssl
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from typing import Any

import aiosmtplib
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential, wait_random

from inboxcoach.config import AccountConfig, Config
from inboxcoach.core.digest import Digest
from inboxcoach.core.model import Finding
from inboxcoach.errors import AuthError, ConfigError, SmtpError
from inboxcoach.secrets import describe_source, get_oauth_token, get_password

log = logging.getLogger(__name__)

MESSAGE_ID_DOMAIN = "inboxcoach.invalid"
DEFAULT_PORTS = {"tls": 465, "starttls": 587, "none": 25}
_SECURITY_LABEL = {"tls": "TLS", "starttls": "STARTTLS", "none": "no TLS"}

#: What delivery calls to send one message: :func:`send_with_retry`, or a fake in tests.
Sender = Callable[[EmailMessage, Config], Awaitable[None]]


# -- building messages (pure) ---------------------------------------------------


def _account_tag(config: Config) -> str:
    return hashlib.sha1(config.account.email.encode("utf-8")).hexdigest()[:10]


def digest_message_id(config: Config, day: date) -> str:
    """The Message-ID of the digest for ``day``: the same for every attempt on that day,
    so a receiver drops a copy that a retry after a lost reply sent again."""
    return f"<inboxcoach-digest-{day.isoformat()}.{_account_tag(config)}@{MESSAGE_ID_DOMAIN}>"


def _base_message(config: Config, subject: str, kind: str, when: datetime | None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = Address(addr_spec=config.account.email)
    message["To"] = ", ".join(config.digest_to)
    message["Subject"] = subject
    if when is not None:
        message["Date"] = format_datetime(when)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Inboxcoach"] = kind
    return message


def build_digest_email(
    digest: Digest,
    config: Config,
    day: date,
    *,
    when: datetime | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """The digest as a multipart/alternative mail (text/plain, then text/html).

    From the account's address to ``config.digest_to``, with the stable
    :func:`digest_message_id` for ``day`` (or ``message_id`` when given: the one the
    store recorded for an earlier attempt). ``when`` is the Date header (aware); left
    out, the sending server adds one.
    """
    message = _base_message(config, digest.subject, "digest", when)
    message["Message-ID"] = message_id or digest_message_id(config, day)
    message.set_content(digest.text)
    message.add_alternative(digest.html, subtype="html")
    return message


def alert_subject(draft_subject: str) -> str:
    """``Before you send: "<draft subject>"`` (``(no subject)`` for an empty one)."""
    shown = " ".join(draft_subject.split()) or "(no subject)"
    if len(shown) > 80:
        shown = shown[:79] + "…"
    return f'Before you send: "{shown}"'


def build_alert_email(
    findings: Sequence[Finding],
    config: Config,
    draft_subject: str,
    *,
    when: datetime | None = None,
) -> EmailMessage:
    """A short alert about one risky draft: the subject names the draft, the body holds
    only the findings' texts (never the draft's words). Raises ValueError for no findings."""
    if not findings:
        raise ValueError("an alert needs at least one finding")
    message = _base_message(config, alert_subject(draft_subject), "draft-alert", when)
    message["Message-ID"] = make_msgid("inboxcoach-alert", domain=MESSAGE_ID_DOMAIN)
    lines = [
        f'A draft in your mailbox ("{" ".join(draft_subject.split()) or "(no subject)"}") '
        "has something to look at before it goes out:",
        "",
    ]
    for finding in findings:
        programs = f" ({', '.join(finding.programs)})" if finding.programs else ""
        lines.append(f"- {finding.text}{programs}")
    lines += [
        "",
        "Nothing has been sent or changed; the draft is still yours to edit.",
        "-- inboxcoach",
    ]
    message.set_content("\n".join(lines))
    return message


# -- sending ----------------------------------------------------------------------


def port_of(account: AccountConfig) -> int:
    """The SMTP port: configured, else 465 for tls, 587 for starttls, 25 for none."""
    return account.smtp_port or DEFAULT_PORTS[account.smtp_security]


def _where(account: AccountConfig) -> str:
    return f"{account.smtp_host}:{port_of(account)}"


def _recipients(message: EmailMessage) -> list[str]:
    values = [str(v) for field in ("To", "Cc", "Bcc") for v in message.get_all(field, [])]
    return [addr.strip().lower() for _, addr in getaddresses(values) if addr.strip()]


def _sender(message: EmailMessage) -> str:
    found = getaddresses([str(v) for v in message.get_all("From", [])])
    return found[0][1] if found else ""


def check_recipients(message: EmailMessage, config: Config) -> list[str]:
    """The message's recipients, all among ``config.digest_to``.

    Raises SmtpError (permanent) when it has none, or any other recipient: inboxcoach
    never sends mail anywhere else (SPEC "Never").
    """
    allowed = {a.lower() for a in config.digest_to}
    recipients = _recipients(message)
    if not recipients:
        raise SmtpError("refusing to send a message without recipients", temporary=False)
    others = sorted(set(recipients) - allowed)
    if others:
        raise SmtpError(
            f"refusing to send to {', '.join(others)}: inboxcoach only sends to the digest "
            f"address(es) in the configuration ({', '.join(config.digest_to)})",
            temporary=False,
        )
    return recipients


def _tls_context(account: AccountConfig) -> ssl.SSLContext | None:
    if account.smtp_security == "none" or not account.imap_ca_file:
        return None
    try:
        return ssl.create_default_context(cafile=account.imap_ca_file)
    except (OSError, ssl.SSLError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError(f"account.imap_ca_file: cannot load {account.imap_ca_file}: {reason}") from None


async def _connection_options(account: AccountConfig) -> dict[str, Any]:
    """Keyword arguments for aiosmtplib (``send`` or ``SMTP``): host, TLS mode, login.

    Reads the secret (in a thread: a password command may take a while). The
    OAuth token is fetched lazily, by aiosmtplib, through an async callable.
    XOAUTH2 is used for SMTP whatever ``oauth2_mechanism`` says: aiosmtplib has no
    OAUTHBEARER, and the providers that offer OAuth accept XOAUTH2.
    """
    if not account.smtp_host:
        raise ConfigError("account.smtp_host: not set (needed to send the digest)")
    options: dict[str, Any] = {
        "hostname": account.smtp_host,
        "port": port_of(account),
        "use_tls": account.smtp_security == "tls",
        "start_tls": account.smtp_security == "starttls",
        "username": account.smtp_username or account.login,
    }
    context = _tls_context(account)
    if context is not None:
        options["tls_context"] = context
    if account.oauth2_token_command:

        async def token() -> str:
            return await asyncio.to_thread(get_oauth_token, account)

        options["oauth_token_generator"] = token
    else:
        options["password"] = await asyncio.to_thread(get_password, account)
    return options


def _translate(exc: BaseException, account: AccountConfig, username: str) -> Exception:
    """The inboxcoach error for an aiosmtplib (or socket/TLS/timeout) error."""
    where = _where(account)
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        return AuthError(
            f"{where}: login as {username} refused ({exc.code} {_short(exc.message)}); "
            f"check the secret from {describe_source(account)}"
        )
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        codes = [r.code for r in exc.recipients]
        refused = ", ".join(f"{r.recipient} ({r.code} {_short(r.message)})" for r in exc.recipients)
        temporary = bool(codes) and all(400 <= c < 500 for c in codes)
        return SmtpError(f"{where}: recipients refused: {refused}", temporary=temporary)
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        temporary = 400 <= exc.code < 500
        what = "sender refused" if isinstance(exc, aiosmtplib.SMTPSenderRefused) else "server said"
        return SmtpError(f"{where}: {what} {exc.code} {_short(exc.message)}", temporary=temporary)
    tls = exc if isinstance(exc, ssl.SSLError) else exc.__cause__
    if isinstance(tls, ssl.SSLCertVerificationError):
        hint = (
            f" with the CA in {account.imap_ca_file}"
            if account.imap_ca_file
            else "; for a server with its own CA set account.imap_ca_file"
        )
        return SmtpError(f"{where}: the server's TLS certificate cannot be verified{hint}", temporary=False)
    if isinstance(tls, ssl.SSLError):
        return SmtpError(
            f"{where}: TLS failed ({tls.reason or tls}); does smtp_security "
            f"({account.smtp_security}) match the port?",
            temporary=False,
        )
    if isinstance(exc, (TimeoutError, aiosmtplib.SMTPTimeoutError)):
        return SmtpError(f"{where}: timed out (mismatched smtp_security and port, or a slow server)", temporary=True)
    if isinstance(exc, (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected, ConnectionError, OSError)):
        return SmtpError(f"{where}: cannot talk to the server: {_short(str(exc))}", temporary=True)
    if isinstance(exc, aiosmtplib.SMTPException):
        # no AUTH on the server, no XOAUTH2, STARTTLS not offered, ...
        return SmtpError(f"{where}: {_short(exc.message)}", temporary=False)
    return exc if isinstance(exc, Exception) else RuntimeError(str(exc))


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def send_message(message: EmailMessage, config: Config, *, timeout: float = 60) -> None:
    """Send ``message`` once through ``config.account``'s SMTP server, over one
    connection, within ``timeout`` seconds in all.

    Only to ``config.digest_to``: any other recipient raises SmtpError before a
    connection is made. Raises SmtpError (``temporary`` as the module says),
    AuthError, or ConfigError (no smtp_host, unreadable CA file). When the server
    accepts some recipients and refuses others, raises SmtpError with
    ``delivered=True``.
    """
    account = config.account
    recipients = check_recipients(message, config)
    options = await _connection_options(account)
    where = _where(account)
    log.debug("sending %s to %d recipient(s) via %s", message.get("X-Inboxcoach", "mail"), len(recipients), where)
    try:
        async with asyncio.timeout(timeout):
            errors, _ = await aiosmtplib.send(
                message,
                sender=_sender(message) or account.email,
                recipients=recipients,
                timeout=timeout,
                **options,
            )
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        raise _translate(exc, account, options["username"]) from None
    if errors:
        refused = ", ".join(f"{addr} ({r.code} {_short(r.message)})" for addr, r in errors.items())
        raise SmtpError(f"{where}: some recipients refused: {refused}", temporary=False, delivered=True)
    log.info("sent %s via %s", message.get("X-Inboxcoach", "mail"), where)


def is_temporary(exc: BaseException) -> bool:
    """True for an SmtpError that a later attempt may fix."""
    return isinstance(exc, SmtpError) and exc.temporary


async def send_with_retry(
    message: EmailMessage,
    config: Config,
    *,
    attempts: int = 5,
    first_delay: float = 30,
    max_delay: float = 900,
    timeout: float = 60,
) -> None:
    """:func:`send_message`, tried up to ``attempts`` times while the error is temporary.

    Waits between tries double from ``first_delay`` seconds up to ``max_delay``,
    plus up to ``first_delay`` of random jitter. A permanent error or an AuthError is raised at
    once; after the last attempt the last temporary SmtpError is raised.
    """
    retrying = AsyncRetrying(
        stop=stop_after_attempt(attempts),
        # (wait_exponential_jitter renamed its arguments in tenacity 9; this works in 8 and 9)
        wait=wait_exponential(multiplier=first_delay, max=max_delay) + wait_random(0, first_delay),
        retry=retry_if_exception(is_temporary),
        reraise=True,
        before_sleep=lambda state: log.warning(
            "sending failed (attempt %d of %d): %s; trying again",
            state.attempt_number,
            attempts,
            state.outcome.exception() if state.outcome else "?",
        ),
    )
    async for attempt in retrying:
        with attempt:
            await send_message(message, config, timeout=timeout)


async def check_login(account: AccountConfig, *, timeout: float = 30) -> str:
    """Connect, say EHLO, upgrade with STARTTLS where configured, log in and QUIT.

    Sends nothing. Returns one line such as
    ``smtp.example.org:465 (TLS): login as sam@example.org accepted``. Raises as
    :func:`send_message` does.
    """
    options = await _connection_options(account)
    username = options["username"]
    try:
        async with asyncio.timeout(timeout):
            client = aiosmtplib.SMTP(timeout=timeout, **options)
            async with client:
                pass  # connect() has done EHLO, STARTTLS and the login; __aexit__ QUITs
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        raise _translate(exc, account, username) from None
    return f"{_where(account)} ({_SECURITY_LABEL[account.smtp_security]}): login as {username} accepted"
