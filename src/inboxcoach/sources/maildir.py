"""A Maildir (Maildir++ subfolders such as ``.Sent``, or nested folders as mbsync
writes them) as a :class:`MailSource`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from inboxcoach.core.model import FolderRole, RawMessage
from inboxcoach.errors import SourceError
from inboxcoach.sources import (
    FileSource,
    decode_folder_name,
    folder_role,
    is_skipped_folder,
    log,
    read_header_block,
)

__all__ = ["MaildirSource"]

_MAILDIR_PARTS = frozenset({"cur", "new", "tmp"})
_MAX_NESTING = 6


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() or (path / "new").is_dir()


def _trashed(name: str) -> bool:
    """Maildir info ":2,<flags>": T marks a message deleted, awaiting expunge."""
    _, sep, flags = name.rpartition(":2,")
    return bool(sep) and "T" in flags


class MaildirSource(FileSource):
    """Reads a Maildir: the root is "INBOX" (role inbox); subfolders get their role
    from their name (Sent, Drafts, ... else "other"); Trash, Spam and Junk folders
    are skipped. ``location`` is the message file's path."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folders(self) -> list[tuple[str, FolderRole, Path]]:
        """Return (folder name, role, directory) for every folder that is read,
        the root first, then subfolders sorted by name; skipped folders are left out."""
        found: list[tuple[str, FolderRole, Path]] = []
        if _is_maildir(self.root):
            found.append(("INBOX", "inbox", self.root))
        for name, path in sorted(self._subfolders(self.root, "", 0)):
            if is_skipped_folder(name):
                continue
            role = folder_role(name, default="other")
            if name.upper() == "INBOX":
                role = "inbox"
            found.append((name, role, path))
        return found

    def _subfolders(self, directory: Path, prefix: str, depth: int) -> Iterator[tuple[str, Path]]:
        if depth > _MAX_NESTING:
            return
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            log.warning("cannot list %s: %s", directory, exc.strerror or exc)
            return
        for entry in entries:
            if entry.name in _MAILDIR_PARTS or not entry.is_dir(follow_symlinks=False):
                continue
            path = Path(entry.path)
            raw_name = entry.name[1:] if entry.name.startswith(".") else entry.name
            if not raw_name:
                continue
            name = decode_folder_name(prefix + raw_name)
            if _is_maildir(path):
                yield name, path
            yield from self._subfolders(path, name + "/", depth + 1)

    def messages(self) -> Iterator[RawMessage]:
        """Yield every message of every folder read (header block and size only).

        Unreadable files and folders are skipped with a warning."""
        for folder, role, directory in self.folders():
            for path in self._message_files(directory):
                try:
                    data, size = read_header_block(path)
                except OSError as exc:
                    log.warning("skipping unreadable message %s: %s", path, exc.strerror or exc)
                    continue
                yield RawMessage(folder=folder, role=role, location=str(path), data=data, size=size)

    def _message_files(self, directory: Path) -> list[Path]:
        files: list[Path] = []
        for sub in ("new", "cur"):
            try:
                entries = list(os.scandir(directory / sub))
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("cannot list %s: %s", directory / sub, exc.strerror or exc)
                continue
            for entry in entries:
                if entry.name.startswith(".") or _trashed(entry.name):
                    continue
                try:
                    if entry.is_file():
                        files.append(Path(entry.path))
                except OSError:
                    continue
        files.sort(key=lambda p: p.name)
        return files

    def load(self, location: str) -> bytes:
        """Return the full bytes of the message file at ``location``.

        Raises SourceError when the file is outside this Maildir or cannot be read."""
        path = Path(location)
        try:
            path.resolve().relative_to(self.root.resolve())
        except ValueError as exc:
            raise SourceError(f"{location}: not a message of the Maildir {self.root}") from exc
        try:
            return path.read_bytes()
        except OSError as exc:
            raise SourceError(f"{location}: cannot read message ({exc.strerror or exc})") from exc
