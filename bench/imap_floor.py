"""The floor for `inboxcoach sync`: plain imapclient doing only what any header sync must.

    python bench/imap_floor.py HOST PORT USER [ITEM]     (password in $INBOXCOACH_TEST_IMAP_PASSWORD)

Logs in, and for INBOX and Sent: SELECT (read-only), SEARCH ALL, then FETCH
``BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES)]``
in batches of 500 UIDs; nothing is parsed or stored. Prints ``FLOOR <messages> <bytes>``.
Run by sync_bench.py in its own process, timed from outside like inboxcoach.
"""

from __future__ import annotations

import os
import sys

from imapclient import IMAPClient

ITEM = "BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES)]"
BATCH = 500


def main() -> None:
    host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    item = sys.argv[4] if len(sys.argv) > 4 else ITEM  # the benchmark's warm-up asks for more fields
    messages = size = 0
    with IMAPClient(host, port, ssl=False, timeout=600) as client:
        client.login(user, os.environ["INBOXCOACH_TEST_IMAP_PASSWORD"])
        for folder in ("INBOX", "Sent"):
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            for start in range(0, len(uids), BATCH):
                response = client.fetch(uids[start : start + BATCH], [item])
                for data in response.values():
                    for key, value in data.items():
                        if key.startswith(b"BODY[HEADER"):
                            messages += 1
                            size += len(value)
    print(f"FLOOR {messages} {size}")


if __name__ == "__main__":
    main()
