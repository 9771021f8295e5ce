"""Bytes -> :class:`Body`: the full parse, for the few messages that may belong to a program.

``parse_body`` uses mail-parser, with attachments dropped first when the message is
large (on byte offsets, so a 20 MB attachment is never copied or decoded), HTML turned
into text with inscriptis, and a best-effort stdlib parse when mail-parser fails.

Nothing here logs message content: mail-parser's own logger (which logs raw header
values at ERROR) is silenced at import.
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from email.message import Message
from functools import cache
from typing import Any

from inboxcoach.core.boundary import install as _install_boundary_matcher
from inboxcoach.core.headers import _decode_bytes
from inboxcoach.core.model import Body
from inboxcoach.core.parse import (
    _HEADER_PARSER,
    _MAX_HEADER_BYTES,
    MalformedMessage,
    _find_blank_line,
    header_block,
)

__all__ = ["html_to_text", "parse_body", "strip_attachments"]

for _name in ("mailparser", "mailparser.core", "mailparser.utils"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# Parts nested deeper than this are dropped when pre-filtering a large message.
_MAX_DEPTH = 40

_TEXT_TYPES = frozenset({"text/plain", "text/html"})


def _reduce_part(data: bytes, start: int, end: int, depth: int, cap: int, out: list[bytes]) -> None:
    """Append to ``out`` the part data[start:end] with every non-text body dropped.

    Works on offsets so a 20 MB attachment is never copied or decoded.
    """
    head_end, body_start = _find_blank_line(data, start, min(end, start + _MAX_HEADER_BYTES))
    if body_start > end:
        body_start = end
    headers = _HEADER_PARSER.parsebytes(data[start:head_end])
    ctype = headers.get_content_type()
    out.append(data[start:body_start])
    if depth >= _MAX_DEPTH:
        return
    if ctype.startswith("multipart/"):
        boundary = headers.get_boundary()
        if not boundary:
            out.append(data[body_start : min(end, body_start + cap)])
            return
        _reduce_multipart(data, body_start, end, boundary, depth, cap, out)
    elif ctype == "message/rfc822":
        _reduce_part(data, body_start, end, depth + 1, cap, out)
    elif ctype in _TEXT_TYPES and headers.get_content_disposition() != "attachment":
        out.append(data[body_start : min(end, body_start + cap)])


def _reduce_multipart(
    data: bytes, start: int, end: int, boundary: str, depth: int, cap: int, out: list[bytes]
) -> None:
    delim = b"--" + boundary.encode("ascii", "surrogateescape").strip()
    marks: list[int] = []
    pos = start
    while True:
        found = data.find(delim, pos, end)
        if found == -1:
            break
        if found == start or data[found - 1 : found] == b"\n":
            marks.append(found)
        pos = found + len(delim)
    if not marks:
        out.append(data[start : min(end, start + cap)])
        return
    for index, mark in enumerate(marks):
        line_end = data.find(b"\n", mark, end)
        line_end = end if line_end == -1 else line_end + 1
        out.append(data[mark:line_end])
        if data.startswith(delim + b"--", mark):
            break
        part_end = marks[index + 1] if index + 1 < len(marks) else end
        if line_end < part_end:
            _reduce_part(data, line_end, part_end, depth + 1, cap, out)


def strip_attachments(data: bytes, cap: int = 2_000_000) -> bytes:
    """Return the message with every non-text MIME body removed and each text body
    cut to ``cap`` bytes; headers and structure are kept. Never raises on odd MIME."""
    out: list[bytes] = []
    try:
        _reduce_part(data, 0, len(data), 0, cap, out)
    except Exception:  # noqa: BLE001 - odd MIME of any kind: keep what surely is text
        return header_block(data)
    return b"".join(out)


def _payload_text(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, LookupError, AssertionError):
        payload = None
    if not isinstance(payload, bytes):
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    return _decode_bytes(payload, part.get_content_charset() or "utf-8")


def _stdlib_texts(data: bytes) -> tuple[list[str], list[str]]:
    """Best-effort text/plain and text/html bodies using the stdlib alone."""
    message = email.message_from_bytes(strip_attachments(data), policy=email.policy.compat32)
    plain: list[str] = []
    html: list[str] = []
    stack: list[tuple[Message, int]] = [(message, 0)]
    while stack:
        part, depth = stack.pop()
        payload = part.get_payload()
        if part.is_multipart() and isinstance(payload, list):
            if depth < _MAX_DEPTH:
                stack.extend((sub, depth + 1) for sub in reversed(payload) if isinstance(sub, Message))
            continue
        if part.get_content_disposition() == "attachment":
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain":
            plain.append(_payload_text(part))
        elif ctype == "text/html":
            html.append(_payload_text(part))
    return plain, html


# The top-level header fields that decide how the body is read.
_CONTENT_FIELD = re.compile(rb"(?:content-|mime-version)", re.I)
_FIELD_START = re.compile(rb"(?<=\n)(?![ \t])")


def _content_headers_only(data: bytes) -> bytes:
    """The message with only its Content-* and MIME-Version header fields. mail-parser
    decodes every address and header eagerly, a third of its time; the text of the
    body needs none of them (the envelope was read on the fast path)."""
    head_end, _ = _find_blank_line(data, 0, min(len(data), _MAX_HEADER_BYTES))
    fields = _FIELD_START.split(data[:head_end])
    return b"".join(f for f in fields if _CONTENT_FIELD.match(f)) + data[head_end:]


def _mailparser_texts(data: bytes) -> tuple[list[str], list[str]]:
    parsed = _text_parser().from_bytes(_content_headers_only(data))
    return [str(t) for t in parsed.text_plain], [str(t) for t in parsed.text_html]


@cache
def _text_parser() -> Any:
    """mail-parser's ``MailParser`` without the two dictionaries of every header and
    part (``mail``, ``mail_partial``) that its ``parse`` builds at the end: a third of
    its time, and only the texts are read here. ``_make_mail`` is private to
    mail-parser 4.8 (the version range in pyproject.toml); a version without it gets
    the class as it is."""
    import mailparser  # type: ignore[import-untyped]  # late: only program mail is parsed fully

    _install_boundary_matcher()  # no expression compiled per multipart boundary
    if not callable(getattr(mailparser.MailParser, "_make_mail", None)):
        return mailparser.MailParser

    class TextOnly(mailparser.MailParser):  # type: ignore[misc]
        def _make_mail(self, complete: bool = True) -> dict[str, object]:
            return {}

    return TextOnly


def _boundaryless_body(data: bytes) -> str:
    """A multipart message without a boundary has no parts to find; its body is
    then read as plain text (the best guess at what the sender wrote)."""
    head_end, body_start = _find_blank_line(data, 0, min(len(data), _MAX_HEADER_BYTES))
    headers = _HEADER_PARSER.parsebytes(data[:head_end])
    if not headers.get_content_type().startswith("multipart/") or headers.get_boundary():
        return ""
    body = data[body_start:]
    if b"\x00" in body:
        return ""
    return _decode_bytes(body, headers.get_content_charset() or "utf-8")


def html_to_text(html: str) -> str:
    """Return the readable text of an HTML body (inscriptis); "" when it cannot be
    converted. Never raises."""
    try:
        from inscriptis import get_text  # type: ignore[import-untyped]

        return str(get_text(html))
    except Exception:  # noqa: BLE001 - a broken HTML body must not stop a scan
        return ""


def parse_body(data: bytes, max_bytes: int = 2_000_000) -> Body:
    """Return the :class:`Body` of a full message.

    ``text`` is the text/plain parts joined (or, when there are none, the HTML parts
    converted to text); ``own_words`` is :func:`inboxcoach.core.text.own_words` of it.
    Messages larger than ``max_bytes`` have their attachments dropped before
    parsing. Truncated parts, missing boundaries, bad charsets and deep nesting
    never raise: they give best-effort or empty text.

    Raises MalformedMessage when ``data`` is empty or whitespace only.
    """
    if not data or data.isspace():
        raise MalformedMessage("empty message")
    source = strip_attachments(data, max_bytes) if len(data) > max_bytes else data
    try:
        plain, html = _mailparser_texts(source)
    except Exception:  # noqa: BLE001 - mail-parser raises many kinds; fall back
        try:
            plain, html = _stdlib_texts(source)
        except Exception:  # noqa: BLE001 - nothing usable: empty text
            plain, html = [], []
    plain = [p for p in plain if p.strip()]
    text = "\n".join(plain) if plain else "\n".join(html_to_text(h) for h in html if h.strip())
    if not text.strip():
        text = _boundaryless_body(source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from inboxcoach.core.text import own_words

    return Body(text=text, own_words=own_words(text))
