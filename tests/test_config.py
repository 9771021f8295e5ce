"""Config validation: every error names the file and the key, in one line."""

from __future__ import annotations

import copy
from datetime import date, time
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxcoach.config import (
    AccountConfig,
    Config,
    DigestConfig,
    FoldersConfig,
    LimitsConfig,
    MatchingConfig,
    PluginConfig,
    ProgramConfig,
    RulesConfig,
    SeasonConfig,
    load_config,
    parse_config,
)
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
    assert 'programs["Lakeside"]: a program needs at least one of domains or contacts' in message


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


# -- errors name programs by name and speak our words, not the validator's -----------

VALIDATOR_WORDING = (
    "Input should", "Value error", "validation error", "String should", "pydantic", "type=",  # pydantic's, before
    "Expected `", "Object contains", "Object missing", "- at `", "`$.", "msgspec", "RFC3339", "enum value",
)  # fmt: skip


def assert_ours(message: str, value: Any = None) -> None:
    """No validator's words in ``message``, apart from the texts of the wrong ``value``
    it quotes (a value may be "$." itself)."""
    checked = message
    for text in sorted(_texts(value), key=len, reverse=True):
        checked = checked.replace(text, "")
    for words in VALIDATOR_WORDING:
        assert words not in checked, message


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def test_public_mail_domain_is_rejected_with_the_hint_to_use_contacts(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[programs]]\nname = "St. Luke\'s"\ndomains = ["stlukes.example", "Gmail.com"]\n'
    message = error_of(tmp_path, text)
    assert 'programs["St. Luke\'s"].domains: gmail.com is a public mail domain' in message
    assert "list the coordinator's exact address under contacts instead" in message
    assert_ours(message)


@pytest.mark.parametrize("domain", ["outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "aol.com", "proton.me"])
def test_every_public_mail_domain_is_rejected(domain: str) -> None:
    data = {"account": {"email": "a@example.org"}, "season": {"match_year": 2027},
            "programs": [{"name": "X", "domains": [domain]}]}  # fmt: skip
    with pytest.raises(ConfigError, match=f"{domain} is a public mail domain"):
        parse_config(data, "x.toml")


def test_a_public_address_is_fine_as_a_contact(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[programs]]\nname = "Crestview"\ncontacts = ["crestview.coordinator@gmail.com"]\n'
    config = load_config(write(tmp_path, text))
    assert config.programs[1].contacts == ("crestview.coordinator@gmail.com",)


def test_a_subdomain_of_an_institution_is_no_public_domain(tmp_path: Path) -> None:
    text = MINIMAL.replace('"riverside.example"', '"gmail.riverside.example"')
    assert load_config(write(tmp_path, text)).programs[0].domains == ("gmail.riverside.example",)


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        ('interview_date = "soon"', 'programs["Lakeside"].interview_date: expected a date such as 2026-11-12 (no quotes), got "soon"'),
        ('domains = "lakeside.example"', 'programs["Lakeside"].domains: expected a list in brackets, e.g. ["a", "b"], got "lakeside.example"'),
        ('domains = ["lakeside.example"]\nnrmp = "maybe"', 'programs["Lakeside"].nrmp: expected true or false, got "maybe"'),
        ('domains = ["lakeside.example"]\ncontacts = ["coordinator"]', 'programs["Lakeside"].contacts: not an email address: \'coordinator\''),
        ('domains = ["lakeside.example"]\ncolour = "blue"', 'programs["Lakeside"].colour: unknown key'),
    ],
)
def test_program_errors_name_the_program(tmp_path: Path, program: str, expected: str) -> None:
    message = error_of(tmp_path, MINIMAL + f'\n[[programs]]\nname = "Lakeside"\n{program}\n')
    assert expected in message
    assert_ours(message)


def test_a_program_without_a_name_is_named_by_position(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL + '\n[[programs]]\ndomains = ["lakeside.example"]\n')
    assert "programs[1].name: required key is missing" in message


def test_a_name_with_quotes_is_escaped(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[programs]]\nname = \'The "Best" Program\'\n'
    assert 'programs["The \\"Best\\" Program"]: a program needs' in error_of(tmp_path, text)


def test_two_programs_with_one_name(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL + '\n[[programs]]\nname = "riverside"\ndomains = ["r2.example"]\n')
    assert "programs: two programs are named 'riverside'" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("match_year = 2027\ntimezone = 5", "season.timezone: expected a text in quotes, got 5"),
        ('[account]\nimap_port = 70000', "account.imap_port: expected a number at most 65535, got 70000"),
        ('[account]\nimap_security = "ssl"', 'account.imap_security: expected one of "tls", "starttls" or "none", got "ssl"'),
        ("match_year = 2027\nmatch_day = 12", "season.match_day: expected a date such as 2026-11-12 (no quotes, no time), got 12"),
        ("match_year = 2027\nmatch_day = 2027-03-19T12:00:00", "season.match_day: expected a date such as 2026-11-12 (no quotes, no time), got 2027-03-19T12:00:00"),
        ('[account]\nsmtp_security = 5', 'account.smtp_security: expected one of "tls", "starttls" or "none", got 5'),
        ('[account]\nimap_port = 99.5', "account.imap_port: expected a whole number, got 99.5"),
        ("match_year = 2027\n[digest]\nsend_at = 7", 'digest.send_at: expected a time of day such as "07:30", got 7'),
        ("match_year = 2027\n[limits]\nquiet_after_days = 0", "limits.quiet_after_days: expected a number at least 1, got 0"),
        ("match_year = 2027\n[plugin]\nlabels = 07:30:00", "plugin.labels: expected true or false, got 07:30:00"),
        ("match_year = 2027\n[folders]\nsent = [\"Sent\"]", 'folders.sent: expected a text in quotes, got ["Sent"]'),
        ("match_year = 2027\n[rules]\nignore = [3]", "rules.ignore[0]: expected a text in quotes, got 3"),
        ("match_year = 2027\nmatch = 1", "season.match: unknown key"),
        ("match_year = 2027\n[limits.x]\ny = 1", "limits.x: unknown key"),
        ('match_year = 2027\n[[digest]]\nto = []', "digest: expected a table (a [section] with keys), got [{"),
    ],
)
def test_type_errors_say_what_is_expected(tmp_path: Path, change: str, expected: str) -> None:
    before = "match_year = 2027" if change.startswith("match_year") else "[account]"
    message = error_of(tmp_path, MINIMAL.replace(before, change, 1))
    assert expected in message
    assert_ours(message)


