"""Command line: argument parsing and printing only; the work is in the library.

Exit codes: 0 success, 1 critical findings in ``lint``, 2 usage or configuration
error (one line on stderr naming the file and key), 70 an internal error (one line
naming the crash log that holds the traceback).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import logging
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from inboxcoach.ingest import Progress

from inboxcoach import __version__, clock
from inboxcoach.config import Config, default_config_path, default_data_dir, load_config
from inboxcoach.errors import InboxcoachError

DB_ENV = "INBOXCOACH_DB"


# Piped output (a file, a pager, CI) is laid out this wide unless $COLUMNS says otherwise.
PIPED_WIDTH = 150
EX_SOFTWARE = 70  # sysexits.h: an internal error


@functools.cache
def _out() -> Console:
    """The rich Console of standard output, made on first use: `sync` and `report
    --json` piped or under cron draw nothing rich, and importing rich is a tenth of
    their start-up. What it returns is a rich Console, usable wherever one is.

    On a terminal lines wrap at words to the terminal's width; piped, a line is never
    wrapped (one fact per line, for grep) and tables are laid out PIPED_WIDTH wide."""
    if sys.stdout.isatty():
        return _console(highlight=False)
    columns = os.environ.get("COLUMNS", "")
    return _console(highlight=False, soft_wrap=True, width=int(columns) if columns.isdigit() else PIPED_WIDTH)


@functools.cache
def _err() -> Console:
    """The rich Console of standard error (progress bars), made on first use."""
    return _console(stderr=True, highlight=False)


def _console(**options: Any) -> Console:
    from rich.console import Console

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1, which here means "critical findings": main() ends
            # quietly with the status of a command whose reader went away instead.
            raise BrokenPipeError

    return PipeAwareConsole(**options)


def _say(text: str) -> None:
    """Print one plain line (no markup) to standard output: wrapped at words to the
    width of a terminal, as is in a pipe (without loading rich there)."""
    if sys.stdout.isatty():
        _out().print(text, markup=False)
    else:
        click.echo(text)


def _complain(text: str) -> None:
    """One line on standard error (on a terminal wrapped at words, a path kept whole)."""
    if sys.stderr.isatty():
        try:
            width = os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError):
            width = 80
        text = "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
    click.echo(text, err=True)


@dataclass
class Globals:
    config_path: Path | None
    db_path: Path | None
    verbose: bool

    def config(self) -> Config:
        return load_config(self.config_path)

    def database(self) -> Path:
        if self.db_path:
            return self.db_path
        env = os.environ.get(DB_ENV)
        return Path(env).expanduser() if env else default_data_dir() / "inboxcoach.db"


pass_globals = click.make_pass_decorator(Globals)


def _as_of(value: str | None, config: Config) -> datetime:
    if value is None:
        return clock.now().astimezone(config.season.tz)
    try:
        return clock.parse_moment(value, config.season.tz)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="DATETIME",
    help="Judge as of this moment (ISO date-time; naive = season time zone; a date = end of that day).",
)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes each record to ``sys.stderr`` as it is then: while a progress bar is
    drawn, rich puts a proxy there that prints the line above the bar, not through it."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


# The order a new user needs the commands in, for --help.
COMMAND_ORDER = (
    "init", "password", "check", "sync", "programs", "run", "service", "status", "digest", "lint",
    "report", "scan", "labels", "thunderbird", "native-host", "demo",
)  # fmt: skip


class _OrderedGroup(click.Group):
    """Lists commands in COMMAND_ORDER (then any other, by name), not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in COMMAND_ORDER if name in self.commands]
        return known + sorted(name for name in self.commands if name not in COMMAND_ORDER)


#: syslog priorities of the logging levels, for journald (sd-daemon(3) "<N>" prefixes)
_SYSLOG_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3, logging.CRITICAL: 2}


