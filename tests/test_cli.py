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
    assert len(run.stderr.strip().splitlines()) == 1 and "account: required key is missing" in run.stderr
    demo = subprocess.run([sys.executable, "-m", "inboxcoach.cli", "demo"], capture_output=True, text=True)
    assert demo.returncode == 0
    assert "Subject: inboxcoach digest" in demo.stdout and len(demo.stdout) > 2000
