"""Bytes -> :class:`Envelope`: the fast path, headers only.

``parse_envelope`` is run on every message a source yields, so it only looks at the
header block, with the stdlib's compat32 header parser and a fast path for plain
address headers. The full parse of the few messages that may belong to a program is
in :mod:`inboxcoach.core.body`.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import re
from email.message import Message

from inboxcoach.core.headers import (
    _message_keys,
    _parse_date,
    _raw,
    decode_header_value,
    parse_addresses,
    parse_labels,
)
from inboxcoach.core.model import Envelope

__all__ = [
    "MalformedMessage",
    "decode_header_value",
    "header_block",
    "parse_addresses",
    "parse_envelope",
    "parse_labels",
    "read_envelope",
]

_HEADER_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)
_HEADER_LINE = re.compile(rb"^[!-9;-~]+[ \t]*:")
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})

# Caps on what one message's headers may cost: the header block (of the message or
# of one MIME part) read at all, and the values kept of one field.
_MAX_HEADER_BYTES = 1_000_000
_MAX_ID = 500  # characters of a Message-ID; a longer one is kept as its hash
_MAX_SUBJECT = 1_000  # characters of a subject kept


class MalformedMessage(Exception):
    """The bytes are not a mail message at all; ``reason`` says why ("no headers")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --------------------------------------------------------------------------- headers


_BLANK_LINE = re.compile(rb"\n\r?\n")  # from a line's end to the next's: an empty line between


