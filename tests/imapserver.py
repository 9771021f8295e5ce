"""A real Dovecot IMAP server for tests, started as an ordinary process on 127.0.0.1.

Everything lives in one temporary directory: the generated ``dovecot.conf`` (passed
with ``-c``), Dovecot's base and state directories, its log, the passwd file, the
Maildir and, with ``tls=True``, a throw-away CA and server certificate made with the
``openssl`` command. Nothing listens on anything but 127.0.0.1.

Written for Dovecot 2.3 (``dovecot --version`` 2.3.x; 2.4 changed the config syntax
and is refused with a clear message). Quirks this file works around:

- As root, Dovecot refuses to run login processes as root ("This process must not be
  run as root") and refuses mail access as uid 0 ("userdb returned 0 as uid"), so it
  runs its internal/login processes as the packaged ``dovecot``/``dovenull`` users and
  mail as ``nobody``; the temp dir is made traversable (0711) for them. As a normal
  user everything runs as that user.
- Login processes and anvil are not chrooted (``chroot =``): that needs root.
- As a normal user, ``default_internal_group`` must be the user's own group too.
- The master waits for its children in 1 s naps (a stop could take 1-6 s), so ``stop()``
  sends SIGTERM to the whole process group, gives it 0.5 s, then SIGKILLs what is left;
  it returns only when no process of the group is alive, so ``restart()`` can bind the
  same port again.
"""

from __future__ import annotations

import contextlib
import getpass
import grp
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import imapclient
from certs import OpensslMissing, make_certificates

from inboxcoach.config import AccountConfig

