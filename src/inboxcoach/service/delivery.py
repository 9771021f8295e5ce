"""Exactly-once sending: the daily digest and draft alerts, with the store as the truth.

The digest for a day is sent at most once, also across restarts: the attempt and its
Message-ID are recorded *before* sending and ``sent_at`` after. A crash between the
two (or a timeout after DATA, when the server may have delivered) leaves an attempt
without ``sent_at``; the next try sends again under the *same* Message-ID, so the
receiving side can drop the copy. Within one process an asyncio lock keeps the
scheduled job and the wake-up heartbeat from sending together; across processes (the
daemon and ``digest --send``) the database's send lock does
(:func:`~inboxcoach.store.files.sending`).

Draft alerts go out once per draft and rule (the ``alerts`` table), for critical
findings on drafts when ``[plugin] draft_alerts`` is on.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime
from email.message import EmailMessage

from inboxcoach import clock
from inboxcoach.config import Config
from inboxcoach.core.digest import Digest
from inboxcoach.core.model import Finding, Report
from inboxcoach.errors import SmtpError
from inboxcoach.service.smtp import (
    Sender,
    build_alert_email,
    build_digest_email,
    check_recipients,
    digest_message_id,
    send_with_retry,
)
from inboxcoach.store import Store
from inboxcoach.store.files import sending

log = logging.getLogger(__name__)

# One lock per event loop and purpose: an asyncio.Lock binds itself to the loop that
# first waits on it, and a process may run several loops one after another (tests).
_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = weakref.WeakKeyDictionary()


def _lock(name: str) -> asyncio.Lock:
    per_loop = _locks.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault(name, asyncio.Lock())


@asynccontextmanager
async def _sending_digest(store: Store) -> AsyncIterator[None]:
    """This process's digest lock, then the database's send lock (none in memory)."""
    async with _lock("digest"):
        if str(store.path) == ":memory:":
            yield
            return
        async with sending(store.path):
            yield


def _key(message_id: str) -> str:
    return message_id.strip().strip("<>").lower()


# -- the digest -------------------------------------------------------------------


def digest_due(store: Store, config: Config, now: datetime) -> date | None:
    """The local day (``config.season.tz``) whose digest is due and not yet delivered
    every way ``[digest] deliver`` asks for, or None.

    Today's digest is due from ``digest.send_at`` local time until it is delivered.
    Days missed while the machine slept are not sent afterwards: on wake-up only
    today's digest goes out (once ``send_at`` has passed). ``now`` must be aware.
    """
    tz = config.season.tz
    local = now.astimezone(tz)
    today = local.date()
    if local < datetime.combine(today, config.digest.send_at, tz):
        return None
    return today if _undelivered(store, config, today) else None


def _undelivered(store: Store, config: Config, day: date) -> list[str]:
    """The ways the digest of ``day`` still has to go: "smtp", "append"."""
    record = store.digest_record(day)
    ways = []
    if config.digest.by_smtp and (record is None or record[1] is None):
        ways.append("smtp")
    if config.digest.by_append and not store.digest_appended(day):
        ways.append("append")
    return ways


Appender = Callable[[EmailMessage, Config], Awaitable[None]]


async def append_to_mailbox(message: EmailMessage, config: Config) -> None:
    """Put ``message`` in the mailbox's ``inboxcoach`` folder (made when missing),
    unread, unless a message with its Message-ID is there already: a digest appended
    just before a crash is not appended twice. Raises ConnectionFailed / AuthError."""
    await asyncio.to_thread(_append_blocking, message, config)


DIGEST_FOLDER = "inboxcoach"


def _append_blocking(message: EmailMessage, config: Config) -> None:
    from inboxcoach.sources.imap.connection import connect, disconnect

    client = connect(config.account)
    try:
        if not client.folder_exists(DIGEST_FOLDER):
            client.create_folder(DIGEST_FOLDER)
            client.subscribe_folder(DIGEST_FOLDER)
        client.select_folder(DIGEST_FOLDER, readonly=True)
        there = client.search(["HEADER", "Message-ID", str(message["Message-ID"]).strip("<>")])
        client.unselect_folder() if client.has_capability("UNSELECT") else client.close_folder()
        if not there:
            client.append(DIGEST_FOLDER, message.as_bytes(), flags=())
    finally:
        disconnect(client)


async def deliver_digest(
    store: Store,
    config: Config,
    day: date,
    render: Callable[[], Digest],
    *,
    send: Sender = send_with_retry,
    append: Appender = append_to_mailbox,
    now: Callable[[], datetime] = clock.now,
) -> bool:
    """Deliver the digest for ``day`` every way ``[digest] deliver`` asks for that the
    store says it has not gone yet: mailed (``send``, default
    :func:`~inboxcoach.service.smtp.send_with_retry`) and/or put in the mailbox (``append``).
    True when it went somewhere now.

    ``render`` builds the digest (called only when one will go); ``now`` is the clock
    for the Date header and the records. Raises what ``send`` or ``append`` raise
    (SmtpError, AuthError, ConfigError, ConnectionFailed); after such an error the
    attempt stays recorded and a later call tries again under the same Message-ID.
    When the server accepted the digest for some addresses only, it is recorded as
    sent and the SmtpError is raised all the same.
    """
    async with _sending_digest(store):
        ways = _undelivered(store, config, day)
        if not ways:
            log.debug("digest for %s already delivered", day.isoformat())
            return False
        record = store.digest_record(day)
        message_id = record[0] if record is not None else digest_message_id(config, day)
        message = build_digest_email(render(), config, day, when=now(), message_id=message_id)
        if "smtp" in ways:
            check_recipients(message, config)  # before anything is recorded
        store.begin_digest(day, message_id)
        if record is not None:
            log.info("digest for %s: delivering again after an unfinished attempt", day.isoformat())
        if "append" in ways:
            await append(message, config)
            store.finish_append(day, now())
            log.info("digest for %s put in the %s folder", day.isoformat(), DIGEST_FOLDER)
        if "smtp" in ways:
            try:
                await send(message, config)
            except SmtpError as exc:
                if exc.delivered:
                    store.finish_digest(day, now())
                raise
            store.finish_digest(day, now())
            log.info("digest for %s sent", day.isoformat())
        return True


# -- draft alerts -----------------------------------------------------------------


def _draft_subjects(report: Report) -> dict[str, str]:
    """Drafts in the report: key -> subject."""
    return {
        view.key: view.envelope.subject
        for activity in report.programs
        for view in activity.messages
        if view.draft
    }


def pending_alerts(store: Store, config: Config, report: Report) -> dict[str, list[Finding]]:
    """The alerts still to send: draft key -> its critical draft findings whose rule
    was not yet alerted for that draft. Empty when ``draft_alerts`` is off."""
    if not config.plugin.draft_alerts:
        return {}
    drafts = _draft_subjects(report)
    pending: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.severity != "critical" or not finding.draft or finding.rule in config.rules.ignore:
            continue
        keys = [_key(m) for m in finding.message_ids]
        # a cross-program finding cites sent mail too: alert only about the draft(s)
        targets = [k for k in keys if k in drafts] or keys
        for target in dict.fromkeys(targets):
            if store.alert_sent(target, finding.rule):
                continue
            pending.setdefault(target, []).append(finding)
    return pending


async def deliver_draft_alerts(
    store: Store,
    config: Config,
    report: Report,
    *,
    send: Sender = send_with_retry,
    now: Callable[[], datetime] = clock.now,
) -> int:
    """Send one alert email per draft for its critical findings not yet alerted, and
    record each (draft, rule). Returns how many emails went out.

    Does nothing when ``[plugin] draft_alerts`` is off. Raises what ``send`` raises;
    alerts sent before the error stay recorded.
    """
    sent = 0
    async with _lock("alerts"):
        subjects = _draft_subjects(report)
        for key, findings in pending_alerts(store, config, report).items():
            message = build_alert_email(findings, config, subjects.get(key, ""), when=now())
            await send(message, config)
            moment = now()
            for rule in dict.fromkeys(f.rule for f in findings):
                store.record_alert(key, rule, moment)
            sent += 1
            log.info("draft alert sent (%s)", ", ".join(dict.fromkeys(f.rule for f in findings)))
    return sent
