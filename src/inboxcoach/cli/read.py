"""The commands that show what was read: status, report, digest, lint, demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from inboxcoach.cli.app import (
    Globals,
    _as_of,
    _out,
    _progress,
    _say,
    app,
    as_of_option,
    pass_globals,
)
from inboxcoach.errors import InboxcoachError


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


@app.command()
@click.option("--as-of", "as_of", metavar="DATETIME", help="Judge the sample season as of this moment.")
def demo(as_of: str | None) -> None:
    """Run the whole pipeline on the bundled sample season (needs no account)."""
    from inboxcoach.cli import commands

    with _progress() as progress:
        demo = commands.run_demo(as_of, progress)
    commands.print_demo(_out(), demo)
