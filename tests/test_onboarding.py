"""``inboxcoach init`` and ``inboxcoach check``: providers, the generated config, writing
it, and checking an account against a real Dovecot and a real aiosmtpd server."""

from __future__ import annotations

import io
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from imapserver import DEFAULT_PASSWORD, DEFAULT_USER, PASSWORD_ENV, DovecotServer, free_port
from rich.console import Console

from inboxcoach import cli
from inboxcoach.config import Config, parse_config
from inboxcoach.errors import ConfigError, InboxcoachError
from inboxcoach.cli.check import CheckReport, check, print_check
from inboxcoach.cli.onboarding import (
    EXAMPLE_DOMAIN,
    GENERIC,
    GMAIL,
    ICLOUD,
    OUTLOOK,
    PROVIDER_KEYS,
    PROVIDERS,
    YAHOO,
    Provider,
    default_match_year,
    detect_provider,
    init_config,
    next_steps,
    render_config,
)

MESSAGE = (
    b"From: Coordinator <coordinator@riverside.example>\r\n"
    b"To: sam@example.org\r\n"
    b"Subject: Interview day\r\n"
    b"Message-ID: <%d@riverside.example>\r\n"
    b"Date: Mon, 09 Nov 2026 10:00:00 +0000\r\n"
    b"\r\n"
    b"See you soon.\r\n"
)

# -- providers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("sam@gmail.com", GMAIL),
        ("Sam@GoogleMail.com", GMAIL),
        ("sam@outlook.com", OUTLOOK),
        ("sam@hotmail.com", OUTLOOK),
        ("sam@live.com", OUTLOOK),
        ("sam@msn.com", OUTLOOK),
        ("sam@icloud.com", ICLOUD),
        ("sam@me.com", ICLOUD),
        ("sam@mac.com", ICLOUD),
        ("sam@yahoo.com", YAHOO),
        ("sam@ymail.com", YAHOO),
    ],
)
def test_detect_known_provider(email: str, expected: Provider) -> None:
    assert detect_provider(email) == expected


def test_known_provider_settings() -> None:
    assert (GMAIL.imap_host, GMAIL.imap_port, GMAIL.smtp_host, GMAIL.smtp_port, GMAIL.smtp_security) == (
        "imap.gmail.com", 993, "smtp.gmail.com", 465, "tls",
    )  # fmt: skip
    assert (OUTLOOK.imap_host, OUTLOOK.smtp_host, OUTLOOK.smtp_port, OUTLOOK.smtp_security, OUTLOOK.auth) == (
        "outlook.office365.com", "smtp.office365.com", 587, "starttls", "oauth",
    )  # fmt: skip
    assert (ICLOUD.imap_host, ICLOUD.smtp_host, ICLOUD.smtp_port, ICLOUD.smtp_security) == (
        "imap.mail.me.com", "smtp.mail.me.com", 587, "starttls",
    )  # fmt: skip
    assert (YAHOO.imap_host, YAHOO.smtp_host, YAHOO.smtp_port) == ("imap.mail.yahoo.com", "smtp.mail.yahoo.com", 465)


def test_unknown_domain_gets_guessed_hosts() -> None:
    provider = detect_provider("sam@med.uni-example.edu")
    assert provider.key == "generic"
    assert provider.guessed
    assert (provider.imap_host, provider.imap_port) == ("imap.med.uni-example.edu", 993)
    assert (provider.smtp_host, provider.smtp_port) == ("smtp.med.uni-example.edu", 465)
    assert "guess" in provider.host_note


def test_override_wins_over_the_domain() -> None:
    assert detect_provider("sam@my-own-domain.org", "gmail") == GMAIL
    assert detect_provider("sam@gmail.com", "generic").imap_host == "imap.gmail.com"


def test_unknown_override_and_bad_address() -> None:
    with pytest.raises(InboxcoachError, match="unknown provider 'aol'; choose one of: gmail, outlook"):
        detect_provider("sam@aol.com", "aol")
    with pytest.raises(ValueError, match="not an email address: 'sam'"):
        detect_provider("sam")


