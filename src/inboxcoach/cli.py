"""Command line: argument parsing and printing only; the work is in the library.

Exit codes: 0 success, 1 critical findings in ``lint``, 2 usage or configuration
error (one line on stderr naming the file and key).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from rich.console import Console

from . import __version__, clock
from .config import Config, default_data_dir, load_config
from .errors import ConfigError, InboxcoachError

app = typer.Typer(
    name="inboxcoach",
    help=(
        "Coaches a residency applicant through writing to programs: matches mail to "
        "programs, counts contacts against the 2-3 message limit, warns about risky "
        "messages and renders a calm daily digest."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DB_ENV = "INBOXCOACH_DB"
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


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


def _globals(ctx: typer.Context) -> Globals:
    obj = ctx.find_root().obj
    assert isinstance(obj, Globals)
    return obj


def _as_of(value: str | None, config: Config) -> datetime:
    if value is None:
        return clock.now().astimezone(config.season.tz)
    try:
        return clock.parse_moment(value, config.season.tz)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


ConfigOpt = Annotated[
    Optional[Path],
    typer.Option("--config", "-c", help="Config file (default: $INBOXCOACH_CONFIG, else the user config dir)."),
]
DbOpt = Annotated[
    Optional[Path],
    typer.Option("--db", help="Database file (default: $INBOXCOACH_DB, else the user data dir)."),
]
AsOfOpt = Annotated[
    Optional[str],
    typer.Option(
        "--as-of",
        help="Judge as of this moment (ISO date-time; naive = season time zone; a date = end of that day).",
    ),
]


@app.callback()
def _root(
    ctx: typer.Context,
    config: ConfigOpt = None,
    db: DbOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"inboxcoach {__version__}")
        raise typer.Exit(0)
    ctx.obj = Globals(config_path=config, db_path=db, verbose=verbose)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.command()
def scan(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="An mbox file (e.g. Google Takeout), a Maildir, or a folder of .eml files.")],
    as_of: AsOfOpt = None,
) -> None:
    """Read mail from disk instead of IMAP and store what the report needs."""
    from . import commands

    g = _globals(ctx)
    config = g.config()
    stats = commands.scan(path, config, g.database(), progress=_progress_for(err))
    commands.print_scan_summary(out, stats, path)
    if as_of is not None:
        report = commands.report(config, g.database(), _as_of(as_of, config))
        out.print(f"As of {report.as_of:%Y-%m-%d %H:%M}: {len(report.findings)} findings.")


@app.command()
def report(
    ctx: typer.Context,
    json_: Annotated[bool, typer.Option("--json", help="Print the machine-readable report (the SPEC schema).")] = False,
    as_of: AsOfOpt = None,
) -> None:
    """Print the report: per-program counts, statuses and findings."""
    from . import commands
    from .present import report_to_dict

    g = _globals(ctx)
    config = g.config()
    result = commands.report(config, g.database(), _as_of(as_of, config))
    if json_:
        sys.stdout.write(json.dumps(report_to_dict(result), indent=2, ensure_ascii=False) + "\n")
    else:
        commands.print_status(out, result, config)
        commands.print_findings(out, result)


@app.command()
def status(ctx: typer.Context, as_of: AsOfOpt = None) -> None:
    """Show the per-program table in the terminal."""
    from . import commands

    g = _globals(ctx)
    config = g.config()
    commands.print_status(out, commands.report(config, g.database(), _as_of(as_of, config)), config)


@app.command()
def digest(
    ctx: typer.Context,
    html: Annotated[bool, typer.Option("--html", help="Print the HTML part instead of the text part.")] = False,
    as_of: AsOfOpt = None,
) -> None:
    """Print the digest that would go out today."""
    from . import commands

    g = _globals(ctx)
    config = g.config()
    rendered = commands.render_digest(config, commands.report(config, g.database(), _as_of(as_of, config)))
    sys.stdout.write(rendered.html if html else f"Subject: {rendered.subject}\n\n{rendered.text}")


@app.command()
def lint(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A draft: an .eml file, or plain text with --to; '-' reads stdin.")],
    to: Annotated[Optional[list[str]], typer.Option("--to", help="Recipient address (for plain text).")] = None,
    subject: Annotated[str, typer.Option("--subject", help="Subject (for plain text).")] = "",
    as_of: AsOfOpt = None,
) -> None:
    """Check a draft before it is sent. Exits 1 when a finding is critical."""
    from . import commands

    g = _globals(ctx)
    config = g.config()
    if file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise InboxcoachError(f"{file}: cannot read: {exc.strerror}") from None
    findings, programs = commands.lint(data, config, g.database(), _as_of(as_of, config), to=tuple(to or ()), subject=subject)
    commands.print_lint(out, findings, programs)
    if any(f.severity == "critical" for f in findings):
        raise typer.Exit(1)


@app.command()
def demo(
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", help="Judge the sample season as of this moment.")
    ] = None,
) -> None:
    """Run the whole pipeline on the bundled sample season (needs no account)."""
    from . import commands

    commands.demo(out, as_of, progress=_progress_for(err))


def _progress_for(console: Console):  # type: ignore[no-untyped-def]
    from .progress import progress_callback

    return progress_callback(console)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="inboxcoach", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        err.print("Aborted.")
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except ConfigError as exc:
        err.print(f"inboxcoach: {exc}", markup=False)
        return 2
    except InboxcoachError as exc:
        err.print(f"inboxcoach: {exc}", markup=False)
        return 2
    except KeyboardInterrupt:
        err.print("Interrupted; what was stored so far is kept.")
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    raise SystemExit(main())
