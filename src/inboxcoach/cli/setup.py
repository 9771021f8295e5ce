"""The commands that set inboxcoach up: init, check, password, programs, service,
thunderbird, native-host."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from inboxcoach import clock
from inboxcoach.cli.app import (
    Globals,
    _ask,
    _complain,
    _out,
    _say,
    app,
    as_of_option,
    pass_globals,
)
from inboxcoach.cli.crash import crash_log_dirs
from inboxcoach.config import default_config_path
from inboxcoach.errors import InboxcoachError


@app.command("init")
@click.option("--email", metavar="ADDRESS", help="Your email address (asked for when not given).")
@click.option(
    "--provider",
    type=click.Choice(["gmail", "outlook", "icloud", "yahoo", "generic"]),
    help="Mail provider (default: detected from the address).",
)
@click.option("--timezone", "timezone", metavar="ZONE", help="IANA time zone (asked for; default America/New_York).")
@click.option("--match-year", type=click.IntRange(2000, 2100), help="The Match you are in (asked for when not given).")
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
@click.option("--config-only", is_flag=True, help="Only write the config; do not offer to read the mail and find programs.")
@pass_globals
def init_command(
    g: Globals,
    email: str | None,
    provider: str | None,
    timezone: str | None,
    match_year: int | None,
    force: bool,
    config_only: bool,
) -> None:
    """Write a commented config file for your address, with your provider's IMAP and
    SMTP settings filled in (Gmail, Outlook/Microsoft 365, iCloud, Yahoo, or guessed)."""
    from inboxcoach.cli import onboarding

    path = g.config_path or default_config_path()
    onboarding.ensure_writable(path, force=force)  # before asking anything
    email = _ask(email, "Your email address", onboarding.validate_email, "--email")
    timezone = _ask(timezone, "Time zone", onboarding.validate_timezone, "--timezone", onboarding.DEFAULT_TIMEZONE)
    if match_year is None:
        default_year = onboarding.default_match_year(clock.now().astimezone().date())
        match_year = click.prompt("Match year", default=default_year, type=click.IntRange(2000, 2100))
    chosen = onboarding.detect_provider(email, provider)
    written = onboarding.init_config(
        path, email=email, provider=chosen.key, timezone=timezone, match_year=match_year, force=force
    )
    onboarding.print_init(_out(), written, chosen)
    if not config_only and sys.stdin.isatty() and sys.stdout.isatty():
        ask = onboarding.Asker(
            confirm=lambda question: click.confirm(question, default=True),
            password=lambda prompt: str(click.prompt(prompt, hide_input=True, confirmation_prompt=True)),
        )
        onboarding.first_run(_out(), written, g.database(), ask)


@app.command("check")
@pass_globals
def check_command(g: Globals) -> None:
    """Check the config, log in to IMAP and SMTP, and show the folders it will watch
    and the programs configured. Exits 2 when anything is wrong."""
    from inboxcoach.cli.check import check, print_check

    config = g.config()
    _say(f"Config: {g.config_path or default_config_path()}")
    report = check(config, db_path=g.database())
    print_check(_out(), report)
    if not report.ok:
        raise SystemExit(2)


@app.group("service")
def service_group() -> None:
    """Run the daemon under systemd (Linux): `inboxcoach service install`."""


@service_group.command("install")
@click.option("--print", "print_only", is_flag=True, help="Show the unit; write nothing.")
@pass_globals
def service_install(g: Globals, print_only: bool) -> None:
    """Write the systemd user unit that runs `inboxcoach run` with this config and
    database (Type=notify, a watchdog, a read-only system), then reload systemd."""
    from inboxcoach.service import unit as service_unit

    config = g.config()
    unit = service_unit.plan(config, g.config_path or default_config_path(), g.database(), crash_log_dirs()[0])
    if print_only:
        _say(unit.text.rstrip("\n"))
        return
    _say(service_unit.install(unit))
    _say("Next:")
    for number, step in enumerate(service_unit.next_steps(unit), 1):
        _say(f"  {number}. {step}")


@app.command("native-host", context_settings={"ignore_unknown_options": True})
@click.argument("caller", nargs=-1, type=click.UNPROCESSED)
@as_of_option
@pass_globals
def native_host_command(g: Globals, caller: tuple[str, ...], as_of: str | None) -> None:
    """The Thunderbird add-on's native-messaging host: answers each request (a 4-byte
    length and JSON) on stdin on stdout until stdin ends. Thunderbird starts it; the
    arguments it passes (manifest path, add-on id) are ignored."""
    from inboxcoach.cli import nativehost

    raise SystemExit(nativehost.run(g.config, g.database(), as_of))


@app.group("thunderbird")
def thunderbird_group() -> None:
    """The Thunderbird add-on (build it with `make thunderbird`)."""


@thunderbird_group.command("install")
@click.option("--print", "print_only", is_flag=True, help="Show what would be written; write nothing.")
@pass_globals
def thunderbird_install(g: Globals, print_only: bool) -> None:
    """Register `inboxcoach native-host` for the add-on: writes the native-messaging
    manifest (and a small script that runs the host with this config and database)
    for the current user, where Thunderbird looks for it."""
    from inboxcoach.cli import nativehost

    config_path = g.config_path or default_config_path()
    plan = nativehost.install_plan(config_path, g.database())
    if not print_only:
        nativehost.install(plan)
    _say(nativehost.describe_install(plan, written=not print_only))
    if not config_path.exists():
        _say(f"Note: there is no config at {config_path} yet; `inboxcoach init` writes one.")


@app.group("programs")
def programs_group() -> None:
    """The programs in your config: found in your mail, added one by one, or imported."""


@programs_group.command("suggest")
@click.option("--json", "json_", is_flag=True, help="Print a JSON list: the config's keys plus evidence.")
@click.option("--write", is_flag=True, help="Add the programs you confirm to the config (comments kept).")
@click.option("--yes", "-y", is_flag=True, help="With --write: add every suggestion without asking.")
@click.option("--headers-only", is_flag=True, help="Do not re-read any message body (no interview dates).")
@pass_globals
def programs_suggest(g: Globals, json_: bool, write: bool, yes: bool, headers_only: bool) -> None:
    """Find the programs in the mail that `sync` or `scan` read: application platforms'
    invitations and reminders, program mail, your own mail to them. Prints ready
    [[programs]] blocks with the evidence; --write adds the ones you confirm."""
    from inboxcoach.cli import programs as program_setup

    config = g.config()
    found = program_setup.find_programs(config, g.database(), bodies=not headers_only)
    if json_:
        sys.stdout.write(json.dumps(program_setup.suggestions_json(found), indent=2, ensure_ascii=False) + "\n")
    else:
        program_setup.print_found(_out(), found)
    if write:
        _write_suggestions(g, found.suggestions.programs, yes)


def _write_suggestions(g: Globals, suggestions: Any, yes: bool) -> None:
    from inboxcoach.cli import programs as program_setup

    if not suggestions:
        return
    if not yes and not sys.stdin.isatty():
        raise click.UsageError("--write asks about each program in a terminal; pass --yes to add them all")
    path = g.config_path or default_config_path()

    def confirm(suggestion: Any) -> bool:
        return yes or click.confirm(f"Add {suggestion.name} ({suggestion.evidence.summary()})?", default=True, err=True)

    added = program_setup.write_suggestions(path, suggestions, confirm)
    _complain(f"Added {len(added)} program{'s' if len(added) != 1 else ''} to {path}.")
    if added:
        _complain("Run `inboxcoach sync` (or `scan` again) so their mail is read as program mail.")


@programs_group.command("add")
@click.argument("name")
@click.option("--domain", "domains", multiple=True, metavar="DOMAIN", help="A domain its mail comes from (repeatable).")
@click.option("--contact", "contacts", multiple=True, metavar="ADDRESS", help="A coordinator's address (repeatable).")
@click.option("--interview", metavar="DATE", help="The interview date (2026-11-12 or 11/12/2026).")
@click.option("--alias", "aliases", multiple=True, metavar="NAME", help="Another name it goes by (repeatable).")
@click.option("--outside-match", is_flag=True, help="A position outside the NRMP Match (nrmp = false).")
@pass_globals
def programs_add(
    g: Globals,
    name: str,
    domains: tuple[str, ...],
    contacts: tuple[str, ...],
    interview: str | None,
    aliases: tuple[str, ...],
    outside_match: bool,
) -> None:
    """Add one program to the config, checked as the config file is (comments kept)."""
    from inboxcoach.cli.config_edit import add_programs, parse_date
    from inboxcoach.config import validate_program

    path = g.config_path or default_config_path()
    data: dict[str, Any] = {"name": name, "aliases": list(aliases), "domains": list(domains), "contacts": list(contacts)}
    if interview:
        try:
            data["interview_date"] = parse_date(interview)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--interview") from None
    if outside_match:
        data["nrmp"] = False
    program = validate_program(data, str(path))
    add_programs(path, [program])
    _say(f"Added {program.name} to {path}.")


@programs_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@pass_globals
def programs_import(g: Globals, file: Path) -> None:
    """Add the programs of a spreadsheet saved as CSV: columns name, domains, contacts,
    interview_date (several domains or contacts in a cell separated by ; or ,; other
    columns are ignored). Programs already in the config (by name) are skipped."""
    from inboxcoach.cli.config_edit import add_programs, read_programs_csv
    from inboxcoach.config import load_config

    path = g.config_path or default_config_path()
    programs = read_programs_csv(file)
    present = {p.name.lower() for p in load_config(path).programs}
    new = [p for p in programs if p.name.lower() not in present]
    if new:
        add_programs(path, new)
    _say(f"Added {len(new)} program{'s' if len(new) != 1 else ''} from {file} to {path}.")
    skipped = [p.name for p in programs if p.name.lower() in present]
    if skipped:
        _say(f"Already in the config, skipped: {', '.join(skipped)}.")


@app.group("password")
def password_group() -> None:
    """Your mail password, kept in the system keyring."""


@password_group.command("set")
@click.option("--stdin", "from_stdin", is_flag=True, help="Read the password from standard input (first line).")
@click.option("--keep-config", is_flag=True, help="Store it, but leave the config's password source as it is.")
@pass_globals
def password_set(g: Globals, from_stdin: bool, keep_config: bool) -> None:
    """Store your mail password (an app password for Gmail, Yahoo, iCloud) in the system
    keyring, and switch the config to it (keyring = true). It is never written to a file."""
    from inboxcoach import secrets
    from inboxcoach.cli.config_edit import use_keyring

    config = g.config()
    if config.account.oauth2_token_command:
        raise InboxcoachError(
            "account.oauth2_token_command: this account logs in with OAuth, there is no password to store"
        )
    backend = secrets.keyring_name()  # no keyring: one line before asking anything
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(f"Password for {config.account.login}", hide_input=True, confirmation_prompt=True, err=True)
    if not password:
        raise click.UsageError("the password is empty")
    secrets.store_password(config.account.login, password)
    path = g.config_path or default_config_path()
    _say(f'Stored in the system keyring ({backend}), service "inboxcoach", user "{config.account.login}".')
    if not keep_config:
        removed = use_keyring(path)
        if removed:
            _say(f"{path}: keyring = true (instead of {', '.join(removed)}).")
