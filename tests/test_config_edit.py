"""Editing the user's config: ``programs add``, ``programs import``, ``password set``.

Every edit keeps the file's comments and layout (tomlkit), validates like the config,
and writes nothing when the result would not load.
"""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inboxcoach.cli import main
from inboxcoach.config import ProgramConfig, load_config
from inboxcoach.cli.config_edit import EXAMPLE_DOMAIN, add_programs, parse_date, read_programs_csv, use_keyring
from inboxcoach.errors import ConfigError
from inboxcoach.cli.onboarding import EXAMPLE_DOMAIN as INIT_EXAMPLE_DOMAIN
from inboxcoach.cli.onboarding import init_config

HAND_WRITTEN = """\
# my inboxcoach config -- keep this comment
[account]
email = "sam@example.org"     # where I write from
password_env = "MY_PASSWORD"  # set in ~/.profile

[season]
match_year = 2027

# programs I already know
[[programs]]
name = "Riverside University Anesthesiology"
domains = ["riverside.example"]   # their mail
"""


def config_file(tmp_path: Path, text: str = HAND_WRITTEN) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def test_add_keeps_comments_and_layout(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    program = ProgramConfig(name="Lakeshore", domains=("lakeshore.example",), interview_date=date(2026, 11, 5))
    names, config = add_programs(path, [program], ["found in 3 messages"])
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN)  # nothing above was touched
    assert text.endswith(
        '\n[[programs]]\n# found in 3 messages\nname = "Lakeshore"\ndomains = ["lakeshore.example"]\ninterview_date = 2026-11-05\n'
    )
    assert names == ["Lakeshore"] and [p.name for p in config.programs] == ["Riverside University Anesthesiology", "Lakeshore"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_add_to_a_config_without_programs(tmp_path: Path) -> None:
    path = config_file(tmp_path, HAND_WRITTEN[: HAND_WRITTEN.index("# programs")])
    add_programs(path, [ProgramConfig(name="Lakeshore", contacts=("k@lakeshore.example",))])
    assert [p.name for p in load_config(path).programs] == ["Lakeshore"]


def test_the_example_program_of_init_makes_way(tmp_path: Path) -> None:
    assert EXAMPLE_DOMAIN == INIT_EXAMPLE_DOMAIN
    path = tmp_path / "config.toml"
    init_config(path, email="sam@gmail.com", provider=None, timezone="America/New_York", match_year=2027, force=False)
    add_programs(path, [ProgramConfig(name="Lakeshore", domains=("lakeshore.example",))])
    text = path.read_text(encoding="utf-8")
    assert EXAMPLE_DOMAIN not in text and "This block is an example" not in text
    assert [p.name for p in load_config(path).programs] == ["Lakeshore"]
    assert "# One [[programs]] block per program." in text  # init's other comments stay


def test_a_taken_name_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    with pytest.raises(ConfigError) as info:
        add_programs(path, [ProgramConfig(name="riverside university anesthesiology", domains=("r2.example",))])
    assert str(info.value) == (
        f'{path}: programs["riverside university anesthesiology"]: a program with this name is in the config already'
    )
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_use_keyring_replaces_the_other_source(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    assert use_keyring(path) == ["password_env"]
    text = path.read_text(encoding="utf-8")
    assert "password_env" not in text and "keyring = true" in text
    assert '# my inboxcoach config -- keep this comment\n[account]\nemail = "sam@example.org"     # where I write from' in text
    assert load_config(path).account.keyring is True
    assert use_keyring(path) == []  # again: nothing to do


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-11-12", date(2026, 11, 12)), ("11/12/2026", date(2026, 11, 12)), ("Nov 12, 2026", date(2026, 11, 12)),
     ("12 November 2026", date(2026, 11, 12)), ("November 12, 2026", date(2026, 11, 12))],
)  # fmt: skip
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


SHEET = (
    "\ufeffProgram Name,Domains,Contact(s),Interview Date,Status,Notes\n"
    'Riverside University Anesthesiology,riverside.example,,2026-11-12,interviewed,"loved it, really"\n'
    "Lakeshore Medical Center,lakeshore.example; lakeshore-med.example,k.odonnell@lakeshore.example,11/05/2026,,\n"
    'Crestview,,"coordinator.crestview@gmail.com, pd@crestview.example",,applied,\n'
    ",,,,,\n"
)


def test_read_programs_csv(tmp_path: Path) -> None:
    sheet = tmp_path / "applications.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    programs = read_programs_csv(sheet)
    assert [(p.name, p.domains, p.contacts, p.interview_date) for p in programs] == [
        ("Riverside University Anesthesiology", ("riverside.example",), (), date(2026, 11, 12)),
        ("Lakeshore Medical Center", ("lakeshore.example", "lakeshore-med.example"), ("k.odonnell@lakeshore.example",), date(2026, 11, 5)),
        ("Crestview", (), ("coordinator.crestview@gmail.com", "pd@crestview.example"), None),
    ]  # fmt: skip


