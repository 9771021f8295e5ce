"""What each command does, as functions the CLI (and tests) call.

This is the shell around the pure core: it opens the store, reads sources, reads
the clock, and prints. Nothing here decides anything about programs or rules.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from inboxcoach import clock
from inboxcoach.config import Config, load_config
from inboxcoach.core.model import Envelope, Finding, Report, StoredMessage
from inboxcoach.core.parse import MalformedMessage, parse_envelope
from inboxcoach.errors import InboxcoachError
from inboxcoach.ingest import IngestStats, Progress, ingest, no_progress
from inboxcoach.sources import open_source
from inboxcoach.store import Store
from inboxcoach.store.report import report_from_store, season_messages

if TYPE_CHECKING:
    from rich.console import Console

    from inboxcoach.core.digest import Digest

DEMO_AS_OF = "2027-01-20T08:00:00-05:00"


def scan(path: Path, config: Config, db_path: Path, progress: Progress = no_progress) -> IngestStats:
    """Read an mbox / Maildir / .eml folder into the store. Raises SourceError."""
    source = open_source(path, config.account.addresses)
    with Store(db_path) as store:
        return ingest(source, store, config, progress)


def sync(config: Config, db_path: Path, progress: Progress = no_progress) -> IngestStats:
    """One incremental IMAP pass over Inbox, Sent and Drafts (retrying a dropped connection)."""
    from inboxcoach.service.sync import sync_account

    if not config.account.imap_host:
        raise InboxcoachError("account.imap_host is not set in the config; `inboxcoach init` writes one")
    return sync_account(config, db_path, progress)


def sync_summary(stats: IngestStats) -> str:
    """One line: what a sync pass stored, skipped and analysed."""
    line = f"Synced: {stats.new} new message(s)"
    if stats.skipped:
        line += f", {stats.skipped} skipped as malformed"
    if stats.dropped_drafts:
        line += f", {stats.dropped_drafts} draft(s) gone (sent or deleted)"
    if stats.resynced:
        line += f"; re-read {', '.join(stats.resynced)} (the server renumbered it)"
    if stats.labelled:
        line += f"; {stats.labelled} label change(s) on the server"
    line += f"; analysed {stats.analysed} that may belong to a program, in {stats.seconds:.1f} s."
    return line


def clear_labels(config: Config, db_path: Path) -> int:
    """Remove every keyword or Gmail label inboxcoach set on the server; returns how many."""
    from inboxcoach.service.sync import source_name
    from inboxcoach.sources.imap.connection import connect, disconnect, discover_folders, is_gmail
    from inboxcoach.sources.imap.labels import clear_labels as clear

    if not config.account.imap_host:
        raise InboxcoachError("account.imap_host is not set in the config; `inboxcoach init` writes one")
    client = connect(config.account)
    try:
        folders = discover_folders(client, config.folders)
        with Store(db_path) as store:
            stats = clear(client, store, source_name(config), [f for f, _ in folders.with_roles], gmail=is_gmail(client))
    finally:
        disconnect(client)
    return stats.removed


def report(config: Config, db_path: Path, as_of: datetime) -> Report:
    """The report of everything stored, as of ``as_of``."""
    if not Path(db_path).exists():
        raise InboxcoachError(f"{db_path}: no database yet; run `inboxcoach scan PATH` or `inboxcoach sync` first")
    with Store(db_path) as store:
        return report_from_store(store, config, as_of)


def render_digest(config: Config, rep: Report) -> Digest:
    """The digest of ``rep`` as ``config`` wants it (see :func:`core.digest.digest_for`)."""
    from inboxcoach.core.digest import digest_for

    return digest_for(config, rep)


def send_digest_now(config: Config, db_path: Path, as_of: datetime | None = None) -> str:
    """Send a digest now (``digest --send``); returns the line to print.

    Without ``as_of`` it is today's digest (the day in ``season.timezone``), sent at
    most once like the daemon's: the attempt and the day's Message-ID are recorded
    before sending and the sent time after (:func:`~inboxcoach.service.delivery.deliver_digest`),
    so the daemon does not send it again, and nothing goes out when the database
    cannot record it. Sent already, it is not sent again. With ``as_of`` it is the
    digest as of that moment, under a Message-ID of its own, and never recorded as any
    day's digest: that day's real digest still goes out.

    Raises InboxcoachError when there is no database, StoreError when it cannot be
    used, and SmtpError / AuthError when sending fails.
    """
    import asyncio
    from email.message import EmailMessage
    from email.utils import make_msgid

    from inboxcoach.service.delivery import deliver_digest
    from inboxcoach.service.smtp import MESSAGE_ID_DOMAIN, build_digest_email, check_recipients, send_with_retry

    async def send(message: EmailMessage, cfg: Config) -> None:
        await send_with_retry(message, cfg, attempts=3, first_delay=5, max_delay=30)

    where = ", ".join(config.digest_to)
    tz = config.season.tz
    if as_of is not None:
        rep = report(config, db_path, as_of)
        message_id = make_msgid(idstring="inboxcoach-digest-as-of", domain=MESSAGE_ID_DOMAIN)
        message = build_digest_email(
            render_digest(config, rep), config, as_of.astimezone(tz).date(), when=clock.now(), message_id=message_id
        )
        check_recipients(message, config)
        asyncio.run(send(message, config))
        return f"Digest as of {as_of:%Y-%m-%d %H:%M} sent to {where} (not counted as that day's digest)."
    now = clock.now().astimezone(tz)  # as the other commands judge "now"
    day = now.date()
    if not Path(db_path).exists():
        report(config, db_path, now)  # raises: no database yet
    with Store(db_path) as store:

        def render() -> Digest:  # only when it is sent
            return render_digest(config, report_from_store(store, config, now))

        if asyncio.run(deliver_digest(store, config, day, render, send=send, now=clock.now)):
            ways = ([f"sent to {where}"] if config.digest.by_smtp else []) + (
                ["put in the inboxcoach folder of your mailbox"] if config.digest.by_append else []
            )
            return f"Digest for {day.isoformat()} {' and '.join(ways)}."
        record = store.digest_record(day)
    sent_at = datetime.fromisoformat(record[1]).astimezone(tz) if record and record[1] else None
    when = f" at {sent_at:%H:%M}" if sent_at else ""
    if config.digest.deliver == "smtp":
        return f"Today's digest ({day.isoformat()}) was already sent{when}; it is not sent twice."
    return f"Today's digest ({day.isoformat()}) was already delivered; it is not delivered twice."


def print_scan_summary(console: Console, stats: IngestStats, path: Path) -> None:
    line = f"Read {stats.seen} messages from {path}: {stats.new} new"
    if stats.skipped:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(stats.skip_reasons.items()))
        line += f", {stats.skipped} skipped as malformed ({reasons})"
    line += f"; analysed {stats.analysed} that may belong to a program, in {stats.seconds:.1f} s."
    console.print(line, markup=False)


def print_status(console: Console, rep: Report, config: Config) -> None:
    """Print the status table, fitted to the console's width."""
    from inboxcoach.cli.tables import status_table
    from inboxcoach.core.report import season_calendar

    table = status_table(rep, season_calendar(config), width=console.width)
    if console.is_terminal:
        console.print(table, soft_wrap=False)
    else:  # a file or a pipe gets no padding after the last column
        with console.capture() as captured:
            console.print(table, soft_wrap=False)
        for line in captured.get().splitlines():
            console.out(line.rstrip(), highlight=False)
    if rep.unreadable:
        console.print(unreadable_line(rep.unreadable), markup=False)
    if rep.ambiguous:
        count = len(rep.ambiguous)
        console.print(f"{count} message(s) not counted: each fits programs that share an address.", markup=False)
        console.print("To count it, add the coordinator's exact address to that program's `contacts`.", markup=False)


