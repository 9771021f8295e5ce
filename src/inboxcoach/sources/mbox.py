"""An mbox file (e.g. a Google Takeout export) as a :class:`MailSource`.

The file is scanned once, line by line, keeping only the byte offset and the header
block of each message; ``load`` seeks to a message and reads it. ``location`` is
``"<offset>:<length>"`` of the message after its "From " separator line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from inboxcoach.core.headers import parse_labels
from inboxcoach.core.model import FolderRole, RawMessage
from inboxcoach.errors import SourceError
from inboxcoach.sources import FileSource, folder_role, is_skipped_folder, log
from inboxcoach.sources.emldir import sender_of

__all__ = ["MboxSource", "role_from_labels"]

_SEPARATOR = re.compile(rb"^From \S*.*\d{1,2}:\d\d")
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_BLANK = (b"\n", b"\r\n")
_MAX_HEADER = 1024 * 1024
_LABELS = re.compile(rb"^x-gmail-labels[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)
# Gmail's system labels that say nothing about the folder.
_NOT_FOLDERS = frozenset({"important", "opened", "unread", "starred", "archived"})


def role_from_labels(labels: tuple[str, ...]) -> tuple[str, FolderRole] | None:
    """Return (folder, role) for a message's Gmail labels, or None when it is in
    Trash or Spam. Drafts win over Sent, Sent over Inbox; otherwise the first label
    that names a folder (not "Opened", "Important", "Category ...") with role
    "other", else "All Mail"."""
    if any(is_skipped_folder(label) for label in labels):
        return None
    for wanted in ("drafts", "sent", "inbox"):
        for label in labels:
            if folder_role(label) == wanted:
                return label, wanted
    for label in labels:
        lower = label.lower()
        if lower not in _NOT_FOLDERS and not lower.startswith("category"):
            return label, "other"
    return "All Mail", "other"


@dataclass(slots=True)
class _Pending:
    start: int
    lines: list[bytes] = field(default_factory=list)
    header_len: int = 0
    in_header: bool = True

    @property
    def header(self) -> bytes:
        return b"".join(self.lines)


class MboxSource(FileSource):
    """Reads one mbox file. With Gmail labels, folder and role come from the labels
    (see :func:`role_from_labels`); without, from the file name ("Sent", "Drafts"),
    else "INBOX"/inbox, and a message from one of ``own_addresses`` is "sent"."""

    def __init__(self, path: Path, own_addresses: frozenset[str] = frozenset()) -> None:
        self.path = path
        self.own_addresses = own_addresses
        role = folder_role(path.stem, default="inbox")
        self._default: tuple[str, FolderRole] = ("INBOX", "inbox") if role == "inbox" else (path.stem, role)

    def _place(self, header: bytes) -> tuple[str, FolderRole] | None:
        match = _LABELS.search(header)
        labels = parse_labels(match.group(1).decode("utf-8", "surrogateescape")) if match else ()
        if labels:
            return role_from_labels(labels)
        folder, role = self._default
        if role == "inbox" and self.own_addresses and sender_of(header) in self.own_addresses:
            return folder, "sent"
        return folder, role

    def _spans(self) -> Iterator[tuple[int, int, bytes]]:
        """Yield (offset, length, header block) of each message, in file order."""
        try:
            handle = self.path.open("rb")
        except OSError as exc:
            raise SourceError(f"{self.path}: cannot read ({exc.strerror or exc})") from exc
        with handle:
            offset = 0
            previous_blank = True
            blank_len = 0
            pending: _Pending | None = None
            for line in handle:
                is_separator = line.startswith(b"From ") and (
                    offset == 0 or (previous_blank and _SEPARATOR.match(line) is not None)
                )
                if is_separator:
                    if pending is not None:
                        yield pending.start, offset - blank_len - pending.start, pending.header
                    pending = _Pending(start=offset + len(line))
                elif pending is not None and pending.in_header:
                    if line in _BLANK or pending.header_len >= _MAX_HEADER:
                        pending.in_header = False
                    pending.lines.append(line)
                    pending.header_len += len(line)
                offset += len(line)
                previous_blank = line in _BLANK
                blank_len = len(line) if previous_blank else 0
            if pending is not None:
                # The blank line that ends the file closes the last message as a
                # separator, as the one before each "From " line does.
                end = max(pending.start, offset - blank_len)
                yield pending.start, end - pending.start, pending.header

    def messages(self) -> Iterator[RawMessage]:
        """Yield every message (header block and size only), skipping Trash and Spam.

        Raises SourceError when the file cannot be read."""
        for start, length, header in self._spans():
            place = self._place(header)
            if place is None:
                continue
            folder, role = place
            yield RawMessage(
                folder=folder, role=role, location=f"{start}:{length}", data=header, size=length
            )

    def load(self, location: str) -> bytes:
        """Return the full bytes of the message at ``location`` ("offset:length"),
        with mbox ">From " quoting undone.

        Raises SourceError for a malformed location or an unreadable file."""
        try:
            start_text, length_text = location.split(":", 1)
            start, length = int(start_text), int(length_text)
        except ValueError as exc:
            raise SourceError(f"{self.path}: bad mbox location {location!r}") from exc
        if start < 0 or length < 0:
            raise SourceError(f"{self.path}: bad mbox location {location!r}")
        try:
            with self.path.open("rb") as handle:
                handle.seek(start)
                data = handle.read(length)
        except OSError as exc:
            log.warning("cannot read %s: %s", self.path, exc.strerror or exc)
            raise SourceError(f"{self.path}: cannot read ({exc.strerror or exc})") from exc
        return _QUOTED_FROM.sub(rb"\1", data)