def _under_journald() -> bool:
    """True when standard error is connected to the journal (systemd sets
    $JOURNAL_STREAM to its device and inode), so each line may carry a priority."""
    stream = os.environ.get("JOURNAL_STREAM", "")
    device, _, inode = stream.partition(":")
    try:
        info = os.fstat(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return bool(stream) and f"{info.st_dev}:{info.st_ino}" == f"{device}:{inode}"


class _JournalFormatter(logging.Formatter):
    """"<4>WARNING inboxcoach.service.sync: ..." so `journalctl -p warning` can filter."""

    def format(self, record: logging.LogRecord) -> str:
        priority = _SYSLOG_PRIORITY.get(record.levelno, 6 if record.levelno < logging.WARNING else 3)
        return f"<{priority}>" + super().format(record)


def _setup_logging(verbose: bool) -> None:
    """One line per event on standard error, without timestamps (journald and the
    terminal's user have them). ``-v`` shows inboxcoach's own debug lines; the
    libraries it uses say only warnings and errors."""
    handler = _StderrHandler()
    form = "%(levelname)s %(name)s: %(message)s"
    handler.setFormatter(_JournalFormatter(form) if _under_journald() else logging.Formatter(form))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("inboxcoach").setLevel(logging.DEBUG if verbose else logging.NOTSET)


@click.group(
    cls=_OrderedGroup,
    help=(
        "Coaches a residency applicant through writing to programs: matches mail to "
        "programs, counts contacts against the 2-3 message limit, warns about risky "
        "messages and renders a calm daily digest."
    ),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--config",
    "-c",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: $INBOXCOACH_CONFIG, else the user config dir).",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Database file (default: $INBOXCOACH_DB, else the user data dir).",
)
@click.option("--verbose", "-v", is_flag=True, help="Log inboxcoach's progress details to stderr.")
@click.version_option(__version__, "-V", "--version", prog_name="inboxcoach")
@click.pass_context
def app(ctx: click.Context, config_path: Path | None, db_path: Path | None, verbose: bool) -> None:
    ctx.obj = Globals(config_path=config_path, db_path=db_path, verbose=verbose)
    _setup_logging(verbose)


@app.command()
@click.argument("path", type=click.Path(path_type=Path))
@as_of_option
@pass_globals
def scan(g: Globals, path: Path, as_of: str | None) -> None:
    """Read mail from disk instead of IMAP: an mbox file (e.g. Google Takeout), a
    Maildir, or a folder of .eml files. Scanning again is safe: nothing counts twice."""
    from inboxcoach.cli import commands

    config = g.config()
    with _progress() as progress:
        stats = commands.scan(path, config, g.database(), progress=progress)
    commands.print_scan_summary(_out(), stats, path)
    if as_of is not None:
        result = commands.report(config, g.database(), _as_of(as_of, config))
        _say(f"As of {result.as_of:%Y-%m-%d %H:%M}: {len(result.findings)} findings.")


def _ask(value: str | None, prompt: str, check: Callable[[str], str], option: str, default: str | None = None) -> str:
    """``value`` checked, or (when not given) asked for until ``check`` accepts it."""
    if value is not None:
        try:
            return check(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=option) from None

    def proc(text: str) -> str:
        try:
            return check(text)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None

    result: str = click.prompt(prompt, default=default, value_proc=proc)
    return result


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
    from inboxcoach.cli import onboarding

    config = g.config()
    _say(f"Config: {g.config_path or default_config_path()}")
    report = onboarding.check(config, db_path=g.database())
    onboarding.print_check(_out(), report)
    if not report.ok:
        raise SystemExit(2)


@app.command()
@click.option(
    "--rebuild",
    is_flag=True,
    help="Move the database aside (kept, renamed with the time) and read the mailbox into a fresh one.",
)
@pass_globals
def sync(g: Globals, rebuild: bool) -> None:
    """One incremental pass over the mailbox's Inbox, Sent and Drafts, then exit.

    Reads with BODY.PEEK, so nothing becomes read; safe to interrupt and run again,
    and beside a running `inboxcoach run`. --rebuild is for a damaged database; it
    refuses while `inboxcoach run` uses the database."""
    from inboxcoach.cli import commands

    config = g.config()
    database = g.database()
    if not rebuild:
        with _progress() as progress:
            stats = commands.sync(config, database, progress=progress)
    else:
        from inboxcoach.store.files import exclusive, move_aside

        if not config.account.imap_host:  # before anything is moved
            raise InboxcoachError("account.imap_host is not set in the config; `sync --rebuild` reads the mailbox")
        with exclusive(database, "inboxcoach sync --rebuild"):
            moved = move_aside(database, clock.now().astimezone())
            if moved is not None:
                _say(f"Moved the old database aside to {moved}; reading the mailbox into a fresh one.")
            with _progress() as progress:
                stats = commands.sync(config, database, progress=progress)
    _say(commands.sync_summary(stats))


@app.command("labels")
@click.option("--clear", is_flag=True, help="Remove every keyword and Gmail label inboxcoach set.")
@pass_globals
def labels_command(g: Globals, clear: bool) -> None:
    """The keywords (Gmail: labels) inboxcoach puts on program mail when [plugin]
    labels = true: `inboxcoach` on every program message, `inboxcoach-risk` on one
    with a critical finding. --clear takes back all of them and touches nothing else."""
    from inboxcoach.cli import commands

    config = g.config()
    if not clear:
        state = "on" if config.plugin.labels else "off ([plugin] labels = false)"
        _say(f"Labels are {state}. `inboxcoach labels --clear` removes every one inboxcoach set.")
        return
    removed = commands.clear_labels(config, g.database())
    _say(f"Removed {removed} keyword(s) or label(s) that inboxcoach had set; nothing else was touched.")
    if config.plugin.labels:
        _say("[plugin] labels is still true: the next pass sets them again. Set it to false to keep them off.")


