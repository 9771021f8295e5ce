"""``inboxcoach check``: the config, the IMAP login and folders, the labels the server
keeps, the SMTP login and what the database holds, one line each; never raises for a
problem it checks."""

from __future__ import annotations

import asyncio
import imaplib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.console import Console
from rich.markup import escape

from inboxcoach.cli.config_edit import EXAMPLE_DOMAIN
from inboxcoach.config import AccountConfig, Config
from inboxcoach.errors import InboxcoachError
from inboxcoach.secrets import describe_source

if TYPE_CHECKING:
    import imapclient  # type: ignore[import-untyped]

Status = Literal["ok", "problem", "skipped"]

@dataclass(frozen=True)
class CheckItem:
    """One checked item: ``status`` and one line for the user."""

    name: str
    status: Status
    line: str

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class CheckReport:
    """The results of :func:`check`, in the order they were checked."""

    items: tuple[CheckItem, ...]

    @property
    def problems(self) -> tuple[CheckItem, ...]:
        return tuple(item for item in self.items if item.status == "problem")

    @property
    def ok(self) -> bool:
        """True when nothing is a problem (skipped items are not)."""
        return not self.problems

    def item(self, name: str) -> CheckItem:
        """The item called ``name``. Raises KeyError."""
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(name)


def check(config: Config, *, timeout: float = 30.0, db_path: Path | None = None) -> CheckReport:
    """Check the config, the IMAP login and folders, the SMTP login and, given
    ``db_path``, what the database holds.

    Never raises for a problem it checks (an unreachable server, a refused login, a
    missing folder): each becomes a ``problem`` item, and the later checks still run.
    Items: ``config``, ``programs``, ``imap``, ``server``, ``folders``, ``smtp``,
    ``database``.
    """
    items = [_check_config(config), _check_programs(config)]
    items.extend(_check_imap(config, timeout))
    if config.digest.by_smtp:
        items.append(_check_smtp(config.account, timeout))
    else:
        items.append(CheckItem("smtp", "skipped", 'SMTP: not used ([digest] deliver = "append": the digest goes in your mailbox)'))
    if db_path is not None:
        items.append(_check_database(db_path))
    return CheckReport(tuple(items))


def _check_database(db_path: Path) -> CheckItem:
    """How many messages are stored, and which could not be read (never a problem:
    an unreadable message is skipped, the rest is counted)."""
    from inboxcoach.errors import StoreError
    from inboxcoach.store import Store

    if not db_path.exists():
        return CheckItem("database", "skipped", f"database: {db_path} does not exist yet (`inboxcoach sync` makes it)")
    try:
        with Store(db_path) as store:
            stored, unreadable = store.count(), store.unreadable()
    except StoreError as exc:
        return CheckItem("database", "problem", f"database: {exc}")
    line = f"database: {stored} message{'s' if stored != 1 else ''} stored in {db_path}"
    if unreadable:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(unreadable.items()))
        line += f"; {sum(unreadable.values())} could not be read fully ({reasons})"
    return CheckItem("database", "ok", line)


def _check_config(config: Config) -> CheckItem:
    account = config.account
    return CheckItem(
        "config",
        "ok",
        f"config valid: {account.email} (password from {describe_source(account)}), "
        f"Match {config.season.match_year} ({config.season.specialty}), "
        f"digest at {config.digest.send_at:%H:%M} {config.season.timezone} to {', '.join(config.digest_to)}",
    )


def _check_programs(config: Config) -> CheckItem:
    names = [p.name for p in config.programs]
    if not names:
        return CheckItem(
            "programs",
            "problem",
            "programs: none configured; `inboxcoach programs suggest --write` finds them in your mail "
            "(after `inboxcoach sync`), `programs add` adds one",
        )
    examples = [p.name for p in config.programs if EXAMPLE_DOMAIN in p.domains]
    if examples:
        return CheckItem(
            "programs",
            "problem",
            f"programs: {examples[0]!r} is still the example from `inboxcoach init`; "
            "`inboxcoach programs suggest --write` replaces it with the programs in your mail",
        )
    return CheckItem("programs", "ok", f"{len(names)} program{'s' if len(names) != 1 else ''}: {', '.join(names)}")