@pytest.mark.parametrize(
    ("today", "year"),
    [(date(2026, 6, 30), 2026), (date(2026, 7, 1), 2027), (date(2026, 12, 31), 2027), (date(2027, 1, 2), 2027)],
)
def test_default_match_year(today: date, year: int) -> None:
    assert default_match_year(today) == year


# -- the generated config -------------------------------------------------------


def _load(text: str) -> Config:
    return parse_config(tomllib.loads(text), "generated")


@pytest.mark.parametrize("key", PROVIDER_KEYS)
def test_rendered_config_loads_for_every_provider(key: str) -> None:
    email = {"gmail": "sam@gmail.com", "outlook": "sam@outlook.com", "icloud": "sam@icloud.com",
             "yahoo": "sam@yahoo.com", "generic": "sam@uni-example.edu"}[key]  # fmt: skip
    provider = detect_provider(email)
    assert provider.key == key
    text = render_config(email, provider, timezone="America/Chicago", match_year=2027)
    config = _load(text)
    account = config.account
    assert account.email == email
    assert (account.imap_host, account.imap_port, account.imap_security) == (
        provider.imap_host, provider.imap_port, provider.imap_security,
    )  # fmt: skip
    assert (account.smtp_host, account.smtp_port, account.smtp_security) == (
        provider.smtp_host, provider.smtp_port, provider.smtp_security,
    )  # fmt: skip
    assert config.season.match_year == 2027
    assert config.season.timezone == "America/Chicago"
    assert [p.domains for p in config.programs] == [(EXAMPLE_DOMAIN,)]
    # the comments of the example config are kept
    assert "# Exactly one password source" in text
    assert '# imap_ca_file = "/path/to/private-ca.pem" # only for a server with a private CA' in text
    assert "# rank_list_deadline = 2027-03-03" in text
    assert "# match_day = 2027-03-19" in text
    assert "[folders]                                # optional: found by SPECIAL-USE" in text
    assert "max_contacts_per_program = 3             # messages you initiate per program" in text


@pytest.mark.parametrize("provider", [GMAIL, ICLOUD, YAHOO, GENERIC])
def test_password_providers_read_an_env_var(provider: Provider) -> None:
    text = render_config("sam@example.org", provider, match_year=2027)
    config = _load(text)
    assert config.account.password_env == "INBOXCOACH_PASSWORD"
    assert config.account.password_source == "password_env"
    assert '# password_command = "pass show mail/' in text
    assert "# keyring = true" in text
    assert "app" in text.lower() or provider is GENERIC


def test_gmail_config_explains_app_passwords_and_oauth() -> None:
    text = render_config("sam@gmail.com", GMAIL, match_year=2027)
    assert "app password" in text and "2-Step" in text
    assert '# oauth2_token_command = "oama access sam@gmail.com"' in text
    assert '# sent = "[Gmail]/Sent Mail"' in text


def test_microsoft_config_is_oauth_only() -> None:
    text = render_config("sam@outlook.com", OUTLOOK, match_year=2027)
    config = _load(text)
    assert config.account.password_source is None  # the user uncomments the token command
    assert "password_env =" not in text
    assert '# oauth2_token_command = "oama access sam@outlook.com"' in text
    assert "no longer accepts passwords" in text
    assert "IMAP.AccessAsUser.All" in text
    uncommented = text.replace("# oauth2_token_command =", "oauth2_token_command =")
    assert _load(uncommented).account.oauth2_token_command == "oama access sam@outlook.com"


def test_icloud_config_suggests_the_short_username() -> None:
    text = render_config("sam.doe@icloud.com", ICLOUD, match_year=2027)
    assert '# username = "sam.doe"' in text
    assert "app-specific password" in text
    assert "oauth2_token_command" not in text  # iCloud has no OAuth


def test_generic_config_says_hosts_are_guessed() -> None:
    text = render_config("sam@uni-example.edu", detect_provider("sam@uni-example.edu"), match_year=2027)
    assert re.search(r'^imap_host = "imap\.uni-example\.edu" +# a guess: check', text, re.M)
    assert re.search(r'^smtp_host = "smtp\.uni-example\.edu" +# a guess: check', text, re.M)


