"""An IMAP account as a :class:`~inboxcoach.sources.MailSource`, read incrementally.

Per folder the store keeps UIDVALIDITY and the highest UID read. A pass EXAMINEs each
folder (read-only) and compares its UIDNEXT: a folder with nothing new costs one round
trip, and one with new mail is opened once, not twice as with STATUS first (Dovecot
needs ~50 ms to open an 80,000-message Inbox, ~180 ms just after a delivery). New
messages come in batches of ``HEADER_BATCH`` UIDs with ``BODY.PEEK[HEADER.FIELDS
(...)]`` (PEEK: nothing becomes \\Seen), each batch with its highest UID as the folder
state to store with it; the fetch of the next batch is sent before a batch is handed
on, so the server prepares it meanwhile (a round trip less per batch). A changed
UIDVALIDITY reads that folder again from the start (messages are keyed by
Message-ID, so nothing counts twice). Drafts are listed whole on every pass
(``drafts_present``), so a draft that was sent or deleted is forgotten.
Bodies (``BODY.PEEK[]``, capped) are read by location, right after their batch while
the folder is still selected, or, when the source can open a second connection
(``reconnect``), on that one in a thread beside the header reading
(:mod:`inboxcoach.ingest.prefetch`). Sent is read first: its program mail is the
applicant's, whose analysis takes longest.

Reading FETCH answers is :mod:`inboxcoach.sources.imap.fetch`; imapclient's private side is
behind :mod:`inboxcoach.sources.imap.wire`.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from typing import Any

from imapclient import IMAPClient  # type: ignore[import-untyped]

from inboxcoach.core.model import FolderRole, FolderState, RawMessage
from inboxcoach.sources import HEADER_BATCH, Batch, BodyReader, StopCheck, _never
from inboxcoach.sources.imap.connection import Folders, disconnect
from inboxcoach.sources.imap.fetch import FetchData, PendingFetch
from inboxcoach.sources.imap.wire import is_selected

log = logging.getLogger(__name__)

HEADER_FIELDS = (
    "FROM", "TO", "CC", "BCC", "REPLY-TO", "SUBJECT", "DATE", "MESSAGE-ID", "IN-REPLY-TO",
    "REFERENCES", "AUTO-SUBMITTED", "PRECEDENCE", "LIST-ID", "X-UNSENT",
)  # fmt: skip
HEADER_ITEM = f"BODY.PEEK[HEADER.FIELDS ({' '.join(HEADER_FIELDS)})]"
HEADER_ITEMS = (HEADER_ITEM, "RFC822.SIZE")  # what a header batch asks for
BODY_BATCH = 50  # messages a body FETCH asks for when their sizes are not known
BODY_BYTES = 4 * 2**20  # ... and the bytes it asks for when they are
BODY_BATCH_MAX = 200
BODY_CAP = 2_000_000  # bytes of a message read for its text; attachments beyond are not needed
BODY_ITEM = f"BODY.PEEK[]<0.{BODY_CAP}>"


class SyncInterrupted(Exception):
    """A pass was asked to stop between two batches; what was stored is kept."""


def location(uidvalidity: int, uid: int, folder: str) -> str:
    return f"{uidvalidity}:{uid}:{folder}"


def parse_location(text: str) -> tuple[int, int, str]:
    """(UIDVALIDITY, UID, folder) of an IMAP location."""
    uidvalidity, uid, folder = text.split(":", 2)
    return int(uidvalidity), int(uid), folder


def _chunks(items: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _chunks_by_size(uids: Sequence[int], locations: Mapping[int, str], sizes: Mapping[str, int]) -> list[list[int]]:
    """``uids`` in runs of about BODY_BYTES (each message counted at its size, at most
    BODY_CAP; an unknown size, or none, as BODY_CAP) and at most BODY_BATCH_MAX messages."""
    chunks: list[list[int]] = []
    chunk: list[int] = []
    total = 0
    for uid in uids:
        size = min(sizes.get(locations[uid]) or BODY_CAP, BODY_CAP)
        if chunk and (total + size > BODY_BYTES or len(chunk) >= BODY_BATCH_MAX):
            chunks.append(chunk)
            chunk, total = [], 0
        chunk.append(uid)
        total += size
    if chunk:
        chunks.append(chunk)
    return chunks


def _section(data: dict[bytes, Any], prefix: bytes) -> bytes | None:
    """The fetched section whose response key starts with ``prefix`` (servers format it)."""
    for key, value in data.items():
        if isinstance(key, bytes) and key.startswith(prefix):
            return value if isinstance(value, bytes) else None
    return None


def _size(data: dict[bytes, Any]) -> int:
    size = data.get(b"RFC822.SIZE")
    return size if isinstance(size, int) and size > 0 else 0


class ImapSource:
    """The watched folders of one logged-in connection. Not thread-safe (nor is
    the connection): one pass at a time. ``reconnect`` opens another logged-in
    connection to the same account, for reading bodies beside the headers."""

    def __init__(
        self, client: IMAPClient, folders: Folders, name: str, reconnect: Callable[[], IMAPClient] | None = None
    ) -> None:
        self.client = client
        self.folders = folders
        self.name = name
        self.reconnect = reconnect
        self.renumbered: list[str] = []
        self._drafts: dict[str, set[str]] = {}
        self._selected: tuple[str, int] | None = None  # (folder, UIDVALIDITY) selected read-only
        self._ahead: PendingFetch | None = None  # a FETCH sent ahead, its answer not read yet

    def batches(self, known: Mapping[str, FolderState], should_stop: StopCheck = _never) -> Iterator[Batch]:
        self.renumbered, self._drafts = [], {}
        unselect(self.client)
        self._selected = None
        for folder, role in sorted(self.folders.with_roles, key=lambda pair: pair[1] != "sent"):
            yield from self._folder(folder, role, known.get(folder), should_stop)

    def _folder(
        self, folder: str, role: FolderRole, state: FolderState | None, should_stop: StopCheck
    ) -> Iterator[Batch]:
        uidvalidity, uidnext = self._examine(folder)
        last_uid = 0
        if state is not None and state.uidvalidity == uidvalidity:
            last_uid = state.last_uid
        elif state is not None:
            log.info("folder %s was renumbered (UIDVALIDITY changed): reading it again", folder)
            self.renumbered.append(folder)
        if role == "drafts":
            self._drafts[folder] = {location(uidvalidity, uid, folder) for uid in self.client.search("ALL")}
        elif uidnext and uidnext - 1 <= last_uid:
            return  # nothing new
        uids = sorted(u for u in self.client.search(["UID", f"{last_uid + 1}:*"]) if u > last_uid)
        if not uids:
            yield Batch((), FolderState(self.name, folder, uidvalidity, max(last_uid, uidnext - 1, 0)))
            return
        chunks = list(_chunks(uids, HEADER_BATCH))
        with contextlib.closing(self._answers(chunks, HEADER_ITEMS, should_stop)) as answers:
            for number, (batch, response) in enumerate(zip(chunks, answers, strict=True)):
                messages = []
                for uid in batch:
                    data = response.get(uid)
                    header = _section(data, b"BODY[HEADER") if data else None
                    if data is None or header is None:
                        continue  # expunged meanwhile
                    messages.append(RawMessage(folder, role, location(uidvalidity, uid, folder), header, _size(data)))
                state = FolderState(self.name, folder, uidvalidity, max(batch))
                yield Batch(messages, state, len(uids) if number == 0 else 0)

    def _answers(
        self, chunks: list[list[int]], items: Sequence[str], should_stop: StopCheck
    ) -> Generator[FetchData, None, None]:
        """The FETCH answer for each chunk in turn, the next chunk's FETCH sent as soon
        as the answer before it is read, so the server prepares it while the caller
        works on this one (a round trip less per chunk). One at a time: Dovecot runs
        pipelined FETCHes side by side and mixes their answers. Whatever was sent is
        read before the connection is used for anything else, however the caller stops."""
        if not chunks:
            return
        ahead = self._fetch_ahead(chunks[0], items)
        try:
            for number in range(len(chunks)):
                if should_stop():
                    raise SyncInterrupted
                response = ahead.result()
                if number + 1 < len(chunks):
                    ahead = self._fetch_ahead(chunks[number + 1], items)
                yield response
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):  # a broken connection fails its next command
                self._settle()

    def _fetch_ahead(self, uids: list[int], items: Sequence[str]) -> PendingFetch:
        """Send the FETCH for ``uids`` now and read its answer later (see :meth:`_answers`)."""
        assert self._ahead is None or self._ahead.done
        self._ahead = PendingFetch(self.client, uids, items)
        return self._ahead

    def _settle(self) -> None:
        """Read the answer to a fetch sent ahead, so the connection can be used for
        something else (the caller finds the answer kept in its PendingFetch)."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and not ahead.done:  # one whose reading failed has nothing left to read
            ahead.result()

    def _examine(self, folder: str) -> tuple[int, int]:
        """EXAMINE ``folder``; its (UIDVALIDITY, UIDNEXT). EXAMINE answers both itself:
        asking STATUS first would open a large mailbox twice."""
        status = self.client.select_folder(folder, readonly=True)
        if b"UIDVALIDITY" not in status:  # a server leaving out a required answer
            status = {**status, **self.client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT"])}
        uidvalidity = int(status[b"UIDVALIDITY"])
        self._selected = (folder, uidvalidity)
        return uidvalidity, int(status.get(b"UIDNEXT", 0))

    def bodies(
        self, locations: Sequence[str], should_stop: StopCheck = _never, sizes: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        """Whole messages (PEEK, capped at BODY_CAP), a folder at a time, each FETCH sent
        as soon as the answer before it is read; the folder selected for the last batch
        is not opened again. A location of an older UIDVALIDITY is gone (None).

        A FETCH asks for BODY_BATCH messages, or, where ``sizes`` tells, for as many as
        make BODY_BYTES (at most BODY_BATCH_MAX): a far server then costs a few round
        trips, not one per fifty newsletters, and no answer held here is larger."""
        self._settle()
        by_folder: dict[str, dict[int, str]] = defaultdict(dict)
        for text in locations:
            _, uid, folder = parse_location(text)
            by_folder[folder][uid] = text
        for folder, wanted in by_folder.items():
            if self._selected is None or self._selected[0] != folder:
                self._examine(folder)
            assert self._selected is not None
            current = self._selected[1]
            stale = [uid for uid, text in wanted.items() if parse_location(text)[0] != current]
            for uid in stale:
                yield wanted.pop(uid), None
            chunks = _chunks_by_size(sorted(wanted), wanted, sizes) if sizes else list(_chunks(sorted(wanted), BODY_BATCH))
            with contextlib.closing(self._answers(chunks, (BODY_ITEM,), should_stop)) as answers:
                for batch, response in zip(chunks, answers, strict=True):
                    for uid in batch:
                        data = response.get(uid)
                        yield wanted[uid], _section(data, b"BODY[]") if data else None

    def drafts_present(self) -> dict[str, set[str]]:
        return dict(self._drafts)

    def second_reader(self) -> Callable[[], BodyReader] | None:
        reconnect = self.reconnect
        if reconnect is None:
            return None
        return lambda: _BodyConnection(ImapSource(reconnect(), self.folders, self.name))

    def close(self) -> None:
        """Leave the selected folder (see :func:`unselect`)."""
        self._settle()
        unselect(self.client)
        self._selected = None


class _BodyConnection:
    """Bodies read on a connection of their own, logged out when closed."""

    def __init__(self, source: ImapSource) -> None:
        self._source = source

    def bodies(
        self, locations: Sequence[str], should_stop: StopCheck = _never, sizes: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        return self._source.bodies(locations, should_stop, sizes)

    def close(self) -> None:
        disconnect(self._source.client)

    def interrupt(self) -> None:
        with contextlib.suppress(OSError):
            self._source.client.socket().shutdown(socket.SHUT_RDWR)


def unselect(client: IMAPClient) -> None:
    """Leave the selected folder. Dovecot answers STATUS for the folder a connection has
    selected from that connection's stale view, so the next pass's "nothing new?" check
    would miss mail that arrived meanwhile. Folders are selected read-only (EXAMINE)
    here, so CLOSE, where UNSELECT is missing, expunges nothing."""
    if not is_selected(client):
        return
    if client.has_capability("UNSELECT"):
        client.unselect_folder()
    else:
        client.close_folder()
