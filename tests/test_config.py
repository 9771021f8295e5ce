"""Config validation: every error names the file and the key, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from inboxcoach.config import load_config, parse_config
from inboxcoach.errors import ConfigError

EXAMPLE = Path(__file__).parent.parent / "config" / "inboxcoach.example.toml"

MINIMAL = """
[account]
email = "sam@example.org"
[season]
match_year = 2027
[[programs]]
name = "Riverside"
domains = ["riverside.example"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    message = str(info.value)
    assert "\n" not in message
    assert str(tmp_path / "config.toml") in message
    return message


def test_example_config_is_valid() -> None:
    config = load_config(EXAMPLE)
    assert config.account.email == "applicant@example.org"
    assert config.limits.max_contacts_per_program == 3
    assert config.program_list[0].domains == ("riverside.edu", "riversidehealth.org")
    assert config.digest_to == ("applicant@example.org",)


def test_minimal_config_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, MINIMAL))
    assert config.season.timezone == "America/New_York"
    assert config.matching.platform_senders == ("thalamusgme.com", "aamc.org", "interviewbroker.com")
    assert config.account.addresses == frozenset({"sam@example.org"})
    assert config.digest.send_at.hour == 7 and config.digest.send_at.minute == 30


def test_unknown_key_names_it(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("[season]", "[season]\nmatch_yaer = 1"))
    assert "season.match_yaer: unknown key" in message


def test_wrong_type_names_key(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("match_year = 2027", 'match_year = "soon"'))
    assert "season.match_year" in message


def test_program_without_domains_or_contacts(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[programs]]\nname = "Lakeside"\n'
    message = error_of(tmp_path, text)
    assert "programs[1]" in message and "domains or contacts" in message


def test_bad_time_zone(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("match_year = 2027", 'match_year = 2027\ntimezone = "Mars/Olympus"'))
    assert "season.timezone" in message and "Mars/Olympus" in message


def test_two_password_sources(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        'email = "sam@example.org"', 'email = "sam@example.org"\npassword_env = "X"\npassword_command = "pass x"'
    )
    message = error_of(tmp_path, text)
    assert "account" in message and "password_env and password_command" in message


def test_unknown_rule_in_ignore(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL + "\n[rules]\nignore = ['no-such-rule']\n")
    assert "rules.ignore" in message and "no-such-rule" in message


def test_bad_send_at(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL + '\n[digest]\nsend_at = "25:00"\n')
    assert "digest.send_at" in message


def test_invalid_toml(tmp_path: Path) -> None:
    assert "not valid TOML" in error_of(tmp_path, "[account\n")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no config file"):
        load_config(tmp_path / "nope.toml")


def test_plain_security_only_for_localhost() -> None:
    data = {
        "account": {"email": "a@example.org", "imap_host": "imap.example.org", "imap_security": "none"},
        "season": {"match_year": 2027},
    }
    with pytest.raises(ConfigError, match="only allowed for localhost"):
        parse_config(data, "x.toml")


def test_env_var_selects_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, MINIMAL)
    monkeypatch.setenv("INBOXCOACH_CONFIG", str(path))
    assert load_config().account.email == "sam@example.org"
