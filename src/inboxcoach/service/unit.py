"""``inboxcoach service install``: the systemd user unit that runs the daemon.

The unit runs the very inboxcoach that installs it (the absolute path of this
console script, or this Python with ``-m inboxcoach.cli``) with the config and the
database it was given, as ``Type=notify`` with a watchdog the daemon keeps fed while
it is healthy, and with the hardening a user unit can take: the whole system
read-only except the database's folder and the log folder.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2

from inboxcoach.config import Config

UNIT_NAME = "inboxcoach.service"
WATCHDOG_SEC = 120


@dataclass(frozen=True)
class UnitPlan:
    path: Path  # where the unit file goes
    text: str
    env_file: Path | None  # the password file it reads, when the password comes from the environment


def unit_dir() -> Path:
    """Where systemd looks for the current user's units."""
    import os

    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "systemd" / "user"


def _systemd_quote(word: str) -> str:
    """A word for ExecStart=: quoted when it has a space, a quote or a backslash;
    "%" doubled, as systemd expands specifiers there."""
    word = word.replace("%", "%%")
    if any(c in word for c in ' \t"\\\''):
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word


def command_of_this_inboxcoach() -> list[str]:
    """How to start the inboxcoach that is running now: its console script when that
    is what runs, else this Python with ``-m inboxcoach.cli``."""
    script = Path(sys.argv[0])
    if script.name == "inboxcoach":
        found = shutil.which(str(script)) if not script.is_absolute() else str(script)
        if found:
            return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "inboxcoach.cli"]


def plan(config: Config, config_path: Path, db_path: Path, log_dir: Path) -> UnitPlan:
    """The unit for this config and database (nothing is written)."""
    env_file = config_path.parent / "env" if config.account.password_env else None
    words = [*command_of_this_inboxcoach(), "--config", str(config_path.absolute()), "--db",
             str(db_path.absolute()), "run"]  # fmt: skip
    writable = sorted({str(db_path.absolute().parent), str(log_dir.absolute())})
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("inboxcoach", "templates"), trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )  # fmt: skip
    text = environment.get_template("inboxcoach.service.j2").render(
        exec_start=" ".join(_systemd_quote(w) for w in words),
        env_file=str(env_file) if env_file else "",
        password_env=config.account.password_env or "",
        watchdog_sec=WATCHDOG_SEC,
        writable=["-" + _systemd_quote(w) for w in writable],
    )
    return UnitPlan(unit_dir() / UNIT_NAME, text, env_file)


def install(unit: UnitPlan) -> str:
    """Write the unit (and make the folders it may write to); reload systemd's user
    manager when there is one. Returns what was done, for the user."""
    unit.path.parent.mkdir(parents=True, exist_ok=True)
    unit.path.write_text(unit.text, encoding="utf-8")
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        return f"Wrote {unit.path}. systemctl was not found: load it with your service manager."
    done = subprocess.run([systemctl, "--user", "daemon-reload"], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        return f"Wrote {unit.path}; `systemctl --user daemon-reload` failed ({reason}): run it yourself once it works."
    return f"Wrote {unit.path} and reloaded systemd's user units."


def next_steps(unit: UnitPlan) -> list[str]:
    steps = []
    if unit.env_file is not None:
        steps.append(f"Put the password in {unit.env_file} (a line NAME=value) and `chmod 600 {shlex.quote(str(unit.env_file))}`.")
    steps += [
        "systemctl --user enable --now inboxcoach   # start it now and at every login",
        "journalctl --user -u inboxcoach -f          # its log; -p warning shows only problems",
        'loginctl enable-linger "$USER"              # keep it running while you are logged out',
    ]
    return steps
