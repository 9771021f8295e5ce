"""The only place that reaches into imapclient's private side.

Three things a fast, quiet sync needs that imapclient 4.1 has no public call for:
the raw untagged FETCH data (so :mod:`inboxcoach.sources.imap.fetch` can skip imapclient's slow
response parser for the plain shapes a sync asks for), turning imaplib's own debug
formatting off (it formats every response, bodies included, for a logger that is
off), and whether a folder is selected (imapclient keeps no state of its own).

The FETCH answer is read here rather than by imaplib's general response loop, which
matches three patterns against each line, formats each for its debug history and
files it by type: a third of the CPU of reading 20,000 header blocks. Lines that are
not FETCH data (EXISTS, EXPUNGE, OK with a code, BYE) are filed as imaplib files
them; what comes back is imaplib's own shape for FETCH data.

They use ``IMAPClient._imap`` (the imaplib connection), ``IMAPClient._checkok`` and
imaplib's ``_command``, ``readline``, ``read``, ``tagged_commands``,
``_append_untagged`` and ``_check_bye``, as imapclient itself does. pyproject.toml
pins imapclient to the versions this was tested on; tests/test_fetch.py fails if
any of these names changes.
"""

from __future__ import annotations

import imaplib
import logging
import re
from collections.abc import Sequence
from typing import Any

from imapclient import IMAPClient  # type: ignore[import-untyped]
from imapclient.util import to_bytes  # type: ignore[import-untyped]

TESTED_WITH = "imapclient>=4.1,<4.2"

_FETCH_LINE = re.compile(rb"\* (\d+) FETCH (.*)", re.DOTALL)
_LITERAL = re.compile(rb"\{(\d+)\}$")
# imaplib's own patterns for the other untagged answers (module-private there).
_UNTAGGED_STATUS: re.Pattern[bytes] = getattr(imaplib, "Untagged_status")  # noqa: B009
_UNTAGGED: re.Pattern[bytes] = getattr(imaplib, "Untagged_response")  # noqa: B009
_ANY_LITERAL: re.Pattern[bytes] = getattr(imaplib, "Literal")  # noqa: B009
_RESPONSE_CODE: re.Pattern[bytes] = getattr(imaplib, "Response_code")  # noqa: B009


def uid_set(uids: Sequence[int]) -> str:
    """``1:3,7,9:10`` for [1, 2, 3, 7, 9, 10]: a sync's UIDs are mostly runs."""
    runs: list[list[int]] = []
    for uid in sorted(set(uids)):
        if runs and uid == runs[-1][1] + 1:
            runs[-1][1] = uid
        else:
            runs.append([uid, uid])
    return ",".join(str(first) if first == last else f"{first}:{last}" for first, last in runs)


def raw_uid_fetch(client: IMAPClient, uids: Sequence[int], items: Sequence[str]) -> list[Any]:
    """Send ``UID FETCH uids (items)`` and return imaplib's untagged FETCH data: for
    each message, ``(text, literal)`` pairs and the closing text. Raises what
    ``IMAPClient.fetch`` raises (imaplib's abort on a dropped connection,
    IMAPClientError on a NO or BAD answer)."""
    return read_uid_fetch(client, send_uid_fetch(client, uids, items))


def send_uid_fetch(client: IMAPClient, uids: Sequence[int], items: Sequence[str]) -> bytes:
    """Send ``UID FETCH uids (items)`` without waiting for the answer; return its tag.

    Commands may be sent ahead (pipelined, RFC 3501 5.5): the server answers them in
    order, and each answer must be read with :func:`read_uid_fetch` before anything
    else is sent that reads its own answer."""
    imap = client._imap
    return bytes(imap._command("UID", "FETCH", uid_set(uids), to_bytes("(" + " ".join(i.upper() for i in items) + ")")))


def read_uid_fetch(client: IMAPClient, tag: bytes) -> list[Any]:
    """The FETCH data answering the command sent under ``tag`` (see :func:`raw_uid_fetch`)."""
    imap = client._imap
    try:
        typ, text, data = _read_fetch_answer(imap, tag)
    except imaplib.IMAP4.abort as exc:
        raise imap.abort(f"command: FETCH => {exc}") from None
    imap._check_bye()
    client._checkok("fetch", typ, [text])
    return data


def _read_fetch_answer(imap: imaplib.IMAP4, tag: bytes) -> tuple[str, bytes, list[Any]]:
    """Read up to the tagged answer to ``tag``: (its status, its text, the FETCH data)."""
    fetched: list[Any] = []
    tagged = tag + b" "
    while True:
        line = _line(imap)
        if line.startswith(tagged):
            imap.tagged_commands.pop(tag, None)
            status, _, text = line[len(tagged) :].partition(b" ")
            return status.decode("ascii", "replace"), text, fetched
        fetch = _FETCH_LINE.match(line)
        if fetch is not None:
            data = fetch[1] + b" " + fetch[2]
            while (literal := _LITERAL.search(data)) is not None:
                fetched.append((data, imap.read(int(literal[1]))))
                data = _line(imap)
            fetched.append(data)
        else:
            _file_other(imap, line)


def _line(imap: imaplib.IMAP4) -> bytes:
    line = imap.readline()
    if not line:
        raise imap.abort("socket error: EOF")
    if not line.endswith(b"\r\n"):
        raise imap.abort(f"socket error: unterminated line: {line[:100]!r}")
    return line[:-2]


def _file_other(imap: imaplib.IMAP4, line: bytes) -> None:
    """File an untagged answer that is not FETCH data as imaplib's reader would
    (``untagged_responses`` by type, literals as pairs, response codes too)."""
    status = _UNTAGGED_STATUS.match(line)
    match = status or _UNTAGGED.match(line)
    if match is None:
        raise imap.abort(f"unexpected response: {line[:100]!r}")
    typ = match["type"].decode("ascii", "replace")
    data = match["data"] or b""
    if status is not None and match["data2"]:
        data += b" " + match["data2"]
    while (literal := _ANY_LITERAL.match(data)) is not None:
        imap._append_untagged(typ, (data, imap.read(int(literal["size"]))))
        data = _line(imap)
    imap._append_untagged(typ, data)
    if typ in ("OK", "NO", "BAD") and (code := _RESPONSE_CODE.match(data)) is not None:
        imap._append_untagged(code["type"].decode("ascii", "replace"), code["data"])


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
