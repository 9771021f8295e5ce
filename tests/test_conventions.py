"""What a command-line user and systemd expect: --help in the order of use, -V, a man
page that says what --help says, shell completion, log priorities for the journal,
-v that shows inboxcoach's own lines, and a systemd unit that systemd accepts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from inboxcoach.service import notify

from inboxcoach.service import unit as service_unit
from inboxcoach.cli import COMMAND_ORDER, main
from inboxcoach.config import load_config

ROOT = Path(__file__).parent.parent
SAMPLE_CONFIG = ROOT / "src" / "inboxcoach" / "data" / "sample_config.toml"


def test_help_lists_commands_in_the_order_a_user_needs_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.split("Commands:")[1].splitlines() if line.strip()]
    expected = [name for name in COMMAND_ORDER if name in listed]
    assert listed[: len(expected)] == expected
    assert listed[:4] == ["init", "password", "check", "sync"] or listed[:3] == ["init", "check", "sync"]


def test_short_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-V"]) == 0
    assert capsys.readouterr().out.startswith("inboxcoach, version ")


def test_the_man_page_says_what_help_says() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_manpage
    finally:
        sys.path.pop(0)
    committed = (ROOT / "man" / "inboxcoach.1").read_text(encoding="utf-8")
    assert committed == make_manpage.manpage(), "run tools/make_manpage.py and commit man/inboxcoach.1"
    for command in ("sync", "run", "lint", "labels", "service install", "thunderbird install"):
        assert f"\\fBinboxcoach {command}\\fR" in committed


def test_shell_completion_script_is_printed() -> None:
    # the README's line: eval "$(_INBOXCOACH_COMPLETE=bash_source inboxcoach)"
    console = str(Path(sys.executable).parent / "inboxcoach")
    done = subprocess.run([console], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "_INBOXCOACH_COMPLETE": "bash_source"})
    assert done.returncode == 0, done.stderr
    assert "complete -o nosort -F" in done.stdout and "_inboxcoach_completion" in done.stdout
    done = subprocess.run([console], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "_INBOXCOACH_COMPLETE": "bash_complete", "COMP_WORDS": "inboxcoach sy",
                               "COMP_CWORD": "1"})
    assert "plain,sync" in done.stdout.split()


def test_log_lines_carry_syslog_priorities_under_journald(tmp_path: Path) -> None:
    # systemd sets JOURNAL_STREAM to the device:inode of the stream it connects to stderr
    log = tmp_path / "stderr"
    with log.open("w") as stream:
        info = os.fstat(stream.fileno())
        done = subprocess.run([sys.executable, "-m", "inboxcoach.cli", "-v", "demo"], stdout=subprocess.DEVNULL,
                              stderr=stream, timeout=120,
                              env={**os.environ, "JOURNAL_STREAM": f"{info.st_dev}:{info.st_ino}"})
    assert done.returncode == 0
    lines = [line for line in log.read_text().splitlines() if line]
    assert lines and all(line.startswith("<7>DEBUG inboxcoach") for line in lines), lines


def test_verbose_shows_inboxcoachs_own_lines_only(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "inboxcoach.cli", "-v", "demo"], capture_output=True, text=True,
                          timeout=120, env={k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"})
    assert done.returncode == 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert all(line.split()[1].startswith("inboxcoach") for line in lines if line.startswith("DEBUG")), lines
    assert not [line for line in lines if line.startswith("DEBUG") and "mailparser" in line]


# -- systemd ------------------------------------------------------------------------


def test_the_unit_runs_this_inboxcoach_with_notify_watchdog_and_hardening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config home"))
    config_path = tmp_path / "my config" / "config.toml"
    config_path.parent.mkdir()
    config_path.write_text(SAMPLE_CONFIG.read_text() + '\n')
    config = load_config(config_path)
    unit = service_unit.plan(config, config_path, tmp_path / "data" / "ic.db", tmp_path / "logs")
    text = unit.text
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    assert f'--config "{config_path}"' in exec_start and exec_start.endswith(" run")  # a path with a space, quoted
    assert Path(exec_start.split("=", 1)[1].split()[0]).is_absolute()
    for line in ("Type=notify", "WatchdogSec=120", "ProtectSystem=strict", "ProtectHome=read-only",
                 "PrivateTmp=yes", "NoNewPrivileges=yes", "UMask=0077"):
        assert line in text.splitlines()
    writable = next(line for line in text.splitlines() if line.startswith("ReadWritePaths="))
    assert str(tmp_path / "data") in writable and str(tmp_path / "logs") in writable
    assert unit.path == tmp_path / "config home" / "systemd" / "user" / "inboxcoach.service"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    config = load_config(SAMPLE_CONFIG)
    unit = service_unit.plan(config, SAMPLE_CONFIG, tmp_path / "ic.db", tmp_path / "logs")
    path = tmp_path / "inboxcoach.service"
    path.write_text(unit.text)
    done = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True, timeout=60)
    complaints = [line for line in done.stderr.splitlines() if "man inboxcoach" not in line and line.strip()]
    assert complaints == [], done.stderr  # (only the man page may be missing where man is not installed)


def test_install_writes_the_unit_and_says_what_to_do_without_systemctl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    config = load_config(SAMPLE_CONFIG)
    unit = service_unit.plan(config, SAMPLE_CONFIG, tmp_path / "ic.db", tmp_path / "logs")
    said = service_unit.install(unit)
    assert unit.path.read_text() == unit.text
    assert "systemctl was not found" in said


def test_notify_reaches_the_socket_systemd_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(path)
        monkeypatch.setenv("NOTIFY_SOCKET", path)
        assert notify.notify("READY=1")
        assert listener.recv(100) == b"READY=1"
    monkeypatch.delenv("NOTIFY_SOCKET")
    assert not notify.notify("READY=1")  # outside systemd: nothing, and no error


def test_watchdog_interval_is_half_what_systemd_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "120000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert notify.watchdog_interval() == 60
    monkeypatch.setenv("WATCHDOG_PID", "1")  # meant for another process
    assert notify.watchdog_interval() is None
