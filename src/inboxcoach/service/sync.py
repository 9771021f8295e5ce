"""One IMAP pass: the account's watched folders through the one ingest loop.

:class:`~inboxcoach.sources.imap.ImapSource` reads Inbox, Sent and Drafts
incrementally (PEEK only: nothing becomes \\Seen) and :func:`inboxcoach.ingest.ingest`
stores and analyses what is new, exactly as a scan of files does. With
``[plugin] labels = true`` the pass ends by bringing the server's keywords (or Gmail
labels) up to date. :func:`sync_account` connects, runs one pass and retries a
dropped connection.
"""

from __future__ import annotations

import imaplib
import logging
from collections.abc import Callable
from pathlib import Path

from imapclient import IMAPClient  # type: ignore[import-untyped]

from inboxcoach.config import Config
from inboxcoach.errors import ConnectionFailed
from inboxcoach.ingest import IngestStats, Progress, ingest, no_progress
from inboxcoach.sources import StopCheck, _never
from inboxcoach.sources.imap import BODY_ITEM, HEADER_ITEM, ImapSource, SyncInterrupted
from inboxcoach.sources.imap.connection import Folders
from inboxcoach.store import Store

__all__ = ["BODY_ITEM", "HEADER_ITEM", "SyncInterrupted", "SyncStats", "source_name", "sync", "sync_account"]

log = logging.getLogger(__name__)

SyncStats = IngestStats  # one pass's figures, whatever the source


def source_name(config: Config) -> str:
    """The name under which this account's messages are stored (no secret in it)."""
    return f"imap://{config.account.login}@{config.account.imap_host}"


def sync(
    client: IMAPClient,
    folders: Folders,
    store: Store,
    config: Config,
    progress: Progress = no_progress,
    should_stop: StopCheck = _never,
    reconnect: Callable[[], IMAPClient] | None = None,
) -> IngestStats:
    """One pass over Inbox, Sent and Drafts. Safe to interrupt and run again.

    ``reconnect`` opens a second connection to the account: a large pass reads
    bodies on it beside the headers. Raises SyncInterrupted (between batches) when
    ``should_stop()`` turns true."""
    source = ImapSource(client, folders, source_name(config), reconnect)
    stats = ingest(source, store, config, progress, should_stop)
    if config.plugin.labels:
        from inboxcoach.sources.imap.labels import label_pass

        changed = bool(stats.new or stats.dropped_drafts or stats.analysed)
        labelled = label_pass(client, store, config, source.name, changed=changed)
        stats.labelled = labelled.changed if labelled else 0
    source.close()
    return stats


# Failures worth another try: the connection dropped or timed out mid-pass. A pass is
# resumable (each batch is committed with its highest UID), so retrying is safe.
RETRYABLE = (ConnectionFailed, imaplib.IMAP4.abort, OSError)


def sync_account(
    config: Config,
    db_path: Path,
    progress: Progress = no_progress,
    *,
    attempts: int = 3,
    wait: Callable[[int], float] | None = None,
) -> SyncStats:
    """Connect, find the folders and run one pass; retry a dropped connection.

    ``wait(attempt)`` gives the pause before another try (default: exponential with
    jitter, at most 30 s). Raises AuthError / ConfigError at once (another try would
    not help) and ConnectionFailed when the server stayed unreachable for
    ``attempts`` tries."""
    import tenacity

    pause: Callable[[tenacity.RetryCallState], float] = tenacity.wait_exponential_jitter(initial=1, max=30)
    if wait is not None:
        given = wait
        pause = lambda state: given(state.attempt_number)  # noqa: E731
    retrying = tenacity.Retrying(
        stop=tenacity.stop_after_attempt(attempts),
        wait=pause,
        retry=tenacity.retry_if_exception_type(RETRYABLE),
        before_sleep=lambda state: log.warning(
            "IMAP connection failed (%s); trying again", type(state.outcome.exception()).__name__ if state.outcome else "?"
        ),
        reraise=True,
    )
    try:
        for attempt in retrying:
            with attempt:
                return _pass_on_a_new_connection(config, db_path, progress)
    except ConnectionFailed:
        raise
    except RETRYABLE as exc:
        raise ConnectionFailed(
            f"the connection to {config.account.imap_host} dropped during sync ({type(exc).__name__}); "
            "what was read so far is kept, run sync again"
        ) from None
    raise AssertionError("unreachable")


def _pass_on_a_new_connection(config: Config, db_path: Path, progress: Progress) -> IngestStats:
    from inboxcoach.sources.imap.connection import connector, disconnect, discover_folders

    open_connection = connector(config.account)
    client = open_connection()
    try:
        folders = discover_folders(client, config.folders)
        with Store(db_path) as store:
            return sync(client, folders, store, config, progress, reconnect=open_connection)
    finally:
        disconnect(client)