def test_given_programs_replace_the_example() -> None:
    programs = [("Riverside University Anesthesiology", "riverside.edu"), ('Lake "Side" MC', "@LakesideMC.org")]
    config = _load(render_config("sam@gmail.com", GMAIL, match_year=2027, programs=programs))
    assert [(p.name, p.domains) for p in config.programs] == [
        ("Riverside University Anesthesiology", ("riverside.edu",)),
        ('Lake "Side" MC', ("lakesidemc.org",)),
    ]


def test_render_rejects_a_bad_time_zone() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        render_config("sam@gmail.com", GMAIL, timezone="Mars/Olympus", match_year=2027)


# -- writing it -------------------------------------------------------------------


def test_init_writes_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "config.toml"
    written = init_config(
        path, email="Sam@Gmail.com", provider=None, timezone="Europe/Berlin", match_year=2027, force=False
    )
    assert written == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    config = _load(path.read_text(encoding="utf-8"))
    assert (config.account.email, config.account.imap_host) == ("sam@gmail.com", "imap.gmail.com")
    assert config.season.timezone == "Europe/Berlin"


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n")
    with pytest.raises(InboxcoachError, match=r"config\.toml: a config file is already there; pass --force"):
        init_config(path, email="sam@gmail.com", provider=None, timezone="America/New_York", match_year=2027, force=False)
    assert path.read_text() == "# mine\n"


