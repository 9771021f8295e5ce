"""Mail sources: one mailbox each, read the same way whatever it is.

A :class:`MailSource` is what :func:`inboxcoach.ingest.ingest`, the one loop from
bytes to the store, reads: batches of header blocks (``RawMessage.data`` is the
header block only, ``size`` the full size), each with the folder state to store with
it, then the full bytes of the few messages that may belong to a program, by
``location``. IMAP (:mod:`inboxcoach.sources.imap`) reads incrementally by UID;
the files on disk (:class:`FileSource`: a Maildir, an mbox, a folder of .eml files)
are read whole each time, which is safe because the store keys messages by identity.
``open_source`` picks the kind of a local path.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from inboxcoach.core.model import FolderRole, FolderState, RawMessage
from inboxcoach.errors import SourceError

__all__ = [
    "Batch",
    "BodyReader",
    "FileSource",
    "MailSource",
    "decode_folder_name",
    "folder_role",
    "is_skipped_folder",
    "open_source",
    "read_header_block",
]

log = logging.getLogger("inboxcoach.sources")

_CHUNK = 16 * 1024
_MAX_HEADER = 1024 * 1024

_SENT_NAMES = frozenset(
    {
        "sent",
        "sent mail",
        "sent messages",
        "sent items",
        "sent-mail",
        "sentmail",
        "outbox",
        "gesendet",
        "gesendete objekte",
        "gesendete elemente",
        "gesendete nachrichten",
        "envoyés",
        "envoyes",
        "éléments envoyés",
        "messages envoyés",
        "enviados",
        "elementos enviados",
        "inviati",
        "posta inviata",
        "verzonden",
        "verzonden items",
    }
)
_DRAFT_NAMES = frozenset(
    {
        "drafts",
        "draft",
        "brouillons",
        "brouillon",
        "entwürfe",
        "entwurf",
        "borradores",
        "bozze",
        "concepten",
    }
)
_INBOX_NAMES = frozenset({"inbox", "posteingang", "boîte de réception", "bandeja de entrada"})
_SKIP_NAMES = frozenset(
    {
        "trash",
        "bin",
        "deleted",
        "deleted items",
        "deleted messages",
        "papierkorb",
        "gelöschte elemente",
        "corbeille",
        "papelera",
        "cestino",
        "spam",
        "junk",
        "junk e-mail",
        "junk email",
        "junk mail",
        "bulk mail",
        "spamverdacht",
        "courrier indésirable",
    }
)
_SEPARATORS = re.compile(r"[./\\]")


def decode_folder_name(name: str) -> str:
    """Return a folder name with IMAP modified UTF-7 ("Entw&APw-rfe") decoded, as
    Maildir folder names use it; the name unchanged when it is not valid UTF-7."""
    if "&" not in name:
        return name
    try:
        from imapclient.imap_utf7 import decode  # type: ignore[import-untyped]

        return str(decode(name.encode("ascii")))
    except (ImportError, UnicodeError, ValueError):
        return name


def _components(name: str) -> list[str]:
    return [p.strip().lower() for p in _SEPARATORS.split(decode_folder_name(name)) if p.strip()]


def _last_component(name: str) -> str:
    parts = _components(name)
    return parts[-1] if parts else ""


def is_skipped_folder(name: str) -> bool:
    """Return True for Trash, Spam and Junk folders and their subfolders (by name,
    case-insensitive, a few languages), whose messages a source never yields."""
    return any(part in _SKIP_NAMES for part in _components(name))


def folder_role(name: str, default: FolderRole = "other") -> FolderRole:
    """Return the role of a folder by its name: "sent" (Sent, Sent Items, Gesendet
    ...), "drafts" (Drafts, Brouillons, Entwürfe ...), "inbox" (INBOX), else
    ``default``. Only the last component of a hierarchical name counts
    ("INBOX.Sent" is sent)."""
    last = _last_component(name)
    if last in _SENT_NAMES:
        return "sent"
    if last in _DRAFT_NAMES:
        return "drafts"
    if last in _INBOX_NAMES:
        return "inbox"
    return default


def read_header_block(path: Path) -> tuple[bytes, int]:
    """Return (header block, file size) of a message file, reading only until the
    blank line after the headers (at most 1 MB).

    Raises OSError when the file cannot be opened or read.
    """
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        buffer = b""
        while len(buffer) < _MAX_HEADER:
            chunk = handle.read(_CHUNK)
            if not chunk:
                break
            search_from = max(0, len(buffer) - 3)
            buffer += chunk
            ends = [
                pos + len(sep)
                for sep in (b"\n\n", b"\r\n\r\n")
                if (pos := buffer.find(sep, search_from)) != -1
            ]
            if buffer.startswith((b"\n", b"\r\n")):
                ends.append(buffer.index(b"\n") + 1)
            if ends:
                return buffer[: min(ends)], size
    return buffer, size


HEADER_BATCH = 500  # header blocks per batch: one store transaction (and one FETCH over IMAP)

StopCheck = Callable[[], bool]


def _never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Batch:
    """Header blocks read together, stored in one transaction with ``state`` (the
    highest UID they reach, over IMAP). ``new_in_folder`` is how many new messages
    the folder holds in all, on the first batch of a folder (0 otherwise)."""

    messages: Sequence[RawMessage]
    state: FolderState | None = None
    new_in_folder: int = 0


class BodyReader(Protocol):
    """Reads whole messages by location, apart from the source's own reading."""

    def bodies(
        self, locations: Sequence[str], should_stop: StopCheck = _never, sizes: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        """(location, the whole message, or None if it is gone) for each location.
        ``sizes``: the messages' sizes where known (they may decide how many are read
        at a time)."""
        ...

    def close(self) -> None: ...

    def interrupt(self) -> None:
        """From another thread: make a read under way end at once (it raises)."""
        ...


class MailSource(Protocol):
    """One mailbox as the ingest loop reads it."""

    name: str  # what the store records as the message's source (no secret in it)
    renumbered: list[str]  # folders read again from the start: the server renumbered them

    def batches(self, known: Mapping[str, FolderState], should_stop: StopCheck = _never) -> Iterator[Batch]:
        """The header blocks of the messages not read yet (``known``: how far each
        folder got before), in batches. Raises SyncInterrupted-like errors of the
        source between batches when ``should_stop()`` turns true."""
        ...

    def bodies(
        self, locations: Sequence[str], should_stop: StopCheck = _never, sizes: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        """(location, the whole message, or None if it is gone) for each location.
        ``sizes``: the messages' sizes where known (they may decide how many are read
        at a time)."""
        ...

    def drafts_present(self) -> dict[str, set[str]]:
        """After :meth:`batches`: every location now in each Drafts folder read (a
        stored draft not among them was sent or deleted)."""
        ...

    def second_reader(self) -> Callable[[], BodyReader] | None:
        """How to open a reader of bodies that may run in another thread beside
        :meth:`batches` (IMAP: a second connection), or None: read bodies with
        :meth:`bodies` between batches."""
        ...


class FileSource:
    """A mailbox on disk, listed whole by ``messages()`` and read by ``load()``: the
    base of the Maildir, mbox and .eml sources, which supplies the rest of
    :class:`MailSource` on top of those two."""

    name = ""
    renumbered: list[str]

    def messages(self) -> Iterator[RawMessage]:
        raise NotImplementedError

    def load(self, location: str) -> bytes:
        raise NotImplementedError

    def batches(self, known: Mapping[str, FolderState], should_stop: StopCheck = _never) -> Iterator[Batch]:
        self.renumbered = []
        self._drafts: dict[str, set[str]] = {}
        batch: list[RawMessage] = []
        for raw in self.messages():
            if raw.role == "drafts":
                self._drafts.setdefault(raw.folder, set()).add(raw.location)
            batch.append(raw)
            if len(batch) >= HEADER_BATCH:
                yield Batch(batch)
                batch = []
        if batch:
            yield Batch(batch)

    def bodies(
        self, locations: Sequence[str], should_stop: StopCheck = _never, sizes: Mapping[str, int] | None = None
    ) -> Iterator[tuple[str, bytes | None]]:
        for location in locations:
            try:
                yield location, self.load(location)
            except (OSError, SourceError) as exc:
                log.warning("cannot read message %s again: %s", location, exc)
                yield location, None

    def second_reader(self) -> Callable[[], BodyReader] | None:
        return None  # reading files is quick; bodies are read between batches

    def drafts_present(self) -> dict[str, set[str]]:
        return dict(getattr(self, "_drafts", {}))


def _looks_like_mbox(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _has_nested_maildir(path: Path, depth: int = 3) -> bool:
    if depth == 0:
        return False
    try:
        children = [c for c in path.iterdir() if c.is_dir()]
    except OSError:
        return False
    return any(_is_maildir(c) or _has_nested_maildir(c, depth - 1) for c in children)


def _has_eml(path: Path) -> bool:
    return any(any(name.lower().endswith(".eml") for name in files) for _root, _dirs, files in os.walk(path))


def open_source(path: Path, own_addresses: frozenset[str] = frozenset()) -> FileSource:
    """Return the source for a local mailbox: a Maildir (a directory with cur/ and
    new/, or one holding such folders), an mbox file (a file starting with "From "),
    or a directory of .eml files (searched recursively).

    ``own_addresses`` (lower-cased) lets sources without folder information (an
    mbox without Gmail labels, .eml files at the top of a directory) mark the
    applicant's own messages as "sent".

    Raises SourceError naming the path when it does not exist, cannot be read or
    is none of these kinds.
    """
    own = frozenset(a.lower() for a in own_addresses)
    source = _open(path, own)
    source.name = str(path.resolve())
    return source


def _open(path: Path, own: frozenset[str]) -> FileSource:
    from inboxcoach.sources.emldir import EmlDirSource
    from inboxcoach.sources.maildir import MaildirSource
    from inboxcoach.sources.mbox import MboxSource

    if not path.exists():
        raise SourceError(f"{path}: no such file or directory")
    if path.is_file():
        if _looks_like_mbox(path):
            return MboxSource(path, own)
        if path.suffix.lower() == ".mbox" and path.stat().st_size == 0:
            return MboxSource(path, own)
        raise SourceError(f"{path}: not an mbox file (it does not start with a 'From ' line)")
    if path.is_dir():
        if _is_maildir(path) or _has_nested_maildir(path):
            return MaildirSource(path)
        if _has_eml(path):
            return EmlDirSource(path, own)
        raise SourceError(
            f"{path}: not a Maildir (no cur/ and new/) and holds no .eml files"
        )
    raise SourceError(f"{path}: not a file or directory")
