"""Takes docs/thunderbird-warning.png: the add-on's window after it stopped a send.

    .venv/bin/python tests/e2e/screenshot.py [OUTPUT.png]

Not a test. The same setup as tests/e2e/test_thunderbird.py (a season whose database
knows of a #1 letter to Lakeshore, the host registered, the suite's Dovecot), but
Thunderbird runs on an Xvfb display instead of --headless; the driver add-on sends a
second #1 letter, and the window the add-on opens is captured with xwd. Needs
(Debian) thunderbird dovecot-imapd xvfb x11-apps x11-utils netpbm.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))

from e2e.tbharness import Reports, Thunderbird, account_prefs, write_profile  # noqa: E402
from e2e.test_thunderbird import (  # noqa: E402
    ADDON_ID,
    DRIVER_ID,
    FIRST_CHOICE,
    ROOT,
    TO_RIVERSIDE,
    _allow_slow_checks,
    _collect,
    _driver_xpi,
    _inboxcoach,
    build_xpi,
    make_season,
)
from imapserver import free_port, running_dovecot  # noqa: E402

DISPLAY = ":47"  # a display number nothing else here uses
TITLE = "inboxcoach: not sent yet"


def window_id(title: str, timeout: float) -> str:
    """The X window id of the top-level window whose name contains ``title``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tree = subprocess.run(["xwininfo", "-root", "-tree", "-display", DISPLAY], capture_output=True, text=True).stdout
        for line in tree.splitlines():
            if f'"{title}' in line:
                return line.split()[0]
        time.sleep(0.25)
    raise TimeoutError(f"no window named {title!r} within {timeout} s")


def capture(window: str, output: Path, timeout: float) -> None:
    """Write the window as PNG once it is drawn (not one flat colour), else raise."""
    deadline = time.monotonic() + timeout
    while True:
        xwd = subprocess.run(["xwd", "-id", window, "-display", DISPLAY, "-silent"], capture_output=True, check=True)
        pnm = subprocess.run(["xwdtopnm"], input=xwd.stdout, capture_output=True, check=True).stdout
        pixels = pnm.split(b"\n", 3)[3]  # P6 header: magic, size, maxval
        if len(set(pixels[::7])) > 1:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"the window was not drawn within {timeout} s")
        time.sleep(0.5)
    png = subprocess.run(["pnmtopng", "-compression", "9"], input=pnm, capture_output=True, check=True)
    output.write_bytes(png.stdout)


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "thunderbird-warning.png"
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ic-tb-shot-") as tmp, running_dovecot() as dovecot:
        work = Path(tmp)
        season = make_season(work)
        _inboxcoach("--config", str(season["config"]), "--db", str(season["db"]), "thunderbird", "install",
                    home=season["home"])
        xvfb = subprocess.Popen(
            ["Xvfb", DISPLAY, "-screen", "0", "1520x760x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        reports = Reports()
        thunderbird = None
        try:
            scenario = {
                "report_url": reports.url,
                "imap": {"origin": "imap://127.0.0.1", "user": dovecot.user, "password": dovecot.password},
                "letters": [{"name": "second #1", "to": TO_RIVERSIDE, "subject": "Thank you", "body": FIRST_CHOICE}],
                "tag": None,
                "tag_timeout_ms": 0,
                "move_popup_to": {"left": 940, "top": 40},
            }
            _allow_slow_checks(season["home"], 20_000)
            profile = work / "profile"
            write_profile(
                profile,
                account_prefs(user=dovecot.user, imap_port=dovecot.port, smtp_port=free_port()),
                {
                    ADDON_ID: build_xpi(ROOT / "clients" / "thunderbird", work / "addon.xpi"),
                    DRIVER_ID: _driver_xpi(work, scenario),
                },
            )
            thunderbird = Thunderbird(profile, season["home"], work / "thunderbird.log", display=DISPLAY)
            thunderbird.start()
            _collect(reports, thunderbird, 90)
            window = window_id(TITLE, 30)
            capture(window, output, timeout=30)
            print(f"wrote {output}")
        finally:
            if thunderbird is not None:
                thunderbird.stop()
            reports.close()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(xvfb.pid, signal.SIGTERM)
            xvfb.wait(timeout=10)


if __name__ == "__main__":
    main()