def test_init_force_overwrites_and_tightens_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n")
    os.chmod(path, 0o644)
    init_config(path, email="sam@yahoo.com", provider=None, timezone="America/New_York", match_year=2027, force=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _load(path.read_text()).account.imap_host == "imap.mail.yahoo.com"


def test_init_names_the_path_for_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    with pytest.raises(ConfigError, match=r"config\.toml: unknown time zone 'Nowhere'"):
        init_config(path, email="sam@gmail.com", provider=None, timezone="Nowhere", match_year=2027, force=False)
    assert not path.exists()


def test_next_steps() -> None:
    path = Path("/home/sam/.config/inboxcoach/config.toml")
    gmail = next_steps(path, GMAIL)
    assert gmail[0].startswith("Store your app password in the system keyring: `inboxcoach password set`")
    assert "INBOXCOACH_PASSWORD" in gmail[0]
    assert gmail[1] == "Read your mail and find your programs: `inboxcoach sync`, then `inboxcoach programs suggest --write`."
    assert gmail[2] == "Run `inboxcoach check` to test the logins and see the folders it will watch."
    assert gmail[-1].startswith("Start the daemon: `inboxcoach run`")
    assert not any("[[programs]]" in step for step in gmail)  # no TOML to write by hand
    assert "oauth2_token_command" in next_steps(path, OUTLOOK)[0]
    assert "guessed" in next_steps(path, detect_provider("sam@uni-example.edu"))[0]


# -- check ------------------------------------------------------------------------


class _Authenticator:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (self.user, self.password)
        return AuthResult(success=ok, handled=False)


class _Sink:
    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        return "250 OK"


@pytest.fixture
def smtpd() -> Iterator[Controller]:
    """A real SMTP server on 127.0.0.1 that accepts one login (the Dovecot user's)."""
    controller = Controller(
        _Sink(),
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=_Authenticator(DEFAULT_USER, DEFAULT_PASSWORD),
        auth_require_tls=False,
    )
    controller.start()
    yield controller
    controller.stop()


def _config(server: DovecotServer, smtpd: Controller | None, *, programs: int = 2, **account: Any) -> Config:
    smtp: dict[str, Any] = (
        {"smtp_host": smtpd.hostname, "smtp_port": smtpd.port, "smtp_security": "none"} if smtpd else {}
    )
    made = server.account(**smtp, **account)
    values = {f.name: getattr(made, f.name) for f in msgspec.structs.fields(made) if getattr(made, f.name) not in (None, f.default)}
    return parse_config(
        {
            "account": values,
            "season": {"match_year": 2027},
            "programs": [
                {"name": name, "domains": [domain]}
                for name, domain in [("Riverside", "riverside.example"), ("Lakeside", "lakeside.example")][:programs]
            ],
        }
    )


def _printed(report: CheckReport) -> str:
    console = Console(record=True, width=300, color_system=None)
    print_check(console, report)
    return console.export_text()


def test_check_all_ok(dovecot: DovecotServer, smtpd: Controller) -> None:
    report = check(_config(dovecot, smtpd), timeout=10)
    assert [(i.name, i.status) for i in report.items] == [
        ("config", "ok"), ("programs", "ok"), ("imap", "ok"), ("server", "ok"), ("folders", "ok"), ("smtp", "ok"),
    ]  # fmt: skip
    assert report.ok
    assert report.item("programs").line == "2 programs: Riverside, Lakeside"
    assert "environment variable INBOXCOACH_TEST_IMAP_PASSWORD" in report.item("config").line
    assert report.item("imap").line == f"IMAP: logged in to 127.0.0.1:{dovecot.port} (none) as sam@example.org"
    assert report.item("server").line == "server: not Gmail"
    assert report.item("smtp").line == (
        f"SMTP: 127.0.0.1:{smtpd.port} (no TLS): login as sam@example.org accepted"
    )
    text = _printed(report)
    assert "✗" not in text and "All good." in text
    assert DEFAULT_PASSWORD not in text


def test_check_reports_folders_and_counts(dovecot: DovecotServer, smtpd: Controller) -> None:
    dovecot.append("INBOX", MESSAGE % 1)
    dovecot.append("INBOX", MESSAGE % 2)
    report = check(_config(dovecot, smtpd), timeout=10)
    assert report.item("folders").line == (
        "folders: inbox 'INBOX' (2 messages), sent 'Sent' (0 messages), drafts 'Drafts' (0 messages)"
    )


def test_wrong_imap_password_names_the_source_and_smtp_is_still_checked(
    dovecot: DovecotServer, smtpd: Controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "wrong-password-123")
    report = check(_config(dovecot, smtpd), timeout=10)
    imap = report.item("imap")
    assert imap.status == "problem"
    assert imap.line.startswith("IMAP login to 127.0.0.1 as sam@example.org was refused")
    assert "environment variable INBOXCOACH_TEST_IMAP_PASSWORD" in imap.line
    assert (report.item("server").status, report.item("folders").status) == ("skipped", "skipped")
    smtp = report.item("smtp")  # checked all the same (and refused: same password source)
    assert smtp.status == "problem"
    assert "login as sam@example.org refused (535" in smtp.line
    text = _printed(report)
    assert "wrong-password-123" not in text and DEFAULT_PASSWORD not in text
    assert "2 problems" in text


def test_unreachable_imap_does_not_hide_a_working_smtp(dovecot: DovecotServer, smtpd: Controller) -> None:
    closed = free_port()
    report = check(_config(dovecot, smtpd, imap_port=closed), timeout=10)
    assert report.item("imap").line == f"IMAP: cannot reach 127.0.0.1:{closed}: connection refused"
    assert report.item("smtp").status == "ok"
    assert [i.name for i in report.problems] == ["imap"]


def test_missing_smtp_host_is_a_clear_problem(dovecot: DovecotServer) -> None:
    report = check(_config(dovecot, None), timeout=10)
    assert report.item("imap").status == "ok"
    smtp = report.item("smtp")
    assert (smtp.status, smtp.line) == (
        "problem", "SMTP: account.smtp_host is not set; inboxcoach needs it to send the digest",
    )  # fmt: skip
    assert [i.name for i in report.problems] == ["smtp"]


def test_no_programs_and_the_unedited_example_are_problems(dovecot: DovecotServer, smtpd: Controller) -> None:
    none = check(_config(dovecot, smtpd, programs=0), timeout=10).item("programs")
    assert (none.status, none.line) == (
        "problem", "programs: none configured; `inboxcoach programs suggest --write` finds them in your mail "
        "(after `inboxcoach sync`), `programs add` adds one",
    )  # fmt: skip
    generated = _load(render_config("sam@example.org", GENERIC, match_year=2027))
    config = msgspec.structs.replace(generated, account=_config(dovecot, smtpd).account)
    example = check(config, timeout=10).item("programs")
    assert example.status == "problem"
    assert "'Example University Anesthesiology' is still the example" in example.line


def test_missing_sent_folder_is_a_problem(make_dovecot: Any, smtpd: Controller) -> None:
    server = make_dovecot(folders={"Archive": None}, special_use=False)
    report = check(_config(server, smtpd), timeout=10)
    folders = report.item("folders")
    assert folders.status == "problem"
    assert folders.line.startswith("folders: inbox 'INBOX' (0 messages); no Sent folder found")
    assert "set folders.sent" in folders.line


def test_every_provider_is_in_the_table() -> None:
    assert PROVIDER_KEYS == ("gmail", "outlook", "icloud", "yahoo", "generic")
    assert len({p.key for p in PROVIDERS}) == len(PROVIDERS)


# -- the commands (run once `init` and `check` are registered in cli.py) ---------------

needs_commands = pytest.mark.skipif(
    not {"init", "check"} <= set(cli.app.commands), reason="init/check not registered in cli.py yet"
)


@needs_commands
def test_init_command_asks_for_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("not-an-address\nsam@icloud.com\nMars/Base\n\n2027\n"))
    assert cli.main(["--config", str(path), "init"]) == 0
    out = capsys.readouterr().out
    assert "not an email address: 'not-an-address'" in out
    assert "unknown time zone 'Mars/Base'" in out
    assert f"Wrote {path} for iCloud Mail" in out
    assert "Run `inboxcoach check`" in out
    config = _load(path.read_text())
    assert (config.account.email, config.season.timezone, config.season.match_year) == (
        "sam@icloud.com", "America/New_York", 2027,
    )  # fmt: skip
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@needs_commands
def test_init_command_with_options_and_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config.toml"
    args = ["--config", str(path), "init", "--email", "sam@uni-example.edu", "--provider", "gmail",
            "--timezone", "America/Denver", "--match-year", "2028"]  # fmt: skip
    assert cli.main(args) == 0
    assert _load(path.read_text()).account.imap_host == "imap.gmail.com"
    assert cli.main(args) == 2
    assert "a config file is already there; pass --force" in capsys.readouterr().err
    assert cli.main([*args, "--force"]) == 0
    assert cli.main(["--config", str(tmp_path / "b.toml"), "init", "--email", "nope", "--match-year", "2027"]) == 2
    assert "not an email address: 'nope'" in capsys.readouterr().err