def unreadable_line(unreadable: Sequence[tuple[str, int]]) -> str:
    """One line: how many messages could not be read (fully), and why."""
    total = sum(n for _, n in unreadable)
    reasons = ", ".join(f"{n} {reason}" for reason, n in unreadable)
    return f"{total} message(s) could not be read fully and were skipped or counted by headers only: {reasons}."


def print_findings(console: Console, rep: Report) -> None:
    if not rep.findings:
        console.print("No findings.")
        return
    for f in rep.findings:
        draft = " (draft)" if f.draft else ""
        console.print(f"[{f.severity}] {f.rule}{draft} - {', '.join(f.programs)}: {f.text}", markup=False)


# -- lint ---------------------------------------------------------------------


def lint(
    data: bytes,
    config: Config,
    db_path: Path,
    as_of: datetime,
    *,
    to: Sequence[str] = (),
    subject: str = "",
) -> tuple[list[Finding], tuple[str, ...]]:
    """Apply the rules to one draft, together with the stored season if there is one.

    Returns the findings about this draft and the programs it was matched to. Raises
    InboxcoachError when the draft is addressed to no configured program.
    """
    envelope = _lint_envelope(data, config, to, subject, as_of)
    body = None
    if _looks_like_email(data):
        from inboxcoach.core.body import parse_body

        try:
            body = parse_body(data)
        except MalformedMessage:
            pass
    text = body.own_words if body else _own_words_of_text(data)
    store = Store(db_path) if Path(db_path).exists() else None
    try:
        findings, programs = check_draft(envelope, text, config, as_of, store)
    finally:
        if store is not None:
            store.close()
    if not programs:
        raise InboxcoachError(
            "the draft is addressed to no configured program; give --to with a program address "
            "or add the program to the config"
        )
    return findings, programs


