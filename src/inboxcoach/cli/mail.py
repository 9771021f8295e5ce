"""The commands that read mail: sync, run, scan, labels."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from inboxcoach import clock
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
