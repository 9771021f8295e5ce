"""One incremental IMAP pass: new headers per folder, then bodies of program mail.

Per folder the store keeps UIDVALIDITY and the highest UID seen. A pass EXAMINEs
each folder (read-only) and compares its UIDNEXT: a folder with nothing new costs one
round trip, and one with new mail is opened once, not twice as with STATUS first.
New messages are fetched in batches with ``BODY.PEEK[HEADER.FIELDS (...)]`` — PEEK,
so nothing becomes \\Seen — and each batch is stored together with its highest UID
in one transaction. A changed UIDVALIDITY rescans that folder; messages are keyed
by Message-ID, so nothing is counted twice. Drafts are re-listed on every pass so a
draft that was sent or deleted stops producing findings. Bodies (``BODY.PEEK[]``,
capped) are fetched only for messages that may belong to a program: right after
their header batch, while the folder is selected, and handed to
:class:`~inboxcoach.analyser.BodyAnalyser`, which analyses them in a worker process
beside the header fetch when a pass is large. FETCH responses are read by
:mod:`inboxcoach.fetch`. Sent is read first (see :func:`sync`).
"""

from __future__ import annotations

import imaplib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imapclient import IMAPClient  # type: ignore[import-untyped]

from .analyser import LARGE_PASS, BodyAnalyser
from .config import Config
from .errors import ConnectionFailed
from .fetch import fetch
from .imap import Folders
from .imapwire import is_selected
from .model import FolderRole
from .parse import MalformedMessage, read_envelope
from .pipeline import CandidateJudge, Progress, _no_progress, analyse_candidates, prepare_candidates
from .store import FolderState, Sighting, Store

log = logging.getLogger(__name__)

HEADER_FIELDS = (
    "FROM", "TO", "CC", "BCC", "REPLY-TO", "SUBJECT", "DATE", "MESSAGE-ID", "IN-REPLY-TO",
    "REFERENCES", "AUTO-SUBMITTED", "PRECEDENCE", "LIST-ID", "X-UNSENT",
)  # fmt: skip
HEADER_ITEM = f"BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS)})]"
HEADER_BATCH = 500
BODY_BATCH = 50
BODY_CAP = 2_000_000  # bytes of a message read for its text; attachments beyond are not needed
BODY_ITEM = f"BODY.PEEK[]<0.{BODY_CAP}>"


class SyncInterrupted(Exception):
    """A pass was asked to stop between two batches; what was stored is kept."""


StopCheck = Callable[[], bool]


def _never() -> bool:
    return False


@dataclass
class SyncStats:
    new: int = 0
    fetched: int = 0
    skipped: int = 0
    analysed: int = 0
    dropped_drafts: int = 0
    resynced: list[str] = field(default_factory=list)
    labelled: int = 0  # keywords or labels added or removed on the server
    seconds: float = 0.0


def source_name(config: Config) -> str:
    """The name under which this account's messages are stored (no secret in it)."""
    return f"imap://{config.account.login}@{config.account.imap_host}"


def _location(uidvalidity: int, uid: int, folder: str) -> str:
    return f"{uidvalidity}:{uid}:{folder}"


def _parse_location(location: str) -> tuple[int, int, str]:
    uidvalidity, uid, folder = location.split(":", 2)
    return int(uidvalidity), int(uid), folder