def test_read_a_semicolon_separated_sheet(tmp_path: Path) -> None:
    sheet = tmp_path / "applications.csv"
    sheet.write_text("NAME;DOMAINS;CONTACTS;INTERVIEW_DATE\nLakeshore;lakeshore.example, lakeshore-med.example;;\n")
    [program] = read_programs_csv(sheet)
    assert program.domains == ("lakeshore.example", "lakeshore-med.example")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("St. Luke's,gmail.com,,", 'row 2: programs["St. Luke\'s"].domains: gmail.com is a public mail domain'),
        ("St. Luke's,,,", 'row 2: programs["St. Luke\'s"]: a program needs at least one of domains or contacts'),
        ("St. Luke's,stlukes.example,,soon", "row 2: interview_date: expected a date such as 2026-11-12 or 11/12/2026, got 'soon'"),
        (",stlukes.example,,", "row 2: name is empty"),
    ],
)
def test_csv_errors_name_the_file_and_row(tmp_path: Path, row: str, expected: str) -> None:
    sheet = tmp_path / "applications.csv"
    sheet.write_text("name,domains,contacts,interview_date\n" + row + "\n")
    with pytest.raises(ConfigError) as info:
        read_programs_csv(sheet)
    assert str(info.value).startswith(f"{sheet}: {expected}")
    assert "\n" not in str(info.value)


# -- the commands ---------------------------------------------------------------------


def run(path: Path, *args: str) -> int:
    return main(["--config", str(path), *args])


def test_programs_add(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(tmp_path)
    code = run(path, "programs", "add", "Lakeshore Medical Center", "--domain", "lakeshore.example",
               "--contact", "K.ODonnell@lakeshore.example", "--interview", "11/05/2026", "--alias", "Lakeshore")  # fmt: skip
    assert code == 0
    program = load_config(path).programs[-1]
    assert (program.name, program.aliases, program.domains, program.contacts, program.interview_date) == (
        "Lakeshore Medical Center", ("Lakeshore",), ("lakeshore.example",), ("k.odonnell@lakeshore.example",), date(2026, 11, 5)
    )  # fmt: skip
    assert path.read_text(encoding="utf-8").startswith(HAND_WRITTEN)
    assert "Added Lakeshore Medical Center" in capsys.readouterr().out


def test_programs_add_a_public_domain_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(tmp_path)
    assert run(path, "programs", "add", "St. Luke's", "--domain", "gmail.com") == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"inboxcoach: {path}: programs[\"St. Luke's\"].domains: gmail.com is a public mail domain: anyone can write "
        "from it, so it is never a program's domain; list the coordinator's exact address under contacts instead"
    )
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_programs_add_outside_the_match(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    assert run(path, "programs", "add", "Crescent Bay", "--domain", "crescentbay.example", "--outside-match") == 0
    assert load_config(path).programs[-1].nrmp is False


def test_programs_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(tmp_path)
    sheet = tmp_path / "applications.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    assert run(path, "programs", "import", str(sheet)) == 0
    out = capsys.readouterr().out
    assert "Added 2 programs" in out and "Already in the config, skipped: Riverside University Anesthesiology" in out
    assert [p.name for p in load_config(path).programs] == [
        "Riverside University Anesthesiology", "Lakeshore Medical Center", "Crestview"
    ]  # fmt: skip
    assert run(path, "programs", "import", str(sheet)) == 0  # again: nothing new, nothing broken
    assert len(load_config(path).programs) == 3


def test_programs_import_a_bad_row_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(tmp_path)
    sheet = tmp_path / "applications.csv"
    sheet.write_text("name,domains\nGood,good.example\nBad,yahoo.com\n")
    assert run(path, "programs", "import", str(sheet)) == 2
    assert "row 3" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


# -- password set ---------------------------------------------------------------------


@pytest.fixture
def file_keyring(tmp_path: Path) -> Any:
    keyring = pytest.importorskip("keyring")
    plaintext = pytest.importorskip("keyrings.alt.file")
    backend = plaintext.PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield keyring
    keyring.set_keyring(previous)


def test_password_set_stores_it_and_switches_the_config(
    tmp_path: Path, file_keyring: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_file(tmp_path)
    monkeypatch.setattr("sys.stdin", _Lines("app-password-123\n"))
    assert run(path, "password", "set", "--stdin") == 0
    assert file_keyring.get_password("inboxcoach", "sam@example.org") == "app-password-123"
    assert load_config(path).account.keyring is True
    out = capsys.readouterr()
    assert "app-password-123" not in out.out + out.err
    assert "keyring = true (instead of password_env)" in out.out


def test_password_set_without_a_keyring_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keyring = pytest.importorskip("keyring")
    from keyring.backends import fail

    path = config_file(tmp_path)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert run(path, "password", "set", "--stdin") == 2
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "no system keyring is available here" in err and "keyrings.alt" in err and "password_env" in err
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_password_set_refuses_an_oauth_account(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(tmp_path, HAND_WRITTEN.replace('password_env = "MY_PASSWORD"', 'oauth2_token_command = "oama access sam"'))
    assert run(path, "password", "set", "--stdin") == 2
    assert "logs in with OAuth" in capsys.readouterr().err


class _Lines:
    """A stand-in for stdin holding some lines (not a terminal)."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)

    def readline(self) -> str:
        return self._lines.pop(0) if self._lines else ""

    def isatty(self) -> bool:
        return False