def _find_blank_line(data: bytes, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """Return (end of header block, start of body) for data[start:end].

    When there is no blank line the whole range is the header block and the body
    is empty. The blank line is the first of ``\\n\\n``, ``\\r\\n\\r\\n`` and ``\\n\\r\\n``;
    the header block keeps the first line end's ``\\n`` (its ``\\r`` too). One scan
    that stops there: searching for each separator in turn read a CRLF message to its
    end for the ``\\n\\n`` it does not have (0.13 ms of a 2 KB message's analysis).
    """
    stop = len(data) if end is None else end
    if data.startswith(b"\n", start):
        return start, start + 1
    if data.startswith(b"\r\n", start):
        return start, start + 2
    found = _BLANK_LINE.search(data, start, stop)
    if found is None:
        return stop, stop
    # "\n\n" or "\n\r\n"; "\r\n\r\n" when a "\r" comes before (it lies in the range:
    # a blank line at ``start`` itself was answered above)
    at, body = found.span()
    if body - at == 3 and data[at - 1] == 0x0D:
        return at, body
    return at + 1, body


def header_block(data: bytes) -> bytes:
    """Return the header block of a message: the bytes up to and including the
    first blank line (or all of ``data`` when there is no blank line). Never raises."""
    head_end, body_start = _find_blank_line(data)
    return data[:body_start] if body_start > head_end else data[:head_end]


class _Headers:
    """Raw header values by lower-cased name. compat32's ``Message.get`` turns values
    with 8-bit bytes into ``Header`` objects; ``raw_items`` keeps them as str.

    Look fields up by their lower-case names: this runs for every message."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, list[str]]) -> None:
        self.values = values

    @classmethod
    def of(cls, message: Message) -> _Headers:
        values: dict[str, list[str]] = {}
        for name, value in message.raw_items():
            values.setdefault(name.strip().lower(), []).append(str(value))
        return cls(values)

    def get(self, name: str) -> str | None:
        values = self.values.get(name)
        return values[0] if values else None

    def get_all(self, name: str) -> list[str]:
        return self.values.get(name, [])


def _is_automated(headers: _Headers) -> bool:
    if headers.get("list-id") is not None:
        return True
    auto = _raw(headers.get("auto-submitted")).lower()
    if auto and auto.split(";")[0].strip() != "no":
        return True
    return _raw(headers.get("precedence")).lower() in _BULK_PRECEDENCE


def _synthetic_key(headers: _Headers) -> str:
    parts = [_raw(headers.get(name)) for name in ("date", "from", "to", "subject")]
    digest = hashlib.sha1("|".join(parts).encode("utf-8", "replace")).hexdigest()
    return "sha1:" + digest


def _parse_header_block(data: bytes, size: int | None = None) -> _Headers:
    block = header_block(data)
    # An mbox "From " separator line left in front of the headers is not a header.
    if block.startswith(b"From ") and not block.startswith(b"From:"):
        block = block.split(b"\n", 1)[1] if b"\n" in block else b""
    if not block.strip() or not _HEADER_LINE.match(block.lstrip(b"\r\n")):
        # ``data`` may be only the header block a source read; ``size`` tells whether a
        # body followed the (missing) headers.
        empty = (not data or data.isspace()) and (size is None or size <= len(data))
        raise MalformedMessage("empty message" if empty else "no headers")
    fields = _plain_fields(block) if len(block) <= _MAX_HEADER_BYTES else None
    if fields:
        return _Headers(fields)
    headers = _HEADER_PARSER.parsebytes(block[:_MAX_HEADER_BYTES])
    if not headers.keys():
        raise MalformedMessage("no headers")
    return _Headers.of(headers)


# A header block of plain fields: ``Name: value`` lines, each with its folded
# continuation lines, then at most the blank line that ends the block.
_FIELD = r"[!-9;-~]+:[^\n]*(?:\n[ \t][^\n]*)*"
_PLAIN_BLOCK = re.compile(rf"(?:{_FIELD}\n)*(?:{_FIELD})?\r?\n?")
_FIELD_PARTS = re.compile(r"^([!-9;-~]+):[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)", re.MULTILINE)


def _plain_fields(block: bytes) -> dict[str, list[str]] | None:
    """The fields of a plain header block, split exactly as compat32's parser splits
    them (the value without its leading blanks and final line break, folds kept), at
    a fraction of the cost. None when the block is anything else (a bare CR, a line
    that is no field, an mbox ``From `` line, no field at all): the stdlib parser
    handles those."""
    text = block.decode("ascii", "surrogateescape")
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return None
    if not _PLAIN_BLOCK.fullmatch(text):
        return None
    values: dict[str, list[str]] = {}
    for name, value in _FIELD_PARTS.findall(text):
        values.setdefault(name.lower(), []).append(value.rstrip("\r\n"))
    return values or None


def _addresses(values: list[str] | None) -> tuple[str, ...]:
    return tuple(addr for _, addr in parse_addresses(values)) if values else ()


def read_envelope(data: bytes, size: int | None = None) -> Envelope | MalformedMessage:
    """:func:`parse_envelope` for a pipeline that must go on: whatever goes wrong with
    one message comes back as a :class:`MalformedMessage` naming the reason, never
    as an exception."""
    try:
        return parse_envelope(data, size)
    except MalformedMessage as exc:
        return exc
    except RecursionError:
        return MalformedMessage("headers nested too deeply")
    except Exception as exc:  # noqa: BLE001 - one message must never stop a pass
        return MalformedMessage(f"unreadable headers ({type(exc).__name__})")


def parse_envelope(data: bytes, size: int | None = None) -> Envelope:
    """Return the :class:`Envelope` of a message from its header block.

    ``data`` may be the whole message or only its header block; only the bytes up
    to the first blank line are parsed. ``key`` is the Message-ID without angle
    brackets, lower-cased (``message_id`` keeps its case); a message without one gets ``"sha1:<hex>"`` over its
    Date|From|To|Subject header values and the synthetic ``message_id``
    ``"<sha1:<hex>@inboxcoach>"``. ``size`` defaults to ``len(data)``.

    Raises MalformedMessage when there is no header line at all (empty bytes, a
    body-only blob). Undecodable header bytes and bad charsets never raise.
    """
    headers = _parse_header_block(data, size)
    values = headers.values  # by lower-cased name: looked up directly, this runs for every message

    ids = _message_keys(headers.get("message-id"), lower=False)
    if ids and len(ids[0]) > _MAX_ID:
        ids = ("sha1:" + hashlib.sha1(ids[0].encode("utf-8", "replace")).hexdigest() + "@long-id",)
    if ids:
        key = ids[0].lower()
        message_id = f"<{ids[0]}>"  # shown as the sender wrote it; identity ignores case
    else:
        key = _synthetic_key(headers)
        message_id = f"<{key}@inboxcoach>"

    from_values = values.get("from")
    senders = parse_addresses(from_values) if from_values else []
    from_name, from_addr = senders[0] if senders else ("", "")
    subject = headers.get("subject")
    in_reply_to = headers.get("in-reply-to")
    references = headers.get("references")
    labels = headers.get("x-gmail-labels")

    return Envelope(
        key=key,
        message_id=message_id,
        date=_parse_date(headers.get("date")),
        from_addr=from_addr,
        from_name=from_name,
        reply_to=_addresses(values.get("reply-to")),
        to=_addresses(values.get("to")),
        cc=_addresses(values.get("cc")),
        bcc=_addresses(values.get("bcc")),
        subject=decode_header_value(subject)[:_MAX_SUBJECT] if subject else "",
        in_reply_to=_message_keys(in_reply_to) if in_reply_to else (),
        references=_message_keys(references) if references else (),
        automated=_is_automated(headers),
        labels=parse_labels(labels) if labels else (),
        size=len(data) if size is None else size,
    )