@app.command()
@pass_globals
def run(g: Globals) -> None:
    """The daemon: sync, then watch the Inbox with IDLE (Sent and Drafts by a cheap
    poll), reconnect with backoff, send the daily digest at digest.send_at and an
    alert for a risky draft. Stops cleanly on SIGTERM or Ctrl-C. Logs to stderr
    (journald keeps it under systemd; see config/inboxcoach.service)."""
    from inboxcoach.service.daemon import run_daemon

    config = g.config()
    if not config.account.imap_host:
        raise InboxcoachError("account.imap_host is not set in the config; `inboxcoach init` writes one")
    if not g.verbose:
        logging.getLogger("inboxcoach").setLevel(logging.INFO)
    run_daemon(config, g.database())


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


@app.command()
@click.option("--json", "json_", is_flag=True, help="Print the machine-readable report (the SPEC schema).")
@as_of_option
@pass_globals
def report(g: Globals, json_: bool, as_of: str | None) -> None:
    """Print the report: per-program counts, statuses and findings."""
    from inboxcoach.cli import commands
    from inboxcoach.core.present import report_to_dict

    config = g.config()
    result = commands.report(config, g.database(), _as_of(as_of, config))
    if json_:
        sys.stdout.write(json.dumps(report_to_dict(result), indent=2, ensure_ascii=False) + "\n")
    else:
        commands.print_status(_out(), result, config)
        commands.print_findings(_out(), result)


@app.command()
@as_of_option
@pass_globals
def status(g: Globals, as_of: str | None) -> None:
    """Show the per-program table in the terminal."""
    from inboxcoach.cli import commands

    config = g.config()
    commands.print_status(_out(), commands.report(config, g.database(), _as_of(as_of, config)), config)


@app.command()
@click.option("--html", is_flag=True, help="Print the HTML part instead of the text part.")
@click.option("--send", is_flag=True, help="Send it now to digest.to as today's digest (with --as-of: not counted).")
@as_of_option
@pass_globals
def digest(g: Globals, html: bool, send: bool, as_of: str | None) -> None:
    """Print the digest that would go out today, or send it now with --send."""
    from inboxcoach.cli import commands

    config = g.config()
    if send:  # with --as-of it is never recorded as that day's digest
        line = commands.send_digest_now(config, g.database(), _as_of(as_of, config) if as_of else None)
        _say(line)
        return
    rendered = commands.render_digest(config, commands.report(config, g.database(), _as_of(as_of, config)))
    if html:
        sys.stdout.write(rendered.html)
    elif sys.stdout.isatty():  # wrapped at words for reading; piped, the text exactly as mailed
        commands.print_digest(_out(), rendered)
    else:
        sys.stdout.write(f"Subject: {rendered.subject}\n\n{rendered.text}")


@app.command()
@click.argument("file")
@click.option("--to", "to", multiple=True, metavar="ADDRESS", help="Recipient address (for plain text).")
@click.option("--subject", default="", help="Subject (for plain text).")
@as_of_option
@pass_globals
def lint(g: Globals, file: str, to: tuple[str, ...], subject: str, as_of: str | None) -> None:
    """Check a draft before it is sent: FILE is an .eml file, or plain text with
    --to; '-' reads standard input. Exits 1 when a finding is critical."""
    from inboxcoach.cli import commands

    config = g.config()
    if file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise InboxcoachError(f"{file}: cannot read: {exc.strerror}") from None
    findings, programs = commands.lint(
        data, config, g.database(), _as_of(as_of, config), to=to, subject=subject
    )
    commands.print_lint(_out(), findings, programs)
    if any(f.severity == "critical" for f in findings):
        raise SystemExit(1)


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
    from inboxcoach.config import validate_program
    from inboxcoach.cli.config_edit import add_programs, parse_date

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
    from inboxcoach.config import load_config
    from inboxcoach.cli.config_edit import add_programs, read_programs_csv

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


@app.command()
@click.option("--as-of", "as_of", metavar="DATETIME", help="Judge the sample season as of this moment.")
def demo(as_of: str | None) -> None:
    """Run the whole pipeline on the bundled sample season (needs no account)."""
    from inboxcoach.cli import commands

    with _progress() as progress:
        demo = commands.run_demo(as_of, progress)
    commands.print_demo(_out(), demo)


