"""The floor for `inboxcoach scan` of a Maildir: plain Python doing only what any header scan must.

    python bench/file_floor.py MAILDIR

Lists ``cur`` and ``new`` of the Maildir and of each Maildir++ subfolder (``.Sent``,
...), opens every message file and reads it until the blank line after its headers
(64 KB at most); nothing is parsed or stored. Prints ``FLOOR <messages> <bytes>``.
Run by scan_bench.py in its own process, timed from outside like inboxcoach.
"""

from __future__ import annotations

import os
import sys

CHUNK = 8192
MAX_HEADER = 65536


def folders(root: str) -> list[str]:
    found = [root]
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith(".") and entry.is_dir() and os.path.isdir(os.path.join(entry.path, "cur")):
            found.append(entry.path)
    return found


def main() -> None:
    messages = size = 0
    for folder in folders(sys.argv[1]):
        for sub in ("new", "cur"):
            directory = os.path.join(folder, sub)
            if not os.path.isdir(directory):
                continue
            for entry in os.scandir(directory):
                with open(entry.path, "rb") as handle:
                    head = b""
                    while len(head) < MAX_HEADER:
                        chunk = handle.read(CHUNK)
                        if not chunk:
                            break
                        head += chunk
                        end = head.find(b"\n\n")
                        if end != -1:
                            head = head[: end + 2]
                            break
                messages += 1
                size += len(head)
    print(f"FLOOR {messages} {size}")


if __name__ == "__main__":
    main()