# -- every key, every kind of wrong value: the error names the key, in our words -----------

BASE: dict[str, Any] = {
    "account": {"email": "sam@example.org"},
    "season": {"match_year": 2027},
    "programs": [{"name": "Riverside", "domains": ["riverside.example"]}],
}
TABLES = {
    "account": AccountConfig, "folders": FoldersConfig, "season": SeasonConfig, "limits": LimitsConfig,
    "digest": DigestConfig, "plugin": PluginConfig, "rules": RulesConfig, "matching": MatchingConfig,
}  # fmt: skip
WRONG: tuple[Any, ...] = ({"x": 1}, [{"x": 1}], [12], 123456789, "zzz", True, -1, 2.5, date(2026, 11, 5), time(7, 5, 3))
KEYS = [(table, f.name) for table, kind in TABLES.items() for f in msgspec.structs.fields(kind)] + [
    ("programs", f.name) for f in msgspec.structs.fields(ProgramConfig)
]


def with_value(table: str, key: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    if table == "programs":
        data["programs"][0][key] = value
    else:
        data.setdefault(table, {})[key] = value
    return data


@pytest.mark.parametrize(("table", "key"), KEYS)
def test_every_wrong_value_of_every_key_is_named_in_our_words(table: str, key: str) -> None:
    names = (f'programs["Riverside"].{key}', f"programs[0].{key}") if table == "programs" else (f"{table}.{key}",)
    for value in WRONG:
        try:
            parse_config(with_value(table, key, value), "x.toml")
        except ConfigError as exc:
            message = str(exc)
            assert message.startswith("x.toml: ") and "\n" not in message, message
            assert_ours(message)
            # the key itself, or (a value the key's type takes that its table then refuses
            # as a whole, such as a second password source) the table
            assert any(name in message for name in names) or message.startswith(f"x.toml: {table}"), message


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8)
        | st.dates() | st.times(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
        max_leaves=12,
    ),
    st.sampled_from(KEYS),
)
def test_any_value_anywhere_is_a_config_or_one_line_of_ours(value: Any, where: tuple[str, str]) -> None:
    try:
        config = parse_config(with_value(*where, value), "x.toml")
    except ConfigError as exc:
        assert str(exc).startswith("x.toml: ") and "\n" not in str(exc)
        assert_ours(str(exc), value)
    else:
        assert isinstance(config, Config)


def test_values_are_normalized_and_the_tables_frozen() -> None:
    data = copy.deepcopy(BASE)
    data["account"] |= {"email": " Sam@Example.ORG ", "aliases": ["S.Am@Example.org"], "imap_port": "993"}
    data["digest"] = {"send_at": "6:05", "to": ["Me@Example.org"]}
    data["matching"] = {"platform_senders": ["@Thalamus.COM", " "]}
    data["programs"][0] |= {"domains": ["@Riverside.Example"], "contacts": ["K@Riverside.Example"]}
    config = parse_config(data)
    assert config.account.email == "sam@example.org" and config.account.aliases == ("s.am@example.org",)
    assert config.account.imap_port == 993
    assert (config.digest.send_at.hour, config.digest.send_at.minute) == (6, 5) and config.digest.to == ("me@example.org",)
    assert config.matching.platform_senders == ("thalamus.com",)
    assert config.programs[0].domains == ("riverside.example",) and config.programs[0].contacts == ("k@riverside.example",)
    assert parse_config({**BASE, "digest": {"send_at": time(18, 45)}}).digest.send_at == time(18, 45)
    with pytest.raises(AttributeError):
        config.account.email = "other@example.org"  # type: ignore[misc]
    assert hash(config) == hash(parse_config(data)) and config == parse_config(data)


def test_tables_made_directly_are_checked_too() -> None:
    with pytest.raises(ValueError, match="not an email address"):
        AccountConfig(email="sam")
    with pytest.raises(ValueError, match="public mail domain"):
        ProgramConfig(name="X", domains=("gmail.com",))
    with pytest.raises(ValueError, match="HH:MM"):
        DigestConfig(send_at="7h30")  # type: ignore[arg-type]
    assert DigestConfig(send_at=time(8, 0)).send_at == time(8, 0)  # type: ignore[arg-type]
    assert ProgramConfig(name="X", domains=["X.example"]).domains == ("x.example",)  # type: ignore[arg-type]