@needs_commands
def test_init_provider_choices_match_the_table() -> None:
    option = next(p for p in cli.app.commands["init"].params if p.name == "provider")
    assert tuple(option.type.choices) == PROVIDER_KEYS  # type: ignore[attr-defined]


@needs_commands
def test_check_command_exit_codes(
    dovecot: DovecotServer, smtpd: Controller, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        "[account]\n"
        f'email = "{DEFAULT_USER}"\nimap_host = "127.0.0.1"\nimap_port = {dovecot.port}\nimap_security = "none"\n'
        f'password_env = "{PASSWORD_ENV}"\n'
        f'smtp_host = "127.0.0.1"\nsmtp_port = {smtpd.port}\nsmtp_security = "none"\n'
        '[season]\nmatch_year = 2027\n[[programs]]\nname = "Riverside"\ndomains = ["riverside.example"]\n'
    )
    assert cli.main(["--config", str(good), "check"]) == 0
    out = capsys.readouterr().out
    assert "1 program: Riverside" in out and "All good." in out
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text().replace(f"smtp_port = {smtpd.port}", f"smtp_port = {free_port()}"))
    assert cli.main(["--config", str(bad), "check"]) == 2
    out = capsys.readouterr().out
    assert "✗ SMTP: 127.0.0.1:" in out and "1 problem;" in out
    assert DEFAULT_PASSWORD not in out