@contextlib.contextmanager
def _progress() -> Iterator[Progress]:
    """A ``(phase, done, total)`` callback for long work: a bar on standard error when
    it is a terminal (and rich only then), silence elsewhere. The bar is gone when the
    block ends, however it ends, so what is printed next is not drawn over."""
    if not sys.stderr.isatty():
        yield _no_progress
        return
    from inboxcoach.cli.progress import progress_bar

    with progress_bar(_err()) as update:
        yield update


def _no_progress(phase: str, done: int, total: int | None) -> None:
    pass


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting."""
    _out.cache_clear()  # each run looks at its own streams (tests run many in one process)
    _err.cache_clear()
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        result: Any = app.main(args=args, prog_name="inboxcoach", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        _complain("Aborted.")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except InboxcoachError as exc:
        _complain(f"inboxcoach: {exc}")
        return 2
    except KeyboardInterrupt:
        _complain("Interrupted; what was stored so far is kept.")
        return 130
    except BrokenPipeError:  # the reader went away (`inboxcoach report | head`): nothing to say
        _discard_stdout()
        return 128 + 13  # as if killed by SIGPIPE, the way a shell reports it
    except Exception as exc:  # noqa: BLE001 - a bug: one line here, the traceback in a file
        return _crashed(exc, args)
    return result if isinstance(result, int) else 0


def _discard_stdout() -> None:
    """Send what is still buffered for a closed pipe nowhere, so the exit is silent."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a file (a test's capture): nothing buffered will fail


def _crashed(exc: Exception, args: list[str]) -> int:
    """Say in one line on stderr what failed and where its crash log is; return 70."""
    command = _command_of(args)
    what = f"`inboxcoach {command}`" if command else "inboxcoach"
    detail = _redact(str(exc)).strip()
    summary = type(exc).__name__ + (f": {detail.splitlines()[0][:200]}" if detail else "")
    try:
        path = write_crash_log(exc, args)
    except OSError as failure:
        _complain(
            f"inboxcoach: internal error in {what} ({summary}); "
            f"the crash log could not be written ({failure.strerror or failure})"
        )
    else:
        _complain(f"inboxcoach: internal error in {what} ({summary}); the traceback is in {path}")
    return EX_SOFTWARE


def _command_of(args: list[str]) -> str:
    """The subcommand named in ``args``, or "" when none is."""
    words = iter(args)
    for word in words:
        if word in ("--config", "-c", "--db"):
            next(words, None)  # its value
        elif word in app.commands:
            return word
    return ""


_SECRET_NAMES = ("PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY")


def _redact(text: str) -> str:
    """``text`` without the value of any environment variable that looks like a secret
    (the account's password_env, e.g.)."""
    for name, value in os.environ.items():
        if len(value) >= 4 and any(part in name.upper() for part in _SECRET_NAMES):
            text = text.replace(value, "[redacted]")
    return text


def crash_log_dirs() -> list[Path]:
    """Where crash logs go, first choice first: the user log dir under the state dir
    (``~/.local/state/inboxcoach/log`` on Linux), else the temporary directory."""
    import tempfile

    import platformdirs

    return [platformdirs.user_log_path("inboxcoach"), Path(tempfile.gettempdir())]


def write_crash_log(exc: BaseException, args: list[str]) -> Path:
    """Write the traceback of ``exc`` (no local variables, secrets redacted) with the
    version and command line to a new file readable only by the user; return its path.

    Raises OSError when no directory of :func:`crash_log_dirs` takes it."""
    import platform
    import traceback

    moment = clock.now()
    text = _redact(
        f"inboxcoach {__version__} crashed at {moment:%Y-%m-%d %H:%M:%S} UTC\n"
        f"Command: inboxcoach {' '.join(args)}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n\n"
        + "".join(traceback.format_exception(exc))
    )
    name = f"inboxcoach-crash-{moment:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    failure: OSError | None = None
    for folder in crash_log_dirs():
        path = folder / name
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as error:
            failure = error
            continue
        return path
    assert failure is not None
    raise failure


def entry() -> None:
    """The console script: :func:`main`, then exit without tearing the interpreter
    down. Freeing every module and object one by one takes 30-50 ms after a sync,
    longer than some whole commands; everything with an effect outside this process
    (the database, the IMAP connection, the body worker) is closed before ``main``
    returns, and exit handlers, logging and the output streams are flushed here."""
    code = main()
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is not None:
        run_exit_handlers()  # e.g. a progress bar giving the terminal back
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe: nothing more can be said there
    os._exit(code)


if __name__ == "__main__":
    entry()
