"""The only place that reaches into imapclient's private side.

Three things a fast, quiet sync needs that imapclient 4.1 has no public call for:
the raw untagged FETCH data (so :mod:`inboxcoach.sources.imap.fetch` can skip imapclient's slow
response parser for the plain shapes a sync asks for), turning imaplib's own debug
formatting off (it formats every response, bodies included, for a logger that is
off), and whether a folder is selected (imapclient keeps no state of its own).

They use ``IMAPClient._imap`` (the imaplib connection), ``IMAPClient._checkok`` and
imaplib's ``_command`` / ``_command_complete`` / ``_untagged_response``, as
imapclient itself does. pyproject.toml pins imapclient to the versions this was
tested on; tests/test_fetch.py fails if any of these names changes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from imapclient import IMAPClient  # type: ignore[import-untyped]
from imapclient.util import to_bytes  # type: ignore[import-untyped]

TESTED_WITH = "imapclient>=4.1,<4.2"


def raw_uid_fetch(client: IMAPClient, uids: Sequence[int], items: Sequence[str]) -> list[Any]:
    """Send ``UID FETCH uids (items)`` and return imaplib's untagged FETCH data: for
    each message, ``(text, literal)`` pairs and the closing text. Raises what
    ``IMAPClient.fetch`` raises (imaplib's abort on a dropped connection,
    IMAPClientError on a NO or BAD answer)."""
    imap = client._imap
    joined = ",".join(str(uid) for uid in uids)
    tag = imap._command("UID", "FETCH", joined, to_bytes("(" + " ".join(i.upper() for i in items) + ")"))
    typ, data = imap._command_complete("FETCH", tag)
    client._checkok("fetch", typ, data)
    typ, data = imap._untagged_response(typ, data, "FETCH")
    return list(data)


def quiet_imaplib(client: IMAPClient) -> None:
    """imapclient turns imaplib's debugging up to 5 so that every line goes to the
    "imapclient.imaplib" logger; imaplib then formats the repr of every response,
    literals included, before the logger drops it (a fifth of a header sync). Unless
    that logger is on, imaplib is told not to."""
    if not logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG):
        client._imap.debug = 0


def is_selected(client: IMAPClient) -> bool:
    """Whether a folder is selected on this connection (imaplib's own state)."""
    return bool(client._imap.state == "SELECTED")
