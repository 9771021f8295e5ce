"""The command line: documented commands exist, errors are one line with exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inboxcoach.cli import main

ROOT = Path(__file__).parent.parent
MINIMAL = """
[account]
email = "sam@example.org"
[season]
match_year = 2027
[[programs]]
name = "Riverside University Anesthesiology"
aliases = ["Riverside"]
domains = ["riverside.example"]
[[programs]]
name = "Lakeside Anesthesiology"
aliases = ["Lakeside"]
domains = ["lakeside.example"]
"""


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"`inboxcoach ([a-z]+)", text)))


def test_readme_documents_commands() -> None:
    assert {"scan", "status", "report", "digest", "lint", "demo"} <= set(readme_commands())


@pytest.mark.parametrize("command", readme_commands())
def test_every_readme_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    assert "Usage" in capsys.readouterr().out


def test_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("scan", "report", "status", "digest", "lint", "demo"):
        assert command in out


def test_bad_config_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL.replace("match_year = 2027", "match_year = 2027\ncolour = 'blue'"))
    assert main(["--config", str(config), "--db", str(tmp_path / "db"), "status"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(config) in err and "season.colour" in err


def test_missing_database_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    assert main(["--config", str(config), "--db", str(tmp_path / "none.db"), "status"]) == 2
    assert "inboxcoach scan" in capsys.readouterr().err


def test_bad_as_of_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    assert main(["--config", str(config), "report", "--json", "--as-of", "yesterday"]) == 2
    assert "--as-of" in capsys.readouterr().err


def test_lint_placeholder_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Dear Dr. Smith,\n\nThank you for the opportunity to interview at [Institution Name]. "
        "I enjoyed meeting the residents and learning about the program.\n\nBest regards,\nSam\n"
    )
    args = ["--config", str(config), "--db", str(tmp_path / "db"), "lint", str(draft), "--to", "pd@riverside.example"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "template-placeholder" in out


def test_lint_clean_draft_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    draft = tmp_path / "draft.eml"
    draft.write_bytes(
        b"From: sam@example.org\r\nTo: pd@lakeside.example\r\nSubject: Thank you\r\n\r\n"
        b"Dear Dr. Lee,\r\n\r\nThank you for taking the time to meet with me at Lakeside. "
        b"I enjoyed learning about the simulation curriculum.\r\n\r\nBest regards,\r\nSam\r\n"
    )
    assert main(["--config", str(config), "--db", str(tmp_path / "db"), "lint", str(draft)]) == 0
    assert "Lakeside Anesthesiology" in capsys.readouterr().out


def test_lint_plain_text_without_to_is_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    draft = tmp_path / "draft.txt"
    draft.write_text("Dear Dr. Smith, thank you.")
    assert main(["--config", str(config), "--db", str(tmp_path / "db"), "lint", str(draft)]) == 2
    assert "--to" in capsys.readouterr().err


def test_lint_catches_a_second_first_choice_letter_against_the_season(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib import resources

    data = resources.files("inboxcoach") / "data"
    config, mbox, db = str(data / "sample_config.toml"), str(data / "sample_season.mbox"), str(tmp_path / "db")
    assert main(["--config", config, "--db", db, "scan", mbox]) == 0
    draft = tmp_path / "draft.txt"
    draft.write_text("Dear Dr. Hale,\n\nYour program is my #1 choice and I will rank you first.\n\nBest,\nSam\n")
    capsys.readouterr()
    args = ["--config", config, "--db", db, "lint", str(draft), "--to", "pd@riverside-health.example",
            "--as-of", "2027-01-20T08:00"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert out.count("multiple-first-choice") == 1  # only this draft's finding, not other drafts'
    assert "Your draft to Riverside University Anesthesiology" in out


def test_the_console_entry_flushes_everything_and_keeps_the_exit_code(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "config.toml"
    bad.write_text("[season]\ncolour = 'blue'\n")
    run = subprocess.run(
        [sys.executable, "-m", "inboxcoach.cli", "--config", str(bad), "check"], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "season.colour: unknown key" in run.stderr
    demo = subprocess.run([sys.executable, "-m", "inboxcoach.cli", "demo"], capture_output=True, text=True)
    assert demo.returncode == 0
    assert "Subject: inboxcoach digest" in demo.stdout and len(demo.stdout) > 2000


# -- an internal error: one line, a crash log, exit 70 -----------------------------------


def crash_in_status(monkeypatch: pytest.MonkeyPatch, message: str) -> None:
    from inboxcoach.cli import commands

    def report(*args: object) -> None:
        raise RuntimeError(message)

    monkeypatch.setattr(commands, "report", report)


def test_an_internal_error_is_one_line_a_crash_log_and_exit_70(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("INBOXCOACH_PASSWORD", "hunter2-very-secret")
    crash_in_status(monkeypatch, "cannot judge (login hunter2-very-secret)\nsecond line")
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    assert main(["--config", str(config), "--db", str(tmp_path / "db"), "status"]) == 70
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith("inboxcoach: internal error in `inboxcoach status` (RuntimeError: cannot judge")
    assert "hunter2" not in captured.err and "[redacted]" in captured.err
    logs = list((tmp_path / "state" / "inboxcoach" / "log").glob("inboxcoach-crash-*.log"))
    assert len(logs) == 1 and lines[0].endswith(f"the traceback is in {logs[0]}")
    text = logs[0].read_text()
    assert "Traceback (most recent call last)" in text and "RuntimeError: cannot judge" in text
    assert "in report" in text and "status" in text.splitlines()[1]  # where it failed, and the command line
    assert "hunter2" not in text
    assert logs[0].stat().st_mode & 0o777 == 0o600


def test_a_crash_log_goes_to_the_temporary_dir_when_the_state_dir_is_unusable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))  # mkdir under a file fails
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read $TMPDIR again
    crash_in_status(monkeypatch, "boom")
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    assert main(["--config", str(config), "--db", str(tmp_path / "db"), "status"]) == 70
    logs = list((tmp_path / "tmp").glob("inboxcoach-crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in capsys.readouterr().err


def test_user_errors_stay_exit_2_and_lint_findings_exit_1_beside_the_crash_handler(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    assert main(["--config", str(config), "--db", str(tmp_path / "none.db"), "status"]) == 2
    assert main(["--config", str(config), "scan", str(tmp_path / "missing.mbox")]) == 2
    assert main(["no-such-command"]) == 2
    assert "internal error" not in capsys.readouterr().err


def test_the_console_script_exits_70_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    crash = (
        "import inboxcoach.cli.commands as c\n"
        "def report(*args): raise KeyError('programs')\n"
        "c.report = report\n"
        "from inboxcoach.cli import entry\n"
        "entry()\n"
    )
    config = tmp_path / "config.toml"
    config.write_text(MINIMAL)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")}
    run = subprocess.run(
        [sys.executable, "-c", crash, "--config", str(config), "--db", str(tmp_path / "db"), "report"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert run.returncode == 70 and run.stdout == ""
    assert len(run.stderr.splitlines()) == 1 and "Traceback" not in run.stderr
    assert "internal error in `inboxcoach report` (KeyError: 'programs')" in run.stderr
