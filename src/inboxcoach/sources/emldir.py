"""A directory of .eml files (searched recursively) as a :class:`MailSource`."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from email.utils import getaddresses
from pathlib import Path

from inboxcoach.core.model import FolderRole, RawMessage
from inboxcoach.errors import SourceError
from inboxcoach.sources import FileSource, folder_role, is_skipped_folder, log, read_header_block

__all__ = ["EmlDirSource"]

_UNSENT = re.compile(rb"^x-unsent[ \t]*:[ \t]*1[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
_FROM = re.compile(rb"^from[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def sender_of(header: bytes) -> str:
    """Return the lower-cased bare From address of a header block, "" if none."""
    match = _FROM.search(header)
    if not match:
        return ""
    value = match.group(1).decode("utf-8", "replace")
    for _name, addr in getaddresses([" ".join(value.split())]):
        if "@" in addr:
            return addr.strip().lower()
    return ""


class EmlDirSource(FileSource):
    """Reads every ``*.eml`` file under a directory. The folder is the relative
    subdirectory ("INBOX" at the top) and its role comes from the name as for a
    Maildir (Sent, Drafts, ...); a message with ``X-Unsent: 1`` is a draft; at the
    top, a message from one of ``own_addresses`` is "sent". Files under Trash, Spam
    or Junk subdirectories are skipped. ``location`` is the file's path."""

    def __init__(self, root: Path, own_addresses: frozenset[str] = frozenset()) -> None:
        self.root = root
        self.own_addresses = own_addresses

    def _files(self) -> Iterator[tuple[str, Path]]:
        def on_error(exc: OSError) -> None:
            log.warning("cannot list %s: %s", exc.filename, exc.strerror or exc)

        for directory, dirs, files in os.walk(self.root, onerror=on_error):
            dirs.sort()
            relative = Path(directory).relative_to(self.root).as_posix()
            folder = "INBOX" if relative == "." else relative
            if folder != "INBOX" and is_skipped_folder(folder):
                dirs.clear()
                continue
            for name in sorted(files):
                if name.lower().endswith(".eml") and not name.startswith("."):
                    yield folder, Path(directory) / name

    def messages(self) -> Iterator[RawMessage]:
        """Yield every .eml message (header block and size only); unreadable files
        are skipped with a warning."""
        for folder, path in self._files():
            try:
                data, size = read_header_block(path)
            except OSError as exc:
                log.warning("skipping unreadable message %s: %s", path, exc.strerror or exc)
                continue
            role: FolderRole = "inbox" if folder == "INBOX" else folder_role(folder)
            if _UNSENT.search(data):
                role = "drafts"
            elif role == "inbox" and folder == "INBOX" and sender_of(data) in self.own_addresses:
                role = "sent"
            yield RawMessage(folder=folder, role=role, location=str(path), data=data, size=size)

    def load(self, location: str) -> bytes:
        """Return the full bytes of the .eml file at ``location``.

        Raises SourceError when the file is outside this directory or cannot be read."""
        path = Path(location)
        try:
            path.resolve().relative_to(self.root.resolve())
        except ValueError as exc:
            raise SourceError(f"{location}: not a message under {self.root}") from exc
        try:
            return path.read_bytes()
        except OSError as exc:
            raise SourceError(f"{location}: cannot read message ({exc.strerror or exc})") from exc