def check_draft(
    envelope: Envelope, own_words: str, config: Config, as_of: datetime, store: Store | None
) -> tuple[list[Finding], tuple[str, ...]]:
    """The analysis behind ``lint`` and the Thunderbird add-on's send-time check.

    ``envelope`` and ``own_words`` (quotes and signature removed) describe the draft;
    the rules judge it together with what ``store`` holds (counts, earlier #1 letters,
    the other programs), or alone when ``store`` is None. Returns the findings about
    this draft (not the season's others) and the programs it is addressed to; both
    empty when it goes to no configured program (the store is then not read).
    """
    from inboxcoach.core.matching import match_all, match_index
    from inboxcoach.core.report import build_report
    from inboxcoach.detectors import analyze

    features = analyze(envelope.subject, own_words, config.program_list, "out")
    draft = StoredMessage(envelope=envelope, folder="lint", role="drafts", features=features)
    programs = match_all([draft], match_index(config))[envelope.key].programs
    if not programs:
        return [], ()
    stored = [m for m in season_messages(store, config) if m.envelope.key != envelope.key] if store else []
    rep = build_report([*stored, draft], config, as_of, clock.now())
    # the draft's own findings: rules name the message a finding is about first
    mine = [f for f in rep.findings if f.draft and f.message_ids[:1] == (draft.envelope.message_id,)]
    return mine, programs


def _looks_like_email(data: bytes) -> bool:
    head = data.lstrip()[:4096].lower()
    return any(head.startswith(h) or b"\n" + h in head for h in (b"from:", b"to:", b"subject:", b"message-id:"))


def _own_words_of_text(data: bytes) -> str:
    from inboxcoach.core.text import own_words

    return own_words(data.decode("utf-8", errors="replace"))


def _lint_envelope(data: bytes, config: Config, to: Sequence[str], subject: str, as_of: datetime) -> Envelope:
    digest = hashlib.sha1(data).hexdigest()
    if _looks_like_email(data):
        try:
            parsed = parse_envelope(data)
        except MalformedMessage:
            parsed = None
        if parsed is not None:
            recipients = parsed.to or tuple(a.lower() for a in to)
            return Envelope(
                key=parsed.key if parsed.message_id else f"lint:{digest}",
                message_id=parsed.message_id or f"<lint-{digest}@inboxcoach>",
                date=as_of,
                from_addr=config.account.email,
                from_name=parsed.from_name,
                to=recipients,
                cc=parsed.cc,
                bcc=parsed.bcc,
                subject=parsed.subject or subject,
                in_reply_to=parsed.in_reply_to,
                references=parsed.references,
            )
    if not to:
        raise InboxcoachError("plain-text drafts need --to ADDRESS (the program address it will go to)")
    return Envelope(
        key=f"lint:{digest}",
        message_id=f"<lint-{digest}@inboxcoach>",
        date=as_of,
        from_addr=config.account.email,
        from_name="",
        to=tuple(a.strip().lower() for a in to),
        subject=subject,
    )


def print_lint(console: Console, findings: Sequence[Finding], programs: Sequence[str]) -> None:
    console.print(f"Draft to {', '.join(programs)}:", markup=False)
    if not findings:
        console.print("  Nothing to worry about in this draft.")
    for f in findings:
        console.print(f"  [{f.severity}] {f.rule}: {f.text}", markup=False)


# -- demo -----------------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    """What ``demo`` shows: the scan of the sample season, its report and digest."""

    stats: IngestStats
    report: Report
    config: Config
    digest: Digest


def run_demo(as_of: str | None = None, progress: Progress = no_progress) -> Demo:
    """Scan the bundled sample season into a temporary store; return what to show."""
    data = resources.files("inboxcoach") / "data"
    with tempfile.TemporaryDirectory(prefix="inboxcoach-demo-") as tmp:
        work = Path(tmp)
        config_path = work / "config.toml"
        mbox_path = work / "sample_season.mbox"
        with resources.as_file(data / "sample_config.toml") as src:
            shutil.copyfile(src, config_path)
        with resources.as_file(data / "sample_season.mbox") as src:
            shutil.copyfile(src, mbox_path)
        config = load_config(config_path)
        stats = scan(mbox_path, config, work / "demo.db", progress)
        moment = clock.parse_moment(as_of or DEMO_AS_OF, config.season.tz)
        rep = report(config, work / "demo.db", moment)
    return Demo(stats, rep, config, render_digest(config, rep))


def print_demo(console: Console, demo: Demo) -> None:
    """Print the scan summary, the status table and the digest of a demo run."""
    print_scan_summary(console, demo.stats, Path("sample_season.mbox"))
    console.print()
    print_status(console, demo.report, demo.config)
    console.print()
    console.rule("The digest that would go out that morning", characters="-")
    print_digest(console, demo.digest)


def demo(console: Console, as_of: str | None = None, progress: Progress = no_progress) -> Report:
    """Run the demo and print it on ``console``; return its report."""
    shown = run_demo(as_of, progress)
    print_demo(console, shown)
    return shown.report


def print_digest(console: Console, digest: Digest) -> None:
    """Print the digest's subject and text part, wrapped to the console's width."""
    from inboxcoach.cli.tables import fit_text

    console.print(fit_text(f"Subject: {digest.subject}\n\n{digest.text}", console.width), markup=False, soft_wrap=True)
