"""UID FETCH with a fast path for the two shapes a sync asks for.

A sync fetches, per message, a UID, a size and one literal (a header block or a
capped body). imapclient's general response parser tokenises every byte of every
response in Python, which was about 70 % of the CPU of fetching 88,000 header blocks
(bench/sync_bench.py, cProfile of bench/imap_floor.py). imaplib has already split a
FETCH response into the text before each literal and the literal itself, so
:func:`parse_simple_fetch` only reads the short texts between literals: ``UID 7
RFC822.SIZE 525 BODY[HEADER.FIELDS (FROM ...)] {63}``. Anything else in a response
(a quoted string, a parenthesised list such as FLAGS, an unsolicited update) makes it
return None, and :func:`fetch` then hands the same data to imapclient's own parser,
so the result never differs from ``IMAPClient.fetch``.

:func:`fetch` sends the command through :mod:`inboxcoach.sources.imap.wire` (the one module
that touches imapclient's private side); tests/test_fetch.py compares both on a real
Dovecot.
"""

from __future__ import annotations

import imaplib
import re
from collections.abc import Sequence
from typing import Any

from imapclient import IMAPClient  # type: ignore[import-untyped]
from imapclient.response_parser import parse_fetch_response  # type: ignore[import-untyped]

from inboxcoach.sources.imap.wire import raw_uid_fetch, read_uid_fetch, send_uid_fetch

__all__ = ["PendingFetch", "fetch", "parse_simple_fetch"]

_START = re.compile(rb"(\d+) \(")
# One data item: a name (with a [section] and a <partial> when present), then a
# number, NIL or a literal's announced length (the literal itself is imaplib's).
_ITEM = re.compile(rb" ?([A-Z0-9.]+(?:\[[^\]\r\n]*\])?(?:<\d+>)?) (\d+|NIL|\{\d+\})")

FetchData = dict[int, dict[bytes, Any]]


def parse_simple_fetch(data: Sequence[bytes | tuple[bytes, bytes]]) -> FetchData | None:
    """imaplib's untagged FETCH data -> {uid: {item name: value, b"SEQ": n}}, or None.

    ``data`` is what imaplib collected: for each message, a ``(text, literal)`` pair
    per literal, then the text after the last one (b")"). Values are ints, bytes
    (literals) or None (NIL), keyed like imapclient's. None means "not only numbers
    and literals here": let imapclient parse it.
    """
    out: FetchData = {}
    current: dict[bytes, Any] | None = None
    for piece in data:
        if isinstance(piece, tuple):
            text, literal = piece
        else:
            text, literal = piece, None
        if not isinstance(text, bytes):
            return None
        pos = 0
        if current is None:
            start = _START.match(text)
            if start is None:
                return None
            current = {b"SEQ": int(start.group(1))}
            pos = start.end()
        end = len(text)
        if literal is None:
            if not text.endswith(b")"):
                return None
            end -= 1
        while pos < end:
            item = _ITEM.match(text, pos)
            if item is None or item.end() > end:
                return None
            name, value = item.group(1), item.group(2)
            if value.startswith(b"{"):
                if literal is None or item.end() != end:
                    return None
                current[name] = literal
            else:
                current[name] = None if value == b"NIL" else int(value)
            pos = item.end()
        if literal is None:
            uid = current.pop(b"UID", None)  # imapclient keys by it and drops it
            if not isinstance(uid, int):
                return None
            out[uid] = current
            current = None
    return out if current is None else None


def fetch(client: IMAPClient, uids: Sequence[int], items: Sequence[str]) -> FetchData:
    """``client.fetch(uids, items)`` for UIDs, with the fast path above.

    Raises what ``IMAPClient.fetch`` raises (imaplib's abort on a dropped connection,
    IMAPClientError on a NO/BAD answer)."""
    if not uids:
        return {}
    return _parsed(client, uids, raw_uid_fetch(client, uids, items))


class PendingFetch:
    """A ``UID FETCH`` sent ahead: the server prepares its answer while the caller
    works on the previous one. :meth:`result` reads it (once); on a connection that
    is used again, every pending fetch must be read first, in the order sent."""

    def __init__(self, client: IMAPClient, uids: Sequence[int], items: Sequence[str]) -> None:
        self.client = client
        self.uids = list(uids)
        self._tag = send_uid_fetch(client, self.uids, items) if self.uids else None
        self._result: FetchData | None = None if self.uids else {}

    @property
    def done(self) -> bool:
        """Whether the answer has been read, or its reading failed."""
        return self._tag is None

    def result(self) -> FetchData:
        """The answer, as :func:`fetch` gives it; raises what ``fetch`` raises, and
        imaplib's abort when asked again after its reading failed."""
        if self._result is None:
            if self._tag is None:
                raise imaplib.IMAP4.abort("command: FETCH => its answer could not be read")
            tag, self._tag = self._tag, None
            self._result = _parsed(self.client, self.uids, read_uid_fetch(self.client, tag))
        return self._result


def _parsed(client: IMAPClient, uids: Sequence[int], data: Sequence[bytes | tuple[bytes, bytes]]) -> FetchData:
    parsed = parse_simple_fetch(data)
    if parsed is None:
        parsed = parse_fetch_response(data, client.normalise_times, True)
    return {uid: parsed[uid] for uid in uids if uid in parsed}
