"""The daemon behind ``inboxcoach run``: sync, watch, digest on schedule, stop cleanly.

Threads and connections (imapclient is blocking and not thread-safe, so each
connection belongs to exactly one thread):

- the *watcher* thread holds its own connection with IDLE on the Inbox (re-issued
  every ``idle_renew`` seconds; a dead IDLE — an empty answer that comes back at
  once, or a BYE — means reconnect with exponential backoff and jitter). Where the
  server has no IDLE it polls instead;
- the *sync* thread holds the other connection and runs every pass: after start-up,
  when the watcher saw a change, and every ``poll_interval`` seconds (Sent and
  Drafts are watched by that cheap STATUS-first pass);
- the event loop runs the scheduler (APScheduler 3.x): a cron job at
  ``digest.send_at`` and a heartbeat that sends a digest the machine slept through.
  The store is the truth about what was sent, so a restart never sends twice.

SIGTERM / SIGINT set a stop flag that every loop checks at least once a second.
One daemon per database: :meth:`Daemon.run` holds the database's lock
(:func:`~inboxcoach.store.files.exclusive`) and refuses to start beside another.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler  # type: ignore[import-untyped]
from apscheduler.triggers.cron import CronTrigger  # type: ignore[import-untyped]
from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]

from inboxcoach import clock
from inboxcoach.config import Config
from inboxcoach.errors import AuthError, ConfigError, InboxcoachError
from inboxcoach.service.notify import notify, watchdog_interval
from inboxcoach.store import Store
from inboxcoach.store.files import exclusive

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timing:
    """How often the daemon does what; tests shrink these."""

    poll_interval: float = 60.0  # a STATUS-first pass over Sent and Drafts
    idle_renew: float = 540.0  # re-issue IDLE well within the 10-minute advice
    idle_check: float = 1.0  # how long one idle_check waits (also the stop latency)
    heartbeat: float = 60.0  # "is today's digest due and unsent?"
    backoff_first: float = 2.0
    backoff_max: float = 300.0
    # Longer than this without a pass ending (done or failed) or making progress, the
    # daemon stops telling systemd's watchdog it is alive, and systemd restarts it.
    stall_limit: float = 900.0


class Backoff:
    """Exponential backoff with full jitter (tenacity's ``wait_random_exponential``:
    between ``first / 2`` and ``first * 2**(failures - 1)``, at most ``maximum``),
    reset after a success.

    The daemon's loops run for good and wait on their own terms (a stop request or a
    change cuts a wait short), so they take only the delays from tenacity, not its
    retry loop."""

    def __init__(self, first: float, maximum: float) -> None:
        import tenacity

        self.first, self.maximum, self.failures = first, maximum, 0
        self._wait = tenacity.wait_random_exponential(multiplier=first, max=maximum, min=first / 2)
        self._state = tenacity.RetryCallState(None, None, (), {})  # type: ignore[arg-type]

    def next_delay(self) -> float:
        self.failures += 1
        self._state.attempt_number = self.failures
        return max(self.first / 2, self._wait(self._state))  # tenacity 8 drew from 0, not from min

    def reset(self) -> None:
        self.failures = 0


class DeadConnection(Exception):
    """The server said BYE, or IDLE answers nothing at once: the connection is gone."""


class Daemon:
    """``inboxcoach run``. Create, then ``await run()``; ``stop()`` from anywhere."""

    def __init__(
        self,
        config: Config,
        db_path: Path,
        *,
        timing: Timing = Timing(),
        now: Callable[[], datetime] = clock.now,
        send: Any = None,
    ) -> None:
        self.config = config
        self.db_path = db_path
        self.timing = timing
        self.now = now
        self.send = send  # None: delivery's default (send_with_retry)
        self.stopping = threading.Event()
        self.synced = threading.Event()  # set after every completed pass (tests wait on it)
        self.passes = 0
        self.idles = 0  # IDLE sessions begun on the Inbox (tests wait for the watcher with it)
        self.digest_checks = 0  # times the store was asked whether a digest is due
        self._changed: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # a digest that failed is tried again after a growing pause, not every heartbeat
        self._digest_backoff = Backoff(timing.heartbeat, 3600.0)
        self._digest_retry_at = 0.0
        self._pass_changed = False
        self._moved = time.monotonic()  # when the sync loop last moved (the watchdog's health)

    # -- control ---------------------------------------------------------------------

    def stop(self) -> None:
        """Ask every loop to finish; safe from any thread or a signal handler."""
        self.stopping.set()
        if self._loop is not None and self._changed is not None:
            self._loop.call_soon_threadsafe(self._changed.set)

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless stopping; True when asked to stop."""
        return self.stopping.wait(seconds)

    def _notify(self) -> None:
        if self._loop is not None and self._changed is not None:
            self._loop.call_soon_threadsafe(self._changed.set)

    # -- the event loop --------------------------------------------------------------

    async def run(self) -> None:
        """Run until ``stop()``: first pass, watcher, periodic passes, digest schedule.

        Raises StoreError at once when another daemon runs on the same database."""
        with exclusive(self.db_path, "inboxcoach run"):
            await self._run()

    async def _run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                self._loop.add_signal_handler(sig, self.stop)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread (tests) or no signals here
        scheduler = self._scheduler()
        scheduler.start()
        watcher = threading.Thread(target=self._watch_inbox, name="inboxcoach-idle", daemon=True)
        sync_worker = asyncio.ensure_future(self._sync_loop())
        watcher.start()
        log.info("inboxcoach running for %s", self.config.account.email)
        notify("READY=1")
        notify(f"STATUS=watching {self.config.account.email}")
        watchdog = watchdog_interval()
        next_ping = time.monotonic()
        try:
            # A digest missed while stopped goes out now, after the first pass has brought
            # the store up to date (or a minute has passed, if the server is unreachable).
            deadline = time.monotonic() + 60
            while not self.synced.is_set() and not self.stopping.is_set() and time.monotonic() < deadline:
                if watchdog is not None and time.monotonic() >= next_ping:
                    next_ping = time.monotonic() + watchdog
                    notify("WATCHDOG=1")
                await asyncio.sleep(0.1)
            await self._digest_tick()
            while not self.stopping.is_set():
                if watchdog is not None and time.monotonic() >= next_ping:
                    next_ping = time.monotonic() + watchdog
                    if self.healthy():
                        notify("WATCHDOG=1")
                await asyncio.sleep(0.2)
        finally:
            notify("STOPPING=1")
            self.stopping.set()
            self._changed.set()
            scheduler.shutdown(wait=False)
            await sync_worker
            await asyncio.to_thread(watcher.join, 5)
            for sig in (signal.SIGTERM, signal.SIGINT):
                try:
                    self._loop.remove_signal_handler(sig)
                except (NotImplementedError, RuntimeError, ValueError):
                    pass
            log.info("inboxcoach stopped")

    def _scheduler(self) -> AsyncIOScheduler:
        tz = self.config.season.tz
        scheduler = AsyncIOScheduler(timezone=tz)
        send_at = self.config.digest.send_at
        common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 24 * 3600}
        scheduler.add_job(
            self._digest_tick, CronTrigger(hour=send_at.hour, minute=send_at.minute, timezone=tz),
            id="digest", **common,
        )
        # The scheduler sleeps on a clock that stops while a laptop sleeps: the heartbeat
        # asks the store whether today's digest is due and unsent.
        scheduler.add_job(
            self._digest_tick, IntervalTrigger(seconds=self.timing.heartbeat, timezone=tz),
            id="heartbeat", **common,
        )
        return scheduler

    async def _sync_loop(self) -> None:
        """Run a pass now, on every change the watcher reports, and every poll interval."""
        assert self._changed is not None
        client = None
        backoff = Backoff(self.timing.backoff_first, self.timing.backoff_max)
        try:
            while not self.stopping.is_set():
                self._changed.clear()
                try:
                    client = await asyncio.to_thread(self._one_pass, client)
                    self._moved = time.monotonic()
                    backoff.reset()
                    await self._after_pass()
                except (AuthError, ConfigError) as exc:
                    log.error("%s", exc)  # another try would not help; keep watching for a fix
                    client = None
                    await self._wait_changed(self.timing.backoff_max)
                    continue
                except Exception as exc:  # noqa: BLE001  a daemon logs and carries on
                    self._moved = time.monotonic()
                    if self.stopping.is_set():
                        break
                    delay = backoff.next_delay()
                    log.warning("sync failed (%s: %s); next try in %.0f s", type(exc).__name__, exc, delay)
                    client = None
                    await self._wait_changed(delay, only_stop=True)
                    continue
                await self._wait_changed(self.timing.poll_interval)
        finally:
            if client is not None:
                from inboxcoach.sources.imap.connection import disconnect

                await asyncio.to_thread(disconnect, client)

    async def _wait_changed(self, seconds: float, *, only_stop: bool = False) -> None:
        assert self._changed is not None
        deadline = time.monotonic() + seconds
        while not self.stopping.is_set() and time.monotonic() < deadline:
            if not only_stop and self._changed.is_set():
                return
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=min(1.0, deadline - time.monotonic()))
            except TimeoutError:
                pass
            if only_stop:
                self._changed.clear()

    def healthy(self) -> bool:
        """Alive for systemd's watchdog: the event loop runs (this is called from it)
        and the sync loop moved (a pass ended, done or failed, or made progress)
        within ``Timing.stall_limit``. A server that is down is no reason to be
        restarted: the passes fail and are retried, which is moving."""
        return time.monotonic() - self._moved < self.timing.stall_limit

    def _progress(self, phase: str, done: int, total: int | None) -> None:
        self._moved = time.monotonic()

    def _one_pass(self, client: Any) -> Any:
        """One sync pass on the sync thread's connection (made or remade here)."""
        from inboxcoach.service.sync import SyncInterrupted, sync
        from inboxcoach.sources.imap.connection import connect, disconnect, discover_folders

        if client is None:
            client = connect(self.config.account)
        try:
            folders = discover_folders(client, self.config.folders)
            with Store(self.db_path) as store:
                stats = sync(
                    client, folders, store, self.config, self._progress,
                    should_stop=self.stopping.is_set, reconnect=lambda: connect(self.config.account),
                )  # fmt: skip
        except SyncInterrupted:
            return client
        except BaseException:
            disconnect(client)
            raise
        self.passes += 1
        self._pass_changed = bool(stats.new or stats.dropped_drafts or stats.analysed)
        if stats.new or stats.dropped_drafts:
            log.info("synced: %d new, %d drafts gone", stats.new, stats.dropped_drafts)
        self.synced.set()
        return client

    async def _after_pass(self) -> None:
        """Alerts for risky drafts, once per draft and rule (only when the pass changed anything)."""
        if not self.config.plugin.draft_alerts or self.stopping.is_set() or not self._pass_changed:
            return
        from inboxcoach.service.delivery import deliver_draft_alerts

        report = await asyncio.to_thread(self._report)
        with Store(self.db_path) as store:
            kwargs = {"send": self.send} if self.send else {}
            sent = await deliver_draft_alerts(store, self.config, report, **kwargs)
        if sent:
            log.info("sent %d draft alert(s)", sent)

    def _report(self) -> Any:
        from inboxcoach.store.report import report_from_store

        with Store(self.db_path) as store:
            return report_from_store(store, self.config, self.now())

    async def _digest_tick(self) -> None:
        """Send today's digest if it is due and not yet sent (the store decides)."""
        from inboxcoach.core.digest import digest_for
        from inboxcoach.service.delivery import deliver_digest, digest_due

        if time.monotonic() < self._digest_retry_at:
            return
        day: date | None = None
        try:
            with Store(self.db_path) as store:
                day = digest_due(store, self.config, self.now())
                if day is None:
                    return
                if self.config.digest.by_smtp and not self.config.account.smtp_host:
                    log.warning("the digest for %s is due, but account.smtp_host is not set "
                                '(or set [digest] deliver = "append")', day)
                    self._digest_retry_at = time.monotonic() + 24 * 3600
                    return
                report = await asyncio.to_thread(self._report)
                kwargs = {"send": self.send} if self.send else {}
                if await deliver_digest(store, self.config, day, lambda: digest_for(self.config, report), **kwargs):
                    log.info("digest for %s delivered (%s)", day, self.config.digest.deliver)
                self._digest_backoff.reset()
        except InboxcoachError as exc:  # SMTP, or the database (locked, damaged, full): try later
            delay = self._digest_backoff.next_delay()
            self._digest_retry_at = time.monotonic() + delay
            log.error("digest for %s not sent: %s; next try in %.0f s", day or "today", exc, delay)
        finally:
            self.digest_checks += 1

    # -- the watcher thread ------------------------------------------------------------

    def _watch_inbox(self) -> None:
        """IDLE on the Inbox on a connection of its own; report changes; reconnect."""
        from inboxcoach.sources.imap.connection import connect, disconnect, discover_folders

        backoff = Backoff(self.timing.backoff_first, self.timing.backoff_max)
        while not self.stopping.is_set():
            client = None
            try:
                client = connect(self.config.account)
                inbox = discover_folders(client, self.config.folders).inbox
                client.select_folder(inbox, readonly=True)
                if backoff.failures:
                    self._notify()  # back after an outage: catch up
                backoff.reset()
                if client.has_capability("IDLE"):
                    self._idle(client)
                else:
                    self._poll(client, inbox)
            except Exception as exc:  # noqa: BLE001  any failure: reconnect later
                if self.stopping.is_set():
                    break
                delay = backoff.next_delay()
                log.warning("IMAP watch connection lost (%s); reconnecting in %.0f s", type(exc).__name__, delay)
                if client is not None:
                    disconnect(client)
                    client = None
                self._sleep(delay)
            finally:
                if client is not None:
                    disconnect(client)

    def _idle(self, client: Any) -> None:
        client.idle()
        self.idles += 1
        started = time.monotonic()
        try:
            while not self.stopping.is_set():
                asked = time.monotonic()
                responses = client.idle_check(timeout=self.timing.idle_check)
                if any(isinstance(r, tuple) and r and r[0] == b"BYE" for r in responses):
                    raise DeadConnection("server said BYE")
                if responses:
                    self._notify()
                elif time.monotonic() - asked < self.timing.idle_check / 4:
                    # imapclient #565: after a BYE, idle_check returns [] at once for ever
                    raise DeadConnection("IDLE returned nothing at once")
                if time.monotonic() - started > self.timing.idle_renew:
                    client.idle_done()
                    client.idle()
                    started = time.monotonic()
        except DeadConnection:
            raise
        except Exception as exc:
            raise DeadConnection(f"{type(exc).__name__} during IDLE") from exc
        # stopping: leave IDLE politely; the connection is closed by the caller
        try:
            client.idle_done()
        except Exception:  # noqa: BLE001  stopping anyway
            pass

    def _poll(self, client: Any, inbox: str) -> None:
        """No IDLE here: ask STATUS every poll interval and report changes."""
        last = None
        while not self.stopping.is_set():
            status = client.folder_status(inbox, [b"UIDNEXT", b"MESSAGES"])
            if last is not None and status != last:
                self._notify()
            last = status
            if self._sleep(min(self.timing.poll_interval, 30.0)):
                return


def run_daemon(config: Config, db_path: Path, timing: Timing = Timing()) -> None:
    """Run the daemon in this thread until SIGTERM / SIGINT."""
    asyncio.run(Daemon(config, db_path, timing=timing).run())