def _chunks(items: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _section(data: dict[bytes, Any], prefix: bytes) -> bytes | None:
    """The fetched section whose response key starts with ``prefix`` (servers format it)."""
    for key, value in data.items():
        if isinstance(key, bytes) and key.startswith(prefix):
            return value if isinstance(value, bytes) else None
    return None


def sync_folder(
    client: IMAPClient,
    folder: str,
    role: FolderRole,
    store: Store,
    source: str,
    stats: SyncStats,
    progress: Progress = _no_progress,
    should_stop: StopCheck = _never,
    judge: CandidateJudge | None = None,
    analyser: BodyAnalyser | None = None,
) -> None:
    """Fetch the headers of a folder's new messages into the store.

    With ``judge``, each message's candidacy is stored with it; with
    ``analyser`` too, the bodies of a batch's new candidates are fetched while the
    folder is selected and handed over for analysis before the next batch.
    Raises SyncInterrupted between batches when ``should_stop()`` turns true."""
    # EXAMINE (read-only SELECT) answers UIDVALIDITY and UIDNEXT itself. Opening a
    # large mailbox is the server's costly step (Dovecot: ~50 ms at 80,000 messages,
    # ~180 ms just after a delivery), and STATUS opens it as well: asking STATUS first
    # would pay that twice whenever there is something new.
    status = client.select_folder(folder, readonly=True)
    if b"UIDVALIDITY" not in status:  # a server leaving out a required answer
        status = {**status, **client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT"])}
    uidvalidity = int(status[b"UIDVALIDITY"])
    uidnext = int(status.get(b"UIDNEXT", 0))
    state = store.folder_state(source, folder)
    last_uid = 0
    if state is not None and state.uidvalidity == uidvalidity:
        last_uid = state.last_uid
    elif state is not None:
        log.info("folder %s was renumbered (UIDVALIDITY changed): reading it again", folder)
        stats.resynced.append(folder)
    if role != "drafts" and uidnext and uidnext - 1 <= last_uid:
        return  # nothing new
    if role == "drafts":
        _forget_vanished_drafts(client, folder, uidvalidity, store, source, stats)
    uids = sorted(u for u in client.search(["UID", f"{last_uid + 1}:*"]) if u > last_uid)
    if analyser is not None:
        analyser.expect(len(uids))
    done = 0
    for batch in _chunks(uids, HEADER_BATCH):
        if should_stop():
            raise SyncInterrupted
        response = fetch(client, batch, [HEADER_ITEM, "RFC822.SIZE"])
        sightings = []
        for uid in batch:
            data = response.get(uid)
            header = _section(data, b"BODY[HEADER") if data else None
            if data is None or header is None:
                continue  # expunged meanwhile
            envelope = read_envelope(header, _size(data))
            if isinstance(envelope, MalformedMessage):
                store.record_skipped([(source, _location(uidvalidity, uid, folder), envelope.reason)])
                stats.skipped += 1
                continue
            candidate = judge(envelope, role) if judge is not None else None
            sightings.append(Sighting(envelope, folder, role, source, _location(uidvalidity, uid, folder), candidate))
        state = FolderState(source, folder, uidvalidity, max(batch))
        stats.new += store.add_sightings(sightings, folder_state=state)
        if analyser is not None:
            _fetch_bodies(client, [s for s in sightings if s.candidate], store, analyser)
        stats.fetched += len(batch)
        done += len(batch)
        progress("fetch", done, len(uids))
    if not uids:
        store.save_folder_state(FolderState(source, folder, uidvalidity, max(last_uid, uidnext - 1, 0)))


def _size(data: dict[bytes, Any]) -> int | None:
    size = data.get(b"RFC822.SIZE")
    return size if isinstance(size, int) and size > 0 else None


def _fetch_bodies(client: IMAPClient, candidates: list[Sighting], store: Store, analyser: BodyAnalyser) -> None:
    """Fetch (PEEK, capped) the bodies of the candidates not analysed yet; queue them."""
    todo = store.unanalysed([s.envelope.key for s in candidates], analyser.stamp)
    by_uid = {_parse_location(s.location)[1]: s for s in candidates if s.envelope.key in todo}
    for uid, body in _bodies(client, sorted(by_uid)):
        if body is not None:
            env = by_uid[uid].envelope
            analyser.add(env.key, body, env.subject, env.from_addr, by_uid[uid].role)
    analyser.collect()


def _bodies(
    client: IMAPClient, uids: Sequence[int], should_stop: StopCheck = _never
) -> Iterator[tuple[int, bytes | None]]:
    """(uid, whole message, PEEK and capped; None if gone) of the selected folder's ``uids``,
    ``BODY_BATCH`` a FETCH. Raises SyncInterrupted between batches when asked to stop."""
    for batch in _chunks(uids, BODY_BATCH):
        if should_stop():
            raise SyncInterrupted
        response = fetch(client, batch, [BODY_ITEM])
        for uid in batch:
            data = response.get(uid)
            yield uid, _section(data, b"BODY[]") if data else None


def _forget_vanished_drafts(
    client: IMAPClient, folder: str, uidvalidity: int, store: Store, source: str, stats: SyncStats
) -> None:
    present = {_location(uidvalidity, uid, folder) for uid in client.search("ALL")}
    gone = [key for location, key in store.locations(source, folder).items() if location not in present]
    if gone:
        stats.dropped_drafts += store.forget(gone)


def _unselect(client: IMAPClient) -> None:
    """Leave the selected folder. Dovecot answers STATUS for the folder a connection has
    selected from that connection's stale view, so the next pass's "nothing new?" check
    would miss mail that arrived meanwhile. Folders are selected read-only (EXAMINE), so
    CLOSE, where UNSELECT is missing, expunges nothing."""
    if not is_selected(client):
        return
    if client.has_capability("UNSELECT"):
        client.unselect_folder()
    else:
        client.close_folder()


def _body_loader(client: IMAPClient, should_stop: StopCheck = _never) -> Any:
    """Load full messages (capped, PEEK) for the analysis step, a folder at a time."""

    def load(items: list[tuple[str, str]]) -> Iterator[tuple[str, bytes | None]]:
        by_folder: dict[str, dict[int, str]] = defaultdict(dict)
        for key, location in items:
            _, uid, folder = _parse_location(location)
            by_folder[folder][uid] = key
        for folder, keys in by_folder.items():
            client.select_folder(folder, readonly=True)
            for uid, body in _bodies(client, sorted(keys), should_stop):
                yield keys[uid], body

    return load


def sync(
    client: IMAPClient,
    folders: Folders,
    store: Store,
    config: Config,
    progress: Progress = _no_progress,
    should_stop: StopCheck = _never,
) -> SyncStats:
    """One pass over Inbox, Sent and Drafts. Safe to interrupt and run again.

    Raises SyncInterrupted (between batches) when ``should_stop()`` turns true."""
    started = time.monotonic()
    stats = SyncStats()
    source = source_name(config)
    _unselect(client)
    judge = prepare_candidates(store, config)
    with BodyAnalyser(store, config) as analyser:
        if all(store.folder_state(source, folder) is None for folder, _ in folders.with_roles):
            analyser.expect(LARGE_PASS)  # a first pass: start the worker before the first folder
        # Sent first: its program mail is the applicant's, whose analysis takes longest,
        # so a first sync hands it to the body worker while the larger Inbox is read.
        for folder, role in sorted(folders.with_roles, key=lambda pair: pair[1] != "sent"):
            sync_folder(client, folder, role, store, source, stats, progress, should_stop, judge, analyser)
        loader = _body_loader(client, should_stop)
        analyse_candidates(store, config, source, loader, progress, analyser)
        stats.analysed = analyser.analysed
    if config.plugin.labels:
        from .labels import label_pass

        labelled = label_pass(client, store, config, source, changed=bool(stats.new or stats.dropped_drafts or stats.analysed))
        stats.labelled = labelled.changed if labelled else 0
    _unselect(client)
    stats.seconds = time.monotonic() - started
    return stats


# Failures worth another try: the connection dropped or timed out mid-pass. A pass is
# resumable (each batch is committed with its highest UID), so retrying is safe.
RETRYABLE = (ConnectionFailed, imaplib.IMAP4.abort, OSError)


def sync_account(
    config: Config,
    db_path: Path,
    progress: Progress = _no_progress,
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

    pause = wait or tenacity.wait_exponential_jitter(initial=1, max=30)
    retrying = tenacity.Retrying(
        stop=tenacity.stop_after_attempt(attempts),
        wait=(lambda state: pause(state.attempt_number)) if wait else pause,
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


def _pass_on_a_new_connection(config: Config, db_path: Path, progress: Progress) -> SyncStats:
    from .imap import connect, disconnect, discover_folders

    client = connect(config.account)
    try:
        folders = discover_folders(client, config.folders)
        with Store(db_path) as store:
            return sync(client, folders, store, config, progress)
    finally:
        disconnect(client)
