"""A real SMTP server for tests: aiosmtpd's threaded ``Controller`` on 127.0.0.1.

``SmtpServer`` records every message it accepts (envelope sender, recipients, the
parsed message, the login used) and can:

- require a login (PLAIN/LOGIN against one user and password; XOAUTH2 against a set
  of tokens), also over plain text on loopback (``auth_require_tls=False``);
- speak implicit TLS (``security="tls"``) or STARTTLS (``security="starttls"``) with a
  throw-away CA made by the ``openssl`` command (tests skip without it);
- stop and start again on the same port (SMTP down, then up);
- refuse chosen recipients (550 to RCPT TO);
- answer DATA with a chosen reply, e.g. ``451 4.3.0 Try again later`` or
  ``550 5.7.1 Rejected``.

The pytest fixtures ``make_smtp_server`` (a factory) and ``smtp_server`` (plain text,
with a login) live at the end; import them into a test module or conftest.py.
"""

from __future__ import annotations

import base64
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, Literal, cast

import pytest
from aiosmtpd.controller import Controller
from certs import OpensslMissing, make_certificates
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from inboxcoach.config import Config, parse_config

USER = "sam@example.org"
PASSWORD = "s3cret-Sm7p-pw"
PASSWORD_ENV = "INBOXCOACH_TEST_SMTP_PASSWORD"
DIGEST_TO = "sam.digest@example.org"

Security = Literal["none", "tls", "starttls"]


@dataclass(frozen=True)
class Received:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage
    login: str | None


class RecordingHandler:
    """aiosmtpd handler: records accepted messages; answers DATA with ``data_reply`` when set."""

    def __init__(self, tokens: frozenset[str] = frozenset()) -> None:
        self.received: list[Received] = []
        self.data_attempts = 0
        self.data_reply: str | None = None
        self.refused: set[str] = set()
        self.tokens = tokens

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address.lower() in self.refused:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.data_attempts += 1
        if self.data_reply is not None:
            return self.data_reply
        raw = envelope.original_content or cast(bytes, envelope.content)
        message = cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(raw))
        auth = session.auth_data
        login = auth.login.decode() if isinstance(auth, LoginPassword) else None
        self.received.append(
            Received(str(envelope.mail_from), tuple(envelope.rcpt_tos), message, login)
        )
        return "250 2.0.0 OK"

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        """XOAUTH2 (initial response only): ``user=U\\x01auth=Bearer T\\x01\\x01``."""
        if len(args) < 2:
            return AuthResult(success=False, handled=False)
        fields = dict(
            part.split("=", 1) for part in base64.b64decode(args[1]).decode().split("\x01") if "=" in part
        )
        token = fields.get("auth", "").removeprefix("Bearer ")
        user = fields.get("user", "")
        if token in self.tokens:
            return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))
        return AuthResult(success=False, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1:``port`` (fixed across stop/start)."""

    def __init__(
        self,
        directory: Path,
        *,
        security: Security = "none",
        auth: bool = True,
        tokens: frozenset[str] = frozenset(),
        password: str = PASSWORD,
    ) -> None:
        self.directory = directory
        self.password = password
        self.security = security
        self.auth = auth
        self.handler = RecordingHandler(tokens)
        self.port = free_port()
        self.controller: Controller | None = None
        self.ca_file: Path | None = None
        self._server_context: ssl.SSLContext | None = None
        if security != "none":
            make_certificates(directory / "tls")
            self.ca_file = directory / "tls" / "ca.pem"
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(directory / "tls" / "server.pem", directory / "tls" / "server.key")
            self._server_context = context

    # -- what it received ----------------------------------------------------

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    @property
    def data_attempts(self) -> int:
        """How many times a client reached DATA (accepted or not)."""
        return self.handler.data_attempts

    def answer_data(self, reply: str | None) -> None:
        """Answer every DATA with ``reply`` (e.g. "451 4.3.0 Try later"); None: accept."""
        self.handler.data_reply = reply

    def refuse_recipients(self, *addresses: str) -> None:
        """Answer RCPT TO for these addresses with 550."""
        self.handler.refused = {a.lower() for a in addresses}

    # -- running -------------------------------------------------------------

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            USER.encode(),
            self.password.encode(),
        )
        if not ok:
            return AuthResult(success=False, handled=False)  # aiosmtpd answers 535
        return AuthResult(success=True, auth_data=auth_data)

    def start(self) -> None:
        """Start listening (again) on the same port."""
        if self.controller is not None:
            return
        kwargs: dict[str, Any] = {}
        if self.auth:
            kwargs.update(authenticator=self._authenticate, auth_require_tls=False)
        if self.security == "tls":
            kwargs["ssl_context"] = self._server_context
        elif self.security == "starttls":
            kwargs.update(tls_context=self._server_context, require_starttls=True)
        controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)
        controller.start()
        self.controller = controller

    def stop(self) -> None:
        """Stop listening: connections are refused until :meth:`start`."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    # -- configuration for the client ------------------------------------------

    def config_data(self, **account: Any) -> dict[str, Any]:
        """A config document (as parsed TOML) for this server; ``account`` overrides keys."""
        data: dict[str, Any] = {
            "email": USER,
            "smtp_host": "127.0.0.1",
            "smtp_port": self.port,
            "smtp_security": self.security,
            "password_env": PASSWORD_ENV,
        }
        if self.ca_file is not None:
            data["imap_ca_file"] = str(self.ca_file)
        data.update(account)
        return {
            "account": {k: v for k, v in data.items() if v is not None},
            "season": {"match_year": 2027, "timezone": "America/New_York"},
            "digest": {"send_at": "07:30", "to": [DIGEST_TO]},
        }

    def config(self, **account: Any) -> Config:
        """A validated Config that sends through this server (see :meth:`config_data`)."""
        return parse_config(self.config_data(**account), "<test>")


# -- pytest fixtures ---------------------------------------------------------------


@pytest.fixture
def make_smtp_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., SmtpServer]]:
    """``make_smtp_server(security="none"|"tls"|"starttls", auth=True, tokens=frozenset())``
    → a started SmtpServer. Puts the right password into ``$INBOXCOACH_TEST_SMTP_PASSWORD``
    (the config's ``password_env``). TLS servers are skipped without openssl. Every
    server is stopped after the test."""
    servers: list[SmtpServer] = []
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)

    def make(**options: Any) -> SmtpServer:
        try:
            server = SmtpServer(tmp_path / f"smtp{len(servers)}", **options)
        except OpensslMissing as exc:
            pytest.skip(str(exc))
        servers.append(server)
        server.start()
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def smtp_server(make_smtp_server: Callable[..., SmtpServer]) -> SmtpServer:
    """A started plain-text server on loopback that requires nothing but accepts a login."""
    return make_smtp_server()