def _check_imap(config: Config, timeout: float) -> list[CheckItem]:
    from inboxcoach.sources.imap import connection as imap

    account = config.account
    try:
        client = imap.connect(account, timeout=timeout)
    except InboxcoachError as exc:
        return [
            CheckItem("imap", "problem", _prefixed("IMAP", exc)),
            CheckItem("server", "skipped", "server: not checked (no IMAP login)"),
            CheckItem("folders", "skipped", "folders: not checked (no IMAP login)"),
        ]
    port = account.imap_port or imap.DEFAULT_PORTS[account.imap_security]
    items = [
        CheckItem(
            "imap", "ok", f"IMAP: logged in to {account.imap_host}:{port} ({account.imap_security}) as {account.login}"
        )
    ]
    try:
        gmail = imap.is_gmail(client)
        items.append(
            CheckItem(
                "server",
                "ok",
                "server: Gmail (X-GM-EXT-1): one message in several labels counts once"
                if gmail
                else "server: not Gmail",
            )
        )
        items.append(_check_folders(client, config))
        if config.plugin.labels:
            items.append(_check_labels(client, config, gmail))
    except InboxcoachError as exc:
        items.append(CheckItem("folders", "problem", f"folders: {exc}"))
    except (OSError, imaplib.IMAP4.error) as exc:
        items.append(CheckItem("folders", "problem", f"folders: the IMAP connection failed: {exc}"))
    finally:
        imap.disconnect(client)
    return items


def _check_folders(client: imapclient.IMAPClient, config: Config) -> CheckItem:
    from inboxcoach.sources.imap import connection as imap

    folders = imap.discover_folders(client, config.folders)
    parts = []
    for name, role in folders.with_roles:
        status = client.folder_status(name, [b"MESSAGES"])
        count = int(status[b"MESSAGES"])
        parts.append(f"{role} {name!r} ({count} message{'s' if count != 1 else ''})")
    line = "folders: " + ", ".join(parts)
    if folders.sent is None:
        return CheckItem(
            "folders",
            "problem",
            line + "; no Sent folder found (no SPECIAL-USE \\Sent flag, no common name): set folders.sent",
        )
    if folders.drafts is None:
        line += "; no Drafts folder found, so drafts are not checked (set folders.drafts if you have one)"
    return CheckItem("folders", "ok", line)


def _check_labels(client: imapclient.IMAPClient, config: Config, gmail: bool) -> CheckItem:
    """Whether the server keeps the keywords ``[plugin] labels`` writes. Never a
    problem: without them the passes run as usual, only the labels are missing."""
    from inboxcoach.core.labels import KEYWORD, RISK_KEYWORD
    from inboxcoach.sources.imap import connection as imap
    from inboxcoach.sources.imap.labels import _keeps_keywords, leave_read_write

    if gmail:
        return CheckItem("labels", "ok", "labels: Gmail labels inboxcoach/<program> and inboxcoach/risk")
    inbox = imap.discover_folders(client, config.folders).inbox
    answer = client.select_folder(inbox, readonly=False)  # EXAMINE answers no PERMANENTFLAGS
    try:
        keeps = _keeps_keywords(answer.get(b"PERMANENTFLAGS", ()))
    finally:
        leave_read_write(client, inbox)
    if keeps:
        return CheckItem("labels", "ok", f"labels: keywords {KEYWORD} and {RISK_KEYWORD} on program mail")
    return CheckItem(
        "labels",
        "skipped",
        "labels: this server keeps no keywords of its own (no \\* in PERMANENTFLAGS), so no labels are set; "
        "everything else works",
    )


def _check_smtp(account: AccountConfig, timeout: float) -> CheckItem:
    if not account.smtp_host:
        return CheckItem(
            "smtp",
            "problem",
            "SMTP: account.smtp_host is not set; inboxcoach needs it to send the digest",
        )
    from inboxcoach.service import smtp

    try:
        description = asyncio.run(smtp.check_login(account, timeout=timeout))
    except InboxcoachError as exc:
        return CheckItem("smtp", "problem", _prefixed("SMTP", exc))
    return CheckItem("smtp", "ok", f"SMTP: {description}")


def _prefixed(prefix: str, exc: Exception) -> str:
    """The error's message, starting with ``prefix`` (once)."""
    text = str(exc)
    return text if text.startswith(prefix) else f"{prefix}: {text}"


def print_check(console: Console, report: CheckReport) -> None:
    """Print one line per item (✓ ok, ✗ problem, - skipped) and a closing summary."""
    marks = {"ok": "[green]✓[/green]", "problem": "[red]✗[/red]", "skipped": "[dim]-[/dim]"}
    for item in report.items:
        console.print(f"{marks[item.status]} {escape(item.line)}")
    problems = len(report.problems)
    if problems:
        console.print(f"[red]{problems} problem{'s' if problems != 1 else ''}[/red]; fix and run `inboxcoach check` again.")
    else:
        console.print("[green]All good.[/green] Run `inboxcoach sync` for a first pass over your mail.")