HOST = "127.0.0.1"
DEFAULT_USER = "sam@example.org"
DEFAULT_PASSWORD = "correct-horse-battery-7"
#: The environment variable the ``dovecot`` fixture puts the password into.
PASSWORD_ENV = "INBOXCOACH_TEST_IMAP_PASSWORD"
DEFAULT_FOLDERS: Mapping[str, str | None] = {"Sent": r"\Sent", "Drafts": r"\Drafts", "Trash": r"\Trash"}
START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0
STOP_GRACE = 0.5


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed, or is a version this harness cannot configure."""


def find_dovecot() -> str:
    """Path of the ``dovecot`` binary (also looked for in /usr/sbin, often not on PATH)."""
    found = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise DovecotUnavailable("dovecot is not installed (run tools/ensure-dovecot, or apt-get install dovecot-imapd)")
    return found


def dovecot_version(binary: str | None = None) -> tuple[int, ...]:
    """The installed Dovecot's version, e.g. ``(2, 3, 19, 1)``."""
    out = subprocess.run([binary or find_dovecot(), "--version"], capture_output=True, text=True, check=True).stdout
    match = re.match(r"(\d+(?:\.\d+)+)", out.strip())
    if not match:
        raise DovecotUnavailable(f"cannot read the Dovecot version from {out!r}")
    return tuple(int(part) for part in match[1].split("."))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class DovecotServer:
    """One private Dovecot with one user, as a context manager.

    ``folders`` maps mailbox names to a SPECIAL-USE flag (or ``None`` for a plain
    folder); they are created and subscribed automatically. ``special_use=False``
    drops every flag, for testing the fallback to common names.
    """

    def __init__(
        self,
        *,
        user: str = DEFAULT_USER,
        password: str = DEFAULT_PASSWORD,
        folders: Mapping[str, str | None] = DEFAULT_FOLDERS,
        special_use: bool = True,
        tls: bool = False,
        oauth_token: str | None = None,
    ) -> None:
        self.user = user
        # With a token, the server offers XOAUTH2 and OAUTHBEARER (as Gmail and Microsoft
        # 365 do) and accepts this one static bearer token for the user; the password
        # still works for PLAIN/LOGIN.
        self.oauth_token = oauth_token
        self.password = password
        self.folders = dict(folders)
        self.special_use = special_use
        self.tls = tls
        self.host = HOST
        self.port = 0
        self.tls_port = 0
        self._binary = find_dovecot()
        version = dovecot_version(self._binary)
        if version[:2] != (2, 3):
            raise DovecotUnavailable(f"tests/imapserver.py writes a Dovecot 2.3 config; found {version}")
        self._dir: Path | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    # -- paths -------------------------------------------------------------------

    @property
    def directory(self) -> Path:
        """The server's temporary directory (created by the first ``start()``)."""
        if self._dir is None:
            raise RuntimeError("the server has not been started")
        return self._dir

    @property
    def log_path(self) -> Path:
        return self.directory / "dovecot.log"

    @property
    def ca_file(self) -> str:
        """The CA certificate that signed the server's certificate (``tls=True`` only)."""
        if not self.tls:
            raise RuntimeError("this server was started without tls=True")
        return str(self.directory / "tls" / "ca.pem")

    def log_text(self) -> str:
        """Dovecot's log so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def wait_for_log(self, *lines: str, timeout: float = 10.0) -> str:
        """Dovecot's log once it holds every one of ``lines`` (Dovecot writes a line a
        moment after the event: reading at once may find it missing). Raises
        AssertionError, with the log's end, when they are not there within ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.log_text()
            if all(line in text for line in lines):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"Dovecot's log lacks {lines} after {timeout} s:\n{text[-2000:]}")
            time.sleep(0.02)

    # -- life cycle --------------------------------------------------------------

    def start(self) -> None:
        """Write the config (first time only) and start Dovecot; return once it accepts connections."""
        if self._proc is not None:
            raise RuntimeError("the server is already running")
        if self._dir is None:
            self._prepare()
        with open(self.directory / "stderr.log", "ab") as stderr:  # the child keeps its own copy
            self._proc = subprocess.Popen(
                [self._binary, "-F", "-c", str(self.directory / "dovecot.conf")],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,  # its own process group, so stop()/kill() reach every child
                close_fds=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not (self._greets() and (not self.tls or self._accepts(self.tls_port))):
            if self._proc.poll() is not None:
                self._proc = None
                raise RuntimeError(f"dovecot exited at start-up:\n{self._startup_errors()}")
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"dovecot did not listen within {START_TIMEOUT} s:\n{self._startup_errors()}")
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop Dovecot cleanly (SIGTERM) and wait until all its processes have exited."""
        self._signal_and_wait(signal.SIGTERM)

    def kill(self) -> None:
        """Stop Dovecot hard (SIGKILL to every process): the server just goes away."""
        self._signal_and_wait(signal.SIGKILL)

    def restart(self) -> None:
        """Stop and start again on the same port with the same mail."""
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop the server and remove its directory."""
        self.stop()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __enter__(self) -> DovecotServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- talking to it -----------------------------------------------------------

    def client(self, *, login: bool = True, timeout: float = 10) -> imapclient.IMAPClient:
        """A plain-text imapclient connection, logged in as the user unless ``login=False``.

        Use it as a context manager (``with server.client() as c:``) so it is closed.
        """
        client = imapclient.IMAPClient(self.host, self.port, ssl=False, timeout=timeout)
        if login:
            try:
                client.login(self.user, self.password)
            except BaseException:
                client.shutdown()
                raise
        return client

    def append(
        self, folder: str, raw: bytes, flags: Sequence[bytes | str] = (), when: datetime | None = None
    ) -> int:
        """APPEND one message to ``folder``; return its UID."""
        with self.client() as client:
            response = client.append(folder, raw, flags=tuple(flags), msg_time=when)
        match = re.search(rb"\[APPENDUID \d+ (\d+)\]", response)
        if not match:
            raise RuntimeError(f"no APPENDUID in {response!r}")
        return int(match[1])

    def create_folder(self, name: str) -> None:
        """CREATE a folder (and subscribe to it)."""
        with self.client() as client:
            client.create_folder(name)
            client.subscribe_folder(name)

    def recreate_folder(self, name: str) -> int:
        """DELETE and CREATE ``name``: it comes back empty with a new UIDVALIDITY, returned."""
        with self.client() as client:
            before = client.folder_status(name, [b"UIDVALIDITY"])[b"UIDVALIDITY"]
            client.delete_folder(name)
            client.create_folder(name)
            client.subscribe_folder(name)
            after = int(client.folder_status(name, [b"UIDVALIDITY"])[b"UIDVALIDITY"])
        if after == before:
            raise RuntimeError(f"UIDVALIDITY of {name!r} did not change ({after})")
        return after

    def flags(self, folder: str, uid: int) -> tuple[bytes, ...]:
        """The flags of one message, read without changing anything."""
        with self.client() as client:
            client.select_folder(folder, readonly=True)
            return tuple(client.get_flags([uid]).get(uid, ()))

    def account(self, **overrides: Any) -> AccountConfig:
        """An ``AccountConfig`` for this server (plain text on 127.0.0.1, the password from
        ``$INBOXCOACH_TEST_IMAP_PASSWORD``, which the ``dovecot`` fixture sets)."""
        values: dict[str, Any] = {
            "email": self.user,
            "imap_host": self.host,
            "imap_port": self.port,
            "imap_security": "none",
            "password_env": PASSWORD_ENV,
        }
        values.update(overrides)
        return AccountConfig(**values)

    # -- internals ---------------------------------------------------------------

    def _prepare(self) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="ic-dovecot-"))  # short: unix socket paths are limited
        os.chmod(self._dir, 0o711)  # Dovecot's unprivileged processes must traverse it when we are root
        self.port = free_port()
        self.tls_port = free_port() if self.tls else 0
        mail = self._dir / "mail"
        mail.mkdir()
        (self._dir / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}::::\n")
        if self.oauth_token is not None:
            (self._dir / "oauth-tokens").write_text(f"{self.user}:{{PLAIN}}{self.oauth_token}::::\n")
        if os.geteuid() == 0:
            internal, login = _existing_user("dovecot", "nobody"), _existing_user("dovenull", "nobody")
            group = grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name
            mail_user = pwd.getpwnam("nobody")
            os.chown(mail, mail_user.pw_uid, mail_user.pw_gid)
            mail_uid, mail_gid = mail_user.pw_uid, mail_user.pw_gid
        else:
            internal = login = getpass.getuser()
            group = grp.getgrgid(os.getgid()).gr_name
            mail_uid, mail_gid = os.getuid(), os.getgid()
        if self.tls:
            _make_certificates(self._dir / "tls")
        (self._dir / "dovecot.conf").write_text(self._config(internal, group, login, mail_uid, mail_gid))

    def _config(self, internal: str, group: str, login: str, uid: int, gid: int) -> str:
        d = self.directory
        mailboxes = []
        for name, flag in self.folders.items():
            use = f"    special_use = {flag}\n" if flag and self.special_use else ""
            mailboxes.append(f"  mailbox {_quote(name)} {{\n    auto = subscribe\n{use}  }}\n")
        if self.tls:
            tls = (
                "ssl = yes\n"
                f"ssl_cert = <{d}/tls/server.pem\n"
                f"ssl_key = <{d}/tls/server.key\n"
                "ssl_min_protocol = TLSv1.2\n"
            )
            imaps = f"  inet_listener imaps {{\n    address = {HOST}\n    port = {self.tls_port}\n    ssl = yes\n  }}\n"
        else:
            tls = "ssl = no\n"
            imaps = "  inet_listener imaps {\n    port = 0\n  }\n"
        return (
            f"base_dir = {d}/run\n"
            f"state_dir = {d}/state\n"
            f"instance_name = ic-test-{self.port}\n"
            f"log_path = {d}/dovecot.log\n"
            "protocols = imap\n"
            "imap_id_log = *\n"  # so tests can see the client's ID
            f"listen = {HOST}\n"
            f"{tls}"
            "disable_plaintext_auth = no\n"
            f"auth_mechanisms = plain login{' xoauth2 oauthbearer' if self.oauth_token is not None else ''}\n"
            "auth_failure_delay = 0\n"  # tests of wrong passwords need not wait 2 s
            f"default_internal_user = {internal}\n"
            f"default_internal_group = {group}\n"
            f"default_login_user = {login}\n"
            "first_valid_uid = 1\n"
            "first_valid_gid = 1\n"
            f"mail_location = maildir:{d}/mail/%u\n"
            "passdb {\n"
            "  driver = passwd-file\n"
            "  mechanisms = plain login\n"
            f"  args = scheme=PLAIN username_format=%u {d}/passwd\n"
            "}\n"
            f"{self._oauth_passdb(d)}"
            "userdb {\n"
            "  driver = static\n"
            f"  args = uid={uid} gid={gid} home={d}/mail/%u\n"
            "}\n"
            "service anvil {\n  chroot =\n}\n"  # chroot needs root
            "service imap-login {\n"
            "  chroot =\n"
            f"  inet_listener imap {{\n    address = {HOST}\n    port = {self.port}\n  }}\n"
            f"{imaps}"
            "}\n"
            "namespace inbox {\n"
            "  inbox = yes\n"
            "  separator = /\n"
            f"{''.join(mailboxes)}"
            "}\n"
        )

    def _oauth_passdb(self, d: Path) -> str:
        """Dovecot 2.3 checks an XOAUTH2/OAUTHBEARER token against the passdbs as it
        checks a password; this one holds the static token and serves only those two
        mechanisms, so the token is no password and the password no token."""
        if self.oauth_token is None:
            return ""
        return (
            "passdb {\n"
            "  driver = passwd-file\n"
            "  mechanisms = xoauth2 oauthbearer\n"
            f"  args = scheme=PLAIN username_format=%u {d}/oauth-tokens\n"
            "}\n"
        )

    def _greets(self) -> bool:
        """The plain-text port sends its ``* OK`` greeting: Dovecot is ready."""
        try:
            with socket.create_connection((self.host, self.port), timeout=0.2) as sock:
                sock.settimeout(1.0)
                return sock.recv(4).startswith(b"* ")
        except OSError:
            return False

    def _accepts(self, port: int) -> bool:
        try:
            with socket.create_connection((self.host, port), timeout=0.2):
                return True
        except OSError:
            return False

    def _signal_and_wait(self, sig: signal.Signals) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)  # every process gets it: the master alone takes 1-6 s
        try:
            # The master reaps its children in 1 s naps; once every process has had its
            # SIGTERM, there is nothing left to wait for but that.
            proc.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        # Children outlive the master briefly and still hold the listening sockets.
        deadline = time.monotonic() + STOP_TIMEOUT
        while _group_alive(proc.pid):
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                deadline = time.monotonic() + STOP_TIMEOUT
            time.sleep(0.01)

    def _startup_errors(self) -> str:
        stderr = (self.directory / "stderr.log").read_text(errors="replace")
        return (stderr + self.log_text())[-3000:]


def _group_alive(pgid: int) -> bool:
    """Whether a live (not zombie) process remains in the process group."""
    proc = Path("/proc")
    if proc.is_dir():
        for stat in proc.glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
        return False
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _existing_user(*names: str) -> str:
    for name in names:
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise DovecotUnavailable(f"none of the users {names} exists for Dovecot's unprivileged processes")


def _make_certificates(directory: Path) -> None:
    try:
        make_certificates(directory)
    except OpensslMissing as exc:
        raise DovecotUnavailable(f"{exc} (tls=True)") from None


@contextlib.contextmanager
def running_dovecot(**options: Any) -> Iterator[DovecotServer]:
    """``with running_dovecot(special_use=False) as server:`` — started, then stopped and removed."""
    server = DovecotServer(**options)
    try:
        server.start()
        yield server
    finally:
        server.close()
