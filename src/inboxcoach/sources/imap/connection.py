"""The IMAP edge: connecting and logging in, and finding the folders to watch.

:func:`connect` returns a logged-in :class:`imapclient.IMAPClient` or raises
:class:`ConnectionFailed` / :class:`AuthError` with a message the user can act on
(never the password). :func:`discover_folders` picks Inbox, Sent and Drafts:
configured names win, then SPECIAL-USE flags (RFC 6154), then common and localized
names; :func:`choose_folders` is the pure part of that choice.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import ssl
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import imapclient  # type: ignore[import-untyped]
from imapclient.exceptions import CapabilityError, LoginError  # type: ignore[import-untyped]

from inboxcoach import __version__
from inboxcoach.config import AccountConfig, FoldersConfig
from inboxcoach.core.model import FolderRole
from inboxcoach.errors import AuthError, ConfigError, ConnectionFailed
from inboxcoach.secrets import describe_source, get_oauth_token, get_password
from inboxcoach.sources.imap.wire import quiet_imaplib

log = logging.getLogger(__name__)

DEFAULT_PORTS = {"tls": 993, "starttls": 143, "none": 143}
CONNECT_TIMEOUT = 15.0

SENT_FLAG = b"\\Sent"
DRAFTS_FLAG = b"\\Drafts"
ALL_FLAG = b"\\All"  # Gmail's All Mail: every message again; never watched
_UNSELECTABLE = (b"\\Noselect", b"\\NonExistent")

#: Tried in this order when no folder carries the SPECIAL-USE flag. imapclient's own
#: ``find_special_folder`` knows only "Sent", "Sent Items", "Sent items", "Sent Messages"
#: and "Drafts" (imapclient 4.1), hence this longer list.
SENT_NAMES: tuple[str, ...] = (
    "Sent",
    "[Gmail]/Sent Mail",
    "[Google Mail]/Sent Mail",
    "Sent Items",
    "Sent Messages",
    "Sent Mail",
    "INBOX.Sent",
    "Gesendet",
    "Gesendete Elemente",
    "Gesendete Objekte",
    "Envoyés",
    "Éléments envoyés",
    "Elementos enviados",
    "Enviados",
    "Posta inviata",
)
DRAFTS_NAMES: tuple[str, ...] = (
    "Drafts",
    "[Gmail]/Drafts",
    "[Google Mail]/Drafts",
    "INBOX.Drafts",
    "Entwürfe",
    "Brouillons",
    "Borradores",
    "Bozze",
)

#: A LIST response line as imapclient returns it: (flags, delimiter, name).
ListEntry = tuple[Sequence[bytes], bytes | None, str]


@dataclass(frozen=True)
class Folders:
    """The folders inboxcoach watches; ``sent``/``drafts`` are None when the server has none."""

    inbox: str
    sent: str | None
    drafts: str | None

    @property
    def with_roles(self) -> tuple[tuple[str, FolderRole], ...]:
        """(folder, role) for the folders that exist, Inbox first."""
        pairs: tuple[tuple[str | None, FolderRole], ...] = (
            (self.inbox, "inbox"),
            (self.sent, "sent"),
            (self.drafts, "drafts"),
        )
        return tuple((name, role) for name, role in pairs if name)


def connect(account: AccountConfig, *, timeout: float = 60) -> imapclient.IMAPClient:
    """Connect to the account's IMAP server and log in; return the logged-in client.

    TLS (port 993 by default) or STARTTLS (143) verify the certificate against the
    system CAs, or against ``account.imap_ca_file`` when set; ``none`` is plain text
    (the config allows it only for localhost). The password comes from the account's
    password source, or an OAuth token from ``oauth2_token_command`` (XOAUTH2 or
    OAUTHBEARER). Announces itself with ID when the server supports it.

    Raises ConfigError (no host, no usable secret source), AuthError (the secret
    could not be obtained or the login was refused) and ConnectionFailed (the server
    cannot be reached, TLS fails, the connection drops). No message contains the secret.
    """
    return connector(account, timeout=timeout)()


def connector(account: AccountConfig, *, timeout: float = 60) -> Callable[[], imapclient.IMAPClient]:
    """:func:`connect` in two steps: the secret is read now (raising what ``connect``
    raises for it), and each call of the result opens a connection with it, so a pass
    that opens a second connection does not run the password command twice."""
    if not account.imap_host:
        raise ConfigError("account.imap_host: not set (needed to connect over IMAP)")
    oauth = bool(account.oauth2_token_command)
    secret = get_oauth_token(account) if oauth else get_password(account)
    return lambda: _open(account, secret, oauth, timeout)


def _open(account: AccountConfig, secret: str, oauth: bool, timeout: float) -> imapclient.IMAPClient:
    host = account.imap_host or ""
    port = account.imap_port or DEFAULT_PORTS[account.imap_security]
    where = f"{host}:{port}"
    context = _ssl_context(account) if account.imap_security != "none" else None

    try:
        client = imapclient.IMAPClient(
            host,
            port,
            ssl=account.imap_security == "tls",
            ssl_context=context,
            timeout=imapclient.SocketTimeout(connect=min(CONNECT_TIMEOUT, timeout), read=timeout),
        )
    except (OSError, imaplib.IMAP4.error) as exc:
        raise _connection_failed(where, exc, account) from None
    quiet_imaplib(client)
    try:
        if account.imap_security == "starttls":
            _starttls(client, context, where, account)
        _login(client, account, secret, host, oauth)
        _announce(client)
    except BaseException:
        _close_quietly(client)
        raise
    log.info("logged in to %s as %s (%s)", where, account.login, account.imap_security)
    return client


def disconnect(client: imapclient.IMAPClient) -> None:
    """Log out and close the connection; a connection that is already gone is fine."""
    _close_quietly(client)


def is_gmail(client: imapclient.IMAPClient) -> bool:
    """Whether the server is Gmail (it advertises the X-GM-EXT-1 extension)."""
    return bool(client.has_capability("X-GM-EXT-1"))


def discover_folders(client: imapclient.IMAPClient, folders_config: FoldersConfig) -> Folders:
    """The folders to watch on this server (one LIST command).

    Raises ConfigError naming the key (``folders.sent``) when a configured folder does
    not exist or is Gmail's All Mail.
    """
    listing: list[ListEntry] = [(tuple(flags), delim, name) for flags, delim, name in client.list_folders()]
    return choose_folders(listing, folders_config)


def choose_folders(listing: Iterable[ListEntry], folders_config: FoldersConfig) -> Folders:
    """Pick Inbox, Sent and Drafts from a LIST response; see :func:`discover_folders`."""
    entries = [entry for entry in listing if not any(flag in _UNSELECTABLE for flag in entry[0])]
    by_name = {entry[2]: entry for entry in entries}

    def configured(key: str, name: str) -> str:
        found = by_name.get(name)
        if found is None and name.upper() == "INBOX":
            return "INBOX"
        if found is None:
            raise ConfigError(
                f"folders.{key}: the server has no folder {name!r}; its folders are: {_names(entries)}"
            )
        if ALL_FLAG in found[0]:
            raise ConfigError(
                f"folders.{key}: {name!r} is Gmail's All Mail, a copy of every message; "
                "inboxcoach does not watch it"
            )
        return name

    inbox = configured("inbox", folders_config.inbox) if folders_config.inbox else "INBOX"
    sent = (
        configured("sent", folders_config.sent)
        if folders_config.sent
        else _find(entries, SENT_FLAG, SENT_NAMES)
    )
    drafts = (
        configured("drafts", folders_config.drafts)
        if folders_config.drafts
        else _find(entries, DRAFTS_FLAG, DRAFTS_NAMES)
    )
    return Folders(inbox=inbox, sent=sent, drafts=drafts)


def _find(entries: Sequence[ListEntry], flag: bytes, names: Sequence[str]) -> str | None:
    candidates = [entry for entry in entries if ALL_FLAG not in entry[0]]
    for flags, _delim, name in candidates:
        if flag in flags:
            return name
    for wanted in names:
        for _flags, delim, name in candidates:
            nested = f"INBOX{delim.decode()}{wanted}" if delim else None
            if name in (wanted, nested):
                return name
    for wanted in names:  # "SENT ITEMS", "sent" ...
        for _flags, _delim, name in candidates:
            if name.casefold() == wanted.casefold():
                return name
    return None


def _names(entries: Sequence[ListEntry], limit: int = 40) -> str:
    names = sorted(entry[2] for entry in entries)
    shown = ", ".join(repr(name) for name in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "") if names else "(none)"


def _ssl_context(account: AccountConfig) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=account.imap_ca_file)
    except (OSError, ssl.SSLError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError(f"account.imap_ca_file: cannot load {account.imap_ca_file}: {reason}") from None


def _starttls(
    client: imapclient.IMAPClient, context: ssl.SSLContext | None, where: str, account: AccountConfig
) -> None:
    if not client.has_capability("STARTTLS"):
        raise ConnectionFailed(
            f"{where} does not offer STARTTLS; use imap_security = \"tls\" (usually port 993)"
        )
    try:
        client.starttls(context)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise _connection_failed(where, exc, account) from None


def _login(client: imapclient.IMAPClient, account: AccountConfig, secret: str, host: str, oauth: bool) -> None:
    if oauth and not client.has_capability(f"AUTH={account.oauth2_mechanism}"):
        raise AuthError(
            f"{host} does not offer OAuth login with {account.oauth2_mechanism}; "
            "set account.oauth2_mechanism to the one it offers, or use a password source"
        )
    try:
        if oauth and account.oauth2_mechanism == "OAUTHBEARER":
            client.oauthbearer_login(account.login, secret)
        elif oauth:
            client.oauth2_login(account.login, secret, mech=account.oauth2_mechanism)
        else:
            client.login(account.login, secret)
    except LoginError as exc:
        server_says = _scrub(str(exc), secret)
        how = f" ({account.oauth2_mechanism})" if oauth else ""
        what = "token" if oauth else "password"
        check = (
            "check that it prints a fresh access token with the IMAP scope"
            if oauth
            else "check it"
        )
        raise AuthError(
            f"IMAP login{how} to {host} as {account.login} was refused ({server_says}); "
            f"the {what} came from {describe_source(account)} — {check}{_provider_hint(host, oauth)}"
        ) from None
    except (OSError, imaplib.IMAP4.error) as exc:
        raise ConnectionFailed(
            f"connection to {host} failed during login: {_scrub(_reason(exc), secret)}"
        ) from None


def _announce(client: imapclient.IMAPClient) -> None:
    """Send ID (RFC 2971) when offered; a server that dislikes it is no reason to fail."""
    try:
        if client.has_capability("ID"):
            client.id_({"name": "inboxcoach", "version": __version__})
    except (CapabilityError, imaplib.IMAP4.error) as exc:
        log.debug("ID command failed: %s", exc)


def _provider_hint(host: str, oauth: bool) -> str:
    host = host.lower().rstrip(".")
    if oauth:
        if host.endswith(("gmail.com", "googlemail.com")):
            return " (Gmail's scope is https://mail.google.com/)"
        if host.endswith(("office365.com", "outlook.com")):
            return " (Microsoft's scope is https://outlook.office.com/IMAP.AccessAsUser.All)"
        return ""
    if host.endswith(("gmail.com", "googlemail.com")):
        return (
            " (Gmail needs an app password, which needs 2-Step Verification, "
            "or OAuth with oauth2_token_command)"
        )
    if host.endswith(("office365.com", "outlook.com", "hotmail.com")):
        return " (Microsoft 365 and Outlook.com accept only OAuth for IMAP: use oauth2_token_command)"
    if host.endswith(("mail.me.com", "icloud.com")):
        return " (iCloud needs an app-specific password; the login is sometimes the part before the @)"
    if host.endswith(("yahoo.com", "aol.com")):
        return " (Yahoo needs an app password)"
    return ""


def _connection_failed(where: str, exc: BaseException, account: AccountConfig) -> ConnectionFailed:
    if isinstance(exc, ssl.SSLCertVerificationError):
        hint = (
            f" with the CA in {account.imap_ca_file}"
            if account.imap_ca_file
            else "; for a server with its own CA set account.imap_ca_file"
        )
        return ConnectionFailed(
            f"cannot verify the TLS certificate of {where}: {exc.verify_message}{hint}"
        )
    if isinstance(exc, ssl.SSLError):
        return ConnectionFailed(
            f"TLS with {where} failed: {exc.reason or exc}; "
            "check imap_port and imap_security (993 is tls, 143 is starttls)"
        )
    return ConnectionFailed(f"cannot reach {where}: {_reason(exc)}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(exc, socket.gaierror):
        return "unknown host"
    if isinstance(exc, imaplib.IMAP4.abort):
        return f"the server closed the connection ({exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def _scrub(text: str, secret: str) -> str:
    """Server text with the secret blanked out, in case a server echoes it."""
    text = text.strip()
    if text.startswith(("b'", 'b"')) and text.endswith(text[1]):
        text = text[2:-1]
    return text.replace(secret, "***") if secret else text


def _close_quietly(client: imapclient.IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # noqa: BLE001 - the connection may be gone already; then close the socket
        try:
            client.shutdown()
        except Exception as exc:  # noqa: BLE001
            log.debug("closing the IMAP connection: %s", exc)
