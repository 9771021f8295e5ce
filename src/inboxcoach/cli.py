"""Command line: argument parsing and printing only; the work is in the library.

Exit codes: 0 success, 1 critical findings in ``lint``, 2 usage or configuration
error (one line on stderr naming the file and key).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

from . import __version__, clock
from .config import Config, default_config_path, default_data_dir, load_config
from .errors import InboxcoachError

DB_ENV = "INBOXCOACH_DB"


class _LazyConsole:
    """A rich Console made on first use: `sync` and `check` under cron or systemd
    never draw anything rich, and importing rich is a tenth of their start-up."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            options = dict(self._options)
            if options.pop("wide_when_piped", False) and not sys.stdout.isatty():
                options["width"] = 150
            self._console = Console(**options)
        return getattr(self._console, name)


# Piped output (a file, a pager, CI) gets a wide page instead of rich's 80 columns.
out: Console = _LazyConsole(highlight=False, soft_wrap=True, wide_when_piped=True)  # type: ignore[assignment]
err: Console = _LazyConsole(stderr=True, highlight=False, soft_wrap=True)  # type: ignore[assignment]


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


@click.group(
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
@click.option("--verbose", "-v", is_flag=True, help="Log progress details to stderr.")
@click.version_option(__version__, prog_name="inboxcoach")
@click.pass_context
def app(ctx: click.Context, config_path: Path | None, db_path: Path | None, verbose: bool) -> None:
    ctx.obj = Globals(config_path=config_path, db_path=db_path, verbose=verbose)
    # No timestamps: journald (or the terminal's user) has them; one line per event.
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("imapclient", "apscheduler", "aiosmtplib"):  # mailparser: parse.py silences it
        logging.getLogger(noisy).setLevel(logging.WARNING)


@app.command()
@click.argument("path", type=click.Path(path_type=Path))
@as_of_option
@pass_globals
def scan(g: Globals, path: Path, as_of: str | None) -> None:
    """Read mail from disk instead of IMAP: an mbox file (e.g. Google Takeout), a
    Maildir, or a folder of .eml files. Scanning again is safe: nothing counts twice."""
    from . import commands

    config = g.config()
    stats = commands.scan(path, config, g.database(), progress=_progress_for(err))
    commands.print_scan_summary(out, stats, path)
    if as_of is not None:
        result = commands.report(config, g.database(), _as_of(as_of, config))
        out.print(f"As of {result.as_of:%Y-%m-%d %H:%M}: {len(result.findings)} findings.")


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
@pass_globals
def init_command(
    g: Globals, email: str | None, provider: str | None, timezone: str | None, match_year: int | None, force: bool
) -> None:
    """Write a commented config file for your address, with your provider's IMAP and
    SMTP settings filled in (Gmail, Outlook/Microsoft 365, iCloud, Yahoo, or guessed)."""
    from . import onboarding

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
    onboarding.print_init(out, written, chosen)


@app.command("check")
@pass_globals
def check_command(g: Globals) -> None:
    """Check the config, log in to IMAP and SMTP, and show the folders it will watch
    and the programs configured. Exits 2 when anything is wrong."""
    from . import onboarding

    config = g.config()
    out.print(f"Config: {g.config_path or default_config_path()}", markup=False)
    report = onboarding.check(config)
    onboarding.print_check(out, report)
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
    from . import commands

    config = g.config()
    database = g.database()
    if not rebuild:
        stats = commands.sync(config, database, progress=_progress_for(err))
    else:
        from .dbfiles import exclusive, move_aside

        if not config.account.imap_host:  # before anything is moved
            raise InboxcoachError("account.imap_host is not set in the config; `sync --rebuild` reads the mailbox")
        with exclusive(database, "inboxcoach sync --rebuild"):
            moved = move_aside(database, clock.now().astimezone())
            if moved is not None:
                click.echo(f"Moved the old database aside to {moved}; reading the mailbox into a fresh one.")
            stats = commands.sync(config, database, progress=_progress_for(err))
    click.echo(commands.sync_summary(stats))


@app.command()
@pass_globals
def run(g: Globals) -> None:
    """The daemon: sync, then watch the Inbox with IDLE (Sent and Drafts by a cheap
    poll), reconnect with backoff, send the daily digest at digest.send_at and an
    alert for a risky draft. Stops cleanly on SIGTERM or Ctrl-C. Logs to stderr
    (journald keeps it under systemd; see config/inboxcoach.service)."""
    from .service import run_daemon

    config = g.config()
    if not config.account.imap_host:
        raise InboxcoachError("account.imap_host is not set in the config; `inboxcoach init` writes one")
    if not g.verbose:
        logging.getLogger("inboxcoach").setLevel(logging.INFO)
    run_daemon(config, g.database())


@app.command()
@click.option("--json", "json_", is_flag=True, help="Print the machine-readable report (the SPEC schema).")
@as_of_option
@pass_globals
def report(g: Globals, json_: bool, as_of: str | None) -> None:
    """Print the report: per-program counts, statuses and findings."""
    from . import commands
    from .present import report_to_dict

    config = g.config()
    result = commands.report(config, g.database(), _as_of(as_of, config))
    if json_:
        sys.stdout.write(json.dumps(report_to_dict(result), indent=2, ensure_ascii=False) + "\n")
    else:
        commands.print_status(out, result, config)
        commands.print_findings(out, result)


@app.command()
@as_of_option
@pass_globals
def status(g: Globals, as_of: str | None) -> None:
    """Show the per-program table in the terminal."""
    from . import commands

    config = g.config()
    commands.print_status(out, commands.report(config, g.database(), _as_of(as_of, config)), config)


@app.command()
@click.option("--html", is_flag=True, help="Print the HTML part instead of the text part.")
@click.option("--send", is_flag=True, help="Send it now to digest.to as today's digest (with --as-of: not counted).")
@as_of_option
@pass_globals
def digest(g: Globals, html: bool, send: bool, as_of: str | None) -> None:
    """Print the digest that would go out today, or send it now with --send."""
    from . import commands

    config = g.config()
    if send:  # with --as-of it is never recorded as that day's digest
        line = commands.send_digest_now(config, g.database(), _as_of(as_of, config) if as_of else None)
        out.print(line, markup=False)
        return
    rendered = commands.render_digest(config, commands.report(config, g.database(), _as_of(as_of, config)))
    sys.stdout.write(rendered.html if html else f"Subject: {rendered.subject}\n\n{rendered.text}")


@app.command()
@click.argument("file")
@click.option("--to", "to", multiple=True, metavar="ADDRESS", help="Recipient address (for plain text).")
@click.option("--subject", default="", help="Subject (for plain text).")
@as_of_option
@pass_globals
def lint(g: Globals, file: str, to: tuple[str, ...], subject: str, as_of: str | None) -> None:
    """Check a draft before it is sent: FILE is an .eml file, or plain text with
    --to; '-' reads standard input. Exits 1 when a finding is critical."""
    from . import commands

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
    commands.print_lint(out, findings, programs)
    if any(f.severity == "critical" for f in findings):
        raise SystemExit(1)


@app.command()
@click.option("--as-of", "as_of", metavar="DATETIME", help="Judge the sample season as of this moment.")
def demo(as_of: str | None) -> None:
    """Run the whole pipeline on the bundled sample season (needs no account)."""
    from . import commands

    commands.demo(out, as_of, progress=_progress_for(err))


def _progress_for(console: Console) -> Any:
    if not sys.stderr.isatty():  # a bar only on a terminal (and rich only then)
        return lambda phase, done, total: None
    from .progress import progress_callback

    return progress_callback(console)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting."""
    try:
        result: Any = app.main(args=argv, prog_name="inboxcoach", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        err.print("Aborted.")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except InboxcoachError as exc:
        err.print(f"inboxcoach: {exc}", markup=False)
        return 2
    except KeyboardInterrupt:
        err.print("Interrupted; what was stored so far is kept.")
        return 130
    return result if isinstance(result, int) else 0


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
