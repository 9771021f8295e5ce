"""A real, headless Thunderbird for the add-on's end-to-end test.

- ``find_thunderbird`` / ``ThunderbirdUnavailable``: the installed binary (Debian's
  ``thunderbird`` package; ``tools/ensure-thunderbird`` installs it as root).
- ``write_profile``: a throwaway profile configured only by ``user.js`` prefs: one IMAP
  account on the suite's Dovecot, one SMTP server (aiosmtpd), nothing that reaches
  the network (no update, telemetry, autoconfig, safe browsing, start page), and the
  given add-ons preinstalled unsigned in ``<profile>/extensions/<id>.xpi``.
- ``Reports``: a tiny HTTP server on 127.0.0.1 that the test-only driver add-on posts
  its results to.
- ``Thunderbird``: ``thunderbird --headless -profile DIR -no-remote`` started in its own
  session with ``HOME`` set to a temp dir, ended by SIGTERM to its process group.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

STOP_GRACE = 5.0

# Prefs that keep a headless run off the network and free of wizards (verified on
# Debian's 153.8.0esr: without them Thunderbird looks up ~19 outside addresses).
QUIET_PREFS: Mapping[str, Any] = {
    "mail.provider.suppress_dialog_on_startup": True,
    "mail.shell.checkDefaultClient": False,
    "mailnews.start_page.enabled": False,
    "mailnews.auto_config_url": "",
    "mailnews.auto_config.addons_url": "",
    "mail.instrumentation.postUrl": "",
    "app.update.enabled": False,
    "app.update.auto": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.systemAddon.update.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.server": "",
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "browser.region.update.enabled": False,
    "services.settings.server": "data:,#remote-settings-dummy/v1",  # as Firefox's own test harness
    "extensions.blocklist.enabled": False,
    "browser.region.network.url": "",
    "network.manage-offline-status": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "mail.cloud_files.enabled": False,
    "messenger.startup.action": 0,
    "mail.rights.version": 1,
    "mailnews.headers.showSender": False,
    # Unsigned add-ons in the profile are enabled without a prompt.
    "extensions.autoDisableScopes": 0,
    "xpinstall.signatures.required": False,
    # Console messages of the add-ons (console.warn/info) also go to stdout, where
    # the test reads what the add-on told the user.
    "devtools.console.stdout.chrome": True,
    "devtools.console.stdout.content": True,
}


class ThunderbirdUnavailable(RuntimeError):
    """Thunderbird is not installed."""


def find_thunderbird() -> str:
    """Path of the ``thunderbird`` binary."""
    found = shutil.which("thunderbird") or shutil.which("thunderbird", path="/usr/lib/thunderbird")
    if not found:
        raise ThunderbirdUnavailable("thunderbird is not installed (run tools/ensure-thunderbird, or apt-get install thunderbird)")
    return found


def _pref(name: str, value: Any) -> str:
    return f"user_pref({json.dumps(name)}, {json.dumps(value)});\n"


def account_prefs(*, user: str, imap_port: int, smtp_port: int) -> dict[str, Any]:
    """One IMAP account (plain text on 127.0.0.1, password login) and one SMTP server
    (no login) for ``user``; sent mail is not copied to a Sent folder."""
    return {
        "mail.accountmanager.accounts": "account1",
        "mail.accountmanager.defaultaccount": "account1",
        "mail.account.account1.server": "server1",
        "mail.account.account1.identities": "id1",
        "mail.server.server1.type": "imap",
        "mail.server.server1.name": "inboxcoach test",
        "mail.server.server1.hostname": "127.0.0.1",
        "mail.server.server1.port": imap_port,
        "mail.server.server1.userName": user,
        "mail.server.server1.socketType": 0,
        "mail.server.server1.authMethod": 3,
        "mail.server.server1.login_at_startup": False,
        "mail.server.server1.check_new_mail": False,
        "mail.identity.id1.useremail": user,
        "mail.identity.id1.fullName": "Sam Applicant",
        "mail.identity.id1.smtpServer": "smtp1",
        "mail.identity.id1.fcc": False,
        "mail.identity.id1.compose_html": False,
        "mail.identity.id1.valid": True,
        "mail.smtpservers": "smtp1",
        "mail.smtp.defaultserver": "smtp1",
        "mail.smtpserver.smtp1.hostname": "127.0.0.1",
        "mail.smtpserver.smtp1.port": smtp_port,
        "mail.smtpserver.smtp1.authMethod": 1,
        "mail.smtpserver.smtp1.try_ssl": 0,
        "mail.smtpserver.smtp1.description": "inboxcoach test",
    }


def write_profile(profile: Path, prefs: Mapping[str, Any], addons: Mapping[str, Path]) -> None:
    """Write ``user.js`` (the quiet prefs, then ``prefs``) and copy each add-on
    (gecko id -> .xpi) to ``extensions/<id>.xpi``."""
    (profile / "extensions").mkdir(parents=True, exist_ok=True)
    merged = {**QUIET_PREFS, **prefs}
    (profile / "user.js").write_text("".join(_pref(k, v) for k, v in merged.items()), encoding="utf-8")
    for addon_id, xpi in addons.items():
        shutil.copyfile(xpi, profile / "extensions" / f"{addon_id}.xpi")


class Reports:
    """An HTTP server on 127.0.0.1: each POSTed JSON body is queued for the test."""

    def __init__(self) -> None:
        self.queue: queue.Queue[dict[str, Any]] = queue.Queue()
        reports = self.queue

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", "0"))
                reports.put(json.loads(self.rfile.read(length) or b"{}"))
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/report"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def next(self, timeout: float) -> dict[str, Any]:
        """The next report; raises TimeoutError when none comes within ``timeout`` s."""
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no report from the driver add-on within {timeout} s") from None

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Thunderbird:
    """One headless Thunderbird on ``profile`` with ``HOME=home``; output in ``log``."""

    def __init__(self, profile: Path, home: Path, log: Path, *, display: str | None = None) -> None:
        self.binary = find_thunderbird()
        self.profile = profile
        self.home = home
        self.log = log
        self.display = display  # an X display (e.g. Xvfb's) instead of --headless
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "MOZ_CRASHREPORTER_DISABLE": "1",
        }
        env.pop("WAYLAND_DISPLAY", None)
        command = [self.binary, "-profile", str(self.profile), "-no-remote"]
        if self.display is None:
            env.pop("DISPLAY", None)
            env["MOZ_HEADLESS"] = "1"
            command.insert(1, "--headless")
        else:
            env["DISPLAY"] = self.display
        with open(self.log, "ab") as out:  # the child keeps its own copy
            self._proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # its own process group: stop() reaches every child
                close_fds=True,
            )

    def output(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self) -> None:
        """SIGTERM to Thunderbird's process group; SIGKILL what is left after a grace."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=STOP_GRACE)
        # children (the native host among them) may outlive the main process briefly
        deadline = time.monotonic() + STOP_GRACE
        while _group_alive(proc.pid):
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                return
            time.sleep(0.05)


def _group_alive(pgid: int) -> bool:
    """Whether a live (not zombie) process remains in the process group."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False
